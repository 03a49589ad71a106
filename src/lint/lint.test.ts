/** lint() as a whole: the base case is clean, results are ordered, skips apply, PYDOCK_CHECK parses. */
import { describe, expect, it } from "vitest";
import { FILE_START } from "../core/diagnostics.js";
import { BASE_TOML, lintCase } from "../../test/support/lint.js";
import { failsCheck, lintUnplanned, parseCheckArg } from "./lint.js";

const noisy = `${BASE_TOML}user = "root"\nenv = { DEBUG = "1" }\n`;

describe("lint", () => {
  it("finds nothing in a pinned, hashed pip project with an explicit command and exposed port", () => {
    expect(lintCase({ text: `[app]\nowner = "root"\n\n${BASE_TOML}` })).toEqual([]);
  });

  it("gives each result its rule id as the code and its rule's severity, in file order", () => {
    const results = lintCase({ text: noisy, files: { "pyproject.toml": '[project]\nname = "a"\n', "requirements.txt": "flask\n" } });
    expect(results.map((r) => `${r.file}:${r.range.start.line} ${r.code} ${r.severity}`)).toEqual([
      // gunicorn is not in requirements.txt: pydock adds it, and says so.
      "pydock.toml:8 BuildWarning warning",
      "pydock.toml:10 RunsAsRoot warning",
      "pydock.toml:11 DebugEnabled warning",
      "requirements.txt:1 UnpinnedRequirements warning",
    ]);
  });

  it("skips the rules [check] skip and options.skip name, or all of them", () => {
    const ids = (text: string, skip?: string[]) => lintCase({ text, ...(skip ? { options: { skip } } : {}) }).map((r) => r.code);
    expect(ids(`[check]\nskip = ["RunsAsRoot"]\n\n${noisy}`)).toEqual(["DebugEnabled"]);
    expect(ids(noisy, ["DebugEnabled"])).toEqual(["RunsAsRoot"]);
    expect(ids(`[check]\nskip = ["RunsAsRoot"]\n\n${noisy}`, ["DebugEnabled"])).toEqual([]);
    expect(ids(noisy, ["all"])).toEqual([]);
    expect(ids(`[check]\nskip = "all"\n\n[args]\nX = "1"\n\n${noisy}`)).toEqual([]);
  });

  it("still reports a failed plan's warnings", () => {
    const warning = { file: "pydock.toml", range: FILE_START, message: "m", code: "unused-arg", severity: "warning" as const };
    expect(lintUnplanned({ ok: false, diagnostics: [], warnings: [warning] }).map((r) => r.code)).toEqual(["UnusedArg"]);
    expect(lintUnplanned({ ok: false, diagnostics: [], warnings: [warning] }, { skip: ["UnusedArg"] })).toEqual([]);
  });

  it("fails a check on errors and warnings, not on info", () => {
    const at = { file: "pydock.toml", range: FILE_START, message: "m", code: "X" };
    expect(failsCheck([{ ...at, severity: "info" }])).toBe(false);
    expect(failsCheck([{ ...at, severity: "info" }, { ...at, severity: "warning" }])).toBe(true);
    expect(failsCheck([])).toBe(false);
  });
});

describe("parseCheckArg (PYDOCK_CHECK)", () => {
  it("reads skip=RuleA,RuleB and skip=all, like BUILDKIT_DOCKERFILE_CHECK", () => {
    expect(parseCheckArg("skip=RunsAsRoot, DebugEnabled")).toEqual({ ok: true, skip: ["RunsAsRoot", "DebugEnabled"] });
    expect(parseCheckArg("skip=all")).toEqual({ ok: true, skip: ["all"] });
    expect(parseCheckArg("")).toEqual({ ok: true, skip: [] });
  });

  it("refuses other options and unknown rules, with a did-you-mean", () => {
    expect(parseCheckArg("error=true")).toEqual({ ok: false, message: 'PYDOCK_CHECK: expected skip=RuleA,RuleB or skip=all, got "error=true"' });
    expect(parseCheckArg("skip=RunAsRoot")).toEqual({ ok: false, message: 'PYDOCK_CHECK: unknown rule "RunAsRoot" (did you mean "RunsAsRoot"?)' });
  });
});
