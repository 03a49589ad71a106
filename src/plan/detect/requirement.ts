/**
 * PEP 508 requirement strings as detection reads them: the distribution name (PEP 503 normalised), the
 * extras, and what a few well-known requirements are known to install along with them, so that a server
 * pulled in by `fastapi[standard]` or `quart` counts as installed. Linear and total.
 */
import { normalizeName } from "../../core/text.js";

const isNameStart = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9._-]$/.test(c);

/** The distribution name a PEP 508 requirement string starts with, normalised; undefined when none. */
export function requirementName(req: string): string | undefined {
  let i = 0;
  while (i < req.length && (req[i] === " " || req[i] === "\t")) i++;
  if (!isNameStart(req[i])) return undefined;
  const start = i;
  while (i < req.length && isNameChar(req[i])) i++;
  // A name ends with a letter or digit (PEP 508): "foo-" is "foo".
  let end = i;
  while (end > start && !isNameStart(req[end - 1])) end--;
  return normalizeName(req.slice(start, end));
}

/** The extras of a PEP 508 requirement (`fastapi[standard]` → ["standard"]), normalised. */
export function requirementExtras(req: string): string[] {
  let i = 0;
  while (i < req.length && (req[i] === " " || req[i] === "\t")) i++;
  while (i < req.length && isNameChar(req[i])) i++;
  while (req[i] === " " || req[i] === "\t") i++;
  if (req[i] !== "[") return [];
  const close = req.indexOf("]", i);
  if (close < 0) return [];
  return req
    .slice(i + 1, close)
    .split(",")
    .map((e) => normalizeName(e.trim()))
    .filter(Boolean);
}

/**
 * What a few well-known requirements install for sure, for manifests that list direct dependencies only
 * (requirement files, pyproject.toml; a lock lists everything): "" is the requirement itself, other keys
 * its extras. E.g. `fastapi[standard]` installs uvicorn, `quart` installs hypercorn.
 */
const IMPLIED: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map([
  ["fastapi", new Map([["standard", ["uvicorn", "fastapi-cli"]], ["standard-no-fastapi-cloud-cli", ["uvicorn", "fastapi-cli"]], ["all", ["uvicorn"]]])],
  ["litestar", new Map([["standard", ["uvicorn"]], ["uvicorn", ["uvicorn"]]])],
  ["python-fasthtml", new Map([["", ["uvicorn", "starlette"]]])],
  ["quart", new Map([["", ["hypercorn"]]])],
  ["channels", new Map([["daphne", ["daphne"]]])],
  // Extras that install a binary build instead of a source one (native-packages.ts then adds nothing).
  ["pyvips", new Map([["binary", ["pyvips-binary"]]])],
  ["psycopg", new Map([["binary", ["psycopg-binary"]], ["c", ["psycopg-c"]]])],
]);

/** A requirement's name and what it is known to install along with its extras (see IMPLIED). */
export function namesOfRequirement(req: string, out: Set<string>): void {
  const n = requirementName(req);
  if (!n) return;
  out.add(n);
  const implied = IMPLIED.get(n);
  if (!implied) return;
  for (const key of ["", ...requirementExtras(req)]) for (const m of implied.get(key) ?? []) out.add(m);
}
