/** The frontend.lint answer: BuildKit's LintResults JSON, the status buildx exits with, and the text. */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../core/diagnostics.js";
import { lintResult, type LintReport } from "./lint-result.js";

const at = (line: number, column = 1) => ({ start: { line, column }, end: { line, column: column + 4 } });
const buildFile = { name: "pydock.toml", text: '[runtime]\nuser = "root"\n' };
const read = (path: string) => (path === "requirements.txt" ? "flask\n" : undefined);
const report = (results: Diagnostic[], errors: Diagnostic[] = []): LintReport => ({ results, errors, buildFile, read });
const text = (v: string | Uint8Array | undefined): string => (typeof v === "string" ? v : new TextDecoder().decode(v));
const json = (r: ReturnType<typeof lintResult>) => JSON.parse(text(r.metadata?.["result.json"]));

const root: Diagnostic = { file: "pydock.toml", range: at(2), message: "runs as root", code: "RunsAsRoot", severity: "warning" };
const unpinned: Diagnostic = { file: "requirements.txt", range: at(1), message: "flask is not pinned", code: "UnpinnedRequirements", severity: "warning" };
const info: Diagnostic = { file: "pydock.toml", range: at(1), message: "pydock chose pip", code: "DetectedSetting", severity: "info" };

describe("lintResult", () => {
  it("writes BuildKit's LintResults: rule, description, url, detail, location into the sources", () => {
    const r = lintResult(report([root, unpinned]));
    expect(json(r)).toEqual({
      warnings: [
        {
          ruleName: "RunsAsRoot",
          description: expect.stringContaining("root"),
          url: "https://github.com/pydock/pydock/blob/main/docs/checks.md#runsasroot",
          detail: "runs as root",
          location: { ranges: [{ start: { line: 2 }, end: { line: 2, character: 4 } }] },
          severity: "warning",
        },
        expect.objectContaining({ ruleName: "UnpinnedRequirements", location: { sourceIndex: 1, ranges: [{ start: { line: 1 }, end: { line: 1, character: 4 } }] } }),
      ],
      sources: [
        { filename: "pydock.toml", data: Buffer.from(buildFile.text).toString("base64"), language: "TOML" },
        { filename: "requirements.txt", data: Buffer.from("flask\n").toString("base64"), language: "Text" },
      ],
    });
    expect(r.metadata?.["result.statuscode"]).toBe("1");
    expect(r.metadata?.["version"]).toBe("1.0.0");
    expect(r.metadata?.["result.txt"]).toContain("Check complete, 2 warnings have been found!\nWARNING: RunsAsRoot - https://");
  });

  it("exits 0 with no results or only info ones, whose detail says so", () => {
    const clean = lintResult(report([]));
    expect(json(clean)).toEqual({ warnings: [], sources: [expect.objectContaining({ filename: "pydock.toml" })] });
    expect(clean.metadata?.["result.statuscode"]).toBe("0");
    expect(clean.metadata?.["result.txt"]).toBe("Check complete, no warnings found.\n");
    const infoOnly = lintResult(report([info]));
    expect(infoOnly.metadata?.["result.statuscode"]).toBe("0");
    expect(json(infoOnly).warnings[0].detail).toBe("info: pydock chose pip");
  });

  it("reports the errors that stopped planning as buildError, and fails", () => {
    const error: Diagnostic = { file: "pydock.toml", range: at(1), message: 'unknown key "pyhton"', code: "unknown-key", severity: "error" };
    const r = lintResult(report([], [error]));
    expect(json(r).buildError).toEqual({ message: 'pydock.toml:1:1: unknown key "pyhton"', location: { ranges: [{ start: { line: 1 }, end: { line: 1, character: 4 } }] } });
    expect(r.metadata?.["result.statuscode"]).toBe("1");
  });
});
