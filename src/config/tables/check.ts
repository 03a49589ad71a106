/**
 * Collecting diagnostics and reading typed values out of the located tree. Every reader reports what is
 * wrong (at the value, or at the key for unknown keys) and returns undefined, so validation goes on and
 * all problems of a file are reported in one pass.
 */
import type { Command, KeyPath } from "../model.js";
import { FILE_START, type Diagnostic, type Range } from "../../core/diagnostics.js";
import { MAX_ENTRIES } from "../../core/limits.js";
import type { TomlDocument } from "../toml.js";
import { closest, didYouMean } from "./suggest.js";
import type { LNode, LTable, LValue } from "./tree.js";

export class Checker {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly read = new WeakMap<LNode, Map<string, unknown>>();
  constructor(
    readonly file: string,
    readonly doc: TomlDocument,
  ) {}

  /**
   * What `read` gives for `node`, computed once per node and `tag`. A target shares the nodes of every key
   * it does not override with the top-level tables (tree.ts), so those are read — and their problems
   * reported — once, not once per target: reading a file stays linear in its size however many targets
   * it has.
   */
  once<T>(tag: string, node: LNode | undefined, read: (node: LNode | undefined) => T): T {
    if (node === undefined) return read(undefined);
    let byTag = this.read.get(node);
    if (byTag === undefined) this.read.set(node, (byTag = new Map()));
    if (byTag.has(tag)) return byTag.get(tag) as T;
    const value = read(node);
    byTag.set(tag, value);
    return value;
  }

  /**
   * Reports `message` at the value (or key) written at `path`, or at the nearest enclosing entry. `code`:
   * "invalid-value" for a value of the wrong type or form, "unknown-key" for a key the table does not have.
   */
  error(path: KeyPath, message: string, at: "key" | "value" = "value", code = at === "key" ? "unknown-key" : "invalid-value"): void {
    this.errors.push({ file: this.file, range: this.rangeOf(path, at), message, code, severity: "error" });
  }

  /** Reports `message` at `range`, for problems of the file rather than of a key. */
  errorAt(range: Range, message: string, code: string): void {
    this.errors.push({ file: this.file, range, message, code, severity: "error" });
  }

  warn(path: KeyPath, message: string, code: string, at: "key" | "value" = "key"): void {
    this.warnings.push({ file: this.file, range: this.rangeOf(path, at), message, code, severity: "warning" });
  }

  rangeOf(path: KeyPath, at: "key" | "value"): Range {
    for (let n = path.length; n > 0; n--) {
      const p = path.slice(0, n);
      const r = at === "key" ? this.doc.locateKey(p) : this.doc.locateValue(p);
      if (r !== undefined) return r;
    }
    return FILE_START;
  }

  /** "an integer", "a string"... as written in the file. */
  describe(node: LNode, item?: number): string {
    if (node.kind === "table") return "a table";
    const path = item === undefined ? node.path : [...node.path, item];
    const value = item === undefined ? node.value : (node.value as unknown[])[item];
    const kind = this.doc.kindOf(path);
    if (kind !== undefined) return article(kind);
    if (Array.isArray(value)) return "an array";
    if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a float";
    if (typeof value === "bigint") return "an integer";
    if (value instanceof Date) return "a datetime";
    return article(typeof value);
  }

  /**
   * `node` must be a table; its keys must be in `keys` (unless null). `name` is the table's name in
   * {@link tableKeys} (undefined: the top level), used to look for a "did you mean" in other tables.
   */
  table(node: LNode | undefined, name: string | undefined, keys: readonly string[] | null): LTable | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== "table") {
      this.error(node.path, `${label(node.path)}: expected a table, got ${this.describe(node)}`);
      return undefined;
    }
    if (keys !== null) {
      for (const [k, child] of node.entries) {
        if (keys.includes(k)) continue;
        // Named after where the key was written: a merged target table holds keys of both places.
        const parent = tableName(child.path.slice(0, -1));
        const where = parent === undefined ? "" : ` in ${parent}`;
        this.error(child.path, `unknown key "${k}"${where}${didYouMean(k, name, keys)}`, "key");
      }
    }
    return node;
  }
}

/** `[runtime.healthcheck]`, `[[secrets]]`; undefined for the top level. */
export function tableName(path: KeyPath): string | undefined {
  if (path.length === 0) return undefined;
  if (path[0] === "secrets") return "[[secrets]]";
  return `[${path.filter((p) => typeof p === "string").join(".")}]`;
}

const article = (kind: string): string => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

/**
 * How a key is named in messages: `[runtime] command`, `[runtime.healthcheck] http`,
 * `[targets.test.runtime] command`, `[[secrets]] id`, `[python]` for a table.
 */
export function label(path: KeyPath): string {
  const keys = path.filter((p): p is string => typeof p === "string");
  if (path[0] === "secrets" && path.length > 1) return keys.length > 1 ? `[[secrets]] ${keys.slice(1).join(".")}` : "[[secrets]]";
  if (keys.length <= 1) return `[${keys.join("")}]`;
  return `[${keys.slice(0, -1).join(".")}] ${keys[keys.length - 1]}`;
}

const expected = (ck: Checker, node: LNode, what: string): undefined => {
  ck.error(node.path, `${label(node.path)}: expected ${what}, got ${ck.describe(node)}`);
  return undefined;
};

export function readString(ck: Checker, node: LNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (node.kind === "value" && typeof node.value === "string") return node.value;
  return expected(ck, node, "a string");
}

/** A boolean; the strings "true" and "false" are accepted too, as `${ARG}` substitution yields strings. */
export function readBool(ck: Checker, node: LNode | undefined): boolean | undefined {
  if (node === undefined) return undefined;
  if (node.kind === "value") {
    if (typeof node.value === "boolean") return node.value;
    if (node.value === "true" || node.value === "false") return node.value === "true";
  }
  return expected(ck, node, "true or false");
}

/**
 * An integer from `min` to `max` (at most 2^53 − 1, what a number holds exactly); a string of digits is
 * accepted too (from `${ARG}`).
 */
export function readInt(ck: Checker, node: LNode | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (node === undefined) return undefined;
  if (node.kind === "value") {
    const v = node.value;
    const n = typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? BigInt(v.trim()) : typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
    if (typeof n === "bigint" && ck.doc.kindOf(node.path) !== "float") {
      if (n >= BigInt(min) && n <= BigInt(max)) return Number(n);
      const range = n < BigInt(min) && max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      ck.error(node.path, `${label(node.path)}: expected an integer ${range}, got ${n}`);
      return undefined;
    }
  }
  return expected(ck, node, "an integer");
}

/** An absolute path (starting with "/"); `example` shows one in the message. */
export function readAbsPath(ck: Checker, node: LNode | undefined, example: string): string | undefined {
  const s = readString(ck, node);
  if (s === undefined || node === undefined) return undefined;
  if (s.startsWith("/")) return normalisePath(s);
  ck.error(node.path, `${label(node.path)}: expected an absolute path like "${example}", got "${s}"`);
  return undefined;
}

/** "/app//x/" → "/app/x". */
const normalisePath = (p: string): string => p.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");

/** One of `choices`, with a "did you mean" for a near miss. */
export function readEnum<T extends string>(ck: Checker, node: LNode | undefined, choices: readonly T[]): T | undefined {
  const s = readString(ck, node);
  if (s === undefined || node === undefined) return undefined;
  const hit = choices.find((c) => c === s);
  if (hit !== undefined) return hit;
  const near = closest(s, choices);
  const hint = near === undefined ? "" : ` (did you mean "${near}"?)`;
  ck.error(node.path, `${label(node.path)}: expected ${orList(choices)}, got "${s}"${hint}`);
  return undefined;
}

/** `"a", "b" or "c"` */
export const orList = (items: readonly string[]): string => {
  const q = items.map((i) => `"${i}"`);
  return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
};

/**
 * The items of an array, or of one string split on commas (items trimmed, empty ones dropped), each
 * checked by `item`. Returns undefined when the key is absent or not a list.
 */
export function readList<T>(
  ck: Checker,
  node: LNode | undefined,
  what: string,
  item: (value: unknown, path: KeyPath) => T | undefined,
): T[] | undefined {
  if (node === undefined) return undefined;
  if (node.kind === "value" && typeof node.value === "string") {
    const parts = node.value.split(",").map((s) => s.trim()).filter((s) => s !== "");
    // As many items as an array may have (its items count among the file's entries).
    if (parts.length > MAX_ENTRIES) {
      ck.error(node.path, `${label(node.path)}: more than ${MAX_ENTRIES.toLocaleString("en")} items: a list has at most ${MAX_ENTRIES.toLocaleString("en")}`, "value", "limit");
      return undefined;
    }
    return collect(parts.map((p) => item(p, node.path)));
  }
  if (node.kind !== "value" || !Array.isArray(node.value)) return expected(ck, node, `an array of ${what}`);
  const items = node.value as unknown[];
  return collect(items.map((v, i) => item(v, [...node.path, i])));
}

const collect = <T>(items: (T | undefined)[]): T[] => items.filter((v): v is T => v !== undefined);

/** A list of strings (see {@link readList}); `check` may reject an item with a message. */
export function readStrings(
  ck: Checker,
  node: LNode | undefined,
  check?: (s: string) => string | undefined,
): string[] | undefined {
  return readList(ck, node, "strings", (v, path) => {
    if (typeof v !== "string") {
      ck.error(path, `${itemLabel(path)}: expected a string, got ${describeAt(ck, path, v)}`);
      return undefined;
    }
    const problem = check?.(v);
    if (problem === undefined) return v;
    ck.error(path, `${itemLabel(path)}: ${problem}`);
    return undefined;
  });
}

/** `[app] copy item 3` for an array item, else the key's label. */
export function itemLabel(path: KeyPath): string {
  const last = path[path.length - 1];
  return typeof last === "number" ? `${label(path)} item ${last + 1}` : label(path);
}

export function describeAt(ck: Checker, path: KeyPath, value: unknown): string {
  return ck.describe({ kind: "value", path, value });
}

/**
 * A command: a string is shell form (`/bin/sh -c`), an array of strings is exec form. Empty ("" or [])
 * gives undefined when `allowEmpty`, else an error.
 */
export function readCommand(ck: Checker, node: LNode | undefined, allowEmpty: boolean): Command | undefined {
  if (node === undefined) return undefined;
  const what = "a string (run with /bin/sh -c) or an array of strings (exec form)";
  if (node.kind !== "value") return expected(ck, node, what);
  return commandOf(ck, node, allowEmpty, what);
}

function commandOf(ck: Checker, node: LValue, allowEmpty: boolean, what: string): Command | undefined {
  const v = node.value;
  const empty = v === "" || (Array.isArray(v) && v.length === 0);
  if (empty) {
    if (!allowEmpty) ck.error(node.path, `${itemLabel(node.path)}: must not be empty`);
    return undefined;
  }
  if (typeof v === "string") return { kind: "shell", script: v };
  if (!Array.isArray(v)) {
    ck.error(node.path, `${itemLabel(node.path)}: expected ${what}, got ${ck.describe(node)}`);
    return undefined;
  }
  let ok = true;
  v.forEach((a: unknown, i) => {
    if (typeof a === "string") return;
    ok = false;
    const p = [...node.path, i];
    ck.error(p, `${itemLabel(p)}: expected a string, got ${describeAt(ck, p, a)}`);
  });
  return ok ? { kind: "exec", args: v as string[] } : undefined;
}

/** A list of commands: one string is one shell command; an array holds strings and arrays of strings. */
export function readCommands(ck: Checker, node: LNode | undefined): Command[] | undefined {
  if (node === undefined) return undefined;
  if (node.kind === "value" && typeof node.value === "string") return collect([commandOf(ck, node, true, "")]);
  if (node.kind !== "value" || !Array.isArray(node.value)) return expected(ck, node, "an array of commands");
  const what = "a string (run with /bin/sh -c) or an array of strings (exec form)";
  const items = node.value as unknown[];
  return collect(items.map((v, i) => commandOf(ck, { kind: "value", path: [...node.path, i], value: v }, false, what)));
}

/** A table of strings in file order (`env`, `labels`); numbers and booleans are written as text. */
export function readStringTable(
  ck: Checker,
  node: LNode | undefined,
  checkKey?: (key: string) => string | undefined,
): [string, string][] | undefined {
  if (node === undefined) return undefined;
  if (node.kind !== "table") return expected(ck, node, "a table like { NAME = \"value\" }");
  const out: [string, string][] = [];
  for (const [k, child] of node.entries) {
    const problem = checkKey?.(k);
    if (problem !== undefined) ck.error(child.path, `${label(child.path)}: ${problem}`, "key", "invalid-key");
    const v = child.kind === "value" ? child.value : undefined;
    if (typeof v === "string" || typeof v === "boolean" || typeof v === "bigint" || (typeof v === "number" && Number.isFinite(v))) {
      if (problem === undefined) out.push([k, String(v)]);
    } else {
      expected(ck, child, "a string");
    }
  }
  return out;
}

/** A string matching `re`; `what` describes it in the error. */
export function readMatching(ck: Checker, node: LNode | undefined, re: RegExp, what: string): string | undefined {
  const s = readString(ck, node);
  if (s === undefined || node === undefined) return undefined;
  if (re.test(s)) return s;
  ck.error(node.path, `${label(node.path)}: expected ${what}, got "${s}"`);
  return undefined;
}
