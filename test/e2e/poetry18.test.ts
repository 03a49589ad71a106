/**
 * The Poetry 1.8 dialect end to end: a project in the Poetry 1.x format ([tool.poetry.dependencies], no
 * [project] table, `package-mode = false`) whose poetry.lock was written by Poetry 1.8.5, built with
 * `manager-version = "1.8.5"`. Poetry 1.x bundles `poetry export`, so pydock installs Poetry alone (2.x gets
 * poetry-plugin-export beside it); the production image has the main group only, `[targets.test]` adds dev.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, inImage, inspect, startContainer, waitHttp } from "./harness.js";

const FIXTURE = join(ROOT, "test", "e2e", "fixtures", "poetry18-flask");

for (const builder of await builders()) {
  describe(`poetry 1.8 project on ${builder}`, () => {
    const tag = `pydock-e2e/poetry18-flask:${builder}`;
    let output = "";
    beforeAll(async () => {
      const r = await build({ builder, context: FIXTURE, tag });
      if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
      output = r.output;
    });

    it("installs the pinned Poetry 1.8.5 and no export plugin beside it", () => {
      // The step name lists the export plugin when pydock adds one (Poetry 2.x): here it must not. The name
      // is printed even when the step comes from the cache, so this holds on every run. Poetry 1.8 depends on
      // the plugin itself: its pinned set holds the version Poetry 1.8.5 resolved to when the set was made.
      expect(output).toMatch(/^#\d+ \[venv \d+\/\d+\] install poetry==1\.8\.5 \(pinned set, hash-checked\)$/m);
      expect(output).toMatch(/poetry export --only main \| pip install/);
    });

    it("uses Poetry 1.8.5 in the builder stage", async () => {
      const venvTag = `pydock-e2e/poetry18-flask-venv:${builder}`;
      const r = await build({ builder, context: FIXTURE, tag: venvTag, target: "venv" });
      if (r.code !== 0) throw new Error(`build --target venv failed:\n${r.output.slice(-6000)}`);
      const version = await inImage(venvTag, "/opt/pydock/poetry/bin/poetry --version --no-ansi");
      expect(version.code).toBe(0);
      expect(version.output).toMatch(/Poetry \(version 1\.8\.5\)/);
    });

    it("starts and answers HTTP on port 8000", async () => {
      const c = await startContainer(tag);
      try {
        const home = await waitHttp(`${c.url}/`);
        expect(home.status).toBe(200);
        expect(home.body).toMatch(/Poetry 1\.8/);
        expect((await waitHttp(`${c.url}/health`)).status).toBe(200);
      } finally {
        await c.stop();
      }
    });

    it("ships no package manager and runs as the app user", async () => {
      const r = await inImage(tag, "for t in uv poetry gcc cc git; do command -v $t; done; ls -d /opt/pydock /root/.cache $VIRTUAL_ENV/bin/pip 2>/dev/null; true", "0");
      expect(r.output.trim()).toBe("");
      expect((await inspect(tag)).Config["User"]).toBe("10001:10001");
    });

    it("has the dev group (pytest) in the test target only", async () => {
      const testTag = `pydock-e2e/poetry18-flask-test:${builder}`;
      const r = await build({ builder, context: FIXTURE, tag: testTag, target: "test" });
      if (r.code !== 0) throw new Error(`build --target test failed:\n${r.output.slice(-6000)}`);
      expect(r.output).toMatch(/poetry export --only main,dev \| pip install/);

      const withDev = await inImage(testTag, `python -c "import pytest, flask; print(pytest.__version__)"`);
      expect(withDev.code, withDev.output).toBe(0);
      expect(withDev.output).toMatch(/^9\./m);

      const production = await inImage(tag, `python -c "import pytest"`);
      expect(production.code).not.toBe(0);
      expect(production.output).toMatch(/ModuleNotFoundError: No module named 'pytest'/);
      // The production image still has the main group.
      expect((await inImage(tag, `python -c "import flask, gunicorn"`)).code).toBe(0);
    });
  });
}
