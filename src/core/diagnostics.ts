/**
 * Diagnostics: the problems pydock reports about a user's files, with where they are. Every error a user can
 * cause becomes one of these, so the frontend, the CLI and lint report them the same way: `file:line:col`.
 * Lines and columns are 1-based, as editors and BuildKit's errdefs show them.
 */

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A half-open span of text; `end` is the position just after the last character. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** The start of a file, for problems that belong to the file as a whole. */
export const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** A text file read from the build context or the build definition. */
export interface SourceFile {
  /** Name as the user knows it, relative to the context, e.g. "pydock.toml". */
  readonly name: string;
  readonly text: string;
}

/**
 * "error" fails the build (or `check`); "warning" is shown and the build goes on; "info" is a lint result
 * worth knowing that fails nothing (a value pydock detected, a base image not pinned by digest).
 */
export type Severity = "error" | "warning" | "info";

/**
 * A problem in a user's file. `code` names the kind of problem, stable across releases (what a lint rule id
 * or a `--format json` consumer keys on), e.g. "unknown-key", "invalid-value", "detection".
 */
export interface Diagnostic {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly code: string;
  readonly severity: Severity;
}

/** Formats a diagnostic the way compilers do: `pydock.toml:3:1: unknown key "pyhton" (did you mean "python"?)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`;
}

/**
 * A warning as a build shows it: `pydock.toml:3:1: message`; what pydock detected ("pydock chose …") without a
 * position, since no line of the file chose it.
 */
export function formatWarning(w: Diagnostic): string {
  return w.code === "detected" ? w.message : formatDiagnostic(w);
}

/** Sorted by position; the same problem reported twice (a top-level key read for each target) kept once. */
export function tidyDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out = diags.filter((d) => {
    const k = `${d.file}:${d.range.start.line}:${d.range.start.column}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

/** An error the user caused, with the places in their files that explain it. Thrown across I/O boundaries. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** The source files the diagnostics point into, so they can be shown as snippets. */
    readonly sources: readonly SourceFile[] = [],
  ) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
  }
}
