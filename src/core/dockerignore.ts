/**
 * .dockerignore as Docker reads it: the file's lines become patterns (comments and blank lines dropped, each
 * path cleaned and made relative, a leading `!` re-including), and a context path is excluded when the last
 * pattern matching it or one of its parent folders excludes it (moby's `PatternMatcher.MatchesOrParentMatches`).
 * Pure: the frontend passes the patterns to BuildKit's context transfers, lint asks which copies they hide.
 */
import { globToRegExp } from "./glob.js";

/**
 * .dockerignore lines → patterns, as Docker reads them: comments and blank lines dropped, each path cleaned
 * and made relative (`/pyproject.toml` and `./pyproject.toml` are `pyproject.toml`), a leading `!`
 * (re-include) kept in front of the cleaned path.
 */
export function parseIgnore(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    if (negate) line = line.slice(1).trim();
    const path = cleanPath(line);
    if (path !== "") out.push(negate ? `!${path}` : path);
  }
  return out;
}

/** `filepath.Clean` and a leading `/` removed, as Docker's ignorefile reader does. */
export function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/**
 * The pattern that leaves `path` (relative to the context, e.g. "src/app") out of the context, or undefined
 * when it is sent: patterns are tried in order, a pattern matching the path or one of its parent folders
 * excludes it, a later `!pattern` matching it includes it again. The context root itself ("" or ".") is
 * never excluded.
 */
export function ignoredBy(path: string, patterns: readonly string[]): string | undefined {
  const clean = cleanPath(path);
  if (clean === "") return undefined;
  const parts = clean.split("/");
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let excludedBy: string | undefined;
  for (const raw of patterns) {
    const include = raw.startsWith("!");
    // An exclusion cannot change an excluded path, nor an inclusion a path that is sent.
    if (include !== (excludedBy !== undefined)) continue;
    const re = globToRegExp(include ? raw.slice(1) : raw);
    if (prefixes.some((p) => re.test(p))) excludedBy = include ? undefined : raw;
  }
  return excludedBy;
}
