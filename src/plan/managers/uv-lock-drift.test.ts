/** uv.lock against pyproject.toml: names declared and names locked. */
import { describe, expect, it } from "vitest";
import { MAX_PROJECT_FILE_BYTES } from "../../core/limits.js";
import { uvLockDrift } from "./uv-lock-drift.js";
import { cpuNow } from "../../../test/support/cpu-time.js";

const pyproject = `[project]\nname = "app"\nversion = "1"\ndependencies = ["flask"]\n`;
const block = (name: string, dist: string[] = []) =>
  `[[package]]\nname = "${name}"\nversion = "1.0"\nsource = { editable = "." }\n\n[package.metadata]\nrequires-dist = [${dist.map((d) => `{ name = "${d}" }`).join(", ")}]\n\n`;

describe("uvLockDrift", () => {
  it("a current lock: nothing; a dependency added or removed: said", () => {
    expect(uvLockDrift(pyproject, `version = 1\n\n${block("flask")}${block("app", ["flask"])}`)).toEqual([]);
    expect(uvLockDrift(pyproject, `version = 1\n\n${block("app", ["django"])}`)).toEqual([
      "pyproject.toml depends on flask, which uv.lock does not have",
      "uv.lock still has django, which pyproject.toml no longer depends on",
    ]);
  });

  it("no entry for the project, in uv's blocks: said without parsing the whole lock (8 MiB in well under a second)", () => {
    let lock = "version = 1\n\n";
    for (let i = 0; lock.length < MAX_PROJECT_FILE_BYTES - 200; i++) lock += block(`p${i}`);
    const t = cpuNow();
    expect(uvLockDrift(pyproject, lock)).toEqual(['uv.lock has no entry for the project "app"']);
    expect(cpuNow() - t).toBeLessThan(500);
  });

  it("a lock not written in uv's blocks is parsed whole", () => {
    const inline = `version = 1\npackage = [{ name = "app", version = "1", metadata = { requires-dist = [{ name = "flask" }] } }]\n`;
    expect(uvLockDrift(pyproject, inline)).toEqual([]);
    expect(uvLockDrift(pyproject, `version = 1\n[[package]]\nversion = "1"\nname = "app"\n[package.metadata]\nrequires-dist = []\n`)).toEqual([
      "pyproject.toml depends on flask, which uv.lock does not have",
    ]);
  });
});
