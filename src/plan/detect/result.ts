/**
 * The shape of every detection result: a value with the human reason pydock chose it (and the file that
 * decided, when one did), or a message for the user. The build prints the reason, e.g.
 * "pydock chose `python main.py`: main.py is the only entry file; set [runtime] command to change it".
 */

/** Where a detected value came from: a context path, and the 1-based line when one line decided. */
export interface DetectedSource {
  readonly file: string;
  readonly line?: number;
}

export type Detected<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** Why pydock chose this value, as a clause ("main.py is the only entry file"). */
      readonly reason: string;
      readonly source?: DetectedSource;
      /** The choice is a guess worth a warning in the build output (e.g. no Python version pinned). */
      readonly warn?: boolean;
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly source?: DetectedSource;
    };

export function ok<T>(value: T, reason: string, source?: DetectedSource, warn = false): Detected<T> {
  return { ok: true, value, reason, ...(source ? { source } : {}), ...(warn ? { warn: true } : {}) };
}

export function fail<T>(message: string, source?: DetectedSource): Detected<T> {
  return { ok: false, message, ...(source ? { source } : {}) };
}

/** "file" or "file:line". */
export function where(source: DetectedSource): string {
  return source.line !== undefined ? `${source.file}:${source.line}` : source.file;
}

/**
 * The line the build prints for a detected value: "pydock chose `SHOWN`: REASON; set KEY to change it".
 * `shown` is the value as the user would write it.
 */
export function explainDetection(shown: string, d: Detected<unknown>, key: string): string {
  if (!d.ok) return d.message;
  return `pydock chose \`${shown}\`: ${d.reason}; set ${key} to change it`;
}
