/**
 * PDM (examples/pdm-starlette, pdm.lock written by `pdm lock`): the pinned PDM checks the lock and selects
 * the locked packages, pip installs them hash-checked, the project is installed as a package. Here: the dev
 * group in the test target only, a stale lock rejected at [dependencies], a lock change re-running the
 * install but not PDM's own install. (HTTP, user, no tools in the image: examples.test.ts; same image twice:
 * reproducible.test.ts; SBOM: sbom.test.ts.)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, inImage, run, scratchCopy, stepCached } from "./harness.js";

const EXAMPLE = join(ROOT, "examples", "pdm-starlette");
const INSTALL = "pdm lock --check && pdm export";

describe.each(await builders())("PDM on %s", (builder) => {
  const tag = `pydock-e2e/pdm-starlette:${builder}`;
  const testTag = `pydock-e2e/pdm-starlette-test:${builder}`;
  let output = "";
  beforeAll(async () => {
    const r = await build({ builder, context: EXAMPLE, tag });
    if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
    output = r.output;
  });

  it("installs PDM from its pinned set, exports the default group with hashes, installs the project as a wheel", async () => {
    expect(output).toMatch(/install pdm==2\.29\.4 \(pinned set, hash-checked\)/);
    expect(output).toMatch(/pdm lock --check && pdm export --prod \| pip install/);
    // The venv has the locked versions and the project, non-editable (no .pth pointing at the sources).
    const r = await inImage(tag, `python -c "import starlette, uvicorn, starlette_app; print(starlette.__version__, uvicorn.__version__, starlette_app.__file__)"; ls /app/.venv/lib/python3.11/site-packages | grep -c '\\.pth$' || true`);
    const lock = readFileSync(join(EXAMPLE, "pdm.lock"), "utf8");
    const version = (name: string) => new RegExp(`name = "${name}"\\nversion = "([^"]+)"`).exec(lock)?.[1];
    expect(r.output).toContain(`${version("starlette")} ${version("uvicorn")} /app/.venv/lib/python3.11/site-packages/starlette_app/__init__.py`);
    expect(r.output.trim().split("\n").at(-1)).toBe("0");
    expect((await inImage(tag, `python -c "import pytest"`)).code).not.toBe(0);
  });

  it("--target test adds the dev group and runs the tests", async () => {
    const r = await build({ builder, context: EXAMPLE, tag: testTag, target: "test" });
    expect(r.code, r.output.slice(-3000)).toBe(0);
    expect(r.output).toMatch(/pdm export -G dev \| pip install/);
    const tests = await run("docker", ["run", "--rm", testTag]);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).toMatch(/2 passed/);
  });

  it("a pdm.lock out of date with pyproject.toml fails the install step, pointing at [dependencies]", async () => {
    const copy = scratchCopy("pdm-starlette");
    try {
      const file = join(copy.dir, "pyproject.toml");
      writeFileSync(file, readFileSync(file, "utf8").replace('"uvicorn>=0.35",', '"uvicorn>=0.35",\n    "itsdangerous>=2",'));
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain("pdm.lock is out of date with pyproject.toml (pdm lock --check): run `pdm lock` and commit pdm.lock");
      const line = readFileSync(join(copy.dir, "pydock.toml"), "utf8").split("\n").indexOf("[dependencies]") + 1;
      expect(r.output).toMatch(new RegExp(`pydock\\.toml:${line}\\b[\\s\\S]*>>> \\[dependencies\\]`));
      expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
    } finally {
      copy.dispose();
    }
  });

  it("a changed pdm.lock re-runs the install from the cache mounts; PDM's own install stays cached", async () => {
    const copy = scratchCopy("pdm-starlette");
    try {
      const first = await build({ builder, context: copy.dir });
      expect(first.code, first.output.slice(-3000)).toBe(0);
      // Same packages, different lock bytes: the install step runs again.
      const lock = join(copy.dir, "pdm.lock");
      writeFileSync(lock, `${readFileSync(lock, "utf8")}\n# ${Date.now()}\n`);
      const second = await build({ builder, context: copy.dir });
      expect(second.code, second.output.slice(-3000)).toBe(0);
      expect(stepCached(second.output, INSTALL)).toBe(false);
      expect(stepCached(second.output, "install pdm==2.29.4")).toBe(true);
      expect(second.output).toMatch(/Successfully installed .*starlette-/);
    } finally {
      copy.dispose();
    }
  });
});
