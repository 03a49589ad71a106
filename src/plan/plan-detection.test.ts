/**
 * Detection as planBuild uses it: Python version, distro and images, package manager and start command
 * inferred from the project when pydock.toml leaves them out.
 */
import { describe, expect, it } from "vitest";
import { filesOf, planErrors, planOk } from "../../test/support/compile.js";
import { exampleCase, exampleFiles } from "../../test/support/examples.js";
import { lineOf } from "../../test/support/positions.js";
import { FIND_LIBRARIES_STEP, plan, PY, setupStepNames, stage } from "../../test/support/plan-steps.js";
import { defaultDistro, detectCommand, detectManager } from "./detect.js";
import { parsePyproject } from "./project.js";

const noCmd = `[runtime]\ncommand = "x"\n`;
const PORT = "${PORT:-8000}";
/** A detected command that needs the PORT fallback: through `sh -c "exec …"` (and the reason pydock chose it). */
const withPort = (cmd: string) => ({ ok: true, value: { kind: "exec", args: ["/bin/sh", "-c", `exec ${cmd}`] }, reason: expect.any(String) });

describe("python version", () => {
  it(".python-version wins over requires-python", () => {
    const pyproject = `[project]\nname = "a"\nrequires-python = ">=3.10"\ndependencies = ["x"]\n`;
    expect(plan(noCmd, { "pyproject.toml": pyproject, ".python-version": "3.12\n" }).python.version).toBe("3.12");
    expect(plan(noCmd, { "pyproject.toml": pyproject, ".python-version": "# pinned\n\ncpython-3.13.1\n" }).python.version).toBe("3.13.1");
    expect(plan(noCmd, { "pyproject.toml": pyproject }).python.version).toBe("3.13");
    // Poetry's own python constraint when there is no requires-python.
    expect(plan(noCmd, { "pyproject.toml": `[tool.poetry.dependencies]\npython = ">=3.10,<3.12"\n`, "poetry.lock": "" }).python.version).toBe("3.11");
  });

  it("[python] version wins over detection", () => {
    expect(plan(`${PY}${noCmd}`, { "requirements.txt": "", ".python-version": "3.10" }).python.version).toBe("3.12");
  });

  it("distro: trixie from 3.13 on, bookworm before; images follow, as normalised references", () => {
    expect(defaultDistro("3.12")).toBe("bookworm");
    expect(defaultDistro("3.13")).toBe("trixie");
    expect(defaultDistro("3.14.0")).toBe("trixie");
    expect(defaultDistro("3.9")).toBe("bookworm");
    const p = plan(`[python]\nversion = "3.13"\n${noCmd}`, { "requirements.txt": "" });
    expect(p.python).toEqual({ version: "3.13", distro: "trixie" });
    expect(stage(p, "venv").base).toBe("docker.io/library/python:3.13-trixie");
    expect(stage(p, "runtime").base).toBe("docker.io/library/python:3.13-slim-trixie");
    const explicit = plan(`[python]\nversion = "3.13"\ndistro = "bookworm"\nbuilder-image = "registry.example/py:b"\n${noCmd}`, { "requirements.txt": "" });
    expect(stage(explicit, "venv").base).toBe("registry.example/py:b");
    expect(stage(explicit, "runtime").base).toBe("docker.io/library/python:3.13-slim-bookworm");
  });
});

describe("package manager", () => {
  it("manager from lockfiles, with the reason and the file that decided", () => {
    const pyproject = parsePyproject(`[project]\nname = "a"\ndependencies = ["x"]\n`);
    expect(detectManager(filesOf({ "uv.lock": "" }), undefined)).toEqual({
      ok: true,
      value: "uv",
      reason: "uv.lock is the only lockfile (no poetry.lock, pdm.lock, Pipfile.lock or requirements*.txt)",
      source: { file: "uv.lock" },
    });
    expect(detectManager(filesOf({ "poetry.lock": "" }), undefined)).toMatchObject({ ok: true, value: "poetry", source: { file: "poetry.lock" } });
    expect(detectManager(filesOf({ "requirements.txt": "" }), undefined)).toMatchObject({ ok: true, value: "pip", source: { file: "requirements.txt" } });
    expect(detectManager(filesOf({ "pyproject.toml": "" }), pyproject)).toMatchObject({
      ok: true,
      value: "pip",
      reason: "pyproject.toml declares its dependencies and there is no lockfile",
      source: { file: "pyproject.toml" },
    });
    expect(detectManager(filesOf({ "uv.lock": "", "pyproject.toml": "" }), pyproject)).toMatchObject({ ok: true, value: "uv" });
  });

  it("no manifest at all: pip with nothing to install (a warned guess, no install step)", () => {
    expect(detectManager(filesOf({}), undefined)).toEqual({
      ok: true,
      value: "pip",
      reason: "nothing to install: no uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt or pyproject.toml in the build context",
      warn: true,
    });
    const { plan: p, warnings } = planOk({ text: `${PY}${noCmd}`, files: { "lib.py": "" } });
    expect(p.manager.name).toBe("pip");
    expect(stage(p, "venv").steps.map((s) => s.name)).toEqual([...setupStepNames(`pip==${p.manager.version}`), FIND_LIBRARIES_STEP]);
    expect(warnings.filter((w) => w.code === "detected").map((w) => w.message)).toEqual([
      "pydock chose `pip`: nothing to install: no uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt or pyproject.toml in the build context; set [dependencies] manager to change it",
    ]);
  });

  it("several candidate managers: the first in pydock's order, with a warning naming the others", () => {
    const lock0 = `version = 1\n[[package]]\nname = "a"\nversion = "0"\nsource = { virtual = "." }\n`;
    const { plan: p, warnings } = planOk({ text: `${PY}${noCmd}`, files: { "uv.lock": lock0, "poetry.lock": "", "requirements.txt": "", "pyproject.toml": `[project]\nname="a"\n` } });
    expect(p.manager.name).toBe("uv");
    expect(warnings.find((w) => w.code === "detected" && w.message.includes("`uv`"))?.message).toBe(
      "pydock chose `uv`: uv.lock comes first in pydock's order (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt, Pipfile); the context also has poetry.lock (poetry), requirements.txt (pip); set [dependencies] manager to change it",
    );
    // Setting the manager settles it.
    const lock = `version = 1\n[[package]]\nname = "a"\nversion = "0"\nsource = { virtual = "." }\n`;
    const files = { "uv.lock": lock, "poetry.lock": "", "pyproject.toml": `[project]\nname="a"\n` };
    expect(plan(`${PY}[dependencies]\nmanager = "uv"\n${noCmd}`, files).manager.name).toBe("uv");
  });
});

describe("start command", () => {
  it("command: a single project script, Django, FastAPI, Flask", () => {
    const script1 = parsePyproject(`[project]\nname = "a"\n[project.scripts]\nserve = "a.cli:main"\n`);
    expect(detectCommand(filesOf({}), script1)).toEqual({
      ok: true,
      value: { kind: "exec", args: ["serve"] },
      reason: "serve is the project's only console script",
      source: { file: "pyproject.toml" },
    });

    const detected = (name: string) => detectCommand(filesOf(exampleFiles(name)), undefined);
    expect(detected("poetry-django")).toMatchObject(withPort(`gunicorn blog.wsgi --bind 0.0.0.0:${PORT}`));
    // manage.py without a wsgi module is not Django enough.
    expect(detectCommand(filesOf({ "manage.py": "" }), undefined).ok).toBe(false);

    expect(detected("uv-fastapi")).toMatchObject(withPort(`uvicorn fastapi_app.main:app --host 0.0.0.0 --port ${PORT}`));
    expect(detected("zero-config")).toMatchObject(withPort(`uvicorn main:app --host 0.0.0.0 --port ${PORT}`));
    expect(detected("pip-flask")).toMatchObject(withPort(`gunicorn app:app --bind 0.0.0.0:${PORT}`));
    // A Flask app served by gunicorn when the dependencies install it; else by gunicorn that pydock adds, a
    // guess worth a warning.
    const wsgi = "from flask import Flask\nserver = Flask(__name__)\n";
    expect(detectCommand(filesOf({ "wsgi.py": wsgi, "requirements.txt": "flask\ngunicorn\n" }), undefined)).toEqual({
      ...withPort(`gunicorn wsgi:server --bind 0.0.0.0:${PORT}`),
      reason: "Flask app `server` in wsgi.py:2, served by gunicorn, in requirements.txt",
      source: { file: "wsgi.py", line: 2 },
    });
    expect(detectCommand(filesOf({ "wsgi.py": wsgi }), undefined)).toMatchObject({
      ...withPort(`gunicorn wsgi:server --bind 0.0.0.0:${PORT}`),
      reason: expect.stringMatching(/so pydock adds gunicorn from its pinned set \(set \[runtime\] add-server = false to opt out\)$/),
      warn: true,
    });
    expect(detectCommand(filesOf({ "app.py": "import flask\nserver = flask.Flask(__name__)\n" }), undefined)).toMatchObject({
      ...withPort(`gunicorn app:server --bind 0.0.0.0:${PORT}`),
      source: { file: "app.py", line: 2 },
      warn: true,
    });
  });

  it("command: nothing to go on, or several scripts, is an error asking for [runtime] command", () => {
    expect(detectCommand(filesOf({ "lib.py": "print(1)\n" }), undefined)).toEqual({ ok: false, message: "cannot tell how to start the application: set [runtime] command" });
    const two = parsePyproject(`[project]\nname = "a"\n[project.scripts]\na = "a:x"\nb = "a:y"\n`);
    expect(detectCommand(filesOf({}), two)).toEqual({
      ok: false,
      message: "several [project.scripts] entries (a, b): choose the start command with [runtime] command",
      source: { file: "pyproject.toml" },
    });
    const d = planErrors({ text: PY, files: { "requirements.txt": "" } });
    expect(d.map((x) => x.message)).toEqual(["cannot tell how to start the application: set [runtime] command"]);
  });

  it("zero-config: everything detected from the project files", () => {
    const { text, files } = exampleCase("zero-config");
    const p = plan(text, files);
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager.name).toBe("uv");
    expect(p.image.cmd).toEqual(["/bin/sh", "-c", `exec uvicorn main:app --host 0.0.0.0 --port ${PORT}`]);
    expect(p.image.user).toBe("10001:10001");
    expect(p.output).toBe("runtime");
  });

  it("every detected value is said as a \"detected\" warning, at the key that would change it (or the file's end when absent)", () => {
    const { files } = exampleCase("zero-config");
    const text = `# syntax=x\n\n[python]\ndistro = "bookworm"\n\n[runtime]\nexpose = [8000]\n`;
    const detected = planOk({ text, files }).warnings.filter((w) => w.code === "detected");
    expect(detected.map((w) => [w.severity, w.file, w.range.start.line, w.message])).toEqual([
      ["warning", "pydock.toml", lineOf(text, "[python]"), "pydock chose `python 3.11`: .python-version pins 3.11; set [python] version to change it"],
      [
        "warning",
        "pydock.toml",
        text.split("\n").length,
        "pydock chose `uv`: uv.lock is the only lockfile (no poetry.lock, pdm.lock, Pipfile.lock or requirements*.txt); set [dependencies] manager to change it",
      ],
      ["warning", "pydock.toml", lineOf(text, "[runtime]"), expect.stringMatching(/^pydock chose `uvicorn main:app --host 0\.0\.0\.0 --port \$\{PORT:-8000\}`: FastAPI app `app` in main\.py:\d+, .*; set \[runtime\] command to change it$/)],
    ]);
    // Values set in pydock.toml are not detected, so not reported.
    const set = `[python]\nversion = "3.11"\n[dependencies]\nmanager = "uv"\n[runtime]\ncommand = "x"\n`;
    expect(planOk({ text: set, files }).warnings.filter((w) => w.code === "detected")).toEqual([]);
  });
});
