import { describe, expect, it } from "vitest";
import { parsePyproject, projectFiles, type ProjectFiles } from "../project.js";
import { detectPythonVersion } from "./python-version.js";

const files = (entries: Record<string, string>): ProjectFiles => projectFiles(new Map(Object.entries(entries)));

describe("detectPythonVersion", () => {
  const pyproject = `[project]\nname = "a"\nrequires-python = ">=3.10"\n`;

  const unpinned = { ok: true, value: "3.13", reason: expect.stringMatching(/^no version pinned; using pydock's default, 3\.13 \(looked for \.python-version, /), warn: true };

  it("with nothing pinned: DEFAULT_PYTHON, with a warning", () => {
    expect(detectPythonVersion(files({}), undefined)).toEqual(unpinned);
    expect(detectPythonVersion(files({ "requirements.txt": "flask\n" }), undefined)).toEqual(unpinned);
  });

  it("with nothing pinned, a Dockerfile's FROM python:X is the hint; a pin or constraint still wins over it", () => {
    const hint = { value: "3.12", source: { file: "Dockerfile", line: 3 } };
    expect(detectPythonVersion(files({}), undefined, hint)).toEqual({
      ok: true,
      value: "3.12",
      reason: "the project's Dockerfile:3 starts from python:3.12 (nothing else names a version)",
      source: { file: "Dockerfile", line: 3 },
    });
    expect(detectPythonVersion(files({ ".python-version": "3.11\n" }), undefined, hint)).toMatchObject({ value: "3.11" });
    // A base image pydock does not build is no hint.
    expect(detectPythonVersion(files({}), undefined, { value: "3.6", source: { file: "Dockerfile", line: 1 } })).toEqual(unpinned);
  });

  it("`latest` (and other names for the newest) is the newest supported version; asdf's latest:X.Y that minor", () => {
    expect(detectPythonVersion(files({ "mise.toml": `[tools]\npython = "latest"\n` }), undefined)).toEqual({
      ok: true,
      value: "3.14",
      reason: '[tools] python in mise.toml asks for "latest": the newest Python pydock builds, 3.14',
      source: { file: "mise.toml", line: 2 },
    });
    expect(detectPythonVersion(files({ ".python-version": "latest\n" }), undefined)).toMatchObject({ value: "3.14" });
    expect(detectPythonVersion(files({ ".tool-versions": "python latest:3.12\n" }), undefined)).toMatchObject({ value: "3.12" });
    expect(detectPythonVersion(files({ ".tool-versions": "python latest:3.8\n" }), undefined)).toMatchObject({ ok: false });
  });

  it(".python-version pins, with its line, and wins over requires-python", () => {
    const d = detectPythonVersion(files({ ".python-version": "# pyenv\n\n3.12.4\n", "pyproject.toml": pyproject }), parsePyproject(pyproject));
    expect(d).toEqual({ ok: true, value: "3.12.4", reason: ".python-version pins 3.12.4", source: { file: ".python-version", line: 3 } });
  });

  it(".python-version may hold a request (uv): a specifier or a bare major", () => {
    expect(detectPythonVersion(files({ ".python-version": ">=3.12\n" }), undefined)).toMatchObject({ ok: true, value: "3.13", reason: ".python-version \">=3.12\" allows 3.12–3.14; pydock takes its default, 3.13" });
    expect(detectPythonVersion(files({ ".python-version": "<3.12\n" }), undefined)).toMatchObject({ ok: true, value: "3.11", reason: ".python-version \"<3.12\" allows 3.9–3.11 but not pydock's default 3.13; pydock takes the newest it allows" });
    expect(detectPythonVersion(files({ ".python-version": "3\n" }), undefined)).toMatchObject({ ok: true, value: "3.13" });
  });

  it(".tool-versions: the python line's first version", () => {
    const t = "nodejs 20.11.0\npython 3.11.9 3.10.4 # two\n";
    expect(detectPythonVersion(files({ ".tool-versions": t }), undefined)).toEqual({
      ok: true,
      value: "3.11.9",
      reason: "python in .tool-versions pins 3.11.9",
      source: { file: ".tool-versions", line: 2 },
    });
    expect(detectPythonVersion(files({ ".tool-versions": "nodejs 20\n" }), undefined)).toEqual(unpinned); // no python line: nothing pinned
  });

  it("mise.toml and .mise.toml: [tools] python as a string, a table or a list", () => {
    expect(detectPythonVersion(files({ "mise.toml": `[tools]\nnode = "20"\npython = "3.11"\n` }), undefined)).toEqual({
      ok: true,
      value: "3.11",
      reason: "[tools] python in mise.toml pins 3.11",
      source: { file: "mise.toml", line: 3 },
    });
    expect(detectPythonVersion(files({ ".mise.toml": `[tools]\npython = { version = "3.12.2", virtualenv = ".venv" }\n` }), undefined)).toMatchObject({ value: "3.12.2" });
    expect(detectPythonVersion(files({ "mise.toml": `[tools]\npython = ["3.10", "3.11"]\n` }), undefined)).toMatchObject({ value: "3.10" });
    expect(detectPythonVersion(files({ "mise.toml": `[tools]\npython = [{ version = "3.9" }]\n` }), undefined)).toMatchObject({ value: "3.9" });
    const bad = detectPythonVersion(files({ "mise.toml": `[tools\npython = "3.11"\n` }), undefined);
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/^mise\.toml is not valid TOML .*: set \[python\] version$/) });
  });

  it("runtime.txt (Heroku)", () => {
    expect(detectPythonVersion(files({ "runtime.txt": "python-3.11.9\n" }), undefined)).toEqual({
      ok: true,
      value: "3.11.9",
      reason: "runtime.txt pins 3.11.9",
      source: { file: "runtime.txt", line: 1 },
    });
  });

  it("Pipfile [requires]: python_full_version, then python_version", () => {
    const both = `[packages]\nflask = "*"\n\n[requires]\npython_version = "3.11"\npython_full_version = "3.11.4"\n`;
    expect(detectPythonVersion(files({ Pipfile: both }), undefined)).toEqual({
      ok: true,
      value: "3.11.4",
      reason: "[requires] python_full_version in Pipfile pins 3.11.4",
      source: { file: "Pipfile", line: 6 },
    });
    expect(detectPythonVersion(files({ Pipfile: `[requires]\npython_version = "3.12"\n` }), undefined)).toMatchObject({ value: "3.12" });
  });

  it("the order: .python-version, .tool-versions, mise, runtime.txt, Pipfile, then specifiers", () => {
    const all = {
      ".python-version": "3.9\n",
      ".tool-versions": "python 3.10.1\n",
      "mise.toml": `[tools]\npython = "3.11"\n`,
      "runtime.txt": "python-3.12.0\n",
      Pipfile: `[requires]\npython_version = "3.13"\n`,
      "pyproject.toml": `[project]\nrequires-python = ">=3.14"\n`,
    };
    const order = [".python-version", ".tool-versions", "mise.toml", "runtime.txt", "Pipfile", "pyproject.toml"];
    const want = ["3.9", "3.10.1", "3.11", "3.12.0", "3.13", "3.14"];
    const left: Record<string, string> = { ...all };
    for (const [i, file] of order.entries()) {
      expect(detectPythonVersion(files(left), undefined).ok && detectPythonVersion(files(left), undefined)).toMatchObject({ value: want[i], source: { file } });
      delete left[file];
    }
  });

  it("requires-python, with its line; Poetry's python dependency when there is none", () => {
    const text = `[project]\nname = "a"\nrequires-python = ">=3.10"\n`;
    expect(detectPythonVersion(files({ "pyproject.toml": text }), parsePyproject(text))).toEqual({
      ok: true,
      value: "3.13",
      reason: 'requires-python ">=3.10" in pyproject.toml allows 3.10–3.14; pydock takes its default, 3.13',
      source: { file: "pyproject.toml", line: 3 },
    });
    const poetry = `[tool.poetry]\nname = "a"\n\n[tool.poetry.dependencies]\npython = ">=3.9,<3.13"\nflask = "^3"\n`;
    expect(detectPythonVersion(files({ "pyproject.toml": poetry }), parsePyproject(poetry))).toMatchObject({
      value: "3.12",
      reason: `Poetry's python dependency ">=3.9,<3.13" in pyproject.toml allows 3.9–3.12 but not pydock's default 3.13; pydock takes the newest it allows`,
      source: { file: "pyproject.toml", line: 5 },
    });
    // Without a parsed pyproject, the file is read (and an invalid one is left to the planner).
    expect(detectPythonVersion(files({ "pyproject.toml": text }), undefined)).toMatchObject({ value: "3.13" });
    expect(detectPythonVersion(files({ "pyproject.toml": "[project\n" }), undefined)).toEqual(unpinned);
  });

  it("setup.py python_requires= and setup.cfg [options] python_requires", () => {
    const setup = `from setuptools import setup\n\nsetup(\n    name="a",\n    python_requires=">=3.10",\n)\n`;
    expect(detectPythonVersion(files({ "setup.py": setup }), undefined)).toEqual({
      ok: true,
      value: "3.13",
      reason: 'python_requires ">=3.10" in setup.py allows 3.10–3.14; pydock takes its default, 3.13',
      source: { file: "setup.py", line: 5 },
    });
    // `python_requires == x` comparisons and unquoted values are not the keyword argument.
    expect(detectPythonVersion(files({ "setup.py": `if python_requires == 1: pass\nsetup(python_requires = '~=3.12.1')\n` }), undefined)).toMatchObject({ value: "3.12", source: { line: 2 } });
    const cfg = `[metadata]\nname = a\n\n[options]\npackages = find:\npython_requires = >=3.11\n`;
    expect(detectPythonVersion(files({ "setup.cfg": cfg }), undefined)).toEqual({
      ok: true,
      value: "3.13",
      reason: '[options] python_requires ">=3.11" in setup.cfg allows 3.11–3.14; pydock takes its default, 3.13',
      source: { file: "setup.cfg", line: 6 },
    });
    expect(detectPythonVersion(files({ "setup.cfg": `[metadata]\npython_requires = >=3.11\n` }), undefined)).toEqual(unpinned);
    // requires-python comes first.
    expect(detectPythonVersion(files({ "setup.py": setup, "pyproject.toml": `[project]\nrequires-python = "==3.12.*"\n` }), undefined)).toMatchObject({ value: "3.12" });
  });

  it("a pinned version pydock does not build is an error naming the file and the supported versions", () => {
    expect(detectPythonVersion(files({ ".python-version": "3.8.18\n" }), undefined)).toEqual({
      ok: false,
      message: ".python-version asks for Python 3.8.18, which pydock does not build (supported: 3.9, 3.10, 3.11, 3.12, 3.13, 3.14); change it or set [python] version",
      source: { file: ".python-version", line: 1 },
    });
    expect(detectPythonVersion(files({ "runtime.txt": "python-3.15.0\n" }), undefined)).toMatchObject({ ok: false, message: expect.stringContaining("runtime.txt asks for Python 3.15.0") });
    // No silent fallback to the next source.
    expect(detectPythonVersion(files({ ".python-version": "3.7\n", "pyproject.toml": `[project]\nrequires-python = ">=3.9"\n` }), undefined).ok).toBe(false);
  });

  it("an unparseable pin or specifier is an error naming the file", () => {
    expect(detectPythonVersion(files({ ".python-version": "pypy3.10\n" }), undefined)).toEqual({
      ok: false,
      message: '.python-version says "pypy3.10", which is not a CPython version pydock can build (supported: 3.9, 3.10, 3.11, 3.12, 3.13, 3.14); change it or set [python] version',
      source: { file: ".python-version", line: 1 },
    });
    expect(detectPythonVersion(files({ ".tool-versions": "python system\n" }), undefined)).toMatchObject({ ok: false, message: expect.stringContaining('python in .tool-versions says "system"') });
    const text = `[project]\nrequires-python = "not a version"\n`;
    expect(detectPythonVersion(files({ "pyproject.toml": text }), parsePyproject(text))).toEqual({
      ok: false,
      message: 'requires-python "not a version" in pyproject.toml is not a version specifier pydock understands; set [python] version',
      source: { file: "pyproject.toml", line: 2 },
    });
    const none = `[project]\nrequires-python = ">=3.15"\n`;
    expect(detectPythonVersion(files({ "pyproject.toml": none }), parsePyproject(none))).toMatchObject({
      ok: false,
      message: 'requires-python ">=3.15" in pyproject.toml allows none of the Python versions pydock builds (3.9, 3.10, 3.11, 3.12, 3.13, 3.14); set [python] version',
    });
  });
});
