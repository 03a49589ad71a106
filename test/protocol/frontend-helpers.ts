/** Shared by the protocol tests that run the real bundled frontend: the bundle and solves (example files: test/support/examples.ts). */
import { join } from "node:path";
import { expect } from "vitest";
import type { SolveRequest } from "../../src/gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import type { Definition, SourceOp } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { SMOKE_DIR } from "../../src/convert/smoke-test.js";
import { decodeDefinition } from "../../src/llb/marshal.js";
import { ROOT, useFreshBundle as useFreshBundleOf } from "../support/bundle.js";
import type { FrontendProcessResult } from "./frontend-process.js";

export { ROOT };
export const BUNDLE = join(ROOT, "dist/frontend.cjs");
export const FAKE_DIGEST = "sha256:" + "ab".repeat(32);

/** Rebuilds dist/frontend.cjs when a source is newer. Call at the top of a test file. */
export const useFreshBundle = (): void => useFreshBundleOf(BUNDLE);

/** The source ops of a Solve'd definition. */
export function sourcesOf(req: SolveRequest | undefined): SourceOp[] {
  const def = req?.Definition as Definition | undefined;
  if (!def) return [];
  return decodeDefinition(def).flatMap((d) => (d.op.op.case === "source" ? [d.op.op.value] : []));
}

/** Whether a Solve'd definition is the smoke test's: an exec writing to SMOKE_DIR on top of the image. */
export function isSmokeTest(req: SolveRequest): boolean {
  const def = req.Definition as Definition | undefined;
  if (!def) return false;
  return decodeDefinition(def).some((d) => d.op.op.case === "exec" && d.op.op.value.mounts.some((m) => m.dest === SMOKE_DIR));
}

/** The image's Solve: its definition holds docker-image sources, and it is not the smoke test's. */
export const mainSolve = (r: FrontendProcessResult) => r.solves.find((s) => !isSmokeTest(s) && sourcesOf(s).some((o) => o.identifier.startsWith("docker-image://")));

/**
 * The user error a frontend returned: exactly one errdefs.Source detail holding pydock.toml's text (so
 * `docker build` shows a snippet). Returns that detail's ranges.
 */
export function expectSourceDetail(err: { details: readonly { typeUrl: string; value: Uint8Array }[] } | undefined, text: string): { start: { line: number }; end: { line: number; character?: number } }[] {
  expect(err?.details).toHaveLength(1);
  expect(err?.details[0]?.typeUrl).toBe("github.com/moby/buildkit/errdefs.Source+json");
  const detail = JSON.parse(new TextDecoder().decode(err?.details[0]?.value));
  expect(detail.info.filename).toBe("pydock.toml");
  expect(detail.info.language).toBe("TOML");
  expect(Buffer.from(detail.info.data, "base64").toString("utf8")).toBe(text);
  return detail.ranges;
}
