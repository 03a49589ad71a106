/**
 * pip: `pip install -r` each requirement file in order (hash-checking mode when the files carry hashes),
 * or the PEP 621 dependencies of a project without requirement files; then the project itself.
 */
import { shellQuote as q } from "../../core/text.js";
import { requirementNames } from "../detect/requirement-files.js";
import { PIP_CACHE, commonEnv, pipIndexEnv, pipInto, toolInstall, type ManagerContext, type PackageManager } from "./manager.js";

/** The requirement files to install, in order: as configured, else requirements.txt when present (the spec's default). */
export function requirementsToInstall(ctx: Pick<ManagerContext, "deps" | "files">): readonly string[] {
  return ctx.deps.requirements ?? (ctx.files.read("requirements.txt") !== undefined ? ["requirements.txt"] : []);
}

function env(ctx: ManagerContext): [string, string][] {
  return [...commonEnv("pip", ctx.venv), ...pipIndexEnv(ctx.deps), ["PIP_DISABLE_PIP_VERSION_CHECK", "1"], ["PIP_ROOT_USER_ACTION", "ignore"]];
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
  },
  installTool: (version) => toolInstall("pip", [`pip==${version}`]),
  installDependencies(ctx) {
    const pip = `${pipInto(ctx.venv)} --no-compile`;
    const requirements = requirementsToInstall(ctx);
    if (requirements.length > 0) {
      const files = requirements.map((r) => `-r ${q(r)}`).join(" ");
      return { name: `pip install ${files}`, script: `${pip} ${files}`, env: env(ctx), caches: [PIP_CACHE] };
    }
    const reqs = (ctx.pyproject?.dependencies ?? []).map(q).join(" ");
    // No requirement files and no declared dependencies: nothing to install.
    return reqs ? { name: "pip install (pyproject dependencies)", script: `${pip} ${reqs}`, env: env(ctx), caches: [PIP_CACHE] } : undefined;
  },
  isPackage: (ctx) => ctx.pyproject?.hasBuildSystem === true && (requirementsToInstall(ctx).length === 0 || ctx.pyproject.name !== undefined),
  installProject(ctx, src) {
    return { name: "pip install --no-deps .", script: `${pipInto(ctx.venv)} --no-deps --no-compile ${q(src)}`, env: env(ctx), caches: [PIP_CACHE] };
  },
};
