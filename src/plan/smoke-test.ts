/**
 * The build-time smoke test of the runtime image: what to check for the image's command. The check runs
 * as the image's user, in its workdir and with its environment, in an exec on top of the image that is
 * solved on its own (convert/smoke-test.ts) and never becomes a layer or a history entry: the image before
 * its build commands, beside them, and the finished image when that finds a problem or there are none.
 *
 * What is checked, from the argv the image starts (entrypoint + command, or each simple command of a
 * `sh -c` script):
 * - the program exists on the image's PATH; a console script in the venv also imports the module it calls;
 * - `python -m x` imports x; `python file.py` finds the file;
 * - the app of a server (`gunicorn x.wsgi`, `uvicorn x:app`, hypercorn, daphne, granian, waitress-serve,
 *   `celery -A x`) imports, and its attribute exists.
 * An import that fails with ImportError (a missing module, or a shared library the image lacks) fails the
 * build; any other exception while importing the app (it wants a database, a variable set at run time) is
 * only a warning, since the smoke test runs without the runtime's settings and with no network.
 */
import type { KeyPath } from "../config/model.js";

/** One thing to resolve in the runtime image. `from` is the command word it comes from, for messages. */
export type SmokeCheck =
  | { readonly kind: "program"; readonly name: string }
  | { readonly kind: "module"; readonly name: string; readonly attribute?: string; readonly paths?: readonly string[]; readonly from: string }
  | { readonly kind: "file"; readonly path: string; readonly from: string };

export interface SmokeTest {
  /** The venv's interpreter, which runs the check (so the check also proves it runs in the image). */
  readonly python: string;
  readonly checks: readonly SmokeCheck[];
  /** The key that decides the command (or [runtime] when it was detected), for the error. */
  readonly origin: KeyPath;
  /**
   * How many steps at the end of the runtime stage are build commands. The check then runs on the image
   * before them, beside them rather than after (the build commands seldom change what it checks: programs on
   * PATH and imports; on a source edit both run again, and together they take the longer of the two, not the
   * sum); a failure there is checked again on the finished image, which decides. 0: on the finished image.
   */
  readonly besideLastSteps: number;
  /**
   * A file of the image whose text the result carries too (`report`; null when the image lacks it): the
   * runtime-libraries list the image's label names, read with the check rather than from the image in a
   * round trip of its own.
   */
  readonly report?: string;
}

/** Words of a shell script split into simple commands; words holding an expansion are marked (undefined). */
export function shellCommands(script: string): (string | undefined)[][] {
  const commands: (string | undefined)[][] = [];
  let words: (string | undefined)[] = [];
  let word = "";
  let inWord = false;
  let dynamic = false;
  const endWord = () => {
    if (inWord) words.push(dynamic ? undefined : word);
    word = "";
    inWord = false;
    dynamic = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'") {
      const j = script.indexOf("'", i + 1);
      const end = j < 0 ? script.length : j;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === "\\" && j + 1 < script.length) word += script[++j];
        else {
          if (script[j] === "$" || script[j] === "`") dynamic = true;
          word += script[j];
        }
      }
      inWord = true;
      i = j;
    } else if (c === "\\" && i + 1 < script.length) {
      word += script[++i];
      inWord = true;
    } else if (c === "$" || c === "`") {
      word += c;
      dynamic = true;
      inWord = true;
    } else if (c === ";" || c === "&" || c === "|" || c === "\n" || c === "(" || c === ")") {
      endCommand();
    } else if (c === " " || c === "\t") {
      endWord();
    } else if (c === "#" && !inWord) {
      const j = script.indexOf("\n", i);
      i = j < 0 ? script.length : j - 1;
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|dash)$/;
/** Shell words that are no program to look for. */
const BUILTINS = new Set(["cd", "export", "set", "unset", "echo", "printf", "test", "[", "true", "false", ":", ".", "source", "trap", "wait", "exit", "umask", "ulimit", "if", "then", "else", "fi", "for", "do", "done", "while", "case", "esac"]);

/** The checks for an image that starts `argv` (the entrypoint and command as the image config holds them). */
export function smokeChecks(argv: readonly string[]): SmokeCheck[] {
  const [first, flag, script] = argv;
  if (first !== undefined && SHELLS.test(first) && flag === "-c" && script !== undefined) {
    return dedupe(shellCommands(script).flatMap((words) => commandChecks(words)));
  }
  return dedupe(commandChecks(argv));
}

function dedupe(checks: SmokeCheck[]): SmokeCheck[] {
  const seen = new Set<string>();
  return checks.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The checks for one simple command. */
function commandChecks(command: readonly (string | undefined)[]): SmokeCheck[] {
  let words = [...command];
  // Leading assignments, `exec` and `env` (with its assignments) start the real command later.
  while (words.length > 0) {
    const w = words[0];
    if (w !== undefined && (w === "exec" || w === "env" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w))) words = words.slice(1);
    else break;
  }
  const program = words[0];
  if (program === undefined || BUILTINS.has(program)) return [];
  const base = program.slice(program.lastIndexOf("/") + 1);
  const checks: SmokeCheck[] = [{ kind: "program", name: program }];
  const args = words.slice(1);
  if (/^python(\d(\.\d+)?)?$/.test(base)) return [...checks, ...pythonChecks(args, words.join(" "))];
  // A map, not an object: a command word may be "constructor" or "__proto__".
  const server = SERVERS.get(base);
  if (server) {
    const app = server(args);
    if (app) checks.push({ ...app, from: words.filter((w) => w !== undefined).join(" ") });
  }
  return checks;
}

/** Options of the interpreter that take a value. */
const PYTHON_VALUE_OPTIONS = new Set(["-W", "-X", "--check-hash-based-pycs"]);

function pythonChecks(args: readonly (string | undefined)[], from: string): SmokeCheck[] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) return [];
    if (a === "-c" || a === "-") return [];
    if (a === "-m") {
      const module = args[i + 1];
      return module !== undefined && MODULE.test(module) ? [{ kind: "module", name: module, from }] : [];
    }
    if (a.startsWith("-m") && MODULE.test(a.slice(2))) return [{ kind: "module", name: a.slice(2), from }];
    if (PYTHON_VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    return [{ kind: "file", path: a, from }];
  }
  return [];
}

const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** `module`, `module:attribute` or `module:factory()` (gunicorn's call form). */
const APP = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\(.*\))?)?$/;

type AppCheck = Omit<Extract<SmokeCheck, { kind: "module" }>, "from">;

/**
 * The app a server's command line names: its first positional argument, skipping the values of options
 * (every option takes a value unless listed in `flags`, or written `--opt=value`). Options in `pathOptions`
 * add directories to the import path, as the server does.
 */
function appArgument(flags: readonly string[], pathOptions: readonly string[] = [], appOptions: readonly string[] = []): (args: readonly (string | undefined)[]) => AppCheck | undefined {
  const noValue = new Set(flags);
  return (args) => {
    const paths: string[] = [];
    let app: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === undefined) continue;
      if (a.startsWith("-")) {
        const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        if (noValue.has(name) || a === "--") continue;
        const value = inline ?? args[++i];
        if (value !== undefined && pathOptions.includes(name)) paths.push(...value.split(":"));
        if (value !== undefined && appOptions.includes(name) && app === undefined) app = value;
        continue;
      }
      if (app === undefined && appOptions.length === 0) app = a;
    }
    const m = app === undefined ? null : APP.exec(app);
    if (!m) return undefined;
    return { kind: "module", name: m[1]!, ...(m[2] !== undefined ? { attribute: m[2] } : {}), ...(paths.length ? { paths } : {}) };
  };
}

const SERVERS: ReadonlyMap<string, (args: readonly (string | undefined)[]) => AppCheck | undefined> = new Map(Object.entries({
  gunicorn: appArgument(
    ["--reload", "--preload", "-D", "--daemon", "-R", "--enable-stdio-inheritance", "--capture-output", "--check-config", "--print-config", "--spew", "--reuse-port", "--proxy-protocol", "--no-sendfile", "--strip-header-spaces", "--disable-redirect-access-to-syslog", "--suppress-ragged-eofs", "--do-handshake-on-connect", "--help", "-h", "-v", "--version"],
    ["--chdir", "--pythonpath"],
  ),
  uvicorn: appArgument(
    ["--reload", "--factory", "--proxy-headers", "--no-proxy-headers", "--use-colors", "--no-use-colors", "--access-log", "--no-access-log", "--server-header", "--no-server-header", "--date-header", "--no-date-header", "--help", "--version"],
    ["--app-dir"],
  ),
  hypercorn: appArgument(["--reload", "--debug", "--help", "--version"]),
  daphne: appArgument(["--proxy-headers", "--no-server-name", "--help"]),
  granian: appArgument(["--reload", "--no-reload", "--ws", "--no-ws", "--factory", "--help", "--version", "--log", "--no-log", "--access-log", "--no-access-log", "--respawn-failed-workers"], ["--working-dir"]),
  "waitress-serve": appArgument(["--call", "--help", "--expose-tracebacks", "--no-expose-tracebacks", "--ipv4", "--no-ipv4", "--ipv6", "--no-ipv6", "--log-untrusted-proxy-headers", "--no-log-untrusted-proxy-headers"]),
  celery: appArgument([], [], ["-A", "--app"]),
}));
