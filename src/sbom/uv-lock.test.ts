// uv.lock selection, through the lockfile entry point.
import { describe, expect, it } from "vitest";
import { lockedDistributions } from "./lockfile.js";
import { LockfileError, type Distribution, type LockInput } from "./distribution.js";

function memory(files: Record<string, string>): (path: string) => string | undefined {
  return (p) => files[p];
}

const nv = (d: readonly Distribution[]) => d.map((x) => `${x.name}==${x.version}`);
const base = { extras: [], requirements: [] } as const;

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
