/**
 * The names of the packages a project's production install puts in the venv, as far as its files tell:
 * the start command only names a server (gunicorn, uvicorn, …) that is installed.
 *
 * Read from uv.lock (what the project's own entries depend on, through extras; every package when the lock
 * has no project entry), poetry.lock (main group, not optional), pdm.lock (default group), Pipfile.lock
 * ("default"), requirement files (following `-r`/`--requirement` includes relative to the including file,
 * cycle-safe and bounded; `-c` constraint files are followed but constrain, they install nothing), and
 * pyproject.toml (`[project] dependencies`, `[tool.poetry.dependencies]`). Names are PEP 503 normalised.
 *
 * Lockfiles are scanned line by line rather than parsed as TOML: a 2,000-package lock takes ~100 ms to
 * parse and this runs on every build. Every function is linear in its input and total: garbage in, fewer
 * names out.
 */
import type { ProjectFiles, Pyproject } from "../project.js";
import { tryParsePyproject } from "../project.js";
import { joinRelative, lines, normalizeName, requirementExtras, requirementName } from "./text.js";

export interface DependencyNames {
  /** PEP 503 names (e.g. "gunicorn", "uvicorn", "django"). */
  readonly names: ReadonlySet<string>;
  /** The files the names were read from, in reading order (e.g. "uv.lock", "requirements/base.txt"). */
  readonly sources: readonly string[];
  /** Requirement includes that could not be read: not in the context (or not transferred), or past the bounds. */
  readonly missing: readonly string[];
}

export interface DependencyOptions {
  /**
   * The requirement files pip installs, in order. Default: requirements.txt when present (the default of
   * [dependencies] requirements).
   */
  readonly requirements?: readonly string[];
}

/** Requirement files followed through includes, at most. */
export const MAX_REQUIREMENT_FILES = 64;
/** Include depth, at most. */
export const MAX_INCLUDE_DEPTH = 16;

export function dependencyNames(files: ProjectFiles, pyproject?: Pyproject, options: DependencyOptions = {}): DependencyNames {
  const names = new Set<string>();
  const sources: string[] = [];
  const missing: string[] = [];
  const add = (source: string, found: Iterable<string>) => {
    sources.push(source);
    for (const n of found) names.add(n);
  };

  const uv = files.read("uv.lock");
  if (uv !== undefined) add("uv.lock", uvLockNames(uv));
  const poetry = files.read("poetry.lock");
  if (poetry !== undefined) add("poetry.lock", poetryLockNames(poetry));
  const pdm = files.read("pdm.lock");
  if (pdm !== undefined) add("pdm.lock", pdmLockNames(pdm));
  const pipfile = files.read("Pipfile.lock");
  if (pipfile !== undefined) add("Pipfile.lock", pipfileLockNames(pipfile));

  const roots = options.requirements ?? (files.read("requirements.txt") !== undefined ? ["requirements.txt"] : []);
  const reqs = requirementNames(files, roots);
  for (const s of reqs.read) sources.push(s);
  for (const n of reqs.names) names.add(n);
  missing.push(...reqs.missing);

  let p = pyproject;
  if (!p) {
    const text = files.read("pyproject.toml");
    if (text !== undefined) p = tryParsePyproject(text);
  }
  if (p && (p.dependencies.length > 0 || p.poetryDependencies.length > 0)) add("pyproject.toml", pyprojectNames(p));
  return { names, sources, missing };
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
]);

/** A requirement's name and what it is known to install along with its extras (see IMPLIED). */
function namesOfRequirement(req: string, out: Set<string>): void {
  const n = requirementName(req);
  if (!n) return;
  out.add(n);
  const implied = IMPLIED.get(n);
  if (!implied) return;
  for (const key of ["", ...requirementExtras(req)]) for (const m of implied.get(key) ?? []) out.add(m);
}

/** `[project] dependencies` and `[tool.poetry.dependencies]` (without python), normalised. */
export function pyprojectNames(p: Pyproject): Set<string> {
  const out = new Set<string>();
  for (const d of p.dependencies) namesOfRequirement(d, out);
  for (const k of p.poetryDependencies) namesOfRequirement(k, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// TOML lockfiles, by lines

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

/** Splits an inline table's body on commas outside strings and brackets. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "," && depth <= 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Bracket depth change of a line, outside strings. */
function bracketDelta(line: string): number {
  let d = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") break;
    else if (c === "[") d++;
    else if (c === "]") d--;
  }
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

// ---------------------------------------------------------------------------------------------------------------
// Requirement files

export interface RequirementNames {
  readonly names: Set<string>;
  /** Files read, in order. */
  readonly read: string[];
  readonly missing: string[];
}

/** Requirement lines joined across backslash continuations, with comments removed. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let acc = "";
  for (const raw of lines(text)) {
    // A comment starts at "#" at the line start or after whitespace (a URL's "#egg=" fragment is kept).
    let line = raw;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "#" && (i === 0 || line[i - 1] === " " || line[i - 1] === "\t")) {
        line = line.slice(0, i);
        break;
      }
    }
    if (line.endsWith("\\")) {
      acc += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(acc + line);
    acc = "";
  }
  if (acc !== "") out.push(acc);
  return out;
}

const INCLUDE_OPTIONS: readonly [string, "requirement" | "constraint"][] = [
  ["--requirement", "requirement"],
  ["--constraint", "constraint"],
  ["-r", "requirement"],
  ["-c", "constraint"],
];

/** `-r x`, `-rx`, `--requirement x`, `--requirement=x` (and -c) → the kind and the path. */
function includeOf(line: string): { kind: "requirement" | "constraint"; path: string } | undefined {
  for (const [opt, kind] of INCLUDE_OPTIONS) {
    if (!line.startsWith(opt)) continue;
    let rest = line.slice(opt.length);
    if (opt.startsWith("--")) {
      if (rest.startsWith("=")) rest = rest.slice(1);
      else if (!rest.startsWith(" ") && !rest.startsWith("\t")) continue;
    }
    const path = rest.trim().split(/[ \t]/)[0] ?? "";
    return path ? { kind, path } : undefined;
  }
  return undefined;
}

/** The name of a URL or path requirement: `#egg=name`, or a wheel's file name. */
function nameOfLocation(word: string): string | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(word);
  if (egg?.[1]) return normalizeName(egg[1]);
  const file = word.slice(word.lastIndexOf("/") + 1);
  if (file.endsWith(".whl")) return requirementName(file.slice(0, file.indexOf("-") > 0 ? file.indexOf("-") : undefined));
  return undefined;
}

function requirementLineNames(line: string, out: Set<string>): void {
  const word = line.split(/[ \t;]/)[0] ?? "";
  if (word.includes("://") || word.startsWith(".") || word.startsWith("/") || word.endsWith(".whl") || word.endsWith(".tar.gz") || word.endsWith(".zip")) {
    const n = nameOfLocation(word);
    if (n) out.add(n);
    return;
  }
  namesOfRequirement(line, out);
}

/**
 * The names the given requirement files install, following `-r` includes (and reading `-c` constraint
 * files, which add no names) relative to the including file. Cycle-safe; bounded by MAX_REQUIREMENT_FILES
 * and MAX_INCLUDE_DEPTH.
 */
export function requirementNames(files: ProjectFiles, roots: readonly string[]): RequirementNames {
  const names = new Set<string>();
  const read: string[] = [];
  const missing: string[] = [];
  const visited = new Set<string>();
  const stack: { path: string; depth: number; kind: "requirement" | "constraint" }[] = roots
    .map((path) => ({ path, depth: 0, kind: "requirement" as const }))
    .reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const key = `${item.kind}:${item.path}`;
    if (visited.has(key)) continue;
    visited.add(key);
    if (read.length >= MAX_REQUIREMENT_FILES || item.depth > MAX_INCLUDE_DEPTH) {
      missing.push(item.path);
      continue;
    }
    const text = files.read(item.path);
    if (text === undefined) {
      missing.push(item.path);
      continue;
    }
    read.push(item.path);
    const includes: typeof stack = [];
    for (const l of logicalLines(text)) {
      const line = l.trim();
      if (line === "") continue;
      if (line.startsWith("-")) {
        const inc = includeOf(line);
        if (inc) {
          const path = joinRelative(item.path, inc.path);
          if (path) includes.push({ path, depth: item.depth + 1, kind: item.kind === "constraint" ? "constraint" : inc.kind });
          else missing.push(inc.path);
          continue;
        }
        const editable = /^(?:-e|--editable)(?:[ \t]+|=)(\S+)/.exec(line);
        if (editable?.[1] && item.kind === "requirement") {
          const n = nameOfLocation(editable[1]);
          if (n) names.add(n);
        }
        continue;
      }
      if (item.kind !== "requirement") continue;
      requirementLineNames(line, names);
    }
    for (let i = includes.length - 1; i >= 0; i--) stack.push(includes[i] as (typeof stack)[number]);
  }
  return { names, read, missing };
}
