/**
 * Runtime libraries found, not remembered, and the build-time smoke test:
 * - psycopg2 compiled from source, with a pydock.toml naming no runtime system package (and no entry of the
 *   static table for it): the venv stage finds that the extension links libpq.so.5, the runtime image gets
 *   libpq5, and the app serves HTTP; the package is named in the build output, a label and a file;
 * - the same with `auto-system-packages = false` fails at build time, with the import error, at pydock.toml;
 * - a project linking nothing the runtime image lacks gets exactly the layers it gets with detection off;
 * - a no-op rebuild takes the smoke test from the cache.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, builders, inImage, inspect, scratchCopy, startContainer, stepCached, waitHttp } from "./harness.js";

const LABEL = "io.pydock.runtime.auto-system-packages";

function withRuntimeKeys(dir: string, keys: string): void {
  const file = join(dir, "pydock.toml");
  writeFileSync(file, readFileSync(file, "utf8").replace("[runtime]\n", `[runtime]\n${keys}\n`));
}

for (const builder of await builders()) {
  describe(`psycopg2 from source on ${builder}`, () => {
    const project = scratchCopy("psycopg");
    const tag = `pydock-e2e/runtime-libraries:${builder}`;
    let first = "";
    beforeAll(async () => {
      const toml = readFileSync(join(project.dir, "pydock.toml"), "utf8");
      expect(toml).not.toMatch(/^system-packages = .*libpq5/m);
      // Without the cache, so that the finding and installing steps run and print what they found.
      const r = await build({ builder, context: project.dir, tag, extra: ["--no-cache"] });
      if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
      first = r.output;
    });
    afterAll(() => project.dispose());

    it("finds libpq5 and names it in the build output, a label and a file", async () => {
      expect(first).toMatch(/libpq\.so\.5 \(needed by [^)]*psycopg2[^)]*\) is not in the runtime image: Debian package libpq5/);
      expect(first).toMatch(/pydock: auto-system-packages: libpq5/);
      const image = await inspect(tag);
      expect((image.Config["Labels"] as Record<string, string>)[LABEL]).toBe("libpq5");
      const r = await inImage(tag, "cat /usr/share/pydock/auto-system-packages; dpkg-query -W -f '${Package}\\n' libpq5; ls /usr/include/postgresql 2>&1");
      expect(r.output).toMatch(/^libpq5\nlibpq5\n.*No such file/s);
    });

    it("serves HTTP with psycopg2 linked against libpq", async () => {
      const c = await startContainer(tag);
      try {
        const home = await waitHttp(`${c.url}/`);
        expect(home.status).toBe(200);
        expect(home.body).toMatch(/linked against libpq \d+\.\d+/);
      } finally {
        await c.stop();
      }
    });

    it("takes the smoke test from the cache on a no-op rebuild", async () => {
      const start = Date.now();
      const r = await build({ builder, context: project.dir, tag });
      const seconds = (Date.now() - start) / 1000;
      expect(r.code, r.output.slice(-3000)).toBe(0);
      expect(stepCached(r.output, "[smoke-test] /app/.venv/bin/python runs")).toBe(true);
      console.log(`no-op rebuild of psycopg on ${builder}: ${seconds.toFixed(1)} s`);
    });

    it("fails at build time with the import error when auto-system-packages = false", async () => {
      const off = scratchCopy("psycopg");
      try {
        withRuntimeKeys(off.dir, "auto-system-packages = false");
        const r = await build({ builder, context: off.dir });
        expect(r.code).not.toBe(0);
        expect(r.output).toMatch(/pydock\.toml:\d+:\d+: the runtime image cannot start the command: import app:app \(gunicorn app:app --bind 0\.0\.0\.0:8000\): ImportError: libpq\.so\.5: cannot open shared object file/);
        expect(r.output).toMatch(/\[runtime\] system-packages/);
        expect(r.output).not.toMatch(/find the shared libraries/);
      } finally {
        off.dispose();
      }
    });
  });

  describe(`a project whose libraries the runtime image has, on ${builder}`, () => {
    it("gets no more layers than with detection off, and an empty label", async () => {
      const project = scratchCopy("pip-flask");
      // The file with detection off lies outside the context, so both builds copy the same application.
      const off = mkdtempSync(join(tmpdir(), "pydock-runtime-libraries-"));
      try {
        const offFile = join(off, "pydock.toml");
        writeFileSync(offFile, readFileSync(join(project.dir, "pydock.toml"), "utf8").replace("[runtime]\n", "[runtime]\nauto-system-packages = false\nsmoke-test = false\n"));
        // Both without the cache: the Docker Engine's classic image store was seen to give a layer taken from its
        // cache another digest than the same layer built cold (the same entries, in another tar order).
        const a = await build({ builder, context: project.dir, tag: `pydock-e2e/runtime-libraries-none:${builder}`, extra: ["--no-cache"] });
        expect(a.code, a.output.slice(-3000)).toBe(0);
        const b = await build({ builder, context: project.dir, file: offFile, tag: `pydock-e2e/runtime-libraries-off:${builder}`, extra: ["--no-cache"] });
        expect(b.code, b.output.slice(-3000)).toBe(0);
        expect(b.output).not.toMatch(/\[smoke-test\]/);
        const withDetection = await inspect(`pydock-e2e/runtime-libraries-none:${builder}`);
        const without = await inspect(`pydock-e2e/runtime-libraries-off:${builder}`);
        expect(withDetection.RootFS.Layers).toEqual(without.RootFS.Layers);
        expect((withDetection.Config["Labels"] as Record<string, string>)[LABEL]).toBe("");
        expect((without.Config["Labels"] as Record<string, string>)[LABEL]).toBeUndefined();
      } finally {
        project.dispose();
        rmSync(off, { recursive: true, force: true });
      }
    });
  });
}
