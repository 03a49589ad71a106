/**
 * Zero-config on ordinary projects: every project of test/corpus/ (pydock.toml is only the `# syntax=`
 * line) builds on each daemon and does what test/corpus/expectations.json says — answers HTTP with the
 * expected text, or prints it and exits. The build output must say what pydock chose and why.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, build, builders, run, startContainer, waitHttp } from "./harness.js";

type Expectation = { readonly http: string; readonly contains: string } | { readonly output: string };
const CORPUS = join(ROOT, "test/corpus");
const EXPECTATIONS = Object.entries(JSON.parse(readFileSync(join(CORPUS, "expectations.json"), "utf8")) as Record<string, Expectation>);

for (const builder of await builders()) {
  // Two builds at a time: the daemon overlaps one project's downloads with another's steps.
  describe.concurrent(`zero-config corpus on ${builder}`, () => {
    it.each(EXPECTATIONS)("%s", async (name, expectation) => {
      const tag = `pydock-e2e/corpus-${name}:${builder}`;
      const r = await build({ builder, context: join(CORPUS, name), tag });
      if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
      expect(r.output).toMatch(/pydock chose `.+`: .+; set \[runtime\] command to change it/);
      if ("output" in expectation) {
        const out = await run("timeout", ["120", "docker", "run", "--rm", tag]);
        expect(out.output).toContain(expectation.output);
        return;
      }
      const c = await startContainer(tag);
      try {
        const answer = await waitHttp(`${c.url}${expectation.http}`, 90_000);
        expect(answer.body).toContain(expectation.contains);
      } finally {
        await c.stop();
      }
    });
  });
}
