/**
 * Which CPython the images use, when [python] version is absent.
 *
 * Pins first, in this order (the first file present decides; a version pydock cannot build is an error
 * naming that file, never a silent fallback):
 *   .python-version · .tool-versions (`python 3.11.9`) · mise.toml / .mise.toml (`[tools] python`) ·
 *   runtime.txt (`python-3.11.9`) · Pipfile (`[requires] python_full_version`, then `python_version`)
 * then specifiers (PEP 440, plus Poetry's `^`, `~`, bare versions and `||`):
 *   pyproject `requires-python` · Poetry's `python` dependency · setup.py `python_requires=` ·
 *   setup.cfg `[options] python_requires`
 *
 * A pin keeps its patch release ("3.11.11" stays "3.11.11"). A specifier resolves to one of
 * SUPPORTED_PYTHONS, by a policy:
 * - CONTRACT_PYTHON_POLICY (the default; spec: "[python] version … then the lowest version allowed by
 *   requires-python; else an error asking for it"): the lowest supported minor the specifier allows; with
 *   nothing pinned, an error.
 * - ZERO_CONFIG_PYTHON_POLICY: the newest allowed minor up to DEFAULT_PYTHON, else the lowest allowed above
 *   it (so `>=3.9` → 3.13, `>=3.14` → 3.14), and DEFAULT_PYTHON, with a warning, when nothing pins one.
 *   Bounding by DEFAULT_PYTHON keeps results stable when a newer CPython is added to the list.
 *
 * Images are per minor, so a minor is "allowed" when some patch release of it satisfies the specifier.
 * `>3.10` and `<=3.12` written with two components are read as their authors mean them: 3.11 and later,
 * and up to all of 3.12.
 */
import type { ProjectFiles, Pyproject } from "../project.js";
import { parsePyproject } from "../project.js";
import { fail, ok, type Detected, type DetectedSource } from "./result.js";
import { isTable, lines, own, ownTable, parseToml, tomlError, tomlKeyLine } from "./text.js";

/** CPython minors pydock builds images for (official python:X.Y images), oldest first. */
export const SUPPORTED_PYTHONS: readonly string[] = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"];
/** The Python used when the zero-config policy finds nothing pinned, and the bound of its "newest" pick. */
export const DEFAULT_PYTHON = "3.13";

export interface PythonPolicy {
  /** Which allowed minor a specifier resolves to. */
  readonly prefer: "lowest" | "newest-up-to-default";
  /** Nothing pins a version: an error asking for one, or DEFAULT_PYTHON with a warning. */
  readonly unpinned: "error" | "default";
}
export const CONTRACT_PYTHON_POLICY: PythonPolicy = { prefer: "lowest", unpinned: "error" };
export const ZERO_CONFIG_PYTHON_POLICY: PythonPolicy = { prefer: "newest-up-to-default", unpinned: "default" };

const SUPPORTED_TEXT = SUPPORTED_PYTHONS.join(", ");
export const UNPINNED_MESSAGE =
  "cannot tell which Python to use: set [python] version, or add a .python-version file or requires-python to pyproject.toml";

// ---------------------------------------------------------------------------------------------------------------
// Specifiers

type Op = "==" | "===" | "!=" | ">=" | ">" | "<" | "<=" | "~=" | "^" | "~" | "any";
interface Clause {
  readonly op: Op;
  /** Release segments, e.g. [3, 11] or [3, 11, 9]. */
  readonly v: readonly number[];
  /** `==3.11.*` / `!=3.11.*`. */
  readonly wildcard: boolean;
}
/** OR of ANDs: `>=3.9,<3.12 || >=3.13` is [[>=3.9, <3.12], [>=3.13]]. */
export type PythonSpecifier = readonly (readonly Clause[])[];

const OPS: ReadonlySet<string> = new Set(["==", "===", "!=", ">=", ">", "<", "<=", "~=", "^", "~", "=", ""]);
/** PEP 440 pre/post/dev release words, longest first (matched greedily, never backtracking). */
const SUFFIX_WORDS = ["preview", "alpha", "beta", "post", "pre", "rev", "dev", "rc", "a", "b", "c", "r"];
/** Is `s` a PEP 440 pre/post/dev release and local version suffix ("rc1", ".post1", "+local")? Linear. */
function isVersionSuffix(s: string): boolean {
  let i = 0;
  const lower = s.toLowerCase();
  while (i < lower.length && lower[i] !== "+") {
    if ("-_.".includes(lower[i] ?? "")) i++;
    const word = SUFFIX_WORDS.find((w) => lower.startsWith(w, i));
    if (!word) return false;
    i += word.length;
    while (isDigit(lower[i])) i++;
  }
  return i === lower.length || /^\+[a-z0-9.]+$/.test(lower.slice(i));
}
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/**
 * Parses a specifier: PEP 440 clauses separated by commas, Poetry's whitespace-separated clauses,
 * `^`/`~`/bare versions and `||`. Pre/post/dev suffixes are ignored (images are per release). Undefined
 * when the text is not one, or constrains nothing.
 */
export function parsePythonSpecifier(text: string): PythonSpecifier | undefined {
  const groups: Clause[][] = [[]];
  const s = text.length > 4096 ? "" : text; // no real specifier is longer
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? "";
    if (c === " " || c === "\t" || c === "," || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "|") {
      while (s[i] === "|") i++;
      groups.push([]);
      continue;
    }
    if (c === "*") {
      groups[groups.length - 1]?.push({ op: "any", v: [], wildcard: false });
      i++;
      continue;
    }
    let op = "";
    while (i < s.length && "<>=!~^".includes(s[i] ?? "x") && op.length < 3) op += s[i++];
    if (!OPS.has(op)) return undefined;
    while (s[i] === " " || s[i] === "\t") i++;
    if (s[i] === "v") i++;
    const v: number[] = [];
    let wildcard = false;
    while (isDigit(s[i])) {
      let n = "";
      while (isDigit(s[i])) n += s[i++];
      v.push(Number(n.slice(0, 9)));
      if (s[i] === "." && isDigit(s[i + 1])) i++;
      else if (s[i] === "." && s[i + 1] === "*") {
        wildcard = true;
        i += 2;
        break;
      } else break;
    }
    if (v.length === 0 || v.length > 4) return undefined;
    // Pre-, post-, dev-release and local suffixes (rc1, .post1, +local): ignored; anything else is not a version.
    let end = i;
    while (end < s.length && !" \t,|\n\r".includes(s[end] ?? " ")) end++;
    if (end > i && (end - i > 64 || !isVersionSuffix(s.slice(i, end)))) return undefined;
    i = end;
    const norm: Op = op === "" || op === "=" ? "==" : (op as Op);
    if (norm === "~=" && v.length < 2) return undefined;
    if (wildcard && norm !== "==" && norm !== "!=") return undefined;
    groups[groups.length - 1]?.push({ op: norm, v, wildcard });
  }
  const nonEmpty = groups.filter((g) => g.length > 0);
  return nonEmpty.length > 0 && nonEmpty.length === groups.length ? nonEmpty : undefined;
}

function cmp(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
/** The next release at the precision written: 3.10 → 3.11, 3 → 4. */
const bump = (v: readonly number[]): number[] => [...v.slice(0, -1), (v[v.length - 1] ?? 0) + 1];
const prefixMatch = (x: readonly number[], v: readonly number[]) => v.every((n, i) => (x[i] ?? 0) === n);

function holds(c: Clause, x: readonly number[]): boolean {
  switch (c.op) {
    case "any":
      return true;
    case "==":
    case "===":
      return c.wildcard ? prefixMatch(x, c.v) : cmp(x, c.v) === 0;
    case "!=":
      return c.wildcard ? !prefixMatch(x, c.v) : cmp(x, c.v) !== 0;
    case ">=":
      return cmp(x, c.v) >= 0;
    case ">":
      return c.v.length <= 2 ? cmp(x, bump(c.v)) >= 0 : cmp(x, c.v) > 0;
    case "<":
      return cmp(x, c.v) < 0;
    case "<=":
      return c.v.length <= 2 ? cmp(x, bump(c.v)) < 0 : cmp(x, c.v) <= 0;
    case "~=":
      return cmp(x, c.v) >= 0 && prefixMatch(x, c.v.slice(0, -1));
    case "^": {
      const first = c.v.findIndex((n) => n !== 0);
      const upper = first < 0 ? bump(c.v) : bump(c.v.slice(0, first + 1));
      return cmp(x, c.v) >= 0 && cmp(x, upper) < 0;
    }
    case "~":
      return cmp(x, c.v) >= 0 && cmp(x, c.v.length >= 2 ? bump(c.v.slice(0, 2)) : bump(c.v)) < 0;
  }
}

/** Does some patch release of MAJOR.MINOR satisfy the specifier? */
export function allowsMinor(spec: PythonSpecifier, minor: string): boolean {
  const [major, min] = minor.split(".").map(Number);
  if (major === undefined || min === undefined) return false;
  const patches = new Set([0, 1, 9999]);
  for (const g of spec) for (const c of g) if (c.v.length >= 3) for (const d of [-1, 0, 1]) patches.add(Math.max(0, (c.v[2] ?? 0) + d));
  for (const p of patches) {
    const x = [major, min, p];
    if (spec.some((g) => g.every((c) => holds(c, x)))) return true;
  }
  return false;
}

export type Resolution =
  | { readonly ok: true; readonly version: string; readonly allowed: readonly string[] }
  | { readonly ok: false; readonly why: "unparseable" | "none-supported" };

/** A specifier → one supported version, by the policy. `==3.11.9` keeps its patch. */
export function resolvePythonSpecifier(text: string, policy: PythonPolicy = CONTRACT_PYTHON_POLICY): Resolution {
  const spec = parsePythonSpecifier(text);
  if (!spec) return { ok: false, why: "unparseable" };
  const allowed = SUPPORTED_PYTHONS.filter((m) => allowsMinor(spec, m));
  if (allowed.length === 0) return { ok: false, why: "none-supported" };
  const only = spec.length === 1 && spec[0]?.length === 1 ? spec[0][0] : undefined;
  if (only && (only.op === "==" || only.op === "===") && !only.wildcard && only.v.length === 3) {
    return { ok: true, version: only.v.join("."), allowed };
  }
  let version: string;
  if (policy.prefer === "lowest") version = allowed[0] ?? "";
  else {
    const upTo = allowed.filter((m) => cmp(m.split(".").map(Number), DEFAULT_PYTHON.split(".").map(Number)) <= 0);
    version = upTo[upTo.length - 1] ?? allowed[0] ?? "";
  }
  return { ok: true, version, allowed };
}

// ---------------------------------------------------------------------------------------------------------------
// Pins

/**
 * A pinned version as pyenv, uv, asdf, mise and Heroku write it: "3.12", "3.12.1", "cpython-3.12.1",
 * "cpython@3.12", "python-3.11.9", "3.13t". Undefined when it is not a CPython release with a minor.
 */
export function parsePin(raw: string): { readonly minor: string; readonly version: string } | undefined {
  let s = raw.trim();
  for (const prefix of ["cpython-", "cpython@", "cpython", "python-", "python@", "python"]) {
    if (s.toLowerCase().startsWith(prefix)) {
      s = s.slice(prefix.length);
      break;
    }
  }
  const m = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?=$|[a-z+-])/.exec(s);
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return { minor, version: m[3] !== undefined ? `${minor}.${Number(m[3])}` : minor };
}

// ---------------------------------------------------------------------------------------------------------------
// Sources

interface Found {
  readonly kind: "pin" | "spec";
  readonly raw: string;
  /** How messages name it: ".python-version", "python in .tool-versions", "requires-python" (+ the file). */
  readonly label: string;
  readonly source: DetectedSource;
}
type Lookup = Found | { readonly kind: "error"; readonly message: string; readonly source: DetectedSource } | undefined;

const firstLine = (text: string): { text: string; line: number } | undefined => {
  const ls = lines(text.slice(0, 64 * 1024));
  for (let i = 0; i < ls.length; i++) {
    const t = (ls[i] ?? "").replace(/#.*/, "").trim();
    if (t !== "") return { text: t, line: i + 1 };
  }
  return undefined;
};

/**
 * A pin file's content: a version, or a request uv and mise also accept — a specifier (">=3.12") or a
 * bare major ("3", any 3.x).
 */
const pinOrSpec = (raw: string): { kind: "pin" | "spec"; raw: string } =>
  /^[<>=!~^]/.test(raw) ? { kind: "spec", raw } : /^\d+$/.test(raw) ? { kind: "spec", raw: `${raw}.*` } : { kind: "pin", raw };

function pythonVersionFile(files: ProjectFiles): Lookup {
  const text = files.read(".python-version");
  if (text === undefined) return undefined;
  const l = firstLine(text);
  if (!l) return undefined;
  return { ...pinOrSpec(l.text), label: ".python-version", source: { file: ".python-version", line: l.line } };
}

function toolVersions(files: ProjectFiles): Lookup {
  const text = files.read(".tool-versions");
  if (text === undefined) return undefined;
  const ls = lines(text.slice(0, 1024 * 1024));
  for (let i = 0; i < ls.length; i++) {
    const words = (ls[i] ?? "").replace(/#.*/, "").trim().split(/[ \t]+/);
    if (words[0] !== "python") continue;
    const raw = words[1] ?? "";
    return { ...pinOrSpec(raw), label: "python in .tool-versions", source: { file: ".tool-versions", line: i + 1 } };
  }
  return undefined;
}

function mise(files: ProjectFiles, file: string): Lookup {
  const text = files.read(file);
  if (text === undefined) return undefined;
  const doc = parseToml(text);
  if (!doc) return { kind: "error", message: `${file} is not valid TOML (${tomlError(text) ?? "?"}): set [python] version`, source: { file } };
  let py = own(ownTable(doc, "tools"), "python");
  if (Array.isArray(py)) py = py[0];
  if (isTable(py)) py = own(py, "version");
  if (typeof py !== "string") return undefined;
  const line = tomlKeyLine(text, "python", "tools");
  return { ...pinOrSpec(py), label: `[tools] python in ${file}`, source: line ? { file, line } : { file } };
}

function runtimeTxt(files: ProjectFiles): Lookup {
  const text = files.read("runtime.txt");
  if (text === undefined) return undefined;
  const l = firstLine(text);
  if (!l) return undefined;
  return { kind: "pin", raw: l.text, label: "runtime.txt", source: { file: "runtime.txt", line: l.line } };
}

function pipfile(files: ProjectFiles): Lookup {
  const text = files.read("Pipfile");
  if (text === undefined) return undefined;
  const doc = parseToml(text);
  if (!doc) return { kind: "error", message: `Pipfile is not valid TOML (${tomlError(text) ?? "?"}): set [python] version`, source: { file: "Pipfile" } };
  const requires = ownTable(doc, "requires");
  for (const key of ["python_full_version", "python_version"]) {
    const v = own(requires, key);
    if (typeof v !== "string") continue;
    const line = tomlKeyLine(text, key, "requires");
    return { kind: "pin", raw: v, label: `[requires] ${key} in Pipfile`, source: line ? { file: "Pipfile", line } : { file: "Pipfile" } };
  }
  return undefined;
}

function pyprojectSpec(files: ProjectFiles, pyproject: Pyproject | undefined): Lookup {
  const text = files.read("pyproject.toml");
  let p = pyproject;
  if (!p && text !== undefined) {
    try {
      p = parsePyproject(text);
    } catch {
      return undefined; // reported by the planner as invalid TOML
    }
  }
  if (!p?.requiresPython) return undefined;
  const poetry = p.requiresPythonFrom === "tool.poetry.dependencies.python";
  const line = text !== undefined ? (poetry ? tomlKeyLine(text, "python", "tool.poetry.dependencies") : tomlKeyLine(text, "requires-python", "project")) : undefined;
  const label = poetry ? "Poetry's python dependency" : "requires-python";
  return { kind: "spec", raw: p.requiresPython, label, source: line ? { file: "pyproject.toml", line } : { file: "pyproject.toml" } };
}

/** `python_requires=">=3.9"` in setup.py, found by text (setup.py is not run). */
function setupPy(files: ProjectFiles): Lookup {
  const text = files.read("setup.py");
  if (text === undefined) return undefined;
  const key = "python_requires";
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at < 0) return undefined;
    from = at + key.length;
    let i = from;
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] !== "=" || text[i + 1] === "=") continue;
    i++;
    while (text[i] === " " || text[i] === "\t") i++;
    const q = text[i];
    if (q !== '"' && q !== "'") continue;
    const end = text.indexOf(q, i + 1);
    const nl = text.indexOf("\n", i + 1);
    if (end < 0 || (nl >= 0 && nl < end)) continue;
    const line = countLines(text, at);
    return { kind: "spec", raw: text.slice(i + 1, end), label: "python_requires", source: { file: "setup.py", line } };
  }
}

function countLines(text: string, upTo: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < upTo; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function setupCfg(files: ProjectFiles): Lookup {
  const text = files.read("setup.cfg");
  if (text === undefined) return undefined;
  const ls = lines(text);
  let section = "";
  for (let i = 0; i < ls.length; i++) {
    const l = (ls[i] ?? "").trim();
    if (l.startsWith("[")) {
      section = l.slice(1, l.indexOf("]") > 0 ? l.indexOf("]") : undefined).trim();
      continue;
    }
    if (section !== "options") continue;
    const eq = l.search(/[=:]/);
    if (eq < 0) continue;
    const k = l.slice(0, eq).trim();
    if (k !== "python_requires" && k !== "python-requires") continue;
    return { kind: "spec", raw: l.slice(eq + 1).trim(), label: "[options] python_requires", source: { file: "setup.cfg", line: i + 1 } };
  }
  return undefined;
}

/**
 * The Python version: pins, then specifiers (see the module comment). `policy` decides how a specifier
 * resolves and what happens when nothing pins one; it defaults to the contract's.
 */
export function detectPythonVersion(
  files: ProjectFiles,
  pyproject: Pyproject | undefined,
  policy: PythonPolicy = CONTRACT_PYTHON_POLICY,
): Detected<string> {
  const lookups: (() => Lookup)[] = [
    () => pythonVersionFile(files),
    () => toolVersions(files),
    () => mise(files, "mise.toml"),
    () => mise(files, ".mise.toml"),
    () => runtimeTxt(files),
    () => pipfile(files),
    () => pyprojectSpec(files, pyproject),
    () => setupPy(files),
    () => setupCfg(files),
  ];
  for (const lookup of lookups) {
    const found = lookup();
    if (!found) continue;
    if (found.kind === "error") return fail(found.message, found.source);
    return found.kind === "pin" ? fromPin(found) : fromSpec(found, policy);
  }
  if (policy.unpinned === "default") {
    return ok(
      DEFAULT_PYTHON,
      `no version pinned; using ${DEFAULT_PYTHON} (looked for .python-version, .tool-versions, mise.toml, runtime.txt, Pipfile, requires-python, setup.py and setup.cfg)`,
      undefined,
      true,
    );
  }
  return fail(UNPINNED_MESSAGE);
}

function fromPin(found: Found): Detected<string> {
  const pin = parsePin(found.raw);
  if (!pin) {
    return fail(
      `${found.label} says "${clip(found.raw)}", which is not a CPython version pydock can build (supported: ${SUPPORTED_TEXT}); change it or set [python] version`,
      found.source,
    );
  }
  if (!SUPPORTED_PYTHONS.includes(pin.minor)) {
    return fail(
      `${found.label} asks for Python ${pin.version}, which pydock does not build (supported: ${SUPPORTED_TEXT}); change it or set [python] version`,
      found.source,
    );
  }
  return ok(pin.version, `${found.label} pins ${pin.version}`, found.source);
}

function fromSpec(found: Found, policy: PythonPolicy): Detected<string> {
  const r = resolvePythonSpecifier(found.raw, policy);
  if (!r.ok) {
    const why =
      r.why === "unparseable"
        ? "is not a version specifier pydock understands"
        : `allows none of the Python versions pydock builds (${SUPPORTED_TEXT})`;
    return fail(`${specText(found)} ${why}; set [python] version`, found.source);
  }
  const range = r.allowed.length === 1 ? r.allowed[0] : `${r.allowed[0]}–${r.allowed[r.allowed.length - 1]}`;
  const how =
    r.version.split(".").length === 3
      ? "pins it"
      : r.allowed.length === 1
        ? `allows only ${range} of the versions pydock builds`
        : policy.prefer === "lowest"
          ? `allows ${range}; pydock takes the lowest`
          : `allows ${range}; pydock takes the newest up to ${DEFAULT_PYTHON}`;
  return ok(r.version, `${specText(found)} ${how}`, found.source);
}

/** `requires-python ">=3.11" in pyproject.toml`, `.python-version ">=3.12"`. */
const specText = (found: Found): string =>
  `${found.label} "${clip(found.raw)}"${found.label.includes(found.source.file) ? "" : ` in ${found.source.file}`}`;

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
