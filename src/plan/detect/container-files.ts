/**
 * What the project already says about running it, outside pydock (spec: "Detection"): a Procfile's `web:`
 * process, and the hints of a Dockerfile or compose file in the context — the Python version of its
 * `FROM python:X`, the port it exposes or publishes, and a `CMD` that runs a server or a Python file directly.
 * These files are read as text, never executed. A Dockerfile's last stage is the one that runs; `${ARG}`s in
 * `FROM` take their `ARG` defaults. Every reader is linear and total.
 */
import type { ProjectFiles } from "../project.js";
import type { DetectedSource } from "./result.js";
import { lines } from "./text.js";

/** The container files read, preferred first. */
export const DOCKERFILES: readonly string[] = ["Dockerfile", "Containerfile", "dockerfile"];
export const COMPOSE_FILES: readonly string[] = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

/** A line of a file that says something, with where it stands. */
export interface Hint<T> {
  readonly value: T;
  readonly source: DetectedSource;
}

export interface ContainerHints {
  /** "3.12" or "3.12.4", from `FROM python:3.12-slim` (the last stage that starts from a python image). */
  readonly python?: Hint<string>;
  /** From the last stage's `EXPOSE`, else the compose service's first published container port. */
  readonly port?: Hint<number>;
  /** A command that runs a server or Python directly: the last stage's CMD, else the compose `command`. */
  readonly command?: Hint<ShellOrExec>;
}

/** A command as the file wrote it: exec form (`["gunicorn", "app:app"]`) or shell form. */
export type ShellOrExec = { readonly kind: "exec"; readonly args: readonly string[] } | { readonly kind: "shell"; readonly script: string };

/** The `web:` process of a Procfile (Heroku, Dokku, Railway, Scalingo and foreman read it). */
export function procfileWeb(files: ProjectFiles): Hint<string> | undefined {
  const text = files.read("Procfile");
  if (text === undefined) return undefined;
  const ls = lines(text.slice(0, 64 * 1024));
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i] ?? "";
    const m = /^\s*web\s*:\s*(.*\S)\s*$/.exec(l);
    if (m?.[1]) return { value: m[1], source: { file: "Procfile", line: i + 1 } };
  }
  return undefined;
}

/** The hints of the project's Dockerfile and compose file (see the module comment). */
export function containerHints(files: ProjectFiles): ContainerHints {
  const dockerfile = DOCKERFILES.find((f) => files.read(f) !== undefined);
  const fromDockerfile = dockerfile ? dockerfileHints(dockerfile, files.read(dockerfile) ?? "") : {};
  const compose = COMPOSE_FILES.find((f) => files.read(f) !== undefined);
  const fromCompose = compose ? composeHints(compose, files.read(compose) ?? "") : {};
  const port = fromDockerfile.port ?? fromCompose.port;
  const command = fromDockerfile.command ?? fromCompose.command;
  return { ...(fromDockerfile.python ? { python: fromDockerfile.python } : {}), ...(port ? { port } : {}), ...(command ? { command } : {}) };
}

/** Instructions with their first line: continuation lines joined, comments and blank lines dropped. */
function instructions(text: string): { word: string; rest: string; line: number }[] {
  const out: { word: string; rest: string; line: number }[] = [];
  const ls = lines(text.slice(0, 1024 * 1024));
  let buf = "";
  let start = 0;
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i] ?? "";
    if (buf === "" && /^\s*(#|$)/.test(l)) continue;
    if (buf === "") start = i + 1;
    if (/\\\s*$/.test(l)) {
      buf += l.replace(/\\\s*$/, " ");
      continue;
    }
    buf += l;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(buf);
    if (m?.[1]) out.push({ word: m[1].toUpperCase(), rest: (m[2] ?? "").trim(), line: start });
    buf = "";
  }
  return out;
}

/** `${NAME}`, `${NAME:-x}` and `$NAME` replaced by `args` (ARG defaults); unknown names left as they are. */
function substitute(s: string, args: ReadonlyMap<string, string>): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, a: string | undefined, def: string | undefined, b: string | undefined) => {
    const v = args.get(a ?? b ?? "");
    return v !== undefined && v !== "" ? v : (def ?? all);
  });
}

/** A JSON array of strings (exec form), or undefined. */
function execForm(s: string): string[] | undefined {
  if (!s.startsWith("[")) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function dockerfileHints(file: string, text: string): ContainerHints {
  const args = new Map<string, string>();
  let python: Hint<string> | undefined;
  let port: Hint<number> | undefined;
  let cmd: Hint<ShellOrExec> | undefined;
  let entrypoint = false;
  for (const ins of instructions(text)) {
    if (ins.word === "ARG") {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(ins.rest);
      if (m?.[1] && m[2] !== undefined) args.set(m[1], m[2].replace(/^["']|["']$/g, ""));
    } else if (ins.word === "FROM") {
      // A new stage: what the last one exposes and runs is what counts.
      port = undefined;
      cmd = undefined;
      entrypoint = false;
      const image = substitute(ins.rest.replace(/^--platform=\S+\s+/, "").split(/\s+/)[0] ?? "", args);
      const m = /^(?:(?:docker\.io\/)?(?:library\/)?)python:(\d+\.\d+(?:\.\d+)?)(?:$|[-@])/.exec(image);
      if (m?.[1]) python = { value: m[1], source: { file, line: ins.line } };
    } else if (ins.word === "EXPOSE") {
      const m = /^(\d{1,5})(?:\/tcp)?(?:\s|$)/.exec(substitute(ins.rest, args));
      const n = Number(m?.[1]);
      if (n > 0 && n < 65536) port = { value: n, source: { file, line: ins.line } };
    } else if (ins.word === "ENTRYPOINT") {
      entrypoint = true;
    } else if (ins.word === "CMD") {
      const exec = execForm(ins.rest);
      cmd = { value: exec ? { kind: "exec", args: exec } : { kind: "shell", script: ins.rest }, source: { file, line: ins.line } };
    }
  }
  // A CMD under an ENTRYPOINT is the entrypoint's arguments, not a command of its own.
  const command = cmd && !entrypoint && runsPythonDirectly(cmd.value) ? cmd : undefined;
  return { ...(python ? { python } : {}), ...(port ? { port } : {}), ...(command ? { command } : {}) };
}

/**
 * Compose: the first service that builds from this context (`build:`): its first published port's container
 * side (`"8080:8000"` → 8000) and a `command:` written on one line. A line reader for the common layout, not a
 * YAML parser: anything it does not recognise is no hint.
 */
function composeHints(file: string, text: string): ContainerHints {
  const ls = lines(text.slice(0, 1024 * 1024));
  let inServices = false;
  let serviceIndent = -1;
  let current: { builds: boolean; port?: Hint<number>; command?: Hint<ShellOrExec>; inPorts: boolean; portsIndent: number } | undefined;
  const services: NonNullable<typeof current>[] = [];
  for (let i = 0; i < ls.length; i++) {
    const raw = (ls[i] ?? "").replace(/\s+#.*$/, "");
    if (/^\s*(#|$)/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (indent === 0) {
      inServices = t === "services:";
      current = undefined;
      continue;
    }
    if (!inServices) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent === serviceIndent) {
      current = { builds: false, inPorts: false, portsIndent: -1 };
      services.push(current);
      continue;
    }
    if (!current) continue;
    if (current.inPorts && indent > current.portsIndent && t.startsWith("-")) {
      const m = /^-\s*["']?(?:[\d.]+:)?(?:\d+:)?(\d+)(?:\/tcp)?["']?$/.exec(t);
      const n = Number(m?.[1]);
      if (!current.port && n > 0 && n < 65536) current.port = { value: n, source: { file, line: i + 1 } };
      continue;
    }
    current.inPorts = false;
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(t);
    if (!kv) continue;
    const [, key, value = ""] = kv;
    if (key === "build") current.builds = true;
    else if (key === "ports") {
      current.inPorts = true;
      current.portsIndent = indent;
    } else if (key === "command" && value !== "") {
      const unquoted = /^(["'])(.*)\1$/.exec(value)?.[2] ?? value;
      const exec = execForm(value);
      const c: ShellOrExec = exec ? { kind: "exec", args: exec } : { kind: "shell", script: unquoted };
      if (runsPythonDirectly(c)) current.command = { value: c, source: { file, line: i + 1 } };
    }
  }
  const service = services.find((s) => s.builds);
  if (!service) return {};
  return { ...(service.port ? { port: service.port } : {}), ...(service.command ? { command: service.command } : {}) };
}

/** Programs a container command may start directly: Python and the servers pydock knows. */
const DIRECT = /^(python(\d(\.\d+)?)?|gunicorn|uvicorn|hypercorn|granian|daphne|waitress-serve|uwsgi|flask|fastapi|celery)$/;

/**
 * Does the command run a server or Python itself (not an entrypoint script, a wait-for-it wrapper or a
 * supervisor)? `sh -c "…"` counts by the script's first word after `exec`.
 */
export function runsPythonDirectly(cmd: ShellOrExec): boolean {
  let words: readonly string[];
  if (cmd.kind === "exec") {
    const [a, b, c] = cmd.args;
    words = a !== undefined && /^(\/bin\/)?(ba|da)?sh$/.test(a) && b === "-c" && c !== undefined ? c.trim().split(/\s+/) : cmd.args;
  } else words = cmd.script.trim().split(/\s+/);
  let i = 0;
  while (i < words.length && (words[i] === "exec" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? ""))) i++;
  const program = (words[i] ?? "").replace(/^.*\//, "");
  return DIRECT.test(program);
}
