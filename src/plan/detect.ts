/**
 * Detection (spec: "Detection"): what pydock infers from the project when pydock.toml leaves a key out.
 * Every function is pure and total, and returns either a value with the reason it was chosen (and the file
 * that decided) or a message for the user. The rules live in ./detect/: python-version.ts (with
 * python-version-files.ts and python-specifier.ts), manager.ts, command.ts (with django.ts, apps.ts,
 * servers.ts), dependencies.ts (with lockfile-names.ts and requirement-files.ts); this module is their
 * entry point.
 */
export { explainDetection, type Detected, type DetectedSource } from "./detect/result.js";
export {
  CONTRACT_PYTHON_POLICY,
  DEFAULT_PYTHON,
  SUPPORTED_PYTHONS,
  ZERO_CONFIG_PYTHON_POLICY,
  parsePythonSpecifier,
  resolvePythonSpecifier,
  type PythonPolicy,
} from "./detect/python-specifier.js";
export { UNPINNED_MESSAGE, detectPythonVersion } from "./detect/python-version.js";
export { detectManager, requirementFiles } from "./detect/manager.js";
export { ENTRY_FILES, NO_COMMAND_MESSAGE, detectCommand, detectStart, showCommand, type StartCommand } from "./detect/command.js";
export { dependencyNames, type DependencyNames, type DependencyOptions } from "./detect/dependencies.js";

/**
 * The lowest Python version a `requires-python` (PEP 440) or Poetry (`^3.11`, `~3.11`) specifier allows,
 * as "MAJOR.MINOR". Undefined when the specifier sets no lower bound. (Kept for callers; detection resolves
 * specifiers against SUPPORTED_PYTHONS with resolvePythonSpecifier.)
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

/** Debian release of the official images for a Python version: trixie from 3.13 on, bookworm before. */
export function defaultDistro(version: string): string {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 3) > 3 || (minor ?? 0) >= 13 ? "trixie" : "bookworm";
}
