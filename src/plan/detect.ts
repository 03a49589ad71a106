/**
 * Detection (spec: "Detection"): what pydock infers from the project when pydock.toml leaves a key out.
 * Every function is pure and total, and returns either a value with the reason it was chosen (and the file
 * that decided) or a message for the user. The rules live in ./detect/: python-version.ts (with
 * python-version-files.ts and python-specifier.ts), manager.ts, command.ts (with django.ts, apps.ts,
 * servers.ts), dependencies.ts (with lockfile-names.ts and requirement-files.ts); this module is their
 * entry point.
 */
export { explainDetection, type Detected, type DetectedSource } from "./detect/result.js";
export { DEFAULT_PYTHON, NEWEST_PYTHON, SUPPORTED_PYTHONS, parsePythonSpecifier, resolvePythonSpecifier } from "./detect/python-specifier.js";
export { PYTHON_SOURCES, detectPythonVersion } from "./detect/python-version.js";
export { containerHints, procfileWeb, type ContainerHints, type Hint } from "./detect/container-files.js";
export { detectManager, requirementFiles } from "./detect/manager.js";
export { ENTRY_FILES, NO_COMMAND_MESSAGE, detectCommand, detectStart, showCommand, type StartCommand } from "./detect/command.js";
export { dependencyNames, type DependencyNames, type DependencyOptions } from "./detect/dependencies.js";

/** Debian release of the official images for a Python version: trixie from 3.13 on, bookworm before. */
export function defaultDistro(version: string): string {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 3) > 3 || (minor ?? 0) >= 13 ? "trixie" : "bookworm";
}
