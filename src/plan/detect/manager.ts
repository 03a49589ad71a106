/**
 * Which package manager installs the dependencies, when [dependencies] manager is absent (spec: uv.lock →
 * uv, poetry.lock → poetry, pdm.lock → pdm, Pipfile.lock → pipenv, requirements*.txt or a PEP 621
 * pyproject without lockfile → pip). Several candidates never fail the build: the first in that order wins
 * (a lockfile beats requirement files, which are often exported from it), with a warning naming the others.
 *
 * pydock builds with uv, Poetry, PDM, Pipenv and pip (a Pipfile without Pipfile.lock, when nothing else fits,
 * is Pipenv too: the manager then asks for the lock). A project with nothing to install — no manifest at
 * all, or a pyproject.toml declaring no dependencies and no build-system — is pip with nothing to install.
 */
import type { ManagerName } from "../../config/model.js";
import type { ProjectFiles, Pyproject } from "../project.js";
import { tryParsePyproject } from "../project.js";
import { fail, ok, type Detected } from "./result.js";

/** Requirement files at the top of the context (requirements.txt first). */
export function requirementFiles(files: ProjectFiles): string[] {
  const found = files.paths.filter((p) => /^requirements[^/]*\.txt$/.test(p));
  return found.sort((a, b) => (a === "requirements.txt" ? -1 : b === "requirements.txt" ? 1 : a.localeCompare(b)));
}

type Candidate = readonly [manager: ManagerName, why: string];

const LOOKED_FOR = "uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt or pyproject.toml";

/** The package manager from the lockfiles (see the module comment). */
export function detectManager(files: ProjectFiles, pyproject: Pyproject | undefined): Detected<ManagerName> {
  const has = (p: string) => files.read(p) !== undefined;
  let p = pyproject;
  if (!p && has("pyproject.toml")) p = tryParsePyproject(files.read("pyproject.toml") ?? "");

  const candidates: Candidate[] = [];
  if (has("uv.lock")) candidates.push(["uv", "uv.lock"]);
  if (has("poetry.lock")) candidates.push(["poetry", "poetry.lock"]);
  if (has("pdm.lock")) candidates.push(["pdm", "pdm.lock"]);
  if (has("Pipfile.lock")) candidates.push(["pipenv", "Pipfile.lock"]);
  const reqs = requirementFiles(files);
  if (reqs.length > 0) candidates.push(["pip", reqs.join(", ")]);
  if (!has("Pipfile.lock") && has("Pipfile")) candidates.push(["pipenv", "Pipfile"]);
  if (candidates.length === 0 && p && (p.dependencies.length > 0 || p.hasBuildSystem)) {
    candidates.push(["pip", "pyproject.toml without a lockfile"]);
  }

  const [first, ...rest] = candidates;
  if (first) {
    const [manager, why] = first;
    const source = { file: manager === "pip" && why.startsWith("pyproject") ? "pyproject.toml" : (reqs[0] !== undefined && manager === "pip" ? reqs[0] : why) };
    if (rest.length > 0) {
      const others = rest.map(([m, w]) => `${w} (${m})`).join(", ");
      return ok(
        manager,
        `${why} comes first in pydock's order (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt, Pipfile); the context also has ${others}`,
        source,
        true,
      );
    }
    const reason =
      manager === "pip"
        ? why === "pyproject.toml without a lockfile"
          ? "pyproject.toml declares its dependencies and there is no lockfile"
          : `${why} ${reqs.length > 1 ? "are" : "is"} the only dependency manifest${reqs.length > 1 ? "s" : ""} (no uv.lock, poetry.lock, pdm.lock or Pipfile.lock)`
        : why === "Pipfile"
          ? "Pipfile is the only dependency manifest, without its Pipfile.lock (run `pipenv lock`)"
          : `${why} is the only lockfile (no ${["uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock"].filter((f) => f !== why).join(", ")} or requirements*.txt)`;
    return ok(manager, reason, source);
  }

  // Nothing to install with a manager.
  if (p && p.poetryDependencies.length > 0 && !p.hasBuildSystem) {
    return fail(
      "pyproject.toml lists [tool.poetry.dependencies] but there is no poetry.lock in the build context: run `poetry lock`, or set [dependencies] manager",
      { file: "pyproject.toml" },
    );
  }
  if (p) {
    return ok(
      "pip",
      "nothing to install: pyproject.toml declares no dependencies and no build-system, and there is no uv.lock, poetry.lock, pdm.lock, Pipfile.lock or requirements*.txt",
      { file: "pyproject.toml" },
      true,
    );
  }
  if (has("pyproject.toml")) {
    // Not valid TOML: the planner reports it; no candidate can be told from it.
    return fail(`cannot tell how to install the dependencies: pyproject.toml is not valid TOML; set [dependencies] manager`, { file: "pyproject.toml" });
  }
  return ok("pip", `nothing to install: no ${LOOKED_FOR} in the build context`, undefined, true);
}
