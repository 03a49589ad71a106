/** main.ts in process: help and version, usage errors (exit 2), problems (exit 1), a bug (exit 70), build args, init's refusal to overwrite. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES_DIR } from "../../test/support/examples.js";
import { main, type Io } from "./main.js";
import { VERSION } from "./usage.js";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: string[], o: Partial<Io> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: EXAMPLES_DIR,
    env: {},
    stdout: (c) => (stdout += typeof c === "string" ? c : `<${c.length} bytes>`),
    stderr: (t) => (stderr += t),
    stdoutIsTTY: false,
    ...o,
  });
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), "pydock-cli-main-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("pydock's command line", () => {
  it("prints its version and help", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `pydock ${VERSION}\n`, stderr: "" });
    for (const argv of [["help"], ["--help"], ["-h"]]) expect((await run(argv)).stdout).toMatch(/^usage: pydock COMMAND/);
    expect((await run(["help", "init"])).stdout).toMatch(/^usage: pydock init \[DIR\] \[--force\]/);
    expect((await run(["plan", "--help"])).stdout).toMatch(/^usage: pydock plan/);
  });

  it("answers a wrong command line with the usage on stderr, exit 2", async () => {
    for (const argv of [[], ["build"], ["--frobnicate"], ["help", "build"]]) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^pydock: .*\n\nusage: pydock COMMAND/);
    }
    const r = await run(["plan", "--targte", "x"]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "pydock plan: Unknown option '--targte' (pydock plan --help lists the options)\n" });
    expect((await run(["check", "pip-flask", "--format", "xml"])).stderr).toBe("pydock check: --format xml: expected text or json (pydock check --help lists the options)\n");
    expect((await run(["llb", "pip-flask", "--platform", "a/b/c/d"])).code).toBe(2);
    expect((await run(["plan", "a", "b"])).code).toBe(2);
    expect((await run(["llb", "missing.toml", "--format", "xml"])).code, "options are checked before files are read").toBe(2);
    expect((await run(["plan", "pip-flask", "--build-arg", "=x"])).code).toBe(2);
  });

  it("refuses to write binary LLB to a terminal", async () => {
    const r = await run(["llb", "pip-flask", "--format", "binary"], { stdoutIsTTY: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pipe them into `buildctl build`");
    expect((await run(["llb", "pip-flask", "--format", "binary"])).stdout).toMatch(/^<\d+ bytes>$/);
  });

  it("plans an example, with its warnings on stderr", async () => {
    const r = await run(["plan", "zero-config/pydock.toml", "--revision", "a".repeat(40)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^target runtime \(returns the runtime stage\)\npython 3\.11 on Debian bookworm\n/);
    expect(r.stderr).toContain("pydock chose `uv`: uv.lock is the only lockfile");
  });

  it("takes --build-arg K=V, and K alone from the environment", async () => {
    const file = join(tmp, "args.toml");
    writeFileSync(file, `[args]\nPY = "3.11"\nMGR = "uv"\n[python]\nversion = "\${PY}"\n[dependencies]\nmanager = "\${MGR}"\n[runtime]\ncommand = ["x"]\n`);
    const r = await run(["plan", file, "--build-arg", "PY=3.12", "--build-arg", "MGR"], { env: { MGR: "pip" } });
    expect(r.stdout).toMatch(/^target runtime .*\npython 3\.12 on Debian bookworm\nmanager pip /);
  });

  it("shows the problems of a file as file:line:col: message, exit 1", async () => {
    const file = join(tmp, "broken.toml");
    writeFileSync(file, `[python]\nversion = "3.11"\n\n[runtime]\ncomand = ["x"]\n`);
    const r = await run(["plan", file], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^broken\.toml:5:1: unknown key "comand" in \[runtime\] \(did you mean "command"\?\)\n$/);
    expect((await run(["plan", "nope/pydock.toml"])).stderr).toBe("pydock: nope/pydock.toml: no such file (`pydock init` writes one)\n");
  });

  it("writes pydock.toml with init, and never overwrites one unasked", async () => {
    writeFileSync(join(tmp, "main.py"), "print('hi')\n");
    writeFileSync(join(tmp, ".python-version"), "3.12\n");
    const first = await run(["init"], { cwd: tmp });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^wrote pydock\.toml\ndetected:\n {2}python +3\.12 — \.python-version pins 3\.12\n/);
    expect(readFileSync(join(tmp, "pydock.toml"), "utf8")).toContain('command = ["python", "main.py"]');
    expect(await run(["init", tmp])).toEqual({ code: 1, stdout: "", stderr: `pydock: ${join(tmp, "pydock.toml")} exists; pydock init --force overwrites it\n` });
    expect((await run(["init", tmp, "--force"])).code).toBe(0);
    expect((await run(["init", join(tmp, "nowhere")])).stderr).toMatch(/nowhere: no such folder\n$/);
    expect((await run(["init", join(tmp, "main.py")])).stderr).toMatch(/main\.py: not a folder\n$/);
  });

  it("reports a bug in one line, exit 70", async () => {
    const broken = await run(["--version"], {
      stdout: () => {
        throw new Error("disk on fire\n    at somewhere (x.js:1:1)");
      },
    });
    expect(broken).toEqual({ code: 70, stdout: "", stderr: `pydock: internal error: disk on fire (a bug in pydock ${VERSION}; PYDOCK_DEBUG=1 shows where)\n` });
  });
});
