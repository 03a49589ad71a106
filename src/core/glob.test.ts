/** glob.ts: patterns match context paths as BuildKit's include patterns do, and a walk skips only folders no pattern can reach. */
import { describe, expect, it } from "vitest";
import { PROJECT_FILE_PATTERNS } from "../plan/project.js";
import { globToRegExp, mayMatchBelow, selectFiles } from "./glob.js";

describe("globToRegExp", () => {
  it.each([
    ["requirements*.txt", "requirements-dev.txt", true],
    ["requirements*.txt", "requirements/base.txt", false],
    ["*/manage.py", "src/manage.py", true],
    ["*/manage.py", "a/b/manage.py", false],
    ["requirements/**/*.txt", "requirements/base.txt", true],
    ["requirements/**/*.txt", "requirements/a/b/c.txt", true],
    ["/pyproject.toml", "pyproject.toml", true],
    ["?.py", "a.py", true],
    ["?.py", "ab.py", false],
  ])("%s on %s → %s", (pattern, path, want) => expect(globToRegExp(pattern).test(path)).toBe(want));
});

describe("mayMatchBelow", () => {
  it.each([
    ["src", ["src/*/main.py"], true],
    ["src/shop", ["src/*/main.py"], true],
    ["src/shop/deep", ["src/*/main.py"], false],
    ["lib", ["src/*/main.py"], false],
    ["requirements/a/b/c", ["requirements/**/*.txt"], true],
    ["node_modules", ["pyproject.toml", "*.txt"], false],
    [".git/refs", [".git/refs/heads/*"], true],
    [".git/objects", [".git/refs/heads/*"], false],
  ])("%s with %j → %s", (dir, patterns, want) => expect(mayMatchBelow(dir, patterns)).toBe(want));

  it("never skips a folder that holds a file the patterns select", () => {
    const paths = ["a/b/c/settings.py", "a/b/c/settings/prod.py", "src/pkg/__main__.py", "requirements/x/y/z.txt", "x/y/z/w/v.py", "pkg/__init__.py"];
    for (const path of selectFiles(new Map(paths.map((p) => [p, ""])), PROJECT_FILE_PATTERNS).keys()) {
      const dirs = path.split("/").slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join("/"));
      for (const dir of dirs) expect(mayMatchBelow(dir, PROJECT_FILE_PATTERNS), `${dir} for ${path}`).toBe(true);
    }
  });
});
