/**
 * Faults on both daemons: the daemon killed while a build is in its install step, the client interrupted
 * (SIGINT to the process group, as Ctrl-C does), and a package index that cannot be reached. Each must end
 * with a clear failure, leave no frontend or build process behind and no half-written image under the tag,
 * and the next build must succeed.
 *
 * The daemon killed is one the test starts for itself, never the machine's: a throwaway Docker Engine for the
 * Engine's builder, a throwaway buildkitd for a standalone one (see daemons.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alive, poll, processesMatching, startBuild, startFreshBuildkitd, startFreshDockerd } from "./daemons.js";
import { build, builders, FRONTEND_IMAGE, run, scratchCopy, startContainer, waitHttp } from "./harness.js";

/** What the frontend process's command line holds (frontend.Dockerfile's ENTRYPOINT). */
const FRONTEND_PROCESS = "/pydock/frontend.cjs";
/** The pip-flask example's install step, as its progress line names it. */
const INSTALL_STEP = /#\d+ \[venv [^\]]*\] pip install -r requirements\.txt/;
/** The install step's process inside the build container. */
const INSTALL_PROCESS = "install --no-compile -r requirements.txt";

const tagExists = async (tag: string, docker: readonly string[] = []) => (await run("docker", [...docker, "image", "inspect", tag])).code === 0;

async function expectServes(tag: string, docker: readonly string[] = []): Promise<void> {
  const c = await startContainer(tag, 8000, undefined, docker);
  try {
    expect((await waitHttp(`${c.url}/health`, 90_000)).status).toBe(200);
  } finally {
    await c.stop();
  }
}

describe.each(await builders())("faults on %s", (builder) => {
  const buildArgs = (on: string, dir: string, tag: string) => ["--builder", on, "--progress=plain", "--no-cache", "-f", join(dir, "pydock.toml"), "--load", "-t", tag, dir];

  it("the daemon killed in the install step: the build fails, nothing is left running or tagged, the next build succeeds", async () => {
    const copy = scratchCopy("pip-flask");
    const stamp = Date.now();
    const tag = `pydock-e2e/fault-kill:${builder}-${stamp}`;
    const fresh = builder === "default" ? await startFreshDockerd(`pydock-e2e-engine-${stamp}`, FRONTEND_IMAGE) : await startFreshBuildkitd(builder, `pydock-e2e-killed-${stamp}`);
    try {
      const b = startBuild(buildArgs(fresh.name, copy.dir, tag), fresh.env);
      await b.waitFor(INSTALL_STEP, 300_000);
      const killed = fresh.daemon();
      const killedAt = Date.now();
      await fresh.killAndRestart();
      const r = await b.done;
      expect(r.code, r.output.slice(-2000)).not.toBe(0);
      // The client notices the lost daemon at once, not after a timeout.
      expect(r.endedAt - killedAt).toBeLessThan(30_000);
      expect(alive(killed.pid)).toBe(false);
      expect(await poll(() => processesMatching(FRONTEND_PROCESS).length === 0, 5_000)).toBe(true);
      expect(await poll(() => processesMatching(INSTALL_PROCESS).length === 0, 15_000)).toBe(true);
      expect(await tagExists(tag, fresh.docker)).toBe(false);

      const again = await build({ builder: fresh.name, context: copy.dir, tag, env: fresh.env });
      expect(again.code, again.output.slice(-3000)).toBe(0);
      await expectServes(tag, fresh.docker);
    } finally {
      await run("docker", [...fresh.docker, "image", "rm", "-f", tag]);
      await fresh.dispose();
      copy.dispose();
    }
  });

  it("the client interrupted in the install step: it exits, the build's processes end, nothing is tagged", async () => {
    const copy = scratchCopy("pip-flask");
    const tag = `pydock-e2e/fault-sigint:${builder}-${Date.now()}`;
    try {
      const b = startBuild(buildArgs(builder, copy.dir, tag));
      await b.waitFor(INSTALL_STEP, 300_000);
      const interruptedAt = Date.now();
      process.kill(-(b.child.pid ?? 0), "SIGINT");
      const r = await b.done;
      expect(r.code, r.output.slice(-2000)).not.toBe(0);
      expect(r.endedAt - interruptedAt).toBeLessThan(15_000);
      expect(await poll(() => processesMatching(FRONTEND_PROCESS).length === 0, 5_000)).toBe(true);
      expect(await poll(() => processesMatching(INSTALL_PROCESS).length === 0, 15_000)).toBe(true);
      expect(await tagExists(tag)).toBe(false);

      const again = await build({ builder, context: copy.dir, tag });
      expect(again.code, again.output.slice(-3000)).toBe(0);
    } finally {
      await run("docker", ["image", "rm", "-f", tag]);
      copy.dispose();
    }
  });

  it("an unreachable package index: the error names it and the [dependencies] line; the next build reuses the cache mounts", async () => {
    // psycopg2 is built from its sdist: pip keeps the wheel it builds in its cache mount, so a build that
    // reuses the mount says "Using cached" instead of compiling again. (pip's HTTP cache cannot show reuse on
    // an index that sends no caching headers, and --no-cache would give the step an empty cache mount.)
    const copy = scratchCopy("psycopg");
    const tag = `pydock-e2e/fault-index:${builder}`;
    const file = join(copy.dir, "pydock.toml");
    const requirements = join(copy.dir, "requirements.txt");
    const good = readFileSync(file, "utf8");
    const pins = readFileSync(requirements, "utf8");
    // A new comment in requirements.txt makes the install step run again, with the same cache mounts.
    const rerunInstall = (why: string) => writeFileSync(requirements, `${pins}# ${why} ${Date.now()}\n`);
    try {
      rerunInstall("fill the cache");
      const first = await build({ builder, context: copy.dir, tag });
      expect(first.code, first.output.slice(-3000)).toBe(0);
      expect(first.output).toMatch(/psycopg2/);

      writeFileSync(file, good.replace('manager = "pip"', 'manager = "pip"\nindex-url = "http://127.0.0.1:9/simple"'));
      rerunInstall("unreachable index");
      const bad = await build({ builder, context: copy.dir, tag });
      expect(bad.code).not.toBe(0);
      expect(bad.output).toContain("pydock: the install could not reach a package index (");
      expect(bad.output).toContain("): http://127.0.0.1:9/simple. Check [dependencies] index-url");
      // BuildKit's snippet points at the [dependencies] table of pydock.toml, where the index is set.
      const line = good.split("\n").indexOf("[dependencies]") + 1;
      expect(bad.output).toMatch(new RegExp(`pydock\\.toml:${line}\\b[\\s\\S]*>>> \\[dependencies\\]`));

      writeFileSync(file, good);
      rerunInstall("index back");
      const fixed = await build({ builder, context: copy.dir, tag });
      expect(fixed.code, fixed.output.slice(-3000)).toBe(0);
      expect(fixed.output).toMatch(/Using cached psycopg2-[^ ]+\.whl/);
      expect(fixed.output).not.toContain("Building wheel for psycopg2");
      await expectServes(tag);
    } finally {
      copy.dispose();
    }
  });
});
