/**
 * TOML with positions. pydock.toml is small and every diagnostic must point at a key or a value, so it is
 * parsed with toml-eslint-parser, whose AST carries a location for every node; lockfiles, which are big and
 * need no positions, are read elsewhere with smol-toml.
 */
import { parseTOML } from "toml-eslint-parser";
import type { AST } from "toml-eslint-parser";
import type { KeyPath } from "./model.js";
import type { Diagnostic, Position, Range, SourceFile } from "../core/diagnostics.js";
import { MAX_BUILD_FILE_BYTES, MAX_ENTRIES, MAX_NESTING, MAX_TOKEN_CHARS, formatBytes } from "../core/limits.js";

/** The TOML type of a value, as users know it from the TOML spec. */
export type TomlKind = "string" | "integer" | "float" | "boolean" | "datetime" | "array" | "table";

/**
 * A parsed TOML document: its plain value plus where each key and value was written.
 *
 * The value is data, whatever its keys are called: tables are objects without a prototype (a key named
 * `__proto__` or `constructor` is a key like any other, and nothing is inherited), arrays are arrays,
 * datetimes are `Date`s, and an integer beyond ±(2^53 − 1), which a number cannot hold exactly, is a
 * `bigint`.
 */
export interface TomlDocument {
  readonly value: Record<string, unknown>;
  /** The whole entry at `path`: `key = value`, an array item, or a table header (`[runtime]`). */
  locate(path: KeyPath): Range | undefined;
  /** The key of the entry (for a table header: the whole header). */
  locateKey(path: KeyPath): Range | undefined;
  /** The value of the entry (for a table header: the whole header). */
  locateValue(path: KeyPath): Range | undefined;
  /** The TOML type written at `path`. */
  kindOf(path: KeyPath): TomlKind | undefined;
}

export type TomlParseResult =
  | { readonly ok: true; readonly doc: TomlDocument }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

interface Entry {
  readonly key: Range;
  readonly value: Range;
  readonly entry: Range;
  readonly kind: TomlKind;
  /** False for tables that only exist as a prefix (`runtime` in `[runtime.healthcheck]`). */
  readonly explicit: boolean;
}

/**
 * The position index: a tree of the document's key paths, one node per key or array index, so indexing
 * and looking up a path cost its length (a path as one string key would cost its length at every prefix:
 * quadratic in the number of dotted keys).
 */
class IndexNode {
  entry: Entry | undefined;
  private children: Map<string | number, IndexNode> | undefined;

  child(segment: string | number): IndexNode {
    this.children ??= new Map();
    let c = this.children.get(segment);
    if (c === undefined) {
      c = new IndexNode();
      this.children.set(segment, c);
    }
    return c;
  }

  find(path: KeyPath): IndexNode | undefined {
    let node: IndexNode | undefined = this;
    for (const segment of path) {
      node = node.children?.get(segment);
      if (node === undefined) return undefined;
    }
    return node;
  }

  /** The first entry written at a path wins, except that an explicit one replaces an implicit prefix. */
  set(e: Entry): void {
    if (this.entry === undefined || (!this.entry.explicit && e.explicit)) this.entry = e;
  }
}

/** A problem that stops reading the document, at an offset of the text or a node of the AST. */
class LimitError extends Error {
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
  }
}

/** A table of the document: no prototype, so every key is data. */
const table = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

/**
 * Parses `source` as TOML 1.0. Never throws: a syntax error, or a document past one of the limits of
 * core/limits.ts (size, nesting, number of entries, length of a string), becomes a diagnostic with its
 * position.
 */
export function parseToml(source: SourceFile): TomlParseResult {
  const fail = (message: string, range: Range, code: string): TomlParseResult => ({
    ok: false,
    diagnostic: { file: source.name, range, message, code, severity: "error" },
  });
  const over = checkSize(source.text) ?? scanLimits(source.text);
  if (over) return fail(over.message, over.range, "limit");
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(source.text, { tomlVersion: "1.0" });
  } catch (err) {
    return { ok: false, diagnostic: syntaxDiagnostic(source, err) };
  }
  const root = new IndexNode();
  const value = table();
  try {
    const top = program.body[0];
    for (const node of top.body) {
      if (node.type === "TOMLKeyValue") readKeyValue(node, 0, root, value);
      else readTable(node, source.text, root, value);
    }
  } catch (err) {
    if (err instanceof LimitError) return fail(err.message, err.range, "limit");
    throw err;
  }
  const get = (path: KeyPath): Entry | undefined => root.find(path)?.entry;
  return {
    ok: true,
    doc: {
      value,
      locate: (p) => get(p)?.entry,
      locateKey: (p) => get(p)?.key,
      locateValue: (p) => get(p)?.value,
      kindOf: (p) => get(p)?.kind,
    },
  };
}

const tooDeep = (range: Range): LimitError =>
  new LimitError(`nesting deeper than ${MAX_NESTING} levels: pydock.toml allows at most ${MAX_NESTING} levels of keys, tables and arrays`, range);

/**
 * The table (or array of tables) a header opens, created in `value` along its resolved path (`[[a]]` then
 * `[a.b]` resolves to a, 0, b), indexed, then its entries.
 */
function readTable(t: AST.TOMLTable, text: string, root: IndexNode, value: Record<string, unknown>): void {
  const header = headerRange(t, text);
  const parts = t.key.keys;
  const path = t.resolvedKey;
  if (path.length > MAX_NESTING) throw tooDeep(header);
  let node = root;
  let container: Record<string, unknown> | unknown[] = value;
  let part = -1;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === "string") part++;
    const last = i === path.length - 1;
    const keyNode = parts[Math.max(part, 0)] ?? t.key;
    const next = path[i + 1];
    node = node.child(seg);
    if (last) node.set({ key: header, value: header, entry: header, kind: "table", explicit: true });
    else node.set({ key: loc(keyNode), value: loc(keyNode), entry: header, kind: typeof next === "number" ? "array" : "table", explicit: false });
    container = descend(container, seg, typeof next === "number");
  }
  for (const kv of t.body) readKeyValue(kv, path.length, node, container as Record<string, unknown>);
}

/** The table or array at `seg` of `container`, created when absent (the parser has checked the shape). */
function descend(container: Record<string, unknown> | unknown[], seg: string | number, array: boolean): Record<string, unknown> | unknown[] {
  const holder = container as Record<string | number, unknown>;
  const existing = holder[seg];
  if (typeof existing === "object" && existing !== null && !(existing instanceof Date)) return existing as Record<string, unknown> | unknown[];
  const created = array ? [] : table();
  holder[seg] = created;
  return created;
}

/** `a.b.c = value` in the table `into`, whose path has `depth` keys (indexed at `node`). */
function readKeyValue(kv: AST.TOMLKeyValue, depth: number, node: IndexNode, into: Record<string, unknown>): void {
  const keys = kv.key.keys;
  if (depth + keys.length > MAX_NESTING) throw tooDeep(loc(kv.key));
  let target = into;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const name = keyName(k);
    node = node.child(name);
    if (i < keys.length - 1) {
      node.set({ key: loc(k), value: loc(k), entry: loc(kv), kind: "table", explicit: false });
      target = descend(target, name, false) as Record<string, unknown>;
    } else {
      node.set({ key: loc(k), value: loc(kv.value), entry: loc(kv), kind: kindOf(kv.value), explicit: true });
      target[name] = readValue(kv.value, depth + keys.length, node);
    }
  }
}

/** A value as data, its array items and inline-table keys indexed under `node`; `depth` is its path's length. */
function readValue(v: AST.TOMLContentNode, depth: number, node: IndexNode): unknown {
  if (v.type === "TOMLArray") {
    if (depth + 1 > MAX_NESTING) throw tooDeep(loc(v));
    return v.elements.map((el, i) => {
      const child = node.child(i);
      child.set({ key: loc(el), value: loc(el), entry: loc(el), kind: kindOf(el), explicit: true });
      return readValue(el, depth + 1, child);
    });
  }
  if (v.type === "TOMLInlineTable") {
    const out = table();
    for (const kv of v.body) readKeyValue(kv, depth, node, out);
    return out;
  }
  if (v.kind === "integer") return Number.isSafeInteger(v.value) ? v.value : v.bigint;
  return v.value;
}

const keyName = (k: AST.TOMLBare | AST.TOMLQuoted): string => (k.type === "TOMLBare" ? k.name : k.value);

function kindOf(node: AST.TOMLContentNode): TomlKind {
  if (node.type === "TOMLArray") return "array";
  if (node.type === "TOMLInlineTable") return "table";
  switch (node.kind) {
    case "string":
    case "integer":
    case "float":
    case "boolean":
      return node.kind;
    default:
      return "datetime";
  }
}

/** toml-eslint-parser columns are 0-based; ours are 1-based. */
const pos = (p: AST.Position): Position => ({ line: p.line, column: p.column + 1 });
/**
 * A node's range. Every node spans at least one character: toml-eslint-parser 1.0.3 gives a lone `0` at the very
 * end of the text (no newline after it) an empty range, which is widened to that character.
 */
const loc = (n: AST.HasLocs & { readonly range: readonly [number, number] }): Range => {
  const start = pos(n.loc.start);
  return { start, end: n.range[1] > n.range[0] ? pos(n.loc.end) : { line: start.line, column: start.column + 1 } };
};

/** `[runtime.healthcheck]` / `[[secrets]]` including the brackets (the AST node spans the whole table). */
function headerRange(t: AST.TOMLTable, text: string): Range {
  const close = t.kind === "array" ? "]]" : "]";
  const at = text.indexOf(close, t.key.range[1]);
  if (at < 0) return loc(t.key);
  const endOffset = at + close.length;
  const lineStart = text.lastIndexOf("\n", endOffset - 1) + 1;
  return { start: pos(t.loc.start), end: { line: t.key.loc.end.line, column: endOffset - lineStart + 1 } };
}

function syntaxDiagnostic(source: SourceFile, err: unknown): Diagnostic {
  const e = err as { message?: unknown; lineNumber?: unknown; column?: unknown; index?: unknown };
  const line = typeof e.lineNumber === "number" ? e.lineNumber : 1;
  const column = typeof e.column === "number" ? e.column + 1 : 1;
  const detail = typeof e.message === "string" ? e.message : String(err);
  const bare = typeof e.index === "number" ? unquoted(source.text, e.index) : undefined;
  if (bare !== undefined) {
    const range = { start: { line, column }, end: { line, column: column + bare.word.length } };
    return { file: source.name, range, message: `invalid TOML: a string needs quotes: write ${bare.key} = "${bare.word}"`, code: "toml-syntax", severity: "error" };
  }
  return {
    file: source.name,
    range: { start: { line, column }, end: { line, column: column + 1 } },
    message: `invalid TOML: ${friendlier[detail] ?? lowerFirst(detail)}`,
    code: "toml-syntax",
    severity: "error",
  };
}

/** The parser's messages that say little to someone who does not know the TOML grammar. */
const friendlier: Readonly<Record<string, string>> = {
  "Unspecified values are invalid": "expected a value (a string in quotes, a number, true/false, [...] or {...})",
  "Defining a key multiple times is invalid": "this key is already set above",
  "Must be a newline": "expected a new line after the value",
  "Expected equal (=) token": 'expected "=" after the key',
  "Expected comma (,) token": 'expected "," between items',
};

/** `user = app`: the most common TOML slip, a string without quotes. */
function unquoted(text: string, index: number): { key: string; word: string } | undefined {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const before = /^\s*([A-Za-z0-9_.-]+)\s*=\s*$/.exec(text.slice(lineStart, index));
  const word = /^[A-Za-z_][^\s#,\]}]*/.exec(text.slice(index));
  if (before === null || word === null || ["true", "false", "inf", "nan"].includes(word[0])) return undefined;
  return { key: before[1]!, word: word[0] };
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The position of `index` in `text` (1-based line and column, columns in UTF-16 units as the parser counts). */
function positionAt(text: string, index: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** The character at `index` (the last one of its line when `index` is a line's end), as a range. */
const rangeAt = (text: string, index: number): Range => {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const at = (text[index] === "\n" || text[index] === "\r" || index >= text.length) && index > lineStart ? index - 1 : index;
  const start = positionAt(text, at);
  const width = at < text.length && text[at] !== "\n" && text[at] !== "\r" ? 1 : 0;
  return { start, end: { line: start.line, column: start.column + width } };
};

/** A file over MAX_BUILD_FILE_BYTES: a problem at the first character past the limit. */
function checkSize(text: string): { message: string; range: Range } | undefined {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most files are decided without counting.
  if (text.length * 3 <= MAX_BUILD_FILE_BYTES) return undefined;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    if (bytes > MAX_BUILD_FILE_BYTES) {
      const size = Buffer.byteLength(text, "utf8");
      return {
        message: `pydock.toml is ${size.toLocaleString("en")} bytes: pydock reads at most ${formatBytes(MAX_BUILD_FILE_BYTES)}, and this is where that ends`,
        range: rangeAt(text, i),
      };
    }
  }
  return undefined;
}

const isBare = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x3a;

/**
 * One linear pass over the text, before the parser sees it, for what the parser would take too long or too
 * deep a stack over: nesting of arrays and inline tables past MAX_NESTING (the parser recurses on them), a
 * string, key or number past MAX_TOKEN_CHARS (it spreads one into a call's arguments), and more than
 * MAX_ENTRIES keys, headers and array items (time). It follows TOML's lexical rules — comments, the four
 * kinds of strings and their escapes — so brackets and commas inside strings do not count; where the text is
 * not valid TOML it may count too little, and the parser then reports the syntax error.
 */
function scanLimits(text: string): { message: string; range: Range } | undefined {
  const n = text.length;
  let depth = 0;
  let entries = 0;
  let i = 0;
  const tooLong = (start: number, what: string) => ({
    message: `${what} longer than ${MAX_TOKEN_CHARS.toLocaleString("en")} characters: pydock.toml allows at most ${formatBytes(MAX_TOKEN_CHARS)} in one string, key or number`,
    range: rangeAt(text, start),
  });
  /** The end of a string whose content starts at `from`, closed by `quote` (1 or 3 quotes), with or without escapes. */
  const stringEnd = (from: number, quote: string, escapes: boolean, multiline: boolean): { content: number; end: number } => {
    let j = from;
    while (j < n) {
      const c = text[j];
      if (escapes && c === "\\") j += 2;
      else if (!multiline && c === "\n") return { content: j - from, end: j };
      else if (text.startsWith(quote, j)) {
        // A multi-line string may end with one or two quotes of content before its closing three.
        let close = j;
        if (multiline) while (close < j + 2 && text[close + quote.length] === quote[0]) close++;
        return { content: close - from, end: close + quote.length };
      } else j++;
    }
    return { content: n - from, end: n };
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const q = text[i]!;
      const multiline = text.startsWith(q.repeat(3), i);
      const quote = multiline ? q.repeat(3) : q;
      const s = stringEnd(i + quote.length, quote, q === '"', multiline);
      if (s.content > MAX_TOKEN_CHARS) return tooLong(i, "a string");
      i = s.end;
    } else if (isBare(c)) {
      let j = i + 1;
      while (j < n && isBare(text.charCodeAt(j))) j++;
      if (j - i > MAX_TOKEN_CHARS) return tooLong(i, "a key or value");
      i = j;
    } else {
      if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        depth++;
        entries++;
        if (depth > MAX_NESTING) return { message: `nesting deeper than ${MAX_NESTING} levels: pydock.toml allows at most ${MAX_NESTING} levels of keys, tables and arrays`, range: rangeAt(text, i) };
      } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
        depth = Math.max(0, depth - 1);
      } else if (c === 0x3d /* = */ || c === 0x2c /* , */) {
        entries++;
      }
      if (entries > MAX_ENTRIES) {
        return { message: `more than ${MAX_ENTRIES.toLocaleString("en")} keys, tables and array items: pydock.toml allows at most ${MAX_ENTRIES.toLocaleString("en")}`, range: rangeAt(text, i) };
      }
      i++;
    }
  }
  return undefined;
}
