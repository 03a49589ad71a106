/**
 * PDM. `pdm lock --check` first: `pdm export` and `pdm sync` only warn when pdm.lock no longer matches
 * pyproject.toml, so a stale lock fails the step here with a message saying so. Then PDM selects the locked
 * packages for the chosen groups and extras (`pdm export`, with their hashes) and pip installs exactly those
 * files, hash-checked and without resolving anything; the project itself, when it is a package, is built and
 * installed non-editable without dependencies.
 *
 * Selection (PDM's semantics: `-G` names groups, optional-dependencies extras among them; `--prod` leaves
 * out every dev group and refuses one named with `-G`; `--no-default` leaves out the project's dependencies):
 * - groups not set: `--prod` (the project's dependencies only), plus `-G EXTRA` per extra;
 * - groups set: `-G NAME` per group but "main"/"default" (the project's dependencies, PDM's "default"
 *   group), and `--no-default` when neither is listed; `--prod` when only those are listed.
 */
import { parse } from "smol-toml";
import type { DependenciesConfig } from "../../config/model.js";
import { isTable, shellQuote as q } from "../../core/text.js";
import type { CacheMount } from "../types.js";
import { PIP_CACHE, commonEnv, pipIndexEnv, pipInto, toolInstall, type ManagerContext, type PackageManager } from "./manager.js";

export const PDM_CACHE: CacheMount = { id: "pydock-pdm", target: "/root/.cache/pdm", sharing: "locked" };

/** The names pydock and PDM give the project's own dependencies. */
export const isDefaultGroup = (g: string): boolean => g === "main" || g === "default";

/** `pdm export` flags selecting the groups and extras (see the module comment). */
export function pdmSelection(deps: Pick<DependenciesConfig, "groups" | "extras">): string[] {
  const flags: string[] = [];
  const named = (deps.groups ?? []).filter((g) => !isDefaultGroup(g));
  if (deps.groups !== undefined && !deps.groups.some(isDefaultGroup)) flags.push("--no-default");
  if (named.length === 0) flags.push("--prod");
  for (const g of [...named, ...deps.extras]) flags.push(`-G ${q(g)}`);
  return flags;
}

function env(ctx: ManagerContext): [string, string][] {
  return [
    ...commonEnv("pdm", ctx.venv),
    ...pipIndexEnv(ctx.deps),
    ["PDM_CACHE_DIR", PDM_CACHE.target],
    ["PDM_CHECK_UPDATE", "false"],
    ["PDM_NON_INTERACTIVE", "1"],
    // PDM's own interpreter is the application venv's: it never creates a .venv of its own.
    ["PDM_PYTHON", `${ctx.venv}/bin/python`],
    ["PDM_IGNORE_SAVED_PYTHON", "1"],
    ["PDM_USE_VENV", "false"],
    ["PIP_DISABLE_PIP_VERSION_CHECK", "1"],
    ["PIP_ROOT_USER_ACTION", "ignore"],
  ];
}

/** Git, path and URL packages carry no hashes: the export then has to go without hash checking. */
export function pdmLockHasUnhashable(lock: string): boolean {
  try {
    const doc = parse(lock);
    const packages = Array.isArray(doc["package"]) ? doc["package"] : [];
    return packages.some((p) => isTable(p) && ["git", "hg", "svn", "bzr", "path", "url"].some((k) => typeof p[k] === "string"));
  } catch {
    return false;
  }
}

/** `[tool.pdm] distribution`, when set. */
function distribution(ctx: ManagerContext): boolean | undefined {
  try {
    const doc = parse(ctx.files.read("pyproject.toml") ?? "");
    const tool = isTable(doc["tool"]) ? doc["tool"] : undefined;
    const pdm = tool && isTable(tool["pdm"]) ? tool["pdm"] : undefined;
    return pdm && typeof pdm["distribution"] === "boolean" ? pdm["distribution"] : undefined;
  } catch {
    return undefined;
  }
}

const STALE = "pdm.lock is out of date with pyproject.toml (pdm lock --check): run `pdm lock` and commit pdm.lock";

export const pdm: PackageManager = {
  name: "pdm",
  defaultVersion: "2.29.4",
  lockfiles: () => ["pdm.lock"],
  check(ctx, report) {
    if (ctx.files.read("pyproject.toml") === undefined) report("manager is pdm but pyproject.toml is not in the build context", ["dependencies", "manager"]);
    if (ctx.files.read("pdm.lock") === undefined) report("manager is pdm but pdm.lock is not in the build context (run `pdm lock`)", ["dependencies", "manager"]);
  },
  installTool: (version) => toolInstall("pdm", version, [`pdm==${version}`]),
  installDependencies(ctx) {
    const flags = pdmSelection(ctx.deps);
    const hashes = pdmLockHasUnhashable(ctx.files.read("pdm.lock") ?? "") ? " --no-hashes" : "";
    const exported = "/tmp/pydock-requirements.txt";
    const script =
      `{ pdm lock --check || { echo ${q(STALE)} >&2; exit 1; }; } && ` +
      `pdm export --format requirements --output ${exported} ${flags.join(" ")}${hashes} && ` +
      `${pipInto(ctx.venv)} --no-deps --no-compile -r ${exported}`;
    return { name: `pdm lock --check && pdm export ${flags.join(" ")} | pip install`, script, env: env(ctx), caches: [PDM_CACHE, PIP_CACHE] };
  },
  // PDM installs the project when it is a distribution: `[tool.pdm] distribution`, else whether there is a build-system.
  isPackage: (ctx) => distribution(ctx) ?? ctx.pyproject?.hasBuildSystem === true,
  installProject(ctx, src) {
    return { name: "pip install --no-deps .", script: `${pipInto(ctx.venv)} --no-deps --no-compile ${q(src)}`, env: env(ctx), caches: [PIP_CACHE] };
  },
};
