/** test/corpus/expectations.json and the check it describes for each project's image. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { ROOT, run, startContainer, waitHttp } from "./harness.js";

/**
 * The image answers HTTP at `http` (on `port`, 8000 unless said) with a body containing `contains`, or prints
 * `output` and exits; `env` is what the project's docs say to give the container.
 */
export type Expectation = ({ readonly http: string; readonly contains: string; readonly port?: number } | { readonly output: string }) & {
  readonly env?: Readonly<Record<string, string>>;
};

export const CORPUS = join(ROOT, "test/corpus");
export const EXPECTATIONS: ReadonlyMap<string, Expectation> = new Map(
  Object.entries(JSON.parse(readFileSync(join(CORPUS, "expectations.json"), "utf8")) as Record<string, Expectation>),
);

/** Runs the image and checks what expectations.json says about its project. */
export async function expectCorpusImage(tag: string, expectation: Expectation): Promise<void> {
  const env = Object.entries(expectation.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  if ("output" in expectation) {
    const out = await run("timeout", ["120", "docker", "run", "--rm", ...env, tag]);
    expect(out.output).toContain(expectation.output);
    return;
  }
  const c = await startContainer(tag, expectation.port ?? 8000, undefined, [], env);
  try {
    const answer = await waitHttp(`${c.url}${expectation.http}`, 90_000);
    expect(answer.body).toContain(expectation.contains);
  } finally {
    await c.stop();
  }
}
