/**
 * Small text helpers shared across the compiler: shell quoting for the scripts pydock writes, PEP 503 names,
 * RFC 3339 times from SOURCE_DATE_EPOCH, and the type guard for parsed TOML tables.
 */

/** Quotes a word for POSIX sh, leaving plain words as they are (so command lines stay readable). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** PEP 503: lowercase, runs of `-_.` become one `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}

/** Seconds since the epoch → `1970-01-01T00:00:00Z` (whole seconds, as image configs and labels carry them). */
export function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export type Table = Record<string, unknown>;

/** A parsed TOML table (not an array, not a date). */
export function isTable(v: unknown): v is Table {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
