/** Bad inputs fail the build with a clear message naming the file, line and column, and no stack trace. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, build, builders, scratchCopy, type Result } from "./harness.js";

/** Edits one file of a scratch copy of an example: returns the new text. */
function edit(dir: string, file: string, change: (text: string) => string): string {
  const path = join(dir, file);
  const text = change(readFileSync(path, "utf8"));
  writeFileSync(path, text);
  return text;
}

/** 1-based line of the first line of `text` that starts with `prefix`. */
const lineOf = (text: string, prefix: string) => text.split("\n").findIndex((l) => l.startsWith(prefix)) + 1;

describe.each(await builders())("bad inputs on %s", (builder) => {
  /** Builds a copy of `example` after `prepare` broke it: the build must fail without a stack trace. */
  async function failing(example: string, prepare: (dir: string) => void): Promise<Result> {
    const copy = scratchCopy(example);
    try {
      prepare(copy.dir);
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
      return r;
    } finally {
      copy.dispose();
    }
  }

  it("nothing to start, and no [runtime] command", async () => {
    const r = await failing("zero-config", (dir) => rmSync(join(dir, "main.py")));
    expect(r.output).toMatch(/pydock\.toml:2:1: cannot tell how to start the application: set \[runtime\] command/);
  });

  it("a web app without a production server, with [runtime] add-server = false", async () => {
    const r = await failing("pip-flask", (dir) => {
      edit(dir, "pydock.toml", (t) => t.replace(/command = .*\n/, "add-server = false\n"));
      edit(dir, "requirements.txt", (t) => t.replace(/^gunicorn==.*\n(\s+--hash.*\n)*/m, ""));
    });
    expect(r.output).toMatch(/hold no production server \(looked for gunicorn, uvicorn, hypercorn, granian, waitress, uWSGI or daphne\) and \[runtime\] add-server is false/);
  });

  it("a uv.lock out of date with pyproject.toml", async () => {
    const r = await failing("uv-fastapi", (dir) => edit(dir, "pyproject.toml", (t) => t.replace('"uvicorn>=0.54",', '"uvicorn>=0.54",\n    "requests>=2",')));
    expect(r.output).toMatch(/pydock\.toml:\d+:\d+: uv\.lock is out of date: pyproject\.toml depends on requests/);
  });

  it("a poetry.lock out of date with pyproject.toml fails the install step, pointing at [dependencies]", async () => {
    const r = await failing("poetry-django", (dir) => edit(dir, "pyproject.toml", (t) => t.replace(/"gunicorn[^"]*",/, (m) => `${m}\n    "requests>=2",`)));
    expect(r.output).toMatch(/pyproject\.toml changed significantly since poetry\.lock was last generated/);
    expect(r.output).toMatch(/pydock\.toml:\d+/);
    expect(r.output).toMatch(/>>> \[dependencies\]/);
  });

  it("a source build missing a system package ends with the package and the key to add it to", async () => {
    // The project's own C extension (never in pip's wheel cache, so it is compiled on every run).
    const r = await build({ builder, context: join(ROOT, "test/e2e/fixtures/needs-libpq") });
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/libpq-fe\.h: No such file or directory/);
    expect(r.output).toContain("pydock: this build needs the Debian package(s) libpq-dev: add them to [dependencies] system-packages in pydock.toml");
    expect(r.output).not.toMatch(/^\s+at .*\.(c?js|ts):\d+/m);
  });

  it("a Python version no image exists for, at the key that asked for it", async () => {
    let line = 0;
    const r = await failing("psycopg", (dir) => {
      line = lineOf(edit(dir, "pydock.toml", (t) => t.replace('version = "3.11"', 'version = "3.99"')), "version = ");
    });
    expect(r.output).toMatch(new RegExp(`pydock\\.toml:${line}:\\d+: cannot resolve the \\w+ stage's base image docker\\.io/library/python:3\\.99-`));
    expect(r.output).toContain("pydock builds Python 3.9, 3.10, 3.11, 3.12, 3.13, 3.14");
  });

  it("a missing requirements file", async () => {
    let line = 0;
    const r = await failing("pip-flask", (dir) => {
      rmSync(join(dir, "requirements.txt"));
      line = lineOf(readFileSync(join(dir, "pydock.toml"), "utf8"), "requirements = ");
    });
    expect(r.output).toContain(`pydock.toml:${line}:`);
    expect(r.output).toMatch(/requirements file "requirements\.txt" is not in the build context/);
  });

  it("an unknown dependency group", async () => {
    let line = 0;
    const r = await failing("poetry-django", (dir) => {
      line = lineOf(edit(dir, "pydock.toml", (t) => t.replace('groups = ["main"]', 'groups = ["main", "docs"]')), "groups = ");
    });
    expect(r.output).toMatch(new RegExp(`pydock\\.toml:${line}:\\d+: unknown dependency group "docs"`));
  });
});
