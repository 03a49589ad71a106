/**
 * The package names a lockfile installs for production: uv.lock (what the project's own entries depend
 * on, through extras; every package when the lock has no project entry), poetry.lock (main group, not
 * optional), pdm.lock (default group) and Pipfile.lock ("default"). The TOML locks are scanned line by
 * line rather than parsed: a 2,000-package lock takes ~100 ms to parse and this runs on every build.
 * Every function is linear in its input and total: garbage in, fewer names out.
 */
import { normalizeName } from "../../core/text.js";
import { requirementName } from "./requirement.js";
import { lines } from "./text.js";

/** `key = "string"` on one line → the string (basic or literal quotes); undefined otherwise. */
function stringValue(line: string, key: string): string | undefined {
  if (!line.startsWith(key)) return undefined;
  let i = key.length;
  while (line[i] === " " || line[i] === "\t") i++;
  if (line[i] !== "=") return undefined;
  i++;
  while (line[i] === " " || line[i] === "\t") i++;
  const q = line[i];
  if (q !== '"' && q !== "'") return undefined;
  const end = line.indexOf(q, i + 1);
  return end > i ? line.slice(i + 1, end) : undefined;
}

/** The quoted strings of a one-line array `key = ["a", "b"]`; undefined when the line is not that key. */
function stringArray(line: string, key: string): string[] | undefined {
  if (!line.startsWith(key)) return undefined;
  const rest = line.slice(key.length).trimStart();
  if (!rest.startsWith("=")) return undefined;
  return quoted(rest.slice(1));
}

/** Every "…" or '…' string in a text, in order (escapes in basic strings honoured). */
function quoted(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const q = text[i];
    if (q !== '"' && q !== "'") {
      i++;
      continue;
    }
    let j = i + 1;
    let s = "";
    while (j < text.length && text[j] !== q) {
      if (q === '"' && text[j] === "\\" && j + 1 < text.length) j++;
      s += text[j];
      j++;
    }
    out.push(s);
    i = j + 1;
  }
  return out;
}

interface LockPackage {
  name: string;
  /** One-line top-level values of the package table, raw (after "="). */
  readonly fields: Map<string, string>;
}

/** `[[package]]` blocks: their name and one-line top-level fields (sub-tables are skipped). */
function lockPackages(text: string): LockPackage[] {
  const out: LockPackage[] = [];
  let current: LockPackage | undefined;
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      if (line === "[[package]]") {
        current = { name: "", fields: new Map() };
        out.push(current);
      } else current = undefined;
      continue;
    }
    if (!current) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (current.fields.has(key)) continue;
    current.fields.set(key, line.slice(eq + 1).trim());
    if (key === "name") current.name = quoted(line.slice(eq + 1))[0] ?? "";
  }
  return out.filter((p) => p.name !== "");
}

/** poetry.lock: packages of the main group (Poetry 2 `groups`, Poetry 1 `category`), not optional ones. */
export function poetryLockNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const p of lockPackages(text)) {
    const groups = p.fields.get("groups");
    if (groups !== undefined && !quoted(groups).includes("main")) continue;
    const category = p.fields.get("category");
    if (category !== undefined && quoted(category)[0] !== "main") continue;
    if (p.fields.get("optional") === "true") continue;
    out.add(normalizeName(p.name));
  }
  return out;
}

/** pdm.lock: packages of the default group. */
export function pdmLockNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const p of lockPackages(text)) {
    const groups = p.fields.get("groups");
    if (groups !== undefined && !quoted(groups).includes("default")) continue;
    out.add(normalizeName(p.name));
  }
  return out;
}

interface UvDep {
  readonly name: string;
  readonly extras: readonly string[];
}
interface UvPackage {
  readonly deps: UvDep[];
  readonly optional: Map<string, UvDep[]>;
  root: boolean;
}

/** `{ name = "x", extra = ["a"] }` items of an inline array's text. */
function uvDeps(text: string): UvDep[] {
  const out: UvDep[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    const close = text.indexOf("}", open);
    const item = text.slice(open + 1, close < 0 ? text.length : close);
    i = close < 0 ? text.length : close + 1;
    let name: string | undefined;
    let extras: string[] = [];
    for (const part of splitTopLevel(item)) {
      const t = part.trim();
      name ??= stringValue(t, "name");
      extras = stringArray(t, "extra") ?? extras;
    }
    if (name) out.push({ name: normalizeName(name), extras: extras.map(normalizeName) });
  }
  return out;
}

/**
 * Calls `visit` with each character of `text` that stands outside "…" and '…' strings (escapes in basic
 * strings honoured), and its index; stops when `visit` returns false.
 */
function outsideStrings(text: string, visit: (c: string, i: number) => boolean | void): void {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (visit(c, i) === false) return;
  }
}

/** Splits an inline table's body on commas outside strings and brackets. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  outsideStrings(text, (c, i) => {
    if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "," && depth <= 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  });
  out.push(text.slice(start));
  return out;
}

/** Bracket depth change of a line, outside strings and before a comment. */
function bracketDelta(line: string): number {
  let d = 0;
  outsideStrings(line, (c) => {
    if (c === "#") return false;
    if (c === "[") d++;
    else if (c === "]") d--;
    return true;
  });
  return d;
}

/**
 * uv.lock: the packages `uv sync --no-dev` installs — the project's own entries (source editable or
 * virtual) and what they depend on, through extras — or every package when the lock has no such entry.
 */
export function uvLockNames(text: string): Set<string> {
  const packages = new Map<string, UvPackage>();
  const all = new Set<string>();
  let current: UvPackage | undefined;
  let section: "package" | "optional" | "other" = "other";
  let collecting: UvDep[] | undefined;
  let buffer = "";
  let depth = 0;
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (collecting) {
      buffer += `${line}\n`;
      depth += bracketDelta(line);
      if (depth <= 0) {
        collecting.push(...uvDeps(buffer));
        collecting = undefined;
      }
      continue;
    }
    if (line.startsWith("[")) {
      if (line === "[[package]]") {
        current = undefined;
        section = "package";
      } else if (line === "[package.optional-dependencies]") section = "optional";
      else section = "other";
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().replace(/^"|"$/g, "");
    const value = line.slice(eq + 1).trim();
    let target: UvDep[] | undefined;
    if (section === "package") {
      if (key === "name" && !current) {
        const name = normalizeName(quoted(value)[0] ?? "");
        if (!name) continue;
        all.add(name);
        current = packages.get(name);
        if (!current) {
          current = { deps: [], optional: new Map(), root: false };
          packages.set(name, current);
        }
        continue;
      }
      if (!current) continue;
      if (key === "source" && /(^|[{,\s])(editable|virtual)\s*=/.test(value)) current.root = true;
      if (key === "dependencies") target = current.deps;
    } else if (section === "optional" && current) {
      target = current.optional.get(key);
      if (!target) {
        target = [];
        current.optional.set(key, target);
      }
    }
    if (!target || !value.startsWith("[")) continue;
    depth = bracketDelta(value);
    if (depth <= 0) target.push(...uvDeps(value));
    else {
      collecting = target;
      buffer = `${value}\n`;
    }
  }

  const roots = [...packages].filter(([, p]) => p.root);
  if (roots.length === 0) return all;
  const out = new Set<string>();
  const seen = new Set<string>();
  const queue: UvDep[] = roots.map(([name]) => ({ name, extras: [] }));
  while (queue.length > 0) {
    const dep = queue.pop();
    if (!dep) break;
    out.add(dep.name);
    const pkg = packages.get(dep.name);
    if (!pkg) continue;
    for (const key of ["", ...dep.extras]) {
      const id = `${dep.name}[${key}]`;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(key === "" ? pkg.deps : (pkg.optional.get(key) ?? [])));
    }
  }
  return out;
}

/** Pipfile.lock: the "default" section's package names. */
export function pipfileLockNames(text: string): Set<string> {
  const out = new Set<string>();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !Object.hasOwn(doc, "default")) return out;
  const section: unknown = (doc as Record<string, unknown>)["default"];
  if (typeof section !== "object" || section === null || Array.isArray(section)) return out;
  for (const k of Object.keys(section)) {
    const n = requirementName(k);
    if (n) out.add(n);
  }
  return out;
}
