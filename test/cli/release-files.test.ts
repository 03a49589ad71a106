/**
 * The release's own files, checked as their users run them: the GitHub workflows pass actionlint (and
 * actionlint does catch a broken one), the release workflow publishes through scripts/release.sh and signs
 * what it pushed, the script refuses what it does not know, and the bundled frontend says its version.
 * Publishing itself (a multi-platform push to a registry) is e2e: test/e2e/release.test.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { ROOT, useFreshBundle } from "../support/bundle.js";

const WORKFLOWS = join(ROOT, ".github/workflows");
const FRONTEND = join(ROOT, "dist/frontend.cjs");
const tmp = mkdtempSync(join(tmpdir(), "pydock-release-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
useFreshBundle(FRONTEND);

/** actionlint, as scripts/actionlint.sh installs it (or PYDOCK_ACTIONLINT); missing, the test fails. */
function actionlint(): string {
  const path = process.env["PYDOCK_ACTIONLINT"] ?? join(process.env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "pydock/bin/actionlint");
  if (!existsSync(path)) throw new Error(`no actionlint at ${path}: run scripts/actionlint.sh (or set PYDOCK_ACTIONLINT)`);
  return path;
}

function run(program: string, args: readonly string[], cwd = ROOT) {
  const r = spawnSync(program, args, { cwd, encoding: "utf8" });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the GitHub workflows", () => {
  it("pass actionlint", () => {
    const r = run(actionlint(), []);
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  });

  it("would fail actionlint with a mistake in them", () => {
    const dir = join(tmp, "broken", ".github/workflows");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(tmp, "broken", ".git"), "");
    writeFileSync(join(dir, "ci.yml"), readFileSync(join(WORKFLOWS, "ci.yml"), "utf8").replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    needs: [no-such-job]"));
    const r = run(actionlint(), [], join(tmp, "broken"));
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/no-such-job/);
  });

  it("publish a release tag through scripts/release.sh with an SBOM, then sign the pushed digest keyless", () => {
    const release = readFileSync(join(WORKFLOWS, "release.yml"), "utf8");
    expect(release).toMatch(/tags: \["v\*\.\*\.\*"\]/);
    expect(release).toMatch(/require\("\.\/package\.json"\)\.version/);
    expect(release).toMatch(/bash scripts\/release\.sh --sbom/);
    expect(release).toMatch(/id-token: write/);
    expect(release).toMatch(/cosign sign --yes "\$REF"/);
  });
});

describe("scripts/release.sh", () => {
  it("explains itself and refuses an unknown option", () => {
    expect(run("bash", ["scripts/release.sh", "--help"]).output).toMatch(/^ *usage: scripts\/release\.sh/m);
    const r = run("bash", ["scripts/release.sh", "--platform", "linux/arm64"]);
    expect(r.code).toBe(2);
    expect(r.output).toBe("release.sh: unknown option --platform (see --help)\n");
  });
});

it("the bundled frontend prints package.json's version with --version", () => {
  const r = run(process.execPath, [FRONTEND, "--version"]);
  expect(r).toEqual({ code: 0, output: `pydock ${pkg.version}\n` });
});
