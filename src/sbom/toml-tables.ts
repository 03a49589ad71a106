/** Typed access to smol-toml's parsed tables, and TOML parsing that fails with a {@link LockfileError} naming the file. */
import { parse, type TomlTable } from "smol-toml";
import { isTable as isTableValue } from "../core/text.js";
import { LockfileError } from "./distribution.js";

export type Tbl = TomlTable;

export const isTable = (v: unknown): v is Tbl => isTableValue(v);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const tbl = (v: unknown): Tbl | undefined => (isTable(v) ? v : undefined);

export function parseLockToml(text: string, file: string): Tbl {
  try {
    return parse(text);
  } catch (e) {
    throw new LockfileError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
