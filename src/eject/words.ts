/**
 * Writing values into a Dockerfile so that BuildKit's Dockerfile frontend reads back exactly the plan's
 * text: words for ENV, LABEL, WORKDIR and COPY (the frontend expands `$` and strips quotes in them), JSON
 * arrays for the exec form, `--mount` options (comma-separated, CSV-quoted when they must be), durations,
 * here-document delimiters that no line of the document can end early, and the shell assignments a RUN
 * step sets its environment with. Shell words themselves are quoted by core/text.ts shellQuote.
 */
import { shellQuote } from "../core/text.js";

/** The plan's marker for a variable's previous value (see RunStep.env and ImagePlan.env). */
const PREVIOUS = "${PATH}";

/** Characters the Dockerfile frontend leaves alone in a word outside quotes. */
const PLAIN = /^[\w@%+=:,./*?-]+$/;

/** A value the frontend cannot carry on one line: a Dockerfile instruction ends at the newline. */
function oneLine(value: string, what: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`cannot write ${what} into a Dockerfile: its value ${JSON.stringify(value)} spans lines`);
  return value;
}

/** A literal word for ENV, LABEL, WORKDIR, USER or COPY: plain when safe, else double-quoted with `\ " $` escaped. */
export function dockerWord(value: string, what = "a value"): string {
  oneLine(value, what);
  return PLAIN.test(value) ? value : `"${value.replace(/[\\"$]/g, "\\$&")}"`;
}

/**
 * An ENV value where the plan's `${PATH}` marker stands for the variable's value before (the frontend
 * expands `${NAME}` at that point of the stage); everything else literal.
 */
export function dockerEnvValue(name: string, value: string): string {
  oneLine(value, `ENV ${name}`);
  const parts = value.split(PREVIOUS);
  if (parts.every((p) => p === "" || PLAIN.test(p))) return parts.join(`\${${name}}`);
  return `"${parts.map((p) => p.replace(/[\\"$]/g, "\\$&")).join(`\${${name}}`)}"`;
}

/**
 * The assignments a RUN step exports, in order, as `export A=… B=…`: the plan's `${PATH}` marker is the
 * variable's value in the stage (`"${NAME}"`), and a variable set twice gets its earlier value there.
 */
export function shellExports(env: readonly (readonly [string, string])[]): string | undefined {
  const values = new Map<string, string>();
  for (const [k, v] of env) {
    const before = values.get(k);
    values.set(k, before === undefined ? v : v.split(PREVIOUS).join(before));
  }
  if (values.size === 0) return undefined;
  const words = [...values].map(([k, v]) => `${k}=${v.split(PREVIOUS).map((p) => (p === "" ? "" : shellQuote(p))).join(`"\${${k}}"`) || "''"}`);
  return `export ${words.join(" ")}`;
}

/** An exec-form argument list: a JSON array, one space after each comma. */
export function jsonArray(args: readonly string[]): string {
  return `[${args.map((a) => JSON.stringify(a)).join(", ")}]`;
}

/** One `key=value` of a `--mount` flag; the frontend splits the flag as CSV, so a comma or quote needs quoting. */
export function mountOption(key: string, value: string): string {
  const kv = `${key}=${oneLine(value, `a --mount ${key}`)}`;
  return /[",\s]/.test(kv) ? `"${kv.replace(/"/g, '""')}"` : kv;
}

/** A `--mount=type=…,…` flag from its options. */
export function mountFlag(type: string, options: readonly (readonly [string, string | undefined])[]): string {
  const parts = [`type=${type}`, ...options.filter((o): o is [string, string] => o[1] !== undefined).map(([k, v]) => mountOption(k, v))];
  return `--mount=${parts.join(",")}`;
}

/** Milliseconds as a Go duration for HEALTHCHECK flags: "30s", "1500ms". */
export function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A here-document delimiter that no line of `text` equals ("EOF", else "EOF_1", …). */
export function heredocDelimiter(text: string): string {
  const lines = new Set(text.split("\n"));
  let name = "EOF";
  for (let i = 1; lines.has(name); i++) name = `EOF_${i}`;
  return name;
}

/** An image reference as people write it: Docker Hub's `docker.io/library/` prefix left out, tag and digest kept. */
export function shortImage(ref: string): string {
  return ref.replace(/^docker\.io\/library\//, "").replace(/^docker\.io\//, "");
}

/** A comment line: the text of a step name may hold newlines, a comment may not. */
export function comment(text: string): string {
  return `# ${text.replace(/\s*[\r\n]+\s*/g, " ")}`;
}
