/**
 * `npm run bench` in one repetition (`--smoke`): every code path of bench/run.mjs runs through on the real
 * daemon and writes every metric. No timing is asserted: timings are the benchmark's business, not a test's.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ROOT, run } from "./harness.js";

const out = mkdtempSync(join(tmpdir(), "pydock-bench-smoke-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const BUILD_METRICS = [
  "cold_build_s",
  "noop_rebuild_s",
  "source_edit_rebuild_s",
  "dependency_change_rebuild_s",
  "image_size_mb",
  "image_compressed_mb",
  "image_above_base_mb",
  "layers",
];
const FRONTEND_METRICS = [
  "start_to_return_ms",
  "start_to_ping_ms",
  "node_baseline_ms",
  "start_to_return_poetry_2000_ms",
  "compile_example_ms",
  "compile_poetry_2000_ms",
  "compile_uv_2000_ms",
  "image_size_mb",
  "image_compressed_mb",
  "noop_floor_s",
];

const TIMED = ["cold_build_s", "noop_rebuild_s", "source_edit_rebuild_s", "dependency_change_rebuild_s"];

it("bench/run.mjs --smoke runs through and writes every metric", async () => {
  // The e2e global setup has built the frontend image from this checkout (or was told it is there). Only the
  // Docker Engine's builder: the bench prunes a builder's whole cache, and the suite's other builder keeps
  // cache mounts that later tests count on.
  const r = await run(process.execPath, ["bench/run.mjs", "--smoke", "--skip-frontend-image", "--builders", "default", "--out", out], { cwd: ROOT });
  expect(r.code, r.output.slice(-6000)).toBe(0);

  const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
  expect(results.meta.smoke).toBe(true);
  expect(Object.keys(results.daemons)).toEqual(["default"]);
  const { metrics, installRan } = results.daemons.default;
  for (const key of BUILD_METRICS) {
    const m = metrics[key];
    expect(m, key).toBeDefined();
    expect(typeof m.pydock, key).toBe("number");
    expect(typeof m.handwritten, key).toBe("number");
    expect(typeof m.ratio, key).toBe("number");
  }
  // The third column: the hand-written file through BuildKit's Dockerfile frontend built as an image.
  for (const key of TIMED) expect(typeof metrics[key].handwritten_go, key).toBe("number");
  expect(metrics.noop_rebuild_s.ratio).toBeCloseTo(metrics.noop_rebuild_s.pydock / metrics.noop_rebuild_s.handwritten_go, 6);
  for (const key of FRONTEND_METRICS) expect(typeof results.frontend[key], key).toBe("number");
  expect(results.targets.some((t: { name: string }) => t.name.startsWith("default: no-op rebuild"))).toBe(true);
  // The dependency change re-ran the install on every side, the source edit on none.
  for (const v of ["pydock", "handwritten", "handwritten_go"]) expect(installRan[v], v).toEqual({ edit: "no", dep: "yes" });

  const md = readFileSync(join(out, "results.md"), "utf8");
  expect(md).toContain("| cold build (cache pruned) (s) |");
  expect(md).toContain("containerized Dockerfile frontend");
});
