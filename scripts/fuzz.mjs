// `npm run fuzz`: bundles the fuzz campaign (test/fuzz/campaign.ts) into one file and runs it, so that its
// workers are plain Node threads the coordinator can stop when a case hangs. Settings are environment
// variables: PYDOCK_FUZZ_RUNS (default 100000), PYDOCK_FUZZ_SEED, PYDOCK_FUZZ_WORKERS, PYDOCK_FUZZ_OUT.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pydock-fuzz-"));
const outfile = join(dir, "campaign.cjs");
try {
  await build({
    entryPoints: [join(root, "test/fuzz/campaign.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "inline",
    logLevel: "warning",
  });
  const r = spawnSync(process.execPath, ["--enable-source-maps", outfile], { stdio: "inherit", env: { ...process.env, PYDOCK_ROOT: root } });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
