/**
 * Zero-config on ordinary projects: every project of test/corpus/ (pydock.toml is only the `# syntax=`
 * line) builds on each daemon and does what test/corpus/expectations.json says — answers HTTP with the
 * expected text, or prints it and exits. The build output must say what pydock chose and why.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, EXPECTATIONS, expectCorpusImage } from "./corpus-checks.js";
import { build, builders } from "./harness.js";

for (const builder of await builders()) {
  // Two builds at a time: the daemon overlaps one project's downloads with another's steps.
  describe.concurrent(`zero-config corpus on ${builder}`, () => {
    it.each([...EXPECTATIONS])("%s", async (name, expectation) => {
      const tag = `pydock-e2e/corpus-${name}:${builder}`;
      const r = await build({ builder, context: join(CORPUS, name), tag });
      if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
      expect(r.output).toMatch(/pydock chose `.+`: .+; set \[runtime\] command to change it/);
      await expectCorpusImage(tag, expectation);
    });
  });
}
