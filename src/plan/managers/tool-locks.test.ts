/** The package managers are installed from the pinned, hash-checked sets shipped in the frontend (scripts/tool-locks.sh). */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../../test/support/examples.js";
import { find, plan, script, venvSteps } from "../../../test/support/plan-steps.js";
import { planErrors, planOk } from "../../../test/support/compile.js";
import { pinnedVersions, toolInstall, toolLock, toolMinPython } from "./manager.js";
import { MANAGERS } from "./registry.js";
import { ADDED_SERVER_VERSIONS } from "../added-server.js";
import { TOOL_LOCKS } from "./tool-locks.gen.js";

const DIR = join(import.meta.dirname, "tool-locks");

describe("pinned manager sets", () => {
  it("the shipped module holds exactly the checked-in requirement files (regenerate with scripts/tool-locks.sh)", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();
    expect(Object.keys(TOOL_LOCKS)).toEqual(files.map((f) => f.slice(0, -4)));
    for (const f of files) expect(TOOL_LOCKS[f.slice(0, -4)], f).toBe(readFileSync(join(DIR, f), "utf8"));
  });

  it("every default version has a set, and every requirement in a set is pinned with hashes", () => {
    for (const m of Object.values(MANAGERS)) expect(toolLock(m.name, m.defaultVersion), m.name).toBeDefined();
    for (const [server, version] of Object.entries(ADDED_SERVER_VERSIONS)) expect(toolLock(server, version), server).toBeDefined();
    for (const [key, text] of Object.entries(TOOL_LOCKS)) {
      const [manager, version] = [key.slice(0, key.lastIndexOf("-")), key.slice(key.lastIndexOf("-") + 1)];
      // The set's own package, pinned (the added servers hold an older release for older Pythons too).
      expect(text, key).toMatch(new RegExp(`^${manager}==${version.replaceAll(".", "\\.")} (; .+ )?\\\\$`, "m"));
      const requirements = text.split("\n").filter((l) => /^[A-Za-z0-9]/.test(l));
      expect(requirements.length, key).toBeGreaterThan(0);
      for (const r of requirements) expect(r, key).toMatch(/^[a-z0-9][a-z0-9._-]*==[^ ;]+ (; .+ )?\\$/);
      // Each requirement is followed by its hashes: no line in hash-checking mode without one.
      const blocks = text.split(/\n(?=[A-Za-z0-9])/).filter((b) => /^[A-Za-z0-9]/.test(b));
      for (const b of blocks) expect(b, key).toMatch(/--hash=sha256:[0-9a-f]{64}/);
    }
    // The issue that made these sets: PDM 2.29 breaks with hishel 2.
    expect(toolLock("pdm", "2.29.4")).toMatch(/^hishel==1\./m);
  });

  it("a pinned version installs its set with --require-hashes --no-deps, written to /tmp only", () => {
    const cmd = toolInstall("uv", "0.9.5", ["uv==0.9.5"]);
    expect(cmd.name).toBe("install uv==0.9.5 (pinned set, hash-checked)");
    expect(cmd.script.startsWith(`cat > /tmp/pydock-uv-0.9.5.txt <<'PYDOCK_LOCK'\n${toolLock("uv", "0.9.5")}PYDOCK_LOCK\n`)).toBe(true);
    expect(cmd.script).toMatch(/--require-hashes --no-deps -r \/tmp\/pydock-uv-0\.9\.5\.txt$/);
  });

  it("a version without a set installs the packages unpinned, and the plan warns at manager-version", () => {
    const { text, files } = exampleCase("poetry-django");
    const custom = text.replace('manager-version = "2.2.1"', 'manager-version = "2.1.4"');
    const manager = find(venvSteps(plan(custom, files)), /^install poetry/);
    expect(manager.name).toBe("install poetry==2.1.4 poetry-plugin-export==1.10.1");
    expect(script(manager)).toMatch(/pip install --disable-pip-version-check --no-compile poetry==2\.1\.4 poetry-plugin-export==1\.10\.1$/);
    const warnings = planOk({ text: custom, files }).warnings.filter((w) => w.code === "unpinned-manager");
    expect(warnings.map((w) => [w.message, w.range?.start.line])).toEqual([
      [
        `poetry 2.1.4 has no pinned set in this pydock release (pinned: ${pinnedVersions("poetry").join(", ")}): it is installed with its dependencies resolved at build time, which a new release of one of them can break`,
        text.split("\n").findIndex((l) => l.startsWith("manager-version")) + 1,
      ],
    ]);
    expect(pinnedVersions("poetry")).toEqual(["1.8.5", "2.2.1"]);
  });

  it("a Python older than the pinned set's is an error at manager-version", () => {
    expect(toolMinPython("pdm", "2.29.4")).toBe("3.10");
    expect(toolMinPython("pip", "25.3")).toBe("3.9");
    const { text, files } = exampleCase("pdm-starlette");
    const old = `[python]\nversion = "3.9"\n${text.replace("# syntax=pydock/pydock:0.1\n", "")}`;
    const tree = new Map(files);
    tree.set("pyproject.toml", (files.get("pyproject.toml") ?? "").replace('requires-python = ">=3.11"', 'requires-python = ">=3.9"'));
    expect(planErrors({ text: old, files: tree }).map((d) => d.message)).toEqual(["pdm 2.29.4 needs Python 3.10 or later, and this build uses Python 3.9"]);
  });
});
