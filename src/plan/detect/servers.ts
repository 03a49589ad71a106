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

export type ServerName = "gunicorn" | "waitress" | "uwsgi" | "uvicorn" | "hypercorn" | "granian" | "daphne";
/** WSGI servers, preferred first. */
export const WSGI_SERVERS: readonly ServerName[] = ["gunicorn", "waitress", "uwsgi"];
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
    case "uwsgi":
      // --die-on-term: uWSGI before 2.1 takes SIGTERM (docker stop) as "reload".
      if (app.factory) return undefined;
      cmd = `uwsgi --http-socket 0.0.0.0:${PORT} --master --die-on-term --module ${ref(app)}`;
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

/** A command's words and the host flag a known server needs to be reached from outside the container. */
function publicWords(words: readonly string[]): { words: string[]; added?: string } {
  let i = 0;
  while (i < words.length && (words[i] === "exec" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? ""))) i++;
  const program = (words[i] ?? "").replace(/^.*\//, "");
  const args = words.slice(i + 1);
  const has = (...flags: string[]) => args.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));
  const add = (...extra: string[]) => ({ words: [...words, ...extra], added: extra.join(" ") });
  switch (program) {
    case "uvicorn":
      if (has("--host", "--uds", "--fd")) break;
      return has("--port") ? add("--host", "0.0.0.0") : add("--host", "0.0.0.0", "--port", PORT);
    case "hypercorn":
      if (!has("-b", "--bind")) return add("--bind", `0.0.0.0:${PORT}`);
      break;
    case "granian":
      if (!has("--host")) return has("--port") ? add("--host", "0.0.0.0") : add("--host", "0.0.0.0", "--port", PORT);
      break;
    case "daphne":
      if (!has("-b", "--bind", "-u", "--unix-socket", "-e", "--endpoint")) return has("-p", "--port") ? add("-b", "0.0.0.0") : add("-b", "0.0.0.0", "-p", PORT);
      break;
    case "flask":
    case "fastapi":
      if ((args.includes("run") || args.includes("dev")) && !has("--host", "-h")) return has("--port", "-p") ? add("--host", "0.0.0.0") : add("--host", "0.0.0.0", "--port", PORT);
      break;
    default: {
      // `python manage.py runserver [PORT]` listens on 127.0.0.1.
      const at = args.indexOf("runserver");
      if (!/^python(\d(\.\d+)?)?$/.test(program) || at < 0 || !args.some((a) => a.endsWith("manage.py"))) break;
      const addr = args[at + 1];
      if (addr === undefined || addr.startsWith("-")) return { words: [...words.slice(0, i + 1), ...args.slice(0, at + 1), `0.0.0.0:${PORT}`, ...args.slice(at + 1)], added: `0.0.0.0:${PORT}` };
      if (/^\d+$/.test(addr)) return { words: [...words.slice(0, i + 1), ...args.slice(0, at + 1), `0.0.0.0:${addr}`, ...args.slice(at + 2)], added: "0.0.0.0" };
    }
  }
  return { words: [...words] };
}

/** Where the last simple command of a shell line starts: after its last top-level `&&` or `;`; -1 with a pipe, `||` or `&`. */
function lastCommandStart(line: string): number {
  let quote = "";
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === ";") start = i + 1;
    else if (c === "&" && line[i + 1] === "&") start = ++i + 1;
    else if (c === "|" || c === "&" || c === "`" || (c === "$" && line[i + 1] === "(")) return -1;
  }
  return start;
}

/**
 * A shell line from the project's own files (a Procfile's `web:`, a Dockerfile's shell-form CMD) as the
 * image's command: `/bin/sh -c` with `exec` before its last simple command, so that the server is PID 1, and
 * the host flag a known server lacks (`--host 0.0.0.0` for uvicorn, …). A line that pipes or backgrounds is
 * run as it is.
 */
export function procfileCommand(line: string): { command: Command; added?: string } {
  const start = lastCommandStart(line);
  if (start < 0) return { command: { kind: "exec", args: ["/bin/sh", "-c", line] } };
  const head = line.slice(0, start);
  const last = line.slice(start).trim();
  // Words as written (quotes kept): flags are appended, never re-quoted.
  const { words, added } = publicWords(last.split(/\s+/));
  // A plain command (no shell syntax at all) needs no shell: exec form.
  if (head === "" && !/[$`"'\\;&|<>(){}*?~#]/.test(words.join(" "))) return { command: { kind: "exec", args: words[0] === "exec" ? words.slice(1) : words }, ...(added ? { added } : {}) };
  const tail = words.join(" ");
  const script = `${head}${head && !head.endsWith(" ") ? " " : ""}${tail.startsWith("exec ") ? tail : `exec ${tail}`}`;
  return { command: { kind: "exec", args: ["/bin/sh", "-c", script] }, ...(added ? { added } : {}) };
}

/** A command from a Dockerfile or compose file (exec or shell form) as the image's command, with the host flag it needs. */
export function publicCommand(cmd: { readonly kind: "exec"; readonly args: readonly string[] } | { readonly kind: "shell"; readonly script: string }): { command: Command; added?: string } {
  if (cmd.kind === "shell") return procfileCommand(cmd.script);
  const [a, b, c] = cmd.args;
  if (a !== undefined && /^(\/bin\/)?(ba|da)?sh$/.test(a) && b === "-c" && c !== undefined && cmd.args.length === 3) return procfileCommand(c);
  const { words, added } = publicWords(cmd.args);
  // A flag holding ${PORT:-8000} needs a shell to expand it.
  if (added?.includes("$")) return { command: { kind: "exec", args: ["/bin/sh", "-c", `exec ${words.map((w) => (w.includes(PORT) ? `"${w}"` : shellQuote(w))).join(" ")}`] }, added };
  return { command: { kind: "exec", args: words }, ...(added ? { added } : {}) };
}
