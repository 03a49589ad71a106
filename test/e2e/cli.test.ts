/**
 * The pydock command and the checks on real daemons: `pydock init` on each example with its pydock.toml
 * removed writes a file that builds and serves HTTP; the frontend's lint subrequest (what `docker buildx
 * build --call=check` sends; the sandbox's buildx 0.13 predates that flag, so the standalone daemon's own
 * buildctl asks for it) prints the rule results with their severity and position. (buildctl prints results
 * and exits 0; buildx exits with the result's status code, which the protocol tests check.)
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIRROR, FRONTEND_IMAGE, ROOT, build, builders, run, scratchCopy, startContainer, waitHttp } from "./harness.js";

const CLI = join(ROOT, "dist/cli.cjs");
const EXAMPLES = [
  { name: "uv-fastapi", health: "/health" },
  { name: "pip-flask", health: "/health" },
  { name: "poetry-django", health: "/health/" },
];

describe.each(await builders())("pydock init on %s", (builder) => {
  it.each(EXAMPLES)("$name: the file init writes builds an image that serves HTTP", async ({ name, health }) => {
    const copy = scratchCopy(name);
    try {
      rmSync(join(copy.dir, "pydock.toml"));
      execFileSync(process.execPath, [CLI, "init", copy.dir], { stdio: "pipe" });
      expect(readFileSync(join(copy.dir, "pydock.toml"), "utf8")).toMatch(/^# syntax=pydock\/pydock:0\.1\n/);
      const tag = `pydock-e2e/init-${name}:${builder}`;
      const r = await build({ builder, context: copy.dir, tag });
      expect(r.code, r.output.slice(-3000)).toBe(0);
      const c = await startContainer(tag);
      try {
        // Any answer below 500 shows the server runs: Django answers 400 until ALLOWED_HOSTS is configured,
        // which init cannot guess (the example's own pydock.toml sets HOST).
        expect((await waitHttp(`${c.url}${health}`, 90_000)).status).toBeLessThan(name === "poetry-django" ? 500 : 300);
      } finally {
        await c.stop();
      }
    } finally {
      copy.dispose();
    }
  });
});

describe("checks through the frontend (lint subrequest) on the standalone daemon", () => {
  const buildctl = "/var/lib/buildkit-sandbox/bin/buildctl";
  const check = (dir: string) =>
    run(buildctl, [
      "--addr", "unix:///run/buildkit-latest/buildkitd.sock", "build", "--frontend", "gateway.v0",
      "--opt", `source=${MIRROR}/${FRONTEND_IMAGE}`, "--opt", "filename=pydock.toml", "--opt", "requestid=frontend.lint",
      "--local", `context=${dir}`, "--local", `dockerfile=${dir}`,
    ]);

  it("an example with nothing wrong: only infos, success", async () => {
    const r = await check(join(ROOT, "examples/uv-fastapi"));
    expect(r.code, r.output.slice(-2000)).toBe(0);
    expect(r.output).toMatch(/Check complete/);
  });

  it("a literal secret in [runtime.env]: SecretInEnv, an error, at its line", async () => {
    const copy = scratchCopy("poetry-django");
    try {
      const file = join(copy.dir, "pydock.toml");
      const text = readFileSync(file, "utf8").replace(/^SECRET_KEY = .*$/m, 'SECRET_KEY = "hunter2-literal"');
      writeFileSync(file, text);
      const line = text.split("\n").findIndex((l) => l.startsWith("SECRET_KEY = ")) + 1;
      const r = await check(copy.dir);
      expect(r.output).toMatch(/^ERROR: SecretInEnv - /m);
      expect(r.output).toContain(`pydock.toml:${line}:1: [runtime] env SECRET_KEY holds a literal secret`);
    } finally {
      copy.dispose();
    }
  });
});
