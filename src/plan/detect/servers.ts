/**
 * Server command lines for a detected application object, and which installed server serves it. Every
 * command binds 0.0.0.0 on ${PORT:-8000}, so it runs as `/bin/sh -c "exec …"`: the shell expands PORT and
 * the server replaces it as PID 1.
 */
import type { Command } from "../../config/model.js";
import { shellQuote } from "../../core/text.js";

export const PORT = "${PORT:-8000}";

/** What a server imports: `module:attr`, or a factory `module:func` it calls. */
export interface AppRef {
  readonly module: string;
  readonly attr: string;
  readonly factory: boolean;
}

export type ServerName = "gunicorn" | "waitress" | "uvicorn" | "hypercorn" | "granian" | "daphne";
/** WSGI servers, preferred first. */
export const WSGI_SERVERS: readonly ServerName[] = ["gunicorn", "waitress"];
/** ASGI servers, preferred first. Daphne cannot call a factory. */
export const ASGI_SERVERS: readonly ServerName[] = ["uvicorn", "hypercorn", "granian", "daphne"];

const ref = (a: AppRef): string => `${a.module}:${a.attr}`;

/**
 * The command line of `server` for `app`, running in `workdir` (context-relative) when given: gunicorn
 * with `--chdir`, the others after `cd` in the shell. Undefined when the server cannot serve it.
 */
export function serverCommand(server: ServerName, app: AppRef, workdir?: string): string | undefined {
  let cmd: string;
  switch (server) {
    case "gunicorn": {
      // gunicorn's default callable is "application": `gunicorn blog.wsgi` (spec: "Detection").
      const target = app.factory ? shellQuote(`${ref(app)}()`) : app.attr === "application" ? app.module : ref(app);
      const chdir = workdir ? `--chdir ${shellQuote(workdir)} ` : "";
      return `gunicorn ${chdir}${target} --bind 0.0.0.0:${PORT}`;
    }
    case "waitress":
      cmd = `waitress-serve --listen=0.0.0.0:${PORT} ${app.factory ? `--call ${ref(app)}` : ref(app)}`;
      break;
    case "uvicorn":
      cmd = `uvicorn ${ref(app)}${app.factory ? " --factory" : ""} --host 0.0.0.0 --port ${PORT}`;
      break;
    case "hypercorn":
      cmd = `hypercorn ${app.factory ? shellQuote(`${ref(app)}()`) : ref(app)} --bind 0.0.0.0:${PORT}`;
      break;
    case "granian":
      cmd = `granian --interface asgi --host 0.0.0.0 --port ${PORT}${app.factory ? " --factory" : ""} ${ref(app)}`;
      break;
    case "daphne":
      if (app.factory) return undefined;
      cmd = `daphne -b 0.0.0.0 -p ${PORT} ${ref(app)}`;
      break;
  }
  return inDir(cmd, workdir);
}

/** Flask's development server, the fallback when no WSGI server is installed. */
export function flaskRunCommand(app: AppRef, workdir?: string): string {
  const target = app.factory ? shellQuote(`${ref(app)}()`) : ref(app);
  return inDir(`flask --app ${target} run --host 0.0.0.0 --port ${PORT}`, workdir);
}

/** aiohttp's own runner for an entry function taking argv. */
export function aiohttpCommand(app: AppRef, workdir?: string): string {
  return inDir(`python -m aiohttp.web -H 0.0.0.0 -P ${PORT} ${ref(app)}`, workdir);
}

/** gunicorn with aiohttp's worker, for a module-level web.Application. */
export function aiohttpGunicornCommand(app: AppRef, workdir?: string): string {
  const chdir = workdir ? `--chdir ${shellQuote(workdir)} ` : "";
  return `gunicorn ${chdir}${ref(app)} --worker-class aiohttp.GunicornWebWorker --bind 0.0.0.0:${PORT}`;
}

const inDir = (cmd: string, workdir: string | undefined): string => (workdir ? `cd ${shellQuote(workdir)} && exec ${cmd}` : cmd);

/** `sh -c "exec CMD"` (or `sh -c "cd DIR && exec CMD"` as built by inDir). */
export function shellCommand(cmd: string): Command {
  return { kind: "exec", args: ["/bin/sh", "-c", cmd.startsWith("cd ") ? cmd : `exec ${cmd}`] };
}

/** An exec-form command, or `sh -c "cd DIR && exec …"` when it must run in a subfolder. */
export function execCommand(args: readonly string[], workdir?: string): Command {
  if (!workdir) return { kind: "exec", args: [...args] };
  return { kind: "exec", args: ["/bin/sh", "-c", `cd ${shellQuote(workdir)} && exec ${args.map(shellQuote).join(" ")}`] };
}

/** How the command line reads in messages: the shell script without the "exec", or the argv joined. */
export function showCommand(cmd: Command): string {
  if (cmd.kind === "shell") return cmd.script;
  const [a, b, c] = cmd.args;
  if (a === "/bin/sh" && b === "-c" && c !== undefined && cmd.args.length === 3) return c.startsWith("exec ") ? c.slice(5) : c;
  return cmd.args.join(" ");
}
