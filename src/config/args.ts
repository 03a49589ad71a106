/**
 * Build arguments: `[args]` declares them with defaults, `--build-arg NAME=value` overrides a declared one,
 * and every string value in the file may use `${NAME}`, `${NAME:-fallback}` (fallback when unset or empty)
 * and `$$` (a literal `$`). As with a Dockerfile `ARG`, a build argument that `[args]` does not declare is
 * not visible; SOURCE_DATE_EPOCH is the exception and is always known when it is given.
 */
import type { KeyPath } from "./model.js";

/** Always visible when given as a build argument (see Reproducibility in the spec). */
export const SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `name` can be used as `${name}`. */
export const isArgName = (name: string): boolean => NAME.test(name);

/** `[args]` defaults overridden by the build arguments they declare, plus SOURCE_DATE_EPOCH when given. */
export function resolveArgs(
  declared: ReadonlyMap<string, string>,
  buildArgs: ReadonlyMap<string, string>,
): Map<string, string> {
  const args = new Map<string, string>();
  for (const [name, value] of declared) args.set(name, buildArgs.get(name) ?? value);
  const epoch = buildArgs.get(SOURCE_DATE_EPOCH);
  if (epoch !== undefined) args.set(SOURCE_DATE_EPOCH, epoch);
  return args;
}

export type SubstituteResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string };

/**
 * Expands `${NAME}`, `${NAME:-fallback}` and `$$` in `text`. A `$` not followed by `{` or `$` is kept.
 * `used` collects the names referenced. `given` (build argument names) only improves the error message.
 */
export function substitute(
  text: string,
  args: ReadonlyMap<string, string>,
  used?: Set<string>,
  given?: ReadonlyMap<string, string>,
): SubstituteResult {
  if (!text.includes("$")) return { ok: true, value: text };
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "$" && next === "$") {
      out += "$";
      i += 2;
    } else if (c === "$" && next === "{") {
      const close = text.indexOf("}", i + 2);
      if (close < 0) return { ok: false, message: `"\${" is not closed (write $$ for a literal $)` };
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/.exec(body);
      if (m === null) {
        return { ok: false, message: `bad reference "\${${body}}": expected \${NAME} or \${NAME:-default}` };
      }
      const name = m[1]!;
      const fallback = m[2];
      used?.add(name);
      const value = args.get(name);
      if (value !== undefined && (value !== "" || fallback === undefined)) out += value;
      else if (fallback !== undefined) out += fallback;
      else return { ok: false, message: undefinedMessage(name, given) };
      i = close + 1;
    } else {
      out += c;
      i++;
    }
  }
  return { ok: true, value: out };
}

function undefinedMessage(name: string, given: ReadonlyMap<string, string> | undefined): string {
  if (name === SOURCE_DATE_EPOCH) {
    return `\${${name}} is not set: pass --build-arg ${name}=<unix time>, or write \${${name}:-0}`;
  }
  const hint = given?.has(name) === true ? " (--build-arg only sets arguments that [args] declares)" : "";
  return `\${${name}} is not defined: declare it in [args] (${name} = "...") or write \${${name}:-default}${hint}`;
}

/**
 * Returns a copy of `value` with every string (also inside arrays and inline tables) substituted.
 * `skip` names top-level keys left as written (`args` itself). A failing string is kept as written and
 * reported through `onError` with its path.
 */
export function substituteAll(
  value: unknown,
  args: ReadonlyMap<string, string>,
  onError: (path: KeyPath, message: string) => void,
  options: { readonly used?: Set<string>; readonly given?: ReadonlyMap<string, string>; readonly skip?: readonly string[] } = {},
): unknown {
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === "string") {
      const r = substitute(v, args, options.used, options.given);
      if (r.ok) return r.value;
      onError(path, r.message);
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const keep = path.length === 0 && options.skip?.includes(k) === true;
        // defineProperty: a key named "__proto__" stays a plain key.
        Object.defineProperty(out, k, { value: keep ? item : walk(item, [...path, k]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value, []);
}

/** A TOML table as plain data (not an array, not a datetime). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
