/** The build's own warnings as rule results: DetectedSetting, NoRevision, BaseImageFallback, UnusedArg, BuildWarning. */
import { describe, expect, it } from "vitest";
import { FILE_START, type Diagnostic } from "../core/diagnostics.js";
import { BASE_TOML, lintCase, lintCompiled, resultsOf } from "../../test/support/lint.js";
import { standInBases } from "../stand-in-bases.js";
import { buildWarningResults } from "./build-warnings.js";

const warning = (code: string): Diagnostic => ({ file: "pydock.toml", range: FILE_START, message: `a ${code} warning`, code, severity: "warning" });

describe("the build's warnings", () => {
  it("DetectedSetting: what pydock detected, as info; nothing when pydock.toml sets it", () => {
    const results = lintCase({ text: BASE_TOML.replace('[dependencies]\nmanager = "pip"\n', "") });
    expect(resultsOf(results, "DetectedSetting")).toEqual([expect.stringContaining("pydock chose `pip`: requirements.txt is the only dependency manifest")]);
    expect(results.find((r) => r.code === "DetectedSetting")?.severity).toBe("info");
    expect(resultsOf(lintCase({ text: BASE_TOML }), "DetectedSetting")).toEqual([]);
  });

  it("NoRevision: no commit id, as info; nothing with one", () => {
    expect(resultsOf(lintCase({ text: BASE_TOML, revision: null }), "NoRevision")).toEqual([expect.stringContaining("no commit id for this build")]);
    expect(resultsOf(lintCase({ text: BASE_TOML }), "NoRevision")).toEqual([]);
  });

  it("UnusedArg: an [args] entry never used, at its key; nothing once used", () => {
    const unused = `[args]\nWORKERS = "4"\n\n${BASE_TOML}`;
    expect(resultsOf(lintCase({ text: unused }), "UnusedArg")).toEqual(["pydock.toml:2: [args] WORKERS is declared but never used as ${WORKERS}"]);
    expect(resultsOf(lintCase({ text: `${unused}env = { WEB_CONCURRENCY = "\${WORKERS}" }\n` }), "UnusedArg")).toEqual([]);
  });

  it("BaseImageFallback: a patch release's image the registry lacks, at [python] version; none when it has it", async () => {
    const standIn = standInBases();
    const check = async (registryHasPatch: boolean) => {
      const results = await lintCompiled({
        text: BASE_TOML.replace('"3.12"', '"3.12.1"'),
        resolveBase: (ref, platform) => {
          if (!registryHasPatch && ref.includes(":3.12.1-")) throw new Error("not found");
          return standIn(ref, platform);
        },
      });
      return resultsOf(results, "BaseImageFallback");
    };
    expect(await check(false)).toEqual([
      "pydock.toml:2: docker.io/library/python:3.12.1-bookworm could not be resolved; using docker.io/library/python:3.12-bookworm (the same minor version)",
      "pydock.toml:2: docker.io/library/python:3.12.1-slim-bookworm could not be resolved; using docker.io/library/python:3.12-slim-bookworm (the same minor version)",
    ]);
    expect(await check(true)).toEqual([]);
  });

  it("BuildWarning: any other warning code keeps its place and message; codes map to their rules", () => {
    const results = buildWarningResults([warning("base-fallback"), warning("something-new")]);
    expect(results.map((r) => [r.code, r.severity, r.message])).toEqual([
      ["BaseImageFallback", "warning", "a base-fallback warning"],
      ["BuildWarning", "warning", "a something-new warning"],
    ]);
    expect(buildWarningResults([])).toEqual([]);
  });
});
