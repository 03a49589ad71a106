/**
 * .dockerignore-style patterns (`*` within a path segment, `**` across segments, `?` one character), as
 * BuildKit's include/exclude patterns match context paths. Used to select the project files a build reads,
 * the same way the daemon's include-only transfer selects them.
 */

/** A pattern as an anchored RegExp on a relative path. Leading `./` or `/` and trailing `/` are ignored. */
export function globToRegExp(pattern: string): RegExp {
  const p = pattern.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === "*" && p[i + 1] === "*") {
      i++;
      if (p[i + 1] === "/") {
        i++;
        re += "(?:.*/)?";
      } else re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The entries of `files` whose path matches one of `patterns`. */
export function selectFiles<T>(files: ReadonlyMap<string, T>, patterns: readonly string[]): Map<string, T> {
  const res = patterns.map(globToRegExp);
  const out = new Map<string, T>();
  for (const [path, value] of files) if (res.some((re) => re.test(path))) out.set(path, value);
  return out;
}

/**
 * Whether a file below the folder `dir` (a relative path) can match one of `patterns`: false lets a walk of
 * the context skip the folder, as the daemon's include-only transfer does. `**` matches any depth.
 */
export function mayMatchBelow(dir: string, patterns: readonly string[]): boolean {
  const parts = dir.split("/").filter((p) => p !== "");
  return patterns.some((pattern) => {
    const segments = pattern.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "").split("/");
    for (const [i, part] of parts.entries()) {
      const segment = segments[i];
      if (segment === "**") return true;
      // The last segment names the file: the folder must be above it.
      if (segment === undefined || i === segments.length - 1 || !globToRegExp(segment).test(part)) return false;
    }
    return parts.length < segments.length;
  });
}
