import { describe, expect, it } from "vitest";
import { exampleFiles } from "../../../test/support/examples.js";
import { pdmLockNames, pipfileLockNames, poetryLockNames, uvLockNames } from "./lockfile-names.js";

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
