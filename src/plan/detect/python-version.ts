/**
 * Which CPython the images use, when [python] version is absent (spec: "Detection"): the first file that asks
 * for one (python-version-files.ts) decides, and a version pydock cannot build is an error naming that file,
 * never a silent fallback to the next. A pin keeps its patch release ("3.11.11" stays "3.11.11"); `latest`
 * is the newest supported version; a constraint resolves to DEFAULT_PYTHON when it allows it, else to the
 * newest supported version it allows (python-specifier.ts). Where nothing asks, a Dockerfile's
 * `FROM python:X` is the hint, and with no hint either, DEFAULT_PYTHON, with a warning.
 */
import type { ProjectFiles, Pyproject } from "../project.js";
import type { Hint } from "./container-files.js";
import { fail, ok, where, type Detected } from "./result.js";
import { DEFAULT_PYTHON, NEWEST_PYTHON, SUPPORTED_PYTHONS, resolvePythonSpecifier } from "./python-specifier.js";
import { findPythonRequest, parsePin, type PythonRequest } from "./python-version-files.js";

const SUPPORTED_TEXT = SUPPORTED_PYTHONS.join(", ");
/** What the version detection looks at, in order, for messages. */
export const PYTHON_SOURCES = ".python-version, .tool-versions, mise.toml, runtime.txt, Pipfile, requires-python, setup.py, setup.cfg and a Dockerfile's FROM python:X";

/** Aliases version managers accept for "the newest release" (mise, asdf, uv). */
const LATEST = /^(latest|newest|stable|cpython|python)$/i;

/** The Python version: pins, then constraints, then the Dockerfile's base image, then the default. */
export function detectPythonVersion(files: ProjectFiles, pyproject: Pyproject | undefined, dockerfile?: Hint<string>): Detected<string> {
  const found = findPythonRequest(files, pyproject);
  if (found) {
    if (found.kind === "error") return fail(found.message, found.source);
    return found.kind === "pin" ? fromPin(found) : fromSpec(found);
  }
  if (dockerfile) {
    const pin = parsePin(dockerfile.value);
    if (pin && SUPPORTED_PYTHONS.includes(pin.minor)) {
      return ok(pin.version, `the project's ${where(dockerfile.source)} starts from python:${dockerfile.value} (nothing else names a version)`, dockerfile.source);
    }
  }
  return ok(DEFAULT_PYTHON, `no version pinned; using pydock's default, ${DEFAULT_PYTHON} (looked for ${PYTHON_SOURCES})`, undefined, true);
}

function fromPin(found: PythonRequest): Detected<string> {
  const raw = found.raw.trim();
  // asdf's "latest:3.12" is the newest 3.12.
  const latestOf = /^latest:(\d+\.\d+)$/i.exec(raw)?.[1];
  if (LATEST.test(raw) || latestOf !== undefined) {
    const version = latestOf ?? NEWEST_PYTHON;
    if (!SUPPORTED_PYTHONS.includes(version)) return fail(`${found.label} asks for Python ${version}, which pydock does not build (supported: ${SUPPORTED_TEXT}); change it or set [python] version`, found.source);
    return ok(version, `${found.label} asks for "${clip(raw)}": the newest Python pydock builds${latestOf ? ` in ${latestOf}` : ""}, ${version}`, found.source);
  }
  const pin = parsePin(raw);
  if (!pin) {
    return fail(
      `${found.label} says "${clip(found.raw)}", which is not a CPython version pydock can build (supported: ${SUPPORTED_TEXT}); change it or set [python] version`,
      found.source,
    );
  }
  if (!SUPPORTED_PYTHONS.includes(pin.minor)) {
    return fail(
      `${found.label} asks for Python ${pin.version}, which pydock does not build (supported: ${SUPPORTED_TEXT}); change it or set [python] version`,
      found.source,
    );
  }
  return ok(pin.version, `${found.label} pins ${pin.version}`, found.source);
}

function fromSpec(found: PythonRequest): Detected<string> {
  const r = resolvePythonSpecifier(found.raw);
  if (!r.ok) {
    const why =
      r.why === "unparseable"
        ? "is not a version specifier pydock understands"
        : `allows none of the Python versions pydock builds (${SUPPORTED_TEXT})`;
    return fail(`${specText(found)} ${why}; set [python] version`, found.source);
  }
  const range = r.allowed.length === 1 ? r.allowed[0] : `${r.allowed[0]}–${r.allowed[r.allowed.length - 1]}`;
  const how =
    r.version.split(".").length === 3
      ? "pins it"
      : r.allowed.length === 1
        ? `allows only ${range} of the versions pydock builds`
        : r.version === DEFAULT_PYTHON
          ? `allows ${range}; pydock takes its default, ${DEFAULT_PYTHON}`
          : `allows ${range} but not pydock's default ${DEFAULT_PYTHON}; pydock takes the newest it allows`;
  return ok(r.version, `${specText(found)} ${how}`, found.source);
}

/** `requires-python ">=3.11" in pyproject.toml`, `.python-version ">=3.12"`. */
const specText = (found: PythonRequest): string =>
  `${found.label} "${clip(found.raw)}"${found.label.includes(found.source.file) ? "" : ` in ${found.source.file}`}`;

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
