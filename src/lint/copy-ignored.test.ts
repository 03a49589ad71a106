/** CopyIgnored: [app] copy entries against .dockerignore. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, lintCase, resultsOf } from "../../test/support/lint.js";

const text = `[app]\ncopy = ["src", "static", "manage.py"]\n\n${BASE_TOML}`;

describe("CopyIgnored", () => {
  it("reports each copy entry .dockerignore excludes, at the entry, naming the pattern", () => {
    expect(resultsOf(lintCase({ text, dockerignore: "# build output\nstatic/\n*.py\n" }), "CopyIgnored")).toEqual([
      'pydock.toml:2: [app] copy "static" is excluded from the build context by .dockerignore ("static"); add "!static" to .dockerignore after it, or drop the entry',
      'pydock.toml:2: [app] copy "manage.py" is excluded from the build context by .dockerignore ("*.py"); add "!manage.py" to .dockerignore after it, or drop the entry',
    ]);
  });

  it("is quiet without .dockerignore, for re-included entries and for the whole context", () => {
    expect(resultsOf(lintCase({ text }), "CopyIgnored")).toEqual([]);
    expect(resultsOf(lintCase({ text, dockerignore: "*\n!src\n!static\n!manage.py\n" }), "CopyIgnored")).toEqual([]);
    expect(resultsOf(lintCase({ text: BASE_TOML, dockerignore: "*\n!app\n" }), "CopyIgnored")).toEqual([]);
  });
});
