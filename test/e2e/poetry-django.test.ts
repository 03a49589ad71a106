/**
 * The case pydock started from: a Poetry-managed Django app served by gunicorn (examples/poetry-django),
 * built through `# syntax=` on each available BuildKit, run, and inspected.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, build, builders, gitHead, inImage, inspect, must, run, scratchCopy, startContainer, stepCached, waitHealth, waitHttp } from "./harness.js";

const EXAMPLE = join(ROOT, "examples/poetry-django");

describe.each(await builders())("poetry-django on %s", (builder) => {
  const tag = `pydock-e2e/blog:${builder}`;
  let output = "";

  beforeAll(async () => {
    const r = await build({ builder, context: EXAMPLE, tag });
    output = r.output;
    if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
  });

  it("serves the app and turns healthy", async () => {
    // The image's own health check, probed every second rather than its 30 s interval.
    const c = await startContainer(tag, 8000, undefined, [], ["--health-interval", "1s"]);
    try {
      const home = await waitHttp(`${c.url}/`);
      expect(home.status).toBe(200);
      expect(home.body).toContain("<html");
      const health = await waitHttp(`${c.url}/health/`);
      expect(health.status).toBe(200);
      expect(await waitHealth(c.id)).toBe("healthy");
    } finally {
      await c.stop();
    }
  });

  it("records the commit in /app/.version without shipping git", async () => {
    const version = await inImage(tag, "cat /app/.version");
    expect(version.output.trim()).toBe(await gitHead());
    const cfg = await inspect(tag);
    expect((cfg.Config["Labels"] as Record<string, string>)["org.opencontainers.image.revision"]).toBe(await gitHead());
  });

  it("runs as uid 10001 with no Poetry, compiler or git inside", async () => {
    const cfg = await inspect(tag);
    expect(cfg.Config["User"]).toBe("10001:10001");
    const id = await run("docker", ["run", "--rm", "--entrypoint", "id", tag, "-u"]);
    expect(id.output.trim()).toBe("10001");
    const tools = await inImage(tag, "for t in poetry gcc cc git; do command -v $t; done; ls -d /opt/pydock /app/.git /root/.cache 2>/dev/null; true");
    expect(tools.output.trim()).toBe("");
  });

  it("has the image metadata pydock.toml asks for", async () => {
    const c = (await inspect(tag)).Config;
    expect(c["WorkingDir"]).toBe("/app");
    expect(c["Cmd"]).toEqual(["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"]);
    expect(Object.keys(c["ExposedPorts"] as object)).toEqual(["8000/tcp"]);
    expect(c["Env"]).toEqual(expect.arrayContaining(["DB_BASE_DIR=/db", "DEBUG=false", "TZ=Europe/Paris", "VIRTUAL_ENV=/app/venv"]));
    expect((c["Env"] as string[]).find((e) => e.startsWith("PATH="))).toMatch(/^PATH=\/app\/venv\/bin:/);
    const hc = c["Healthcheck"] as { StartPeriod: number; Timeout: number };
    expect(hc.StartPeriod).toBe(30e9);
    expect(hc.Timeout).toBe(2e9);
    const tz = await inImage(tag, "cat /etc/timezone; stat -c %u /db");
    expect(tz.output.trim().split("\n")).toEqual(["Europe/Paris", "10001"]);
    // [app] build-commands ran after the copies: collectstatic gathered the static files.
    expect((await inImage(tag, "cat /app/static/pages/site.css")).output).toContain("font-family");
  });

  it("shows readable step names in the build progress", () => {
    expect(output).toMatch(/\[venv \d+\/\d+\] poetry export --only main \| pip install/);
    expect(output).toMatch(/\[runtime \d+\/\d+\] copy articles \/app\/articles/);
  });

  it("--target test installs the dev group and runs the tests", async () => {
    const testTag = `pydock-e2e/blog-test:${builder}`;
    const r = await build({ builder, context: EXAMPLE, tag: testTag, target: "test" });
    expect(r.code, r.output.slice(-3000)).toBe(0);
    const pytest = await run("docker", ["run", "--rm", testTag]);
    expect(pytest.output).toMatch(/2 passed/);
    expect(pytest.code).toBe(0);
    const prod = await inImage(tag, "python -c 'import pytest'");
    expect(prod.code).not.toBe(0);
  });
});

describe.each(await builders())("poetry-django rebuilds on %s", (builder) => {
  it("a source-only edit does not re-run the dependency install", async () => {
    const copy = scratchCopy("poetry-django");
    try {
      const tag = `pydock-e2e/blog-edit:${builder}`;
      const first = await build({ builder, context: copy.dir, tag });
      expect(first.code, first.output.slice(-3000)).toBe(0);
      // An edit no earlier run made: BuildKit's cache keys copies by content, so a repeated edit would be CACHED.
      const mark = `(edited ${process.pid}-${Date.now()})`;
      const views = join(copy.dir, "pages/views.py");
      writeFileSync(views, readFileSync(views, "utf8").replace("</h1>", ` ${mark}</h1>`));
      const second = await build({ builder, context: copy.dir, tag });
      expect(second.code, second.output.slice(-3000)).toBe(0);
      expect(stepCached(second.output, "poetry export")).toBe(true);
      expect(stepCached(second.output, "copy pages /app/pages")).toBe(false);
      const c = await startContainer(tag);
      try {
        expect((await waitHttp(`${c.url}/`)).body).toContain(mark);
      } finally {
        await c.stop();
      }
    } finally {
      copy.dispose();
    }
  });

  it("a misspelled key fails with its line and column", async () => {
    const copy = scratchCopy("poetry-django");
    try {
      const file = join(copy.dir, "pydock.toml");
      const text = readFileSync(file, "utf8").replace("timezone = ", "timezon = ");
      writeFileSync(file, text);
      const line = text.split("\n").findIndex((l) => l.startsWith("timezon = ")) + 1;
      const r = await build({ builder, context: copy.dir });
      expect(r.code).not.toBe(0);
      expect(r.output).toContain(`pydock.toml:${line}:1`);
      expect(r.output).toMatch(/did you mean "timezone"/);
      expect(r.output).not.toMatch(/^\s+at .*\.cjs:\d+/m);
    } finally {
      copy.dispose();
    }
  });

  it("lists its targets (--call=targets, --print=targets on older buildx)", async () => {
    const args = ["buildx", "build", "--builder", builder, "-f", join(EXAMPLE, "pydock.toml"), EXAMPLE];
    let r = await run("docker", [...args.slice(0, 2), "--call=targets", ...args.slice(2)]);
    if (r.code !== 0 && /unknown flag: --call/.test(r.output)) {
      r = await run("docker", [...args.slice(0, 2), "--print=targets", ...args.slice(2)], { env: { BUILDX_EXPERIMENTAL: "1" } });
    }
    expect(r.code, r.output.slice(-2000)).toBe(0);
    expect(r.output).toMatch(/^runtime \(default\)\s+the application image$/m);
    expect(r.output).toMatch(/^venv\s+/m);
    expect(r.output).toMatch(/^test\s+/m);
  });

  it("docker buildx bake builds the production and test targets", async () => {
    const r = await run("docker", ["buildx", "bake", "--builder", builder, "--progress=plain", "--load", "production", "test"], { cwd: EXAMPLE });
    expect(r.code, r.output.slice(-3000)).toBe(0);
    const images = await must("docker", ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "blog"]);
    expect(images).toContain("blog:latest");
    expect(images).toContain("blog:test");
  });
});
