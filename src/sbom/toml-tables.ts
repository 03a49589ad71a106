/**
 * Typed access to smol-toml's parsed tables, TOML parsing that fails with a {@link LockfileError} naming the
 * file, and the `[[package]]` entries of a lockfile (uv.lock, poetry.lock) by name.
 */
import { parse, type TomlTable } from "smol-toml";
import { isTable as isTableValue, normalizeName } from "../core/text.js";
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

/** One `[[package]]` entry of a lockfile: its position, normalised name, version and the whole table. */
export interface LockedPackage {
  readonly index: number;
  readonly name: string;
  readonly version: string;
  readonly raw: Tbl;
}

/** The lockfile's `[[package]]` entries in order, and the same by normalised name (a name can be locked twice, per marker). */
export function lockedPackages(doc: Tbl): { packages: LockedPackage[]; byName: Map<string, LockedPackage[]> } {
  const packages: LockedPackage[] = arr(doc["package"])
    .filter(isTable)
    .map((raw, index) => ({ index, name: normalizeName(str(raw["name"]) ?? ""), version: str(raw["version"]) ?? "", raw }));
  const byName = new Map<string, LockedPackage[]>();
  for (const p of packages) {
    const list = byName.get(p.name);
    if (list) list.push(p);
    else byName.set(p.name, [p]);
  }
  return { packages, byName };
}
