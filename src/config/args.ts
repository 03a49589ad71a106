/**
 * Build arguments: `[args]` declares them with defaults, `--build-arg NAME=value` overrides a declared one,
 * and every string value in the file may use `${NAME}`, `${NAME:-fallback}` (fallback when unset or empty)
 * and `$$` (a literal `$`). As with a Dockerfile `ARG`, a build argument that `[args]` does not declare is
 * not visible; SOURCE_DATE_EPOCH is the exception and is always known when it is given.
 *
 * Substitution is one pass: the value an argument brings is inserted as it is, never expanded again, so
 * `A = "${A}"` or two arguments naming each other cannot loop. What it adds is bounded: over the whole file,
 * substitution may add at most MAX_EXPANSION_CHARS characters to what was written.
 */
import { MAX_EPOCH_SECONDS, MAX_EXPANSION_CHARS, formatBytes } from "../core/limits.js";
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

/**
 * SOURCE_DATE_EPOCH as seconds: undefined when unset or empty (Docker's "unset"), else whole seconds from 0
 * to MAX_EPOCH_SECONDS (file times in LLB are int64 nanoseconds), or a message saying why not.
 */
export function parseEpoch(value: string | undefined): { readonly ok: true; readonly seconds: number | undefined } | { readonly ok: false; readonly message: string } {
  if (value === undefined || value === "") return { ok: true, seconds: undefined };
  const seconds = /^\d+$/.test(value) ? Number(value) : NaN;
  if (seconds <= MAX_EPOCH_SECONDS) return { ok: true, seconds };
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const why = Number.isNaN(seconds) ? "is not a whole number of seconds" : "is later than the latest time an image can hold";
  return { ok: false, message: `SOURCE_DATE_EPOCH "${shown}" ${why}: give the seconds since 1970-01-01 UTC, from 0 to ${MAX_EPOCH_SECONDS} (2262-04-11T23:47:16Z), e.g. $(git log -1 --format=%ct)` };
}

export type SubstituteResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string; readonly code?: "limit" };

/**
 * Expands `${NAME}`, `${NAME:-fallback}` and `$$` in `text`. A `$` not followed by `{` or `$` is kept.
 * `used` collects the names referenced. `given` (build argument names) only improves the error message.
 * The result may be at most `maxLength` characters long: past it, substitution stops with a problem.
 */
export function substitute(
  text: string,
  args: ReadonlyMap<string, string>,
  used?: Set<string>,
  given?: ReadonlyMap<string, string>,
  maxLength = text.length + MAX_EXPANSION_CHARS,
): SubstituteResult {
  if (!text.includes("$")) return { ok: true, value: text };
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (out.length > maxLength) return { ok: false, message: tooLong(), code: "limit" };
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
  if (out.length > maxLength) return { ok: false, message: tooLong(), code: "limit" };
  return { ok: true, value: out };
}

const tooLong = (): string =>
  `\${} substitution adds more than ${formatBytes(MAX_EXPANSION_CHARS)} to the file's strings: pydock.toml allows at most ${formatBytes(MAX_EXPANSION_CHARS)} of substituted text`;

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
 * reported through `onError` with its path (and "limit" when it is substitution adding more than
 * MAX_EXPANSION_CHARS in all). Tables of the copy have no prototype, as the parsed document's
 * (config/toml.ts); the recursion is as deep as the document, which the parser bounds (MAX_NESTING).
 */
export function substituteAll(
  value: unknown,
  args: ReadonlyMap<string, string>,
  onError: (path: KeyPath, message: string, code?: "limit") => void,
  options: { readonly used?: Set<string>; readonly given?: ReadonlyMap<string, string>; readonly skip?: readonly string[] } = {},
): unknown {
  let budget = MAX_EXPANSION_CHARS;
  let overBudget = false;
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === "string") {
      const r = substitute(v, args, options.used, options.given, v.length + budget);
      if (r.ok) {
        budget -= Math.max(0, r.value.length - v.length);
        return r.value;
      }
      if (r.code === "limit") {
        // Said once, where the budget ran out.
        budget = 0;
        if (overBudget) return v;
        overBudget = true;
      }
      onError(path, r.message, r.code);
      return v;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(v)) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const [k, item] of Object.entries(v)) {
        const keep = path.length === 0 && options.skip?.includes(k) === true;
        out[k] = keep ? item : walk(item, [...path, k]);
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
