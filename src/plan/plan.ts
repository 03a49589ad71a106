/**
 * planBuild: validated config + the project's files → BuildPlan (venv, git and runtime stages, and the image
 * configuration). Pure: every input is given, nothing is read here. Problems the user can fix are thrown as
 * a UserError pointing into pydock.toml.
 */
import type { Command, KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import { UserError, type Diagnostic, type Range } from "../config/source.js";
import { defaultDistro, detectCommand, detectManager, detectPythonVersion, type Detected } from "./detect.js";
import {
  CA_SECRET_ID,
  CA_SECRET_PATH,
  DEFAULT_MANAGER_VERSIONS,
  RUN_WRAPPER,
  RUN_WRAPPER_SCRIPT,
  createVenv,
  installDependencies,
  installManager,
  installProject,
  type InstallInput,
  type ManagerCommand,
} from "./managers.js";
import { parsePyproject, type ProjectFiles, type Pyproject } from "./project.js";
import { uvLockDrift } from "./lockcheck.js";
import { aptInstall, runtimeSetup } from "./system.js";
import type { BuildPlan, CopyStep, ImagePlan, RunStep, SecretMount, StagePlan, Step } from "./types.js";

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

/** The uid/gid of the user pydock creates. */
export const APP_UID = 10001;
/** Where the venv stage keeps the project's manifests and sources while installing. */
export const BUILD_DIR = "/usr/src/pydock";
/** Excluded from every copy of the context, on top of .dockerignore. */
export const DEFAULT_EXCLUDES = [
  ".git",
  ".venv",
  "**/__pycache__",
  "**/*.pyc",
  "**/.mypy_cache",
  "**/.pytest_cache",
  "**/node_modules",
];

const PYTHON_ENV: readonly (readonly [string, string])[] = [
  ["PYTHONUNBUFFERED", "1"],
  ["PYTHONDONTWRITEBYTECODE", "1"],
];

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

/** Collects problems as diagnostics in pydock.toml so the user sees all of them at once. */
class Problems {
  private readonly list: Diagnostic[] = [];
  constructor(private readonly config: PydockConfig) {}

  private range(path: KeyPath, target?: TargetConfig): Range {
    const fallback = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    for (let n = path.length; n > 0; n--) {
      const r = (target ?? this.config).locate(path.slice(0, n));
      if (r) return r;
    }
    return fallback;
  }
  add(message: string, path: KeyPath, target?: TargetConfig): void {
    this.list.push({ file: this.config.filename, range: this.range(path, target), message });
  }
  take<T>(d: Detected<T>, path: KeyPath, target?: TargetConfig): T | undefined {
    if (d.ok) return d.value;
    this.add(d.message, path, target);
    return undefined;
  }
  fatal(message: string, path: KeyPath): UserError {
    this.add(message, path);
    return new UserError(this.list);
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new UserError(this.list);
  }
}

function readPyproject(files: ProjectFiles, problems: Problems): Pyproject | undefined {
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
function checkManifests(install: InstallInput, files: ProjectFiles, problems: Problems, target: TargetConfig): void {
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
function checkGroups(target: TargetConfig, pyproject: Pyproject | undefined, manager: string, problems: Problems): void {
  const groups = target.dependencies.groups;
  if (!groups || manager === "pip" || !pyproject) return;
  groups.forEach((g, i) => {
    if (g === "main" || pyproject.groups.has(g)) return;
    const known = [...pyproject.groups].join(", ") || "none";
    problems.add(`unknown dependency group "${g}" (pyproject.toml declares: ${known})`, ["dependencies", "groups", i], target);
  });
}

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

function planVenv(
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

/** Rebases exclude patterns (relative to the context root) onto a copied sub-path. */
function excludesFor(src: string, target: TargetConfig, venvRelative: string | undefined): string[] {
  const patterns = [...DEFAULT_EXCLUDES, ...target.app.exclude];
  if (venvRelative) patterns.push(venvRelative);
  const base = src.replace(/^\.\/?/, "").replace(/\/$/, "");
  if (base === "") return patterns;
  const out: string[] = [];
  for (const p of patterns) {
    if (p.startsWith("**/")) out.push(p);
    else if (p.startsWith(base + "/")) out.push(p.slice(base.length + 1));
  }
  return out;
}

function sourceCopy(src: string, destDir: string, target: TargetConfig, independent: boolean, index?: number): CopyStep {
  const clean = src.replace(/^\.\//, "").replace(/\/$/, "");
  const whole = clean === "" || clean === ".";
  const venvRel = relativeTo(destDir, target.dependencies.venv);
  return {
    kind: "copy",
    name: whole ? `copy . ${destDir}` : `copy ${clean} ${destDir}/${clean}`,
    from: "context",
    src: whole ? "." : clean,
    dest: whole ? destDir : `${destDir}/${clean}`,
    exclude: excludesFor(whole ? "." : clean, target, venvRel),
    contents: true,
    independent,
    ...(index !== undefined ? { origin: { path: ["app", "copy", index] } } : {}),
  };
}

/** `child` relative to `dir` when inside it ("/app", "/app/venv" → "venv"), else undefined. */
function relativeTo(dir: string, child: string): string | undefined {
  const d = dir.endsWith("/") ? dir : dir + "/";
  return child.startsWith(d) ? child.slice(d.length) : undefined;
}

function planGit(config: PydockConfig, target: TargetConfig, revision: string | undefined): StagePlan | undefined {
  if (config.git.versionFile === "" || !revision) return undefined;
  const path = joinPath(target.app.workdir, config.git.versionFile);
  return {
    name: "git",
    base: null,
    steps: [{ kind: "file", name: `write ${config.git.versionFile} (${revision.slice(0, 12)})`, path, data: `${revision}\n`, mode: 0o644, independent: true, origin: { path: ["git", "version-file"] } }],
  };
}

export function joinPath(dir: string, p: string): string {
  if (p.startsWith("/")) return p;
  return `${dir.replace(/\/$/, "")}/${p.replace(/^\.\//, "")}`;
}

function planRuntime(target: TargetConfig, config: PydockConfig, venvPath: string, git: StagePlan | undefined, defaultImage: string): StagePlan {
  const rt = target.runtime;
  const steps: Step[] = [];
  if (rt.systemPackages.length > 0) steps.push(aptInstall(rt.systemPackages, "runtime", ["runtime", "system-packages"]));
  const setup = runtimeSetup({ user: rt.user, uid: APP_UID, timezone: rt.timezone, directories: rt.directories });
  if (setup) steps.push(setup);
  steps.push({ kind: "copy", name: `copy the venv ${venvPath}`, from: "venv", src: venvPath, dest: venvPath, exclude: [], contents: true, independent: true, origin: { path: ["dependencies"] } });
  target.app.copy.forEach((src, i) => steps.push(sourceCopy(src, target.app.workdir, target, true, i)));
  if (git) {
    const file = git.steps[0];
    if (file?.kind === "file") {
      steps.push({ kind: "copy", name: `copy ${config.git.versionFile}`, from: "git", src: file.path, dest: file.path, exclude: [], contents: true, independent: true, origin: { path: ["git", "version-file"] } });
    }
  }
  target.app.buildCommands.forEach((cmd, i) => {
    steps.push({
      kind: "run",
      name: commandText(cmd),
      args: commandArgs(cmd),
      env: [["PATH", `${venvPath}/bin:\${PATH}`], ["VIRTUAL_ENV", venvPath], ...PYTHON_ENV, ...rt.env],
      cwd: target.app.workdir,
      caches: [],
      secrets: [],
      ssh: false,
      origin: { path: ["app", "build-commands", i] },
    });
  });
  return { name: "runtime", base: config.python.runtimeImage ?? defaultImage, steps };
}

export function commandArgs(cmd: Command): string[] {
  return cmd.kind === "exec" ? [...cmd.args] : ["/bin/sh", "-c", cmd.script];
}

function commandText(cmd: Command): string {
  return cmd.kind === "exec" ? cmd.args.join(" ") : cmd.script;
}

/** The image's user: pydock's "app" user by number, so runAsNonRoot checks can verify it. */
function imageUser(user: string): string {
  if (user === "root") return "0:0";
  if (/^\d+(:\d+)?$/.test(user)) return user;
  return `${APP_UID}:${APP_UID}`;
}

function runtimeImage(target: TargetConfig, config: PydockConfig, command: Command | undefined, pyproject: Pyproject | undefined, input: PlanInput): ImagePlan {
  const rt = target.runtime;
  const venv = target.dependencies.venv;
  const env: (readonly [string, string])[] = [["PATH", `${venv}/bin:\${PATH}`], ["VIRTUAL_ENV", venv], ...PYTHON_ENV];
  if (rt.timezone) env.push(["TZ", rt.timezone]);
  env.push(...rt.env);

  const labels: (readonly [string, string])[] = [];
  if (pyproject?.name) labels.push(["org.opencontainers.image.title", pyproject.name]);
  if (pyproject?.version) labels.push(["org.opencontainers.image.version", pyproject.version]);
  if (config.git.labels && input.revision) labels.push(["org.opencontainers.image.revision", input.revision]);
  if (config.git.labels && input.sourceUrl) labels.push(["org.opencontainers.image.source", input.sourceUrl]);
  const arg = config.args.get("SOURCE_DATE_EPOCH");
  const epoch = input.epoch ?? (arg && /^\d+$/.test(arg) ? Number(arg) : undefined);
  if (epoch !== undefined) labels.push(["org.opencontainers.image.created", new Date(epoch * 1000).toISOString().replace(/\.000Z$/, "Z")]);
  labels.push(...rt.labels);

  const hc = rt.healthcheck;
  return {
    user: imageUser(rt.user),
    workdir: rt.workdir ?? target.app.workdir,
    env,
    entrypoint: rt.entrypoint ? commandArgs(rt.entrypoint) : undefined,
    cmd: command ? commandArgs(command) : undefined,
    exposedPorts: rt.expose,
    labels,
    stopSignal: rt.stopSignal,
    healthcheck: hc
      ? {
          test: hc.test.kind === "http" ? ["CMD", `${venv}/bin/python`, "-c", httpProbe(hc.test.url, hc.timeoutMs)] : ["CMD", ...commandArgs(hc.test.command)],
          intervalMs: hc.intervalMs,
          timeoutMs: hc.timeoutMs,
          startPeriodMs: hc.startPeriodMs,
          retries: hc.retries,
        }
      : undefined,
  };
}

/** A health probe with the image's own Python: no curl or requests needed. Exit 0 on a 2xx/3xx answer. */
export function httpProbe(url: string, timeoutMs: number): string {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return `import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(${JSON.stringify(url)}, timeout=${seconds}).status < 400 else 1)`;
}

function venvImage(venv: string): ImagePlan {
  return {
    user: "0:0",
    workdir: BUILD_DIR,
    env: [["PATH", `${venv}/bin:\${PATH}`], ["VIRTUAL_ENV", venv], ...PYTHON_ENV],
    entrypoint: undefined,
    cmd: undefined,
    exposedPorts: [],
    labels: [],
    stopSignal: "SIGTERM",
    healthcheck: undefined,
  };
}
