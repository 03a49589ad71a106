import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lockedDistributions } from "./lockfile.js";
import { type Distribution, type LockInput } from "./distribution.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

function example(dir: string): (path: string) => string | undefined {
  return (p) => {
    const full = `${EXAMPLES}${dir}/${p}`;
    return existsSync(full) ? readFileSync(full, "utf8") : undefined;
  };
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
