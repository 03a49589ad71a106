/**
 * The installed set, read from the project's lockfile: every distribution the dependency install step puts in
 * the venv, with its exact version, the hashes the lock pins and a package URL. Pure: files come from a callback.
 *
 * What "installed" means here mirrors the install commands in plan/managers.ts:
 * - uv (`uv sync --no-default-groups [--group g] [--extra e]`): the project's `dependencies`, plus the
 *   `[package.dev-dependencies]` of each selected group ("main" means the project's own dependencies and adds
 *   nothing), plus `[package.optional-dependencies]` of each selected extra, and their transitive closure
 *   (following `extra = [...]` on dependency edges). The project itself (and any other workspace root) is not a
 *   dependency: it is what the SBOM describes.
 * - poetry (`poetry export --only <groups> [--extras e]`, default groups ["main"]): with a 2.1 lock (Poetry 2)
 *   the packages whose `groups` meet the selection; with a 1.x lock the packages whose `category` does; with a
 *   2.0 lock (Poetry 1.5–1.8, neither field) the closure from pyproject.toml's dependencies of the selected
 *   groups. Optional packages only when a selected extra reaches them.
 * - pip: the requirement files (`-r` includes followed), one distribution per requirement line.
 * - pdm (`pdm export`, see pdm-lock.ts): the packages whose `groups` meet the selection ("default" unless
 *   the groups leave it out, the other groups, the extras).
 * - pipenv (`pipenv requirements --categories`, see pipfile-lock.ts): every package of the selected categories.
 *
 * Markers: PEP 508 markers are evaluated three-valued against a Linux/CPython environment (os_name, sys_platform,
 * platform_system, platform_python_implementation, implementation_name), extended by `environment` (e.g.
 * `python_version`, `platform_machine`). A variable with no known value makes its comparison unknown, and a
 * package is kept unless its marker is *definitely* false — so the SBOM may list a package that the real
 * install skips because of, say, a `python_version` or `platform_machine` marker the caller did not pin, but it
 * never misses one the install could include. Poetry's `python = "..."` dependency constraints are not evaluated
 * (kept). Unparsable markers are kept.
 */
import { LockfileError, finish, type Distribution, type Draft, type LockInput } from "./distribution.js";
import { LINUX_CPYTHON } from "./markers.js";
import { pdmDistributions } from "./pdm-lock.js";
import { pipDistributions } from "./pip-requirements.js";
import { pipfileDistributions } from "./pipfile-lock.js";
import { poetryDistributions } from "./poetry-lock.js";
import { uvDistributions } from "./uv-lock.js";

// The readers live in uv-lock.ts, poetry-lock.ts and pip-requirements.ts; markers.ts evaluates PEP 508 markers,
// requirements.ts parses PEP 508 requirements, distribution.ts holds the types and helpers they share.

/** The installed distributions, sorted by name then version. */
export function lockedDistributions(input: LockInput): Distribution[] {
  const env: Readonly<Record<string, string>> = { ...LINUX_CPYTHON, ...input.environment };
  let dists: Draft[];
  switch (input.manager) {
    case "uv":
      dists = uvDistributions(required(input, "uv.lock"), input, env);
      break;
    case "poetry":
      dists = poetryDistributions(required(input, "poetry.lock"), input, env);
      break;
    case "pip":
      dists = pipDistributions(input, env);
      break;
    case "pdm":
      dists = pdmDistributions(required(input, "pdm.lock"), input, env);
      break;
    case "pipenv":
      dists = pipfileDistributions(required(input, "Pipfile.lock"), input, env);
      break;
  }
  return finish(dists);
}

function required(input: LockInput, path: string): string {
  const text = input.files(path);
  if (text === undefined) throw new LockfileError(`${path} not found`);
  return text;
}
