/**
 * What a pydock.toml holding only the syntax line builds for projects written for other tools (spec:
 * "Detection"): the server pydock adds, PORT and the exposed port, Django's migrate and collectstatic, who
 * owns the application's files, the venv's place, and detection that sees the context as .dockerignore leaves it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planErrors, planOk } from "../../test/support/compile.js";
import { copies, names, plan, PY, runs, runtimeSteps, venvSteps } from "../../test/support/plan-steps.js";
import { splitProjectRead } from "../frontend/inputs.js";
import { addedServer, ADDED_SERVER_VERSIONS, serverStarted } from "./added-server.js";
import type { RunStep } from "./types.js";

const ZERO = "# syntax=pydock/pydock:0.1\n";
const FLASK = { "requirements.txt": "flask==3.1.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" };
const manage = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n`;
const DJANGO = {
  "requirements.txt": "django==5.2\nwhitenoise==6.9\n",
  "manage.py": manage,
  "shop/settings.py": 'WSGI_APPLICATION = "shop.wsgi.application"\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\nSTATIC_URL = "static/"\nSTATIC_ROOT = BASE_DIR / "staticfiles"\n',
  "shop/wsgi.py": "application = None\n",
};

describe("a production server pydock adds", () => {
  it("gunicorn for a Flask app whose dependencies hold none: a venv step after the dependencies, from the pinned set", () => {
    const { plan: p, warnings } = planOk({ text: ZERO, files: FLASK });
    const step = venvSteps(p).find((s) => s.name.startsWith("add gunicorn")) as RunStep;
    expect(step.name).toBe(`add gunicorn ${ADDED_SERVER_VERSIONS.gunicorn} (no production server in the dependencies; pinned set, hash-checked)`);
    // The last install step: uv sync, which installs a project after its dependencies, removes what uv.lock does not list.
    expect(names(venvSteps(p)).at(-1)).toBe(step.name);
    const script = step.command.kind === "shell" ? step.command.script : "";
    expect(script).toContain(addedServer("gunicorn").lock);
    expect(script).toContain("--require-hashes --no-deps -r /tmp/pydock-server-missing.txt");
    expect(p.addedServer).toMatchObject({ name: "gunicorn", version: ADDED_SERVER_VERSIONS.gunicorn });
    expect(p.image.cmd).toEqual(["/bin/sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:${PORT:-8000}"]);
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringContaining("so pydock adds gunicorn from its pinned set"));
  });

  it("after a uv project's own install, which would remove it (uv sync is exact)", () => {
    const pyproject = `[project]\nname = "svc"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["flask"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
    const lock = `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "svc"\nversion = "1"\nsource = { editable = "." }\ndependencies = [{ name = "flask" }]\n\n[package.metadata]\nrequires-dist = [{ name = "flask" }]\n\n[[package]]\nname = "flask"\nversion = "3.1.0"\nsource = { registry = "https://pypi.org/simple" }\n`;
    const steps = names(venvSteps(plan(ZERO, { "pyproject.toml": pyproject, "uv.lock": lock, "svc/__init__.py": "", "svc/app.py": "from flask import Flask\napp = Flask(__name__)\n" })));
    expect(steps.slice(-2)).toEqual([expect.stringMatching(/^uv sync --frozen --no-editable/), expect.stringMatching(/^add gunicorn /)]);
  });

  it("not with gunicorn in the dependencies, nor with add-server = false (an error then)", () => {
    expect(plan(ZERO, { ...FLASK, "requirements.txt": "flask\ngunicorn\n" }).addedServer).toBeUndefined();
    expect(() => plan(`${ZERO}[runtime]\nadd-server = false\n`, FLASK)).toThrow(/hold no production server \(looked for gunicorn, uvicorn, hypercorn, granian, waitress, uWSGI or daphne\) and \[runtime\] add-server is false/);
  });

  it("uvicorn for a written command that starts it without the dependencies installing it, with a warning", () => {
    const text = `${PY}[runtime]\ncommand = "cd src && exec uvicorn main:app --host 0.0.0.0"\n`;
    const { plan: p, warnings } = planOk({ text, files: { "requirements.txt": "fastapi\n" } });
    expect(p.addedServer?.name).toBe("uvicorn");
    expect(warnings.find((w) => w.code === "added-server")?.message).toMatch(/^\[runtime\] command starts uvicorn, which the dependencies do not install: pydock adds uvicorn /);
    expect(planOk({ text, files: { "requirements.txt": "fastapi\nuvicorn\n" } }).plan.addedServer).toBeUndefined();
  });

  it("also for a command detection takes from the Procfile", () => {
    const { plan: p, warnings } = planOk({ text: ZERO, files: { Procfile: "web: gunicorn hello:app\n", "requirements.txt": "flask\n" } });
    expect(p.addedServer?.name).toBe("gunicorn");
    expect(warnings.find((w) => w.code === "added-server")?.message).toMatch(/^the detected command \(the Procfile's web process\) starts gunicorn, which the dependencies do not install/);
  });

  it("serverStarted: the program of the first simple command", () => {
    expect(serverStarted({ kind: "exec", args: ["gunicorn", "a:b"] })).toBe("gunicorn");
    expect(serverStarted({ kind: "exec", args: ["/bin/sh", "-c", "cd src && FOO=1 exec /app/.venv/bin/uvicorn m:a"] })).toBe("uvicorn");
    expect(serverStarted({ kind: "shell", script: "python manage.py migrate && gunicorn x.wsgi" })).toBe("gunicorn");
    expect(serverStarted({ kind: "exec", args: ["python", "gunicorn.py"] })).toBeUndefined();
    expect(serverStarted({ kind: "exec", args: ["hypercorn", "a:b"] })).toBeUndefined();
  });

  it("the step's filter keeps the set's lines whose distribution the venv lacks", () => {
    const step = venvSteps(plan(ZERO, FLASK)).find((s) => s.name.startsWith("add gunicorn")) as RunStep;
    const script = step.command.kind === "shell" ? step.command.script : "";
    const filter = /-c '([^']*(?:'\\''[^']*)*)' \/tmp\/pydock-gunicorn/.exec(script)?.[1]?.replace(/'\\''/g, "'");
    expect(filter).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "pydock-added-server-"));
    try {
      // pip is installed in this Python, gunicorn (normally) not.
      writeFileSync(join(dir, "set.txt"), "gunicorn==27.0.1 ; python_full_version >= '3.10' \\\n    --hash=sha256:aa\npip==1.0 \\\n    --hash=sha256:bb\n");
      const out = execFileSync("python3", ["-c", filter ?? "", join(dir, "set.txt")], { encoding: "utf8" });
      expect(out).toBe("gunicorn==27.0.1 ; python_full_version >= '3.10'      --hash=sha256:aa\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("PORT and the exposed port", () => {
  it("a detected web command: PORT=8000 in the image and 8000/tcp exposed", () => {
    const p = plan(ZERO, { ...FLASK, "requirements.txt": "flask\ngunicorn\n" });
    expect(p.image.env).toContainEqual(["PORT", "8000"]);
    expect(p.image.exposedPorts).toEqual(["8000/tcp"]);
  });

  it("the port of the project's Dockerfile; [runtime] expose and env win", () => {
    const files = { ...FLASK, "requirements.txt": "flask\ngunicorn\n", Dockerfile: "FROM python:3.12-slim\nEXPOSE 5000\n" };
    const p = plan(ZERO, files);
    expect(p.python.version).toBe("3.12");
    expect(p.image.env).toContainEqual(["PORT", "5000"]);
    expect(p.image.exposedPorts).toEqual(["5000/tcp"]);
    expect(plan(`${ZERO}[runtime]\nexpose = [9000]\n`, files).image.env).toContainEqual(["PORT", "9000"]);
    const env = plan(`${ZERO}[runtime]\nenv = { PORT = "7000" }\n`, files).image.env;
    expect(env.filter(([k]) => k === "PORT")).toEqual([["PORT", "7000"]]);
  });

  it("a program that is not a web server exposes nothing", () => {
    expect(plan(ZERO, { "main.py": "print(1)\n" }).image.exposedPorts).toEqual([]);
  });
});

describe("Django as it runs in production", () => {
  it("collectstatic at build when STATIC_ROOT is set (a failure is a warning), migrate before the server at start", () => {
    const { plan: p, warnings } = planOk({ text: ZERO, files: { ...DJANGO, "requirements.txt": "django\ngunicorn\n" } });
    const build = runs(runtimeSteps(p)).at(-1);
    expect(build?.name).toBe("python manage.py collectstatic --noinput");
    const script = build?.command.kind === "shell" ? build.command.script : "";
    expect(script).toMatch(/^\{ python manage\.py collectstatic --noinput; \} > \/tmp\/pydock-build-command\.log 2>&1; rc=\$\?; /);
    expect(script).toContain("so the image has no collected static files");
    expect(build?.env).toContainEqual(["SECRET_KEY", "pydock-build-only-not-secret"]);
    // As the owner of the application's files: the app may collect again at start, over these.
    expect(build?.user).toBe("10001:10001");
    expect(p.image.cmd).toEqual(["/bin/sh", "-c", "python manage.py migrate --noinput && exec gunicorn shop.wsgi --bind 0.0.0.0:${PORT:-8000}"]);
    expect(p.smokeTest?.besideLastSteps).toBe(1);
    expect(warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pydock runs at build `python manage\.py collectstatic --noinput`: STATIC_ROOT is set in shop\/settings\.py/),
        expect.stringMatching(/^pydock runs at start `python manage\.py migrate --noinput`: /),
      ]),
    );
  });

  it("[] turns each off; written build commands fail the build as written; no STATIC_ROOT, no collectstatic", () => {
    const files = { ...DJANGO, "requirements.txt": "django\ngunicorn\n" };
    const off = plan(`${ZERO}[app]\nbuild-commands = []\n[runtime]\nbefore = []\n`, files);
    expect(runs(runtimeSteps(off)).map((r) => r.name)).not.toContain("python manage.py collectstatic --noinput");
    expect(off.image.cmd).toEqual(["/bin/sh", "-c", "exec gunicorn shop.wsgi --bind 0.0.0.0:${PORT:-8000}"]);
    const written = plan(`${ZERO}[app]\nbuild-commands = ["python manage.py collectstatic --noinput"]\n`, files);
    expect(runs(runtimeSteps(written)).at(-1)?.command).toEqual({ kind: "shell", script: "python manage.py collectstatic --noinput" });
    const noRoot = plan(ZERO, { ...files, "shop/settings.py": 'WSGI_APPLICATION = "shop.wsgi.application"\n' });
    expect(runs(runtimeSteps(noRoot)).map((r) => r.name)).not.toContain("python manage.py collectstatic --noinput");
    // No DATABASES (or `DATABASES = {}`): nothing to migrate (Django's dummy backend would make migrate fail).
    const empty = plan(ZERO, { ...files, "shop/settings.py": 'WSGI_APPLICATION = "shop.wsgi.application"\nDATABASES = {}\n' });
    expect(empty.image.cmd).toEqual(["/bin/sh", "-c", "exec gunicorn shop.wsgi --bind 0.0.0.0:${PORT:-8000}"]);
    expect(noRoot.image.cmd).toEqual(["/bin/sh", "-c", "exec gunicorn shop.wsgi --bind 0.0.0.0:${PORT:-8000}"]);
  });

  it("migrate also when the settings module manage.py names is one pydock does not read", () => {
    const files = { "requirements.txt": "django\ngunicorn\n", "manage.py": manage.replace("shop.settings", "config.django.base"), "config/wsgi.py": "application = None\n", "config/settings/__init__.py": "" };
    expect(plan(ZERO, files).image.cmd).toEqual(["/bin/sh", "-c", "python manage.py migrate --noinput && exec gunicorn config.wsgi --bind 0.0.0.0:${PORT:-8000}"]);
  });

  it("migrate before a Procfile's command in a Django project, unless the command migrates already", () => {
    const files = { ...DJANGO, "requirements.txt": "django\ngunicorn\n" };
    expect(plan(ZERO, { ...files, Procfile: "web: gunicorn shop.wsgi --log-file -\n" }).image.cmd).toEqual(["/bin/sh", "-c", "python manage.py migrate --noinput && exec gunicorn shop.wsgi --log-file -"]);
    expect(plan(ZERO, { ...files, Procfile: "web: python manage.py migrate && gunicorn shop.wsgi\n" }).image.cmd).toEqual(["/bin/sh", "-c", "python manage.py migrate && exec gunicorn shop.wsgi"]);
  });

  it("before with an entrypoint runs before it and passes docker run's arguments on", () => {
    const p = plan(`${PY}[runtime]\nentrypoint = ["tini", "--"]\ncommand = ["gunicorn", "x"]\nbefore = ["python manage.py migrate", ["echo", "a b"]]\n`, { "requirements.txt": "gunicorn\n" });
    expect(p.image.entrypoint).toEqual(["/bin/sh", "-c", `python manage.py migrate && echo 'a b' && exec "$@"`, "sh", "tini", "--"]);
    expect(p.image.cmd).toEqual(["gunicorn", "x"]);
  });
});

describe("the application's files and the venv", () => {
  it("owned by the runtime user by default, root's with owner = \"root\" or user = \"root\"; the venv stays root's", () => {
    const own = (text: string) => copies(runtimeSteps(plan(text, FLASK))).map((c) => [c.src, c.owner]);
    expect(own(`${PY}[runtime]\ncommand = "x"\n`)).toEqual([["/app/.venv", undefined], [".", "10001:10001"]]);
    expect(own(`${PY}[app]\nowner = "root"\n[runtime]\ncommand = "x"\n`)).toEqual([["/app/.venv", undefined], [".", undefined]]);
    expect(own(`${PY}[runtime]\ncommand = "x"\nuser = "root"\n`)).toEqual([["/app/.venv", undefined], [".", undefined]]);
    expect(own(`${PY}[runtime]\ncommand = "x"\nuser = "1000"\n`)).toEqual([["/app/.venv", undefined], [".", "1000:1000"]]);
  });

  it("the venv is <[app] workdir>/.venv unless set", () => {
    expect(plan(`${PY}[app]\nworkdir = "/srv/site"\n[runtime]\ncommand = "x"\n`, FLASK).venvPath).toBe("/srv/site/.venv");
    expect(plan(`${PY}[dependencies]\nvenv = "/opt/venv"\n[runtime]\ncommand = "x"\n`, FLASK).venvPath).toBe("/opt/venv");
  });
});

describe("detection sees the context as .dockerignore leaves it", () => {
  it("a readme the package build needs, left out by .dockerignore, is an error naming the pattern at pyproject.toml's line", () => {
    const pyproject = `[project]\nname = "svc"\nversion = "1"\nreadme = "README.md"\ndependencies = []\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
    const files = { "pyproject.toml": pyproject, "main.py": "print(1)\n", "svc/__init__.py": "" };
    expect(planErrors({ text: ZERO, files, dockerignore: ["*.md"] })).toEqual([
      expect.objectContaining({
        file: "pyproject.toml",
        range: expect.objectContaining({ start: { line: 4, column: 1 } }),
        message: "pyproject.toml names README.md, which the project's build needs, but .dockerignore leaves it out of the build context (pattern `*.md`): add `!README.md` to .dockerignore after it",
      }),
    ]);
    expect(plan(ZERO, files, { dockerignore: ["*.md", "!README.md"] }).project.name).toBe("svc");
    // Not installed (no build-system), it is not needed.
    expect(plan(ZERO, { ...files, "pyproject.toml": pyproject.replace(/\n\[build-system\][^]*/, "\n") }, { dockerignore: ["*.md"] }).project.name).toBe("svc");
  });

  it("a lockfile the project's .dockerignore excludes does not choose the manager", () => {
    const read = splitProjectRead(new Map(Object.entries({ ".dockerignore": "uv.lock\n*.md\n", "uv.lock": "version = 1\n", "requirements.txt": "flask\n", "README.md": "" })));
    expect(read.files.paths).toEqual(["requirements.txt"]);
    expect(plan(`${PY}[runtime]\ncommand = "x"\n`, new Map(read.files.paths.map((p) => [p, read.files.read(p) ?? ""]))).manager.name).toBe("pip");
  });
});

describe("a flat layout setuptools cannot build", () => {
  const pyproject = `[project]\nname = "site"\nversion = "1"\ndependencies = ["flask"]\n\n[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n`;
  const files = { "pyproject.toml": pyproject, "web/__init__.py": "", "jobs/__init__.py": "", "tests/__init__.py": "", "main.py": "print(1)\n" };
  const installsProject = (f: Record<string, string>) => venvSteps(plan(`${PY}[runtime]\ncommand = "x"\n`, f)).some((s) => s.name === "pip install --no-deps .");

  it("several top-level packages and nothing saying which to build: run from the sources, not installed", () => {
    expect(installsProject(files)).toBe(false);
  });

  it("installed when it is one package, says which, or is not setuptools", () => {
    expect(installsProject({ ...files, "jobs/__init__.py": "" , "web/__init__.py": "" , "pyproject.toml": pyproject.replace('dependencies = ["flask"]', 'dependencies = ["flask"]\n\n[tool.setuptools]\npackages = ["web"]') })).toBe(true);
    const one = { ...files };
    delete (one as Record<string, string>)["jobs/__init__.py"];
    expect(installsProject(one)).toBe(true);
    expect(installsProject({ ...files, "site/__init__.py": "", "pyproject.toml": pyproject.replace(/requires = .*\nbuild-backend = .*/, 'requires = ["hatchling"]\nbuild-backend = "hatchling.build"') })).toBe(true);
  });
});

describe("a hatchling project with nothing hatchling would ship", () => {
  const pyproject = `[project]\nname = "hello-api"\nversion = "1"\ndependencies = ["litestar"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
  const installs = (files: Record<string, string>) => venvSteps(plan(`${PY}[runtime]\ncommand = "x"\n`, { "requirements.txt": "", ...files })).some((s) => s.name === "pip install --no-deps .");

  it("loose modules, no package named after the project: run from the sources", () => {
    expect(installs({ "pyproject.toml": pyproject, "app.py": "" })).toBe(false);
  });

  it("a package or module named after the project, or [tool.hatch.build], is built", () => {
    expect(installs({ "pyproject.toml": pyproject, "hello_api/__init__.py": "" })).toBe(true);
    expect(installs({ "pyproject.toml": pyproject, "src/hello_api/__init__.py": "" })).toBe(true);
    expect(installs({ "pyproject.toml": pyproject, "hello_api.py": "" })).toBe(true);
    expect(installs({ "pyproject.toml": `${pyproject}\n[tool.hatch.build.targets.wheel]\npackages = ["app"]\n`, "app.py": "" })).toBe(true);
  });
});
