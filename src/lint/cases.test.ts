/**
 * Every rule, a positive and a negative case, through the whole pipeline (planProject or compile, then lint):
 * the table is keyed by rule id, so a rule added to core/check-rules.ts without its two cases does not
 * typecheck. The positive case reports the rule at least once, with the rule's severity, at a line of a real
 * file; the negative case, the same project with the one thing changed, does not report it. The rule files'
 * own tests check the messages and positions in detail.
 */
import { describe, expect, it } from "vitest";
import type { CheckRuleId } from "../core/check-rules.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { MAX_PROJECT_FILE_LINES } from "../core/limits.js";
import { standInBases } from "../stand-in-bases.js";
import { BASE_TOML, PIP_PROJECT, lintCase, lintCompiled } from "../../test/support/lint.js";
import { ruleOf } from "./rules.js";

type Case = () => Diagnostic[] | Promise<Diagnostic[]>;

const DIGEST = "sha256:" + "ab".repeat(32);
const withPython = (keys: string) => BASE_TOML.replace('version = "3.12"\n', `version = "3.12"\n${keys}\n`);
const standIn = standInBases();
const patchRelease = (registryHasIt: boolean): Case => () =>
  lintCompiled({
    text: BASE_TOML.replace('"3.12"', '"3.12.1"'),
    resolveBase: (ref, platform) => {
      if (!registryHasIt && ref.includes(":3.12.1-")) throw new Error("not found");
      return standIn(ref, platform);
    },
  });

const CASES: Readonly<Record<CheckRuleId, { positive: Case; negative: Case }>> = {
  DebugEnabled: {
    positive: () => lintCase({ text: `${BASE_TOML}env = { DEBUG = "1" }\n` }),
    negative: () => lintCase({ text: `${BASE_TOML}env = { DEBUG = "0" }\n` }),
  },
  SecretInEnv: {
    positive: () => lintCase({ text: `${BASE_TOML}env = { DB_PASSWORD = "hunter2" }\n` }),
    negative: () => lintCase({ text: `[args]\nDB_PASSWORD = ""\n\n${BASE_TOML}env = { DB_PASSWORD = "\${DB_PASSWORD}" }\n` }),
  },
  PortNotExposed: {
    positive: () => lintCase({ text: BASE_TOML.replace("expose = [8000]", "expose = [9000]") }),
    negative: () => lintCase({ text: BASE_TOML }),
  },
  DevServerInProduction: {
    positive: () => lintCase({ text: BASE_TOML.replace('["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]', '["flask", "run", "--host", "0.0.0.0", "--port", "8000"]') }),
    negative: () => lintCase({ text: BASE_TOML }),
  },
  PythonVersionExcluded: {
    positive: () => lintCase({ text: BASE_TOML.replace('"3.12"', '"3.10"') }),
    negative: () => lintCase({ text: BASE_TOML }),
  },
  UnpinnedRequirements: {
    positive: () => lintCase({ text: BASE_TOML, files: { ...PIP_PROJECT, "requirements.txt": "gunicorn>=23\n" } }),
    negative: () => lintCase({ text: BASE_TOML }),
  },
  BaseImageNotPinned: {
    positive: () => lintCase({ text: withPython('runtime-image = "python:3.12-slim-bookworm"') }),
    negative: () => lintCase({ text: withPython(`runtime-image = "python:3.12-slim-bookworm@${DIGEST}"`) }),
  },
  RunsAsRoot: {
    positive: () => lintCase({ text: `${BASE_TOML}user = "root"\n` }),
    negative: () => lintCase({ text: `${BASE_TOML}user = "app"\n` }),
  },
  AppFilesWritable: {
    positive: () => lintCase({ text: BASE_TOML }),
    negative: () => lintCase({ text: `[app]\nowner = "root"\n\n${BASE_TOML}` }),
  },
  CopyIgnored: {
    positive: () => lintCase({ text: `[app]\ncopy = ["app.py"]\n\n${BASE_TOML}`, files: { ...PIP_PROJECT, "app.py": "app = None\n" }, dockerignore: "*.py\n" }),
    negative: () => lintCase({ text: `[app]\ncopy = ["app.py"]\n\n${BASE_TOML}`, files: { ...PIP_PROJECT, "app.py": "app = None\n" }, dockerignore: "*.py\n!app.py\n" }),
  },
  DetectedSetting: {
    positive: () => lintCase({ text: BASE_TOML.replace('[dependencies]\nmanager = "pip"\n', "") }),
    negative: () => lintCase({ text: BASE_TOML }),
  },
  NoRevision: {
    positive: () => lintCase({ text: BASE_TOML, revision: null }),
    negative: () => lintCase({ text: BASE_TOML }),
  },
  BaseImageFallback: { positive: patchRelease(false), negative: patchRelease(true) },
  UnusedArg: {
    positive: () => lintCase({ text: `[args]\nWORKERS = "4"\n\n${BASE_TOML}` }),
    negative: () => lintCase({ text: `[args]\nWORKERS = "4"\n\n${BASE_TOML}env = { WEB_CONCURRENCY = "\${WORKERS}" }\n` }),
  },
  // A warning no rule of its own covers: a Python module past the size limits, left out of detection.
  BuildWarning: {
    positive: () => lintCase({ text: BASE_TOML, files: { ...PIP_PROJECT, "big.py": "x = 1\n".repeat(MAX_PROJECT_FILE_LINES + 1) } }),
    negative: () => lintCase({ text: BASE_TOML, files: { ...PIP_PROJECT, "small.py": "x = 1\n" } }),
  },
};

describe.each(Object.entries(CASES) as [CheckRuleId, { positive: Case; negative: Case }][])("%s", (id, { positive, negative }) => {
  it("reports the positive case with its severity at a line of a file", async () => {
    const found = (await positive()).filter((r) => r.code === id);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) {
      expect(r.severity).toBe(ruleOf(id)?.severity);
      expect(r.file).not.toBe("");
      expect(r.range.start.line).toBeGreaterThan(0);
      expect(r.range.start.column).toBeGreaterThan(0);
    }
  });

  it("is quiet for the negative case", async () => {
    expect((await negative()).filter((r) => r.code === id).map((r) => r.message)).toEqual([]);
  });
});
