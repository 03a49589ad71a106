/**
 * The start command, when [runtime] command is absent. In order:
 *   a. exactly one console script ([project.scripts] / [tool.poetry.scripts]) → that script;
 *   b. Django (manage.py up to two folders down, its settings, WSGI_APPLICATION / ASGI_APPLICATION or
 *      <project>/wsgi.py) → gunicorn, else an installed ASGI server on the asgi module, else waitress;
 *      none installed → an error naming what to add;
 *   c. a web app object or factory (FastAPI, Starlette, Litestar, Quart, FastHTML → uvicorn, hypercorn,
 *      granian, daphne; Flask → gunicorn, waitress, else Flask's development server; aiohttp → `python
 *      FILE` when it calls web.run_app, gunicorn's aiohttp worker, or `python -m aiohttp.web` for an
 *      argv entry function);
 *   d. `python -m PKG` for the one top-level (or src/) package with a __main__.py;
 *   e. `python FILE` for the one of main.py, app.py, bot.py, server.py, start.py at the top.
 * A server is only chosen when the dependencies install it (see dependencies.ts).
 *
 * Commands that need the ${PORT:-8000} fallback run as `/bin/sh -c "exec …"` so the server, not the shell,
 * is PID 1; the others are exec form. A command that must run in a subfolder (manage.py in src/, an app in
 * src/ of a project that is not installed) says so in StartCommand.workdir and in the command itself:
 * gunicorn gets `--chdir DIR`, every other command runs as `/bin/sh -c "cd DIR && exec …"`.
 */
import type { Command } from "../../config/model.js";
import type { ProjectFiles, Pyproject } from "../project.js";
import { tryParsePyproject } from "../project.js";
import { findApp, FRAMEWORKS, type FoundApp } from "./apps.js";
import { dependencyNames, type DependencyNames, type DependencyOptions } from "./dependencies.js";
import { findDjangoProjects, type DjangoProject } from "./django.js";
import { fail, ok, type Detected, type DetectedSource } from "./result.js";
import {
  aiohttpCommand,
  aiohttpGunicornCommand,
  ASGI_SERVERS,
  execCommand,
  flaskRunCommand,
  serverCommand,
  shellCommand,
  showCommand,
  WSGI_SERVERS,
  type AppRef,
  type ServerName,
} from "./servers.js";
import { isIdentifier } from "./text.js";
import { tomlKeyLine } from "./toml-lookup.js";

export interface StartCommand {
  readonly command: Command;
  /**
   * The context folder the command runs in, relative to the image's working directory, when not that
   * directory itself ("src" for src/manage.py). Already part of `command` (gunicorn --chdir, or
   * `cd DIR &&`); given so callers can say so or use it otherwise.
   */
  readonly workdir?: string;
  /** "django", "fastapi", "flask", …, or "script", "module", "file". */
  readonly kind: string;
  /** The server chosen, when one serves the app. */
  readonly server?: ServerName | "flask" | "aiohttp";
}

export const NO_COMMAND_MESSAGE = "cannot tell how to start the application: set [runtime] command";
/** The single entry files rule e looks for, at the top of the context. */
export const ENTRY_FILES: readonly string[] = ["main.py", "app.py", "bot.py", "server.py", "start.py"];

interface Context {
  readonly files: ProjectFiles;
  readonly pyproject: Pyproject | undefined;
  readonly deps: DependencyNames;
  /** The project itself is installed into the venv (scripts exist, src/ packages import from anywhere). */
  readonly installed: boolean;
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
export function detectStart(files: ProjectFiles, pyproject: Pyproject | undefined, options: DependencyOptions = {}): Detected<StartCommand> {
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
  };

  // a. One console script.
  const scripts = p ? [...p.scripts.keys()] : [];
  if (scripts.length === 1 && scripts[0]) {
    const name = scripts[0];
    const text = files.read("pyproject.toml") ?? "";
    const line = tomlKeyLine(text, name, "project.scripts") ?? tomlKeyLine(text, name, "tool.poetry.scripts");
    return result({ command: { kind: "exec", args: [name] }, kind: "script" }, `${name} is the project's only console script`, line ? { file: "pyproject.toml", line } : { file: "pyproject.toml" });
  }

  // b. Django.
  const django = findDjangoProjects(files).find((d) => d.wsgi || d.asgi);
  if (django) return djangoCommand(ctx, django);

  // c. A web app.
  const app = findApp(files, ctx.deps.names);
  if (app) return appCommand(ctx, app);

  // d. python -m PKG.
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

  // e. One entry file.
  const entries = ENTRY_FILES.filter((f) => files.read(f) !== undefined);
  const entry = entries[0];
  if (entries.length === 1 && entry) {
    return result({ command: { kind: "exec", args: ["python", entry] }, kind: "file" }, `${entry} is the only entry file (of ${ENTRY_FILES.join(", ")})`, { file: entry });
  }

  if (scripts.length > 1) return fail(`several [project.scripts] entries (${scripts.join(", ")}): choose the start command with [runtime] command`, { file: "pyproject.toml" });
  if (mains.length > 1) return fail(`several packages have a __main__.py (${mains.map((m) => m[0]).join(", ")}): choose the start command with [runtime] command`);
  if (entries.length > 1) return fail(`several entry files (${entries.join(", ")}): choose the start command with [runtime] command`);
  return fail(NO_COMMAND_MESSAGE);
}

/** The start command as the planner takes it (see detectStart for the reason and the working folder). */
export function detectCommand(files: ProjectFiles, pyproject: Pyproject | undefined, options: DependencyOptions = {}): Detected<Command> {
  const d = detectStart(files, pyproject, options);
  if (!d.ok) return d;
  return { ...d, value: d.value.command };
}

function djangoCommand(ctx: Context, d: DjangoProject): Detected<StartCommand> {
  const has = (n: string) => ctx.deps.names.has(n);
  const workdir = d.dir || undefined;
  const what = `Django project ${d.settings?.split(".")[0] ?? d.dir} (${d.manage})`;
  const base = { kind: "django", ...(workdir ? { workdir } : {}) };
  const inDir = workdir ? `, run in ${workdir}/ where manage.py is` : "";
  if (d.wsgi && has("gunicorn")) {
    const cmd = serverCommand("gunicorn", d.wsgi.ref, workdir) ?? "";
    return result({ ...base, command: shellCommand(cmd), server: "gunicorn" }, `${what}: ${d.wsgi.how}, served by ${evidence(ctx, "gunicorn")}${inDir}`, d.wsgi.source);
  }
  if (d.asgi) {
    for (const server of ASGI_SERVERS) {
      if (!has(server)) continue;
      const cmd = serverCommand(server, d.asgi.ref, workdir);
      if (!cmd) continue;
      return result({ ...base, command: shellCommand(cmd), server }, `${what}: ${d.asgi.how}, served by ${evidence(ctx, server)} (gunicorn is not installed)${inDir}`, d.asgi.source);
    }
  }
  if (d.wsgi && has("waitress")) {
    const cmd = serverCommand("waitress", d.wsgi.ref, workdir) ?? "";
    return result({ ...base, command: shellCommand(cmd), server: "waitress" }, `${what}: ${d.wsgi.how}, served by ${evidence(ctx, "waitress")}${inDir}`, d.wsgi.source);
  }
  const found = [d.wsgi?.how, d.asgi?.how].filter(Boolean).join(", ");
  return fail(
    `${what} found (${found}), but no production server is installed in ${installedList(ctx)}: add gunicorn to the dependencies${d.asgi ? " (or uvicorn to serve the ASGI application)" : ""}, or set [runtime] command`,
    (d.wsgi ?? d.asgi)?.source,
  );
}

function appCommand(ctx: Context, app: FoundApp): Detected<StartCommand> {
  const has = (n: string) => ctx.deps.names.has(n);
  const def = FRAMEWORKS[app.framework];
  const workdir = app.path.startsWith("src/") && !ctx.installed ? "src" : undefined;
  const base = { kind: app.framework, ...(workdir ? { workdir } : {}) };
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

  switch (def.iface) {
    case "wsgi": {
      for (const server of WSGI_SERVERS) if (has(server)) return serve(server) ?? fail(NO_COMMAND_MESSAGE);
      if (app.framework !== "flask") {
        return fail(`${what} found, but no WSGI server is in ${installedList(ctx)}: add gunicorn (or waitress) to the dependencies, or set [runtime] command`, source);
      }
      const cmd = flaskRunCommand(app.ref, workdir);
      return result(
        { ...base, command: shellCommand(cmd), server: "flask" },
        `${what}; neither gunicorn nor waitress is in ${installedList(ctx)}, so Flask's development server runs it: add gunicorn for production`,
        source,
        true,
      );
    }
    case "asgi": {
      if (has("uvicorn")) return serve("uvicorn") ?? fail(NO_COMMAND_MESSAGE);
      if (app.framework === "fasthtml" && app.scan.calls.has("serve")) return runFile("it calls serve(), which starts uvicorn on $PORT (default 5001)");
      for (const server of ASGI_SERVERS) {
        if (!has(server)) continue;
        const r = serve(server);
        if (r) return r;
      }
      return fail(
        `${what} found, but no ASGI server is in ${installedList(ctx)}: add uvicorn (or hypercorn, granian) to the dependencies, or set [runtime] command`,
        source,
      );
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
      return fail(
        `${what} found, but nothing runs it: call web.run_app() under \`if __name__ == "__main__":\`, add gunicorn, or set [runtime] command`,
        source,
      );
    }
  }
}

export { showCommand };
