/**
 * Pipenv (examples/pipenv-bottle, Pipfile.lock written by `pipenv lock`): the pinned Pipenv verifies the
 * lock and exports the chosen categories, pip installs them hash-checked. Here: the [dev-packages] category in
 * the test target only, a stale lock rejected at [dependencies], a lock change re-running the install but not
 * Pipenv's own install. (HTTP, user, no tools in the image: examples.test.ts; same image twice:
 * reproducible.test.ts; SBOM: sbom.test.ts; ejected Dockerfile: eject.test.ts.)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, inImage, run, scratchCopy, stepCached } from "./harness.js";

const EXAMPLE = join(ROOT, "examples", "pipenv-bottle");
const INSTALL = "pipenv verify && pipenv requirements";

describe.each(await builders())("Pipenv on %s", (builder) => {
  const tag = `pydock-e2e/pipenv-bottle:${builder}`;
  const testTag = `pydock-e2e/pipenv-bottle-test:${builder}`;
  let output = "";
  beforeAll(async () => {
    const r = await build({ builder, context: EXAMPLE, tag });
    if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
    output = r.output;
  });

  it("installs Pipenv from its pinned set and the locked [packages] at the lock's versions", async () => {
    expect(output).toMatch(/install pipenv==2026\.10\.3 \(pinned set, hash-checked\)/);
    expect(output).toMatch(/pipenv verify && pipenv requirements --categories default \| pip install/);
    const lock = JSON.parse(readFileSync(join(EXAMPLE, "Pipfile.lock"), "utf8"));
    const r = await inImage(tag, `python -c "import importlib.metadata as m; print(m.version('bottle'), m.version('gunicorn'))"`);
    expect(r.code, r.output).toBe(0);
    expect(r.output.trim()).toBe(`${lock.default.bottle.version.slice(2)} ${lock.default.gunicorn.version.slice(2)}`);
    expect((await inImage(tag, `python -c "import pytest"`)).code).not.toBe(0);
    expect((await inImage(tag, `python -c "import webtest"`)).code).not.toBe(0);
  });

  it("--target test adds [dev-packages] and runs the tests", async () => {
    const r = await build({ builder, context: EXAMPLE, tag: testTag, target: "test" });
    expect(r.code, r.output.slice(-3000)).toBe(0);
    expect(r.output).toMatch(/pipenv requirements --categories 'default develop' \| pip install/);
    const tests = await run("docker", ["run", "--rm", testTag]);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).toMatch(/2 passed/);
  });

  it("a Pipfile.lock out of date with the Pipfile fails the install step, pointing at [dependencies]", async () => {
    const copy = scratchCopy("pipenv-bottle");
    try {
      const file = join(copy.dir, "Pipfile");
      writeFileSync(file, readFileSync(file, "utf8").replace('gunicorn = ">=23"', 'gunicorn = ">=23"\nrequests = "*"'));
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain("Pipfile.lock is out of date with Pipfile (pipenv verify): run `pipenv lock` and commit Pipfile.lock");
      const line = readFileSync(join(copy.dir, "pydock.toml"), "utf8").split("\n").indexOf("[dependencies]") + 1;
      expect(r.output).toMatch(new RegExp(`pydock\\.toml:${line}\\b[\\s\\S]*>>> \\[dependencies\\]`));
      expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
    } finally {
      copy.dispose();
    }
  });

  it("a changed Pipfile.lock re-runs the install; Pipenv's own install stays cached", async () => {
    const copy = scratchCopy("pipenv-bottle");
    try {
      const first = await build({ builder, context: copy.dir });
      expect(first.code, first.output.slice(-3000)).toBe(0);
      // Same packages, different lock bytes (JSON allows trailing whitespace): the install step runs again.
      const lock = join(copy.dir, "Pipfile.lock");
      writeFileSync(lock, `${readFileSync(lock, "utf8")}${" ".repeat(1 + (Date.now() % 997))}\n`);
      const second = await build({ builder, context: copy.dir });
      expect(second.code, second.output.slice(-3000)).toBe(0);
      expect(stepCached(second.output, INSTALL)).toBe(false);
      expect(stepCached(second.output, "install pipenv==2026.10.3")).toBe(true);
      expect(second.output).toMatch(/Successfully installed .*bottle-/);
    } finally {
      copy.dispose();
    }
  });
});
