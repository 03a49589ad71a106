/** What the smoke test checks for a command (plan/smoke-test.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { plan } from "../../test/support/plan-steps.js";
import { expandWord, imageEnv, shellCommands, shellTokens, smokeChecks } from "./smoke-test.js";

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

  it("a sh -c string: every simple command, without builtins or assignments, in the folder its cd gives, expansions shown expanded", () => {
    const checks = smokeChecks(["/bin/sh", "-c", 'cd /app && FOO=1 exec gunicorn app:app --bind "0.0.0.0:${PORT:-8000}"; echo done']);
    expect(checks).toEqual([
      { kind: "program", name: "gunicorn" },
      { kind: "module", name: "app", attribute: "app", from: "gunicorn app:app --bind 0.0.0.0:8000", cwd: "/app" },
    ]);
  });

  it("the detected `cd src && exec uvicorn …`: main imports from src, and the message keeps ${PORT:-8000} (the image's PORT, else the default)", () => {
    const argv = ["/bin/sh", "-c", "cd src && exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"];
    expect(smokeChecks(argv)).toEqual([
      { kind: "program", name: "uvicorn" },
      { kind: "module", name: "main", attribute: "app", from: "uvicorn main:app --host 0.0.0.0 --port 8000", cwd: "src" },
    ]);
    expect(smokeChecks(argv, [["PATH", "/app/venv/bin:${PATH}"], ["PORT", "9000"]])[1]).toMatchObject({ from: "uvicorn main:app --host 0.0.0.0 --port 9000" });
    // A variable not known here is shown as written, never dropped.
    expect(smokeChecks(["sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$PORT --workers $(nproc)"])[1]).toMatchObject({ from: "gunicorn app:app --bind 0.0.0.0:$PORT --workers $(nproc)" });
  });

  it("python FILE and python -m in a folder; python -m of a server checks its app too", () => {
    expect(smokeChecks(["/bin/sh", "-c", "cd 'my app' && exec python -u serve.py --port ${PORT:-8000}"])).toEqual([
      { kind: "program", name: "python" },
      { kind: "file", path: "serve.py", from: "python -u serve.py --port 8000", cwd: "my app" },
    ]);
    expect(smokeChecks(["python", "-m", "uvicorn", "--port", "80", "main:app"])).toEqual([
      { kind: "program", name: "python" },
      { kind: "module", name: "uvicorn", from: "python -m uvicorn --port 80 main:app" },
      { kind: "module", name: "main", attribute: "app", from: "python -m uvicorn --port 80 main:app" },
    ]);
    expect(smokeChecks(["bash", "-lc", "cd src/.. && cd app && python -mgunicorn x.wsgi"])).toEqual([
      { kind: "program", name: "python" },
      { kind: "module", name: "gunicorn", from: "python -mgunicorn x.wsgi", cwd: "app" },
      { kind: "module", name: "x.wsgi", from: "python -mgunicorn x.wsgi", cwd: "app" },
    ]);
  });

  it("the image's environment and the script's own assignments expand the command; a variable with spaces splits", () => {
    const env: [string, string][] = [["APP_MODULE", "blog.wsgi:application"], ["GUNICORN_ARGS", "--workers 2 --bind 0.0.0.0:8000"]];
    expect(smokeChecks(["sh", "-c", "exec gunicorn $GUNICORN_ARGS $APP_MODULE"], env)[1]).toEqual({
      kind: "module",
      name: "blog.wsgi",
      attribute: "application",
      from: "gunicorn --workers 2 --bind 0.0.0.0:8000 blog.wsgi:application",
    });
    expect(smokeChecks(["sh", "-c", 'export DIR=srv; APP="${APP:-main}"; cd "$DIR" && exec uvicorn "$APP:app"'])[1]).toMatchObject({ name: "main", attribute: "app", cwd: "srv" });
    // Quoted, a value with spaces stays one word.
    expect(smokeChecks(["sh", "-c", 'exec python "$F"'], [["F", "my script.py"]])[1]).toMatchObject({ kind: "file", path: "my script.py" });
  });

  it("a folder not known here (a cd to a variable, after ||, in an if) leaves only the program to check; a subshell's cd ends with it", () => {
    expect(smokeChecks(["sh", "-c", 'cd "$APP_HOME" && exec uvicorn main:app'])).toEqual([{ kind: "program", name: "uvicorn" }]);
    expect(smokeChecks(["sh", "-c", "test -d src || cd app; exec python serve.py"])).toEqual([{ kind: "program", name: "python" }]);
    expect(smokeChecks(["sh", "-c", "if [ -d src ]; then cd src; fi; exec ./run.sh"])).toEqual([]);
    expect(smokeChecks(["sh", "-c", "(cd migrations && python migrate.py) && exec python serve.py"])).toEqual([
      { kind: "program", name: "python" },
      { kind: "file", path: "migrate.py", from: "python migrate.py", cwd: "migrations" },
      { kind: "file", path: "serve.py", from: "python serve.py" },
    ]);
    // A relative program is looked for in its folder.
    expect(smokeChecks(["sh", "-c", "cd bin && exec ./start"])).toEqual([{ kind: "program", name: "./start", cwd: "bin" }]);
  });

  it("redirections, pipes, case patterns and compound commands are no commands of their own", () => {
    expect(smokeChecks(["sh", "-c", "exec gunicorn app:app >/tmp/log 2>&1 </dev/null"])).toEqual([
      { kind: "program", name: "gunicorn" },
      { kind: "module", name: "app", attribute: "app", from: "gunicorn app:app" },
    ]);
    expect(smokeChecks(["sh", "-c", 'case "$ROLE" in worker) exec celery -A proj worker;; *) exec gunicorn proj.wsgi;; esac'])).toEqual([
      { kind: "program", name: "celery" },
      { kind: "module", name: "proj", from: "celery -A proj worker" },
      { kind: "program", name: "gunicorn" },
      { kind: "module", name: "proj.wsgi", from: "gunicorn proj.wsgi" },
    ]);
    expect(smokeChecks(["sh", "-c", "while true; do python worker.py | tee -a log; sleep 1; done"]).map((c) => c.kind === "program" ? c.name : c.kind)).toEqual(["python", "file", "tee", "sleep"]);
  });

  it("sh -c SCRIPT NAME ARGS…: \"$@\" and $1 are the arguments after the script (an entrypoint that runs commands first, then exec \"$@\")", () => {
    expect(smokeChecks(["/bin/sh", "-c", 'python manage.py migrate && exec "$@"', "sh", "gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"])).toEqual([
      { kind: "program", name: "python" },
      { kind: "file", path: "manage.py", from: "python manage.py migrate" },
      { kind: "program", name: "gunicorn" },
      { kind: "module", name: "blog.wsgi", from: "gunicorn blog.wsgi --bind 0.0.0.0:8000" },
    ]);
    expect(smokeChecks(["sh", "-c", "exec uvicorn $1", "sh", "main:app"])[1]).toMatchObject({ name: "main", attribute: "app" });
    expect(smokeChecks(["sh", "-c", 'exec "$@"'])).toEqual([]);
  });

  it("any script: no exception, and every check names what it checks", () => {
    const piece = fc.constantFrom("a", "b.c", " ", "'", '"', "\\", "$", "{", "}", "(", ")", "`", ";", "&", "|", "<", ">", "\n", "#", ":-", "=", "cd", "exec", "python", "-m", "x.py", "uvicorn", "m:app", "case", "in", "esac", "if", "fi", "$@", "~", "2>&1");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.constantFrom("sh", "gunicorn", "m:app", "-c"), { maxLength: 3 }), (pieces, after) => {
        const checks = smokeChecks(["/bin/sh", "-c", pieces.join(""), ...after], [["X", "1 2"]]);
        for (const c of checks) expect(c.kind === "program" ? c.name : c.kind === "module" ? c.name : c.path).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });

  it("shellTokens and expandWord", () => {
    expect(shellTokens("a 'b c' \"d $X\" # e\nf $(g h) 2>&1 >out")).toEqual([
      { word: "a" },
      { word: "'b c'" },
      { word: '"d $X"' },
      { op: "\n" },
      { word: "f" },
      { word: "$(g h)" },
      { op: "<" },
      { word: "out" },
    ]);
    const env = imageEnv([["PATH", "/app/venv/bin:${PATH}"], ["PORT", "8000"], ["URL", "http://0.0.0.0:${PORT}/"], ["EMPTY", ""]]);
    expect(env.get("URL")).toBe("http://0.0.0.0:8000/");
    expect(env.has("PATH") && env.get("PATH")).toBe(undefined);
    expect(expandWord("${PATH}", env)).toEqual({ fields: undefined, shown: "${PATH}" });
    expect(expandWord("${EMPTY:-x}${EMPTY-y}${PORT:+set}${NOPE+z}", env)).toEqual({ fields: ["xset"], shown: "xset" });
    expect(expandWord("'$PORT'\\$PORT\"$PORT\"", env).fields).toEqual(["$PORT$PORT8000"]);
    expect(expandWord("~/x", env).fields).toBeUndefined();
    expect(shellCommands("cd a; cd ../b && x; cd /srv; y").map((c) => [c.words.map((w) => w.text).join(" "), c.cwd])).toEqual([["x", "b"], ["y", "/srv"]]);
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
      python: `${p.venvPath}/bin/python`,
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
    const built = plan(text.replace("[app]\n", '[app]\nbuild-commands = ["true", ["python", "-V"]]\n'), files);
    expect(built.smokeTest?.besideLastSteps).toBe(2);
    expect(plan(text.replace("[runtime]\n", "[runtime]\nsmoke-test = false\n"), files).smokeTest).toBeUndefined();
    expect(plan(text, files, { target: "venv" }).smokeTest).toBeUndefined();
  });
});
