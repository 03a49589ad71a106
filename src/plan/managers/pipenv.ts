/**
 * Pipenv (Pipfile + Pipfile.lock). `pipenv verify` first: `pipenv requirements` exports whatever the lock
 * says without comparing it with the Pipfile, so a lock out of date with the Pipfile fails the step here
 * with a message saying so. Then Pipenv exports the locked packages of the chosen categories with their
 * hashes (`pipenv requirements --hash --categories`) and pip installs exactly those files, hash-checked and
 * without resolving anything; the project itself only when pyproject.toml makes it a package.
 *
 * Categories: `[dependencies] groups` names Pipfile categories, in either spelling — the Pipfile's table
 * ("packages", "dev-packages", a custom one) or the lock's key ("default", "develop"); "main" is the
 * packages. Unset: the packages only. They are passed in the lock's spelling: `pipenv requirements`
 * accepts both (`pipenv install --categories` would refuse "default").
 */
import { parse } from "smol-toml";
import { isTable, shellQuote as q } from "../../core/text.js";
import type { DependenciesConfig } from "../../config/model.js";
import type { CacheMount } from "../types.js";
import { PIP_CACHE, commonEnv, pipIndexEnv, pipInto, toolInstall, type ManagerContext, type PackageManager } from "./manager.js";

export const PIPENV_CACHE: CacheMount = { id: "pydock-pipenv", target: "/root/.cache/pipenv", sharing: "locked" };

/** A category in Pipfile.lock's spelling: the packages are "default", the dev-packages "develop". */
export function lockCategory(group: string): string {
  if (group === "main" || group === "packages" || group === "default") return "default";
  if (group === "dev-packages" || group === "develop") return "develop";
  return group;
}

/** The categories to export, in the lock's spelling, without repeats (default: the packages only). */
export function pipenvCategories(deps: Pick<DependenciesConfig, "groups">): string[] {
  return [...new Set((deps.groups ?? ["main"]).map(lockCategory))];
}

/** The categories the Pipfile declares, in the lock's spelling (its tables but [[source]], [requires], [scripts], [pipenv]). */
export function pipfileCategories(pipfile: string): Set<string> {
  const doc = parse(pipfile);
  const notCategories = new Set(["source", "requires", "scripts", "pipenv"]);
  return new Set(Object.keys(doc).filter((k) => isTable(doc[k]) && !notCategories.has(k)).map(lockCategory));
}

function env(ctx: ManagerContext): [string, string][] {
  return [
    ...commonEnv("pipenv", ctx.venv),
    ...pipIndexEnv(ctx.deps),
    ["PIPENV_CACHE_DIR", PIPENV_CACHE.target],
    ["PIPENV_YES", "1"],
    ["PIPENV_NOSPIN", "1"],
    ["PIPENV_VERBOSITY", "-1"],
    ["PIPENV_IGNORE_VIRTUALENVS", "1"],
    ["PIP_DISABLE_PIP_VERSION_CHECK", "1"],
    ["PIP_ROOT_USER_ACTION", "ignore"],
  ];
}

const STALE = "Pipfile.lock is out of date with Pipfile (pipenv verify): run `pipenv lock` and commit Pipfile.lock";

/** Git, path and URL entries carry no hashes: the export then has to go without hash checking. */
export function pipfileLockHasUnhashable(lock: string): boolean {
  try {
    const doc: unknown = JSON.parse(lock);
    if (!isTable(doc)) return false;
    return Object.entries(doc).some(
      ([k, v]) => k !== "_meta" && isTable(v) && Object.values(v).some((p) => isTable(p) && ["git", "path", "file", "hg", "svn", "bzr"].some((f) => typeof p[f] === "string")),
    );
  } catch {
    return false;
  }
}

export const pipenv: PackageManager = {
  name: "pipenv",
  defaultVersion: "2026.10.3",
  lockfiles: () => ["Pipfile", "Pipfile.lock"],
  check(ctx, report) {
    const pipfile = ctx.files.read("Pipfile");
    if (pipfile === undefined) report("manager is pipenv but Pipfile is not in the build context", ["dependencies", "manager"]);
    if (ctx.files.read("Pipfile.lock") === undefined) report("manager is pipenv but Pipfile.lock is not in the build context (run `pipenv lock`)", ["dependencies", "manager"]);
    if (pipfile === undefined) return;
    let declared: Set<string>;
    try {
      declared = pipfileCategories(pipfile);
    } catch (e) {
      report(`Pipfile is not valid TOML: ${(e as Error).message.split("\n")[0]}`, ["dependencies", "manager"]);
      return;
    }
    (ctx.deps.groups ?? []).forEach((g, i) => {
      if (lockCategory(g) === "default" || declared.has(lockCategory(g))) return;
      const known = [...declared].map((c) => (c === "default" ? "packages" : c === "develop" ? "dev-packages" : c)).join(", ") || "none";
      report(`unknown Pipfile category "${g}" (Pipfile declares: ${known})`, ["dependencies", "groups", i]);
    });
  },
  installTool: (version) => toolInstall("pipenv", version, [`pipenv==${version}`]),
  installDependencies(ctx) {
    const categories = pipenvCategories(ctx.deps).join(" ");
    const hashes = pipfileLockHasUnhashable(ctx.files.read("Pipfile.lock") ?? "") ? "" : " --hash";
    const exported = "/tmp/pydock-requirements.txt";
    const script =
      `{ pipenv verify || { echo ${q(STALE)} >&2; exit 1; }; } && ` +
      `pipenv requirements${hashes} --categories ${q(categories)} > ${exported} && ` +
      `${pipInto(ctx.venv)} --no-deps --no-compile -r ${exported}`;
    return { name: `pipenv verify && pipenv requirements --categories ${q(categories)} | pip install`, script, env: env(ctx), caches: [PIPENV_CACHE, PIP_CACHE] };
  },
  isPackage: (ctx) => ctx.pyproject?.hasBuildSystem === true,
  installProject(ctx, src) {
    return { name: "pip install --no-deps .", script: `${pipInto(ctx.venv)} --no-deps --no-compile ${q(src)}`, env: env(ctx), caches: [PIP_CACHE] };
  },
};
