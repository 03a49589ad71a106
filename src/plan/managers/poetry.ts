/**
 * Poetry (1.8 and 2.x). Poetry selects the locked packages for the chosen groups and extras (`poetry
 * export`, which also fails on a stale lock) and pip installs exactly those files, hash-checked, from its
 * cache mount: the result of `poetry install --no-root` without Poetry's installer, which needs PyPI's
 * per-release JSON API. The project itself is built as a wheel and installed without dependencies.
 */
import { parse } from "smol-toml";
import type { DependenciesConfig } from "../../config/model.js";
import { isTable, shellQuote as q } from "../../core/text.js";
import type { CacheMount } from "../types.js";
import { PIP_CACHE, commonEnv, major, pipIndexEnv, pipInto, toolInstall, type ManagerContext, type PackageManager } from "./manager.js";

export const POETRY_CACHE: CacheMount = { id: "pydock-poetry", target: "/root/.cache/pypoetry", sharing: "locked" };
/** The `poetry export` plugin installed beside Poetry 2.x (1.x bundles it). */
export const POETRY_EXPORT_VERSION = "1.10.1";

/** Poetry flags selecting groups and extras; the same in Poetry 1.8 and 2.x. */
function selection(deps: DependenciesConfig): string[] {
  const groups = deps.groups ?? ["main"];
  const flags = [`--only ${q(groups.join(","))}`];
  for (const e of deps.extras) flags.push(`--extras ${q(e)}`);
  return flags;
}

function env(ctx: ManagerContext): [string, string][] {
  return [
    ...commonEnv("poetry", ctx.venv),
    ...pipIndexEnv(ctx.deps),
    ["POETRY_CACHE_DIR", POETRY_CACHE.target],
    ["POETRY_NO_INTERACTION", "1"],
    ["POETRY_VIRTUALENVS_CREATE", "false"],
  ];
}

/** Git, path and URL packages carry no hashes: the export then has to go without hash checking. */
function lockHasUnhashable(ctx: ManagerContext): boolean {
  return /\[package\.source\][^[]*type = "(git|directory|file|url)"/.test(ctx.files.read("poetry.lock") ?? "");
}

/** `[tool.poetry] packages = [...]` in pyproject.toml. */
function declaresPackages(ctx: ManagerContext): boolean {
  try {
    const doc = parse(ctx.files.read("pyproject.toml") ?? "");
    const tool = isTable(doc["tool"]) ? doc["tool"] : undefined;
    const poetry = tool && isTable(tool["poetry"]) ? tool["poetry"] : undefined;
    return poetry !== undefined && Array.isArray(poetry["packages"]) && poetry["packages"].length > 0;
  } catch {
    return false;
  }
}

/** A package (or module) named after the project, at the top of the context or under src/. */
function hasPackageNamed(ctx: ManagerContext, name: string | undefined): boolean {
  if (!name) return false;
  const module = name.toLowerCase().replace(/[-.]+/g, "_");
  return [`${module}/__init__.py`, `src/${module}/__init__.py`, `${module}.py`, `src/${module}.py`].some((f) => ctx.files.read(f) !== undefined);
}

export const poetry: PackageManager = {
  name: "poetry",
  defaultVersion: "2.2.1",
  lockfiles: () => ["poetry.lock"],
  check(ctx, report) {
    if (ctx.files.read("pyproject.toml") === undefined) report("manager is poetry but pyproject.toml is not in the build context", ["dependencies", "manager"]);
    if (ctx.files.read("poetry.lock") === undefined) report("manager is poetry but poetry.lock is not in the build context (run `poetry lock`)", ["dependencies", "manager"]);
  },
  installTool(version) {
    // Poetry 2 no longer bundles `poetry export`; the step's name lists the plugin, so the build output
    // tells which Poetry dialect is in use.
    const plugin = major(version) >= 2 ? [`poetry-plugin-export==${POETRY_EXPORT_VERSION}`] : [];
    return toolInstall("poetry", version, [`poetry==${version}`, ...plugin]);
  },
  installDependencies(ctx) {
    const flags = selection(ctx.deps);
    const hashes = lockHasUnhashable(ctx) ? " --without-hashes" : "";
    const exported = "/tmp/pydock-requirements.txt";
    const script =
      `poetry export --format requirements.txt --output ${exported} ${flags.join(" ")}${hashes} --no-ansi && ` +
      `${pipInto(ctx.venv)} --no-deps --no-compile -r ${exported}`;
    return { name: `poetry export ${flags.join(" ")} | pip install`, script, env: env(ctx), caches: [POETRY_CACHE, PIP_CACHE] };
  },
  isPackage(ctx) {
    const p = ctx.pyproject;
    if (!p?.hasBuildSystem || p.poetry?.packageMode === false) return false;
    // Poetry builds the package named after the project, or what [tool.poetry] packages lists; a project
    // with neither (and no script to install) is an application: dependencies only, as `poetry install
    // --no-root` does, rather than a wheel build that fails with "No file/folder found for package".
    return p.scripts.size > 0 || declaresPackages(ctx) || hasPackageNamed(ctx, p.name);
  },
  installProject(ctx, src) {
    // `poetry install` would install the project editable; build a wheel and install that instead.
    const script =
      `cd ${q(src)} && rm -rf dist && poetry build --format wheel --no-ansi && ` +
      `${pipInto(ctx.venv)} --no-deps --no-compile dist/*.whl`;
    return { name: "install the project (wheel, no deps)", script, env: env(ctx), caches: [POETRY_CACHE, PIP_CACHE] };
  },
};
