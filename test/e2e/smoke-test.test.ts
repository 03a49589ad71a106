/**
 * The smoke test checks what the container will run, through the real frontend:
 * - `python serve.py` whose serve.py imports psycopg2 (built from source) with `auto-system-packages = false`:
 *   the script's imports are imported without running it, and the venv's shared libraries are read, so the
 *   build fails naming libpq.so.5 and the Debian package libpq5 (it used to pass, the file being there);
 * - `sh -c "cd src && exec uvicorn main:app … ${PORT:-8000}"`: main imports from src/, and the image serves;
 * - an app whose import runs `git`: a warning that names what the build environment lacks, and the build passes.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, build, builders, startContainer, stepCached, waitHttp } from "./harness.js";

const fixture = (name: string) => join(ROOT, "test/e2e/fixtures", name);

for (const builder of await builders()) {
  describe(`the smoke test on ${builder}`, () => {
    it("python serve.py: a top-level import of a library the image lacks fails the build, naming the library and its package", async () => {
      const r = await build({ builder, context: fixture("smoke-script-libpq") });
      expect(r.code, r.output.slice(-4000)).not.toBe(0);
      expect(r.output).toMatch(
        /pydock\.toml:\d+:\d+: the runtime image cannot start the command: import psycopg2, line \d+ of serve\.py \(python serve\.py\): ImportError: libpq\.so\.5: cannot open shared object file/,
      );
      expect(r.output).toMatch(/the shared library libpq\.so\.5 \(needed by psycopg2\/_psycopg[^)]*\.so in \/app\/\.?venv\): not found in the runtime image \(Debian package libpq5\)/);
      expect(r.output).toMatch(/add libpq5 to \[runtime\] system-packages/);
    });

    it("cd src && exec uvicorn main:app: main imports from src/ and the image serves", async () => {
      const tag = `pydock-e2e/smoke-cd-src:${builder}`;
      const r = await build({ builder, context: fixture("smoke-cd-src"), tag });
      expect(r.code, r.output.slice(-4000)).toBe(0);
      expect(stepCached(r.output, "[smoke-test]")).toBeDefined();
      expect(r.output).not.toMatch(/No module named 'main'/);
      const c = await startContainer(tag);
      try {
        const home = await waitHttp(`${c.url}/`);
        expect(home).toEqual({ status: 200, body: "hello from src/\n" });
      } finally {
        await c.stop();
      }
    });

    it("an import that runs git: a warning that names what the build environment lacks; the build passes", async () => {
      const r = await build({ builder, context: fixture("smoke-git-import"), extra: ["--no-cache"] });
      expect(r.code, r.output.slice(-4000)).toBe(0);
      expect(r.output).toMatch(
        /smoke test: import app:app \(uvicorn app:app --host 0\.0\.0\.0 --port 8000\) needed something the build environment does not have \(the program git, which is not in the image\): FileNotFoundError: \[Errno 2\] No such file or directory: 'git'/,
      );
      expect(r.output).not.toMatch(/cannot start the command/);
    });
  });
}
