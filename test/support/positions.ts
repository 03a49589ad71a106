/** Where a piece of text stands in pydock.toml, for tests that check the positions pydock reports. */

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}

/** 1-based column of `needle` on the first line containing it. */
export function columnOf(text: string, needle: string): number {
  const line = text.split("\n")[lineOf(text, needle) - 1] ?? "";
  return line.indexOf(needle) + 1;
}
