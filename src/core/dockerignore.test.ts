/** .dockerignore as Docker reads it: what the context copies exclude and re-include. */
import { describe, expect, it } from "vitest";
import { ignoredBy, parseIgnore } from "./dockerignore.js";

describe("parseIgnore", () => {
  it("drops comments and blank lines, cleans paths and keeps re-includes", () => {
    const text = "# all out\n*\n\n!/pyproject.toml\n! ./uv.lock\n!/app/\n/build/../dist\n**/__pycache__\r\n";
    expect(parseIgnore(text)).toEqual(["*", "!pyproject.toml", "!uv.lock", "!app", "dist", "**/__pycache__"]);
  });

  it("ignores lines that clean to nothing", () => {
    expect(parseIgnore("/\n.\n!/\n")).toEqual([]);
  });
});

describe("ignoredBy", () => {
  it("names the pattern that excludes a path or one of its folders", () => {
    expect(ignoredBy("static", ["static"])).toBe("static");
    expect(ignoredBy("static/css/site.css", ["static"])).toBe("static");
    expect(ignoredBy("./docs/", ["*.md", "docs"])).toBe("docs");
    expect(ignoredBy("a/b/__pycache__", ["**/__pycache__"])).toBe("**/__pycache__");
  });

  it("lets a later ! pattern send the path again, and never excludes the context root", () => {
    expect(ignoredBy("src", ["*", "!src"])).toBeUndefined();
    expect(ignoredBy("src", ["*", "!src", "src"])).toBe("src");
    expect(ignoredBy("README.md", ["*", "!src"])).toBe("*");
    expect(ignoredBy(".", ["*"])).toBeUndefined();
    expect(ignoredBy("src", ["static", "*.md"])).toBeUndefined();
  });
});
