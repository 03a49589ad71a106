/**
 * The Dockerfile `pydock eject` writes for every example (`NAME.Dockerfile`), planned with the settings of
 * golden.test.ts: a change to the planner or to src/eject shows up here as a diff to review, and
 * `npm run golden` rewrites them. test/e2e/eject.test.ts builds and runs the same files.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ejectDockerfile } from "../../src/eject/dockerfile.js";
import { planOk } from "../support/compile.js";
import { EXAMPLES_DIR, exampleCase } from "../support/examples.js";

const EXAMPLES = readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("golden ejected Dockerfiles", () => {
  for (const name of EXAMPLES) {
    it(name, async () => {
      const { plan } = planOk({ ...exampleCase(name), revision: "0123456789abcdef0123456789abcdef01234567", sourceUrl: "https://example.com/repo.git" });
      await expect(ejectDockerfile(plan, { filename: "Dockerfile" })).toMatchFileSnapshot(`./${name}.Dockerfile`);
    });
  }
});
