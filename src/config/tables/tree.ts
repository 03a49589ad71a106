/**
 * The document as a tree whose every node remembers the path it was written at, so that a target merged
 * from `[runtime]` and `[targets.test] runtime.command` still reports each problem at the line it came from.
 */
import { isPlainObject } from "../args.js";
import type { KeyPath } from "../model.js";

export interface LTable {
  readonly kind: "table";
  readonly path: KeyPath;
  readonly entries: ReadonlyMap<string, LNode>;
}

/** Any non-table value, arrays included (their items are addressed as `[...path, index]`). */
export interface LValue {
  readonly kind: "value";
  readonly path: KeyPath;
  readonly value: unknown;
}

export type LNode = LTable | LValue;

export function toTree(value: unknown, path: KeyPath): LNode {
  if (!isPlainObject(value)) return { kind: "value", path, value };
  const entries = new Map<string, LNode>();
  for (const [k, v] of Object.entries(value)) entries.set(k, toTree(v, [...path, k]));
  return { kind: "table", path, entries };
}

/**
 * Keys that replace each other when a target overrides one of them: `http` replaces `command`. A Map, not
 * an object: the table's name is the user's, and `constructor` or `valueOf` must find nothing.
 */
const alternatives: ReadonlyMap<string, readonly string[]> = new Map([["healthcheck", ["http", "command"]]]);

/**
 * `over` deep-merged onto `base` (as deep as the document, which the parser bounds: MAX_NESTING): tables merge key by key, anything else is replaced. Every node keeps its
 * own path, and a merged table takes the path of `over`.
 */
export function mergeTrees(base: LNode | undefined, over: LNode | undefined): LNode | undefined {
  if (over === undefined) return base;
  if (base === undefined || base.kind !== "table" || over.kind !== "table") return over;
  const entries = new Map(base.entries);
  const last = over.path[over.path.length - 1];
  const alt = typeof last === "string" ? alternatives.get(last) : undefined;
  if (alt !== undefined && alt.some((k) => over.entries.has(k))) for (const k of alt) entries.delete(k);
  for (const [k, v] of over.entries) entries.set(k, mergeTrees(entries.get(k), v) ?? v);
  return { kind: "table", path: over.path, entries };
}

/** The plain value at `path` in `value` (own keys only), or undefined. */
export function valueAt(value: unknown, path: KeyPath): unknown {
  let v = value;
  for (const key of path) {
    if (typeof key === "number") v = Array.isArray(v) ? v[key] : undefined;
    else v = isPlainObject(v) && Object.hasOwn(v, key) ? v[key] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}
