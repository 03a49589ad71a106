/**
 * Readable snapshots of what pydock compiles for every example: the plan in plain words (`NAME.plan.txt`)
 * and the LLB op by op (`NAME.llb.json`). A planner or converter change shows up here as a diff to review;
 * `npm run golden` rewrites them after an intended change. (test/protocol/definition-digests.json pins the
 * exact bytes the real frontend sends.)
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dumpDefinition } from "../../src/llb/dump.js";
import { describePlan } from "../../src/plan/describe.js";
import { compileOk } from "../support/compile.js";
import { EXAMPLES_DIR, exampleFiles } from "../support/examples.js";

const EXAMPLES = readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const REVISION = "0123456789abcdef0123456789abcdef01234567";

describe("golden plans and LLB", () => {
  it("covers every example", () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(5));

  for (const name of EXAMPLES) {
    it(name, async () => {
      const files = exampleFiles(name);
      const compiled = await compileOk({ text: files.get("pydock.toml") ?? "", files, revision: REVISION, sourceUrl: "https://example.com/repo.git" });
      await expect(describePlan(compiled.plan)).toMatchFileSnapshot(`./${name}.plan.txt`);
      await expect(JSON.stringify(dumpDefinition(compiled.definition), null, 1) + "\n").toMatchFileSnapshot(`./${name}.llb.json`);
    });
  }
});
