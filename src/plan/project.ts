/**
 * The project's own files that drive detection and the dependency install: read from the build context
 * before planning (a small include-only transfer), then looked at by pure functions.
 */
import { parse } from "smol-toml";
import { isTable, type Table } from "../core/text.js";

/** The modules where web applications create their app object, by convention (spec: "Detection"). */
const APP_MODULES = ["main.py", "app.py", "application.py", "api.py", "server.py", "wsgi.py", "asgi.py"];

/**
 * Context paths the frontend reads before planning (patterns as in .dockerignore: `*` stays within one
 * folder). This transfer runs on every build, so it names the few files detection needs rather than every
 * Python file:
 * - manifests and lockfiles: which manager, and which packages get installed (servers are only chosen when
 *   installed); requirement files under requirements/ for `-r` includes;
 * - Python version pins (.python-version, .tool-versions, mise, runtime.txt, Pipfile, setup.py/cfg);
 * - Django: manage.py at the top or up to two folders down, its settings module or settings package, and
 *   the wsgi/asgi modules next to them;
 * - the conventional app modules at the top, one folder down and in src/<package>/;
 * - packages' __init__.py (app factories, `gunicorn 'pkg:create_app()'`) and __main__.py (`python -m pkg`);
 * - the Python files at the top of the context: entry scripts (`main.py`, `bot.py`, `<project>.py`) and app
 *   modules;
 * - what the project says about running it elsewhere: Procfile, and a Dockerfile or compose file (hints only).
 */
export const PROJECT_FILE_PATTERNS: readonly string[] = [
  ...new Set([
    "pyproject.toml",
    "poetry.lock",
    "uv.lock",
    "pdm.lock",
    "Pipfile",
    "Pipfile.lock",
    "setup.py",
    "setup.cfg",
    "requirements*.txt",
    "requirements/*.txt",
    "requirements/**/*.txt",
    ".python-version",
    ".tool-versions",
    "mise.toml",
    ".mise.toml",
    "runtime.txt",
    "manage.py",
    "*/manage.py",
    "*/*/manage.py",
    "*/settings.py",
    "*/*/settings.py",
    "*/*/*/settings.py",
    "*/settings/*.py",
    "*/*/settings/*.py",
    "*/*/*/settings/*.py",
    ...APP_MODULES.flatMap((m) => [m, `*/${m}`, `src/*/${m}`]),
    "*/*/wsgi.py",
    "*/*/*/wsgi.py",
    "*/*/asgi.py",
    "*/*/*/asgi.py",
    "*/__init__.py",
    "src/*/__init__.py",
    "*/__main__.py",
    // uv workspace members' manifests (members = ["packages/*"] and the like).
    "*/pyproject.toml",
    "*/*/pyproject.toml",
    "src/*/__main__.py",
    "*.py",
    "Procfile",
    "Dockerfile",
    "Containerfile",
    "dockerfile",
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
  ]),
];

/** What the planner knows of the project. */
export interface ProjectFiles {
  /** Relative paths present in the context among PROJECT_FILE_PATTERNS, sorted. */
  readonly paths: readonly string[];
  /** Text of a file among `paths`, or undefined. */
  read(path: string): string | undefined;
}

export function projectFiles(files: ReadonlyMap<string, string>): ProjectFiles {
  const paths = [...files.keys()].sort();
  return { paths, read: (p) => files.get(p) };
}

/** The parts of pyproject.toml pydock uses. */
export interface Pyproject {
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly requiresPython: string | undefined;
  /** Which key `requiresPython` came from. */
  readonly requiresPythonFrom: "project.requires-python" | "tool.poetry.dependencies.python" | undefined;
  readonly dependencies: readonly string[];
  /** The package names of `[tool.poetry.dependencies]` (without `python`), as written. */
  readonly poetryDependencies: readonly string[];
  readonly optionalDependencies: ReadonlyMap<string, readonly string[]>;
  readonly scripts: ReadonlyMap<string, string>;
  readonly hasBuildSystem: boolean;
  /** `[build-system] build-backend`, when set ("setuptools.build_meta", "hatchling.build", …). */
  readonly buildBackend: string | undefined;
  /** `[tool.setuptools]` says which packages or modules to build (packages, py-modules, packages.find). */
  readonly setuptoolsPackages: boolean;
  /** `[tool.hatch.build]` is set (hatchling's file selection is configured). */
  readonly hatchBuild: boolean;
  /** Poetry: [tool.poetry] present; packageMode false when `package-mode = false`. */
  readonly poetry: { readonly packageMode: boolean } | undefined;
  /** uv: `[tool.uv] package` when set. */
  readonly uvPackage: boolean | undefined;
  /** PEP 735 groups and Poetry groups declared, by name. */
  readonly groups: ReadonlySet<string>;
  /** PEP 735 `[dependency-groups]` names only (what pip's `--group` installs). */
  readonly dependencyGroups: ReadonlySet<string>;
  /** Files the project's own build reads: `[project] readme` / `license` files, Poetry's `readme`. */
  readonly buildFiles: readonly string[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** parsePyproject, or undefined when the text is not valid TOML (never throws). */
export function tryParsePyproject(text: string): Pyproject | undefined {
  try {
    return parsePyproject(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads pyproject.toml. Throws a plain Error with the parser's message (and position) when it is not
 * valid TOML; the caller turns it into a diagnostic for that file.
 */
export function parsePyproject(text: string): Pyproject {
  const doc = parse(text) as Table;
  const project = isTable(doc["project"]) ? doc["project"] : {};
  const tool = isTable(doc["tool"]) ? doc["tool"] : {};
  const poetry = isTable(tool["poetry"]) ? tool["poetry"] : undefined;
  const uv = isTable(tool["uv"]) ? tool["uv"] : undefined;

  const optional = new Map<string, string[]>();
  const opt = project["optional-dependencies"];
  if (isTable(opt)) for (const [k, v] of Object.entries(opt)) optional.set(k, strings(v));

  const scripts = new Map<string, string>();
  const addScripts = (t: unknown) => {
    if (isTable(t)) for (const [k, v] of Object.entries(t)) if (typeof v === "string") scripts.set(k, v);
  };
  addScripts(project["scripts"]);
  if (poetry) addScripts(poetry["scripts"]);

  const dependencyGroups = new Set<string>(isTable(doc["dependency-groups"]) ? Object.keys(doc["dependency-groups"]) : []);
  const groups = new Set<string>(dependencyGroups);
  if (poetry) {
    groups.add("main");
    if (isTable(poetry["group"])) for (const g of Object.keys(poetry["group"])) groups.add(g);
    if (isTable(poetry["dev-dependencies"])) groups.add("dev");
  }
  if (uv && Array.isArray(uv["dev-dependencies"])) groups.add("dev");
  const pdm = isTable(tool["pdm"]) ? tool["pdm"] : undefined;
  if (pdm && isTable(pdm["dev-dependencies"])) for (const g of Object.keys(pdm["dev-dependencies"])) groups.add(g);

  let requiresPython = str(project["requires-python"]);
  let requiresPythonFrom: Pyproject["requiresPythonFrom"] = requiresPython !== undefined ? "project.requires-python" : undefined;
  const poetryDeps = poetry && isTable(poetry["dependencies"]) ? poetry["dependencies"] : undefined;
  if (requiresPython === undefined && poetryDeps && Object.hasOwn(poetryDeps, "python")) {
    requiresPython = str(poetryDeps["python"]);
    if (requiresPython !== undefined) requiresPythonFrom = "tool.poetry.dependencies.python";
  }
  const fileOf = (v: unknown): string[] => (typeof v === "string" ? [v] : isTable(v) && typeof v["file"] === "string" ? [v["file"]] : Array.isArray(v) ? strings(v) : []);
  // `license = "MIT"` is an SPDX expression (PEP 639); only `license = { file = … }` names a file.
  const license = isTable(project["license"]) ? fileOf(project["license"]) : [];
  const buildFiles = [...fileOf(project["readme"]), ...license, ...(poetry ? fileOf(poetry["readme"]) : [])];
  return {
    buildFiles,
    name: str(project["name"]) ?? (poetry ? str(poetry["name"]) : undefined),
    version: str(project["version"]) ?? (poetry ? str(poetry["version"]) : undefined),
    requiresPython,
    requiresPythonFrom,
    dependencies: strings(project["dependencies"]),
    poetryDependencies: poetryDeps ? Object.keys(poetryDeps).filter((k) => k.toLowerCase() !== "python") : [],
    optionalDependencies: optional,
    scripts,
    hasBuildSystem: isTable(doc["build-system"]),
    buildBackend: isTable(doc["build-system"]) ? str(doc["build-system"]["build-backend"]) : undefined,
    hatchBuild: isTable(tool["hatch"]) && isTable(tool["hatch"]["build"]),
    setuptoolsPackages: isTable(tool["setuptools"]) && ["packages", "py-modules"].some((k) => Object.hasOwn(tool["setuptools"] as Table, k)),
    poetry: poetry ? { packageMode: poetry["package-mode"] !== false } : undefined,
    uvPackage: uv && typeof uv["package"] === "boolean" ? uv["package"] : undefined,
    groups,
    dependencyGroups,
  };
}
