/**
 * The ejected Dockerfile of every example, built by the Docker Engine's own BuildKit with its built-in
 * Dockerfile frontend (no pydock frontend, no `# syntax=` line) in a scratch copy of the project, then run:
 * it answers HTTP 200 on / and on its health path, turns healthy where pydock.toml has a health check,
 * runs the command and user of the plan, records the commit in the version file, and ships no package
 * manager, compiler or cache, like the image pydock builds (test/e2e/examples.test.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ejectDockerfile } from "../../src/eject/dockerfile.js";
import type { BuildPlan } from "../../src/plan/types.js";
import { planOk } from "../support/compile.js";
import { EXAMPLES_DIR, projectsIn, readTree } from "../support/examples.js";
import { build, gitHead, inImage, inspect, scratchCopy, startContainer, waitHealth, waitHttp } from "./harness.js";

const EXAMPLES = [
  { name: "poetry-django", health: "/health/" },
  { name: "uv-fastapi", health: "/health" },
  { name: "pip-flask", health: "/health" },
  { name: "zero-config", health: "/health" },
  { name: "psycopg", health: "/health" },
  { name: "pdm-starlette", health: "/health" },
  { name: "pipenv-bottle", health: "/health" },
];

it("covers every example", () => expect(EXAMPLES.map((e) => e.name).sort()).toEqual(projectsIn(EXAMPLES_DIR)));

describe.each(EXAMPLES)("ejected Dockerfile of $name", (example) => {
  const tag = `pydock-e2e/eject-${example.name}:default`;
  let plan: BuildPlan;
  let revision = "";
  let dispose = () => {};

  beforeAll(async () => {
    const copy = scratchCopy(example.name);
    dispose = copy.dispose;
    const files = readTree(copy.dir);
    revision = await gitHead();
    plan = planOk({ text: files.get("pydock.toml") ?? "", files, revision }).plan;
    writeFileSync(join(copy.dir, "Dockerfile"), ejectDockerfile(plan, { filename: "Dockerfile" }));
    const r = await build({ builder: "default", context: copy.dir, file: join(copy.dir, "Dockerfile"), tag });
    if (r.code !== 0) throw new Error(`build failed:\n${r.output.slice(-6000)}`);
  });
  afterAll(() => dispose());

  it("answers HTTP 200 on / and on its health path", async () => {
    // The image's own health check, probed every second rather than its 30 s interval.
    const c = await startContainer(tag, 8000, undefined, [], ["--health-interval", "1s"]);
    try {
      expect((await waitHttp(`${c.url}/`)).status).toBe(200);
      expect((await waitHttp(`${c.url}${example.health}`)).status).toBe(200);
      if (plan.image.healthcheck) expect(await waitHealth(c.id)).toBe("healthy");
    } finally {
      await c.stop();
    }
  });

  it("has the plan's command, user and working directory, and the commit in the version file", async () => {
    const config = (await inspect(tag)).Config;
    expect(config["Cmd"]).toEqual(plan.image.cmd);
    expect(config["User"]).toBe(plan.image.user);
    expect(config["WorkingDir"]).toBe(plan.image.workdir);
    expect((config["Labels"] as Record<string, string>)["org.opencontainers.image.revision"]).toBe(revision);
    expect((await inImage(tag, "cat /app/.version")).output.trim()).toBe(revision);
  });

  it("ships no package manager, compiler or cache", async () => {
    const r = await inImage(tag, "for t in uv poetry gcc cc git; do command -v $t; done; ls -d /opt/pydock /root/.cache $VIRTUAL_ENV/bin/pip 2>/dev/null; true", "0");
    expect(r.output.trim()).toBe("");
  });
});
