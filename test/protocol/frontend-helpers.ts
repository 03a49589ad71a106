/** Shared by the protocol tests that run the real bundled frontend: the bundle and solves (example files: test/support/examples.ts). */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect } from "vitest";
import type { SolveRequest } from "../../src/gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import type { Definition, SourceOp } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { decodeDefinition } from "../../src/llb/marshal.js";
import type { FrontendProcessResult } from "./frontend-process.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUNDLE = join(ROOT, "dist/frontend.cjs");
export const FAKE_DIGEST = "sha256:" + "ab".repeat(32);

/** Newest mtime of the files the bundle is made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const abs = join(dir, e);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (!e.endsWith(".test.ts")) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(join(ROOT, "src"));
  for (const f of ["scripts/bundle.mjs", "package-lock.json"]) if (existsSync(join(ROOT, f))) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

/** Rebuilds dist/frontend.cjs when a source is newer. Call at the top of a test file. */
export function useFreshBundle(): void {
  beforeAll(() => {
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource()) {
    execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: ROOT, stdio: "inherit" });
  }
}, 120_000);
}

/** The source ops of a Solve'd definition. */
export function sourcesOf(req: SolveRequest | undefined): SourceOp[] {
  const def = req?.Definition as Definition | undefined;
  if (!def) return [];
  return decodeDefinition(def).flatMap((d) => (d.op.op.case === "source" ? [d.op.op.value] : []));
}

/** The Solve whose definition holds docker-image sources (the build itself). */
export const mainSolve = (r: FrontendProcessResult) => r.solves.find((s) => sourcesOf(s).some((o) => o.identifier.startsWith("docker-image://")));

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
