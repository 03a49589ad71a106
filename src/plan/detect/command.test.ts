import { describe, expect, it } from "vitest";
import { exampleFiles } from "../../../test/support/examples.js";
import { parsePyproject, projectFiles, type ProjectFiles } from "../project.js";
import { NO_COMMAND_MESSAGE, detectCommand, detectStart } from "./command.js";
import { explainDetection } from "./result.js";
import { showCommand } from "./servers.js";

const files = (entries: Record<string, string> | Map<string, string>): ProjectFiles =>
  projectFiles(entries instanceof Map ? entries : new Map(Object.entries(entries)));
const sh = (script: string) => ({ kind: "exec" as const, args: ["/bin/sh", "-c", script] });
const exec = (...args: string[]) => ({ kind: "exec" as const, args });
const cmd = (entries: Record<string, string>) => {
  const d = detectCommand(files(entries), undefined);
  return d.ok ? d.value : d.message;
};
const start = (entries: Record<string, string>) => detectStart(files(entries), undefined);

const P = "${PORT:-8000}";
const FASTAPI = "from fastapi import FastAPI\n\napp = FastAPI()\n";
const FLASK = "from flask import Flask\n\napp = Flask(__name__)\n";

describe("d. one console script", () => {
  it("[project.scripts] or [tool.poetry.scripts] with one entry → that script, with the line", () => {
    const text = `[project]\nname = "a"\n\n[project.scripts]\nserve = "a.cli:main"\n`;
    expect(detectStart(files({ "pyproject.toml": text, "main.py": "print(1)\n", "requirements.txt": "uvicorn" }), parsePyproject(text))).toEqual({
      ok: true,
      value: { command: exec("serve"), kind: "script" },
      reason: "serve is the project's only console script",
      source: { file: "pyproject.toml", line: 5 },
    });
    // A web app the project defines wins over a console script, which may well be a CLI.
    expect(detectStart(files({ "pyproject.toml": text, "main.py": FASTAPI, "requirements.txt": "uvicorn" }), parsePyproject(text))).toMatchObject({ value: { kind: "fastapi", server: "uvicorn" } });
    const poetry = `[tool.poetry]\nname = "a"\n[tool.poetry.scripts]\nbot = "a.bot:run"\n`;
    expect(cmd({ "pyproject.toml": poetry })).toEqual(exec("bot"));
  });

  it("several scripts: the other rules, else an error listing them", () => {
    const two = `[project]\nname = "a"\n[project.scripts]\na = "a:x"\nb = "a:y"\n`;
    expect(cmd({ "pyproject.toml": two, "main.py": "print(1)\n" })).toEqual(exec("python", "main.py"));
    expect(detectCommand(files({ "pyproject.toml": two }), undefined)).toEqual({
      ok: false,
      message: "several [project.scripts] entries (a, b): choose the start command with [runtime] command",
      source: { file: "pyproject.toml" },
    });
  });
});

describe("b. Django", () => {
  const settings = (extra = "") => `from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n${extra}`;
  const manage = (module: string) => `import os, sys\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n    from django.core.management import execute_from_command_line\n`;

  it("examples/poetry-django: gunicorn on the WSGI_APPLICATION module (the spec's command), with the setting's line", () => {
    const d = detectStart(files(exampleFiles("poetry-django")), undefined);
    expect(d).toEqual({
      ok: true,
      value: { command: sh(`exec gunicorn blog.wsgi --bind 0.0.0.0:${P}`), kind: "django", server: "gunicorn", web: true },
      reason: "Django project blog (manage.py): WSGI_APPLICATION in blog/settings.py, served by gunicorn, in poetry.lock / pyproject.toml",
      source: { file: "blog/settings.py", line: 23 },
    });
    expect(explainDetection(showCommand(d.ok ? d.value.command : exec()), d, "[runtime] command")).toBe(
      `pydock chose \`gunicorn blog.wsgi --bind 0.0.0.0:${P}\`: Django project blog (manage.py): WSGI_APPLICATION in blog/settings.py, served by gunicorn, in poetry.lock / pyproject.toml; set [runtime] command to change it`,
    );
  });

  it("manage.py in src/: gunicorn --chdir src, and workdir says so", () => {
    const d = start({
      "src/manage.py": manage("config.settings"),
      "src/config/settings.py": settings('WSGI_APPLICATION = "config.wsgi.application"\n'),
      "requirements.txt": "django\ngunicorn\n",
    });
    expect(d).toMatchObject({
      ok: true,
      value: { command: sh(`exec gunicorn --chdir src config.wsgi --bind 0.0.0.0:${P}`), workdir: "src", kind: "django" },
      reason: expect.stringContaining("run in src/ where manage.py is"),
      source: { file: "src/config/settings.py", line: 3 },
    });
  });

  it("manage.py two folders down", () => {
    expect(
      cmd({ "backend/web/manage.py": manage("site_cfg.settings"), "backend/web/site_cfg/settings.py": settings("WSGI_APPLICATION = 'site_cfg.wsgi.application'\n"), "requirements.txt": "gunicorn" }),
    ).toEqual(sh(`exec gunicorn --chdir backend/web site_cfg.wsgi --bind 0.0.0.0:${P}`));
  });

  it("a settings package: the named module, or its siblings (base.py), hold WSGI_APPLICATION", () => {
    const project = {
      "manage.py": manage("config.settings.production"),
      "config/settings/__init__.py": "",
      "config/settings/base.py": settings('WSGI_APPLICATION = "config.wsgi.application"\n'),
      "config/settings/production.py": "from .base import *  # noqa\nDEBUG = False\n",
      "requirements.txt": "gunicorn\n",
    };
    expect(start(project)).toMatchObject({ value: { command: sh(`exec gunicorn config.wsgi --bind 0.0.0.0:${P}`) }, source: { file: "config/settings/base.py", line: 3 } });
    // manage.py naming no settings: any settings package is looked at.
    expect(start({ ...project, "manage.py": "import sys\n" })).toMatchObject({ value: { command: sh(`exec gunicorn config.wsgi --bind 0.0.0.0:${P}`) } });
  });

  it("no WSGI_APPLICATION: <project>/wsgi.py; a custom attribute is named", () => {
    expect(cmd({ "manage.py": manage("shop.settings"), "shop/settings.py": settings(), "shop/wsgi.py": "application = 1\n", "requirements.txt": "gunicorn" })).toEqual(
      sh(`exec gunicorn shop.wsgi --bind 0.0.0.0:${P}`),
    );
    expect(cmd({ "manage.py": manage("shop.settings"), "shop/settings.py": settings('WSGI_APPLICATION = "shop.wsgi.app"\n'), "requirements.txt": "gunicorn" })).toEqual(
      sh(`exec gunicorn shop.wsgi:app --bind 0.0.0.0:${P}`),
    );
  });

  it("no gunicorn: an installed ASGI server on the asgi module (cd into manage.py's folder), else waitress", () => {
    const base = { "src/manage.py": manage("shop.settings"), "src/shop/settings.py": settings('WSGI_APPLICATION = "shop.wsgi.application"\n'), "src/shop/asgi.py": "" };
    expect(start({ ...base, "requirements.txt": "django\nuvicorn[standard]\n" })).toMatchObject({
      value: { command: sh(`cd src && exec uvicorn shop.asgi:application --host 0.0.0.0 --port ${P}`), workdir: "src", server: "uvicorn" },
      reason: expect.stringContaining("(gunicorn is not installed)"),
    });
    expect(cmd({ ...base, "requirements.txt": "django\ndaphne\n" })).toEqual(sh(`cd src && exec daphne -b 0.0.0.0 -p ${P} shop.asgi:application`));
    expect(cmd({ ...base, "requirements.txt": "django\nwaitress\n" })).toEqual(sh(`cd src && exec waitress-serve --listen=0.0.0.0:${P} shop.wsgi:application`));
    // ASGI_APPLICATION (Channels) names the module.
    expect(cmd({ "manage.py": manage("p.settings"), "p/settings.py": settings('ASGI_APPLICATION = "p.routing.application"\n'), "requirements.txt": "uvicorn" })).toEqual(
      sh(`exec uvicorn p.routing:application --host 0.0.0.0 --port ${P}`),
    );
  });

  it("no server installed: gunicorn added (uvicorn for an ASGI_APPLICATION project), with a warning; with add-server off, an error naming the servers", () => {
    const project = { "manage.py": manage("blog.settings"), "blog/settings.py": settings('WSGI_APPLICATION = "blog.wsgi.application"\n'), "blog/asgi.py": "", "requirements.txt": "django\n" };
    expect(start(project)).toEqual({
      ok: true,
      value: { command: sh(`exec gunicorn blog.wsgi --bind 0.0.0.0:${P}`), kind: "django", server: "gunicorn", adds: "gunicorn", web: true },
      reason:
        "Django project blog (manage.py): WSGI_APPLICATION in blog/settings.py; the dependencies (requirements.txt) hold no production server, so pydock adds gunicorn from its pinned set (set [runtime] add-server = false to opt out)",
      source: { file: "blog/settings.py", line: 3 },
      warn: true,
    });
    expect(start({ "manage.py": manage("p.settings"), "p/settings.py": settings('ASGI_APPLICATION = "p.asgi.application"\n'), "p/wsgi.py": "", "requirements.txt": "django\n" })).toMatchObject({
      value: { command: sh(`exec uvicorn p.asgi:application --host 0.0.0.0 --port ${P}`), adds: "uvicorn" },
    });
    expect(detectStart(files(project), undefined, { addServer: false })).toEqual({
      ok: false,
      message:
        "Django project blog (manage.py) found, but the dependencies (requirements.txt) hold no production server (looked for gunicorn, uvicorn, hypercorn, granian, waitress, uWSGI or daphne) and [runtime] add-server is false: add one to the dependencies, or set [runtime] command",
      source: { file: "blog/settings.py", line: 3 },
    });
    // uWSGI in the dependencies serves the WSGI app.
    expect(cmd({ ...project, "requirements.txt": "django\nuwsgi\n" })).toEqual(sh(`exec uwsgi --http-socket 0.0.0.0:${P} --master --die-on-term --module blog.wsgi:application`));
  });

  it("manage.py without settings or a wsgi module is not Django enough: the next rules apply", () => {
    expect(cmd({ "manage.py": "" })).toBe(NO_COMMAND_MESSAGE);
    expect(cmd({ "manage.py": manage("x.settings"), "main.py": "print(1)\n" })).toEqual(exec("python", "main.py"));
  });
});

describe("c. web apps", () => {
  it("FastAPI: uvicorn, else hypercorn, else granian; none installed: uvicorn added", () => {
    expect(start({ "main.py": FASTAPI, "requirements.txt": "fastapi\nuvicorn\n" })).toEqual({
      ok: true,
      value: { command: sh(`exec uvicorn main:app --host 0.0.0.0 --port ${P}`), kind: "fastapi", server: "uvicorn", web: true },
      reason: "FastAPI app `app` in main.py:3, served by uvicorn, in requirements.txt",
      source: { file: "main.py", line: 3 },
    });
    expect(cmd({ "main.py": FASTAPI, "requirements.txt": "fastapi\nhypercorn\ngranian\n" })).toEqual(sh(`exec hypercorn main:app --bind 0.0.0.0:${P}`));
    expect(cmd({ "main.py": FASTAPI, "requirements.txt": "fastapi\ngranian\n" })).toEqual(sh(`exec granian --interface asgi --host 0.0.0.0 --port ${P} main:app`));
    expect(start({ "main.py": FASTAPI, "requirements.txt": "fastapi\n" })).toMatchObject({
      ok: true,
      value: { command: sh(`exec uvicorn main:app --host 0.0.0.0 --port ${P}`), server: "uvicorn", adds: "uvicorn" },
      reason: expect.stringContaining("hold no production server, so pydock adds uvicorn from its pinned set"),
      warn: true,
    });
    // fastapi[standard] installs uvicorn.
    expect(cmd({ "main.py": FASTAPI, "pyproject.toml": `[project]\nname = "a"\ndependencies = ["fastapi[standard]"]\n` })).toEqual(sh(`exec uvicorn main:app --host 0.0.0.0 --port ${P}`));
  });

  it("examples: uv-fastapi (src layout, installed), zero-config, pip-flask", () => {
    expect(cmd(Object.fromEntries(exampleFiles("uv-fastapi")))).toEqual(sh(`exec uvicorn fastapi_app.main:app --host 0.0.0.0 --port ${P}`));
    expect(cmd(Object.fromEntries(exampleFiles("zero-config")))).toEqual(sh(`exec uvicorn main:app --host 0.0.0.0 --port ${P}`));
    expect(cmd(Object.fromEntries(exampleFiles("pip-flask")))).toEqual(sh(`exec gunicorn app:app --bind 0.0.0.0:${P}`));
  });

  it("layouts: app/main.py, src/<pkg>/ of a project that is not installed (cd src), annotated targets", () => {
    expect(cmd({ "app/__init__.py": "", "app/main.py": FASTAPI, "requirements.txt": "uvicorn" })).toEqual(sh(`exec uvicorn app.main:app --host 0.0.0.0 --port ${P}`));
    expect(start({ "src/shop/api.py": FASTAPI, "requirements.txt": "uvicorn" })).toMatchObject({
      value: { command: sh(`cd src && exec uvicorn shop.api:app --host 0.0.0.0 --port ${P}`), workdir: "src" },
    });
    expect(cmd({ "main.py": "import fastapi\napi: fastapi.FastAPI = fastapi.FastAPI(title='x')\n", "requirements.txt": "uvicorn" })).toEqual(
      sh(`exec uvicorn main:api --host 0.0.0.0 --port ${P}`),
    );
    // Top-level modules before packages; main.py before app.py.
    expect(cmd({ "app.py": FLASK, "main.py": FASTAPI, "pkg/main.py": FASTAPI.replace("app =", "other ="), "requirements.txt": "uvicorn\ngunicorn" })).toEqual(
      sh(`exec uvicorn main:app --host 0.0.0.0 --port ${P}`),
    );
  });

  it("only module-level app objects count; an unrelated Flask( call or a string does not", () => {
    // Inside a function that is no factory: main.py is just the entry file.
    expect(cmd({ "main.py": "from fastapi import FastAPI\ndef make():\n    app = FastAPI()\n", "requirements.txt": "uvicorn" })).toEqual(exec("python", "main.py"));
    expect(cmd({ "lib.py": "app = Flask(__name__)\n" })).toBe(NO_COMMAND_MESSAGE); // no flask import, and lib.py is no entry file
    expect(cmd({ "server.py": '"""\napp = FastAPI()\n"""\nimport fastapi\n', "requirements.txt": "uvicorn" })).toEqual(exec("python", "server.py"));
  });

  it("Starlette, Litestar, Quart (hypercorn comes with it)", () => {
    expect(cmd({ "app.py": "from starlette.applications import Starlette\napp = Starlette(routes=[])\n", "requirements.txt": "starlette\nuvicorn\n" })).toEqual(
      sh(`exec uvicorn app:app --host 0.0.0.0 --port ${P}`),
    );
    expect(cmd({ "app.py": "from litestar import Litestar\napp = Litestar(route_handlers=[])\n", "requirements.txt": "litestar[standard]\n" })).toEqual(
      sh(`exec uvicorn app:app --host 0.0.0.0 --port ${P}`),
    );
    expect(cmd({ "app.py": "from quart import Quart\napp = Quart(__name__)\n", "requirements.txt": "quart\n" })).toEqual(sh(`exec hypercorn app:app --bind 0.0.0.0:${P}`));
  });

  it("Bottle: gunicorn, else waitress, else gunicorn added", () => {
    const bottle = "import bottle\n\napp = bottle.Bottle()\n";
    expect(cmd({ "app.py": bottle, "requirements.txt": "bottle\ngunicorn\n" })).toEqual(sh(`exec gunicorn app:app --bind 0.0.0.0:${P}`));
    expect(cmd({ "app.py": "from bottle import Bottle\napplication = Bottle()\n", "requirements.txt": "bottle\nwaitress\n" })).toEqual(sh(`exec waitress-serve --listen=0.0.0.0:${P} app:application`));
    expect(start({ "app.py": bottle, "requirements.txt": "bottle\n" })).toMatchObject({ value: { command: sh(`exec gunicorn app:app --bind 0.0.0.0:${P}`), adds: "gunicorn" } });
  });

  it("Flask: gunicorn, else waitress, else gunicorn added (with a warning), never the development server", () => {
    expect(cmd({ "app.py": FLASK, "requirements.txt": "flask\ngunicorn\nwaitress\n" })).toEqual(sh(`exec gunicorn app:app --bind 0.0.0.0:${P}`));
    expect(cmd({ "app.py": FLASK, "requirements.txt": "flask\nwaitress\n" })).toEqual(sh(`exec waitress-serve --listen=0.0.0.0:${P} app:app`));
    expect(start({ "app.py": FLASK, "requirements.txt": "flask\n" })).toEqual({
      ok: true,
      value: { command: sh(`exec gunicorn app:app --bind 0.0.0.0:${P}`), kind: "flask", server: "gunicorn", adds: "gunicorn", web: true },
      reason:
        "Flask app `app` in app.py:3: a WSGI app; the dependencies (requirements.txt) hold no production server, so pydock adds gunicorn from its pinned set (set [runtime] add-server = false to opt out)",
      source: { file: "app.py", line: 3 },
      warn: true,
    });
  });

  it("Flask app factories: `app = create_app()` in wsgi.py, and `def create_app()` in a package (gunicorn 'pkg:create_app()')", () => {
    const factory = "from flask import Flask\n\n\ndef create_app(test_config=None):\n    app = Flask(__name__, instance_relative_config=True)\n    return app\n";
    expect(start({ "wsgi.py": "from flaskr import create_app\n\napp = create_app()\n", "flaskr/__init__.py": factory, "requirements.txt": "flask\ngunicorn\n" })).toMatchObject({
      value: { command: sh(`exec gunicorn wsgi:app --bind 0.0.0.0:${P}`) },
      reason: "Flask app `app` (built by a factory) in wsgi.py:3, served by gunicorn, in requirements.txt",
    });
    expect(start({ "flaskr/__init__.py": factory, "requirements.txt": "flask\ngunicorn\n" })).toMatchObject({
      value: { command: sh(`exec gunicorn 'flaskr:create_app()' --bind 0.0.0.0:${P}`) },
      reason: "Flask app factory `create_app()` in flaskr/__init__.py:4, served by gunicorn, in requirements.txt",
      source: { file: "flaskr/__init__.py", line: 4 },
    });
    expect(cmd({ "flaskr/__init__.py": factory, "requirements.txt": "flask\nwaitress\n" })).toEqual(sh(`exec waitress-serve --listen=0.0.0.0:${P} --call flaskr:create_app`));
    expect(cmd({ "flaskr/__init__.py": factory, "requirements.txt": "flask\n" })).toEqual(sh(`exec gunicorn 'flaskr:create_app()' --bind 0.0.0.0:${P}`));
    // A factory in the same module, called at module level; a factory that needs arguments is not used.
    expect(cmd({ "app.py": `${factory}\napp = create_app()\n`, "requirements.txt": "gunicorn" })).toEqual(sh(`exec gunicorn app:app --bind 0.0.0.0:${P}`));
    expect(cmd({ "flaskr/__init__.py": factory.replace("test_config=None", "config"), "requirements.txt": "gunicorn" })).toBe(NO_COMMAND_MESSAGE);
    // A multi-line signature.
    expect(cmd({ "flaskr/__init__.py": factory.replace("test_config=None", "\n    test_config=None,\n    *,\n    env: str = 'prod',\n"), "requirements.txt": "gunicorn" })).toEqual(
      sh(`exec gunicorn 'flaskr:create_app()' --bind 0.0.0.0:${P}`),
    );
  });

  it("ASGI factories: uvicorn --factory, hypercorn 'm:f()'", () => {
    const f = "from fastapi import FastAPI\n\ndef create_app() -> FastAPI:\n    return FastAPI()\n";
    expect(cmd({ "main.py": f, "requirements.txt": "uvicorn" })).toEqual(sh(`exec uvicorn main:create_app --factory --host 0.0.0.0 --port ${P}`));
    expect(cmd({ "main.py": f, "requirements.txt": "hypercorn" })).toEqual(sh(`exec hypercorn 'main:create_app()' --bind 0.0.0.0:${P}`));
  });

  it("an app object wins over a factory, wherever the factory is", () => {
    const factory = "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n";
    expect(cmd({ "app.py": factory, "pkg/main.py": FLASK, "requirements.txt": "gunicorn" })).toEqual(sh(`exec gunicorn pkg.main:app --bind 0.0.0.0:${P}`));
  });

  it("FastHTML: an installed server, else `python main.py` when it calls serve(), else uvicorn added", () => {
    const app = "from fasthtml.common import *\n\napp, rt = fast_app()\n\n@rt('/')\ndef get():\n    return Titled('hi')\n\nserve()\n";
    expect(cmd({ "main.py": app, "requirements.txt": "python-fasthtml\n" })).toEqual(sh(`exec uvicorn main:app --host 0.0.0.0 --port ${P}`));
    expect(start({ "main.py": app })).toMatchObject({
      value: { command: exec("python", "main.py"), kind: "fasthtml" },
      reason: "FastHTML app `app` in main.py:3: it calls serve(), which starts uvicorn on $PORT",
    });
    expect(start({ "main.py": "from fasthtml import FastHTML\napp = FastHTML()\n" })).toMatchObject({ value: { adds: "uvicorn" } });
    expect(cmd({ "main.py": "from fasthtml import FastHTML\napp = FastHTML()\n", "requirements.txt": "granian" })).toEqual(
      sh(`exec granian --interface asgi --host 0.0.0.0 --port ${P} main:app`),
    );
  });

  it("aiohttp: `python FILE` when it calls web.run_app, gunicorn's aiohttp worker (added when not installed), an argv entry function", () => {
    const runApp = "from aiohttp import web\n\napp = web.Application()\n\nif __name__ == '__main__':\n    web.run_app(app, port=8080)\n";
    expect(start({ "server.py": runApp, "requirements.txt": "aiohttp\ngunicorn\n" })).toMatchObject({
      value: { command: exec("python", "server.py"), kind: "aiohttp" },
      reason: "aiohttp app `app` in server.py:3: it calls web.run_app(), which serves it (on the port the file sets)",
    });
    const object = "from aiohttp import web\napp = web.Application()\n";
    expect(cmd({ "app.py": object, "requirements.txt": "aiohttp\ngunicorn\n" })).toEqual(sh(`exec gunicorn app:app --worker-class aiohttp.GunicornWebWorker --bind 0.0.0.0:${P}`));
    const entry = "import aiohttp.web\n\ndef init_func(argv):\n    app = aiohttp.web.Application()\n    return app\n";
    expect(cmd({ "app.py": entry, "requirements.txt": "aiohttp\n" })).toEqual(sh(`exec python -m aiohttp.web -H 0.0.0.0 -P ${P} app:init_func`));
    expect(start({ "app.py": object, "requirements.txt": "aiohttp\n" })).toMatchObject({
      ok: true,
      value: { command: sh(`exec gunicorn app:app --worker-class aiohttp.GunicornWebWorker --bind 0.0.0.0:${P}`), adds: "gunicorn" },
    });
    expect(detectStart(files({ "app.py": object, "requirements.txt": "aiohttp\n" }), undefined, { addServer: false })).toMatchObject({
      ok: false,
      message: 'aiohttp app `app` in app.py:2 found, but nothing runs it: call web.run_app() under `if __name__ == "__main__":`, add gunicorn, or set [runtime] command',
    });
  });
});

describe("e. python -m PKG", () => {
  it("the one package with a __main__.py; in src/ of a project that is not installed it runs in src", () => {
    expect(start({ "mytool/__init__.py": "", "mytool/__main__.py": "print(1)\n" })).toEqual({
      ok: true,
      value: { command: exec("python", "-m", "mytool"), kind: "module" },
      reason: "mytool/__main__.py is the only package entry point (__main__.py)",
      source: { file: "mytool/__main__.py" },
    });
    expect(start({ "src/mytool/__main__.py": "" })).toMatchObject({ value: { command: sh("cd src && exec python -m mytool"), workdir: "src" } });
    const pkg = `[project]\nname = "mytool"\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
    expect(cmd({ "src/mytool/__main__.py": "", "pyproject.toml": pkg })).toEqual(exec("python", "-m", "mytool"));
  });

  it("tests packages are ignored; several packages are an error when nothing else decides", () => {
    expect(cmd({ "tests/__main__.py": "", "a/__main__.py": "" })).toEqual(exec("python", "-m", "a"));
    expect(cmd({ "a/__main__.py": "", "b/__main__.py": "" })).toBe("several packages have a __main__.py (a/__main__.py, b/__main__.py): choose the start command with [runtime] command");
    expect(cmd({ "a/__main__.py": "", "b/__main__.py": "", "bot.py": "" })).toEqual(exec("python", "bot.py"));
    expect(cmd({ "my-tool/__main__.py": "" })).toBe(NO_COMMAND_MESSAGE);
  });
});

describe("f. one entry file", () => {
  it.each([["main.py"], ["app.py"], ["bot.py"], ["server.py"], ["start.py"]])("%s → python %s", (f) => {
    expect(start({ [f]: "print('hi')\n" })).toEqual({
      ok: true,
      value: { command: exec("python", f), kind: "file" },
      reason: `${f} is the only entry file (of main.py, app.py, bot.py, server.py, start.py)`,
      source: { file: f },
    });
  });

  it("<project>.py, named after the project in pyproject.toml", () => {
    const text = `[project]\nname = "Weather-Bot"\ndependencies = []\n`;
    expect(detectStart(files({ "pyproject.toml": text, "weather_bot.py": "print(1)\n", "helpers.py": "" }), parsePyproject(text))).toMatchObject({
      value: { command: exec("python", "weather_bot.py") },
      reason: "weather_bot.py is the only entry file (of main.py, app.py, bot.py, server.py, start.py, weather_bot.py)",
    });
  });

  it("else the one module at the top that runs as a script; setup.py, manage.py and tests never do", () => {
    const script = "import sys\n\nif __name__ == '__main__':\n    print(sys.argv)\n";
    expect(cmd({ "run.py": script, "helpers.py": "x = 1\n", "setup.py": script, "test_run.py": script })).toEqual(exec("python", "run.py"));
    expect(cmd({ "run.py": script, "other.py": script })).toBe(NO_COMMAND_MESSAGE);
  });

  it("several entry files, or none, is an error", () => {
    expect(cmd({ "main.py": "", "bot.py": "" })).toBe("several entry files (main.py, bot.py): choose the start command with [runtime] command");
    expect(cmd({ "run.py": "", "lib/main.py": "" })).toBe(NO_COMMAND_MESSAGE);
    expect(detectCommand(files({}), undefined)).toEqual({ ok: false, message: NO_COMMAND_MESSAGE });
  });
});

describe("a. the Procfile's web process", () => {
  it("comes first, run through the shell with exec before its last command; the host flag a known server lacks is added", () => {
    expect(start({ Procfile: "release: python manage.py migrate\nweb: gunicorn app:app --workers 2\n", "app.py": FLASK, "requirements.txt": "gunicorn" })).toEqual({
      ok: true,
      value: { command: exec("gunicorn", "app:app", "--workers", "2"), kind: "procfile", web: true },
      reason: "the Procfile's web process",
      source: { file: "Procfile", line: 2 },
    });
    expect(start({ Procfile: "web: uvicorn main:app --port $PORT\n" })).toMatchObject({
      value: { command: sh("exec uvicorn main:app --port $PORT --host 0.0.0.0") },
      reason: "the Procfile's web process (pydock adds --host 0.0.0.0: without it the server listens where nothing outside the container reaches it)",
    });
    expect(cmd({ Procfile: "web: python manage.py migrate && python manage.py runserver\n" })).toEqual(sh(`python manage.py migrate && exec python manage.py runserver 0.0.0.0:${P}`));
    expect(cmd({ Procfile: "web: bin/start-web | tee log\n" })).toEqual(sh("bin/start-web | tee log"));
  });
});

describe("g. the project's Dockerfile or compose file", () => {
  it("a CMD that runs a server or Python directly, when nothing else decides", () => {
    const dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 5000\nCMD ["uvicorn", "api:app", "--port", "5000"]\n';
    expect(start({ Dockerfile: dockerfile })).toEqual({
      ok: true,
      value: { command: exec("uvicorn", "api:app", "--port", "5000", "--host", "0.0.0.0"), kind: "dockerfile", web: true },
      reason: "the command of the project's Dockerfile:5; pydock adds --host 0.0.0.0 so that it is reached from outside the container",
      source: { file: "Dockerfile", line: 5 },
    });
    expect(cmd({ Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' })).toEqual(exec("gunicorn", "-b", "0.0.0.0:8000", "app:app"));
    // A flag holding ${PORT:-8000} needs the shell to expand it.
    expect(cmd({ Dockerfile: 'FROM python:3.12\nCMD ["hypercorn", "api:app"]\n' })).toEqual(sh(`exec hypercorn api:app --bind "0.0.0.0:${P}"`));
    // An entrypoint script is no hint, and the project's own files come first.
    expect(cmd({ Dockerfile: 'FROM python:3.12\nCMD ["./docker-entrypoint.sh"]\n' })).toBe(NO_COMMAND_MESSAGE);
    expect(cmd({ Dockerfile: 'FROM python:3.12\nENTRYPOINT ["/init"]\nCMD ["gunicorn", "app:app"]\n' })).toBe(NO_COMMAND_MESSAGE);
    expect(cmd({ Dockerfile: dockerfile, "bot.py": "" })).toEqual(exec("python", "bot.py"));
    expect(cmd({ "compose.yaml": "services:\n  web:\n    build: .\n    command: python serve.py --port 9000\n    ports:\n      - \"9000:9000\"\n" })).toEqual(exec("python", "serve.py", "--port", "9000"));
  });
});
