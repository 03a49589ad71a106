/**
 * Small linear-time text helpers shared by the detection modules. Inputs may be up to 8 MiB of anything:
 * nothing here uses a regular expression that can backtrack more than once per line, and every helper is
 * total (no throws).
 */
import { parse } from "smol-toml";

/** Lines without their terminators ("\n" or "\r\n"). */
export function lines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r?\n/) : text.split("\n");
}

/** PEP 503 normalisation: `re.sub(r"[-_.]+", "-", name).lower()`. */
export function normalizeName(name: string): string {
  let out = "";
  let sep = false;
  for (const c of name.toLowerCase()) {
    if (c === "-" || c === "_" || c === ".") sep = true;
    else {
      if (sep) out += "-";
      sep = false;
      out += c;
    }
  }
  return sep ? `${out}-` : out;
}

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

/** A-Z, a-z, _ (char code). */
export const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A-Z, a-z, 0-9, _ (char code). */
export const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

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

/** A Python identifier at `from` in `s` (ASCII, as module and attribute names in practice are). */
export function identifierAt(s: string, from = 0): string | undefined {
  if (!isIdentStart(s.charCodeAt(from))) return undefined;
  let i = from + 1;
  while (i < s.length && isIdentChar(s.charCodeAt(i))) i++;
  return s.slice(from, i);
}

export const isIdentifier = (s: string): boolean => identifierAt(s) === s;

/** smol-toml's parse, or undefined when the text is not valid TOML. */
export function parseToml(text: string): Record<string, unknown> | undefined {
  try {
    const doc: unknown = parse(text);
    return isTable(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** The parser's first message line when the text is not valid TOML, else undefined. */
export function tomlError(text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (e) {
    return String((e as Error)?.message ?? e).split("\n")[0];
  }
}

export type Table = Record<string, unknown>;
export const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v);
/** An own property of a parsed table (never one inherited from Object.prototype). */
export const own = (t: Table | undefined, key: string): unknown => (t !== undefined && Object.hasOwn(t, key) ? t[key] : undefined);
export const ownTable = (t: Table | undefined, key: string): Table | undefined => {
  const v = own(t, key);
  return isTable(v) ? v : undefined;
};

/**
 * The 1-based line of `key = …` in a TOML text, inside `[table]` (a header such as
 * `tool.poetry.dependencies`), or at the top of the document when no table is given. Undefined when not
 * found this simply (e.g. a dotted key or an inline table).
 */
export function tomlKeyLine(text: string, key: string, table?: string): number | undefined {
  let current = "";
  const ls = lines(text);
  for (let i = 0; i < ls.length; i++) {
    const l = (ls[i] ?? "").trim();
    if (l.startsWith("[")) {
      const close = l.indexOf("]");
      current = close > 0 ? l.slice(1, close).replace(/^\[/, "").trim() : current;
      continue;
    }
    if (current !== (table ?? "")) continue;
    if (!l.startsWith(key)) continue;
    const rest = l.slice(key.length).trimStart();
    if (rest.startsWith("=")) return i + 1;
  }
  return undefined;
}

/** Shell-quotes a word for /bin/sh when it needs it. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./${}-]+$/.test(s) && !s.includes("(") ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** Joins the parent directory of `from` with a relative path, resolving "." and ".."; undefined when it escapes. */
export function joinRelative(from: string, rel: string): string | undefined {
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")).split("/") : [];
  const parts = rel.startsWith("/") ? [] : [...dir];
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length > 0 ? parts.join("/") : undefined;
}
