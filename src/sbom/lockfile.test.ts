import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lockedDistributions, LockfileError, markerMayApply, normalizeName, packageUrl, parseRequirement, type Distribution, type LockInput } from "./lockfile.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

function example(dir: string): (path: string) => string | undefined {
  return (p) => {
    const full = `${EXAMPLES}${dir}/${p}`;
    return existsSync(full) ? readFileSync(full, "utf8") : undefined;
  };
}

function memory(files: Record<string, string>): (path: string) => string | undefined {
  return (p) => files[p];
}

const nv = (d: readonly Distribution[]) => d.map((x) => `${x.name}==${x.version}`);
const base = { extras: [], requirements: [] } as const;

describe("lockedDistributions: examples", () => {
  it("poetry-django, groups main: the production set without the win32-only tzdata", () => {
    const d = lockedDistributions({ ...base, manager: "poetry", files: example("poetry-django"), groups: ["main"] });
    expect(nv(d)).toEqual(["asgiref==3.13.0", "django==5.2.19", "gunicorn==27.0.1", "sqlparse==0.6.1"]);
    for (const x of d) {
      expect(x.hashes).toHaveLength(2);
      expect(x.source).toBe("https://pypi.org/simple");
      expect(x.sourceType).toBe("registry");
      expect(x.purl).toBe(`pkg:pypi/${x.name}@${x.version}`);
    }
    expect(d.find((x) => x.name === "django")?.hashes).toEqual([
      { algorithm: "sha256", value: "5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00" },
      { algorithm: "sha256", value: "ad03d8abc51dbff95ebf34b27123cf0c26a3b62db7ba0cd520783686362533d1" },
    ]);
  });

  it("poetry-django, default groups are main", () => {
    const d = lockedDistributions({ ...base, manager: "poetry", files: example("poetry-django") });
    expect(nv(d)).toEqual(["asgiref==3.13.0", "django==5.2.19", "gunicorn==27.0.1", "sqlparse==0.6.1"]);
  });

  it("poetry-django, groups main+dev: adds the test tools, still no colorama/tzdata (win32)", () => {
    const d = lockedDistributions({ ...base, manager: "poetry", files: example("poetry-django"), groups: ["main", "dev"] });
    expect(nv(d)).toEqual([
      "asgiref==3.13.0",
      "django==5.2.19",
      "gunicorn==27.0.1",
      "iniconfig==2.3.1",
      "packaging==26.4",
      "pluggy==1.7.0",
      "pygments==2.21.0",
      "pytest==9.2.0",
      "pytest-django==4.14.0",
      "sqlparse==0.6.1",
    ]);
  });

  it("poetry-django, only dev", () => {
    const d = lockedDistributions({ ...base, manager: "poetry", files: example("poetry-django"), groups: ["dev"] });
    expect(nv(d)).toEqual(["iniconfig==2.3.1", "packaging==26.4", "pluggy==1.7.0", "pygments==2.21.0", "pytest==9.2.0", "pytest-django==4.14.0"]);
  });

  it("poetry-django on Windows would have tzdata and colorama", () => {
    const env = { os_name: "nt", sys_platform: "win32", platform_system: "Windows" };
    const d = lockedDistributions({ ...base, manager: "poetry", files: example("poetry-django"), groups: ["main", "dev"], environment: env });
    expect(nv(d)).toContain("tzdata==2026.6");
    expect(nv(d)).toContain("colorama==0.4.6");
  });

  const fastapiProd = [
    "annotated-doc==0.0.7",
    "annotated-types==0.8.0",
    "anyio==4.16.0",
    "click==8.5.1",
    "fastapi==0.165.0",
    "h11==0.16.0",
    "idna==3.20",
    "opentelemetry-api==1.45.2",
    "pydantic==2.14.4",
    "pydantic-core==2.50.5",
    "starlette==1.10.0",
    "typing-extensions==4.16.0",
    "typing-inspection==0.4.5",
    "uvicorn==0.54.0",
  ];

  it("uv-fastapi without groups: the project's dependency closure, not the project, not dev", () => {
    const d = lockedDistributions({ ...base, manager: "uv", files: example("uv-fastapi") });
    expect(nv(d)).toEqual(fastapiProd);
    expect(d.find((x) => x.name === "pydantic-core")?.hashes).toHaveLength(126);
    expect(d.every((x) => x.hashes.every((h) => h.algorithm === "sha256" && /^[0-9a-f]{64}$/.test(h.value)))).toBe(true);
    expect(d.map((x) => x.name)).not.toContain("fastapi-app");
  });

  it("uv-fastapi, groups main (= the project's dependencies) is the same set", () => {
    const d = lockedDistributions({ ...base, manager: "uv", files: example("uv-fastapi"), groups: ["main"] });
    expect(nv(d)).toEqual(fastapiProd);
  });

  it("uv-fastapi with the dev group: adds httpx, pytest and their closure; colorama stays out (win32)", () => {
    const d = lockedDistributions({ ...base, manager: "uv", files: example("uv-fastapi"), groups: ["dev"] });
    expect(nv(d)).toEqual(
      [
        ...fastapiProd,
        "certifi==2026.10.19.post1",
        "httpcore==1.0.9",
        "httpx==0.28.1",
        "iniconfig==2.3.1",
        "packaging==26.4",
        "pluggy==1.7.0",
        "pygments==2.21.0",
        "pytest==9.2.0",
      ].sort((a, b) => (a.split("==")[0] ?? "").localeCompare(b.split("==")[0] ?? "")),
    );
  });

  it("zero-config uv.lock (virtual project)", () => {
    const d = lockedDistributions({ ...base, manager: "uv", files: example("zero-config") });
    expect(nv(d)).toEqual(fastapiProd);
    expect(d.map((x) => x.name)).not.toContain("zero-config");
    // With the project named explicitly, same answer.
    expect(lockedDistributions({ ...base, manager: "uv", files: example("zero-config"), projectName: "Zero_Config" })).toEqual(d);
  });

  const flask = ["blinker==1.9.0", "click==8.5.1", "flask==3.1.3", "gunicorn==27.0.1", "itsdangerous==2.2.0", "jinja2==3.1.6", "markupsafe==3.0.4", "werkzeug==3.1.9"];

  it("pip-flask requirements.txt with hashes", () => {
    const d = lockedDistributions({ ...base, manager: "pip", files: example("pip-flask"), requirements: ["requirements.txt"] });
    expect(nv(d)).toEqual(flask);
    expect(d.find((x) => x.name === "markupsafe")?.hashes).toHaveLength(151);
    expect(d.find((x) => x.name === "flask")?.hashes).toEqual([
      { algorithm: "sha256", value: "0ef0e52b8a9cd932855379197dd8f94047b359ca0a78695144304cb45f87c9eb" },
      { algorithm: "sha256", value: "f4bcbefc124291925f1a26446da31a5178f9483862233b23c0c96a20701f670c" },
    ]);
  });

  it("psycopg requirements.txt (no hashes, default file)", () => {
    const d = lockedDistributions({ ...base, manager: "pip", files: example("psycopg") });
    expect(nv(d)).toEqual([...flask, "psycopg2==2.9.13"].sort());
    expect(d.every((x) => x.hashes.length === 0)).toBe(true);
  });

  it("is deterministic", () => {
    for (const [manager, dir, groups] of [
      ["poetry", "poetry-django", ["main", "dev"]],
      ["uv", "uv-fastapi", ["dev"]],
      ["pip", "pip-flask", undefined],
    ] as const) {
      const input: LockInput = { ...base, manager, files: example(dir), groups };
      const a = JSON.stringify(lockedDistributions(input));
      const b = JSON.stringify(lockedDistributions(input));
      expect(a).toBe(b);
    }
  });
});

describe("lockedDistributions: uv details", () => {
  const lock = `
version = 1
revision = 3
requires-python = ">=3.10"

[[package]]
name = "app"
version = "1.0.0"
source = { editable = "." }
dependencies = [
    { name = "requests", extra = ["socks"] },
    { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.12'" },
    { name = "numpy", version = "2.1.0", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= '3.12'" },
    { name = "tomli", marker = "python_full_version < '3.11'" },
    { name = "pywin32", marker = "sys_platform == 'win32'" },
    { name = "lib", git = "x" },
    { name = "member" },
]

[package.optional-dependencies]
fast = [{ name = "orjson" }]

[package.dev-dependencies]
test = [{ name = "pytest" }]

[[package]]
name = "requests"
version = "2.32.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "idna" }]
sdist = { url = "https://x/requests-2.32.0.tar.gz", hash = "sha256:AA" }
wheels = [{ url = "https://x/requests-2.32.0-py3-none-any.whl", hash = "sha256:bb" }, { url = "https://x/requests-2.32.0-py3-none-any.whl", hash = "sha256:bb" }]

[package.optional-dependencies]
socks = [{ name = "pysocks" }]
other = [{ name = "chardet" }]

[[package]]
name = "pysocks"
version = "1.7.1"
source = { registry = "https://private.example/simple" }

[[package]]
name = "chardet"
version = "5.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "idna"
version = "3.7"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "1.26.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "2.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "tomli"
version = "2.0.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pywin32"
version = "306"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "lib"
version = "0.1.0"
source = { git = "https://github.com/acme/lib?rev=main#0123456789abcdef0123456789abcdef01234567" }

[[package]]
name = "member"
version = "0.2.0"
source = { editable = "packages/member" }

[[package]]
name = "orjson"
version = "3.10.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.0.0"
source = { registry = "https://pypi.org/simple" }
`;
  const input = (extra: Partial<LockInput> = {}): LockInput => ({ ...base, manager: "uv", files: memory({ "uv.lock": lock }), ...extra });

  it("follows extras on edges, keeps unknown-marker forks, drops impossible ones", () => {
    const d = lockedDistributions(input());
    expect(nv(d)).toEqual(["idna==3.7", "lib==0.1.0", "member==0.2.0", "numpy==1.26.4", "numpy==2.1.0", "pysocks==1.7.1", "requests==2.32.0", "tomli==2.0.1"]);
  });

  it("evaluates python markers when the version is given", () => {
    expect(nv(lockedDistributions(input({ environment: { python_version: "3.12" } })))).toEqual([
      "idna==3.7",
      "lib==0.1.0",
      "member==0.2.0",
      "numpy==2.1.0",
      "pysocks==1.7.1",
      "requests==2.32.0",
    ]);
    expect(nv(lockedDistributions(input({ environment: { python_full_version: "3.10.4" } })))).toContain("tomli==2.0.1");
  });

  it("adds root extras and groups", () => {
    const names = (i: LockInput) => lockedDistributions(i).map((x) => x.name);
    expect(names(input({ extras: ["fast"] }))).toContain("orjson");
    expect(names(input({ groups: ["test"] }))).toContain("pytest");
    expect(names(input())).not.toContain("pytest");
    expect(names(input())).not.toContain("chardet");
  });

  it("sources, hashes and purls", () => {
    const d = lockedDistributions(input());
    const by = (n: string) => d.find((x) => x.name === n);
    expect(by("requests")?.hashes).toEqual([
      { algorithm: "sha256", value: "aa" },
      { algorithm: "sha256", value: "bb" },
    ]);
    expect(by("lib")).toMatchObject({ source: "git+https://github.com/acme/lib@0123456789abcdef0123456789abcdef01234567", sourceType: "vcs", purl: "pkg:pypi/lib@0.1.0" });
    expect(by("member")).toMatchObject({ source: "packages/member", sourceType: "path" });
    expect(by("pysocks")?.purl).toBe("pkg:pypi/pysocks@1.7.1?repository_url=https%3A%2F%2Fprivate.example%2Fsimple");
  });

  it("errors on a missing lock or an unknown project", () => {
    expect(() => lockedDistributions({ ...base, manager: "uv", files: memory({}) })).toThrow(LockfileError);
    expect(() => lockedDistributions(input({ projectName: "nope" }))).toThrow(/not in the lock/);
  });

  it("parses and selects a 2,000-package lock", () => {
    const n = 2000;
    const parts = [`version = 1\nrevision = 3\nrequires-python = ">=3.11"\n`];
    parts.push(`[[package]]\nname = "root"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = [${Array.from({ length: 20 }, (_, i) => `{ name = "pkg-${i * 100}" }`).join(", ")}]\n`);
    for (let i = 0; i < n; i++) {
      // Each package depends on the next three (a chain that reaches everything from the 20 roots), some behind markers.
      const deps = [1, 2, 3]
        .map((k) => i + k)
        .filter((j) => j < n)
        .map((j) => (j % 97 === 0 ? `{ name = "pkg-${j}", marker = "sys_platform == 'win32'" }` : `{ name = "pkg-${j}" }`));
      const hash = i.toString(16).padStart(64, "0");
      parts.push(
        `[[package]]\nname = "pkg-${i}"\nversion = "1.${i}.0"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [${deps.join(", ")}]\n` +
          `sdist = { url = "https://x/pkg-${i}.tar.gz", hash = "sha256:${hash}", size = 1 }\n` +
          `wheels = [{ url = "https://x/pkg_${i}-py3-none-any.whl", hash = "sha256:f${hash.slice(1)}", size = 1 }]\n`,
      );
    }
    const d = lockedDistributions({ ...base, manager: "uv", files: memory({ "uv.lock": parts.join("\n") }) });
    // Every edge into a multiple of 97 is win32-only: those 20 are not installed on Linux.
    const win32Only = Array.from({ length: n }, (_, i) => i).filter((i) => i > 0 && i % 97 === 0);
    expect(win32Only).toHaveLength(20);
    expect(d).toHaveLength(n - win32Only.length);
    expect(d[0]?.name).toBe("pkg-0");
    expect(new Set(d.map((x) => x.name)).size).toBe(d.length);
    expect(d.some((x) => x.name === "pkg-97")).toBe(false);
    expect(d.every((x) => x.hashes.length === 2)).toBe(true);
  });
});

describe("lockedDistributions: poetry details", () => {
  it("lock 2.0 (no groups, no category): walks pyproject's groups through the lock", () => {
    const lock = `
[[package]]
name = "flask"
version = "3.0.0"
optional = false
python-versions = ">=3.8"
files = [{file = "flask-3.0.0.tar.gz", hash = "sha256:11"}]

[package.dependencies]
click = ">=8.1.3"
colorama = {version = "*", markers = "platform_system == \\"Windows\\""}
python-dotenv = {version = "*", optional = true}

[package.extras]
dotenv = ["python-dotenv"]

[[package]]
name = "click"
version = "8.1.7"
optional = false
python-versions = ">=3.7"
files = [{file = "click-8.1.7.tar.gz", hash = "sha256:22"}]

[[package]]
name = "colorama"
version = "0.4.6"
optional = false
python-versions = "*"
files = []

[[package]]
name = "python-dotenv"
version = "1.0.0"
optional = true
python-versions = ">=3.8"
files = []

[[package]]
name = "pytest"
version = "8.0.0"
optional = false
python-versions = ">=3.8"
files = []

[[package]]
name = "private"
version = "0.1.0"
optional = false
python-versions = "*"
files = []

[package.source]
type = "git"
url = "https://github.com/acme/private.git"
reference = "main"
resolved_reference = "deadbeef"

[extras]
env = ["python-dotenv"]

[metadata]
lock-version = "2.0"
`;
    const pyproject = `
[tool.poetry]
name = "app"

[tool.poetry.dependencies]
python = "^3.11"
flask = "^3.0"
private = {git = "https://github.com/acme/private.git"}

[tool.poetry.group.test.dependencies]
pytest = "^8"
`;
    const files = memory({ "poetry.lock": lock, "pyproject.toml": pyproject });
    const main = lockedDistributions({ ...base, manager: "poetry", files });
    expect(nv(main)).toEqual(["click==8.1.7", "flask==3.0.0", "private==0.1.0"]);
    expect(main.find((x) => x.name === "private")).toMatchObject({ source: "git+https://github.com/acme/private.git@deadbeef", sourceType: "vcs" });
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files, groups: ["main", "test"] }))).toContain("pytest==8.0.0");
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files, extras: ["env"] }))).toContain("python-dotenv==1.0.0");
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files, indexUrl: "https://mirror.example/simple" })).length).toBe(3);
  });

  it("lock 1.x category, lock 2.1 per-group markers and optional packages behind extras", () => {
    const old = `
[[package]]
name = "a"
version = "1"
category = "main"
optional = false

[[package]]
name = "b"
version = "2"
category = "dev"
optional = false
`;
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files: memory({ "poetry.lock": old }) }))).toEqual(["a==1"]);
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files: memory({ "poetry.lock": old }), groups: ["main", "dev"] }))).toEqual(["a==1", "b==2"]);

    const v21 = `
[[package]]
name = "a"
version = "1"
optional = false
groups = ["main", "dev"]
markers = {main = "sys_platform == \\"win32\\"", dev = "sys_platform == \\"linux\\""}
files = []

[[package]]
name = "opt"
version = "3"
optional = true
groups = ["main"]
files = []

[package.dependencies]
dep = "*"

[[package]]
name = "dep"
version = "4"
optional = true
groups = ["main"]
files = []

[extras]
x = ["opt"]
`;
    const files = memory({ "poetry.lock": v21 });
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files }))).toEqual([]);
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files, groups: ["dev"] }))).toEqual(["a==1"]);
    expect(nv(lockedDistributions({ ...base, manager: "poetry", files, extras: ["x"] }))).toEqual(["dep==4", "opt==3"]);
  });
});

describe("lockedDistributions: pip details", () => {
  it("continuations, comments, includes, markers, options, direct references", () => {
    const files = memory({
      "reqs/base.txt": [
        "# top comment",
        "-i https://mirror.example/simple",
        "--require-hashes",
        "Flask_Login==0.6.3 \\",
        "    --hash=sha256:AB \\",
        "    --hash=sha512:cd  # trailing comment",
        "-r common.txt",
        "pywin32==306 ; sys_platform == 'win32' \\",
        "    --hash=sha256:ee",
        "uvicorn[standard]==0.30.0 ; python_version >= '3.8'",
        "requests>=2",
        "lib @ git+https://github.com/acme/lib@v1",
        "-e ./local#egg=localpkg",
        "https://x.example/files/thing-1.2.3-py3-none-any.whl",
        "vendor/pkg_b-2.0.tar.gz",
        "-c constraints.txt",
        "",
      ].join("\n"),
      "reqs/common.txt": "idna==3.7 --hash=sha256:ff\n",
    });
    expect(lockedDistributions({ ...base, manager: "pip", files: memory({ "other.txt": "x==1" }) })).toEqual([]); // no requirements.txt, none listed
    const missing = (p: string) => (p === "reqs/common.txt" ? undefined : files(p));
    expect(() => lockedDistributions({ ...base, manager: "pip", files: missing, requirements: ["reqs/base.txt"] })).toThrow(/reqs\/common.txt \(included from reqs\/base.txt\) not found/);
    const out = lockedDistributions({ ...base, manager: "pip", files, requirements: ["reqs/base.txt"] });
    expect(nv(out)).toEqual(["flask-login==0.6.3", "idna==3.7", "lib==", "localpkg==", "pkg-b==2.0", "requests==", "thing==1.2.3", "uvicorn==0.30.0"]);
    const by = (n: string) => out.find((x) => x.name === n);
    expect(by("flask-login")).toMatchObject({
      hashes: [
        { algorithm: "sha256", value: "ab" },
        { algorithm: "sha512", value: "cd" },
      ],
      source: "https://mirror.example/simple",
      sourceType: "registry",
      purl: "pkg:pypi/flask-login@0.6.3?repository_url=https%3A%2F%2Fmirror.example%2Fsimple",
    });
    expect(by("lib")).toMatchObject({ source: "git+https://github.com/acme/lib@v1", sourceType: "vcs", purl: "pkg:pypi/lib" });
    expect(by("thing")).toMatchObject({ sourceType: "url", source: "https://x.example/files/thing-1.2.3-py3-none-any.whl" });
    expect(by("localpkg")).toMatchObject({ sourceType: "path", source: "./local" });
    expect(by("pkg-b")).toMatchObject({ sourceType: "path", source: "vendor/pkg_b-2.0.tar.gz", purl: "pkg:pypi/pkg-b@2.0" });
    expect(by("idna")?.hashes).toEqual([{ algorithm: "sha256", value: "ff" }]);
  });

  it("rejects include cycles and missing files", () => {
    const files = memory({ "a.txt": "-r b.txt\n", "b.txt": "--requirement=a.txt\n" });
    expect(() => lockedDistributions({ ...base, manager: "pip", files, requirements: ["a.txt"] })).toThrow(/include each other/);
    expect(() => lockedDistributions({ ...base, manager: "pip", files, requirements: ["nope.txt"] })).toThrow(LockfileError);
  });
});

describe("markers and helpers", () => {
  it("three-valued evaluation on Linux/CPython", () => {
    expect(markerMayApply(`sys_platform == "win32"`)).toBe(false);
    expect(markerMayApply(`sys_platform == 'linux'`)).toBe(true);
    expect(markerMayApply(`platform_system != "Windows" and implementation_name == "cpython"`)).toBe(true);
    expect(markerMayApply(`platform_python_implementation == "PyPy"`)).toBe(false);
    expect(markerMayApply(`python_version < "3.11"`)).toBe(true); // unknown → kept
    expect(markerMayApply(`python_version < "3.11" and sys_platform == "win32"`)).toBe(false);
    expect(markerMayApply(`python_version < "3.11" or sys_platform == "win32"`)).toBe(true);
    expect(markerMayApply(`(os_name == "nt" or sys_platform == "cygwin") and python_version >= "3"`)).toBe(false);
    expect(markerMayApply(`"linux" in sys_platform`)).toBe(true);
    expect(markerMayApply(`sys_platform not in "win32 cygwin"`)).toBe(true);
    expect(markerMayApply(`extra == "socks"`)).toBe(true);
    expect(markerMayApply(`this is ( not a marker`)).toBe(true);
    const py = { python_version: "3.11" };
    expect(markerMayApply(`python_version < "3.11"`, py)).toBe(false);
    expect(markerMayApply(`python_version >= "3.9"`, py)).toBe(true);
    expect(markerMayApply(`python_full_version < '3.11.4'`, py)).toBe(true); // 3.11.0 yes, 3.11.9 no → unknown
    expect(markerMayApply(`python_full_version < '3.11'`, py)).toBe(false);
    expect(markerMayApply(`python_version == "3.*"`, py)).toBe(true);
    expect(markerMayApply(`python_version ~= "3.10"`, py)).toBe(true);
    expect(markerMayApply(`python_version ~= "3.12"`, py)).toBe(false);
    expect(markerMayApply(`platform_machine == "aarch64"`, { platform_machine: "x86_64" })).toBe(false);
  });

  it("names, requirements, purls", () => {
    expect(normalizeName("Typing_Extensions")).toBe("typing-extensions");
    expect(normalizeName("zope.interface")).toBe("zope-interface");
    expect(parseRequirement("mypy (>=1.14.0)")).toMatchObject({ name: "mypy", version: "" });
    expect(parseRequirement("inotify (>=0.2.10) ; sys_platform == \"linux\"")).toMatchObject({ name: "inotify", marker: 'sys_platform == "linux"' });
    expect(parseRequirement("Foo[Bar, baz]==1.0+local")).toMatchObject({ name: "foo", extras: ["bar", "baz"], version: "1.0+local" });
    expect(packageUrl("Foo_Bar", "1.0+cpu")).toBe("pkg:pypi/foo-bar@1.0%2Bcpu");
  });
});
