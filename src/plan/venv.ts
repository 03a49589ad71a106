/**
 * The venv stage: installs the package manager, creates the venv, copies the manifests and installs the
 * dependencies (and, when it is installable, the project itself). Steps that reach a package index run
 * through the CA-bundle wrapper and get the SSH agent when dependencies are fetched over SSH.
 */
import type { PydockConfig, TargetConfig } from "../config/model.js";
import { shellQuote as q } from "../core/text.js";
import type { ManagerCommand, ManagerContext, PackageManager } from "./managers/manager.js";
import { aptInstall } from "./system.js";
import { findLibrariesStep } from "./runtime-libraries.js";
import type { CopyStep, RunStep, SecretMount, StagePlan, Step } from "./types.js";
import { BUILD_DIR } from "./constants.js";
import { sourceCopy } from "./copies.js";
import { CA_SECRET, RUN_WRAPPER, RUN_WRAPPER_SCRIPT } from "./wrapper.js";
import { addServerCommand, type AddedServerPlan } from "./added-server.js";

function run(cmd: ManagerCommand, cwd: string, extra: Partial<RunStep> = {}): RunStep {
  return { kind: "run", name: cmd.name, command: { kind: "shell", script: cmd.script }, env: cmd.env, cwd, caches: cmd.caches, secrets: [], ssh: false, ...extra };
}

/** A step that reaches a package index: runs through the wrapper that trusts the optional `ca-certificates` secret. */
function networkRun(cmd: ManagerCommand, cwd: string, extra: Partial<RunStep> = {}): RunStep {
  return run(cmd, cwd, { ...extra, wrapper: RUN_WRAPPER, secrets: [...(extra.secrets ?? []), CA_SECRET] });
}

function manifestCopy(path: string): CopyStep {
  return { kind: "copy", name: `copy ${path}`, from: "context", src: path, dest: `${BUILD_DIR}/${path}`, exclude: [], contents: true, independent: false };
}

/** Creates the application venv with copies of the interpreter (it moves to another image) and no pip. */
export function createVenv(venv: string): ManagerCommand {
  // --copies makes python, python3 and python3.X three copies of one binary; keep one, link the others.
  const dedupe = `cd ${q(venv)}/bin && real=$(ls python3.* | head -n 1) && ln -sf "$real" python && ln -sf "$real" python3`;
  return { name: `python -m venv --copies ${venv}`, script: `python -m venv --copies --without-pip ${q(venv)} && ${dedupe}`, env: [], caches: [] };
}

/** Is the project itself installed after its dependencies ([dependencies] install-project, or the manager's "auto")? */
export function installsProject(target: TargetConfig, manager: PackageManager, ctx: ManagerContext): boolean {
  const setting = target.dependencies.installProject;
  if (setting !== "auto") return setting;
  return manager.isPackage(ctx);
}

/**
 * `nativeBuild`: Debian packages the dependencies need to build (native-packages.ts), after the configured
 * ones. `findFor`: the runtime base image, when the stage ends by listing the packages the venv's shared
 * libraries need there (runtime-libraries.ts). `server`: the production server pydock adds after the
 * dependencies (added-server.ts).
 */
export function planVenv(
  target: TargetConfig,
  manager: PackageManager,
  ctx: ManagerContext,
  config: PydockConfig,
  image: string,
  nativeBuild: readonly string[] = [],
  findFor?: string,
  server?: AddedServerPlan,
): StagePlan {
  const steps: Step[] = [];
  const deps = target.dependencies;
  const apt = [...new Set([...deps.systemPackages, ...nativeBuild])];
  if (apt.length > 0) steps.push(aptInstall(apt, "builder", ["dependencies", "system-packages"]));
  steps.push({ kind: "file", name: "write the install wrapper (CA bundle secret)", path: RUN_WRAPPER, data: RUN_WRAPPER_SCRIPT, mode: 0o755, independent: false });
  steps.push(networkRun(manager.installTool(ctx.version), "/", { origin: { path: ["dependencies", "manager-version"] } }));
  steps.push(run(createVenv(ctx.venv), "/", { origin: { path: ["dependencies", "venv"] } }));

  const lockfiles = manager.lockfiles(ctx);
  const manifests = ctx.files.read("pyproject.toml") !== undefined ? ["pyproject.toml", ...lockfiles] : lockfiles;
  for (const m of manifests) steps.push(manifestCopy(m));

  const secrets: SecretMount[] = config.secrets.map((s, i) => ({
    id: s.id,
    required: s.required,
    origin: { path: ["secrets", i] },
    ...(s.env !== undefined ? { env: s.env } : {}),
    ...(s.target !== undefined ? { target: s.target } : {}),
  }));
  const ssh = deps.ssh || usesSsh(ctx, lockfiles);
  const dependencies = manager.installDependencies(ctx);
  if (dependencies) steps.push(networkRun(dependencies, BUILD_DIR, { secrets, ssh, origin: { path: ["dependencies"] } }));

  if (installsProject(target, manager, ctx)) {
    for (const src of target.app.copy) steps.push(sourceCopy(src, BUILD_DIR, target, false));
    steps.push(networkRun(manager.installProject(ctx, BUILD_DIR), BUILD_DIR, { secrets, ssh, origin: { path: ["dependencies", "install-project"] } }));
  }
  // Last: `uv sync` (the project install) removes from the venv what its lock does not list.
  if (server) steps.push(networkRun(addServerCommand(server, manager.name, ctx.venv, deps), BUILD_DIR, { secrets, origin: { path: ["runtime", "add-server"] } }));
  if (findFor !== undefined) steps.push(findLibrariesStep(ctx.venv, findFor));
  return { name: "venv", base: image, steps };
}

/** Dependencies fetched over SSH need the agent on the install step. */
function usesSsh(ctx: ManagerContext, lockfiles: readonly string[]): boolean {
  return lockfiles.some((f) => /git\+ssh:\/\/|ssh:\/\/git@/.test(ctx.files.read(f) ?? ""));
}
