/**
 * Eight builds of different projects started at once on one daemon. A SOURCE_DATE_EPOCH of this run (which
 * every install step sees) makes their steps run again rather than come from earlier runs' layers, so the
 * eight install at the same time through the same cache mounts (pip's, uv's, Poetry's, apt's). All must
 * succeed and each image must pass its project's check; then the same eight again, every step from cache.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, EXPECTATIONS, expectCorpusImage, type Expectation } from "./corpus-checks.js";
import { build, builders, stepsRun, type Result } from "./harness.js";

/** pip with hashes, pip, Poetry (package and not), uv (application and src-layout CLI), a hatch console script, a worker. */
const PROJECTS = [
  "aiohttp-hashed",
  "flask-factory",
  "django-poetry-src",
  "fastapi-poetry-nonpackage",
  "fastapi-uv-main",
  "uv-src-cli",
  "hatch-console-script",
  "bot-worker",
];

describe.each(await builders())("eight builds at once on %s", (builder) => {
  const epoch = String(Math.floor(Date.now() / 1000));
  const expectation = (name: string): Expectation => {
    const e = EXPECTATIONS.get(name);
    if (!e) throw new Error(`${name} is not in test/corpus/expectations.json`);
    return e;
  };
  const buildAll = (): Promise<Result[]> =>
    Promise.all(
      PROJECTS.map((name) =>
        build({ builder, context: join(CORPUS, name), tag: `pydock-e2e/concurrent-${name}:${builder}`, buildArgs: { SOURCE_DATE_EPOCH: epoch } }),
      ),
    );

  it("all succeed, sharing the cache mounts, and every image passes its check", async () => {
    const results = await buildAll();
    results.forEach((r, i) => expect(r.code, `${PROJECTS[i]}:\n${r.output.slice(-4000)}`).toBe(0));
    // The epoch is new, so the install steps ran (together), not came from earlier layers.
    results.forEach((r, i) => expect(stepsRun(r.output).some((s) => /install|sync|export/.test(s)), `${PROJECTS[i]} ran no install step`).toBe(true));
    // The images are checked one after another: what runs at once here is the builds, not the containers.
    for (const name of PROJECTS) await expectCorpusImage(`pydock-e2e/concurrent-${name}:${builder}`, expectation(name));
  });

  it("the same eight again all come from the cache", async () => {
    const results = await buildAll();
    results.forEach((r, i) => {
      expect(r.code, `${PROJECTS[i]}:\n${r.output.slice(-4000)}`).toBe(0);
      expect(stepsRun(r.output), `${PROJECTS[i]}:\n${r.output.slice(-4000)}`).toEqual([]);
    });
  });
});
