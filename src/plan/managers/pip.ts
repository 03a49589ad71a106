/**
 * pip: `pip install -r` each requirement file in order (hash-checking mode when the files carry hashes),
 * or the PEP 621 dependencies of a project without requirement files; then the project itself.
 *
 * PEP 735 groups (`[dependency-groups]` of pyproject.toml, with `include-group`) are installed by pip itself
 * (`pip install --group NAME`, pip 25.1 or later), not expanded by pydock: pip implements the standard's
 * include and name-normalisation rules and reports cycles and unknown includes. "main" names the project's
 * own dependencies (the requirement files, or [project] dependencies), which are always installed, as with
 * uv. Next to requirement files the groups are a second `pip install` in the same step: a requirement file
 * with hashes puts pip in hash-checking mode, which group requirements (not pinned) cannot satisfy.
 */
import { shellQuote as q } from "../../core/text.js";
import { requirementNames } from "../detect/requirement-files.js";
import { PIP_CACHE, commonEnv, pipIndexEnv, pipInto, toolInstall, unbuildableProject, type ManagerContext, type PackageManager } from "./manager.js";

/** The requirement files to install, in order: as configured, else requirements.txt when present (the spec's default). */
export function requirementsToInstall(ctx: Pick<ManagerContext, "deps" | "files">): readonly string[] {
  return ctx.deps.requirements ?? (ctx.files.read("requirements.txt") !== undefined ? ["requirements.txt"] : []);
}

function env(ctx: ManagerContext): [string, string][] {
  return [...commonEnv("pip", ctx.venv), ...pipIndexEnv(ctx.deps), ["PIP_DISABLE_PIP_VERSION_CHECK", "1"], ["PIP_ROOT_USER_ACTION", "ignore"]];
}

/** The first pip release with `--group` (PEP 735). */
export const PIP_GROUPS_SINCE = "25.1";

/** The PEP 735 groups to install: the selected groups but "main". */
export function pipGroups(ctx: Pick<ManagerContext, "deps">): readonly string[] {
  return (ctx.deps.groups ?? []).filter((g) => g !== "main");
}

/** Whether `version` ("25.0.1", "24.3") is older than `since` ("25.1"), comparing release numbers only. */
export function olderThan(version: string, since: string): boolean {
  const a = version.split(".").map((x) => parseInt(x, 10) || 0);
  const b = since.split(".").map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

export const pip: PackageManager = {
  name: "pip",
  defaultVersion: "25.3",
  // The requirement files and the files they include (-r, -c), so the install step has all of them.
  lockfiles: (ctx) => {
    const roots = requirementsToInstall(ctx);
    const included = requirementNames(ctx.files, roots);
    return [...new Set([...roots, ...included.read, ...included.missing])];
  },
  check(ctx, report) {
    const requirements = requirementsToInstall(ctx);
    requirements.forEach((r, i) => {
      if (ctx.files.read(r) !== undefined) return;
      report(`requirements file "${r}" is not in the build context`, ctx.deps.requirements ? ["dependencies", "requirements", i] : ["dependencies", "manager"]);
    });
    if (pipGroups(ctx).length > 0 && olderThan(ctx.version, PIP_GROUPS_SINCE)) {
      report(`pip ${ctx.version} cannot install dependency groups (\`pip install --group\` needs pip ${PIP_GROUPS_SINCE} or later)`, ["dependencies", "manager-version"]);
    }
  },
  installTool: (version) => toolInstall("pip", version, [`pip==${version}`]),
  installDependencies(ctx) {
    const pip = `${pipInto(ctx.venv)} --no-compile`;
    const requirements = requirementsToInstall(ctx);
    const groups = pipGroups(ctx).map((g) => `--group ${q(g)}`).join(" ");
    if (requirements.length > 0) {
      const files = requirements.map((r) => `-r ${q(r)}`).join(" ");
      const name = groups ? `pip install ${files} && pip install ${groups}` : `pip install ${files}`;
      const script = groups ? `${pip} ${files} && ${pip} ${groups}` : `${pip} ${files}`;
      return { name, script, env: env(ctx), caches: [PIP_CACHE] };
    }
    const reqs = [...(ctx.pyproject?.dependencies ?? []).map(q), ...(groups ? [groups] : [])].join(" ");
    const what = groups ? `pip install (pyproject dependencies) ${groups}` : "pip install (pyproject dependencies)";
    // No requirement files, no declared dependencies and no groups: nothing to install.
    return reqs ? { name: what, script: `${pip} ${reqs}`, env: env(ctx), caches: [PIP_CACHE] } : undefined;
  },
  isPackage: (ctx) => ctx.pyproject?.hasBuildSystem === true && (requirementsToInstall(ctx).length === 0 || ctx.pyproject.name !== undefined) && !unbuildableProject(ctx),
  installProject(ctx, src) {
    return { name: "pip install --no-deps .", script: `${pipInto(ctx.venv)} --no-deps --no-compile ${q(src)}`, env: env(ctx), caches: [PIP_CACHE] };
  },
};
