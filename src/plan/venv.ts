/**
 * The venv stage: installs the package manager, creates the venv, copies the manifests and installs the
 * dependencies (and, when it is installable, the project itself). Steps that reach a package index trust the
 * optional CA bundle secret and get the SSH agent when dependencies are fetched over SSH.
 */
import type { PydockConfig, TargetConfig } from "../config/model.js";
import {
  CA_SECRET_ID,
  CA_SECRET_PATH,
  RUN_WRAPPER,
  RUN_WRAPPER_SCRIPT,
  createVenv,
  installDependencies,
  installManager,
  installProject,
  type InstallInput,
  type ManagerCommand,
} from "./managers.js";
import type { ProjectFiles, Pyproject } from "./project.js";
import { aptInstall } from "./system.js";
import type { CopyStep, RunStep, SecretMount, StagePlan, Step } from "./types.js";
import { BUILD_DIR } from "./constants.js";
import { sourceCopy } from "./copies.js";

function run(cmd: ManagerCommand, cwd: string, extra: Partial<RunStep> = {}): RunStep {
  return { kind: "run", name: cmd.name, args: ["/bin/sh", "-c", cmd.script], env: cmd.env, cwd, caches: cmd.caches, secrets: [], ssh: false, ...extra };
}

/** A step that reaches a package index: trusts the optional `ca-certificates` build secret. */
function networkRun(cmd: ManagerCommand, cwd: string, extra: Partial<RunStep> = {}): RunStep {
  const secrets = [...(extra.secrets ?? []), CA_SECRET];
  return { ...run(cmd, cwd, { ...extra, secrets }), args: [RUN_WRAPPER, "/bin/sh", "-c", cmd.script] };
}

const CA_SECRET: SecretMount = { id: CA_SECRET_ID, target: CA_SECRET_PATH, required: false };

function manifestCopy(path: string): CopyStep {
  return { kind: "copy", name: `copy ${path}`, from: "context", src: path, dest: `${BUILD_DIR}/${path}`, exclude: [], contents: true, independent: false };
}

function installsProject(target: TargetConfig, install: InstallInput, pyproject: Pyproject | undefined): boolean {
  const setting = target.dependencies.installProject;
  if (setting !== "auto") return setting;
  if (!pyproject || !pyproject.hasBuildSystem) return false;
  switch (install.manager) {
    case "poetry":
      return pyproject.poetry?.packageMode ?? true;
    case "uv":
      return pyproject.uvPackage ?? true;
    case "pip":
      return install.requirements.length === 0 || pyproject.name !== undefined;
  }
}

export function planVenv(
  target: TargetConfig,
  install: InstallInput,
  files: ProjectFiles,
  pyproject: Pyproject | undefined,
  config: PydockConfig,
  defaultImage: string,
): StagePlan {
  const steps: Step[] = [];
  const deps = target.dependencies;
  if (deps.systemPackages.length > 0) steps.push(aptInstall(deps.systemPackages, "builder", ["dependencies", "system-packages"]));
  steps.push({ kind: "file", name: "write the install wrapper (CA bundle secret)", path: RUN_WRAPPER, data: RUN_WRAPPER_SCRIPT, mode: 0o755, independent: false });
  steps.push(networkRun(installManager(install.manager, install.version), "/", { origin: { path: ["dependencies", "manager-version"] } }));
  steps.push(run(createVenv(install.venv), "/", { origin: { path: ["dependencies", "venv"] } }));

  const manifests = ["pyproject.toml", "poetry.lock", "uv.lock"].filter((p) => {
    if (p === "poetry.lock") return install.manager === "poetry";
    if (p === "uv.lock") return install.manager === "uv";
    return files.read(p) !== undefined;
  });
  for (const m of [...manifests, ...install.requirements]) steps.push(manifestCopy(m));

  const secrets: SecretMount[] = config.secrets.map((s) => ({
    id: s.id,
    required: s.required,
    ...(s.env !== undefined ? { env: s.env } : {}),
    ...(s.target !== undefined ? { target: s.target } : {}),
  }));
  const ssh = deps.ssh || usesSsh(files, install.requirements);
  steps.push(networkRun(installDependencies(install), BUILD_DIR, { secrets, ssh, origin: { path: ["dependencies"] } }));

  if (installsProject(target, install, pyproject)) {
    for (const src of target.app.copy) steps.push(sourceCopy(src, BUILD_DIR, target, false));
    steps.push(networkRun(installProject(install, BUILD_DIR), BUILD_DIR, { secrets, ssh, origin: { path: ["dependencies", "install-project"] } }));
  }
  return { name: "venv", base: config.python.builderImage ?? defaultImage, steps };
}

/** Dependencies fetched over SSH need the agent on the install step. */
function usesSsh(files: ProjectFiles, requirements: readonly string[]): boolean {
  return ["poetry.lock", "uv.lock", ...requirements].some((f) => /git\+ssh:\/\/|ssh:\/\/git@/.test(files.read(f) ?? ""));
}
