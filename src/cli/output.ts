/**
 * What a CLI command gives back, and the errors that end one. Commands return their output and exit code
 * instead of writing, so they can be tested without a process; main.ts writes them and turns the errors
 * into exit codes: a {@link CliError} (a user's mistake without a position: a missing file, a bad option
 * value) exits 1, a {@link UsageError} exits 2 with the command's usage, and diagnostics are shown as
 * `file:line:col: message` at the paths the user can open.
 */
import { isAbsolute, relative } from "node:path";
import { formatDiagnostic, formatWarning, type Diagnostic } from "../core/diagnostics.js";

export interface CommandResult {
  readonly stdout: string | Uint8Array;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Exit codes: 0 done, 1 the user's files or options have problems, 2 the command line is wrong, 70 a bug. */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 70 } as const;

/** A problem the user can fix, said in one line (no position to point at). Exits 1. */
export class CliError extends Error {
  override readonly name = "CliError";
}

/** The command line is wrong: the message (and the usage, when no command was recognised), exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    /** The command the mistake is in; undefined: none was recognised, and the general usage is shown. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Maps a diagnostic's file (the build file's name, or a context path) to the path the user opens from the working directory. */
export type DisplayPath = (file: string) => string;

/** `abs` as the user would type it from `cwd`: relative below it, absolute elsewhere. */
export function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
}

/** Errors as `path:line:col: message`, one a line. */
export function errorLines(diagnostics: readonly Diagnostic[], display: DisplayPath): string {
  return diagnostics.map((d) => formatDiagnostic({ ...d, file: display(d.file) }) + "\n").join("");
}

/** Warnings as a build shows them (detected values without a position), one a line. */
export function warningLines(warnings: readonly Diagnostic[], display: DisplayPath): string {
  return warnings.map((w) => formatWarning({ ...w, file: display(w.file) }) + "\n").join("");
}
