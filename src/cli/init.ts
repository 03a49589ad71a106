/**
 * `pydock init`: a pydock.toml that writes down what pydock detects in a project — the Python version, the
 * package manager, the start command, the port it listens on and the Debian packages its dependencies
 * need — each with the detection's reason as a comment, so a change to the project never changes the
 * image without a change to the file. What cannot be detected is a commented-out key under a TODO line
 * (the health check always is: no file says which URL answers). Detection is the planner's own
 * (src/plan/detect); the written file is planned by planProject() before it is reported, and what still
 * stops a build is listed. main.ts reads the folder and writes the file; this module is pure.
 */
import { planProject } from "../compile.js";
import type { Command } from "../config/model.js";
import { errorLines, type DisplayPath } from "./output.js";
import {
  DEFAULT_PYTHON,
  containerHints,
  defaultDistro,
  dependencyNames,
  detectManager,
  detectPythonVersion,
  detectStart,
  showCommand,
} from "../plan/detect.js";
import { nativePackages } from "../plan/native-packages.js";
import { tryParsePyproject, type ProjectFiles } from "../plan/project.js";
import { djangoCollectstatic, djangoMigrate, findDjangoProjects } from "../plan/detect/django.js";
import { commandArgs } from "../plan/types.js";

/** One thing `init` looked for: what it found (the value as written), or why it found nothing. */
export interface Finding {
  readonly what: string;
  readonly value?: string;
  readonly why: string;
}

export interface InitResult {
  /** pydock.toml's text. */
  readonly text: string;
  readonly detected: readonly Finding[];
  /** Not detected: a TODO in the file. */
  readonly missing: readonly Finding[];
}

const WIDTH = 110;

/** pydock.toml for the project `files` (PROJECT_FILE_PATTERNS of its folder); `syntax` is the frontend image. */
export function initFile(files: ProjectFiles, syntax: string): InitResult {
  const text = files.read("pyproject.toml");
  const pyproject = text === undefined ? undefined : tryParsePyproject(text);
  const detected: Finding[] = [];
  const missing: Finding[] = [];
  const tables = { python: [] as string[], dependencies: [] as string[], app: [] as string[], runtime: [] as string[] };
  /** `key = value` under a comment saying why, or commented out under a TODO. */
  const set = (lines: string[], key: string, value: string, why: string, todo = false) => lines.push(...comment(`${todo ? "TODO" : "Detected"}: ${why}`), `${key} = ${value}`);
  const unset = (lines: string[], key: string, example: string, why: string) => lines.push(...comment(`TODO: ${why}`), `# ${key} = ${example}`);

  // Python: the contract's detection; pydock's default, when nothing names a version, written down as a TODO.
  const python = detectPythonVersion(files, pyproject, containerHints(files).python);
  let version: string | undefined;
  if (python.ok && !python.warn) {
    version = python.value;
    set(tables.python, "version", tomlString(version), sentence(python.reason));
    detected.push({ what: "python", value: version, why: python.reason });
  } else if (python.ok) {
    version = python.value;
    set(tables.python, "version", tomlString(version), sentence(`${python.reason}; set the Python the application is tested with`), true);
    missing.push({ what: "python", value: version, why: `nothing names one; the file sets ${version}, pydock's default` });
  } else {
    unset(tables.python, "version", tomlString(DEFAULT_PYTHON), sentence(python.message));
    missing.push({ what: "python", why: python.message });
  }

  const manager = detectManager(files, pyproject);
  if (manager.ok) {
    set(tables.dependencies, "manager", tomlString(manager.value), sentence(manager.reason));
    detected.push({ what: "manager", value: manager.value, why: manager.reason });
  } else {
    unset(tables.dependencies, "manager", `"pip"   # or "uv", "poetry", "pdm", "pipenv"`, sentence(manager.message));
    missing.push({ what: "manager", why: manager.message });
  }

  const start = detectStart(files, pyproject);
  const command = start.ok ? execForm(start.value.command) : undefined;
  if (start.ok && command !== undefined) {
    const escaped = command.some((a) => a.includes("$")) ? " ($$ is a literal $ in pydock.toml: the shell expands it when the container starts.)" : "";
    set(tables.runtime, "command", tomlArray(command), sentence(start.reason) + escaped, start.warn);
    detected.push({ what: "command", value: showCommand(start.value.command), why: start.reason });
  } else if (!start.ok) {
    unset(tables.runtime, "command", `["python", "-m", "yourapp"]`, sentence(start.message));
    missing.push({ what: "command", why: start.message });
  }

  // What zero-config runs for a Django project: migrate at start (with a detected Django command) and
  // collectstatic at build (when the settings set STATIC_ROOT), written down as the keys that run them.
  const django = findDjangoProjects(files).find((d) => d.wsgi || d.asgi);
  const kind = start.ok ? start.value.kind : "";
  const migrates = start.ok && (kind === "django" || ((kind === "procfile" || kind === "dockerfile") && !showCommand(start.value.command).includes(" migrate")));
  if (django && migrates) {
    const migrate = djangoMigrate(files, django);
    if (migrate) set(tables.runtime, "before", `[${tomlArray(commandArgs(migrate.command))}]`, sentence(`${migrate.reason}; before = [] turns it off`));
    if (migrate) detected.push({ what: "before", value: showCommand(migrate.command), why: migrate.reason });
  }
  const collect = django ? djangoCollectstatic(files, django) : undefined;
  if (collect) {
    tables.app.push(...comment(`Detected: ${collect.reason}. Written here, a failure fails the build (detected, it is a warning); [] skips it.`), `build-commands = [${tomlArray(commandArgs(collect.command))}]`);
    detected.push({ what: "build commands", value: showCommand(collect.command), why: collect.reason });
  }

  if (start.ok && start.value.adds) {
    set(tables.runtime, "add-server", "true", `The dependencies hold no production server: pydock adds ${start.value.adds} to the venv from its pinned, hash-checked set (add it to the dependencies to choose its version).`);
    detected.push({ what: "server", value: `${start.value.adds} (added)`, why: "the dependencies hold no production server" });
  }
  const hintPort = containerHints(files).port;
  const port =
    (command ? listenPort(command) : undefined) ??
    (start.ok && start.value.web
      ? { port: hintPort?.value ?? 8000, why: `it serves HTTP on $PORT, which pydock sets to ${hintPort ? `the port of the project's ${hintPort.source.file}, ` : ""}${hintPort?.value ?? 8000}` }
      : undefined);
  if (port) {
    set(tables.runtime, "expose", `[${port.port}]`, sentence(port.why));
    detected.push({ what: "expose", value: String(port.port), why: port.why });
  } else {
    const why = command ? "the start command does not say which port the application listens on; list it if it serves one" : "the start command is not known";
    unset(tables.runtime, "expose", "[8000]", sentence(why));
    missing.push({ what: "expose", why });
  }

  if (version !== undefined) {
    const native = nativePackages(dependencyNames(files, pyproject).names, defaultDistro(version));
    if (native.because.length > 0) {
      const needs = `${native.because.join(", ")} need${native.because.length === 1 ? "s" : ""}`;
      if (native.build.length > 0) set(tables.dependencies, "system-packages", tomlArray(native.build), `${needs} these Debian packages to build.`);
      if (native.run.length > 0) set(tables.runtime, "system-packages", tomlArray(native.run), `${needs} these Debian packages at run time.`);
      tables.runtime.push(...comment("After the install pydock also finds the libraries the venv's compiled extensions link that the runtime image lacks, and installs their packages (false: only the lists above)."), "# auto-system-packages = true");
      const value = [native.build.length ? `${native.build.join(" ")} (builder)` : "", native.run.length ? `${native.run.join(" ")} (runtime)` : ""].filter(Boolean).join(", ");
      detected.push({ what: "system packages", value, why: `${needs} them` });
    }
  }

  tables.runtime.push(...comment("Before the image is returned, pydock checks in it that the command's entry point imports (false skips)."), "# smoke-test = true");

  const healthWhy = "no file says which URL answers when the application is up";
  missing.push({ what: "health check", why: healthWhy });
  const lines = [
    `# syntax=${syntax}`,
    ...comment(
      "Written by `pydock init` from what it detected in this project: each value below is one pydock would otherwise " +
        "detect on every build, written down so that a change to the project does not change the image unnoticed. " +
        "Lines marked TODO want a decision. `pydock plan` shows what this file builds, `pydock check` checks it, and " +
        "pydock's docs/pydock-toml.md describes every key.",
    ),
    ...Object.entries(tables).flatMap(([name, body]) => (body.length > 0 ? ["", `[${name}]`, ...body] : [])),
    "",
    ...comment(`TODO: a health check (${healthWhy}): uncomment these lines with a URL that does.`),
    "# [runtime.healthcheck]",
    `# http = "http://localhost:${port?.port ?? 8000}/"`,
  ];
  return { text: lines.join("\n") + "\n", detected, missing };
}

/**
 * What `pydock init` prints: the file written (`path`), what was detected and what was not, and what
 * still stops a build of the project `files` with it.
 */
export function initReport(result: InitResult, files: ProjectFiles, path: string, display: DisplayPath): string {
  const width = Math.max(...[...result.detected, ...result.missing].map((f) => f.what.length));
  const row = (f: Finding) => `  ${f.what.padEnd(width)}  ${f.value !== undefined ? `${f.value} — ` : ""}${f.why}\n`;
  let out = `wrote ${path}\n`;
  if (result.detected.length) out += "detected:\n" + result.detected.map(row).join("");
  if (result.missing.length) out += "not detected (TODO in the file):\n" + result.missing.map(row).join("");
  const planned = planProject({ buildFile: { name: "pydock.toml", text: result.text }, files, target: "runtime", buildArgs: new Map(), revision: undefined, sourceUrl: undefined });
  if (!planned.ok) return out + "before it builds, the file needs:\n" + errorLines(planned.diagnostics, display);
  return out + `next: pydock plan ${path} shows what it builds\n`;
}

/**
 * The command as argv: `/bin/sh -c "exec WORDS"` unwrapped when WORDS are plain words the shell would pass
 * as they are (a command that expands ${PORT:-8000} or changes folder keeps its shell).
 */
export function execForm(command: Command): readonly string[] {
  if (command.kind === "shell") return ["/bin/sh", "-c", command.script];
  const [sh, c, script] = command.args;
  if (sh === "/bin/sh" && c === "-c" && script?.startsWith("exec ") && command.args.length === 3 && /^[\w ./:=@%+,-]+$/.test(script.slice(5))) {
    return script.slice(5).split(" ").filter((w) => w !== "");
  }
  return command.args;
}

/** The port a server command binds: `${PORT:-8000}`, `--bind HOST:PORT`, `--port PORT`, `--listen=HOST:PORT`, `-p PORT`. */
export function listenPort(argv: readonly string[]): { port: number; why: string } | undefined {
  const line = argv.join(" ");
  const fallback = /\$\{PORT:-(\d+)\}/.exec(line)?.[1];
  if (fallback) return { port: Number(fallback), why: `the command listens on \${PORT:-${fallback}}: port ${fallback} unless PORT is set` };
  const m = /(?:--bind|--listen|-b)[= ](?:\S*:)?(\d+)(?:\s|$)|(?:--port|-p|-P)[= ](\d+)(?:\s|$)/.exec(line);
  const port = m?.[1] ?? m?.[2];
  return port ? { port: Number(port), why: `the command listens on port ${port}` } : undefined;
}

/** A TOML basic string of `s` as pydock reads it: `$` doubled, as pydock.toml substitutes `${NAME}`. */
function tomlString(s: string): string {
  return JSON.stringify(s.replaceAll("$", () => "$$")).replace(/\x7f/g, "\\u007f");
}

function tomlArray(items: readonly string[]): string {
  return `[${items.map(tomlString).join(", ")}]`;
}

/** `text` as `#` comment lines of at most WIDTH characters (a longer word keeps its line). */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.replace(/\s+/g, " ").trim().split(" ")) {
    if (line.length + 1 + word.length > WIDTH && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

const sentence = (s: string): string => (/[.:!?]$/.test(s) ? s : `${s}.`);
