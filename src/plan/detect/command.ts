/**
 * The start command, when [runtime] command is absent (spec: "Detection"). In order:
 *   a. a Procfile's `web:` process: what the project already says about running it;
 *   b. Django (manage.py up to two folders down, its settings, WSGI_APPLICATION / ASGI_APPLICATION or
 *      <project>/wsgi.py) → the production server the project installs (gunicorn, uvicorn, hypercorn,
 *      granian, daphne, waitress, uWSGI), else gunicorn (uvicorn for an ASGI-only project) that pydock adds;
 *   c. a web app object or factory (FastAPI, Starlette, Litestar, Quart, FastHTML → an installed ASGI server,
 *      else uvicorn added; Flask, Bottle → an installed WSGI server, else gunicorn added; aiohttp → `python
 *      FILE` when it calls web.run_app, gunicorn's aiohttp worker, or `python -m aiohttp.web` for an argv
 *      entry function); a web app the project defines wins over a console script, which may well be a CLI;
 *   d. exactly one console script ([project.scripts] / [tool.poetry.scripts]) → that script;
 *   e. `python -m PKG` for the one top-level (or src/) package with a __main__.py;
 *   f. `python FILE` for the one entry file at the top: main.py, app.py, bot.py, server.py, start.py or
 *      <project>.py, else the one top-level module that runs as a script (`if __name__ == "__main__":`);
 *   g. a Dockerfile's CMD or a compose file's command that runs a server or Python directly.
 * A server is only taken as installed when the dependencies install it (see dependencies.ts); a server pydock
 * adds is in StartCommand.adds, and with `addServer: false` its absence is an error naming the servers looked
 * for. Commands taken from the project's own files (Procfile, Dockerfile) get the host flag a known server
 * needs to be reached from outside the container (uvicorn listens on 127.0.0.1 by default).
 *
 * Commands that need the ${PORT:-8000} fallback run as `/bin/sh -c "exec …"` so the server, not the shell,
 * is PID 1; the others are exec form. A command that must run in a subfolder (manage.py in src/, an app in
 * src/ of a project that is not installed) says so in StartCommand.workdir and in the command itself:
 * gunicorn gets `--chdir DIR`, every other command runs as `/bin/sh -c "cd DIR && exec …"`.
 */
import type { Command } from "../../config/model.js";
import { normalizeName } from "../../core/text.js";
import type { ProjectFiles, Pyproject } from "../project.js";
import { tryParsePyproject } from "../project.js";
import { findApp, FRAMEWORKS, type FoundApp } from "./apps.js";
import { containerHints, procfileWeb, type ContainerHints, type ShellOrExec } from "./container-files.js";
import { dependencyNames, type DependencyNames, type DependencyOptions } from "./dependencies.js";
import { findDjangoProjects, type DjangoApp, type DjangoProject } from "./django.js";
import { fail, ok, where, type Detected, type DetectedSource } from "./result.js";
import {
  aiohttpCommand,
  aiohttpGunicornCommand,
  ASGI_SERVERS,
  execCommand,
  procfileCommand,
  publicCommand,
  serverCommand,
  shellCommand,
  showCommand,
  WSGI_SERVERS,
  type AppRef,
  type ServerName,
} from "./servers.js";
import { isIdentifier } from "./text.js";
import { tomlKeyLine } from "./toml-lookup.js";

/** The servers pydock adds to the venv when a web app's dependencies hold none ([runtime] add-server). */
export type AddedServer = "gunicorn" | "uvicorn";

export interface StartCommand {
  readonly command: Command;
  /**
   * The context folder the command runs in, relative to the image's working directory, when not that
   * directory itself ("src" for src/manage.py). Already part of `command` (gunicorn --chdir, or
   * `cd DIR &&`); given so callers can say so or use it otherwise.
   */
  readonly workdir?: string;
  /** "django", "fastapi", "flask", …, or "procfile", "script", "module", "file", "dockerfile". */
  readonly kind: string;
  /** The server chosen, when one serves the app. */
  readonly server?: ServerName | "flask" | "aiohttp";
  /** A server the dependencies lack, which pydock adds to the venv from its pinned set. */
  readonly adds?: AddedServer;
  /** It serves HTTP (a web app, a Procfile's web process): the image exposes PORT. */
  readonly web?: boolean;
}

export interface StartOptions extends DependencyOptions {
  /** The project's Dockerfile and compose hints (containerHints), when the caller has them already. */
  readonly hints?: ContainerHints;
  /** Add a production server when a web app's dependencies hold none ([runtime] add-server, default true). */
  readonly addServer?: boolean;
}

export const NO_COMMAND_MESSAGE = "cannot tell how to start the application: set [runtime] command";
/** The entry files rule f looks for at the top of the context, besides <project>.py. */
export const ENTRY_FILES: readonly string[] = ["main.py", "app.py", "bot.py", "server.py", "start.py"];
/** Top-level modules that are never the application's entry point, whatever they hold. */
const NOT_ENTRY = /^(setup|manage|conftest|noxfile|fabfile|tasks|dodo|gunicorn\.conf|gunicorn_conf|test_.*|.*_test)\.py$/;

interface Context {
  readonly files: ProjectFiles;
  readonly pyproject: Pyproject | undefined;
  readonly deps: DependencyNames;
  /** The project itself is installed into the venv (scripts exist, src/ packages import from anywhere). */
  readonly installed: boolean;
  readonly addServer: boolean;
}

/** "gunicorn (in poetry.lock)" — where the dependency names came from, for reasons and messages. */
function evidence(ctx: Context, name: string): string {
  return ctx.deps.sources.length > 0 ? `${name}, in ${ctx.deps.sources.join(" / ")}` : name;
}
function installedList(ctx: Context): string {
  return ctx.deps.sources.length > 0 ? `the dependencies (${ctx.deps.sources.join(", ")})` : "the dependencies (no manifest lists any)";
}

const result = (start: StartCommand, reason: string, source?: DetectedSource, warn = false): Detected<StartCommand> =>
  ok(start, reason, source, warn);

/** The start command, with how it was chosen (see the module comment). */
export function detectStart(files: ProjectFiles, pyproject: Pyproject | undefined, options: StartOptions = {}): Detected<StartCommand> {
  let p = pyproject;
  if (!p) {
    const text = files.read("pyproject.toml");
    if (text !== undefined) p = tryParsePyproject(text);
  }
  let deps: DependencyNames | undefined;
  const ctx: Context = {
    files,
    pyproject: p,
    // Read only when a rule needs to know what is installed.
    get deps() {
      deps ??= dependencyNames(files, p, options);
      return deps;
    },
    installed: !!p && p.hasBuildSystem && p.poetry?.packageMode !== false && p.uvPackage !== false,
    addServer: options.addServer ?? true,
  };

  // a. The Procfile's web process.
  const web = procfileWeb(files);
  if (web) {
    const { command, added } = procfileCommand(web.value);
    const flag = added ? ` (pydock adds ${added}: without it the server listens where nothing outside the container reaches it)` : "";
    return result({ command, kind: "procfile", web: true }, `the Procfile's web process${flag}`, web.source);
  }

  // b. Django.
  const django = findDjangoProjects(files).find((d) => d.wsgi || d.asgi);
  if (django) return djangoCommand(ctx, django);

  // c. A web app.
  const app = findApp(files, ctx.deps.names);
  if (app) return appCommand(ctx, app);

  // d. One console script.
  const scripts = p ? [...p.scripts.keys()] : [];
  if (scripts.length === 1 && scripts[0]) {
    const name = scripts[0];
    const text = files.read("pyproject.toml") ?? "";
    const line = tomlKeyLine(text, name, "project.scripts") ?? tomlKeyLine(text, name, "tool.poetry.scripts");
    return result({ command: { kind: "exec", args: [name] }, kind: "script" }, `${name} is the project's only console script`, line ? { file: "pyproject.toml", line } : { file: "pyproject.toml" });
  }

  // e. python -m PKG.
  const mains = files.paths
    .map((path) => /^(?:src\/)?([^/]+)\/__main__\.py$/.exec(path))
    .filter((m): m is RegExpExecArray => m !== null && isIdentifier(m[1] ?? "") && !(m[1] ?? "").startsWith("test"));
  const main = mains[0];
  if (mains.length === 1 && main?.[1]) {
    const pkg = main[1];
    const workdir = main[0].startsWith("src/") && !ctx.installed ? "src" : undefined;
    return result(
      { command: execCommand(["python", "-m", pkg], workdir), kind: "module", ...(workdir ? { workdir } : {}) },
      `${main[0]} is the only package entry point (__main__.py)${workdir ? "; it runs in src/, as the project is not installed" : ""}`,
      { file: main[0] },
    );
  }

  // f. One entry file.
  const named = p?.name ? `${normalizeName(p.name).replace(/-/g, "_")}.py` : undefined;
  const candidates = [...ENTRY_FILES, ...(named && !ENTRY_FILES.includes(named) ? [named] : [])];
  const entries = candidates.filter((f) => files.read(f) !== undefined);
  const entry = entries[0];
  if (entries.length === 1 && entry) {
    return result({ command: { kind: "exec", args: ["python", entry] }, kind: "file" }, `${entry} is the only entry file (of ${candidates.join(", ")})`, { file: entry });
  }
  if (entries.length === 0) {
    const scriptsAtTop = files.paths.filter((f) => !f.includes("/") && f.endsWith(".py") && !NOT_ENTRY.test(f) && runsAsScript(files.read(f) ?? ""));
    const only = scriptsAtTop[0];
    if (scriptsAtTop.length === 1 && only) {
      return result({ command: { kind: "exec", args: ["python", only] }, kind: "file" }, `${only} is the only module at the top that runs as a script (if __name__ == "__main__")`, { file: only });
    }
  }

  // g. The project's Dockerfile or compose file.
  const hints = options.hints ?? containerHints(files);
  if (hints.command) {
    const { command, added } = publicCommand(hints.command.value);
    const flag = added ? `; pydock adds ${added} so that it is reached from outside the container` : "";
    return result({ command, kind: "dockerfile", web: true }, `the command of the project's ${where(hints.command.source)}${flag}`, hints.command.source);
  }

  if (scripts.length > 1) return fail(`several [project.scripts] entries (${scripts.join(", ")}): choose the start command with [runtime] command`, { file: "pyproject.toml" });
  if (mains.length > 1) return fail(`several packages have a __main__.py (${mains.map((m) => m[0]).join(", ")}): choose the start command with [runtime] command`);
  if (entries.length > 1) return fail(`several entry files (${entries.join(", ")}): choose the start command with [runtime] command`);
  return fail(NO_COMMAND_MESSAGE);
}

/** A module with a top-level `if __name__ == "__main__":` (either quote style). */
function runsAsScript(text: string): boolean {
  return /^if\s+__name__\s*==\s*["']__main__["']\s*:/m.test(text.length > 512 * 1024 ? text.slice(0, 512 * 1024) : text);
}

/** The start command as the planner takes it (see detectStart for the reason and the working folder). */
export function detectCommand(files: ProjectFiles, pyproject: Pyproject | undefined, options: StartOptions = {}): Detected<Command> {
  const d = detectStart(files, pyproject, options);
  if (!d.ok) return d;
  return { ...d, value: d.value.command };
}

/** Every production server pydock recognises among the dependencies, for the message when none is there. */
const LOOKED_FOR = "gunicorn, uvicorn, hypercorn, granian, waitress, uWSGI or daphne";

/** No server installed: the one pydock adds, or (add-server off) an error naming what it looked for. */
function added(ctx: Context, server: AddedServer, what: string, app: AppRef, workdir: string | undefined, base: Omit<StartCommand, "command">, how: string, source: DetectedSource | undefined): Detected<StartCommand> {
  if (!ctx.addServer) {
    return fail(`${what} found, but ${installedList(ctx)} hold no production server (looked for ${LOOKED_FOR}) and [runtime] add-server is false: add one to the dependencies, or set [runtime] command`, source);
  }
  const cmd = serverCommand(server, app, workdir) ?? "";
  return result(
    { ...base, command: shellCommand(cmd), server, adds: server, web: true },
    `${what}: ${how}; ${installedList(ctx)} hold no production server, so pydock adds ${server} from its pinned set (set [runtime] add-server = false to opt out)`,
    source,
    true,
  );
}

function djangoCommand(ctx: Context, d: DjangoProject): Detected<StartCommand> {
  const has = (n: string) => ctx.deps.names.has(n);
  const workdir = d.dir || undefined;
  const what = `Django project ${d.settings?.split(".")[0] ?? d.dir} (${d.manage})`;
  const base = { kind: "django", web: true, ...(workdir ? { workdir } : {}) };
  const inDir = workdir ? `, run in ${workdir}/ where manage.py is` : "";
  const serve = (server: ServerName, app: DjangoApp, note = "") => {
    const cmd = serverCommand(server, app.ref, workdir);
    return cmd ? result({ ...base, command: shellCommand(cmd), server }, `${what}: ${app.how}, served by ${evidence(ctx, server)}${note}${inDir}`, app.source) : undefined;
  };
  if (d.wsgi) for (const server of WSGI_SERVERS.filter((s) => s === "gunicorn")) if (has(server)) return serve(server, d.wsgi) ?? fail(NO_COMMAND_MESSAGE);
  if (d.asgi) {
    for (const server of ASGI_SERVERS) {
      if (!has(server)) continue;
      const r = serve(server, d.asgi, " (gunicorn is not installed)");
      if (r) return r;
    }
  }
  if (d.wsgi) {
    for (const server of WSGI_SERVERS) {
      if (!has(server)) continue;
      const r = serve(server, d.wsgi);
      if (r) return r;
    }
  }
  // Django's ASGI_APPLICATION is set by Channels (websockets): an ASGI server then; else gunicorn on the WSGI app.
  const asgiOnly = d.asgi !== undefined && (d.asgi.how.startsWith("ASGI_APPLICATION") || d.wsgi === undefined);
  const app = asgiOnly ? d.asgi : d.wsgi;
  if (!app) return fail(NO_COMMAND_MESSAGE);
  return added(ctx, asgiOnly ? "uvicorn" : "gunicorn", what, app.ref, workdir, base, app.how, app.source);
}

function appCommand(ctx: Context, app: FoundApp): Detected<StartCommand> {
  const has = (n: string) => ctx.deps.names.has(n);
  const def = FRAMEWORKS[app.framework];
  const workdir = app.path.startsWith("src/") && !ctx.installed ? "src" : undefined;
  const base = { kind: app.framework, web: true, ...(workdir ? { workdir } : {}) };
  const source = { file: app.path, line: app.line };
  const at = `${app.path}:${app.line}`;
  const what =
    app.kind === "object"
      ? `${def.label} app \`${app.ref.attr}\` in ${at}`
      : app.kind === "factory-call"
        ? `${def.label} app \`${app.ref.attr}\` (built by a factory) in ${at}`
        : `${def.label} app factory \`${app.ref.attr}()\` in ${at}`;
  const inDir = workdir ? `, run in src/ as the project is not installed` : "";
  const serve = (server: ServerName, ref: AppRef = app.ref) => {
    const cmd = serverCommand(server, ref, workdir);
    return cmd ? result({ ...base, command: shellCommand(cmd), server }, `${what}, served by ${evidence(ctx, server)}${inDir}`, source) : undefined;
  };
  const runFile = (why: string) => {
    const rel = workdir ? app.path.slice(workdir.length + 1) : app.path;
    return result({ ...base, command: execCommand(["python", rel], workdir), kind: app.framework }, `${what}: ${why}`, source);
  };
  const firstInstalled = (servers: readonly ServerName[]) => {
    for (const server of servers) {
      if (!has(server)) continue;
      const r = serve(server);
      if (r) return r;
    }
    return undefined;
  };

  switch (def.iface) {
    case "wsgi":
      return firstInstalled(WSGI_SERVERS) ?? added(ctx, "gunicorn", what, app.ref, workdir, base, `a WSGI app${inDir}`, source);
    case "asgi": {
      if (app.framework === "fasthtml" && app.scan.calls.has("serve") && !has("uvicorn")) return runFile("it calls serve(), which starts uvicorn on $PORT");
      return firstInstalled(ASGI_SERVERS) ?? added(ctx, "uvicorn", what, app.ref, workdir, base, `an ASGI app${inDir}`, source);
    }
    case "aiohttp": {
      if (app.scan.calls.has("run_app")) return runFile("it calls web.run_app(), which serves it (on the port the file sets)");
      if (app.kind === "object" && has("gunicorn")) {
        const cmd = aiohttpGunicornCommand(app.ref, workdir);
        return result({ ...base, command: shellCommand(cmd), server: "gunicorn" }, `${what}, served by ${evidence(ctx, "gunicorn")} with aiohttp's worker${inDir}`, source);
      }
      const entry = app.scan.functions.find((f) => f.takesArgv);
      if (entry) {
        const cmd = aiohttpCommand({ module: app.ref.module, attr: entry.name, factory: true }, workdir);
        return result({ ...base, command: shellCommand(cmd), server: "aiohttp" }, `${what}: ${entry.name}(argv) is served by python -m aiohttp.web${inDir}`, {
          file: app.path,
          line: entry.line,
        });
      }
      if (app.kind === "object" && ctx.addServer) {
        const cmd = aiohttpGunicornCommand(app.ref, workdir);
        return result(
          { ...base, command: shellCommand(cmd), server: "gunicorn", adds: "gunicorn" },
          `${what}: nothing in the project runs it, so pydock adds gunicorn from its pinned set to serve it with aiohttp's worker (set [runtime] add-server = false to opt out)${inDir}`,
          source,
          true,
        );
      }
      return fail(
        `${what} found, but nothing runs it: call web.run_app() under \`if __name__ == "__main__":\`, add gunicorn, or set [runtime] command`,
        source,
      );
    }
  }
}

export { showCommand };
