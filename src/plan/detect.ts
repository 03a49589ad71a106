/**
 * Detection (spec: "Detection"): what pydock infers from the project when pydock.toml leaves a key out.
 * Every function is pure and returns either a value or a message for the user.
 */
import type { Command, ManagerName } from "../config/model.js";
import type { ProjectFiles, Pyproject } from "./project.js";

export type Detected<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Detected<T> => ({ ok: true, value });
const fail = <T>(message: string): Detected<T> => ({ ok: false, message });

/**
 * The lowest Python version a `requires-python` (PEP 440) or Poetry (`^3.11`, `~3.11`) specifier allows,
 * as "MAJOR.MINOR". Undefined when the specifier sets no lower bound.
 */
export function lowestPython(spec: string): string | undefined {
  let best: [number, number] | undefined;
  for (const clause of spec.split(/[,|]/)) {
    const m = /^\s*(>=|==|~=|\^|~|>)?\s*(\d+)(?:\.(\d+))?/.exec(clause);
    if (!m) continue;
    const op = m[1] ?? "==";
    let major = Number(m[2]);
    let minor = Number(m[3] ?? 0);
    if (op === ">") minor += 1; // ">3.10" allows 3.10.1, but images are per minor: take the next one
    if (op === ">" && m[3] === undefined) [major, minor] = [major + 1, 0];
    if (!best || major < best[0] || (major === best[0] && minor < best[1])) best = [major, minor];
  }
  return best ? `${best[0]}.${best[1]}` : undefined;
}

/** `.python-version`, then the lowest version `requires-python` allows. */
export function detectPythonVersion(files: ProjectFiles, pyproject: Pyproject | undefined): Detected<string> {
  const pinned = files.read(".python-version")?.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith("#"));
  if (pinned) {
    const m = /^(?:cpython-|python)?(\d+\.\d+(?:\.\d+)?)/.exec(pinned);
    if (m?.[1]) return ok(m[1]);
  }
  const spec = pyproject?.requiresPython;
  const lowest = spec ? lowestPython(spec) : undefined;
  if (lowest) return ok(lowest);
  return fail(
    "cannot tell which Python to use: set [python] version, or add a .python-version file or requires-python to pyproject.toml",
  );
}

/** Debian release of the official images for a Python version: trixie from 3.13 on, bookworm before. */
export function defaultDistro(version: string): string {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 3) > 3 || (minor ?? 0) >= 13 ? "trixie" : "bookworm";
}

/** Requirement files at the top of the context (requirements.txt first). */
export function requirementFiles(files: ProjectFiles): string[] {
  const found = files.paths.filter((p) => /^requirements[^/]*\.txt$/.test(p));
  return found.sort((a, b) => (a === "requirements.txt" ? -1 : b === "requirements.txt" ? 1 : a.localeCompare(b)));
}

/** The package manager from the lockfiles: uv.lock → uv, poetry.lock → poetry, requirements / PEP 621 → pip. */
export function detectManager(files: ProjectFiles, pyproject: Pyproject | undefined): Detected<ManagerName> {
  const candidates: [ManagerName, string][] = [];
  if (files.read("uv.lock") !== undefined) candidates.push(["uv", "uv.lock"]);
  if (files.read("poetry.lock") !== undefined) candidates.push(["poetry", "poetry.lock"]);
  const reqs = requirementFiles(files);
  if (reqs.length > 0) candidates.push(["pip", reqs.join(", ")]);
  else if (candidates.length === 0 && pyproject && (pyproject.dependencies.length > 0 || pyproject.hasBuildSystem)) {
    candidates.push(["pip", "pyproject.toml without a lockfile"]);
  }
  const [first, ...rest] = candidates;
  if (first && rest.length === 0) return ok(first[0]);
  if (!first) {
    return fail(
      "cannot tell how to install the dependencies: no uv.lock, poetry.lock, requirements.txt or pyproject.toml in the build context; set [dependencies] manager",
    );
  }
  const names = candidates.map(([m, why]) => `${m} (${why})`).join(", ");
  return fail(`several package managers fit this project: ${names}; choose one with [dependencies] manager`);
}

/** Pythonic module path of a file, e.g. "src/shop/main.py" → "shop.main". */
function moduleOf(path: string): string {
  return path.replace(/^src\//, "").replace(/\.py$/, "").replace(/\//g, ".");
}

const PORT = "${PORT:-8000}";

/**
 * The start command: a single [project.scripts] entry, then Django, FastAPI, Flask. Commands that need the
 * PORT fallback run through `sh -c "exec ..."` so the server, not the shell, is PID 1.
 */
export function detectCommand(files: ProjectFiles, pyproject: Pyproject | undefined): Detected<Command> {
  const scripts = pyproject ? [...pyproject.scripts.keys()] : [];
  if (scripts.length === 1 && scripts[0]) return ok({ kind: "exec", args: [scripts[0]] });

  const withPort = (cmd: string): Command => ({ kind: "exec", args: ["/bin/sh", "-c", `exec ${cmd}`] });
  if (files.read("manage.py") !== undefined) {
    // Django: the WSGI_APPLICATION its settings name ("blog.wsgi.application" → gunicorn blog.wsgi).
    for (const settings of files.paths.filter((p) => /^[^/]+\/settings\.py$/.test(p))) {
      const m = /^\s*WSGI_APPLICATION\s*=\s*["']([\w.]+)\.application["']/m.exec(files.read(settings) ?? "");
      if (m?.[1]) return ok(withPort(`gunicorn ${m[1]} --bind 0.0.0.0:${PORT}`));
    }
  }
  const pyFiles = files.paths.filter((p) => p.endsWith(".py"));
  for (const [framework, pattern, server] of [
    ["fastapi", /^\s*(\w+)\s*=\s*FastAPI\(/m, (m: string, v: string) => `uvicorn ${m}:${v} --host 0.0.0.0 --port ${PORT}`],
    ["flask", /^\s*(\w+)\s*=\s*Flask\(/m, (m: string, v: string) => `gunicorn ${m}:${v} --bind 0.0.0.0:${PORT}`],
  ] as const) {
    for (const path of pyFiles) {
      const text = files.read(path) ?? "";
      if (!text.includes(framework)) continue;
      const m = pattern.exec(text);
      if (m?.[1]) return ok(withPort(server(moduleOf(path), m[1])));
    }
  }
  if (scripts.length > 1) {
    return fail(`several [project.scripts] entries (${scripts.join(", ")}): choose the start command with [runtime] command`);
  }
  return fail("cannot tell how to start the application: set [runtime] command");
}
