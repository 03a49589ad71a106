/**
 * planBuild: validated config + the project's files → BuildPlan (venv, git and runtime stages, and the image
 * configuration). Pure: every input is given, nothing is read here. Problems the user can fix are thrown as
 * a UserError pointing into pydock.toml. The entry point: checks live in checks.ts, the stages in venv.ts and
 * runtime.ts, the image configuration in image.ts; the names tests and callers use are re-exported here.
 */
import type { PydockConfig } from "../config/model.js";
import { defaultDistro, detectCommand, detectManager, detectPythonVersion } from "./detect.js";
import { DEFAULT_MANAGER_VERSIONS, type InstallInput } from "./managers.js";
import type { ProjectFiles } from "./project.js";
import type { BuildPlan } from "./types.js";
import { Problems } from "./problems.js";
import { checkGroups, checkManifests, readPyproject } from "./checks.js";
import { planVenv } from "./venv.js";
import { planGit, planRuntime } from "./runtime.js";
import { runtimeImage, venvImage } from "./image.js";

export { APP_UID, BUILD_DIR } from "./constants.js";
export { DEFAULT_EXCLUDES } from "./copies.js";
export { commandArgs, joinPath } from "./runtime.js";
export { httpProbe } from "./image.js";

export interface PlanInput {
  readonly config: PydockConfig;
  /** "runtime" (default), "venv", or a [targets.NAME]. */
  readonly target: string;
  readonly files: ProjectFiles;
  /** The commit id of the build context, when known. */
  readonly revision: string | undefined;
  /** The repository URL, when known. */
  readonly sourceUrl: string | undefined;
  /** SOURCE_DATE_EPOCH in seconds, for the created label; default: the SOURCE_DATE_EPOCH argument if any. */
  readonly epoch?: number;
}

export function planBuild(input: PlanInput): BuildPlan {
  const { config, files } = input;
  const problems = new Problems(config);
  const targetName = input.target === "venv" ? "runtime" : input.target;
  const target = config.targets.get(targetName);
  if (!target) {
    const names = ["runtime", "venv", ...[...config.targets.keys()].filter((n) => n !== "runtime")];
    throw problems.fatal(`unknown target "${input.target}"; this file has: ${names.join(", ")}`, ["targets"]);
  }

  const pyproject = readPyproject(files, problems);
  const version = config.python.version ?? problems.take(detectPythonVersion(files, pyproject), ["python"]);
  // Naming requirement files says pip as clearly as `manager = "pip"` does.
  const manager =
    target.dependencies.manager ??
    (target.dependencies.requirements ? "pip" : problems.take(detectManager(files, pyproject), ["dependencies", "manager"], target));
  const command =
    input.target === "venv" ? undefined : target.runtime.command ?? problems.take(detectCommand(files, pyproject), ["runtime", "command"], target);
  problems.throwIfAny();
  if (!version || !manager) throw new Error("unreachable: detection failed without a problem");

  const distro = config.python.distro ?? defaultDistro(version);
  const managerVersion = target.dependencies.managerVersion ?? DEFAULT_MANAGER_VERSIONS[manager];
  const venvPath = target.dependencies.venv;
  const install: InstallInput = {
    manager,
    version: managerVersion,
    deps: target.dependencies,
    venv: venvPath,
    // The spec's default: requirements.txt when present (requirements-dev.txt and friends are opt-in).
    requirements: target.dependencies.requirements ?? (manager === "pip" && files.read("requirements.txt") !== undefined ? ["requirements.txt"] : []),
    declaredDependencies: pyproject?.dependencies ?? [],
    lockHasUnhashable: /\[package\.source\][^[]*type = "(git|directory|file|url)"/.test(files.read("poetry.lock") ?? ""),
  };
  checkManifests(install, files, problems, target);
  checkGroups(target, pyproject, manager, problems);
  problems.throwIfAny();

  const venv = planVenv(target, install, files, pyproject, config, `python:${version}-${distro}`);
  const git = planGit(config, target, input.revision);
  const runtime = planRuntime(target, config, venvPath, git, `python:${version}-slim-${distro}`);
  const warnings: string[] = [];
  if (!git && config.git.versionFile !== "") {
    warnings.push("no commit id for this build (no vcs:revision from the client and no .git in the context): the version file is skipped");
  }
  const image =
    input.target === "venv"
      ? venvImage(venvPath)
      : runtimeImage(target, config, command, pyproject, input);
  return {
    target: input.target,
    python: { version, distro },
    manager: { name: manager, version: managerVersion },
    selection: { groups: target.dependencies.groups, extras: target.dependencies.extras, requirements: install.requirements },
    project: { name: pyproject?.name, version: pyproject?.version },
    venvPath,
    venv,
    git,
    runtime,
    output: input.target === "venv" ? "venv" : "runtime",
    image,
    warnings,
  };
}
