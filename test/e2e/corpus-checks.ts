/** test/corpus/expectations.json and the check it describes for each project's image. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { ROOT, run, startContainer, waitHttp } from "./harness.js";

/** The image answers HTTP at `http` with a body containing `contains`, or prints `output` and exits. */
export type Expectation = { readonly http: string; readonly contains: string } | { readonly output: string };

export const CORPUS = join(ROOT, "test/corpus");
export const EXPECTATIONS: ReadonlyMap<string, Expectation> = new Map(
  Object.entries(JSON.parse(readFileSync(join(CORPUS, "expectations.json"), "utf8")) as Record<string, Expectation>),
);

/** Runs the image and checks what expectations.json says about its project. */
export async function expectCorpusImage(tag: string, expectation: Expectation): Promise<void> {
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
}
