import { describe, expect, it } from "vitest";
import { exampleFiles } from "../../../test/support/examples.js";
import { parsePyproject, projectFiles, type ProjectFiles } from "../project.js";
import {
  MAX_INCLUDE_DEPTH,
  MAX_REQUIREMENT_FILES,
  dependencyNames,
  pdmLockNames,
  pipfileLockNames,
  poetryLockNames,
  pyprojectNames,
  requirementNames,
  uvLockNames,
} from "./dependencies.js";

const files = (entries: Record<string, string> | Map<string, string>): ProjectFiles =>
  projectFiles(entries instanceof Map ? entries : new Map(Object.entries(entries)));
const sorted = (s: Iterable<string>) => [...s].sort();

describe("uv.lock", () => {
  const lock = `version = 1
requires-python = ">=3.11"

[manifest]
members = ["shop", "worker"]

[[package]]
name = "shop"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "fastapi", extra = ["standard"] },
    { name = "Typing_Extensions", marker = "python_full_version < '3.12'" },
]

[package.optional-dependencies]
redis = [
    { name = "redis" },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]

[package.metadata]
requires-dist = [{ name = "fastapi", extras = ["standard"] }, { name = "notlocked" }]

[[package]]
name = "worker"
version = "0.1.0"
source = { virtual = "worker" }
dependencies = [{ name = "celery" }]

[[package]]
name = "fastapi"
version = "0.115.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "starlette" },
]

[package.optional-dependencies]
standard = [
    { name = "uvicorn", extra = ["standard"] },
]
all = [
    { name = "orjson" },
]

[[package]]
name = "uvicorn"
version = "0.30.0"
source = { registry = "https://pypi.org/simple" }

[package.optional-dependencies]
standard = [
    { name = "uvloop", marker = "sys_platform != 'win32'" },
]

[[package]]
name = "starlette"
version = "0.38.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "pluggy" }]

[[package]]
name = "redis"
version = "5"
source = { registry = "https://pypi.org/simple" }
`;

  it("the project's entries and what they need, through extras; not dev groups, unselected extras or metadata", () => {
    expect(sorted(uvLockNames(lock))).toEqual(["celery", "fastapi", "shop", "starlette", "typing-extensions", "uvicorn", "uvloop", "worker"]);
  });

  it("every package when the lock has no project entry", () => {
    const noRoot = lock.replace('source = { editable = "." }', 'source = { registry = "x" }').replace('source = { virtual = "worker" }', 'source = { registry = "x" }');
    expect(sorted(uvLockNames(noRoot))).toEqual(["fastapi", "pytest", "redis", "shop", "starlette", "uvicorn", "worker"]);
  });

  it("examples/uv-fastapi: runtime packages, not the dev group", () => {
    const names = uvLockNames(exampleFiles("uv-fastapi").get("uv.lock") ?? "");
    expect(names.has("uvicorn")).toBe(true);
    expect(names.has("fastapi")).toBe(true);
    expect(names.has("pytest")).toBe(false);
    expect(names.has("httpx")).toBe(false);
  });
});

describe("poetry.lock, pdm.lock, Pipfile.lock", () => {
  it("poetry.lock: the main group (Poetry 2 groups, Poetry 1 category), not optional packages", () => {
    const lock = `[[package]]
name = "Django"
version = "5.2"
optional = false
python-versions = ">=3.10"
groups = ["main"]
files = [
    {file = "django-5.2.tar.gz", hash = "sha256:00"},
]

[package.dependencies]
asgiref = ">=3.8"

[[package]]
name = "pytest"
version = "8"
groups = ["dev"]

[[package]]
name = "gunicorn"
version = "23"
groups = ["main", "dev"]

[[package]]
name = "old_style"
version = "1"
category = "main"

[[package]]
name = "old-dev"
version = "1"
category = "dev"

[[package]]
name = "psycopg"
version = "3"
optional = true

[metadata]
lock-version = "2.1"
`;
    expect(sorted(poetryLockNames(lock))).toEqual(["django", "gunicorn", "old-style"]);
    expect(sorted(poetryLockNames(exampleFiles("poetry-django").get("poetry.lock") ?? ""))).toEqual(["asgiref", "django", "gunicorn", "sqlparse", "tzdata"]);
  });

  it("pdm.lock: the default group", () => {
    const lock = `[metadata]\ngroups = ["default", "dev"]\n\n[[package]]\nname = "flask"\nversion = "3"\ngroups = ["default"]\n\n[[package]]\nname = "pytest"\nversion = "8"\ngroups = ["dev"]\n\n[[package]]\nname = "Waitress"\nversion = "3"\n`;
    expect(sorted(pdmLockNames(lock))).toEqual(["flask", "waitress"]);
  });

  it("Pipfile.lock: the default section", () => {
    const lock = JSON.stringify({ _meta: { requires: { python_version: "3.11" } }, default: { flask: { version: "==3.0" }, Gunicorn: {} }, develop: { pytest: {} } });
    expect(sorted(pipfileLockNames(lock))).toEqual(["flask", "gunicorn"]);
    expect(sorted(pipfileLockNames("{not json"))).toEqual([]);
    expect(sorted(pipfileLockNames("[1,2]"))).toEqual([]);
    expect(sorted(pipfileLockNames('{"default": "x"}'))).toEqual([]);
    expect(sorted(pipfileLockNames('{"default": {"__proto__": {}, "constructor": {}}}'))).toEqual(["constructor"]);
  });
});

describe("requirement files", () => {
  it("names, with continuations, comments, hashes, markers, extras, URLs and wheels", () => {
    const text = [
      "# comment",
      "Flask==3.0.0 \\",
      "    --hash=sha256:aa \\",
      "    --hash=sha256:bb",
      "    # via -r requirements.in",
      "gunicorn>=22 ; sys_platform == 'linux'  # prod server",
      "requests[socks,security]>=2",
      "zope.interface",
      "my_pkg @ https://example.com/my_pkg-1.0.tar.gz",
      "git+https://github.com/org/lib.git@v1#egg=Some_Lib",
      "https://example.com/wheels/Other_Pkg-2.0-py3-none-any.whl",
      "./local/dir",
      "-e git+ssh://git@github.com/org/editable.git#egg=editable-pkg",
      "-e .",
      "--index-url https://pypi.example/simple",
      "-i https://pypi.example/simple",
      "--extra-index-url=https://x",
      "",
    ].join("\n");
    const r = requirementNames(files({ "requirements.txt": text }), ["requirements.txt"]);
    expect(sorted(r.names)).toEqual(["editable-pkg", "flask", "gunicorn", "my-pkg", "other-pkg", "requests", "some-lib", "zope-interface"]);
    expect(r.read).toEqual(["requirements.txt"]);
    expect(r.missing).toEqual([]);
  });

  it("follows -r / --requirement includes relative to the including file; -c constraints add no names", () => {
    const f = files({
      "requirements.txt": "-r requirements/prod.txt\n-c constraints.txt\n",
      "requirements/prod.txt": "--requirement=base.txt\ngunicorn\n-rextra/more.txt\n",
      "requirements/base.txt": "django\n-r ../requirements/base.txt\n",
      "requirements/extra/more.txt": "--requirement ../../requirements.txt\nsentry-sdk\n",
      "constraints.txt": "urllib3<2\n-r requirements/notinstalled.txt\n",
      "requirements/notinstalled.txt": "celery\n",
    });
    const r = requirementNames(f, ["requirements.txt"]);
    expect(sorted(r.names)).toEqual(["django", "gunicorn", "sentry-sdk"]);
    expect(r.read).toEqual(["requirements.txt", "requirements/prod.txt", "requirements/base.txt", "requirements/extra/more.txt", "constraints.txt", "requirements/notinstalled.txt"]);
    expect(r.missing).toEqual([]);
  });

  it("records includes that are not in the context or leave it", () => {
    const r = requirementNames(files({ "requirements.txt": "-r other/base.txt\n-r ../outside.txt\nflask\n" }), ["requirements.txt", "nope.txt"]);
    expect(sorted(r.names)).toEqual(["flask"]);
    expect(r.missing).toEqual(["../outside.txt", "other/base.txt", "nope.txt"]);
  });

  it("is bounded in depth and in files", () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 40; i++) chain[`r${i}.txt`] = `-r r${i + 1}.txt\npkg${i}\n`;
    const deep = requirementNames(files(chain), ["r0.txt"]);
    expect(deep.read).toHaveLength(MAX_INCLUDE_DEPTH + 1);
    expect(deep.names.size).toBe(MAX_INCLUDE_DEPTH + 1);
    const wide: Record<string, string> = { "requirements.txt": "" };
    for (let i = 0; i < 100; i++) {
      wide["requirements.txt"] += `-r w${i}.txt\n`;
      wide[`w${i}.txt`] = `w${i}\n`;
    }
    const r = requirementNames(files(wide), ["requirements.txt"]);
    expect(r.read).toHaveLength(MAX_REQUIREMENT_FILES);
    expect(r.missing).toHaveLength(101 - MAX_REQUIREMENT_FILES);
  });
});

describe("pyproject.toml", () => {
  it("[project] dependencies and [tool.poetry.dependencies], without python; extras known to install a server", () => {
    const p = parsePyproject(`[project]
name = "a"
dependencies = ["Django (>=5)", "fastapi[standard]>=0.110", "quart", "litestar[standard]"]

[tool.poetry.dependencies]
python = "^3.11"
Flask = "^3"
python-fasthtml = { version = "*" }
`);
    expect(sorted(pyprojectNames(p))).toEqual(["django", "fastapi", "fastapi-cli", "flask", "hypercorn", "litestar", "python-fasthtml", "quart", "starlette", "uvicorn"]);
  });
});

describe("dependencyNames", () => {
  it("unites every manifest and says which it read", () => {
    const f = files({
      "uv.lock": `[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "x" }\n`,
      "poetry.lock": `[[package]]\nname = "b"\nversion = "1"\n`,
      "pdm.lock": `[[package]]\nname = "c"\nversion = "1"\n`,
      "Pipfile.lock": `{"default": {"d": {}}}`,
      "requirements.txt": "e\n",
      "requirements-dev.txt": "pytest\n",
      "pyproject.toml": `[project]\nname = "x"\ndependencies = ["f"]\n`,
    });
    const d = dependencyNames(f);
    expect(sorted(d.names)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(d.sources).toEqual(["uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "requirements.txt", "pyproject.toml"]);
    // The requirement files pip installs can be given ([dependencies] requirements).
    expect(sorted(dependencyNames(f, undefined, { requirements: ["requirements-dev.txt"] }).names)).toContain("pytest");
  });

  it("nothing to read: no names, no sources", () => {
    expect(dependencyNames(files({}))).toEqual({ names: new Set(), sources: [], missing: [] });
    expect(dependencyNames(files({ "pyproject.toml": "not toml [" })).names.size).toBe(0);
  });
});
