/**
 * The build-time smoke test of the runtime image: what to check for the image's command. The check runs
 * as the image's user, in its workdir and with its environment, in an exec on top of the image that is
 * solved on its own (convert/smoke-test.ts) and never becomes a layer or a history entry: the image before
 * its build commands, beside them, and the finished image when that finds a problem or there are none.
 *
 * What is checked, from the argv the image starts (entrypoint + command, or each simple command of a
 * `sh -c` script, with the working directory its `cd DIR &&` gives and its `${VAR:-default}`/`$VAR`
 * expanded from the image's environment):
 * - the program exists on the image's PATH; a console script in the venv also imports the module it calls;
 * - `python -m x` imports x; `python file.py` finds the file and imports its top-level imports (without
 *   running it), with the file's folder first on the import path;
 * - the app of a server (`gunicorn x.wsgi`, `uvicorn x:app`, hypercorn, daphne, granian, waitress-serve,
 *   `celery -A x`, and `python -m` of one of them) imports, and its attribute exists.
 * Whatever the command, every compiled extension of the venv must find the shared libraries it links in the
 * image (convert/smoke-test.ts adds that check).
 * An import that fails for a module the venv lacks or a shared library the image lacks fails the build; any
 * other exception while importing (it wants a database, a .git directory, a variable set at run time) is
 * only a warning, since the smoke test runs without the runtime's settings and with no network.
 */
import type { KeyPath } from "../config/model.js";

/**
 * One thing to resolve in the runtime image. `from` is the command it comes from, for messages. `cwd`: the
 * folder the command runs in (`cd DIR &&`), relative to the image's workdir or absolute; absent for the
 * workdir itself.
 */
export type SmokeCheck =
  | { readonly kind: "program"; readonly name: string; readonly cwd?: string }
  | { readonly kind: "module"; readonly name: string; readonly attribute?: string; readonly paths?: readonly string[]; readonly from: string; readonly cwd?: string }
  | { readonly kind: "file"; readonly path: string; readonly from: string; readonly cwd?: string };

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

/**
 * Variables a command line sees: a value, or undefined for a variable that is set to something not known
 * here (the base image's PATH). A variable absent from the map is taken as unset (it may still be set at run
 * time: `$X` alone is then not known, `${X:-d}` is d, as the image runs by itself).
 */
export type ShellEnv = ReadonlyMap<string, string | undefined>;

/** The image's environment as the plan sets it (ImagePlan.env: in order, `${PATH}` for the base's value). */
export function imageEnv(pairs: readonly (readonly [string, string])[] = []): ShellEnv {
  const env = new Map<string, string | undefined>();
  for (const [name, value] of pairs) {
    if (!value.includes("$")) {
      env.set(name, value);
      continue;
    }
    // Docker's ENV expansion: $X, ${X}, ${X:-d}, ${X:+a}; anything not known leaves the value not known.
    let known = true;
    const expanded = value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const v = env.get((braced ?? bare)!);
      const set = env.has((braced ?? bare)!);
      if (set && v === undefined) known = false;
      if (op === ":-") return v ? v : (word ?? "");
      if (op === ":+") return v ? (word ?? "") : "";
      if (!set) known = false;
      return v ?? "";
    });
    env.set(name, known ? expanded : undefined);
  }
  return env;
}

/** A word as the command runs it: its text (undefined when not known here) and how messages show it. */
export interface ShellWord {
  readonly text: string | undefined;
  /** The expanded text when known, else the word as written: a message never drops a word. */
  readonly shown: string;
}

/** The index after the construct that opens at `s[j]`: '…', "…", `…`, $(…) or ${…} (nested ones included). */
function constructEnd(s: string, j: number): number {
  const c = s[j];
  if (c === "'") {
    const k = s.indexOf("'", j + 1);
    return k < 0 ? s.length : k + 1;
  }
  if (c === '"' || c === "`") {
    let k = j + 1;
    while (k < s.length && s[k] !== c) {
      if (s[k] === "\\") k += 2;
      else if (c === '"' && s[k] === "$" && (s[k + 1] === "(" || s[k + 1] === "{")) k = constructEnd(s, k);
      else k++;
    }
    return Math.min(k + 1, s.length);
  }
  const [open, close] = s[j + 1] === "(" ? ["(", ")"] : ["{", "}"];
  let depth = 0;
  let k = j + 1;
  while (k < s.length) {
    const d = s[k]!;
    if (d === "\\") k += 2;
    else if (d === "'" || d === '"' || d === "`") k = constructEnd(s, k);
    else if (d === "$" && (s[k + 1] === "(" || s[k + 1] === "{")) k = constructEnd(s, k);
    else {
      if (d === open) depth++;
      else if (d === close && --depth === 0) return k + 1;
      k++;
    }
  }
  return s.length;
}

/** A shell script's tokens: a word as written, or an operator. */
export type ShellToken = { readonly word: string } | { readonly op: string };

/**
 * A shell script as words (as written) and operators: `&&`, `||`, `;`, `;;`, `&`, `|`, `(`, `)`, newline, and
 * `<` for any redirection (the word after it is its target). Quotes, `$(…)`, `${…}` and backquotes stay inside
 * words; comments are dropped.
 */
export function shellTokens(script: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let start = -1;
  const endWord = (at: number) => {
    if (start >= 0) tokens.push({ word: script.slice(start, at) });
    start = -1;
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    const two = script.slice(i, i + 2);
    if (two === "\\\n") {
      endWord(i);
      i += 2;
    } else if (c === "\\") {
      if (start < 0) start = i;
      i += 2;
    } else if (c === "'" || c === '"' || c === "`" || (c === "$" && (script[i + 1] === "(" || script[i + 1] === "{"))) {
      if (start < 0) start = i;
      i = constructEnd(script, i);
    } else if (c === " " || c === "\t" || c === "\r") {
      endWord(i);
      i++;
    } else if (c === "#" && start < 0) {
      const j = script.indexOf("\n", i);
      i = j < 0 ? script.length : j;
    } else if (c === "<" || c === ">" || two === "&>") {
      // A redirection, and the descriptor written before it (`2>&1`): no word of the command.
      if (start >= 0 && /^\d+$/.test(script.slice(start, i))) start = -1;
      endWord(i);
      i += c === "&" ? 2 : 1;
      while (i < script.length && /[<>&|]/.test(script[i]!)) i++;
      // `>&2`, `<&-` name a descriptor, not a file: no target word follows.
      const fd = script[i - 1] === "&" ? /^(\d+|-)(?![^\s;&|()<>])/.exec(script.slice(i)) : null;
      if (fd) i += fd[0].length;
      else tokens.push({ op: "<" });
    } else if (c === ";" || c === "&" || c === "|" || c === "(" || c === ")" || c === "\n") {
      endWord(i);
      const op = two === "&&" || two === "||" || two === ";;" ? two : c;
      tokens.push({ op });
      i += op.length;
    } else {
      if (start < 0) start = i;
      i++;
    }
  }
  endWord(i);
  return tokens;
}

/** `${…}` or `$NAME` (`inner`: what is between the braces, or the name) against `env`; undefined when not known. */
function parameter(inner: string, env: ShellEnv): string | undefined {
  if (/^(\d+|[@*#])$/.test(inner)) return positional(inner, env);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-=+?])([\s\S]*))?$/.exec(inner);
  if (!m) return undefined; // $?, ${#X}, ${X%y}…
  const [, name, colon, op, word = ""] = m;
  const set = env.has(name!);
  const value = env.get(name!);
  if (set && value === undefined) return undefined;
  const other = () => expandWord(word, env, true).fields?.join(" ");
  const unset = colon ? !value : !set;
  switch (op) {
    case undefined:
      return set ? value : undefined;
    case "-":
    case "=":
      return unset ? other() : value;
    case "+":
      return unset ? "" : other();
    default: // "?": the shell stops when it is unset
      return unset ? undefined : value;
  }
}

/**
 * A positional parameter of `sh -c SCRIPT NAME ARGS…` (`0`… `9`, `@`, `*`, `#`), kept in `env` under those
 * names (with `#`, the count, when they are known); undefined when not known here.
 */
function positional(name: string, env: ShellEnv): string | undefined {
  if (!env.has("#") || !/^(\d+|[@*#])$/.test(name)) return undefined;
  if (name === "#") return env.get("#");
  if (name === "@" || name === "*") return Array.from({ length: Number(env.get("#")) }, (_, n) => env.get(String(n + 1)) ?? "").join(" ");
  return env.get(name) ?? "";
}

/**
 * A word as written, expanded against `env`: its fields (an unquoted expansion holding blanks gives several;
 * undefined when any part of it is not known here) and how a message shows it (the expanded text when known,
 * else the word as written). `inner`: the word of `${X:-word}`, never split.
 */
export function expandWord(raw: string, env: ShellEnv, inner = false): { fields: string[] | undefined; shown: string } {
  // "$@": each argument after the script's name, as a word of its own.
  if (!inner && /^("\$@"|"\$\{@\}"|\$@)$/.test(raw) && env.has("#")) {
    const args = Array.from({ length: Number(env.get("#")) }, (_, n) => env.get(String(n + 1)) ?? "");
    return { fields: args, shown: args.join(" ") };
  }
  const parts: { text: string | undefined; unquoted: boolean }[] = [];
  const literal = (text: string) => parts.push({ text, unquoted: false });
  /** At raw[i] === "$": the expansion there; the index after it. */
  const dollar = (i: number, quoted: boolean): number => {
    const next = raw[i + 1] ?? "";
    if (next === "(" || next === "{") {
      const end = constructEnd(raw, i);
      parts.push({ text: next === "{" ? parameter(raw.slice(i + 2, end - 1), env) : undefined, unquoted: !quoted });
      return end;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1))?.[0];
    if (name) {
      parts.push({ text: parameter(name, env), unquoted: !quoted });
      return i + 1 + name.length;
    }
    if (/^[0-9@*#?$!-]/.test(next)) {
      parts.push({ text: positional(next, env), unquoted: !quoted });
      return i + 2;
    }
    literal("$");
    return i + 1;
  };
  let i = 0;
  if (!inner && raw.startsWith("~")) {
    parts.push({ text: undefined, unquoted: false }); // a home folder
    i = raw.includes("/") ? raw.indexOf("/") : raw.length;
  }
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === "'") {
      const end = constructEnd(raw, i);
      literal(raw.slice(i + 1, raw[end - 1] === "'" && end - 1 > i ? end - 1 : end));
      i = end;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        const d = raw[i]!;
        if (d === "\\" && i + 1 < raw.length) {
          literal('$`"\\\n'.includes(raw[i + 1]!) ? raw[i + 1]! : raw.slice(i, i + 2));
          i += 2;
        } else if (d === "$") i = dollar(i, true);
        else if (d === "`") {
          i = constructEnd(raw, i);
          parts.push({ text: undefined, unquoted: false });
        } else {
          literal(d);
          i++;
        }
      }
      i++;
    } else if (c === "\\") {
      literal(raw[i + 1] ?? "");
      i += 2;
    } else if (c === "$") i = dollar(i, false);
    else if (c === "`") {
      i = constructEnd(raw, i);
      parts.push({ text: undefined, unquoted: true });
    } else {
      literal(c);
      i++;
    }
  }
  if (parts.some((p) => p.text === undefined)) return { fields: undefined, shown: raw };
  const text = parts.map((p) => p.text).join("");
  const blank = (p: { text: string | undefined }) => /[ \t\n]/.test(p.text!);
  if (inner || !parts.some((p) => p.unquoted && blank(p))) return { fields: [text], shown: text };
  // Field splitting, when only unquoted expansions hold blanks (else the fields are not worth working out).
  if (parts.some((p) => !p.unquoted && blank(p))) return { fields: undefined, shown: raw };
  const fields = text.split(/[ \t\n]+/).filter((f) => f !== "");
  return { fields, shown: fields.join(" ") };
}

/** A simple command of a script, expanded, with the folder it runs in (undefined: not known here). */
export interface ShellCommand {
  readonly words: readonly ShellWord[];
  readonly cwd: string | undefined;
}

/** Reserved words that start a compound command's part; the command after them is a simple one. */
const OPENERS = new Set(["if", "while", "until"]);
const CLOSERS = new Set(["fi", "done", "esac", "}"]);
const PREFIXES = new Set(["then", "else", "elif", "do", "!", "{"]);

/**
 * The simple commands of a `sh -c` script, in order, expanded against the image's environment, the script's
 * own assignments and `args` (what follows the script: $0, $1…, "$@"), each with the folder it runs in after
 * the script's `cd`s: relative to where the script starts ("." there), or absolute. A `cd` that may or may
 * not run (after `||`, in an `if` or a loop) or to a folder not known here leaves the folder not known; one in
 * a pipeline, in the background or in a `( … )` subshell changes nothing after it.
 */
export function shellCommands(script: string, env: ShellEnv = new Map(), args?: readonly string[]): ShellCommand[] {
  const tokens = shellTokens(script);
  const commands: ShellCommand[] = [];
  // One frame per ( … ) subshell: its folder and variables (and `sh -c`'s arguments: $0, $1…, "$@").
  const vars = new Map(env);
  if (args) {
    args.forEach((a, n) => vars.set(String(n), a));
    vars.set("#", String(Math.max(0, args.length - 1)));
  }
  const frames: { cwd: string | undefined; env: Map<string, string | undefined> }[] = [{ cwd: ".", env: vars }];
  let depth = 0; // inside if/while/until/for/case: what runs there may not run
  const cases: number[] = []; // the subshell depth of each open `case`, whose patterns end with ")"
  let words: string[] = [];
  let before = ";"; // the operator before the current command
  const frame = () => frames[frames.length - 1]!;
  const end = (after: string) => {
    const raw = words;
    words = [];
    const op = before;
    before = after;
    // A case pattern ends with ")" at the case's own subshell depth.
    if (after === ")" && cases.length > 0 && cases[cases.length - 1] === frames.length) return "pattern";
    if (raw.length === 0) return undefined;
    simple(raw, op === "||" || depth > 0, op === "|" || after === "|" || after === "&");
    return undefined;
  };
  const simple = (raw: string[], maybe: boolean, apart: boolean) => {
    let k = 0;
    for (; k < raw.length; k++) {
      const w = raw[k]!;
      if (OPENERS.has(w)) depth++;
      else if (CLOSERS.has(w)) {
        if (w === "esac") cases.pop();
        if (w !== "}") depth = Math.max(0, depth - 1);
      } else if (w === "for" || w === "select" || w === "case") {
        // The rest of the line is the loop's or case's head.
        depth++;
        if (w === "case") cases.push(frames.length);
        return;
      } else if (!PREFIXES.has(w)) break;
    }
    maybe ||= depth > 0;
    const f = frame();
    const rest = raw.slice(k);
    if (rest.length === 0) return;
    const expanded = rest.flatMap((w): ShellWord[] => {
      const e = expandWord(w, f.env);
      return e.fields === undefined ? [{ text: undefined, shown: e.shown }] : e.fields.map((t) => ({ text: t, shown: t }));
    });
    const [program, ...args] = expanded.map((w) => w.text);
    // Assignments alone, `export`, `readonly`: the script's own variables.
    const assigning = program === "export" || program === "readonly" || (program !== undefined && ASSIGNMENT.test(program) && args.every((a) => a !== undefined && ASSIGNMENT.test(a)));
    if (assigning || program === "unset") {
      if (apart) return;
      const names = program === "unset" ? args : program === "export" || program === "readonly" ? args : [program, ...args];
      for (const [i, a] of names.entries()) {
        if (a === undefined) {
          // Not known: every variable the word may set is not known. Taken from the word as written.
          const name = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(rest[(program === "export" || program === "readonly" || program === "unset" ? 1 : 0) + i] ?? "")?.[1];
          if (name) f.env.set(name, undefined);
          continue;
        }
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(a);
        if (!m) continue;
        if (program === "unset") {
          if (maybe) f.env.set(m[1]!, undefined);
          else f.env.delete(m[1]!);
        } else if (m[2] !== undefined) f.env.set(m[1]!, maybe ? undefined : m[2]);
      }
      return;
    }
    if (program === "cd" || program === "pushd" || program === "popd") {
      if (apart) return;
      const dir = args.filter((a, i) => !(a !== undefined && /^-[LPe@]+$/.test(a) && i < args.length - 1) && a !== "--")[0];
      const known = program === "cd" && args.length > 0 && dir !== undefined && dir !== "-" && f.cwd !== undefined;
      f.cwd = known && !maybe ? joinPath(f.cwd!, dir) : undefined;
      return;
    }
    commands.push({ words: expanded, cwd: f.cwd });
  };
  let target = false; // the next word is a redirection's target, no word of the command
  for (const t of tokens) {
    if ("word" in t) {
      if (!target) words.push(t.word);
      target = false;
      continue;
    }
    target = t.op === "<";
    switch (t.op) {
      case "<":
        break;
      case "(":
        end(";");
        frames.push({ cwd: frame().cwd, env: new Map(frame().env) });
        break;
      case ")":
        if (end(")") !== "pattern" && frames.length > 1) frames.pop();
        break;
      default:
        end(t.op === ";;" || t.op === "\n" ? ";" : t.op);
    }
  }
  end(";");
  return commands;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** `to` from folder `from` ("." or a relative or absolute path), normalized. */
function joinPath(from: string, to: string): string {
  const absolute = to.startsWith("/") || from.startsWith("/");
  const parts: string[] = [];
  for (const p of (to.startsWith("/") ? to : `${from}/${to}`).split("/")) {
    if (p === "" || p === ".") continue;
    if (p === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (p !== ".." || !absolute) parts.push(p);
  }
  return absolute ? `/${parts.join("/")}` : parts.join("/") || ".";
}

const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|dash)$/;
/** Shell words that are no program to look for. */
const BUILTINS = new Set(["cd", "export", "set", "unset", "echo", "printf", "test", "[", "true", "false", ":", ".", "source", "trap", "wait", "exit", "umask", "ulimit", "if", "then", "else", "fi", "for", "do", "done", "while", "case", "esac", "shift", "read", "eval", "return", "local", "readonly", "kill", "type", "hash", "pwd", "alias", "break", "continue", "let", "declare", "typeset", "shopt", "getopts", "times", "jobs", "fg", "bg", "pushd", "popd", "dirs", "disown"]);

/**
 * The checks for an image that starts `argv` (the entrypoint and command as the image config holds them).
 * `env`: the image's environment (ImagePlan.env), which a `sh -c` script's expansions read.
 */
export function smokeChecks(argv: readonly string[], env?: readonly (readonly [string, string])[]): SmokeCheck[] {
  const shell = shellScript(argv);
  if (shell !== undefined) return dedupe(shellCommands(shell.script, imageEnv(env), shell.args).flatMap((c) => commandChecks(c.words, c.cwd)));
  return dedupe(commandChecks(argv.map((w) => ({ text: w, shown: w })), "."));
}

/**
 * The script of `sh -c SCRIPT [NAME ARGS…]` (also `bash -lc`, `sh -e -c`) and what follows it ($0, $1…);
 * undefined for any other argv.
 */
function shellScript(argv: readonly string[]): { script: string; args: readonly string[] } | undefined {
  if (argv[0] === undefined || !SHELLS.test(argv[0])) return undefined;
  let c = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-o" || a === "+o") i++;
    else if (/^[-+][A-Za-z]+$/.test(a)) c ||= a.startsWith("-") && a.includes("c");
    else return c ? { script: a, args: argv.slice(i + 1) } : undefined;
  }
  return undefined;
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

/**
 * The checks for one simple command run in `cwd` ("." for the image's workdir, undefined when not known
 * here: then only what does not depend on it, the program on PATH).
 */
function commandChecks(command: readonly ShellWord[], cwd: string | undefined): SmokeCheck[] {
  let words = [...command];
  // Leading assignments, `exec` and `env` (with its options and assignments) start the real command later.
  while (words.length > 0) {
    const w = words[0]!.text;
    if (w === "env") {
      words = words.slice(1);
      while (words[0]?.text !== undefined && /^(-i|-|--ignore-environment|-u|--unset=.*|-0|--null)$/.test(words[0].text)) words = words.slice(words[0].text === "-u" ? 2 : 1);
    } else if (w !== undefined && (w === "exec" || w === "command" || ASSIGNMENT.test(w))) words = words.slice(1);
    else break;
  }
  const program = words[0]?.text;
  if (program === undefined || program === "" || BUILTINS.has(program)) return [];
  const relative = program.includes("/") && !program.startsWith("/");
  if (cwd === undefined && relative) return [];
  const at = cwd === undefined || cwd === "." ? {} : { cwd };
  const checks: SmokeCheck[] = [{ kind: "program", name: program, ...(relative ? at : {}) }];
  if (cwd === undefined) return checks;
  const base = program.slice(program.lastIndexOf("/") + 1);
  const args = words.slice(1).map((w) => w.text);
  const from = words.map((w) => w.shown).join(" ");
  if (/^python(\d(\.\d+)?)?$/.test(base)) return [...checks, ...pythonChecks(args, from).map((c) => ({ ...c, ...at }))];
  // A map, not an object: a command word may be "constructor" or "__proto__".
  const server = SERVERS.get(base);
  const app = server?.(args);
  if (app) checks.push({ ...app, from, ...at });
  return checks;
}

/** Options of the interpreter that take a value. */
const PYTHON_VALUE_OPTIONS = new Set(["-W", "-X", "--check-hash-based-pycs"]);

function pythonChecks(args: readonly (string | undefined)[], from: string): SmokeCheck[] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a === "") return [];
    if (a === "-c" || a === "-") return [];
    if (a === "-m" || (a.startsWith("-m") && a.length > 2)) {
      const module = a === "-m" ? args[i + 1] : a.slice(2);
      if (module === undefined || !MODULE.test(module)) return [];
      // `python -m uvicorn main:app`: the server's app too.
      const app = SERVERS.get(module)?.(args.slice(a === "-m" ? i + 2 : i + 1));
      return [{ kind: "module", name: module, from }, ...(app ? [{ ...app, from }] : [])];
    }
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
