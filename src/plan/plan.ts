/**
 * planBuild: validated config + the project's files → BuildPlan (the venv, git and runtime stages, and the
 * image configuration), or the problems that stop it. Pure: every input is given, nothing is read here.
 * Checks live in checks.ts and the managers, the stages in venv.ts and runtime.ts, the image configuration
 * in image-plan.ts; this module decides what they are given: the detected values and the base images.
 */
import type { Command, KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { normalizeImageRef } from "../core/image-ref.js";
import { AUTO_PACKAGES_FILE } from "./runtime-libraries.js";
import { NO_NATIVE, mayNeedNativePackages, nativePackages } from "./native-packages.js";
import { containerHints, defaultDistro, dependencyNames, detectManager, detectPythonVersion, detectStart, explainDetection, showCommand, type Detected, type StartCommand } from "./detect.js";
import type { StartOptions } from "./detect/command.js";
import { djangoCollectstatic, djangoMigrate, findDjangoProjects, type DjangoProject } from "./detect/django.js";
import { ADDED_SERVER_VERSIONS, addedServer, serverStarted } from "./added-server.js";
import type { AddedServer } from "./detect/command.js";
import { memberScripts } from "./managers/uv.js";
import { pinnedVersions, toolLock, toolMinPython, type ManagerContext } from "./managers/manager.js";

/** Compares the major.minor of two Python versions ("3.9.18" < "3.10"). */
function compareMinor(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}
import { requirementsToInstall } from "./managers/pip.js";
import { MANAGERS } from "./managers/registry.js";
import type { ProjectFiles, Pyproject } from "./project.js";
import type { BaseOrigin, BuildPlan, ImagePlan, StagePlan } from "./types.js";
import { smokeChecks, type SmokeTest } from "./smoke-test.js";
import { Problems } from "./problems.js";
import { checkGroups, readPyproject } from "./checks.js";
import { installsProject, planVenv } from "./venv.js";
import { ignoredBy } from "../core/dockerignore.js";
import { planGit, planRuntime, type BuildCommand } from "./runtime.js";
import { runtimeImage, venvImage } from "./image-plan.js";

export interface PlanInput {
  readonly config: PydockConfig;
  /** "runtime" (default), "venv", or a [targets.NAME]. */
  readonly target: string;
  readonly files: ProjectFiles;
  /** The commit id of the build context, when known. */
  readonly revision: string | undefined;
  /** The repository URL, when known. */
  readonly sourceUrl: string | undefined;
  /** SOURCE_DATE_EPOCH in seconds, for the created label. */
  readonly epoch: number;
  /** .dockerignore's patterns. */
  readonly dockerignore?: readonly string[];
}

export type PlanResult =
  | { readonly ok: true; readonly plan: BuildPlan; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

export function planBuild(input: PlanInput): PlanResult {
  const { config, files } = input;
  const problems = new Problems(config, files);
  const failed = (): PlanResult => ({ ok: false, diagnostics: problems.errors, warnings: problems.warnings });
  const targetName = input.target === "venv" ? "runtime" : input.target;
  const target = config.targets.get(targetName);
  if (!target) {
    const names = ["runtime", "venv", ...[...config.targets.keys()].filter((n) => n !== "runtime")];
    problems.add(`unknown target "${input.target}"; this file has: ${names.join(", ")}`, ["targets"], undefined, "unknown-target");
    return failed();
  }

  const pyproject = readPyproject(files, problems);
  // Detected values: the build output says what pydock chose and why, at the key that would change it.
  const detected = <T>(d: Detected<T>, shown: (v: T) => string, key: string, path: KeyPath, t?: TargetConfig): T | undefined => {
    const value = problems.take(d, path, t);
    if (d.ok && value !== undefined) problems.warn(explainDetection(shown(value), d, key), path, "detected", t);
    return value;
  };
  const hints = containerHints(files);
  const versionDetected = config.python.version ? undefined : detectPythonVersion(files, pyproject, hints.python);
  const versionSource = versionDetected?.source;
  const version = config.python.version ?? (versionDetected && detected(versionDetected, (v) => `python ${v}`, "[python] version", ["python", "version"]));
  // Naming requirement files says pip as clearly as `manager = "pip"` does.
  const managerName =
    target.dependencies.manager ??
    (target.dependencies.requirements
      ? "pip"
      : detected(detectManager(files, pyproject), (m) => m, "[dependencies] manager", ["dependencies", "manager"], target));
  const requirements = target.dependencies.requirements ? { requirements: target.dependencies.requirements } : {};
  const start =
    input.target === "venv" || target.runtime.command
      ? undefined
      : detected(startOf(files, pyproject, { ...requirements, hints, addServer: target.runtime.addServer }, target), (s) => showCommand(s.command), "[runtime] command", ["runtime", "command"], target);
  const command = input.target === "venv" ? undefined : (target.runtime.command ?? start?.command);
  if (problems.errors.length > 0 || !version || !managerName) return failed();

  const manager = MANAGERS[managerName];
  if (target.app.package !== undefined && managerName !== "uv") {
    problems.add(`[app] package names a uv workspace member, but this project's manager is ${managerName}`, ["app", "package"], target);
  }
  const ctx: ManagerContext = {
    package: target.app.package,
    version: target.dependencies.managerVersion ?? manager.defaultVersion,
    deps: target.dependencies,
    venv: target.dependencies.venv,
    files,
    pyproject,
  };
  manager.check(ctx, (message, path) => problems.add(message, path, target));
  if (toolLock(managerName, ctx.version) === undefined) {
    const pinned = pinnedVersions(managerName).join(", ");
    problems.warn(
      `${managerName} ${ctx.version} has no pinned set in this pydock release (pinned: ${pinned}): it is installed with its dependencies resolved at build time, which a new release of one of them can break`,
      ["dependencies", "manager-version"],
      "unpinned-manager",
      target,
    );
  }
  const minPython = toolMinPython(managerName, ctx.version);
  if (minPython !== undefined && compareMinor(version, minPython) < 0) {
    problems.add(`${managerName} ${ctx.version} needs Python ${minPython} or later, and this build uses Python ${version}`, ["dependencies", "manager-version"], target);
  }
  checkGroups(target, pyproject, managerName, problems);
  checkBuildFilesSent(files, pyproject, input.dockerignore ?? [], installsProject(target, manager, ctx), problems);
  const distro = config.python.distro ?? defaultDistro(version);
  const origin: BaseOrigin = config.python.version || !versionSource ? { path: ["python", "version"] } : versionSource;
  const builderImage = baseImage(config.python.builderImage, "builder-image", `python:${version}-${distro}`, origin, problems);
  const runtimeBase = baseImage(config.python.runtimeImage, "runtime-image", `python:${version}-slim-${distro}`, origin, problems);
  if (problems.errors.length > 0 || !builderImage || !runtimeBase) return failed();


  const native = target.runtime.autoSystemPackages && mayNeedNativePackages(files) ? nativePackages(dependencyNames(files, pyproject, requirements).names, distro) : NO_NATIVE;
  // Said only when the table adds something the file does not list already.
  const addedBuild = native.build.filter((p) => !target.dependencies.systemPackages.includes(p));
  const addedRun = native.run.filter((p) => !target.runtime.systemPackages.includes(p));
  if (addedBuild.length + addedRun.length > 0) {
    const what = [addedBuild.length ? `${addedBuild.join(" ")} (builder)` : "", addedRun.length ? `${addedRun.join(" ")} (runtime)` : ""].filter(Boolean).join(", ");
    problems.warn(`pydock adds the Debian packages ${what} that ${native.because.join(", ")} need; set [runtime] auto-system-packages = false to manage them yourself`, ["runtime", "auto-system-packages"], "detected", target);
  }
  // The venv target is the builder stage alone: nothing to find for a runtime image it does not build.
  const find = target.runtime.autoSystemPackages && input.target !== "venv";
  const git = planGit(config, target, input.revision);
  if (!git && config.git.versionFile !== "") {
    problems.warn("no commit id for this build (no vcs:revision from the client and no .git in the context): the version file is skipped", ["git"], "no-revision");
  }
  const django = input.target === "venv" ? undefined : findDjangoProjects(files).find((d) => d.wsgi || d.asgi);
  // Migrate before a detected command that serves the Django project: pydock's own, or the Procfile's or
  // Dockerfile's in a Django project, unless that command migrates already.
  const servesDjango = start !== undefined && (start.kind === "django" || ((start.kind === "procfile" || start.kind === "dockerfile") && !showCommand(start.command).includes(" migrate")));
  const before = target.runtime.before ?? (servesDjango ? detectedBefore(files, django, problems, target) : []);
  const buildCommands = input.target === "venv" ? [] : detectedBuildCommands(files, django, target, problems);
  const port = Number((target.runtime.expose[0] ?? "").split("/")[0]) || hints.port?.value || DEFAULT_PORT;
  const startSettings = { port, expose: start?.web ? [`${port}/tcp`] : [], before };
  const image = input.target === "venv" ? venvImage(ctx.venv) : runtimeImage(target, config, command, pyproject, input, startSettings);
  const adds = start?.adds ?? (command && target.runtime.addServer && input.target !== "venv" ? commandServer(command, start ? `the detected command (${start.kind === "procfile" ? "the Procfile's web process" : "from the project's files"})` : "[runtime] command", files, pyproject, requirements, problems, target) : undefined);
  const server = adds ? addedServer(adds) : undefined;
  const plan: BuildPlan = {
    target: input.target,
    python: { version, distro },
    manager: { name: managerName, version: ctx.version },
    selection: { groups: target.dependencies.groups, extras: target.dependencies.extras, requirements: managerName === "pip" ? requirementsToInstall(ctx) : [] },
    project: { name: pyproject?.name, version: pyproject?.version },
    venvPath: ctx.venv,
    stages: [
      { ...planVenv(target, manager, ctx, config, builderImage.base, native.build, find ? runtimeBase.base : undefined, server), ...builderImage.extra },
      ...(git ? [git] : []),
      { ...planRuntime(target, config, ctx.venv, git, runtimeBase.base, native.run, find, buildCommands), ...runtimeBase.extra },
    ],
    output: input.target === "venv" ? "venv" : "runtime",
    image,
    autoSystemPackages: find,
    ...(server ? { addedServer: server } : {}),
    ...(input.target !== "venv" && target.runtime.smokeTest ? { smokeTest: smokeTest(ctx.venv, image, target, buildCommands.length, find ? AUTO_PACKAGES_FILE : undefined) } : {}),
  };
  return { ok: true, plan, warnings: problems.warnings };
}

/** The smoke test of the runtime image: the argv it starts, checked with the venv's interpreter. */
function smokeTest(venv: string, image: ImagePlan, target: TargetConfig, buildCommands: number, report: string | undefined): SmokeTest {
  const origin: KeyPath = target.runtime.command ? ["runtime", "command"] : target.runtime.entrypoint ? ["runtime", "entrypoint"] : ["runtime"];
  const checks = smokeChecks([...(image.entrypoint ?? []), ...(image.cmd ?? [])], image.env);
  return { python: `${venv}/bin/python`, checks, origin, besideLastSteps: buildCommands, ...(report ? { report } : {}) };
}

/**
 * A stage's base image, normalised (`docker.io/library/python:3.12-slim-bookworm`): the configured image, or
 * the official Python image for the version, with the minor's image as a fallback for a patch pin. A problem
 * at the key when the reference is invalid.
 */
function baseImage(
  configured: string | undefined,
  key: string,
  derived: string,
  origin: BaseOrigin,
  problems: Problems,
): { base: string; extra: Pick<StagePlan, "baseFallback" | "baseOrigin"> } | undefined {
  try {
    const base = normalizeImageRef(configured ?? derived);
    if (configured) return { base, extra: { baseOrigin: { path: ["python", key] } } };
    const minor = derived.replace(/^python:(\d+\.\d+)\.\d+-/, "python:$1-");
    return { base, extra: { baseOrigin: origin, ...(minor !== derived ? { baseFallback: normalizeImageRef(minor) } : {}) } };
  } catch (e) {
    problems.add(`${(e as Error).message}`, ["python", configured ? key : "version"], undefined, "invalid-value");
    return undefined;
  }
}

/**
 * The start command: for a uv workspace member named by [app] package, its one console script; otherwise
 * (or when it has none or several) detection over the project's files.
 */
function startOf(files: ProjectFiles, pyproject: Pyproject | undefined, options: StartOptions, target: TargetConfig): Detected<StartCommand> {
  const member = target.app.package === undefined ? undefined : memberScripts({ files }, target.app.package);
  const [script, ...others] = member?.scripts ?? [];
  if (member && script !== undefined && others.length === 0) {
    return { ok: true, value: { command: { kind: "exec", args: [script] }, kind: "script" }, reason: `[app] package ${target.app.package} (${member.dir}) has the one console script ${script}`, source: { file: `${member.dir}/pyproject.toml` } };
  }
  return detectStart(files, pyproject, options);
}

/**
 * The server a command starts that the dependencies do not install (gunicorn or uvicorn): a written [runtime]
 * command, or one detection took from a Procfile or Dockerfile. pydock adds it, with a warning.
 */
function commandServer(command: Command, what: string, files: ProjectFiles, pyproject: Pyproject | undefined, requirements: { requirements?: readonly string[] }, problems: Problems, target: TargetConfig): AddedServer | undefined {
  const server = serverStarted(command);
  if (!server || dependencyNames(files, pyproject, requirements).names.has(server)) return undefined;
  // `add-server = true` written down (as pydock init writes it): asked for, nothing to warn about.
  if (target.written(["runtime", "add-server"]) === true) return server;
  problems.warn(
    `${what} starts ${server}, which the dependencies do not install: pydock adds ${server} ${ADDED_SERVER_VERSIONS[server]} from its pinned set (add it to the dependencies to choose its version, or set [runtime] add-server = false)`,
    ["runtime", "command"],
    "added-server",
    target,
  );
  return server;
}

/**
 * The files the project's own build reads (pyproject.toml's readme and license file) must reach it: one that
 * .dockerignore leaves out of the context fails the build of the package, so it is an error here, naming
 * the pattern, at the line of pyproject.toml that names the file.
 */
function checkBuildFilesSent(files: ProjectFiles, pyproject: Pyproject | undefined, dockerignore: readonly string[], installed: boolean, problems: Problems): void {
  if (!installed || !pyproject || dockerignore.length === 0) return;
  const text = files.read("pyproject.toml") ?? "";
  for (const file of pyproject.buildFiles) {
    const pattern = ignoredBy(file, dockerignore);
    if (pattern === undefined) continue;
    const line = text.split("\n").findIndex((l) => l.includes(file)) + 1;
    problems.addIn(
      `pyproject.toml names ${file}, which the project's build needs, but .dockerignore leaves it out of the build context (pattern \`${pattern}\`): add \`!${file}\` to .dockerignore after it`,
      { file: "pyproject.toml", ...(line > 0 ? { line } : {}) },
      ["dependencies", "install-project"],
    );
  }
}

/** The port a detected command serves on when nothing says otherwise (spec: "PORT is set in the image"). */
const DEFAULT_PORT = 8000;

/** `[runtime] before` when absent: Django's migrate when the detected command serves a Django project. */
function detectedBefore(files: ProjectFiles, django: DjangoProject | undefined, problems: Problems, target: TargetConfig): readonly Command[] {
  const task = django ? djangoMigrate(files, django) : undefined;
  if (!task) return [];
  problems.warn(explainDetection(showCommand(task.command), { ok: true, value: task.command, reason: task.reason, source: task.source }, "[runtime] before (before = [] turns it off)").replace("pydock chose", "pydock runs at start"), ["runtime", "before"], "detected", target);
  return [task.command];
}

/**
 * The runtime stage's build commands: [app] build-commands when written (also []), else the detected ones
 * (Django's collectstatic when the settings set STATIC_ROOT), which warn instead of failing the build.
 */
function detectedBuildCommands(files: ProjectFiles, django: DjangoProject | undefined, target: TargetConfig, problems: Problems): BuildCommand[] {
  const written = target.app.buildCommands.map((command, i): BuildCommand => ({ command, origin: ["app", "build-commands", i] }));
  if (target.written(["app", "build-commands"]) !== undefined || !django) return written;
  const task = djangoCollectstatic(files, django);
  if (!task) return written;
  problems.warn(explainDetection(showCommand(task.command), { ok: true, value: task.command, reason: task.reason, source: task.source }, "[app] build-commands ([] turns it off)").replace("pydock chose", "pydock runs at build"), ["app", "build-commands"], "detected", target);
  return [{ command: task.command, origin: ["app", "build-commands"], tolerant: "collected static files" }];
}
