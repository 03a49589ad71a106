/**
 * Which CPython the images use, when [python] version is absent: the first file that asks for one
 * (python-version-files.ts) decides, and a version pydock cannot build is an error naming that file, never
 * a silent fallback to the next. A pin keeps its patch release ("3.11.11" stays "3.11.11"); a specifier
 * resolves to one of SUPPORTED_PYTHONS by a policy (python-specifier.ts); with nothing pinned, the policy
 * says whether that is an error or DEFAULT_PYTHON with a warning.
 */
import type { ProjectFiles, Pyproject } from "../project.js";
import { fail, ok, type Detected } from "./result.js";
import {
  CONTRACT_PYTHON_POLICY,
  DEFAULT_PYTHON,
  SUPPORTED_PYTHONS,
  resolvePythonSpecifier,
  type PythonPolicy,
} from "./python-specifier.js";
import { findPythonRequest, parsePin, type PythonRequest } from "./python-version-files.js";

const SUPPORTED_TEXT = SUPPORTED_PYTHONS.join(", ");
export const UNPINNED_MESSAGE =
  "cannot tell which Python to use: set [python] version, or add a .python-version file or requires-python to pyproject.toml";

/**
 * The Python version: pins, then specifiers (see python-version-files.ts). `policy` decides how a specifier
 * resolves and what happens when nothing pins one; it defaults to the contract's.
 */
export function detectPythonVersion(
  files: ProjectFiles,
  pyproject: Pyproject | undefined,
  policy: PythonPolicy = CONTRACT_PYTHON_POLICY,
): Detected<string> {
  const found = findPythonRequest(files, pyproject);
  if (found) {
    if (found.kind === "error") return fail(found.message, found.source);
    return found.kind === "pin" ? fromPin(found) : fromSpec(found, policy);
  }
  if (policy.unpinned === "default") {
    return ok(
      DEFAULT_PYTHON,
      `no version pinned; using ${DEFAULT_PYTHON} (looked for .python-version, .tool-versions, mise.toml, runtime.txt, Pipfile, requires-python, setup.py and setup.cfg)`,
      undefined,
      true,
    );
  }
  return fail(UNPINNED_MESSAGE);
}

function fromPin(found: PythonRequest): Detected<string> {
  const pin = parsePin(found.raw);
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

function fromSpec(found: PythonRequest, policy: PythonPolicy): Detected<string> {
  const r = resolvePythonSpecifier(found.raw, policy);
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
        : policy.prefer === "lowest"
          ? `allows ${range}; pydock takes the lowest`
          : `allows ${range}; pydock takes the newest up to ${DEFAULT_PYTHON}`;
  return ok(r.version, `${specText(found)} ${how}`, found.source);
}

/** `requires-python ">=3.11" in pyproject.toml`, `.python-version ">=3.12"`. */
const specText = (found: PythonRequest): string =>
  `${found.label} "${clip(found.raw)}"${found.label.includes(found.source.file) ? "" : ` in ${found.source.file}`}`;

const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
