/**
 * Where a project says which Python it wants, read in the order that decides (the first file present
 * wins): the pins .python-version, .tool-versions (`python 3.11.9`), mise.toml / .mise.toml
 * (`[tools] python`), runtime.txt (`python-3.11.9`) and Pipfile (`[requires] python_full_version`, then
 * `python_version`); then the specifiers pyproject `requires-python`, Poetry's `python` dependency,
 * setup.py `python_requires=` and setup.cfg `[options] python_requires`. This module finds the text and
 * where it stands; python-version.ts turns it into a version or a message.
 */
import { isTable } from "../../core/text.js";
import type { ProjectFiles, Pyproject } from "../project.js";
import { parsePyproject } from "../project.js";
import type { DetectedSource } from "./result.js";
import { lines } from "./text.js";
import { own, ownTable, parseTomlTable, tomlKeyLine } from "./toml-lookup.js";

/**
 * A pinned version as pyenv, uv, asdf, mise and Heroku write it: "3.12", "3.12.1", "cpython-3.12.1",
 * "cpython@3.12", "python-3.11.9", "3.13t". Undefined when it is not a CPython release with a minor.
 */
export function parsePin(raw: string): { readonly minor: string; readonly version: string } | undefined {
  let s = raw.trim();
  for (const prefix of ["cpython-", "cpython@", "cpython", "python-", "python@", "python"]) {
    if (s.toLowerCase().startsWith(prefix)) {
      s = s.slice(prefix.length);
      break;
    }
  }
  const m = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?=$|[a-z+-])/.exec(s);
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return { minor, version: m[3] !== undefined ? `${minor}.${Number(m[3])}` : minor };
}

/** What a file asks for: a pin (a version) or a specifier, as written, and where. */
export interface PythonRequest {
  readonly kind: "pin" | "spec";
  readonly raw: string;
  /** How messages name it: ".python-version", "python in .tool-versions", "requires-python" (+ the file). */
  readonly label: string;
  readonly source: DetectedSource;
}
/** A request, a file that cannot be read for one (invalid TOML), or nothing. */
export type PythonLookup = PythonRequest | { readonly kind: "error"; readonly message: string; readonly source: DetectedSource } | undefined;

/** The first file, in the order of the module comment, that asks for a Python. */
export function findPythonRequest(files: ProjectFiles, pyproject: Pyproject | undefined): PythonLookup {
  const lookups: (() => PythonLookup)[] = [
    () => pythonVersionFile(files),
    () => toolVersions(files),
    () => mise(files, "mise.toml"),
    () => mise(files, ".mise.toml"),
    () => runtimeTxt(files),
    () => pipfile(files),
    () => pyprojectSpec(files, pyproject),
    () => setupPy(files),
    () => setupCfg(files),
  ];
  for (const lookup of lookups) {
    const found = lookup();
    if (found) return found;
  }
  return undefined;
}

const firstLine = (text: string): { text: string; line: number } | undefined => {
  const ls = lines(text.slice(0, 64 * 1024));
  for (let i = 0; i < ls.length; i++) {
    const t = (ls[i] ?? "").replace(/#.*/, "").trim();
    if (t !== "") return { text: t, line: i + 1 };
  }
  return undefined;
};

/**
 * A pin file's content: a version, or a request uv and mise also accept — a specifier (">=3.12") or a
 * bare major ("3", any 3.x).
 */
const pinOrSpec = (raw: string): { kind: "pin" | "spec"; raw: string } =>
  /^[<>=!~^]/.test(raw) ? { kind: "spec", raw } : /^\d+$/.test(raw) ? { kind: "spec", raw: `${raw}.*` } : { kind: "pin", raw };

function pythonVersionFile(files: ProjectFiles): PythonLookup {
  const text = files.read(".python-version");
  if (text === undefined) return undefined;
  const l = firstLine(text);
  if (!l) return undefined;
  return { ...pinOrSpec(l.text), label: ".python-version", source: { file: ".python-version", line: l.line } };
}

function toolVersions(files: ProjectFiles): PythonLookup {
  const text = files.read(".tool-versions");
  if (text === undefined) return undefined;
  const ls = lines(text.slice(0, 1024 * 1024));
  for (let i = 0; i < ls.length; i++) {
    const words = (ls[i] ?? "").replace(/#.*/, "").trim().split(/[ \t]+/);
    if (words[0] !== "python") continue;
    const raw = words[1] ?? "";
    return { ...pinOrSpec(raw), label: "python in .tool-versions", source: { file: ".tool-versions", line: i + 1 } };
  }
  return undefined;
}

const invalidToml = (file: string, error: string): PythonLookup => ({
  kind: "error",
  message: `${file} is not valid TOML (${error}): set [python] version`,
  source: { file },
});

function mise(files: ProjectFiles, file: string): PythonLookup {
  const text = files.read(file);
  if (text === undefined) return undefined;
  const doc = parseTomlTable(text);
  if (!doc.ok) return invalidToml(file, doc.error);
  let py = own(ownTable(doc.table, "tools"), "python");
  if (Array.isArray(py)) py = py[0];
  if (isTable(py)) py = own(py, "version");
  if (typeof py !== "string") return undefined;
  const line = tomlKeyLine(text, "python", "tools");
  return { ...pinOrSpec(py), label: `[tools] python in ${file}`, source: line ? { file, line } : { file } };
}

function runtimeTxt(files: ProjectFiles): PythonLookup {
  const text = files.read("runtime.txt");
  if (text === undefined) return undefined;
  const l = firstLine(text);
  if (!l) return undefined;
  return { kind: "pin", raw: l.text, label: "runtime.txt", source: { file: "runtime.txt", line: l.line } };
}

function pipfile(files: ProjectFiles): PythonLookup {
  const text = files.read("Pipfile");
  if (text === undefined) return undefined;
  const doc = parseTomlTable(text);
  if (!doc.ok) return invalidToml("Pipfile", doc.error);
  const requires = ownTable(doc.table, "requires");
  for (const key of ["python_full_version", "python_version"]) {
    const v = own(requires, key);
    if (typeof v !== "string") continue;
    const line = tomlKeyLine(text, key, "requires");
    return { kind: "pin", raw: v, label: `[requires] ${key} in Pipfile`, source: line ? { file: "Pipfile", line } : { file: "Pipfile" } };
  }
  return undefined;
}

function pyprojectSpec(files: ProjectFiles, pyproject: Pyproject | undefined): PythonLookup {
  const text = files.read("pyproject.toml");
  let p = pyproject;
  if (!p && text !== undefined) {
    try {
      p = parsePyproject(text);
    } catch {
      return undefined; // reported by the planner as invalid TOML
    }
  }
  if (!p?.requiresPython) return undefined;
  const poetry = p.requiresPythonFrom === "tool.poetry.dependencies.python";
  const line = text !== undefined ? (poetry ? tomlKeyLine(text, "python", "tool.poetry.dependencies") : tomlKeyLine(text, "requires-python", "project")) : undefined;
  const label = poetry ? "Poetry's python dependency" : "requires-python";
  return { kind: "spec", raw: p.requiresPython, label, source: line ? { file: "pyproject.toml", line } : { file: "pyproject.toml" } };
}

/** `python_requires=">=3.9"` in setup.py, found by text (setup.py is not run). */
function setupPy(files: ProjectFiles): PythonLookup {
  const text = files.read("setup.py");
  if (text === undefined) return undefined;
  const key = "python_requires";
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at < 0) return undefined;
    from = at + key.length;
    let i = from;
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] !== "=" || text[i + 1] === "=") continue;
    i++;
    while (text[i] === " " || text[i] === "\t") i++;
    const q = text[i];
    if (q !== '"' && q !== "'") continue;
    const end = text.indexOf(q, i + 1);
    const nl = text.indexOf("\n", i + 1);
    if (end < 0 || (nl >= 0 && nl < end)) continue;
    const line = countLines(text, at);
    return { kind: "spec", raw: text.slice(i + 1, end), label: "python_requires", source: { file: "setup.py", line } };
  }
}

function countLines(text: string, upTo: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < upTo; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function setupCfg(files: ProjectFiles): PythonLookup {
  const text = files.read("setup.cfg");
  if (text === undefined) return undefined;
  const ls = lines(text);
  let section = "";
  for (let i = 0; i < ls.length; i++) {
    const l = (ls[i] ?? "").trim();
    if (l.startsWith("[")) {
      section = l.slice(1, l.indexOf("]") > 0 ? l.indexOf("]") : undefined).trim();
      continue;
    }
    if (section !== "options") continue;
    const eq = l.search(/[=:]/);
    if (eq < 0) continue;
    const k = l.slice(0, eq).trim();
    if (k !== "python_requires" && k !== "python-requires") continue;
    return { kind: "spec", raw: l.slice(eq + 1).trim(), label: "[options] python_requires", source: { file: "setup.cfg", line: i + 1 } };
  }
  return undefined;
}
