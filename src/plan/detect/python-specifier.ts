/**
 * Python version specifiers and the supported CPython a specifier resolves to. Parses PEP 440 clauses
 * plus what Poetry writes (`^`, `~`, bare versions, whitespace-separated clauses, `||`) and picks one of
 * SUPPORTED_PYTHONS (DEFAULT_PYTHON when allowed, else the newest allowed). Images are per minor, so a minor is "allowed" when some patch
 * release of it satisfies the specifier; `>3.10` and `<=3.12` written with two components are read as
 * their authors mean them (3.11 and later; up to all of 3.12). Linear in its input and total.
 */

/** CPython minors pydock builds images for (official python:X.Y images), oldest first. */
export const SUPPORTED_PYTHONS: readonly string[] = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"];
/**
 * The frontend's default Python (spec: "Detection"): used when nothing pins a version, and when a constraint
 * allows it. Changed only in a minor release of the frontend.
 */
export const DEFAULT_PYTHON = "3.13";
/** The newest supported version: what `latest` asks for, and what a constraint excluding the default gets. */
export const NEWEST_PYTHON = SUPPORTED_PYTHONS[SUPPORTED_PYTHONS.length - 1] as string;

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

/** Does the specifier allow `version`: some patch release of it for "3.11", that release for "3.11.4"? */
export function allowsVersion(spec: PythonSpecifier, version: string): boolean {
  const release = version.split(".").map(Number);
  if (release.length < 3) return allowsMinor(spec, version);
  return spec.some((g) => g.every((c) => holds(c, release)));
}

export type Resolution =
  | { readonly ok: true; readonly version: string; readonly allowed: readonly string[] }
  | { readonly ok: false; readonly why: "unparseable" | "none-supported" };

/**
 * A specifier → one supported version: DEFAULT_PYTHON when it allows it, else the newest supported version it
 * allows (`>=3.14` → 3.14, `<3.12` → 3.11). `==3.11.9` keeps its patch.
 */
export function resolvePythonSpecifier(text: string): Resolution {
  const spec = parsePythonSpecifier(text);
  if (!spec) return { ok: false, why: "unparseable" };
  const allowed = SUPPORTED_PYTHONS.filter((m) => allowsMinor(spec, m));
  if (allowed.length === 0) return { ok: false, why: "none-supported" };
  const only = spec.length === 1 && spec[0]?.length === 1 ? spec[0][0] : undefined;
  if (only && (only.op === "==" || only.op === "===") && !only.wildcard && only.v.length === 3) {
    return { ok: true, version: only.v.join("."), allowed };
  }
  const version = allowed.includes(DEFAULT_PYTHON) ? DEFAULT_PYTHON : (allowed[allowed.length - 1] ?? DEFAULT_PYTHON);
  return { ok: true, version, allowed };
}
