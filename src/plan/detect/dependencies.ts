/**
 * The names of the packages a project's production install puts in the venv, as far as its files tell:
 * the start command only names a server (gunicorn, uvicorn, …) that is installed. This module unites what
 * the lockfiles (lockfile-names.ts), the requirement files pip installs (requirement-files.ts) and
 * pyproject.toml (`[project] dependencies`, `[tool.poetry.dependencies]`) say; names are PEP 503
 * normalised, and every reader is linear and total.
 */
import type { ProjectFiles, Pyproject } from "../project.js";
import { tryParsePyproject } from "../project.js";
import { pdmLockNames, pipfileLockNames, poetryLockNames, uvLockNames } from "./lockfile-names.js";
import { namesOfRequirement } from "./requirement.js";
import { requirementNames } from "./requirement-files.js";

export interface DependencyNames {
  /** PEP 503 names (e.g. "gunicorn", "uvicorn", "django"). */
  readonly names: ReadonlySet<string>;
  /** The files the names were read from, in reading order (e.g. "uv.lock", "requirements/base.txt"). */
  readonly sources: readonly string[];
  /** Requirement includes that could not be read: not in the context (or not transferred), or past the bounds. */
  readonly missing: readonly string[];
}

export interface DependencyOptions {
  /**
   * The requirement files pip installs, in order. Default: requirements.txt when present (the default of
   * [dependencies] requirements).
   */
  readonly requirements?: readonly string[];
}

export function dependencyNames(files: ProjectFiles, pyproject?: Pyproject, options: DependencyOptions = {}): DependencyNames {
  const names = new Set<string>();
  const sources: string[] = [];
  const missing: string[] = [];
  const add = (source: string, found: Iterable<string>) => {
    sources.push(source);
    for (const n of found) names.add(n);
  };

  const uv = files.read("uv.lock");
  if (uv !== undefined) add("uv.lock", uvLockNames(uv));
  const poetry = files.read("poetry.lock");
  if (poetry !== undefined) add("poetry.lock", poetryLockNames(poetry));
  const pdm = files.read("pdm.lock");
  if (pdm !== undefined) add("pdm.lock", pdmLockNames(pdm));
  const pipfile = files.read("Pipfile.lock");
  if (pipfile !== undefined) add("Pipfile.lock", pipfileLockNames(pipfile));

  const roots = options.requirements ?? (files.read("requirements.txt") !== undefined ? ["requirements.txt"] : []);
  const reqs = requirementNames(files, roots);
  for (const s of reqs.read) sources.push(s);
  for (const n of reqs.names) names.add(n);
  missing.push(...reqs.missing);

  let p = pyproject;
  if (!p) {
    const text = files.read("pyproject.toml");
    if (text !== undefined) p = tryParsePyproject(text);
  }
  if (p && (p.dependencies.length > 0 || p.poetryDependencies.length > 0)) add("pyproject.toml", pyprojectNames(p));
  return { names, sources, missing };
}

/** `[project] dependencies` and `[tool.poetry.dependencies]` (without python), normalised. */
export function pyprojectNames(p: Pyproject): Set<string> {
  const out = new Set<string>();
  for (const d of p.dependencies) namesOfRequirement(d, out);
  for (const k of p.poetryDependencies) namesOfRequirement(k, out);
  return out;
}
