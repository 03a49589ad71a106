/**
 * `docker buildx build --check` against the bundled frontend: BuildKit's `frontend.lint` subrequest answered
 * with LintResults (rule results with positions in pydock.toml and in project files, the sources they point
 * into, a buildError for a file that cannot be planned), result.statuscode as buildx's exit code, the rules
 * skipped by [check] skip and by the PYDOCK_CHECK build argument, and no image solved.
 */
import { describe, expect, it } from "vitest";
import { exampleRecord } from "../support/examples.js";
import type { LocalFiles } from "./fake-bridge.js";
import { BUNDLE, mainSolve, useFreshBundle } from "./frontend-helpers.js";
import { runFrontendProcess, type FrontendProcessResult } from "./frontend-process.js";

useFreshBundle();

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const flask = exampleRecord("pip-flask");
const flaskToml = flask["pydock.toml"] ?? "";
const lineOf = (text: string, start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;

/** A pydock.toml the rules have things to say about: runs as root with DEBUG on. */
const noisy = `${flaskToml.replace("[runtime]\n", '[runtime]\nuser = "root"\n')}\n[runtime.env]\nDEBUG = "1"\n`;

function check(toml: string, opts: Record<string, string> = {}, context: Record<string, string> = flask): Promise<FrontendProcessResult> {
  const files: LocalFiles = { dockerfile: { "pydock.toml": toml }, context };
  return runFrontendProcess(BUNDLE, { timeoutMs: 20_000, files, opts: { requestid: "frontend.lint", "vcs:revision": "a".repeat(40), ...opts } });
}

interface LintJson {
  warnings: { ruleName: string; description?: string; url?: string; detail?: string; location: { sourceIndex?: number; ranges?: { start: { line: number } }[] }; severity: string }[];
  sources: { filename: string; data: string; language: string }[];
  buildError?: { message: string; location: { sourceIndex?: number; ranges?: { start: { line: number } }[] } };
}

function answer(r: FrontendProcessResult): { json: LintJson; status: string; text: string } {
  expect(r.exitCode).toBe(0);
  expect(r.returned?.error).toBeUndefined();
  const md = r.returned?.result?.metadata ?? {};
  expect(decode(md["version"])).toBe("1.0.0");
  return { json: JSON.parse(decode(md["result.json"])), status: decode(md["result.statuscode"]), text: decode(md["result.txt"]) };
}

describe("requestid=frontend.lint (docker buildx build --check)", () => {
  it("answers with each result at its line of pydock.toml, the source, and status 1; nothing is built", async () => {
    const r = await check(noisy);
    const { json, status, text } = answer(r);
    expect(json.warnings.map((w) => [w.ruleName, w.location.sourceIndex ?? 0, w.location.ranges?.[0]?.start.line])).toEqual([
      ["RunsAsRoot", 0, lineOf(noisy, "user = ")],
      ["DebugEnabled", 0, lineOf(noisy, "DEBUG = ")],
    ]);
    expect(json.warnings[0]).toMatchObject({ url: "https://github.com/pydock/pydock/blob/main/docs/checks.md#runsasroot", severity: "warning", detail: expect.stringContaining('[runtime] user = "root"') });
    expect(json.sources).toEqual([{ filename: "pydock.toml", data: Buffer.from(noisy).toString("base64"), language: "TOML" }]);
    expect(json.buildError).toBeUndefined();
    expect(status).toBe("1");
    expect(text).toContain("Check complete, 2 warnings have been found!");
    // The project files were read (the rules look at them) and the base images resolved, but no image solved.
    expect(r.recorded.reads).toContain("context:requirements.txt");
    expect(mainSolve(r)).toBeUndefined();
  });

  it("points into the project file concerned, with that file among the sources", async () => {
    const context = { ...flask, "requirements.txt": "# deps\nflask\ngunicorn==23.0.0\n" };
    const { json, status } = answer(await check(flaskToml, {}, context));
    expect(json.warnings.map((w) => w.ruleName)).toEqual(["UnpinnedRequirements"]);
    expect(json.warnings[0]?.location).toEqual({ sourceIndex: 1, ranges: [{ start: { line: 2 }, end: { line: 2 } }] });
    expect(json.sources[1]).toEqual({ filename: "requirements.txt", data: Buffer.from(context["requirements.txt"]).toString("base64"), language: "Text" });
    expect(status).toBe("1");
  });

  it("a clean project: no warnings, status 0", async () => {
    const { json, status, text } = answer(await check(flaskToml));
    expect(json.warnings).toEqual([]);
    expect(status).toBe("0");
    expect(text).toBe("Check complete, no warnings found.\n");
  });

  it("skips the rules [check] skip names", async () => {
    const { json, status } = answer(await check(`[check]\nskip = ["RunsAsRoot", "DebugEnabled"]\n\n${noisy}`));
    expect(json.warnings).toEqual([]);
    expect(status).toBe("0");
  });

  it("skips the rules the PYDOCK_CHECK build argument names, or all of them", async () => {
    const one = answer(await check(noisy, { "build-arg:PYDOCK_CHECK": "skip=DebugEnabled" }));
    expect(one.json.warnings.map((w) => w.ruleName)).toEqual(["RunsAsRoot"]);
    const all = answer(await check(noisy, { "build-arg:PYDOCK_CHECK": "skip=all" }));
    expect(all.json.warnings).toEqual([]);
    expect(all.status).toBe("0");
  });

  it("refuses an unknown rule in PYDOCK_CHECK with a did-you-mean", async () => {
    const r = await check(noisy, { "build-arg:PYDOCK_CHECK": "skip=RunAsRoot" });
    expect(r.returned?.error?.message).toBe('PYDOCK_CHECK: unknown rule "RunAsRoot" (did you mean "RunsAsRoot"?)');
    expect(r.stderr.split("\n").filter((l) => /^\s+at /.test(l))).toEqual([]);
  });

  it("a file that cannot be loaded or planned: buildError at the key, the warnings so far, status 1", async () => {
    const broken = flaskToml.replace("[runtime]\n", '[runtime]\nuserr = "app"\n');
    const bad = answer(await check(broken));
    expect(bad.json.buildError?.message).toBe(`pydock.toml:${lineOf(broken, "userr")}:1: unknown key "userr" in [runtime] (did you mean "user"?)`);
    expect(bad.json.buildError?.location.ranges?.[0]?.start.line).toBe(lineOf(broken, "userr"));
    expect(bad.json.warnings).toEqual([]);
    expect(bad.status).toBe("1");
    // Loaded (with a warning), then no such target.
    const unplanned = answer(await check(`[args]\nUNUSED = "x"\n\n${flaskToml}`, { target: "nope" }));
    expect(unplanned.json.buildError?.message).toMatch(/unknown target "nope"/);
    expect(unplanned.json.warnings.map((w) => [w.ruleName, w.location.ranges?.[0]?.start.line])).toEqual([["UnusedArg", 2]]);
    expect(unplanned.status).toBe("1");
  });

  it("is advertised by the describe subrequest", async () => {
    const r = await runFrontendProcess(BUNDLE, { timeoutMs: 20_000, files: { dockerfile: { "pydock.toml": flaskToml }, context: flask }, opts: { requestid: "frontend.subrequests.describe" } });
    const list = JSON.parse(decode(r.returned?.result?.metadata["result.json"])) as { name: string; metadata: { name: string }[] }[];
    expect(list.find((x) => x.name === "frontend.lint")?.metadata.map((m) => m.name)).toEqual(["result.json", "result.txt", "result.statuscode"]);
  });
});
