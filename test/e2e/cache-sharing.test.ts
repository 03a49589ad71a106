/**
 * Cache shared across builders, as on a CI fleet where every runner starts cold: a build on a buildkitd with
 * an empty state directory exports its cache to a registry (`--cache-to type=registry,mode=max`); then that
 * builder wiped (`docker buildx prune -af`) and a second fresh buildkitd each build with `--cache-from` and
 * run no step of the image (every one CACHED, the dependency install included), giving the same image
 * digest. Only the smoke test runs again (under a second): a check of the image, not part of it, so not
 * exported. Both daemons are the test's own, started like the suite's standalone buildkitd: wiping that one
 * would empty the cache mounts later tests count on.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFreshBuildkitd } from "./daemons.js";
import { build, builders, MIRROR, must, scratchCopy, stepsRun } from "./harness.js";

/** uv-fastapi's dependency install, as its progress line names it. */
const INSTALL = "uv sync --frozen --no-install-project";

// A standalone buildkitd: the Docker Engine's builder exports no registry cache with its classic image store.
for (const builder of (await builders()).filter((b) => b !== "default")) {
  describe(`a registry cache on ${builder}`, () => {
    it("fills a wiped builder and a fresh buildkitd: nothing runs, the same digest", async () => {
      const project = scratchCopy("uv-fastapi");
      const stamp = Date.now();
      const cache = `${MIRROR}/pydock-e2e/cache-uv-fastapi:${stamp}`;
      const image = `${MIRROR}/pydock-e2e/cached-uv-fastapi`;
      const metadata = join(project.dir, "..", `pydock-e2e-cache-${stamp}.json`);
      const digestOf = async (b: string, step: string, cacheArgs: readonly string[]) => {
        const r = await build({ builder: b, context: project.dir, extra: [...cacheArgs, "--output", `type=image,name=${image}:${step},push=true`, "--metadata-file", metadata] });
        expect(r.code, r.output.slice(-4000)).toBe(0);
        // The image's own manifest: the index around it also holds buildx's provenance, which records when
        // each build ran.
        const index = JSON.parse(await must("docker", ["buildx", "imagetools", "inspect", "--raw", `${image}:${step}`])) as { manifests?: { digest: string; platform?: { architecture: string } }[] };
        const digest = index.manifests ? index.manifests.find((m) => m.platform?.architecture !== "unknown")?.digest : JSON.parse(readFileSync(metadata, "utf8"))["containerimage.digest"];
        return { output: r.output, digest: digest as string };
      };
      const one = await startFreshBuildkitd(builder, `pydock-e2e-runner-one-${stamp}`);
      const two = await startFreshBuildkitd(builder, `pydock-e2e-runner-two-${stamp}`).catch(async (e) => {
        await one.dispose();
        throw e;
      });
      try {
        const first = await digestOf(one.name, "first", ["--cache-to", `type=registry,ref=${cache},mode=max`]);
        expect(stepsRun(first.output).some((s) => s.includes(INSTALL))).toBe(true);

        await must("docker", ["buildx", "prune", "-af", "--builder", one.name]);
        const wiped = await digestOf(one.name, "wiped", ["--cache-from", `type=registry,ref=${cache}`]);
        expect(wiped.output).toContain(INSTALL);
        expect(stepsRun(wiped.output)).toEqual([]);
        expect(wiped.digest).toBe(first.digest);

        const other = await digestOf(two.name, "fresh", ["--cache-from", `type=registry,ref=${cache}`]);
        expect(other.output).toContain(INSTALL);
        expect(stepsRun(other.output)).toEqual([]);
        expect(other.digest).toBe(first.digest);
      } finally {
        await Promise.all([one.dispose(), two.dispose()]);
        rmSync(metadata, { force: true });
        project.dispose();
      }
    });
  });
}
