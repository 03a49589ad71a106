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
 *
 * Lock shapes. `pipenv sync` is no way out for a lock the export cannot take: Pipenv (2026.10.3) builds
 * sync's pip lines with the same function as `pipenv requirements --hash` (requirement_from_lockfile), so
 * an entry one turns into a bad line the other does too. The one lock that `pipenv requirements --hash |
 * pip install` fails on and sync installs mixes entries with and without hashes — git/path/file entries,
 * whose lines carry none, and entries Pipenv recorded none for — as pip checks every line's hashes or
 * none. Sync runs pip once for the lines with hashes and once for the others; pydock does the same with the
 * export, decided at plan time from the lock's selected categories (and with the tool venv's pip,
 * `--no-compile` and pydock's environment, which sync's own pip runs would not keep), and cuts the bare
 * `--hash=` an empty `hashes` list exports to, on which sync fails too. A lock without `_meta.sources`
 * (written by hand or by another tool) makes both export and sync fail with a KeyError: it is a plan error
 * here. `pipenv verify` hashes the Pipfile as the `pipfile` library of older Pipenv releases did: an old
 * lock of an unchanged Pipfile verifies.
 *
 * No Pipfile.lock: an error. Pipenv would lock at build time (`pipenv install` without `--deploy`),
 * resolving anew on every build, so the image would not be reproducible from the context; the message says
 * to run `pipenv lock` and commit the lock.
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
const UNHASHED =
  "pydock: Pipfile.lock has entries without hashes (git, path or file entries, or none recorded): pip installs those without hash checking, after the others, hash-checked";

/** An entry `pipenv requirements --hash` writes without a usable hash: git, path and URL entries, and any without `hashes`. */
function unhashable(entry: unknown): boolean {
  if (!isTable(entry)) return true; // "name": "==1.0", without hashes
  if (["git", "path", "file", "hg", "svn", "bzr"].some((f) => typeof entry[f] === "string")) return true;
  const hashes = entry["hashes"];
  return !Array.isArray(hashes) || !hashes.some((h) => typeof h === "string" && h !== "");
}

/**
 * Entries without hashes (see {@link unhashable}) among the categories exported (lock spelling; all when
 * unset): their lines are then installed apart, without hash checking, as pip checks all lines or none.
 */
export function pipfileLockHasUnhashable(lock: string, categories?: readonly string[]): boolean {
  try {
    const doc: unknown = JSON.parse(lock);
    if (!isTable(doc)) return false;
    return Object.entries(doc).some(([k, v]) => k !== "_meta" && (categories === undefined || categories.includes(k)) && isTable(v) && Object.values(v).some(unhashable));
  } catch {
    return false;
  }
}

/** What keeps Pipenv from reading Pipfile.lock at all, or undefined. */
export function pipfileLockProblem(lock: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(lock);
  } catch (e) {
    return `Pipfile.lock is not valid JSON: ${(e as Error).message.split("\n")[0]} (run \`pipenv lock\`)`;
  }
  const meta = isTable(doc) ? doc["_meta"] : undefined;
  if (!isTable(meta) || !Array.isArray(meta["sources"])) {
    return "Pipfile.lock has no _meta.sources, without which Pipenv cannot read it (was it written by hand or by another tool?): run `pipenv lock` and commit Pipfile.lock";
  }
  return undefined;
}

const NO_LOCK =
  "manager is pipenv but Pipfile.lock is not in the build context: run `pipenv lock` and commit Pipfile.lock (pydock installs locked versions only; locking at build time would resolve anew on every build)";

export const pipenv: PackageManager = {
  name: "pipenv",
  defaultVersion: "2026.10.3",
  lockfiles: () => ["Pipfile", "Pipfile.lock"],
  check(ctx, report) {
    const pipfile = ctx.files.read("Pipfile");
    if (pipfile === undefined) report("manager is pipenv but Pipfile is not in the build context", ["dependencies", "manager"]);
    const lock = ctx.files.read("Pipfile.lock");
    if (lock === undefined) report(NO_LOCK, ["dependencies", "manager"]);
    const problem = lock === undefined ? undefined : pipfileLockProblem(lock);
    if (problem !== undefined) report(problem, ["dependencies", "manager"]);
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
    const selected = pipenvCategories(ctx.deps);
    const categories = selected.join(" ");
    const verify = `{ pipenv verify || { echo ${q(STALE)} >&2; exit 1; }; } && `;
    const exported = "/tmp/pydock-requirements.txt";
    const pip = `${pipInto(ctx.venv)} --no-deps --no-compile -r`;
    const name = `pipenv verify && pipenv requirements --categories ${q(categories)} | pip install`;
    if (!pipfileLockHasUnhashable(ctx.files.read("Pipfile.lock") ?? "", selected)) {
      const script = verify + `pipenv requirements --hash --categories ${q(categories)} > ${exported} && ${pip} ${exported}`;
      return { name, script, env: env(ctx), caches: [PIPENV_CACHE, PIP_CACHE] };
    }
    // pip checks every line's hashes or none: the lines with hashes go to one file, installed hash-checked, the
    // others (and the bare `--hash=` of an empty list, cut off) to another; the index lines to both.
    const [hashed, unhashed] = ["/tmp/pydock-requirements-hashed.txt", "/tmp/pydock-requirements-unhashed.txt"];
    const split =
      `awk -v h=${hashed} -v u=${unhashed} 'BEGIN { printf "" > h; printf "" > u } ` +
      `/^(-i|--index-url|--extra-index-url) / { print > h; print > u; next } / --hash=[^ ]/ { print > h; next } { sub(/ --hash=$/, ""); print > u }' ${exported}`;
    const script =
      verify +
      `echo ${q(UNHASHED)} >&2 && ` +
      `pipenv requirements --hash --categories ${q(categories)} > ${exported} && ${split} && ${pip} ${hashed} && ${pip} ${unhashed}`;
    return { name: `${name} (entries without hashes apart)`, script, env: env(ctx), caches: [PIPENV_CACHE, PIP_CACHE] };
  },
  isPackage: (ctx) => ctx.pyproject?.hasBuildSystem === true,
  installProject(ctx, src) {
    return { name: "pip install --no-deps .", script: `${pipInto(ctx.venv)} --no-deps --no-compile ${q(src)}`, env: env(ctx), caches: [PIP_CACHE] };
  },
};
