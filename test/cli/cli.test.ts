/**
 * The built `pydock` command (dist/cli.cjs) as a user runs it, a child process, on every example and
 * corpus project: `plan` prints the golden plan, `llb` the golden LLB op by op, ending in its terminal op, `check`
 * passes the examples and points at a broken file's mistake, and `init` writes a pydock.toml that plans
 * for every project once its own is removed. No output ever holds a stack trace.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary } from "@bufbuild/protobuf";
import { afterAll, describe, expect, it } from "vitest";
import { DefinitionSchema } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { ROOT, useFreshBundle } from "../support/bundle.js";
import { CORPUS_DIR, EXAMPLES_DIR, projectsIn } from "../support/examples.js";

const CLI = join(ROOT, "dist/cli.cjs");
const EXAMPLES = projectsIn(EXAMPLES_DIR);
const CORPUS = projectsIn(CORPUS_DIR);
/** The golden plans' commit and repository (test/golden/golden.test.ts). */
const VCS = ["--revision", "0123456789abcdef0123456789abcdef01234567", "--source-url", "https://example.com/repo.git"];
const STACK = /\n\s+at .+[(:]\d+/;

useFreshBundle(CLI);
const tmp = mkdtempSync(join(tmpdir(), "pydock-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly out: string;
  readonly err: string;
}

function pydock(args: readonly string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env["PATH"] ?? "" }, maxBuffer: 64 << 20 });
  const run = { code: r.status, stdout: r.stdout, out: r.stdout.toString("utf8"), err: r.stderr.toString("utf8") };
  expect(run.err, `pydock ${args.join(" ")}`).not.toMatch(STACK);
  return run;
}

/** An LLB op as `llb` prints it, by kind and step name, base image digest pins left out. */
function opShape(o: { Op: Record<string, unknown>; OpMetadata?: { description?: Record<string, string> } }): string[] {
  const unpinned = (s: string) => s.replace(/@sha256:[0-9a-f]{64}/g, "");
  const kind = Object.keys(o.Op).filter((k) => !["inputs", "platform", "constraints"].includes(k));
  const source = (o.Op["source"] as { identifier?: string } | undefined)?.identifier;
  return [...kind, unpinned(source ?? ""), unpinned(o.OpMetadata?.description?.["llb.customname"] ?? "")];
}

describe("the pydock command", () => {
  it("runs as an executable and prints its version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };
    expect(pkg.bin["pydock"]).toBe("dist/cli.cjs");
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const r = spawnSync(CLI, ["--version"], { encoding: "utf8" });
    expect(r.stdout).toBe(`pydock ${pkg.version}\n`);
  });

  it("shows the usage for help, and on stderr with exit 2 for an unknown command", () => {
    expect(pydock(["help"]).out).toMatch(/^usage: pydock COMMAND/);
    const r = pydock(["frobnicate"]);
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/^pydock: unknown command "frobnicate"\n\nusage: pydock COMMAND/);
  });

  it("covers every example", () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(5));

  describe.each(EXAMPLES)("examples/%s", (name) => {
    const file = `examples/${name}/pydock.toml`;

    it("plan prints the golden plan", () => {
      const r = pydock(["plan", file, ...VCS]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(readFileSync(join(ROOT, `test/golden/${name}.plan.txt`), "utf8"));
    });

    it("eject prints the golden Dockerfile", () => {
      const r = pydock(["eject", file, ...VCS]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(readFileSync(join(ROOT, `test/golden/${name}.Dockerfile`), "utf8"));
    });

    it("llb prints the definition, terminal op last, as JSON and as binary", () => {
      const json = pydock(["llb", file, "--platform", "linux/amd64", ...VCS]);
      expect(json.code).toBe(0);
      expect(json.err).toMatch(/not pinned by digest/);
      const ops = JSON.parse(json.out) as { Op: Record<string, unknown>; Digest: string }[];
      const terminal = ops.at(-1);
      expect(Object.keys(terminal?.Op ?? {})).toEqual(["inputs"]);
      expect(ops.slice(0, -1).map((o) => o.Digest)).toContain((terminal?.Op["inputs"] as { digest: string }[])[0]?.digest);
      expect(ops.some((o) => JSON.stringify(o.Op).includes('"local://context"'))).toBe(true);
      // Op by op the compiler's LLB of the golden snapshot: the same kinds of op with the same step names (the
      // command resolves no base image, so the golden's digest pins are left out of the comparison).
      const golden = JSON.parse(readFileSync(join(ROOT, `test/golden/${name}.llb.json`), "utf8")) as typeof ops;
      expect(ops.map(opShape)).toEqual(golden.map(opShape));

      const binary = pydock(["llb", file, "--platform", "linux/amd64", "--format", "binary", ...VCS]);
      expect(binary.code).toBe(0);
      expect(fromBinary(DefinitionSchema, new Uint8Array(binary.stdout)).def).toHaveLength(ops.length);
    });

    it("check passes it", () => {
      const r = pydock(["check", file]);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(new RegExp(`^${file}: 0 errors, \\d+ warnings?\\n$`));
      // Warnings and infos only (lint rules included): no error.
      expect(r.out).not.toMatch(/^\S+:\d+:\d+: (?!warning: |info: )/m);
    });
  });

  it("check fails a broken file, at the line and column of the mistake", () => {
    const dir = join(tmp, "broken");
    cpSync(join(EXAMPLES_DIR, "pip-flask"), dir, { recursive: true });
    writeFileSync(join(dir, "pydock.toml"), `# syntax=pydock/pydock:0.1\n[python]\nversion = "3.11"\n\n[runtime]\nexpose = ["http"]\n`);
    const text = pydock(["check"], dir);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^pydock\.toml:6:\d+: .*expose/m);
    expect(text.err).toBe("pydock.toml: 1 error, 0 warnings\n");
    const json = pydock(["check", dir, "--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ severity: "error", file: join(dir, "pydock.toml"), line: 6, rule: expect.any(String) })]);
    const plan = pydock(["plan"], dir);
    expect([plan.code, plan.out]).toEqual([1, ""]);
    expect(plan.err).toMatch(/^pydock\.toml:6:\d+: /);
  });

  it("check --strict fails on warnings", () => {
    // zero-config's findings are infos (what pydock detected, the missing commit): an unused [args] entry warns.
    expect(pydock(["check", "examples/zero-config", "--strict"]).code).toBe(0);
    const copy = join(tmp, "strict-zero-config");
    cpSync(join(EXAMPLES_DIR, "zero-config"), copy, { recursive: true });
    writeFileSync(join(copy, "pydock.toml"), "# syntax=pydock/pydock:0.1\n[args]\nUNUSED = \"1\"\n");
    expect(pydock(["check", copy, "--strict"]).code).toBe(1);
    expect(pydock(["check", "examples/pip-flask", "--strict", "--revision", "a".repeat(40)]).code).toBe(0);
  });

  describe("init writes a pydock.toml that plans", () => {
    const projects = [...EXAMPLES.map((n) => ({ name: `examples/${n}`, dir: join(EXAMPLES_DIR, n) })), ...CORPUS.map((n) => ({ name: `test/corpus/${n}`, dir: join(CORPUS_DIR, n) }))];
    it.each(projects)("$name", ({ name, dir }) => {
      const copy = join(tmp, name);
      cpSync(dir, copy, { recursive: true });
      rmSync(join(copy, "pydock.toml"));
      const init = pydock(["init", copy]);
      expect(init.code).toBe(0);
      expect(init.out).toMatch(/^wrote .*pydock\.toml\ndetected:\n/);
      expect(init.out).toMatch(/next: pydock plan /);
      expect(readFileSync(join(copy, "pydock.toml"), "utf8")).toMatch(/^# syntax=pydock\/pydock:0\.1\n/);
      // Nothing left to detect: no warning.
      const plan = pydock(["plan", copy, ...VCS]);
      expect([plan.code, plan.err]).toEqual([0, ""]);
      // Strict apart from what init cannot fix: unhashed requirement files, a project that only has a development server.
      const check = pydock(["check", copy, "--strict", "--build-arg", "PYDOCK_CHECK=skip=UnpinnedRequirements,DevServerInProduction", ...VCS]);
      expect(check.code, check.out).toBe(0);
      const again = pydock(["init", copy]);
      expect([again.code, again.err]).toEqual([1, `pydock: ${join(copy, "pydock.toml")} exists; pydock init --force overwrites it\n`]);
    });
  });

  it("the README's Try it commands run as written, from the checkout", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const tryIt = readme.slice(readme.indexOf("## Try it"), readme.indexOf("\n## ", readme.indexOf("## Try it") + 1));
    const block = /Without Docker[^]*?```sh\n([^]*?)```/.exec(tryIt)?.[1] ?? "";
    const commands = block.split("\n").filter((l) => l.startsWith("npx pydock ")).map((l) => l.split(/\s+/)[2]);
    expect(commands).toEqual(["init", "plan", "check", "llb", "eject"]);
    // As pasted into a shell: npx finds this package's `pydock`; mktemp makes its folder in this test's.
    const own = mkdtempSync(join(tmpdir(), "pydock-readme-"));
    const r = spawnSync("bash", ["-e", "-c", block], { cwd: ROOT, env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", TMPDIR: own }, encoding: "utf8", maxBuffer: 64 << 20 });
    rmSync(own, { recursive: true, force: true });
    expect(r.status, `${r.error ?? ""}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*pydock\.toml\ndetected:\n/);
    expect(r.stdout).toContain("stage venv FROM docker.io/library/python:3.11-bookworm");
    expect(r.stdout).toContain("# Dockerfile ejected by pydock from pydock.toml");
    expect(r.stderr).not.toMatch(STACK);
  });
});
