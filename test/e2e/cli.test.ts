/**
 * The pydock command on real daemons: `pydock init` on each example with its pydock.toml
 * removed writes a file that builds and serves HTTP. (`docker buildx build --call=check`, the checks through
 * the frontend, is test/e2e/call.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES_DIR, projectsIn } from "../support/examples.js";
import { ROOT, build, builders, run, scratchCopy, startContainer, waitHttp } from "./harness.js";

const CLI = join(ROOT, "dist/cli.cjs");
const EXAMPLES = [
  { name: "uv-fastapi", health: "/health" },
  { name: "pip-flask", health: "/health" },
  { name: "poetry-django", health: "/health/" },
  { name: "zero-config", health: "/health" },
  // psycopg2 from its sdist: init writes libpq-dev for the builder and libpq5 for the runtime.
  { name: "psycopg", health: "/health" },
  { name: "pdm-starlette", health: "/health" },
  { name: "pipenv-bottle", health: "/health" },
];

it("covers every example", () => expect(EXAMPLES.map((e) => e.name).sort()).toEqual(projectsIn(EXAMPLES_DIR)));

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
