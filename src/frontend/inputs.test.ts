/** .dockerignore as Docker reads it: what the context copies exclude and re-include. */
import { describe, expect, it } from "vitest";
import { parseIgnore } from "./inputs.js";

describe("parseIgnore", () => {
  it("drops comments and blank lines, cleans paths and keeps re-includes", () => {
    const text = "# all out\n*\n\n!/pyproject.toml\n! ./uv.lock\n!/app/\n/build/../dist\n**/__pycache__\r\n";
    expect(parseIgnore(text)).toEqual(["*", "!pyproject.toml", "!uv.lock", "!app", "dist", "**/__pycache__"]);
  });

  it("ignores lines that clean to nothing", () => {
    expect(parseIgnore("/\n.\n!/\n")).toEqual([]);
  });
});
