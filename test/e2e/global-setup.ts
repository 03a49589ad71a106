/**
 * Builds the frontend image from this checkout once per e2e run, under the name the examples' `# syntax=`
 * line uses, and pushes it to the sandbox registry so a standalone buildkitd (which pulls frontends from a
 * registry, never from the Docker Engine's store) resolves the same image.
 */
import { FRONTEND_IMAGE, MIRROR, must, run } from "./harness.js";

export default async function setup(): Promise<void> {
  if (process.env["PYDOCK_E2E_SKIP_FRONTEND_BUILD"]) return;
  await must("docker", ["build", "-q", "-f", "frontend.Dockerfile", "-t", FRONTEND_IMAGE, "."]);
  if ((await run("curl", ["-fsS", `http://${MIRROR}/v2/`])).code === 0) {
    await must("docker", ["tag", FRONTEND_IMAGE, `${MIRROR}/${FRONTEND_IMAGE}`]);
    await must("docker", ["push", "-q", `${MIRROR}/${FRONTEND_IMAGE}`]);
  }
}
