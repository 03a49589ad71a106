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
  { name: "pdm-starlette", health: "/health" },
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

describe.each(await builders())("a uv workspace member as the application ([app] package) on %s", (builder) => {
  it("installs that member, non-editable, and runs its console script", async () => {
    const copy = scratchCopy("uv-workspace", join(ROOT, "test/corpus"));
    try {
      const member = join(copy.dir, "packages/greeting");
      writeFileSync(join(member, "pyproject.toml"), readFileSync(join(member, "pyproject.toml"), "utf8").replace("dependencies = []", 'dependencies = []\n\n[project.scripts]\ngreet = "greeting:main"'));
      writeFileSync(join(member, "src/greeting/__init__.py"), readFileSync(join(member, "src/greeting/__init__.py"), "utf8") + '\n\ndef main() -> None:\n    print(greet("member"))\n');
      writeFileSync(join(copy.dir, "pydock.toml"), '# syntax=pydock/pydock:0.1\n[app]\npackage = "greeting"\n');
      const tag = `pydock-e2e/member:${builder}`;
      const r = await build({ builder, context: copy.dir, tag });
      expect(r.code, r.output.slice(-3000)).toBe(0);
      expect(r.output).toMatch(/uv sync --frozen --no-install-workspace --no-editable --package greeting/);
      const out = await run("docker", ["run", "--rm", tag]);
      expect(out.output).toContain("Hello, member! (from the greeting workspace member)");
      // Only the member and its dependencies: the root's Flask is not installed.
      expect((await run("docker", ["run", "--rm", "--entrypoint", "python", tag, "-c", "import flask"])).code).not.toBe(0);
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
