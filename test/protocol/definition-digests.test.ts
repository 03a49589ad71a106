/**
 * Deterministic LLB: for each example, the definition the frontend solves (same inputs: files, options,
 * resolved image digests) is byte-identical across runs and machines. The digests are committed in
 * definition-digests.json; after an intended change to what pydock generates, refresh them with
 * `UPDATE_DIGESTS=1 npx vitest run test/protocol/definition-digests.test.ts` and review the diff.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeDefinition } from "../../src/llb/marshal.js";
import type { Definition } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { BUNDLE, mainSolve, useFreshBundle } from "./frontend-helpers.js";
import { exampleRecord } from "../support/examples.js";
import { runFrontendProcess } from "./frontend-process.js";

useFreshBundle();

const FILE = join(import.meta.dirname, "definition-digests.json");
const EXAMPLES = ["poetry-django", "uv-fastapi", "pip-flask", "zero-config", "psycopg"];
const committed: Record<string, string> = JSON.parse(readFileSync(FILE, "utf8"));
const seen: Record<string, string> = {};

async function definitionDigest(example: string): Promise<string> {
  const files = exampleRecord(example);
  const r = await runFrontendProcess(BUNDLE, {
    files: { dockerfile: { "pydock.toml": files["pydock.toml"] ?? "" }, context: files },
    opts: { "vcs:revision": "0123456789abcdef0123456789abcdef01234567", "build-arg:SOURCE_DATE_EPOCH": "1700000000" },
    sessionId: "session",
    timeoutMs: 20_000,
  });
  const solve = mainSolve(r);
  expect(solve, r.stderr).toBeDefined();
  const bytes = encodeDefinition(solve?.Definition as Definition);
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

describe("definition digests", () => {
  it.each(EXAMPLES)("%s: the same definition on every run, equal to the committed digest", async (example) => {
    const [a, b] = [await definitionDigest(example), await definitionDigest(example)];
    expect(b).toBe(a);
    seen[example] = a;
    if (process.env["UPDATE_DIGESTS"]) {
      writeFileSync(FILE, JSON.stringify({ ...committed, ...seen }, null, 2) + "\n");
      return;
    }
    expect(a).toBe(committed[example]);
  });
});
