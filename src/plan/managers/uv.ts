/**
 * uv: `uv sync --frozen --no-install-project --no-editable` installs exactly the lock's selection, then the
 * project itself non-editable. uv.lock is compared with pyproject.toml first (see uv-lock-drift.ts), since
 * `--frozen` installs whatever the lock says without looking.
 *
 * A workspace ([tool.uv.workspace] members) installs its third-party dependencies with only the members'
 * pyproject.toml in place (`--no-install-workspace`, so a source edit never re-runs it), then every member
 * and the root non-editable from the sources.
 */
import { parse } from "smol-toml";
import type { DependenciesConfig } from "../../config/model.js";
import { globToRegExp } from "../../core/glob.js";
import { isTable, normalizeName, shellQuote as q } from "../../core/text.js";
import type { CacheMount } from "../types.js";
import { commonEnv, toolInstall, unbuildableProject, type ManagerContext, type PackageManager } from "./manager.js";
import { uvLockDrift } from "./uv-lock-drift.js";

export const UV_CACHE: CacheMount = { id: "pydock-uv", target: "/root/.cache/uv", sharing: "shared" };

/**
 * uv flags: production only unless groups are given ("main" is the project's own dependencies), and the
 * workspace member `[app] package` names.
 */
function selection(deps: DependenciesConfig, member?: string): string[] {
  const flags = member ? [`--package ${q(member)}`, "--no-default-groups"] : ["--no-default-groups"];
  for (const g of deps.groups ?? []) if (g !== "main") flags.push(`--group ${q(g)}`);
  for (const e of deps.extras) flags.push(`--extra ${q(e)}`);
  return flags;
}

function env(ctx: ManagerContext): [string, string][] {
  const index: [string, string][] = [];
  if (ctx.deps.indexUrl) index.push(["UV_DEFAULT_INDEX", ctx.deps.indexUrl]);
  if (ctx.deps.extraIndexUrls.length) index.push(["UV_INDEX", ctx.deps.extraIndexUrls.join(" ")]);
  return [
    ...commonEnv("uv", ctx.venv),
    ...index,
    ["UV_PROJECT_ENVIRONMENT", ctx.venv],
    ["UV_CACHE_DIR", UV_CACHE.target],
    ["UV_LINK_MODE", "copy"],
    ["UV_PYTHON_DOWNLOADS", "never"],
    ["UV_NO_PROGRESS", "1"],
  ];
}

/**
 * The workspace members' folders (those with a pyproject.toml in the context matching `members` and not
 * `exclude`), sorted; empty for a project that is not a workspace root.
 */
export function workspaceMembers(ctx: Pick<ManagerContext, "files">): string[] {
  let workspace: unknown;
  try {
    const doc = parse(ctx.files.read("pyproject.toml") ?? "");
    const tool = isTable(doc["tool"]) ? doc["tool"] : undefined;
    const uvTable = tool && isTable(tool["uv"]) ? tool["uv"] : undefined;
    workspace = uvTable?.["workspace"];
  } catch {
    return [];
  }
  if (!isTable(workspace)) return [];
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").map(globToRegExp) : []);
  const members = globs(workspace["members"]);
  const exclude = globs(workspace["exclude"]);
  return ctx.files.paths
    .filter((p) => p.endsWith("/pyproject.toml"))
    .map((p) => p.slice(0, -"/pyproject.toml".length))
    .filter((dir) => members.some((re) => re.test(dir)) && !exclude.some((re) => re.test(dir)))
    .sort();
}

/** The workspace members' [project] tables (from their pyproject.toml), by PEP 503 name, with their folder. */
function members(ctx: Pick<ManagerContext, "files">): Map<string, { dir: string; project: Record<string, unknown> }> {
  const found = new Map<string, { dir: string; project: Record<string, unknown> }>();
  for (const dir of workspaceMembers(ctx)) {
    try {
      const doc = parse(ctx.files.read(`${dir}/pyproject.toml`) ?? "");
      const project = isTable(doc["project"]) ? doc["project"] : undefined;
      if (project && typeof project["name"] === "string") found.set(normalizeName(project["name"]), { dir, project });
    } catch {
      // A member whose pyproject.toml does not parse: uv reports it.
    }
  }
  return found;
}

const memberNames = (ctx: Pick<ManagerContext, "files">): Set<string> => new Set(members(ctx).keys());

/** The console scripts ([project.scripts]) of the workspace member `name`, with the member's folder. */
export function memberScripts(ctx: Pick<ManagerContext, "files">, name: string): { dir: string; scripts: string[] } | undefined {
  const member = members(ctx).get(normalizeName(name));
  if (!member) return undefined;
  const scripts = member.project["scripts"];
  return { dir: member.dir, scripts: isTable(scripts) ? Object.keys(scripts) : [] };
}

export const uv: PackageManager = {
  name: "uv",
  defaultVersion: "0.9.5",
  lockfiles: (ctx) => ["uv.lock", ...workspaceMembers(ctx).map((m) => `${m}/pyproject.toml`)],
  check(ctx, report) {
    const pyproject = ctx.files.read("pyproject.toml");
    const lock = ctx.files.read("uv.lock");
    if (pyproject === undefined) report("manager is uv but pyproject.toml is not in the build context", ["dependencies", "manager"]);
    if (lock === undefined) report("manager is uv but uv.lock is not in the build context (run `uv lock`)", ["dependencies", "manager"]);
    if (ctx.package !== undefined) {
      const names = memberNames(ctx);
      if (!names.has(normalizeName(ctx.package))) {
        const known = [...names].join(", ") || "none: pyproject.toml declares no [tool.uv.workspace] members";
        report(`[app] package "${ctx.package}" is not a member of this uv workspace (members: ${known})`, ["app", "package"]);
      }
    }
    if (pyproject === undefined || lock === undefined) return;
    try {
      for (const drift of uvLockDrift(pyproject, lock)) report(`uv.lock is out of date: ${drift} (run \`uv lock\`)`, ["dependencies", "manager"]);
    } catch (e) {
      report(`uv.lock is not valid TOML: ${(e as Error).message.split("\n")[0]}`, ["dependencies", "manager"]);
    }
  },
  installTool: (version) => toolInstall("uv", version, [`uv==${version}`]),
  installDependencies(ctx) {
    const skip = workspaceMembers(ctx).length > 0 ? "--no-install-workspace" : "--no-install-project";
    const args = ["sync", "--frozen", skip, "--no-editable", ...selection(ctx.deps, ctx.package)];
    return { name: `uv ${args.join(" ")}`, script: `uv ${args.join(" ")}`, env: env(ctx), caches: [UV_CACHE] };
  },
  isPackage: (ctx) => (ctx.pyproject?.hasBuildSystem === true && ctx.pyproject.uvPackage !== false && !unbuildableProject(ctx)) || workspaceMembers(ctx).length > 0,
  installProject(ctx, src) {
    const args = ["sync", "--frozen", "--no-editable", ...selection(ctx.deps, ctx.package)];
    // uv records the source tree's modification times in uv_cache.json: drop it (and its RECORD line) so
    // the venv does not change with the time of the checkout.
    const site = `${q(ctx.venv)}/lib/python*/site-packages/*.dist-info`;
    const scrub = `rm -f ${site}/uv_cache.json && sed -i '/uv_cache\\.json/d' ${site}/RECORD`;
    return { name: `uv ${args.join(" ")}`, script: `cd ${q(src)} && uv ${args.join(" ")} && ${scrub}`, env: env(ctx), caches: [UV_CACHE] };
  },
};
