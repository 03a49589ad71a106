/**
 * Small linear-time text helpers the detection modules share: lines, Python identifiers and context paths.
 * Inputs may be up to 8 MiB of anything, so nothing here uses a regular expression that can backtrack more
 * than once per line, and every helper is total (no throws).
 */

/** Lines without their terminators ("\n" or "\r\n"). */
export function lines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r?\n/) : text.split("\n");
}

/** A-Z, a-z, _ (char code). */
export const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A-Z, a-z, 0-9, _ (char code). */
export const isIdentChar = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

/** A Python identifier at `from` in `s` (ASCII, as module and attribute names in practice are). */
export function identifierAt(s: string, from = 0): string | undefined {
  if (!isIdentStart(s.charCodeAt(from))) return undefined;
  let i = from + 1;
  while (i < s.length && isIdentChar(s.charCodeAt(i))) i++;
  return s.slice(from, i);
}

export const isIdentifier = (s: string): boolean => identifierAt(s) === s;

/** Joins the parent directory of `from` with a relative path, resolving "." and ".."; undefined when it escapes. */
export function joinRelative(from: string, rel: string): string | undefined {
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")).split("/") : [];
  const parts = rel.startsWith("/") ? [] : [...dir];
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length > 0 ? parts.join("/") : undefined;
}
