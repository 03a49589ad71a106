import { describe, expect, it } from "vitest";
import { parsePyproject, projectFiles, type ProjectFiles } from "../project.js";
import { dependencyNames, pyprojectNames } from "./dependencies.js";

const files = (entries: Record<string, string>): ProjectFiles => projectFiles(new Map(Object.entries(entries)));
const sorted = (s: Iterable<string>) => [...s].sort();

describe("pyproject.toml", () => {
  it("[project] dependencies and [tool.poetry.dependencies], without python; extras known to install a server", () => {
    const p = parsePyproject(`[project]
name = "a"
dependencies = ["Django (>=5)", "fastapi[standard]>=0.110", "quart", "litestar[standard]"]

[tool.poetry.dependencies]
python = "^3.11"
Flask = "^3"
python-fasthtml = { version = "*" }
`);
    expect(sorted(pyprojectNames(p))).toEqual(["django", "fastapi", "fastapi-cli", "flask", "hypercorn", "litestar", "python-fasthtml", "quart", "starlette", "uvicorn"]);
  });
});

describe("dependencyNames", () => {
  it("unites every manifest and says which it read", () => {
    const f = files({
      "uv.lock": `[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "x" }\n`,
      "poetry.lock": `[[package]]\nname = "b"\nversion = "1"\n`,
      "pdm.lock": `[[package]]\nname = "c"\nversion = "1"\n`,
      "Pipfile.lock": `{"default": {"d": {}}}`,
      "requirements.txt": "e\n",
      "requirements-dev.txt": "pytest\n",
      "pyproject.toml": `[project]\nname = "x"\ndependencies = ["f"]\n`,
    });
    const d = dependencyNames(f);
    expect(sorted(d.names)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(d.sources).toEqual(["uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "requirements.txt", "pyproject.toml"]);
    // The requirement files pip installs can be given ([dependencies] requirements).
    expect(sorted(dependencyNames(f, undefined, { requirements: ["requirements-dev.txt"] }).names)).toContain("pytest");
  });

  it("nothing to read: no names, no sources", () => {
    expect(dependencyNames(files({}))).toEqual({ names: new Set(), sources: [], missing: [] });
    expect(dependencyNames(files({ "pyproject.toml": "not toml [" })).names.size).toBe(0);
  });
});
