#!/usr/bin/env node
// scripts/real-world.mjs — builds real open-source Python apps zero-config with pydock and runs them.
//
// Each case (scripts/real-world.json: a public repository at a commit, the port and HTTP path its docs give,
// the environment it needs, the text it must print or serve) is built from a copy of its checkout with a
// pydock.toml holding only `# syntax=<frontend>`, then run; the result is one row of a Markdown table.
//
//   node scripts/real-world.mjs --apps DIR [--apps DIR2 | --apps DIR,DIR2] [options]
//
//   --apps DIR          folder holding one checkout per case name (DIR/<name>, or DIR/<set>/<name>); repeat it
//                       or give a comma list (e.g. --apps /work/realworld/apps,/work/realworld/railpack)
//   --cases FILE        the cases (default: scripts/real-world.json beside this script)
//   --only a,b          only these cases (repeatable); --set apps|railpack: only that set
//   --builder NAME      buildx builder (default: default)
//   --jobs N            cases at a time, 1 (default) or 2
//   --frontend REF      the frontend image named by the syntax line (default: pydock/pydock:0.1)
//   --json FILE         write the raw results (class, reason, timings, commands, log tails)
//   --logs DIR          write each case's full build and run logs there (<name>.build.log, <name>.run.log)
//   --keep              keep the images, containers and temporary copies (their names are printed)
//   --with-services     also build the cases that need services, and start them (postgres:17-alpine,
//                       redis:7-alpine: the daemon must be able to pull them) in the app container's network
//                       namespace, where the service names resolve to 127.0.0.1; postgres's user, password and
//                       database come from the case env (a postgres URL, PGUSER/PGPASSWORD/PGDATABASE)
//   --python-fallback   when a build fails because its Python base image is missing, retry once with
//                       `[python] version = "3.13"` added to pydock.toml (3.11 when the project's
//                       requires-python / Poetry python constraint excludes 3.13); the row says "(retried on X)"
//   --build-timeout S   per build (default 900); --http-timeout S (default 90); --run-timeout S (default 60)
//   --dry-run           check the cases and checkouts and print what would be done; runs no docker command.
//                       With the repository's CLI built (dist/cli.cjs, or --pydock-cli FILE) it also says what
//                       pydock would decide for each case (`pydock check` on the zero-config copy): the
//                       Python version, manager and command it detects, or the error it would refuse with
//   --import-manifest F print cases JSON made from a manifest (name, set, repo, commit, subdir, port, env,
//                       path, services, expect_raw) — how scripts/real-world.json was made:
//                       node scripts/real-world.mjs --import-manifest /work/realworld/manifest.json > scripts/real-world.json
//
// Per case: copy the checkout to a temporary folder (without .git, and without the .pinned-commit marker
// the checkout tooling writes), write pydock.toml (overwriting the project's own), then
//   docker buildx build --builder B --progress=plain -f pydock.toml --load -t pydock-rw/<name> .
// then `docker run -d` with the case env only (PORT is not set: pydock's detected servers listen on
// ${PORT:-8000}; a case whose docs say another port sets PORT in its env) and `-p 127.0.0.1::<port>`.
// An HTTP case (path not empty) passes when GET <path> with `Host: localhost` answers < 500 within the HTTP
// timeout, and its body contains every `expect` string. A program case (path "") passes when its output
// (stdout and stderr) contains every `expect` string — while running or after it exits — within the run
// timeout (an exit with status 0 and nothing expected passes too).
//
// Classes: pass; needs-service (skipped: the case needs services, see --with-services); missing (no
// checkout); refused (the frontend stopped before any build step: pydock's own error, e.g. detection);
// base-image (the Python base image could not be resolved); install (a step of the venv stage failed);
// build (another build step failed, or the smoke test); start (the container exited, or never answered on
// the port; a program that exits non-zero without its expected output); http (answered >= 500, or without the expected text); output (the program's output lacks an
// expected string); timeout (the build, or a program, ran out of time); error (the harness itself: docker,
// the builder, the frontend image, a copy). The reason is the most telling single line: pydock's message, the
// failing step's error, the last Python exception of the container's log.
//
// Output: progress on stderr; on stdout a table `| case | set | class | reason |` sorted by set then name,
// then the totals per class. Exit status: 0 when every case built passed, 1 when one did not, 2 on a usage
// error, 130 when interrupted. Containers and images are removed after each case (unless --keep), also on
// Ctrl-C (press it twice to leave at once); no command waits without a time limit.
import { spawn } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export const CLASSES = ["pass", "needs-service", "missing", "refused", "base-image", "install", "build", "start", "http", "output", "timeout", "error"];
const FAILED = new Set(["refused", "base-image", "install", "build", "start", "http", "output", "timeout", "error"]);
const REASON_MAX = 140;
const SERVICE_IMAGES = { postgres: "postgres:17-alpine", redis: "redis:7-alpine" };
const FALLBACK_PYTHONS = ["3.13", "3.11"]; // the base images this machine has, preferred first

// ---------------------------------------------------------------------------------------------------------
// Text helpers

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
export const stripAnsi = (s) => s.replace(ANSI, "");

/**
 * One line of about {@link REASON_MAX} characters at most. A longer one loses its trailing advice first
 * (pydock's messages end with "; change it or set …" clauses), then its middle when it ends with a Python
 * exception (`… ModuleNotFoundError: No module named 'x'`), else its end.
 */
export function oneLine(s, max = REASON_MAX) {
  let t = stripAnsi(String(s ?? "")).replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const exc = /\b(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Exit|Configured)\b: [^;]*/.exec(t)?.[0];
  for (let cut = t.lastIndexOf("; "); cut > 0 && t.length > max; cut = t.lastIndexOf("; ")) {
    const shorter = t.slice(0, cut);
    if (exc && !shorter.includes(exc)) break;
    t = shorter;
  }
  if (t.length <= max) return t;
  if (exc && exc.length < max - 30) {
    const at = t.indexOf(exc);
    return `${t.slice(0, Math.min(at, max - exc.length - 2)).trimEnd()}… ${exc}`;
  }
  return `${t.slice(0, max - 1)}…`;
}

const lastMatch = (lines, re) => {
  for (let i = lines.length - 1; i >= 0; i--) if (re.test(lines[i])) return lines[i];
  return undefined;
};

const tail = (text, n = 80) => stripAnsi(text).split(/\r?\n/).slice(-n).join("\n");

/**
 * The last Python exception line of a log: the first unindented line after a traceback's frames
 * (`ModuleNotFoundError: No module named 'x'`, `django.core.exceptions.ImproperlyConfigured: …`), else the
 * last line that looks like one.
 */
export function lastExceptionLine(text) {
  const lines = stripAnsi(text).split(/\r?\n/);
  let found;
  for (let i = 0; i < lines.length; i++) {
    if (!/Traceback \(most recent call last\):\s*$/.test(lines[i])) continue;
    // A logger's prefix ("[2024-…] [ERROR] Traceback …", "web-1 | Traceback …") is on every line of it.
    const prefix = lines[i].slice(0, lines[i].indexOf("Traceback"));
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j].startsWith(prefix) ? lines[j].slice(prefix.length) : lines[j];
      if (l === "" || /^\s/.test(l) || /^\^+$/.test(l.trim())) continue;
      if (/^[A-Za-z_][\w.]*(:|$)/.test(l) && !/^Traceback /.test(l)) found = l.trim();
      break;
    }
  }
  if (found) return found;
  return lastMatch(lines.map((l) => l.trim()), /^([A-Za-z_]\w*\.)*[A-Z]\w*(Error|Exception|Exit|Configured|NotFound|Missing|Denied|Refused)(: .*)?$/);
}

/** A log's most telling line: its last Python exception, else the last line that says error, else its last line. */
export function tellingLine(text) {
  const exc = lastExceptionLine(text);
  if (exc) return exc;
  const lines = stripAnsi(text).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lastMatch(lines, /\b(error|fatal|failed|not found|no such file|cannot|can't|denied|refused)\b/i) ?? lines.at(-1);
}

// ---------------------------------------------------------------------------------------------------------
// Build output (--progress=plain) and its classification

/** The vertices of a plain progress log (`#N name`, `#N 1.23 output`, `#N ERROR: …`) and the lines outside them. */
export function parseProgress(text) {
  const vertices = new Map();
  const other = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = stripAnsi(raw);
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) {
      other.push(line);
      continue;
    }
    const id = Number(m[1]);
    const rest = m[2];
    let v = vertices.get(id);
    if (!v) {
      vertices.set(id, (v = { id, name: rest, lines: [], error: undefined }));
      continue;
    }
    if (rest.startsWith("ERROR: ")) v.error = rest.slice("ERROR: ".length);
    else {
      const out = /^\d+\.\d+ (.*)$/.exec(rest);
      if (out) v.lines.push(out[1]);
    }
  }
  return { vertices: [...vertices.values()], other };
}

/** A vertex of the build proper: pydock's stages (`[venv 3/9] …`, `[runtime] FROM …`, `[smoke-test] …`), not BuildKit's own. */
const isBuildStep = (name) => /^\[[^\]]+\]/.test(name) && !/^\[(internal|auth)\]/.test(name);
const isCanceled = (e) => /\b(context )?cancel(l)?ed\b/i.test(e ?? "");

/** The build's error message: the `ERROR: failed to solve: …` line (and the lines pydock's diagnostics continue on). */
export function finalError(other) {
  const i = other.findIndex((l) => /^ERROR:? /.test(l));
  if (i < 0) return undefined;
  let msg = other[i].replace(/^ERROR:? /, "");
  for (;;) {
    const next = msg.replace(/^(failed to build|failed to solve|failed to compute cache key|executor failed running \[.*?\]): /, "");
    if (next === msg) break;
    msg = next;
  }
  const rest = [];
  for (const l of other.slice(i + 1)) {
    if (/^(ERROR|WARNING|View build details)/.test(l) || l.trim() === "") break;
    rest.push(l.trim());
  }
  return { message: msg.trim(), more: rest };
}

/** A failing install step's telling line: pydock's hint, the manager's last error, a Python exception. */
export function stepReason(lines) {
  const clean = lines.map((l) => stripAnsi(l).trim()).filter(Boolean);
  return (
    lastMatch(clean, /^pydock: /) ??
    lastMatch(clean, /^ERROR: /) ??
    lastMatch(clean, /^(error|fatal error|× )/i) ??
    lastExceptionLine(clean.join("\n")) ??
    lastMatch(clean, /\b(error|failed|not found|conflict|could not|cannot|unable)\b/i) ??
    clean.at(-1)
  );
}

const stripPydockToml = (m) => m.replace(/^pydock\.toml:\d+:\d+: /, "");

/**
 * What a finished `docker buildx build` says: { class: "pass" } or a failure class with its reason.
 * `frontend` is the syntax reference (a failure to get it is the harness's, not pydock's).
 */
export function classifyBuild(log, { code, timedOut = false, timeoutSeconds = 0, frontend = "" } = {}) {
  const { vertices, other } = parseProgress(log);
  const err = finalError(other);
  const started = vertices.filter((v) => isBuildStep(v.name));
  const failed = vertices.filter((v) => v.error !== undefined && !isCanceled(v.error));
  const failedStep = failed.find((v) => isBuildStep(v.name)) ?? failed.at(-1);
  if (timedOut) {
    const last = started.at(-1) ?? vertices.at(-1);
    return { class: "timeout", reason: oneLine(`build still running after ${timeoutSeconds} s${last ? ` at ${last.name}` : ""}`), failedStep: last?.name };
  }
  if (code === 0) return { class: "pass", reason: "" };
  const msg = err?.message ?? "";
  const reasonOf = (m) => oneLine(stripPydockToml(m));
  // The base image: pydock's own message, or BuildKit's when it fails to pull it.
  const baseMsg = /cannot resolve the \S+ stage's base image/.test(msg) || /^cannot resolve .*base image/.test(msg);
  const baseStep = failedStep && /^\[[\w-]+\] FROM \S*python:/.test(failedStep.name);
  if (baseMsg || baseStep || /failed to resolve source metadata for \S*\/library\/python:/.test(msg)) {
    // "…stage's base image docker.io/library/python:3.10-bookworm (failed to do request: Head …: no such host); pydock builds …"
    // → "…stage's base image docker.io/library/python:3.10-bookworm (no such host)"
    const m = /^(.*?cannot resolve the \S+ stage's base image \S+) \((.*)\)(;|$)/.exec(msg);
    const text = m ? `${m[1]} (${m[2].split(": ").at(-1)})` : baseMsg || !baseStep ? msg : `${failedStep.name}: ${failedStep.error}`;
    return { class: "base-image", reason: reasonOf(text), failedStep: failedStep?.name };
  }
  if (started.length === 0) {
    const harness =
      !err ||
      (frontend && msg.includes(frontend.replace(/^docker\.io\//, ""))) ||
      /docker-image:\/\/|no builder|Cannot connect to the Docker daemon|is the docker daemon running|unknown flag|not a docker command|permission denied while trying to connect/i.test(msg);
    if (harness) return { class: "error", reason: oneLine(msg || lastMatch(other.map((l) => l.trim()), /\S/) || `docker buildx exited with ${code}`) };
    // pydock's diagnostics come one per line: the first is the one to read.
    return { class: "refused", reason: reasonOf(msg) };
  }
  if (failedStep && /^\[venv[\] ]/.test(failedStep.name)) {
    return { class: "install", reason: oneLine(stepReason(failedStep.lines) ?? failedStep.error ?? msg), failedStep: failedStep.name };
  }
  // Another step (the runtime stage's, the smoke test's interpreter): its output says what went wrong.
  if (failedStep && isBuildStep(failedStep.name) && failedStep.lines.length > 0) {
    return { class: "build", reason: oneLine(stepReason(failedStep.lines)), failedStep: failedStep.name };
  }
  // The smoke test's findings, the export, the load: the frontend's or BuildKit's message says it.
  return { class: "build", reason: reasonOf(msg || `docker buildx exited with ${code}`), failedStep: failedStep?.name };
}

// ---------------------------------------------------------------------------------------------------------
// Python constraints (for --python-fallback)

const parseVersion = (s) => s.split(".").map((p) => (p === "*" ? "*" : Number.parseInt(p, 10)));
const cmp = (a, b) => {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
};

/** Whether version [maj, min, patch] satisfies one clause of a PEP 440 or Poetry constraint. */
export function satisfiesClause(v, clause) {
  const c = clause.trim();
  if (c === "" || c === "*") return true;
  const m = /^(~=|===|==|!=|<=|>=|<|>|\^|~)?\s*v?(\d+(?:\.(?:\d+|\*))*)/.exec(c);
  if (!m) return true; // unknown syntax: no opinion
  const op = m[1] ?? "==";
  const spec = parseVersion(m[2]);
  const wildcard = spec.includes("*");
  const prefix = spec.filter((x) => x !== "*");
  const startsWith = () => prefix.every((x, i) => (v[i] ?? 0) === x);
  const upper = (n) => {
    // the version after bumping component n (0-based) of spec
    const u = prefix.slice(0, n + 1);
    u[n] = (u[n] ?? 0) + 1;
    return u;
  };
  switch (op) {
    case "==":
    case "===":
      return wildcard || (op === "==" && m[1] === undefined) ? startsWith() : cmp(v, prefix) === 0;
    case "!=":
      return wildcard ? !startsWith() : cmp(v, prefix) !== 0;
    case ">=":
      return cmp(v, prefix) >= 0;
    case ">":
      return cmp(v, prefix) > 0;
    case "<=":
      return cmp(v, prefix) <= 0;
    case "<":
      return cmp(v, prefix) < 0;
    case "~=":
      return cmp(v, prefix) >= 0 && cmp(v, upper(Math.max(0, prefix.length - 2))) < 0;
    case "^": {
      const n = prefix.findIndex((x) => x !== 0);
      return cmp(v, prefix) >= 0 && cmp(v, upper(n < 0 ? prefix.length - 1 : n)) < 0;
    }
    case "~":
      return cmp(v, prefix) >= 0 && cmp(v, upper(prefix.length >= 2 ? 1 : 0)) < 0;
    default:
      return true;
  }
}

/** Whether some release of Python `minor` ("3.13") satisfies a constraint (`>=3.10,<3.13`, `^3.9`, `>=3.8 || ==2.7.*`). */
export function allowsMinor(constraint, minor) {
  const [maj, min] = minor.split(".").map(Number);
  return constraint.split("||").some((alt) => {
    // Clauses are separated by commas (PEP 440) or spaces (Poetry): take each operator and its version.
    const clauses = [...alt.matchAll(/(~=|===|==|!=|<=|>=|<|>|\^|~)?\s*v?\d+(?:\.(?:\d+|\*))*/g)].map((m) => m[0]);
    for (let patch = 0; patch <= 30; patch++) if (clauses.every((c) => satisfiesClause([maj, min, patch], c))) return true;
    return false;
  });
}

/** The project's Python constraints: requires-python, Poetry's python dependency, python_requires. */
export function pythonConstraints(dir) {
  const read = (f) => {
    try {
      return fs.readFileSync(path.join(dir, f), "utf8");
    } catch {
      return undefined;
    }
  };
  const out = [];
  const pyproject = read("pyproject.toml");
  if (pyproject) {
    let section = "";
    for (const line of pyproject.split(/\r?\n/)) {
      const s = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
      if (s) {
        section = s[1].trim();
        continue;
      }
      const rp = /^\s*requires-python\s*=\s*["']([^"']+)["']/.exec(line);
      if (rp && section === "project") out.push(rp[1]);
      const py = /^\s*python\s*=\s*(?:\{[^}]*version\s*=\s*)?["']([^"']+)["']/.exec(line);
      if (py && section === "tool.poetry.dependencies") out.push(py[1]);
    }
  }
  for (const f of ["setup.py", "setup.cfg"]) {
    const m = /python_requires\s*=\s*["']?([^"'\n]+)["']?/.exec(read(f) ?? "");
    if (m) out.push(m[1].trim());
  }
  return out;
}

/**
 * The Python version a --python-fallback retry asks for: of 3.13 and 3.11, the one nearest the version the
 * failed build asked for (`requested`, "3.10.2"; 3.11 up to 3.11, a project pinned to an older Python is
 * more likely to run there), that the project's constraints allow.
 */
export function fallbackPython(dir, requested) {
  const constraints = pythonConstraints(dir);
  const allowed = (minor) => constraints.every((c) => allowsMinor(c, minor));
  const minor = Number(/^3\.(\d+)/.exec(requested ?? "")?.[1] ?? NaN);
  const order = minor <= 11 ? [...FALLBACK_PYTHONS].reverse() : FALLBACK_PYTHONS;
  const pick = order.find(allowed);
  if (pick) return pick;
  // Neither: the nearest one (the newest when only newer Pythons are allowed).
  const newer = ["3.14", "3.15", "3.16"].some(allowed);
  return newer ? FALLBACK_PYTHONS[0] : FALLBACK_PYTHONS.at(-1);
}

export const pydockToml = (frontend, python) => `# syntax=${frontend}\n${python ? `\n[python]\nversion = "${python}"\n` : ""}`;

// ---------------------------------------------------------------------------------------------------------
// Cases

/** JSON with // and /* comments and trailing commas (railpack's test.json). */
export function parseJsonc(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      if (i < 0) break;
      i++;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

const asList = (x) => (x === undefined || x === null ? [] : Array.isArray(x) ? x.map(String) : [String(x)]);

/** The expected strings of a manifest entry: the HTTP check's text for an HTTP case, the program's output otherwise. */
export function expectFromRaw(raw, httpCase) {
  if (!raw) return [];
  const tests = typeof raw === "string" ? parseJsonc(raw) : raw;
  const list = Array.isArray(tests) ? tests : [tests];
  // The first test for the machine's own platform (railpack adds emulated ones with "platform").
  const plain = list.filter((t) => t && !t.platform);
  if (httpCase) return asList(plain.find((t) => t.httpCheck)?.httpCheck.expectedOutput);
  return asList(plain.find((t) => !t.httpCheck && t.expectedOutput !== undefined)?.expectedOutput);
}

/** The cases file's entries from a manifest: public facts only (no machine paths, no notes). */
export function casesFromManifest(manifest) {
  return manifest.map((e) => ({
    name: e.name,
    set: e.set,
    repo: e.repo,
    commit: e.commit,
    subdir: e.subdir ?? "",
    port: e.port,
    env: e.env ?? {},
    path: e.path ?? "",
    expect: expectFromRaw(e.expect_raw, Boolean(e.path)),
    services: e.services ?? [],
  }));
}

/** The cases file, checked: a list of problems, or the cases. */
export function validateCases(cases) {
  const problems = [];
  if (!Array.isArray(cases)) return { problems: ["the cases file is not a JSON list"], cases: [] };
  const seen = new Set();
  cases.forEach((c, i) => {
    const at = `case ${i + 1}${c?.name ? ` (${c.name})` : ""}`;
    if (!c || typeof c !== "object") return problems.push(`${at}: not an object`);
    if (typeof c.name !== "string" || !/^[a-z0-9][a-z0-9._-]*$/.test(c.name)) problems.push(`${at}: name must be lowercase letters, digits, . _ -`);
    if (seen.has(c.name)) problems.push(`${at}: duplicate name`);
    seen.add(c.name);
    if (typeof c.set !== "string" || !c.set) problems.push(`${at}: set missing`);
    if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) problems.push(`${at}: port must be an integer 1-65535`);
    if (typeof c.path !== "string" || (c.path && !c.path.startsWith("/"))) problems.push(`${at}: path must be "" or start with /`);
    if (c.env === null || typeof c.env !== "object" || Object.values(c.env).some((v) => typeof v !== "string")) problems.push(`${at}: env must map names to strings`);
    if (!Array.isArray(c.expect) || c.expect.some((s) => typeof s !== "string")) problems.push(`${at}: expect must be a list of strings`);
    if (!Array.isArray(c.services)) problems.push(`${at}: services must be a list`);
  });
  return { problems, cases };
}

const isDir = (p) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The checkout of a case: DIR/<name> (or DIR/<set>/<name>) in the first --apps folder that has it; its subdir when that is a folder there. */
export function findCheckout(c, dirs) {
  for (const d of dirs) {
    for (const base of [path.join(d, c.name), path.join(d, c.set, c.name)]) {
      if (!isDir(base)) continue;
      return c.subdir && isDir(path.join(base, c.subdir)) ? path.join(base, c.subdir) : base;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Processes: every child in its own process group, killed on timeout and on Ctrl-C.

const live = { procs: new Set(), containers: new Set(), images: new Set(), tmpdirs: new Set(), aborted: false };

/** Runs a command; resolves (never rejects) with its code, output and whether it timed out. */
export function run(cmd, args, { cwd, timeoutMs = 60_000, env, onData } = {}) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { cwd, env: env ?? process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      resolve({ code: -1, stdout: "", stderr: String(e?.message ?? e), all: String(e?.message ?? e), timedOut: false });
      return;
    }
    live.procs.add(child);
    const out = [];
    const err = [];
    const all = [];
    let size = 0;
    const LIMIT = 64 * 1024 * 1024;
    const take = (bucket) => (chunk) => {
      if (size < LIMIT) {
        bucket.push(chunk);
        all.push(chunk);
        size += chunk.length;
      }
      onData?.(chunk);
    };
    child.stdout.on("data", take(out));
    child.stderr.on("data", take(err));
    let timedOut = false;
    let killTimer;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, "SIGTERM");
      killTimer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
    }, timeoutMs);
    let spawnError;
    child.on("error", (e) => {
      spawnError = e;
    });
    // 'close' waits for the output pipes, which a process the command left behind may hold open: once the
    // command itself has exited, give them a few seconds, then stop reading.
    let exitTimer;
    child.on("exit", () => {
      exitTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(child.exitCode, child.signalCode);
      }, 5000);
    });
    let finished = false;
    const finish = (code, signal) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(exitTimer);
      live.procs.delete(child);
      const text = (b) => Buffer.concat(b).toString("utf8");
      const errText = text(err) + (spawnError ? `${spawnError.message}\n` : "");
      resolve({ code: code ?? (signal ? 128 : -1), signal, stdout: text(out), stderr: errText, all: text(all) + (spawnError ? `${spawnError.message}\n` : ""), timedOut });
    };
    child.on("close", finish);
  });
}

/** Signals the command's process group (each command is a group leader: `detached`), also what it left running. */
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const docker = (args, opts) => run("docker", args, opts);

async function removeContainers(names) {
  if (names.length === 0) return;
  await docker(["rm", "-f", "-v", ...names], { timeoutMs: 60_000 });
  for (const n of names) live.containers.delete(n);
}

async function removeImage(image) {
  await docker(["image", "rm", "-f", image], { timeoutMs: 120_000 });
  live.images.delete(image);
}

async function removeTmp(dir) {
  await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  live.tmpdirs.delete(dir);
}

/** Whatever is left: containers, images (unless --keep), temporary copies (unless --keep). */
async function cleanupAll(keep) {
  for (const p of live.procs) killGroup(p, "SIGTERM");
  if (keep) {
    const left = [...live.containers, ...live.images, ...live.tmpdirs];
    if (left.length) log(`kept: ${left.join(" ")}`);
    return;
  }
  await removeContainers([...live.containers]);
  for (const image of [...live.images]) await removeImage(image);
  for (const dir of [...live.tmpdirs]) await removeTmp(dir);
}

const log = (s) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------------------
// One case

async function copyCheckout(src, dst) {
  await fsp.cp(src, dst, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (p) => {
      const rel = path.relative(src, p);
      if (rel === "") return true;
      if (rel === ".pinned-commit") return false; // the checkout tooling's marker, not the project's
      return !rel.split(path.sep).includes(".git");
    },
  });
}

const httpProbe = (port, urlPath, timeoutMs) =>
  new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: urlPath, method: "GET", agent: false, timeout: timeoutMs, headers: { Host: "localhost", "User-Agent": "pydock-real-world" } }, (res) => {
      const chunks = [];
      let size = 0;
      res.on("data", (c) => {
        if (size < 1 << 20) chunks.push(c);
        size += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ error: e.message }));
    req.end();
  });

async function containerState(name) {
  const r = await docker(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name], { timeoutMs: 30_000 });
  if (r.code !== 0) return { status: "gone", exitCode: -1 };
  const [status, exitCode] = r.stdout.trim().split(" ");
  return { status, exitCode: Number(exitCode) };
}

async function containerLogs(name) {
  const r = await docker(["logs", name], { timeoutMs: 30_000 });
  return r.stdout + r.stderr;
}

/** postgres's settings from the case env: a postgres URL, else PGUSER/PGPASSWORD/PGDATABASE. */
export function postgresSettings(env) {
  let user = "postgres";
  let password = "postgres";
  let db;
  const url = Object.values(env).find((v) => /^postgres(ql)?(\+\w+)?:\/\//.test(v));
  if (url) {
    try {
      const u = new URL(url.replace(/^postgres(ql)?(\+\w+)?:/, "http:"));
      if (u.username) user = decodeURIComponent(u.username);
      if (u.password) password = decodeURIComponent(u.password);
      if (u.pathname.length > 1) db = decodeURIComponent(u.pathname.slice(1));
    } catch {
      // keep the defaults
    }
  }
  if (env.PGUSER) user = env.PGUSER;
  if (env.PGPASSWORD) password = env.PGPASSWORD;
  if (env.PGDATABASE) db = env.PGDATABASE;
  return { POSTGRES_USER: user, POSTGRES_PASSWORD: password, POSTGRES_DB: db ?? user };
}

const envArgs = (env) => Object.entries(env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);

/**
 * The docker commands that start a case's containers: its services first (the first one owns the network
 * namespace, publishes the port and maps the service names to 127.0.0.1), then the app.
 */
export function runCommands(c, image, tag, withServices) {
  const services = withServices ? c.services : [];
  const publish = ["-p", `127.0.0.1::${c.port}`];
  const label = ["--label", "pydock-rw=1"];
  const cmds = [];
  const owner = services.length ? `${tag}-${services[0]}` : tag;
  services.forEach((s, i) => {
    const name = `${tag}-${s}`;
    const net = i === 0 ? [...publish, ...services.flatMap((x) => ["--add-host", `${x}:127.0.0.1`])] : ["--network", `container:${owner}`];
    const env = s === "postgres" ? postgresSettings(c.env) : {};
    cmds.push({ name, service: s, args: ["run", "-d", "--name", name, ...label, ...net, ...envArgs(env), SERVICE_IMAGES[s]] });
  });
  const appNet = services.length ? ["--network", `container:${owner}`] : publish;
  cmds.push({ name: tag, args: ["run", "-d", "--name", tag, ...label, ...appNet, ...envArgs(c.env), image] });
  return { cmds, owner };
}

async function waitService(name, service, env, deadline) {
  const probe = service === "postgres" ? ["exec", name, "pg_isready", "-h", "127.0.0.1", "-U", postgresSettings(env).POSTGRES_USER] : ["exec", name, "redis-cli", "-h", "127.0.0.1", "ping"];
  while (Date.now() < deadline && !live.aborted) {
    const r = await docker(probe, { timeoutMs: 15_000 });
    if (r.code === 0) {
      if (service === "postgres") await sleep(1000); // pg_isready answers during the init restart too
      return true;
    }
    const st = await containerState(name);
    if (st.status !== "running") return false;
    await sleep(1000);
  }
  return false;
}

/** Builds once; the class of the build and its log. */
async function buildOnce(dir, toml, image, opts, logFile) {
  await fsp.rm(path.join(dir, "pydock.toml"), { force: true });
  await fsp.writeFile(path.join(dir, "pydock.toml"), toml);
  const args = ["buildx", "build", "--builder", opts.builder, "--progress=plain", "-f", "pydock.toml", "--load", "-t", image, "."];
  const started = Date.now();
  const r = await docker(args, { cwd: dir, timeoutMs: opts.buildTimeout * 1000 });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (logFile) await fsp.appendFile(logFile, `$ docker ${args.join(" ")}\n# pydock.toml:\n${toml}\n${r.all}\n# exit ${r.code}${r.timedOut ? " (timed out)" : ""} after ${seconds} s\n\n`);
  const verdict = live.aborted ? { class: "error", reason: "interrupted" } : classifyBuild(r.all, { code: r.code, timedOut: r.timedOut, timeoutSeconds: opts.buildTimeout, frontend: opts.frontend });
  return { ...verdict, seconds, log: r.all, command: `docker ${args.join(" ")}` };
}

/** Runs the built image and checks it: the result's class and reason. */
async function checkImage(c, image, tag, opts, result) {
  const { cmds, owner } = runCommands(c, image, tag, opts.withServices);
  result.runCommands = cmds.map((x) => `docker ${x.args.join(" ")}`);
  const serviceDeadline = Date.now() + 90_000;
  for (const cmd of cmds) {
    live.containers.add(cmd.name);
    const r = await docker(cmd.args, { timeoutMs: 120_000 });
    if (r.code !== 0) {
      const why = oneLine(lastMatch(r.stderr.split("\n").map((l) => l.trim()), /\S/) ?? `docker run exited with ${r.code}`);
      return cmd.service ? { class: "error", reason: oneLine(`service ${cmd.service}: ${why}`) } : { class: "start", reason: why };
    }
    if (cmd.service && !(await waitService(cmd.name, cmd.service, c.env, serviceDeadline))) {
      return { class: "error", reason: oneLine(`service ${cmd.service} not ready: ${tellingLine(await containerLogs(cmd.name)) ?? "no output"}`) };
    }
  }
  const started = Date.now();
  try {
    if (c.path) return await checkHttp(c, tag, owner, opts, result);
    return await checkProgram(c, tag, opts);
  } finally {
    result.runSeconds = Math.round((Date.now() - started) / 1000);
    const logs = await containerLogs(tag);
    result.runLogTail = tail(logs);
    if (opts.logs) await fsp.writeFile(path.join(opts.logs, `${c.name}.run.log`), `${result.runCommands.join("\n")}\n\n${logs}`).catch(() => undefined);
  }
}

async function hostPort(owner, port) {
  const r = await docker(["port", owner, `${port}/tcp`], { timeoutMs: 30_000 });
  const m = /127\.0\.0\.1:(\d+)/.exec(r.stdout) ?? /:(\d+)\s*$/m.exec(r.stdout);
  return m ? Number(m[1]) : undefined;
}

async function checkHttp(c, tag, owner, opts, result) {
  const port = await hostPort(owner, c.port);
  if (!port) return { class: "error", reason: oneLine(`docker port ${owner} ${c.port}: no published port`) };
  result.url = `http://127.0.0.1:${port}${c.path}`;
  const deadline = Date.now() + opts.httpTimeout * 1000;
  let firstBad; // the first answer that failed: answers are given 10 s to get better (a warming-up app)
  let last;
  for (let i = 0; Date.now() < deadline && !live.aborted; i++) {
    const answer = await httpProbe(port, c.path, 5000);
    if (answer.status !== undefined) {
      result.httpStatus = answer.status;
      const missing = c.expect.filter((s) => !answer.body.includes(s));
      if (answer.status < 500 && missing.length === 0) return { class: "pass", reason: "" };
      last = { ...answer, missing };
      firstBad ??= Date.now();
      if (Date.now() - firstBad >= 10_000) break;
    } else if (i % 3 === 0 || Date.now() + 1000 >= deadline) {
      const st = await containerState(tag);
      if (st.status !== "running") {
        const logs = await containerLogs(tag);
        return { class: "start", reason: oneLine(`exited ${st.exitCode}: ${tellingLine(logs) ?? "no output"}`) };
      }
    }
    await sleep(1000);
  }
  if (live.aborted) return { class: "error", reason: "interrupted" };
  const logs = await containerLogs(tag);
  if (last) {
    const what = last.status >= 500 ? `HTTP ${last.status}` : `HTTP ${last.status} without "${last.missing[0]}"`;
    const why = last.status >= 500 ? lastExceptionLine(logs) : undefined;
    return { class: "http", reason: oneLine(`${what} at ${c.path}${why ? `: ${why}` : ""}`) };
  }
  const st = await containerState(tag);
  if (st.status !== "running") return { class: "start", reason: oneLine(`exited ${st.exitCode}: ${tellingLine(logs) ?? "no output"}`) };
  const listening = lastMatch(stripAnsi(logs).split(/\r?\n/).map((l) => l.trim()), /listening|running on|serving|bound to|started server|uvicorn running|booting/i);
  const hint = lastExceptionLine(logs) ?? listening ?? tellingLine(logs);
  return { class: "start", reason: oneLine(`no answer on port ${c.port} in ${opts.httpTimeout} s${hint ? `: ${hint}` : ""}`) };
}

async function checkProgram(c, tag, opts) {
  const deadline = Date.now() + opts.runTimeout * 1000;
  for (;;) {
    const st = await containerState(tag);
    const logs = await containerLogs(tag);
    const missing = c.expect.filter((s) => !logs.includes(s));
    if (c.expect.length > 0 && missing.length === 0) return { class: "pass", reason: "" };
    if (st.status !== "running" && st.status !== "created" && st.status !== "restarting") {
      if (c.expect.length === 0 && st.exitCode === 0) return { class: "pass", reason: "" };
      if (st.exitCode !== 0) return { class: "start", reason: oneLine(`exited ${st.exitCode}: ${tellingLine(logs) ?? "no output"}`) };
      return { class: "output", reason: oneLine(`output lacks "${missing[0]}"${logs.trim() ? `; last line: ${tellingLine(logs)}` : " (no output)"}`) };
    }
    if (live.aborted) return { class: "error", reason: "interrupted" };
    if (Date.now() >= deadline) {
      return { class: "timeout", reason: oneLine(`still running after ${opts.runTimeout} s without "${missing[0] ?? "exiting"}"${logs.trim() ? `; last line: ${tellingLine(logs)}` : ""}`) };
    }
    await sleep(1000);
  }
}

async function runCase(c, opts) {
  const result = { name: c.name, set: c.set, repo: c.repo, commit: c.commit, class: "error", reason: "" };
  const finish = (v) => Object.assign(result, { class: v.class, reason: v.reason });
  if (c.services.length > 0 && !opts.withServices) return finish({ class: "needs-service", reason: `needs ${c.services.join(" and ")} (--with-services)` });
  const unknown = c.services.filter((s) => !SERVICE_IMAGES[s]);
  if (unknown.length) return finish({ class: "needs-service", reason: `no recipe for service ${unknown.join(", ")}` });
  const src = findCheckout(c, opts.apps);
  if (!src) return finish({ class: "missing", reason: `no folder ${c.name} in --apps` });
  result.checkout = src;
  const image = `pydock-rw/${c.name}`;
  const tag = `pydock-rw-${c.name}-${process.pid}`;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), `pydock-rw-${c.name}-`));
  live.tmpdirs.add(dir);
  result.workdir = dir;
  const logFile = opts.logs ? path.join(opts.logs, `${c.name}.build.log`) : undefined;
  if (logFile) await fsp.rm(logFile, { force: true });
  try {
    try {
      await copyCheckout(src, dir);
    } catch (e) {
      return finish({ class: "error", reason: oneLine(`copy: ${e.message}`) });
    }
    if (live.aborted) return finish({ class: "error", reason: "interrupted" });
    live.images.add(image);
    let toml = pydockToml(opts.frontend);
    let b = await buildOnce(dir, toml, image, opts, logFile);
    result.attempts = [{ pydockToml: toml, class: b.class, reason: b.reason, seconds: b.seconds }];
    if (b.class === "base-image" && opts.pythonFallback && !live.aborted) {
      const python = fallbackPython(dir, /python:(3\.\d+(?:\.\d+)?)/.exec(b.reason)?.[1]);
      toml = pydockToml(opts.frontend, python);
      log(`  ${c.name}: ${b.reason} — retrying on Python ${python}`);
      b = await buildOnce(dir, toml, image, opts, logFile);
      result.attempts.push({ pydockToml: toml, class: b.class, reason: b.reason, seconds: b.seconds });
      result.retried = python;
    }
    result.buildCommand = b.command;
    result.pydockToml = toml;
    result.buildSeconds = result.attempts.reduce((s, a) => s + a.seconds, 0);
    result.failedStep = b.failedStep;
    result.buildLogTail = tail(b.log);
    const retried = (v) => (result.retried ? { ...v, reason: oneLine(`${v.reason ? `${v.reason} ` : ""}(retried on ${result.retried})`, REASON_MAX + 20) } : v);
    if (b.class !== "pass") return finish(retried(b));
    log(`  ${c.name}: built in ${result.buildSeconds} s; ${c.path ? `GET ${c.path}` : "running it"}…`);
    if (live.aborted) return finish({ class: "error", reason: "interrupted" });
    const checked = await checkImage(c, image, tag, opts, result);
    // Ctrl-C kills the docker commands the check was waiting on: what they left says nothing about the app.
    return finish(live.aborted ? { class: "error", reason: "interrupted" } : retried(checked));
  } catch (e) {
    return finish({ class: "error", reason: oneLine(e?.stack?.split("\n")[0] ?? String(e)) });
  } finally {
    if (!opts.keep) {
      await removeContainers([...live.containers].filter((n) => n === tag || n.startsWith(`${tag}-`)));
      await removeImage(image);
      await removeTmp(dir);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report

const escapeCell = (s) => String(s).replace(/\|/g, "\\|");

export function sortResults(results) {
  return [...results].sort((a, b) => a.set.localeCompare(b.set) || a.name.localeCompare(b.name));
}

export function markdownTable(results) {
  const rows = sortResults(results).map((r) => `| ${escapeCell(r.name)} | ${escapeCell(r.set)} | ${r.class} | ${escapeCell(r.reason ?? "")} |`);
  const counts = new Map();
  for (const r of results) counts.set(r.class, (counts.get(r.class) ?? 0) + 1);
  const order = [...CLASSES, ...[...counts.keys()].filter((k) => !CLASSES.includes(k))];
  const totals = order.filter((k) => counts.has(k)).map((k) => `| ${k} | ${counts.get(k)} |`);
  return ["| case | set | class | reason |", "| --- | --- | --- | --- |", ...rows, "", "| class | cases |", "| --- | --- |", ...totals, `| total | ${results.length} |`].join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// Command line

const HELP = fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\nimport ")[0].replace(/^#!.*\n/, "").replace(/^\/\/ ?/gm, "");

function usage(message) {
  if (message) log(`real-world: ${message}`);
  log("usage: node scripts/real-world.mjs --apps DIR [--apps DIR2] [--cases FILE] [--only a,b] [--set S] [--builder B] [--jobs 1|2] [--frontend REF] [--json FILE] [--logs DIR] [--keep] [--with-services] [--python-fallback] [--dry-run]   (--help for more)");
  process.exit(2);
}

function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        apps: { type: "string", multiple: true },
        cases: { type: "string" },
        only: { type: "string", multiple: true },
        set: { type: "string" },
        builder: { type: "string", default: "default" },
        jobs: { type: "string", default: "1" },
        frontend: { type: "string", default: "pydock/pydock:0.1" },
        json: { type: "string" },
        logs: { type: "string" },
        keep: { type: "boolean", default: false },
        "with-services": { type: "boolean", default: false },
        "python-fallback": { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        "build-timeout": { type: "string", default: "900" },
        "http-timeout": { type: "string", default: "90" },
        "run-timeout": { type: "string", default: "60" },
        "import-manifest": { type: "string" },
        "pydock-cli": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    usage(e.message);
  }
  const seconds = (k) => {
    const n = Number(parsed[k]);
    if (!Number.isFinite(n) || n <= 0) usage(`--${k} must be a positive number of seconds`);
    return n;
  };
  const list = (xs) => (xs ?? []).flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean);
  let jobs = Number(parsed.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) usage("--jobs must be 1 or 2");
  if (jobs > 2) {
    log("real-world: --jobs is at most 2 (builds share one daemon); using 2");
    jobs = 2;
  }
  return {
    help: parsed.help,
    importManifest: parsed["import-manifest"],
    apps: list(parsed.apps).map((d) => path.resolve(d)),
    cases: parsed.cases ?? fileURLToPath(new URL("./real-world.json", import.meta.url)),
    only: list(parsed.only),
    set: parsed.set,
    builder: parsed.builder,
    jobs,
    frontend: parsed.frontend,
    json: parsed.json,
    logs: parsed.logs ? path.resolve(parsed.logs) : undefined,
    keep: parsed.keep,
    withServices: parsed["with-services"],
    pythonFallback: parsed["python-fallback"],
    dryRun: parsed["dry-run"],
    buildTimeout: seconds("build-timeout"),
    httpTimeout: seconds("http-timeout"),
    runTimeout: seconds("run-timeout"),
    pydockCli: parsed["pydock-cli"] ? path.resolve(parsed["pydock-cli"]) : fileURLToPath(new URL("../dist/cli.cjs", import.meta.url)),
  };
}

function selectCases(all, opts) {
  const names = new Set(all.map((c) => c.name));
  const unknown = opts.only.filter((n) => !names.has(n));
  if (unknown.length) usage(`--only names no case: ${unknown.join(", ")}`);
  return all.filter((c) => (opts.only.length === 0 || opts.only.includes(c.name)) && (!opts.set || c.set === opts.set));
}

const shellQuote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * What pydock would decide for a checkout, without a daemon: `pydock check --format json` (the repository's
 * CLI, dist/cli.cjs) on a copy with the zero-config pydock.toml. { class: "would-build" | "would-refuse", reason }.
 */
async function predict(src, opts) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "pydock-rw-plan-"));
  live.tmpdirs.add(dir);
  try {
    await copyCheckout(src, dir);
    await fsp.rm(path.join(dir, "pydock.toml"), { force: true });
    await fsp.writeFile(path.join(dir, "pydock.toml"), pydockToml(opts.frontend));
    const r = await run(process.execPath, [opts.pydockCli, "check", "--format", "json"], { cwd: dir, timeoutMs: 60_000 });
    let diags;
    try {
      diags = JSON.parse(r.stdout);
    } catch {
      return { class: "error", reason: oneLine(`pydock check: ${tellingLine(r.stderr || r.stdout) ?? `exit ${r.code}`}`) };
    }
    const errors = diags.filter((d) => d.severity === "error");
    if (errors.length > 0) {
      const e = errors[0];
      return { class: "would-refuse", reason: oneLine(stripPydockToml(`${e.file}:${e.line}:${e.column}: ${e.message}`)) };
    }
    const chosen = diags.map((d) => /^pydock chose `([^`]*)`/.exec(d.message)?.[1]).filter(Boolean);
    return { class: "would-build", reason: oneLine(chosen.join(" · ")) };
  } finally {
    await removeTmp(dir);
  }
}

async function dryRun(cases, opts) {
  const canPredict = fs.existsSync(opts.pydockCli);
  if (!canPredict) log(`real-world: no ${opts.pydockCli} (npm run build makes it): the dry run does not say what pydock would decide`);
  const out = [];
  const results = [];
  for (const c of cases) {
    if (live.aborted) break;
    const image = `pydock-rw/${c.name}`;
    const tag = `pydock-rw-${c.name}-PID`;
    out.push(`## ${c.name} (${c.set}) — ${c.repo}@${c.commit?.slice(0, 12)}${c.subdir ? ` ${c.subdir}` : ""}`);
    if (c.services.length > 0 && !opts.withServices) {
      out.push(`  skip      needs ${c.services.join(", ")} → class needs-service`);
      results.push({ name: c.name, set: c.set, class: "needs-service", reason: `needs ${c.services.join(" and ")} (--with-services)` });
      continue;
    }
    const src = findCheckout(c, opts.apps);
    if (!src) {
      out.push(`  missing   no folder ${c.name} in ${opts.apps.join(", ") || "(no --apps)"} → class missing`);
      results.push({ name: c.name, set: c.set, class: "missing", reason: `no folder ${c.name} in --apps` });
      continue;
    }
    out.push(`  copy      ${src} → $TMP/pydock-rw-${c.name}-XXXXXX (without .git, .pinned-commit)`);
    out.push(`  write     pydock.toml = ${JSON.stringify(pydockToml(opts.frontend))}${fs.existsSync(path.join(src, "pydock.toml")) ? " (replaces the project's)" : ""}`);
    out.push(`  build     docker buildx build --builder ${opts.builder} --progress=plain -f pydock.toml --load -t ${image} .   (timeout ${opts.buildTimeout} s)`);
    if (opts.pythonFallback) {
      const v = fallbackPython(src);
      const cons = pythonConstraints(src);
      out.push(`  fallback  on a missing base image: rebuild with ${JSON.stringify(pydockToml(opts.frontend, v))}${cons.length ? ` (constraints: ${cons.join(" ; ")})` : ""}`);
    }
    for (const cmd of runCommands(c, image, tag, opts.withServices).cmds) out.push(`  run       docker ${cmd.args.map(shellQuote).join(" ")}`);
    if (c.path) {
      out.push(`  check     GET http://127.0.0.1:<published ${c.port}>${c.path} (Host: localhost) within ${opts.httpTimeout} s: status < 500${c.expect.length ? `, body contains ${c.expect.map((s) => JSON.stringify(s)).join(" and ")}` : ""}`);
    } else {
      out.push(`  check     output within ${opts.runTimeout} s contains ${c.expect.length ? c.expect.map((s) => JSON.stringify(s)).join(" and ") : "nothing in particular (exit 0)"}`);
    }
    out.push(`  cleanup   ${opts.keep ? "keep everything (--keep)" : `docker rm -f ${tag}${opts.withServices && c.services.length ? "-*" : ""}; docker image rm -f ${image}; rm -rf $TMP/…`}`);
    const guess = canPredict ? await predict(src, opts) : { class: "would-build", reason: src };
    if (canPredict) out.push(`  pydock    ${guess.class}: ${guess.reason}`);
    results.push({ name: c.name, set: c.set, ...guess });
  }
  return { text: out.join("\n"), results };
}

async function preflight(opts) {
  const v = await docker(["version", "--format", "{{.Server.Version}}"], { timeoutMs: 30_000 });
  if (v.code !== 0) return `docker is not usable: ${oneLine(v.stderr || v.stdout)}`;
  const b = await docker(["buildx", "inspect", opts.builder], { timeoutMs: 60_000 });
  if (b.code !== 0) return `buildx builder ${opts.builder}: ${oneLine(b.stderr || b.stdout)}`;
  return undefined;
}

export async function main(argv = process.argv.slice(2)) {
  const opts = parseOptions(argv);
  if (opts.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts.importManifest) {
    const manifest = JSON.parse(await fsp.readFile(opts.importManifest, "utf8"));
    const cases = casesFromManifest(manifest);
    const { problems } = validateCases(cases);
    if (problems.length) usage(`the manifest gives invalid cases:\n  ${problems.join("\n  ")}`);
    process.stdout.write(`${JSON.stringify(cases, null, 2)}\n`);
    return 0;
  }
  let raw;
  try {
    raw = JSON.parse(await fsp.readFile(opts.cases, "utf8"));
  } catch (e) {
    usage(`cannot read the cases file ${opts.cases}: ${e.message}`);
  }
  const { problems, cases: all } = validateCases(raw);
  if (problems.length) usage(`${opts.cases}:\n  ${problems.join("\n  ")}`);
  const cases = selectCases(all, opts);
  if (cases.length === 0) usage("no case selected");
  if (opts.apps.length === 0) usage("--apps DIR is required");
  for (const d of opts.apps) if (!isDir(d)) usage(`--apps ${d}: not a folder`);

  // Ctrl-C: stop the children, remove what was made, leave. A second Ctrl-C leaves at once.
  let interrupts = 0;
  const onSignal = (sig) => {
    interrupts++;
    if (interrupts > 1) {
      const left = [...live.containers, ...live.images, ...live.tmpdirs];
      log(`real-world: leaving now${left.length ? `; left behind: ${left.join(" ")}` : ""}`);
      process.exit(130);
    }
    log(`real-world: ${sig}: stopping and cleaning up (again to leave at once)`);
    live.aborted = true;
    for (const p of live.procs) killGroup(p, "SIGTERM");
    setTimeout(() => onSignal(sig), 120_000).unref(); // cleanup itself must not hang
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);

  if (opts.dryRun) {
    let dry;
    try {
      dry = await dryRun(cases, opts);
    } finally {
      await cleanupAll(false);
    }
    if (live.aborted) return 130;
    const { text, results } = dry;
    process.stdout.write(`${text}\n\n${markdownTable(results)}\n`);
    if (opts.json) await fsp.writeFile(opts.json, `${JSON.stringify(sortResults(results), null, 2)}\n`);
    return 0;
  }

  const fail = await preflight(opts);
  if (fail) {
    log(`real-world: ${fail}`);
    return 2;
  }
  if (opts.logs) await fsp.mkdir(opts.logs, { recursive: true });

  const results = [];
  const queue = [...cases];
  let begun = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (queue.length > 0 && !live.aborted) {
      const c = queue.shift();
      const started = Date.now();
      log(`[${++begun}/${cases.length}] ${c.name} (${c.set})…`);
      const r = await runCase(c, opts);
      r.seconds = Math.round((Date.now() - started) / 1000);
      results.push(r);
      log(`  ${c.name}: ${r.class}${r.reason ? ` — ${r.reason}` : ""} (${r.seconds} s)`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, cases.length) }, worker));
  } finally {
    await cleanupAll(opts.keep);
  }
  if (live.aborted) {
    for (const c of queue) results.push({ name: c.name, set: c.set, class: "error", reason: "not run (interrupted)" });
  }
  log(`real-world: ${results.length} case(s) in ${Math.round((Date.now() - t0) / 1000)} s`);
  process.stdout.write(`${markdownTable(results)}\n`);
  if (opts.json) await fsp.writeFile(opts.json, `${JSON.stringify(sortResults(results), null, 2)}\n`);
  if (live.aborted) return 130;
  return results.some((r) => FAILED.has(r.class)) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      log(`real-world: ${e?.stack ?? e}`);
      cleanupAll(false).finally(() => process.exit(1));
    },
  );
}
