/** Bad inputs fail the build with a clear message naming the file, line and column. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, builders, scratchCopy } from "./harness.js";

const noStack = (output: string) => expect(output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);

describe.each(await builders())("bad inputs on %s", (builder) => {
  it("two lockfiles and no [dependencies] manager", async () => {
    const copy = scratchCopy("zero-config");
    try {
      writeFileSync(join(copy.dir, "requirements.txt"), "fastapi\n");
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      // At the end of pydock.toml (it is only the `# syntax=` line): where [dependencies] manager would go.
      expect(r.output).toMatch(/pydock\.toml:2:1: several package managers fit this project: uv \(uv\.lock\), pip \(requirements\.txt\)/);
      noStack(r.output);
    } finally {
      copy.dispose();
    }
  });

  it("a uv.lock out of date with pyproject.toml", async () => {
    const copy = scratchCopy("uv-fastapi");
    try {
      const file = join(copy.dir, "pyproject.toml");
      writeFileSync(file, readFileSync(file, "utf8").replace('"uvicorn>=0.54",', '"uvicorn>=0.54",\n    "requests>=2",'));
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/pydock\.toml:\d+:\d+: uv\.lock is out of date: pyproject\.toml depends on requests/);
      noStack(r.output);
    } finally {
      copy.dispose();
    }
  });

  it("a poetry.lock out of date with pyproject.toml fails the install step, pointing at [dependencies]", async () => {
    const copy = scratchCopy("poetry-django");
    try {
      const file = join(copy.dir, "pyproject.toml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/"gunicorn[^"]*",/, (m) => `${m}\n    "requests>=2",`));
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(/pyproject\.toml changed significantly since poetry\.lock was last generated/);
      expect(r.output).toMatch(/pydock\.toml:\d+/);
      expect(r.output).toMatch(/>>> \[dependencies\]/);
    } finally {
      copy.dispose();
    }
  });

  it("a source build missing a system package ends with the package and the key to add it to", async () => {
    const copy = scratchCopy("psycopg");
    try {
      const file = join(copy.dir, "pydock.toml");
      const text = readFileSync(file, "utf8").replace(/^system-packages = \["libpq-dev"\].*$/m, "").replace("[runtime]\n", "[runtime]\nauto-system-packages = false\n");
      writeFileSync(file, text);
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain("pydock: this build needs the Debian package(s) libpq-dev: add them to [dependencies] system-packages in pydock.toml");
      noStack(r.output);
    } finally {
      copy.dispose();
    }
  });

  it("a Python version no image exists for, at the key that asked for it", async () => {
    const copy = scratchCopy("psycopg");
    try {
      const file = join(copy.dir, "pydock.toml");
      const text = readFileSync(file, "utf8").replace('version = "3.11"', 'version = "3.99"');
      writeFileSync(file, text);
      const line = text.split("\n").findIndex((l) => l.startsWith("version = ")) + 1;
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(new RegExp(`pydock\\.toml:${line}:\\d+: cannot resolve the \\w+ stage's base image docker\\.io/library/python:3\\.99-`));
      expect(r.output).toContain("pydock builds Python 3.9, 3.10, 3.11, 3.12, 3.13, 3.14");
      noStack(r.output);
    } finally {
      copy.dispose();
    }
  });

  it("a missing requirements file", async () => {
    const copy = scratchCopy("pip-flask");
    try {
      rmSync(join(copy.dir, "requirements.txt"));
      const text = readFileSync(join(copy.dir, "pydock.toml"), "utf8");
      const line = text.split("\n").findIndex((l) => l.startsWith("requirements = ")) + 1;
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain(`pydock.toml:${line}:`);
      expect(r.output).toMatch(/requirements file "requirements\.txt" is not in the build context/);
      noStack(r.output);
    } finally {
      copy.dispose();
    }
  });

  it("an unknown dependency group", async () => {
    const copy = scratchCopy("poetry-django");
    try {
      const file = join(copy.dir, "pydock.toml");
      const text = readFileSync(file, "utf8").replace('groups = ["main"]', 'groups = ["main", "docs"]');
      writeFileSync(file, text);
      const line = text.split("\n").findIndex((l) => l.startsWith("groups = ")) + 1;
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(new RegExp(`pydock\\.toml:${line}:\\d+: unknown dependency group "docs"`));
      noStack(r.output);
    } finally {
      copy.dispose();
    }
  });
});
