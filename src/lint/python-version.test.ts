/** PythonVersionExcluded: the images' Python against the project's requires-python. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, PIP_PROJECT, lintCase, resultsOf } from "../../test/support/lint.js";

const withVersion = (v: string) => BASE_TOML.replace('version = "3.12"', `version = "${v}"`);

describe("PythonVersionExcluded", () => {
  it("reports [python] version outside requires-python at the key, as an error, naming the versions allowed", () => {
    const results = lintCase({ text: withVersion("3.10") });
    expect(resultsOf(results, "PythonVersionExcluded")).toEqual([
      'pydock.toml:2: Python 3.10 is not allowed by requires-python ">=3.11" in pyproject.toml; set [python] version to one it allows (3.11, 3.12, 3.13, 3.14)',
    ]);
    expect(results.find((r) => r.code === "PythonVersionExcluded")?.severity).toBe("error");
    expect(resultsOf(lintCase({ text: withVersion("3.11.2"), files: { ...PIP_PROJECT, "pyproject.toml": '[project]\nname = "app"\nrequires-python = ">=3.11.4"\n' } }), "PythonVersionExcluded")).toHaveLength(1);
  });

  it("points at pyproject.toml when a .python-version pin chose the version", () => {
    const files = { ...PIP_PROJECT, ".python-version": "3.10\n", "pyproject.toml": '[project]\nname = "app"\n\nrequires-python = ">=3.11"\n' };
    const text = BASE_TOML.replace('[python]\nversion = "3.12"\n', "");
    expect(resultsOf(lintCase({ text, files }), "PythonVersionExcluded")).toEqual([
      'pyproject.toml:4: Python 3.10 is not allowed by requires-python ">=3.11" in pyproject.toml; set [python] version to one it allows (3.11, 3.12, 3.13, 3.14)',
    ]);
  });

  it("is quiet for an allowed version, and without a specifier", () => {
    expect(resultsOf(lintCase({ text: withVersion("3.11") }), "PythonVersionExcluded")).toEqual([]);
    const files = { ...PIP_PROJECT, "pyproject.toml": '[project]\nname = "app"\n' };
    expect(resultsOf(lintCase({ text: withVersion("3.9"), files }), "PythonVersionExcluded")).toEqual([]);
  });
});
