/** What the smoke test checks for a command (plan/smoke-test.ts). */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { plan } from "../../test/support/plan-steps.js";
import { shellCommands, smokeChecks } from "./smoke-test.js";

describe("smokeChecks", () => {
  it("servers: the program and the app module with its attribute, skipping option values", () => {
    expect(smokeChecks(["gunicorn", "app:app", "--bind", "0.0.0.0:8000"])).toEqual([
      { kind: "program", name: "gunicorn" },
      { kind: "module", name: "app", attribute: "app", from: "gunicorn app:app --bind 0.0.0.0:8000" },
    ]);
    expect(smokeChecks(["gunicorn", "-w", "4", "--chdir", "src", "blog.wsgi"])[1]).toMatchObject({ name: "blog.wsgi", paths: ["src"] });
    expect(smokeChecks(["uvicorn", "--factory", "main:create", "--port", "8000"])[1]).toMatchObject({ name: "main", attribute: "create" });
    expect(smokeChecks(["gunicorn", "app:create_app()"])[1]).toMatchObject({ name: "app", attribute: "create_app" });
    expect(smokeChecks(["celery", "-A", "proj", "worker", "-l", "info"])[1]).toMatchObject({ name: "proj" });
  });

  it("python: -m imports the module, a file must exist, -c checks only the interpreter", () => {
    expect(smokeChecks(["python", "-u", "-m", "myapp.server"])).toEqual([
      { kind: "program", name: "python" },
      { kind: "module", name: "myapp.server", from: "python -u -m myapp.server" },
    ]);
    expect(smokeChecks(["python3", "manage.py", "runserver"])[1]).toEqual({ kind: "file", path: "manage.py", from: "python3 manage.py runserver" });
    expect(smokeChecks(["python", "-c", "import x"])).toEqual([{ kind: "program", name: "python" }]);
  });

  it("a sh -c string: every simple command, without builtins, assignments or expansions", () => {
    const checks = smokeChecks(["/bin/sh", "-c", 'cd /app && FOO=1 exec gunicorn app:app --bind "0.0.0.0:${PORT:-8000}"; echo done']);
    expect(checks).toEqual([
      { kind: "program", name: "gunicorn" },
      { kind: "module", name: "app", attribute: "app", from: "gunicorn app:app --bind" },
    ]);
    expect(shellCommands("a 'b c' \"d $X\" # e\nf")).toEqual([["a", "b c", undefined], ["f"]]);
  });

  it("a console script alone, and words that are no names (constructor, __proto__)", () => {
    expect(smokeChecks(["myapp"])).toEqual([{ kind: "program", name: "myapp" }]);
    expect(smokeChecks(["constructor", "x"])).toEqual([{ kind: "program", name: "constructor" }]);
    expect(smokeChecks([])).toEqual([]);
  });
});

describe("the plan's smoke test", () => {
  it("runtime target: the venv's python, the checks, the command's key; off with smoke-test = false and for --target venv", () => {
    const { text, files } = exampleCase("psycopg");
    const p = plan(text, files);
    expect(p.smokeTest).toEqual({
      python: "/app/venv/bin/python",
      checks: [
        { kind: "program", name: "gunicorn" },
        { kind: "module", name: "app", attribute: "app", from: "gunicorn app:app --bind 0.0.0.0:8000" },
      ],
      origin: ["runtime", "command"],
      besideLastSteps: 0,
      // The runtime-libraries list, for the image's label, comes back with the result.
      report: "/usr/share/pydock/auto-system-packages",
    });
    const manual = plan(text.replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n"), files);
    expect(manual.smokeTest?.report).toBeUndefined();
    // With build commands, the check runs on the image before them (as many steps as there are commands).
    const built = plan(text.replace("[runtime]\n", '[app]\nbuild-commands = ["true", ["python", "-V"]]\n\n[runtime]\n'), files);
    expect(built.smokeTest?.besideLastSteps).toBe(2);
    expect(plan(text.replace("[runtime]\n", "[runtime]\nsmoke-test = false\n"), files).smokeTest).toBeUndefined();
    expect(plan(text, files, { target: "venv" }).smokeTest).toBeUndefined();
  });
});
