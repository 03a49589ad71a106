/**
 * Checks on the project before planning: pyproject.toml parses, the chosen manager's manifests are in the
 * build context (and uv.lock is current), and the selected dependency groups exist. Each failure is added
 * to Problems rather than thrown.
 */
import type { TargetConfig } from "../config/model.js";
import type { InstallInput } from "./managers.js";
import { parsePyproject, type ProjectFiles, type Pyproject } from "./project.js";
import { uvLockDrift } from "./lockcheck.js";
import type { Problems } from "./problems.js";

/** pyproject.toml parsed, or undefined when absent or (with a problem added) not valid TOML. */
export function readPyproject(files: ProjectFiles, problems: Problems): Pyproject | undefined {
  const text = files.read("pyproject.toml");
  if (text === undefined) return undefined;
  try {
    return parsePyproject(text);
  } catch (e) {
    problems.add(`pyproject.toml is not valid TOML: ${(e as Error).message.split("\n")[0]}`, ["dependencies"]);
    return undefined;
  }
}

/** The files the chosen manager needs must be in the context. */
export function checkManifests(install: InstallInput, files: ProjectFiles, problems: Problems, target: TargetConfig): void {
  const has = (p: string) => files.read(p) !== undefined;
  switch (install.manager) {
    case "poetry":
      if (!has("pyproject.toml")) problems.add("manager is poetry but pyproject.toml is not in the build context", ["dependencies", "manager"], target);
      if (!has("poetry.lock")) problems.add("manager is poetry but poetry.lock is not in the build context (run `poetry lock`)", ["dependencies", "manager"], target);
      break;
    case "uv": {
      const pyproject = files.read("pyproject.toml");
      const lock = files.read("uv.lock");
      if (pyproject === undefined) problems.add("manager is uv but pyproject.toml is not in the build context", ["dependencies", "manager"], target);
      if (lock === undefined) problems.add("manager is uv but uv.lock is not in the build context (run `uv lock`)", ["dependencies", "manager"], target);
      if (pyproject !== undefined && lock !== undefined) {
        try {
          for (const drift of uvLockDrift(pyproject, lock)) problems.add(`uv.lock is out of date: ${drift} (run \`uv lock\`)`, ["dependencies", "manager"], target);
        } catch (e) {
          problems.add(`uv.lock is not valid TOML: ${(e as Error).message.split("\n")[0]}`, ["dependencies", "manager"], target);
        }
      }
      break;
    }
    case "pip":
      install.requirements.forEach((r, i) => {
        if (!has(r)) {
          const path = target.dependencies.requirements ? ["dependencies", "requirements", i] : ["dependencies", "manager"];
          problems.add(`requirements file "${r}" is not in the build context`, path, target);
        }
      });
      if (install.requirements.length === 0 && !has("pyproject.toml")) {
        problems.add("manager is pip but there is no requirements.txt or pyproject.toml in the build context", ["dependencies", "manager"], target);
      }
      break;
  }
}

/** Groups must exist in pyproject.toml (Poetry groups or PEP 735 dependency-groups). */
export function checkGroups(target: TargetConfig, pyproject: Pyproject | undefined, manager: string, problems: Problems): void {
  const groups = target.dependencies.groups;
  if (!groups || manager === "pip" || !pyproject) return;
  groups.forEach((g, i) => {
    if (g === "main" || pyproject.groups.has(g)) return;
    const known = [...pyproject.groups].join(", ") || "none";
    problems.add(`unknown dependency group "${g}" (pyproject.toml declares: ${known})`, ["dependencies", "groups", i], target);
  });
}
