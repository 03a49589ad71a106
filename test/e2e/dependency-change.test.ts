/**
 * A dependency change re-runs the install, and the package manager takes the unchanged packages from the
 * BuildKit cache mount, not from the network — shown by pip's and uv's own output.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, builders, scratchCopy, stepCached } from "./harness.js";

describe.each(await builders())("dependency change on %s", (builder) => {
  // pip keeps downloaded files only when the index allows HTTP caching; PyPI does (Cache-Control: immutable),
  // but proxies that strip the header (as this test network's does) leave pip nothing to reuse. So for pip
  // this checks the install re-runs and adds the package; uv below shows reuse from the cache mount.
  it("pip: one package added to requirements.txt re-runs the install and adds it", async () => {
    const copy = scratchCopy("pip-flask");
    try {
      // Requirements bytes no earlier build had (a comment), so that neither build below comes from the cache.
      writeFileSync(join(copy.dir, "requirements.txt"), `# ${Date.now()}\n${readFileSync(join(copy.dir, "requirements.txt"), "utf8")}`);
      const first = await build({ builder, context: copy.dir });
      expect(first.code, first.output.slice(-3000)).toBe(0);
      appendFileSync(
        join(copy.dir, "requirements.txt"),
        "six==1.17.0 \\\n    --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274\n",
      );
      const second = await build({ builder, context: copy.dir });
      expect(second.code, second.output.slice(-3000)).toBe(0);
      expect(stepCached(second.output, "pip install -r requirements.txt")).toBe(false);
      expect(second.output).toMatch(/Downloading six-1\.17\.0|Using cached six-1\.17\.0/);
      expect(second.output).toMatch(/Successfully installed .*six-1\.17\.0/);
    } finally {
      copy.dispose();
    }
  });

  it("uv: a changed lock re-runs uv sync, which installs from its cache", async () => {
    const copy = scratchCopy("uv-fastapi");
    try {
      // Lock bytes no earlier build had, so that this one runs uv sync and fills the cache mount: layers from
      // the cache (an earlier run's, or imported) would leave it as another build left it.
      writeFileSync(join(copy.dir, "uv.lock"), `${readFileSync(join(copy.dir, "uv.lock"), "utf8")}# ${Date.now()}\n`);
      const first = await build({ builder, context: copy.dir });
      expect(first.code, first.output.slice(-3000)).toBe(0);
      expect(stepCached(first.output, "uv sync --frozen --no-install-project")).toBe(false);
      // Same dependencies, different lock bytes: the install step must run again and find everything cached.
      writeFileSync(join(copy.dir, "uv.lock"), readFileSync(join(copy.dir, "uv.lock"), "utf8") + "\n");
      const second = await build({ builder, context: copy.dir });
      expect(second.code, second.output.slice(-3000)).toBe(0);
      const step = second.output.split("\n").filter((l) => /uv sync --frozen --no-install-project/.test(l) || /Prepared|Installed|Downloading/.test(l));
      expect(stepCached(second.output, "uv sync --frozen --no-install-project")).toBe(false);
      expect(step.join("\n")).not.toMatch(/Downloading/);
      expect(step.join("\n")).toMatch(/Installed \d+ packages/);
    } finally {
      copy.dispose();
    }
  });
});
