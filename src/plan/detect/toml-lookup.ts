/**
 * TOML as detection looks into it: a parse that reports instead of throwing (mise.toml and Pipfile may be
 * anything), own-key access that never returns a value inherited from Object.prototype (a key may be
 * named `__proto__` or `constructor`), and the line a key stands on, so that a message can point at it.
 */
import { parse } from "smol-toml";
import { isTable, type Table } from "../../core/text.js";
import { lines } from "./text.js";

export type ParsedToml = { readonly ok: true; readonly table: Table } | { readonly ok: false; readonly error: string };

/** smol-toml's parse as a result: the document, or the parser's first message line. Never throws. */
export function parseTomlTable(text: string): ParsedToml {
  try {
    const doc: unknown = parse(text);
    return isTable(doc) ? { ok: true, table: doc } : { ok: false, error: "?" };
  } catch (e) {
    return { ok: false, error: String((e as Error)?.message ?? e).split("\n")[0] ?? "?" };
  }
}

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
