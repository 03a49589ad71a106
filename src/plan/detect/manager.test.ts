import { describe, expect, it } from "vitest";
import { parsePyproject, projectFiles, type ProjectFiles } from "../project.js";
import { detectManager, requirementFiles } from "./manager.js";

const files = (entries: Record<string, string>): ProjectFiles => projectFiles(new Map(Object.entries(entries)));
const pep621 = `[project]\nname = "a"\ndependencies = ["flask"]\n`;

describe("detectManager", () => {
  it("one lockfile decides, with the reason and the file", () => {
    expect(detectManager(files({ "uv.lock": "", "pyproject.toml": pep621 }), parsePyproject(pep621))).toEqual({
      ok: true,
      value: "uv",
      reason: "uv.lock is the only lockfile (no poetry.lock, pdm.lock, Pipfile.lock or requirements*.txt)",
      source: { file: "uv.lock" },
    });
    expect(detectManager(files({ "poetry.lock": "" }), undefined)).toEqual({
      ok: true,
      value: "poetry",
      reason: "poetry.lock is the only lockfile (no uv.lock, pdm.lock, Pipfile.lock or requirements*.txt)",
      source: { file: "poetry.lock" },
    });
  });

  it("requirement files, or a PEP 621 pyproject without lockfile → pip", () => {
    expect(detectManager(files({ "requirements.txt": "", "requirements-dev.txt": "" }), undefined)).toEqual({
      ok: true,
      value: "pip",
      reason: "requirements.txt, requirements-dev.txt are the only dependency manifests (no uv.lock, poetry.lock, pdm.lock or Pipfile.lock)",
      source: { file: "requirements.txt" },
    });
    expect(detectManager(files({ "pyproject.toml": pep621 }), undefined)).toEqual({
      ok: true,
      value: "pip",
      reason: "pyproject.toml declares its dependencies and there is no lockfile",
      source: { file: "pyproject.toml" },
    });
    const pkg = `[project]\nname = "a"\n[build-system]\nrequires = ["hatchling"]\n`;
    expect(detectManager(files({ "pyproject.toml": pkg }), parsePyproject(pkg))).toMatchObject({ ok: true, value: "pip" });
  });

  it("pdm.lock → PDM", () => {
    expect(detectManager(files({ "pdm.lock": "", "pyproject.toml": pep621 }), undefined)).toEqual({
      ok: true,
      value: "pdm",
      reason: "pdm.lock is the only lockfile (no uv.lock, poetry.lock, Pipfile.lock or requirements*.txt)",
      source: { file: "pdm.lock" },
    });
  });

  it("Pipfile.lock → Pipenv; a Pipfile alone too (the manager then asks for the lock)", () => {
    expect(detectManager(files({ "Pipfile.lock": "{}", Pipfile: "" }), undefined)).toEqual({
      ok: true,
      value: "pipenv",
      reason: "Pipfile.lock is the only lockfile (no uv.lock, poetry.lock, pdm.lock or requirements*.txt)",
      source: { file: "Pipfile.lock" },
    });
    expect(detectManager(files({ Pipfile: "" }), undefined)).toEqual({
      ok: true,
      value: "pipenv",
      reason: "Pipfile is the only dependency manifest, without its Pipfile.lock (run `pipenv lock`)",
      source: { file: "Pipfile" },
    });
  });

  it("several candidates never fail: the first in pydock's order wins, with a warning naming the others", () => {
    const order = "pydock's order (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt, Pipfile)";
    expect(detectManager(files({ "uv.lock": "", "poetry.lock": "", "requirements.txt": "" }), undefined)).toEqual({
      ok: true,
      value: "uv",
      reason: `uv.lock comes first in ${order}; the context also has poetry.lock (poetry), requirements.txt (pip)`,
      source: { file: "uv.lock" },
      warn: true,
    });
    // A lockfile beats the requirement files often exported from it.
    expect(detectManager(files({ "Pipfile.lock": "{}", "requirements.txt": "" }), undefined)).toMatchObject({ ok: true, value: "pipenv", warn: true });
    expect(detectManager(files({ "pdm.lock": "", "uv.lock": "" }), undefined)).toMatchObject({ ok: true, value: "uv", reason: expect.stringContaining("also has pdm.lock (pdm)") });
    // Requirement files beat a Pipfile without its lock (pipenv could not install that).
    expect(detectManager(files({ Pipfile: "", "requirements.txt": "" }), undefined)).toMatchObject({
      ok: true,
      value: "pip",
      source: { file: "requirements.txt" },
      reason: expect.stringContaining("the context also has Pipfile (pipenv)"),
    });
  });

  it("nothing to install: no manifest at all, or a pyproject without dependencies or build-system → pip, with a warning", () => {
    expect(detectManager(files({ "main.py": "" }), undefined)).toEqual({
      ok: true,
      value: "pip",
      reason: "nothing to install: no uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt or pyproject.toml in the build context",
      warn: true,
    });
    const empty = `[project]\nname = "a"\ndependencies = []\n`;
    expect(detectManager(files({ "pyproject.toml": empty }), parsePyproject(empty))).toEqual({
      ok: true,
      value: "pip",
      reason: "nothing to install: pyproject.toml declares no dependencies and no build-system, and there is no uv.lock, poetry.lock, pdm.lock, Pipfile.lock or requirements*.txt",
      source: { file: "pyproject.toml" },
      warn: true,
    });
  });

  it("Poetry dependencies without poetry.lock, or an invalid pyproject.toml: an error saying what is missing", () => {
    const poetry = `[tool.poetry]\nname = "a"\n[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3"\n`;
    expect(detectManager(files({ "pyproject.toml": poetry }), parsePyproject(poetry))).toEqual({
      ok: false,
      message: "pyproject.toml lists [tool.poetry.dependencies] but there is no poetry.lock in the build context: run `poetry lock`, or set [dependencies] manager",
      source: { file: "pyproject.toml" },
    });
    // Only python listed: nothing to install.
    const onlyPython = `[tool.poetry.dependencies]\npython = "^3.11"\n`;
    expect(detectManager(files({ "pyproject.toml": onlyPython }), undefined)).toMatchObject({ ok: true, value: "pip", warn: true });
    expect(detectManager(files({ "pyproject.toml": "[project\n" }), undefined)).toMatchObject({ ok: false, message: expect.stringContaining("pyproject.toml is not valid TOML") });
  });
});

describe("requirementFiles", () => {
  it("top-level requirements*.txt, requirements.txt first", () => {
    expect(requirementFiles(files({ "requirements-dev.txt": "", "requirements.txt": "", "requirements/base.txt": "", "requirements-a.txt": "" }))).toEqual([
      "requirements.txt",
      "requirements-a.txt",
      "requirements-dev.txt",
    ]);
  });
});
