/**
 * TOML with positions. pydock.toml is small and every diagnostic must point at a key or a value, so it is
 * parsed with toml-eslint-parser, whose AST carries a location for every node; lockfiles, which are big and
 * need no positions, are read elsewhere with smol-toml.
 */
import { getStaticTOMLValue, parseTOML } from "toml-eslint-parser";
import type { AST } from "toml-eslint-parser";
import type { KeyPath } from "./model.js";
import type { Diagnostic, Position, Range, SourceFile } from "../core/diagnostics.js";

/** The TOML type of a value, as users know it from the TOML spec. */
export type TomlKind = "string" | "integer" | "float" | "boolean" | "datetime" | "array" | "table";

/** A parsed TOML document: its plain value plus where each key and value was written. */
export interface TomlDocument {
  /** The document as plain data: tables are objects, arrays are arrays, datetimes are `Date`s. */
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

const pathKey = (path: KeyPath): string => JSON.stringify(path);

/** Parses `source` as TOML 1.0. Never throws: a syntax error becomes a diagnostic with its position. */
export function parseToml(source: SourceFile): TomlParseResult {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(source.text, { tomlVersion: "1.0" });
  } catch (err) {
    return { ok: false, diagnostic: syntaxDiagnostic(source, err) };
  }
  const entries = new Map<string, Entry>();
  const set = (path: KeyPath, e: Entry): void => {
    const k = pathKey(path);
    const old = entries.get(k);
    if (old === undefined || (!old.explicit && e.explicit)) entries.set(k, e);
  };
  const top = program.body[0];
  for (const node of top.body) {
    if (node.type === "TOMLKeyValue") indexKeyValue(node, [], set);
    else indexTable(node, source.text, set);
  }
  const value = getStaticTOMLValue(program) as Record<string, unknown>;
  const get = (path: KeyPath): Entry | undefined => entries.get(pathKey(path));
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

type Setter = (path: KeyPath, e: Entry) => void;

function indexTable(t: AST.TOMLTable, text: string, set: Setter): void {
  const header = headerRange(t, text);
  const parts = t.key.keys;
  const path = t.resolvedKey;
  let part = -1;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === "string") part++;
    const last = i === path.length - 1;
    const node = parts[Math.max(part, 0)] ?? t.key;
    const next = path[i + 1];
    if (last) {
      set(path.slice(0, i + 1), { key: header, value: header, entry: header, kind: "table", explicit: true });
    } else {
      const kind = typeof next === "number" ? "array" : "table";
      set(path.slice(0, i + 1), { key: loc(node), value: loc(node), entry: header, kind, explicit: false });
    }
  }
  for (const kv of t.body) indexKeyValue(kv, path, set);
}

function indexKeyValue(kv: AST.TOMLKeyValue, base: KeyPath, set: Setter): void {
  const keys = kv.key.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const path = [...base, ...keys.slice(0, i + 1).map(keyName)];
    if (i < keys.length - 1) {
      set(path, { key: loc(k), value: loc(k), entry: loc(kv), kind: "table", explicit: false });
    } else {
      set(path, { key: loc(k), value: loc(kv.value), entry: loc(kv), kind: kindOf(kv.value), explicit: true });
      indexValue(kv.value, path, set);
    }
  }
}

function indexValue(node: AST.TOMLContentNode, path: KeyPath, set: Setter): void {
  if (node.type === "TOMLArray") {
    node.elements.forEach((el, i) => {
      const p = [...path, i];
      set(p, { key: loc(el), value: loc(el), entry: loc(el), kind: kindOf(el), explicit: true });
      indexValue(el, p, set);
    });
  } else if (node.type === "TOMLInlineTable") {
    for (const kv of node.body) indexKeyValue(kv, path, set);
  }
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
const loc = (n: AST.HasLocs): Range => ({ start: pos(n.loc.start), end: pos(n.loc.end) });

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
