/** Positions in a user's file. Lines and columns are 1-based, as editors and BuildKit's errdefs show them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A half-open span of text; `end` is the position just after the last character. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A text file read from the build context or the build definition. */
export interface SourceFile {
  /** Name as the user knows it, relative to the context, e.g. "pydock.toml". */
  readonly name: string;
  readonly text: string;
}

/** A problem in a user's file, with where it is. */
export interface Diagnostic {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** Formats a diagnostic the way compilers do: `pydock.toml:3:1: unknown key "pyhton" (did you mean "python"?)`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`;
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
