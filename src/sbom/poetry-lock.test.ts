// poetry.lock selection, through the lockfile entry point.
import { describe, expect, it } from "vitest";
import { lockedDistributions } from "./lockfile.js";
import { type Distribution } from "./distribution.js";

function memory(files: Record<string, string>): (path: string) => string | undefined {
  return (p) => files[p];
}

const nv = (d: readonly Distribution[]) => d.map((x) => `${x.name}==${x.version}`);
const base = { extras: [], requirements: [] } as const;

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
