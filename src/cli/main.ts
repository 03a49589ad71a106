/**
 * The `pydock` command: parses the command line (node:util parseArgs), reads the files a command needs
 * (context.ts), runs the command and writes what it returns, and turns every outcome into an exit code —
 * 0 done; 1 problems in the user's files (as `file:line:col: message`) or a missing file; 2 a wrong
 * command line, with the usage; 70 a bug, in one line (PYDOCK_DEBUG=1 adds the stack). Never a stack
 * trace otherwise. Every decision is made by the commands through planProject()/compile().
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../core/diagnostics.js";
import { hostPlatform, parsePlatformSpec } from "../core/platform.js";
import { checkCommand } from "./check.js";
import { isDirectory, readProject, readProjectDir } from "./context.js";
import { initFile, initReport } from "./init.js";
import { llbCommand } from "./llb.js";
import { CliError, EXIT, UsageError, errorLines, shownPath, type CommandResult } from "./output.js";
import { ejectCommand } from "./eject.js";
import { planCommand } from "./plan.js";
import { COMMAND_USAGE, SYNTAX_IMAGE, USAGE, VERSION } from "./usage.js";

/** Where a run writes and what it sees: the process's, or a test's. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (chunk: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  /** stdout is a terminal (binary output is refused there). */
  readonly stdoutIsTTY: boolean;
}

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP: Options = { help: { type: "boolean", short: "h" } };
const PROJECT: Options = {
  ...HELP,
  context: { type: "string" },
  target: { type: "string" },
  "build-arg": { type: "string", multiple: true },
  revision: { type: "string" },
  "source-url": { type: "string" },
};
const OPTIONS: Readonly<Record<string, Options>> = {
  plan: PROJECT,
  llb: { ...PROJECT, platform: { type: "string" }, format: { type: "string" } },
  check: { ...PROJECT, format: { type: "string" }, strict: { type: "boolean" } },
  init: { ...HELP, force: { type: "boolean" } },
  eject: { ...PROJECT, output: { type: "string", short: "o" } },
};

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Runs `pydock ARGV…` and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const result = await dispatch(argv, io);
    if (result.stderr) io.stderr(result.stderr);
    if (result.stdout.length > 0) io.stdout(result.stdout);
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(e.command ? `pydock ${e.command}: ${e.message} (pydock ${e.command} --help lists the options)\n` : `pydock: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (e instanceof CliError) {
      io.stderr(`pydock: ${e.message}\n`);
      return EXIT.problems;
    }
    if (e instanceof UserError) {
      io.stderr(errorLines(e.diagnostics, (f) => f));
      return EXIT.problems;
    }
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    io.stderr(`pydock: internal error: ${message} (a bug in pydock ${VERSION}; PYDOCK_DEBUG=1 shows where)\n`);
    if (io.env["PYDOCK_DEBUG"] && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
    return EXIT.internal;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<CommandResult> {
  const [command, ...rest] = argv;
  const text = (stdout: string): CommandResult => ({ stdout, stderr: "", exitCode: EXIT.ok });
  if (command === undefined) throw new UsageError("no command given");
  if (command === "--version" || command === "-V" || command === "version") return text(`pydock ${VERSION}\n`);
  if (command === "help" || command === "--help" || command === "-h") {
    const about = rest[0];
    if (about !== undefined && !COMMAND_USAGE[about]) throw new UsageError(`no command "${about}"`);
    return text(about !== undefined ? (COMMAND_USAGE[about] ?? USAGE) : USAGE);
  }
  const options = OPTIONS[command];
  if (!options) throw new UsageError(command.startsWith("-") ? `unknown option ${command}` : `unknown command "${command}"`);
  const { values, positionals } = parse(command, rest, options);
  if (values["help"]) return text(COMMAND_USAGE[command] ?? USAGE);
  if (positionals.length > 1) throw new UsageError(`one ${command === "init" ? "folder" : "file"} at most, got ${positionals.length}`, command);
  const where = positionals[0];
  if (command === "init") return init(where ?? ".", values["force"] === true, io);

  // The command line is checked before anything is read.
  const buildArgs = parseBuildArgs(values["build-arg"], io.env, command);
  const target = str(values["target"]);
  const read = () => readProject({ file: where ?? "pydock.toml", context: str(values["context"]), revision: str(values["revision"]), sourceUrl: str(values["source-url"]), cwd: io.cwd });
  switch (command) {
    case "plan":
      return planCommand(read(), { target: target ?? "runtime", buildArgs });
    case "eject": {
      const output = str(values["output"]);
      const result = ejectCommand(read(), { target: target ?? "runtime", buildArgs, output });
      if (output === undefined || result.exitCode !== EXIT.ok) return result;
      try {
        writeFileSync(resolve(io.cwd, output), result.stdout);
      } catch (e) {
        throw new CliError(`${output}: ${(e as Error).message}`);
      }
      return { ...result, stdout: "", stderr: `${result.stderr}wrote ${output}\n` };
    }
    case "check": {
      const format = choice(values["format"], ["text", "json"], command);
      return checkCommand(read(), { target, buildArgs, format, strict: values["strict"] === true });
    }
    default: {
      const format = choice(values["format"], ["json", "binary"], command);
      if (format === "binary" && io.stdoutIsTTY) throw new UsageError("--format binary writes bytes: pipe them into `buildctl build` or a file", command);
      const spec = str(values["platform"]);
      const platform = spec === undefined ? hostPlatform() : parsePlatformSpec(spec);
      if (!platform) throw new UsageError(`--platform ${spec}: expected os/arch[/variant], e.g. linux/amd64`, command);
      return llbCommand(read(), { target: target ?? "runtime", buildArgs, platform, format });
    }
  }
}

function init(dir: string, force: boolean, io: Io): CommandResult {
  const root = resolve(io.cwd, dir);
  const shown = (abs: string) => shownPath(io.cwd, abs);
  if (!isDirectory(root)) throw new CliError(`${shown(root)}: ${existsSync(root) ? "not a folder" : "no such folder"}`);
  const path = join(root, "pydock.toml");
  if (existsSync(path) && !force) throw new CliError(`${shown(path)} exists; pydock init --force overwrites it`);
  const files = readProjectDir(root);
  const result = initFile(files, SYNTAX_IMAGE);
  try {
    writeFileSync(path, result.text);
  } catch (e) {
    throw new CliError(`${shown(path)}: ${(e as Error).message}`);
  }
  return { stdout: initReport(result, files, shown(path), (f) => shown(join(root, f))), stderr: "", exitCode: EXIT.ok };
}

function parse(command: string, args: readonly string[], options: Options): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs' messages: unknown options, a missing value. Said without the hint about "--".
    throw new UsageError((e as Error).message.split(". To specify")[0] ?? "bad arguments", command);
  }
}

/** `--build-arg K=V`, or `K` alone for $K (skipped when unset), as docker build reads them. */
function parseBuildArgs(raw: Values[string], env: Io["env"], command: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of Array.isArray(raw) ? raw.map(String) : []) {
    const eq = arg.indexOf("=");
    const key = eq < 0 ? arg : arg.slice(0, eq);
    if (key === "") throw new UsageError(`--build-arg ${arg}: expected NAME=value`, command);
    const value = eq < 0 ? env[key] : arg.slice(eq + 1);
    if (value !== undefined) out.set(key, value);
  }
  return out;
}

function choice<T extends string>(value: Values[string], allowed: readonly T[], command: string): T {
  if (value === undefined) return allowed[0] as T;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--format ${String(value)}: expected ${allowed.join(" or ")}`, command);
}

const str = (v: Values[string]): string | undefined => (typeof v === "string" ? v : undefined);
