/**
 * Locks the export path cannot take, built end to end through the frontend image (fixtures under
 * test/e2e/fixtures/lock-*):
 * - lock-pdm-2.10: pdm.lock written by PDM 2.10.4 (lock_version 4.4, strategy cross_platform): no environment
 *   markers, which `pdm export` refuses, so PDM installs it itself (`pdm sync`); its content hash is of the
 *   kind before PDM 2.16, which pydock checks at plan time instead of `pdm lock --check` (a stale one is a
 *   plan error);
 * - lock-pdm-nomarkers: pdm.lock written by PDM 2.29.4 without the inherit_metadata strategy (lock_version
 *   4.5.1, the shape of Railpack's python-pdm example): `pdm lock --check`, then `pdm sync`;
 * - lock-pipenv-unhashed: a Pipfile.lock with an entry without hashes beside hashed ones, which `pipenv
 *   requirements --hash | pip install` fails on: the hashed lines are installed hash-checked, the other apart.
 * Each image runs its main.py, which prints the installed versions and whether the unselected group got in.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, build, builders, run, scratchCopy, stepCached } from "./harness.js";

const FIXTURES = join(ROOT, "test", "e2e", "fixtures");

/** The step header line of the install, `#N [venv i/n] NAME`, exactly. */
const stepHeader = (name: string) => new RegExp(`^#\\d+ \\[venv \\d+/\\d+\\] ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m");

describe.each(await builders())("lock formats on %s", (builder) => {
  /** Builds the fixture, runs the image, returns the build's and the program's output. */
  async function buildAndRun(fixture: string): Promise<{ build: string; program: string }> {
    const tag = `pydock-e2e/${fixture}:${builder}`;
    const r = await build({ builder, context: join(FIXTURES, fixture), tag });
    expect(r.code, r.output.slice(-6000)).toBe(0);
    const program = await run("docker", ["run", "--rm", tag]);
    expect(program.code, program.output).toBe(0);
    return { build: r.output, program: program.output };
  }

  it("a PDM 2.10.4 lock: hash checked at plan time, pdm sync with the extra and without the dev group", async () => {
    const { build: output, program } = await buildAndRun("lock-pdm-2.10");
    expect(output).toMatch(stepHeader("pdm sync --prod -G color"));
    expect(output).not.toMatch(/pdm lock --check && pdm (sync|export)/);
    if (stepCached(output, "pdm sync --prod -G color") === false) {
      expect(output).toContain("pydock: pdm.lock (lock_version 4.4) has a content hash of the kind before PDM 2.16");
      expect(output).toContain("pydock: pdm.lock (lock_version 4.4, strategy: cross_platform) has no environment markers");
      expect(output).not.toContain("Can't export a lock file without environment markers");
    }
    expect(program).toContain("lock ok python-dateutil 2.9.0.post0, six 1.17.0, termcolor 2.5.0, dev group absent, parsed 2024");
  });

  it("a PDM 2.29.4 lock without inherit_metadata: pdm lock --check, then pdm sync", async () => {
    const { build: output, program } = await buildAndRun("lock-pdm-nomarkers");
    expect(output).toMatch(stepHeader("pdm lock --check && pdm sync --prod -G color"));
    if (stepCached(output, "pdm lock --check && pdm sync") === false) {
      expect(output).toContain("pydock: pdm.lock (lock_version 4.5.1, strategy: none) has no environment markers");
    }
    expect(program).toContain("lock ok python-dateutil 2.9.0.post0, six 1.17.0, termcolor 2.5.0, dev group absent, parsed 2024");
  });

  it("a PDM 2.10.4 lock out of date with pyproject.toml fails at plan time, at [dependencies] manager", async () => {
    const copy = scratchCopy("lock-pdm-2.10", FIXTURES);
    try {
      const file = join(copy.dir, "pyproject.toml");
      writeFileSync(file, readFileSync(file, "utf8").replace('"python-dateutil==2.9.0.post0",', '"python-dateutil==2.9.0.post0",\n    "idna>=3",'));
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      const line = readFileSync(join(copy.dir, "pydock.toml"), "utf8").split("\n").indexOf('manager = "pdm"') + 1;
      expect(r.output).toMatch(
        new RegExp(`pydock\\.toml:${line}:\\d+: pdm\\.lock is out of date with pyproject\\.toml: its content_hash \\(lock_version 4\\.4, PDM before 2\\.16\\) does not match`),
      );
      expect(r.output).not.toMatch(/pdm sync/);
      expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
    } finally {
      copy.dispose();
    }
  });

  it("a Pipfile.lock with an entry without hashes: the hashed lines hash-checked, the other apart", async () => {
    const { build: output, program } = await buildAndRun("lock-pipenv-unhashed");
    const name = "pipenv verify && pipenv requirements --categories default | pip install (entries without hashes apart)";
    expect(output).toMatch(stepHeader(name));
    if (stepCached(output, name) === false) {
      expect(output).toContain("pydock: Pipfile.lock has entries without hashes");
      // Two pip runs, the hashed lines first: one run would install both at once.
      expect(output).toMatch(/Successfully installed termcolor-2\.5\.0\n[\s\S]*Collecting six==1\.17\.0[\s\S]*Successfully installed six-1\.17\.0\n/);
    }
    expect(program).toContain("lock ok six 1.17.0, termcolor 2.5.0, dev-packages absent");
  });

  it("a Pipfile without Pipfile.lock fails at plan time saying to run pipenv lock", async () => {
    const copy = scratchCopy("lock-pipenv-unhashed", FIXTURES);
    try {
      rmSync(join(copy.dir, "Pipfile.lock"));
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain("manager is pipenv but Pipfile.lock is not in the build context: run `pipenv lock` and commit Pipfile.lock");
      expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
    } finally {
      copy.dispose();
    }
  });
});
