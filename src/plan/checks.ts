/**
 * Checks on the project before planning: pyproject.toml parses and the selected dependency groups exist.
 * (Each manager checks its own manifests: managers/*.ts.) Each failure is added to Problems, not thrown.
 */
import type { TargetConfig } from "../config/model.js";
import { parsePyproject, type ProjectFiles, type Pyproject } from "./project.js";
import type { Problems } from "./problems.js";

/** pyproject.toml parsed, or undefined when absent or (with a problem added) not valid TOML. */
export function readPyproject(files: ProjectFiles, problems: Problems): Pyproject | undefined {
  const text = files.read("pyproject.toml");
  if (text === undefined) return undefined;
  try {
    return parsePyproject(text);
  } catch (e) {
    // At the line the parser stopped at (smol-toml's TomlError has it).
    const line = (e as { line?: unknown }).line;
    const at = typeof line === "number" && Number.isSafeInteger(line) && line >= 1 ? { file: "pyproject.toml", line } : { file: "pyproject.toml" };
    problems.addIn(`pyproject.toml is not valid TOML: ${(e as Error).message.split("\n")[0]}`, at, ["dependencies"]);
    return undefined;
  }
}

/**
 * Groups must exist in pyproject.toml (Poetry groups or PEP 735 dependency-groups; for pip, PEP 735 only).
 * "main" always exists: the project's own dependencies.
 */
export function checkGroups(target: TargetConfig, pyproject: Pyproject | undefined, manager: string, problems: Problems): void {
  const groups = target.dependencies.groups;
  // Pipenv's groups are Pipfile categories: managers/pipenv.ts checks them against the Pipfile.
  if (!groups || manager === "pipenv") return;
  if (!pyproject) {
    // Without pyproject.toml only pip can get here with groups: nothing declares them.
    if (manager !== "pip") return;
    groups.forEach((g, i) => {
      if (g !== "main") problems.add(`dependency group "${g}" needs a [dependency-groups] table in pyproject.toml, and there is no pyproject.toml in the build context`, ["dependencies", "groups", i], target);
    });
    return;
  }
  const declared = manager === "pip" ? pyproject.dependencyGroups : pyproject.groups;
  groups.forEach((g, i) => {
    if (g === "main" || (manager === "pdm" && g === "default") || declared.has(g)) return;
    const known = [...declared].join(", ") || "none";
    problems.add(`unknown dependency group "${g}" (pyproject.toml declares: ${known})`, ["dependencies", "groups", i], target);
  });
}
