/**
 * `docker buildx build --call=check|targets|outline|subrequests.describe` (and `--check`) with a current buildx against the real
 * frontend on both daemons: buildx sends the subrequest, prints what the frontend answers and exits with the
 * check's status code. The rule results carry their ids, documentation links and pydock.toml positions as
 * source snippets; errors and warnings fail the check, infos do not; `[check] skip`, the PYDOCK_CHECK build
 * argument and `ignorestatus` are honoured; a file pydock cannot load is shown at its line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builders, currentBuildx, run, scratchCopy, type Result } from "./harness.js";

const buildx = await currentBuildx();

const lineOf = (text: string, start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;

describe.each(await builders())("docker buildx build --call on %s", (builder) => {
  /** poetry-django with a literal SECRET_KEY (an error) and DEBUG on (a warning). */
  let noisy: { dir: string; dispose: () => void };
  let noisyText = "";
  let clean: { dir: string; dispose: () => void };

  const call = (dir: string, ...args: string[]): Promise<Result> =>
    run(buildx, ["build", "--builder", builder, "--progress=quiet", ...args, "-f", join(dir, "pydock.toml"), dir]);
  const edit = (dir: string, change: (text: string) => string): string => {
    const text = change(readFileSync(join(dir, "pydock.toml"), "utf8"));
    writeFileSync(join(dir, "pydock.toml"), text);
    return text;
  };

  beforeAll(() => {
    noisy = scratchCopy("poetry-django");
    noisyText = edit(noisy.dir, (t) => t.replace(/^SECRET_KEY = .*$/m, 'SECRET_KEY = "hunter2-literal"').replace(/^DEBUG = .*$/m, 'DEBUG = "true"'));
    clean = scratchCopy("uv-fastapi");
  });
  afterAll(() => {
    noisy.dispose();
    clean.dispose();
  });

  it("--call=check prints each rule result with its id, link and pydock.toml position, and exits 1", async () => {
    const r = await call(noisy.dir, "--call=check");
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/^Check complete, \d+ warnings have been found!$/m);
    const secret = lineOf(noisyText, "SECRET_KEY = ");
    expect(r.output).toContain("WARNING: SecretInEnv - https://github.com/pydock/pydock/blob/main/docs/checks.md#secretinenv\nerror: [runtime] env SECRET_KEY holds a literal secret");
    expect(r.output).toContain(`${join(noisy.dir, "pydock.toml")}:${secret}\n`);
    expect(r.output).toMatch(new RegExp(`^ *${secret} \\| >>> SECRET_KEY = "hunter2-literal"$`, "m"));
    const debug = lineOf(noisyText, "DEBUG = ");
    expect(r.output).toContain("WARNING: DebugEnabled - https://github.com/pydock/pydock/blob/main/docs/checks.md#debugenabled\n");
    expect(r.output).toMatch(new RegExp(`^ *${debug} \\| >>> DEBUG = "true"$`, "m"));
  });

  it("--check is the same call, and --call=check,format=json gives the results with their severities", async () => {
    const alias = await call(noisy.dir, "--check");
    expect(alias.code).toBe(1);
    expect(alias.output).toContain("WARNING: SecretInEnv - ");
    const json = await call(noisy.dir, "--call=check,format=json");
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.output) as { warnings: { ruleName: string; severity: string; location: { ranges: { start: { line: number } }[] } }[] };
    const byRule = new Map(parsed.warnings.map((w) => [w.ruleName, w]));
    expect(byRule.get("SecretInEnv")).toMatchObject({ severity: "error", location: { ranges: [{ start: { line: lineOf(noisyText, "SECRET_KEY = ") } }] } });
    expect(byRule.get("DebugEnabled")).toMatchObject({ severity: "warning", location: { ranges: [{ start: { line: lineOf(noisyText, "DEBUG = ") } }] } });
  });

  it("a project with nothing wrong: infos only, exit 0", async () => {
    const r = await call(clean.dir, "--call=check,format=json");
    expect(r.code, r.output).toBe(0);
    const parsed = JSON.parse(r.output) as { warnings: { ruleName: string; severity: string }[] };
    expect(parsed.warnings.filter((w) => w.severity !== "info")).toEqual([]);
    const text = await call(clean.dir, "--check");
    expect(text.code, text.output).toBe(0);
    expect(text.output).toMatch(/^Check complete, /m);
  });

  it("[check] skip, the PYDOCK_CHECK build argument and ignorestatus=true let the check pass", async () => {
    const skipped = scratchCopy("poetry-django");
    try {
      edit(skipped.dir, () => noisyText.replace("\n", '\n[check]\nskip = ["SecretInEnv", "DebugEnabled"]\n\n'));
      const r = await call(skipped.dir, "--call=check");
      expect(r.code, r.output).toBe(0);
      expect(r.output).not.toMatch(/SecretInEnv|DebugEnabled/);
    } finally {
      skipped.dispose();
    }
    const arg = await call(noisy.dir, "--call=check", "--build-arg", "PYDOCK_CHECK=skip=SecretInEnv,DebugEnabled");
    expect(arg.code, arg.output).toBe(0);
    expect(arg.output).not.toMatch(/SecretInEnv|DebugEnabled/);
    const ignored = await call(noisy.dir, "--call=check,ignorestatus=true");
    expect(ignored.code, ignored.output).toBe(0);
    expect(ignored.output).toContain("WARNING: SecretInEnv - ");
  });

  it("a pydock.toml that cannot be loaded: the error at its line, exit 1", async () => {
    const broken = scratchCopy("pip-flask");
    try {
      const text = edit(broken.dir, (t) => t.replace("[runtime]\n", '[runtime]\nuserr = "app"\n'));
      const r = await call(broken.dir, "--call=check");
      expect(r.code, r.output).not.toBe(0);
      expect(r.output).toContain(`pydock.toml:${lineOf(text, "userr")}:1: unknown key "userr" in [runtime] (did you mean "user"?)`);
      expect(r.output).toMatch(new RegExp(`^ *${lineOf(text, "userr")} \\| >>> userr = "app"$`, "m"));
      expect(r.output).not.toMatch(/^\s+at /m);
    } finally {
      broken.dispose();
    }
  });

  it("--call=targets lists runtime (the default), venv and each [targets.NAME]", async () => {
    const r = await call(noisy.dir, "--call=targets");
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/^runtime \(default\) +the application image$/m);
    expect(r.output).toMatch(/^venv +the builder stage/m);
    expect(r.output).toMatch(/^test +\[targets\.test\]$/m);
  });

  it("--call=outline lists the target, the build arguments and the secrets", async () => {
    const outlined = scratchCopy("pip-flask");
    try {
      edit(outlined.dir, (t) => `${t}\n[args]\nGREETING = "hello"\n\n[[secrets]]\nid = "index"\nenv = "PIP_INDEX_URL"\nrequired = true\n`);
      const r = await call(outlined.dir, "--call=outline");
      expect(r.code, r.output).toBe(0);
      expect(r.output).toMatch(/^TARGET: +runtime$/m);
      expect(r.output).toMatch(/^GREETING +hello *$/m);
      expect(r.output).toMatch(/^index +true *$/m);
      const venv = await call(outlined.dir, "--call=outline", "--target", "venv");
      expect(venv.output).toMatch(/^TARGET: +venv$/m);
      const nope = await call(outlined.dir, "--call=outline", "--target", "nope");
      expect(nope.code).not.toBe(0);
      expect(nope.output).toMatch(/pydock\.toml:\d+:\d+: unknown target "nope"; this file has: runtime, venv/);
    } finally {
      outlined.dispose();
    }
  });

  it("--call=subrequests.describe lists what the frontend answers", async () => {
    const r = await call(clean.dir, "--call=subrequests.describe");
    expect(r.code, r.output).toBe(0);
    const names = r.output.split("\n").slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(["outline", "targets", "lint", "subrequests.describe"]);
  });
});
