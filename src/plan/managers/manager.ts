/**
 * What every package manager module provides, and the parts they share: the pinned tool install into its
 * own venv under /opt/pydock (builder only, never the application's venv), the cache mounts and the
 * environment every install step gets. Adding a manager is adding a module that implements
 * {@link PackageManager} and listing it in registry.ts.
 */
import type { DependenciesConfig, KeyPath, ManagerName } from "../../config/model.js";
import { shellQuote as q } from "../../core/text.js";
import type { ProjectFiles, Pyproject } from "../project.js";
import type { CacheMount } from "../types.js";
import { TOOLS_DIR } from "../wrapper.js";

/** A script for one run step, with its environment and caches. */
export interface ManagerCommand {
  /** Shown in the build progress, e.g. "uv sync --frozen …". */
  readonly name: string;
  /** Run by /bin/sh -c. */
  readonly script: string;
  readonly env: readonly (readonly [string, string])[];
  readonly caches: readonly CacheMount[];
}

/** What a manager module sees of the build: the target's [dependencies], the venv and the project's files. */
export interface ManagerContext {
  /** The manager's version to install (pinned). */
  readonly version: string;
  readonly deps: DependenciesConfig;
  /** Absolute path of the application venv. */
  readonly venv: string;
  readonly files: ProjectFiles;
  readonly pyproject: Pyproject | undefined;
  /** `[app] package`: the uv workspace member that is the application; undefined for the root. */
  readonly package?: string | undefined;
}

/** Reports a problem at a key of the target's table (e.g. ["dependencies", "manager"]). */
export type Report = (message: string, path: KeyPath) => void;

export interface PackageManager {
  readonly name: ManagerName;
  /** The version this frontend release installs when [dependencies] manager-version is not set. */
  readonly defaultVersion: string;
  /** Files copied before the dependency install besides pyproject.toml, in order: the lockfile or requirement files. */
  lockfiles(ctx: ManagerContext): readonly string[];
  /** Problems with the project's manifests: missing from the context, out of date, not parseable. */
  check(ctx: ManagerContext, report: Report): void;
  /** Installs the manager itself, pinned, into its tool venv. */
  installTool(version: string): ManagerCommand;
  /**
   * Installs the locked dependencies, not the project: only the manifests are in place at this point.
   * Undefined when there is nothing to install (no step at all).
   */
  installDependencies(ctx: ManagerContext): ManagerCommand | undefined;
  /** With install-project = "auto": is the project itself (or a workspace member) a package to install? */
  isPackage(ctx: ManagerContext): boolean;
  /** Installs the project, non-editable and without dependencies, from the sources copied to `src`. */
  installProject(ctx: ManagerContext, src: string): ManagerCommand;
}

export const PIP_CACHE: CacheMount = { id: "pydock-pip", target: "/root/.cache/pip", sharing: "shared" };

/** `python -m venv` + pip install of pinned packages into the manager's own tool venv. */
export function toolInstall(manager: ManagerName, packages: readonly string[]): ManagerCommand {
  const pkgs = packages.map(q).join(" ");
  return {
    name: `install ${packages.join(" ")}`,
    script: `python -m venv ${TOOLS_DIR}/${manager} && ${TOOLS_DIR}/${manager}/bin/pip install --disable-pip-version-check --no-compile ${pkgs}`,
    env: [["PIP_ROOT_USER_ACTION", "ignore"]],
    caches: [PIP_CACHE],
  };
}

/**
 * The environment of every install step: the manager's tool venv first on PATH (command lines read
 * `poetry export …`, `uv sync …`, `pip …`), the target venv, and no debug info in C extensions built from
 * source (it embeds the random build directory's path).
 */
export function commonEnv(manager: ManagerName, venv: string): [string, string][] {
  return [
    ["PATH", `${TOOLS_DIR}/${manager}/bin:\${PATH}`],
    ["VIRTUAL_ENV", venv],
    ["CFLAGS", "-g0"],
  ];
}

/** pip's index settings (also for Poetry, whose selection pip installs). */
export function pipIndexEnv(deps: DependenciesConfig): [string, string][] {
  const env: [string, string][] = [];
  if (deps.indexUrl) env.push(["PIP_INDEX_URL", deps.indexUrl]);
  if (deps.extraIndexUrls.length) env.push(["PIP_EXTRA_INDEX_URL", deps.extraIndexUrls.join(" ")]);
  return env;
}

/** `pip --python VENV install …`: pip from the tool venv installing into the application venv. */
export function pipInto(venv: string): string {
  return `pip --python ${q(venv)}/bin/python install`;
}

/** Major version number of a manager version ("2.2.1" → 2). */
export function major(version: string): number {
  return Number(version.split(".")[0] ?? 0);
}
