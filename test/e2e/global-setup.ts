/**
 * Publishes the frontend image of this checkout once per e2e run, as users get it:
 * - the Docker Engine resolves the examples' `# syntax=pydock/pydock:0.1` in its own image store, so the image
 *   is built there under that name;
 * - a standalone buildkitd pulls frontends from a registry, so scripts/release.sh pushes the release (one
 *   index for linux/amd64, and linux/arm64 where qemu can run it, with provenance, under :0, :0.1 and
 *   :0.1.0) to the sandbox registry, which mirrors Docker Hub for both daemons.
 */
import { existsSync } from "node:fs";
import { builders, FRONTEND_IMAGE, MIRROR, must, run } from "./harness.js";

export default async function setup(): Promise<void> {
  if (process.env["PYDOCK_E2E_SKIP_FRONTEND_BUILD"]) return;
  await must("docker", ["build", "-q", "-f", "frontend.Dockerfile", "-t", FRONTEND_IMAGE, "."]);
  const publisher = (await builders()).find((b) => b !== "default");
  if (publisher === undefined) {
    // The Docker Engine alone (PYDOCK_E2E_BUILDERS=default): its own store is enough; the registry, when there
    // is one, gets the image too, as before.
    if ((await run("curl", ["-fsS", `http://${MIRROR}/v2/`])).code === 0) {
      await must("docker", ["tag", FRONTEND_IMAGE, `${MIRROR}/${FRONTEND_IMAGE}`]);
      await must("docker", ["push", "-q", `${MIRROR}/${FRONTEND_IMAGE}`]);
    }
    return;
  }
  // Without arm64 emulation the release is amd64 only, and test/e2e/release.test.ts fails saying so.
  const platforms = existsSync("/proc/sys/fs/binfmt_misc/qemu-aarch64") ? "linux/amd64,linux/arm64" : "linux/amd64";
  await must("bash", ["scripts/release.sh", "--registry", MIRROR, "--builder", publisher, "--platforms", platforms]);
}
