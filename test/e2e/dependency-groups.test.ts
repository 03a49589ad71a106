/**
 * PEP 735 dependency groups with pip: examples/pip-flask's `test` target installs `[dependency-groups].test`
 * (pytest, and coverage through `include-group`) with `pip install --group test` after its hash-checked
 * requirements, and the image runs the tests; the production image has neither.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, inImage, inspect, run } from "./harness.js";

const EXAMPLE = join(ROOT, "examples", "pip-flask");

describe.each(await builders())("PEP 735 groups with pip on %s", (builder) => {
  const tag = `pydock-e2e/pip-flask:${builder}`;
  const testTag = `pydock-e2e/pip-flask-test:${builder}`;
  let output = "";
  beforeAll(async () => {
    const prod = await build({ builder, context: EXAMPLE, tag });
    if (prod.code !== 0) throw new Error(`build failed:\n${prod.output.slice(-6000)}`);
    const test = await build({ builder, context: EXAMPLE, tag: testTag, target: "test" });
    if (test.code !== 0) throw new Error(`build --target test failed:\n${test.output.slice(-6000)}`);
    output = test.output;
  });

  // The step's name is printed whether it runs or comes from the cache (what it installed: the tests below).
  it("installs the group after the requirements, in the same step", () => {
    expect(output).toMatch(/^#\d+ \[venv \d+\/\d+\] pip install -r requirements\.txt && pip install --group test$/m);
  });

  it("the test image runs the tests, as the non-root user", async () => {
    const r = await run("docker", ["run", "--rm", testTag]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/2 passed/);
    expect((await inspect(testTag)).Config["User"]).toBe("10001:10001");
  });

  it("include-group brought coverage into the test image", async () => {
    const r = await inImage(testTag, `python -c "import coverage, pytest, flask; print(coverage.__version__)"`);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/^7\./m);
  });

  it("the production image has the requirements only", async () => {
    const r = await inImage(tag, `python -c "import pytest"`);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/No module named 'pytest'/);
    expect((await inImage(tag, `python -c "import coverage"`)).code).not.toBe(0);
    expect((await inImage(tag, `python -c "import flask, gunicorn"`)).code).toBe(0);
  });
});
