/** PEP 508 requirement strings (and Poetry's `name (>=1.0)` form): name, extras, exact pin, direct URL, marker. */
import { normalizeName } from "../core/text.js";

interface Requirement {
  readonly name: string;
  readonly extras: string[];
  readonly marker: string | undefined;
  /** The exact version of a `==`/`===` pin, else "". */
  readonly version: string;
  readonly url: string | undefined;
}

/** PEP 508 (and Poetry's `name (>=1.0)`) requirement: name, extras, exact pin, direct URL, marker. */
export function parseRequirement(text: string): Requirement | undefined {
  const semi = text.indexOf(";");
  const marker = semi >= 0 ? text.slice(semi + 1).trim() || undefined : undefined;
  const head = (semi >= 0 ? text.slice(0, semi) : text).trim();
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s.exec(head);
  if (!m) return undefined;
  const extras = (m[2] ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map(normalizeName);
  const rest = (m[3] ?? "").trim();
  if (rest.startsWith("@")) return { name: normalizeName(m[1] ?? ""), extras, marker, version: "", url: rest.slice(1).trim() };
  const spec = rest.replace(/^\(|\)$/g, "").trim();
  const pin = /^===?\s*([^\s,*]+)$/.exec(spec);
  return { name: normalizeName(m[1] ?? ""), extras, marker, version: pin?.[1] ?? "", url: undefined };
}
