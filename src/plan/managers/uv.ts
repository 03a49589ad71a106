/**
 * uv: `uv sync --frozen --no-install-project --no-editable` installs exactly the lock's selection, then the
 * project itself non-editable. uv.lock is compared with pyproject.toml first (see uv-lock-drift.ts), since
 * `--frozen` installs whatever the lock says without looking.
 */
import type { DependenciesConfig } from "../../config/model.js";
import { shellQuote as q } from "../../core/text.js";
import type { CacheMount } from "../types.js";
import { commonEnv, toolInstall, type ManagerContext, type PackageManager } from "./manager.js";
import { uvLockDrift } from "./uv-lock-drift.js";

export const UV_CACHE: CacheMount = { id: "pydock-uv", target: "/root/.cache/uv", sharing: "shared" };

/** uv flags: production only unless groups are given ("main" is the project's own dependencies). */
function selection(deps: DependenciesConfig): string[] {
  const flags = ["--no-default-groups"];
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

export const uv: PackageManager = {
  name: "uv",
  defaultVersion: "0.9.5",
  lockfiles: () => ["uv.lock"],
  check(ctx, report) {
    const pyproject = ctx.files.read("pyproject.toml");
    const lock = ctx.files.read("uv.lock");
    if (pyproject === undefined) report("manager is uv but pyproject.toml is not in the build context", ["dependencies", "manager"]);
    if (lock === undefined) report("manager is uv but uv.lock is not in the build context (run `uv lock`)", ["dependencies", "manager"]);
    if (pyproject === undefined || lock === undefined) return;
    try {
      for (const drift of uvLockDrift(pyproject, lock)) report(`uv.lock is out of date: ${drift} (run \`uv lock\`)`, ["dependencies", "manager"]);
    } catch (e) {
      report(`uv.lock is not valid TOML: ${(e as Error).message.split("\n")[0]}`, ["dependencies", "manager"]);
    }
  },
  installTool: (version) => toolInstall("uv", [`uv==${version}`]),
  installDependencies(ctx) {
    const args = ["sync", "--frozen", "--no-install-project", "--no-editable", ...selection(ctx.deps)];
    return { name: `uv ${args.join(" ")}`, script: `uv ${args.join(" ")}`, env: env(ctx), caches: [UV_CACHE] };
  },
  isPackage: (ctx) => ctx.pyproject?.uvPackage ?? true,
  installProject(ctx, src) {
    const args = ["sync", "--frozen", "--no-editable", ...selection(ctx.deps)];
    // uv records the source tree's modification times in uv_cache.json: drop it (and its RECORD line) so
    // the venv does not change with the time of the checkout.
    const site = `${q(ctx.venv)}/lib/python*/site-packages/*.dist-info`;
    const scrub = `rm -f ${site}/uv_cache.json && sed -i '/uv_cache\\.json/d' ${site}/RECORD`;
    return { name: `uv ${args.join(" ")}`, script: `cd ${q(src)} && uv ${args.join(" ")} && ${scrub}`, env: env(ctx), caches: [UV_CACHE] };
  },
};
