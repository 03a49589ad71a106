/** check.ts: every target's diagnostics once, text and JSON, exit codes with and without --strict, and the CHECKS hook. */
import { describe, expect, it } from "vitest";
import { projectFiles } from "../plan/project.js";
import { checkCommand, diagnose, type Check } from "./check.js";
import type { ProjectInput } from "./context.js";

const REVISION = "0123456789abcdef0123456789abcdef01234567";
const APP = {
  "requirements.txt": "gunicorn==23.0.0 --hash=sha256:aa\nflask==3.1.0 --hash=sha256:bb\n",
  "app.py": "from flask import Flask\napp = Flask(__name__)\n",
};
const input = (text: string, files: Record<string, string> = APP, revision: string | null = REVISION): ProjectInput => ({
  buildFile: { name: "pydock.toml", text },
  files: projectFiles(new Map(Object.entries(files))),
  dockerignore: [],
  revision: revision ?? undefined,
  sourceUrl: undefined,
  display: (f) => `app/${f}`,
});
const settings = { target: undefined, buildArgs: new Map<string, string>(), format: "text" as const, strict: false };
const EXPLICIT = `[python]\nversion = "3.12"\n[dependencies]\nmanager = "pip"\n[app]\nowner = "root"\n[runtime]\ncommand = ["gunicorn", "app:app"]\n`;

describe("pydock check", () => {
  it("passes a file with nothing to say", () => {
    const r = checkCommand(input(EXPLICIT), settings);
    expect(r).toEqual({ stdout: "", stderr: "app/pydock.toml: 0 errors, 0 warnings\n", exitCode: 0 });
  });

  it("reports a config error at its line and column, exit 1", () => {
    const r = checkCommand(input(`[python]\nversion = "3.12"\npyhton = 1\n`), settings);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^app\/pydock\.toml:3:1: unknown key "pyhton"/);
    expect(r.stderr).toBe("app/pydock.toml: 1 error, 0 warnings\n");
  });

  it("plans every target, each problem once", () => {
    const text = `${EXPLICIT}[targets.test]\ndependencies.groups = ["nope"]\ndependencies.manager = "poetry"\n`;
    const found = diagnose(input(text), settings);
    const errors = found.filter((d) => d.severity === "error").map((d) => d.message);
    expect(errors).toContainEqual(expect.stringMatching(/poetry\.lock is not in the build context/));
    expect(new Set(errors).size).toBe(errors.length);
    expect(diagnose(input(text), { ...settings, target: "runtime" })).toEqual([]);
  });

  it("fails warnings only with --strict", () => {
    const zero = input("# syntax=pydock/pydock:0.1\n[args]\nUNUSED = \"1\"\n", { ...APP, ".python-version": "3.12\n" }, null);
    const loose = checkCommand(zero, settings);
    expect(loose.exitCode).toBe(0);
    // What pydock detected and the missing commit are infos (lint's DetectedSetting, NoRevision): never failing.
    // At the end of the file, where the key that would change it goes.
    expect(loose.stdout).toContain("app/pydock.toml:4:1: info: pydock chose `python 3.12`");
    expect(loose.stdout).toContain("info: no commit id for this build");
    // An [args] entry nothing uses: a warning (UnusedArg), failing --strict.
    const strict = checkCommand(zero, { ...settings, strict: true });
    expect(strict.stdout).toMatch(/warning: \[args\] UNUSED is declared but never used/);
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toMatch(/^app\/pydock\.toml: 0 errors, \d+ warnings? \(--strict fails on warnings\)\n$/);
  });

  it("gives JSON with rule, severity, file, line, column and message", () => {
    const r = checkCommand(input(`[python]\nversion = 3.12\n`), { ...settings, format: "json" });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout as string)).toEqual([
      { rule: expect.any(String), severity: "error", file: "app/pydock.toml", line: 2, column: 11, message: expect.stringContaining("version") },
    ]);
  });

  it("adds what the checks find, for every target that plans", () => {
    const seen: string[] = [];
    const lint: Check = (planned) => {
      seen.push(planned.plan.target);
      return [{ file: "pydock.toml", range: { start: { line: 6, column: 1 }, end: { line: 6, column: 8 } }, message: "no health check", code: "healthcheck", severity: "warning" }];
    };
    const r = checkCommand(input(`${EXPLICIT}[targets.test]\nruntime.command = ["pytest"]\n`), { ...settings, format: "json" }, [lint]);
    expect(seen).toEqual(["runtime", "test"]);
    expect(JSON.parse(r.stdout as string)).toEqual([{ rule: "healthcheck", severity: "warning", file: "app/pydock.toml", line: 6, column: 1, message: "no health check" }]);
    expect(r.exitCode).toBe(0);
  });
});
