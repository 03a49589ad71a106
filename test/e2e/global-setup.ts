/**
 * Publishes the frontend image of this checkout once per e2e run, as users get it:
 * - the Docker Engine resolves the examples' `# syntax=pydock/pydock:0.1` in its own image store, so the image
 *   is built there under that name;
 * - a standalone buildkitd pulls frontends from a registry, so scripts/release.sh pushes the release (one
 *   index for linux/amd64, and linux/arm64 where qemu can run it, with provenance, under :0, :0.1 and
 *   :0.1.0) to the sandbox registry, which mirrors Docker Hub for both daemons.
 * Its teardown fails the run when the suite left the machine's daemons ended or their published ports dead.
 */
import { existsSync } from "node:fs";
import { builders, FRONTEND_IMAGE, MIRROR, must, run, waitHttp } from "./harness.js";

/** The machine's daemons: the suite may start and kill its own, never these. */
async function machineDaemons(): Promise<string[]> {
  const r = await run("pgrep", ["-x", "-d", " ", "dockerd|buildkitd"]);
  return r.output.trim().split(/\s+/).filter(Boolean).sort();
}

/**
 * After the suite: the daemons that ran before it are the same processes, and a published port of the
 * machine's engine still answers (a killed dockerd leaves containers that break that for every later run).
 */
async function checkMachineLeftWorking(before: readonly string[]): Promise<void> {
  const after = await machineDaemons();
  const gone = before.filter((pid) => !after.includes(pid));
  if (gone.length > 0) throw new Error(`the e2e suite ended daemons it did not start (pids ${gone.join(", ")}; before: ${before.join(", ")}, after: ${after.join(", ")})`);
  // The last line: a pull's progress comes first when the image is not here yet.
  const id = (await must("docker", ["run", "-d", "-p", "127.0.0.1::8000", "python:3.11-slim-bookworm", "python", "-m", "http.server", "8000"])).trim().split("\n").pop() ?? "";
  try {
    const port = (await must("docker", ["port", id, "8000/tcp"])).trim().split("\n")[0];
    await waitHttp(`http://${port}/`, 30_000);
  } finally {
    await run("docker", ["rm", "-f", id]);
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const before = await machineDaemons();
  const teardown = async () => {
    try {
      await checkMachineLeftWorking(before);
    } catch (e) {
      // Vitest prints a teardown's error but does not fail the run for it.
      process.exitCode = 1;
      throw e;
    }
  };
  if (process.env["PYDOCK_E2E_SKIP_FRONTEND_BUILD"]) return teardown;
  await must("docker", ["build", "-q", "-f", "frontend.Dockerfile", "-t", FRONTEND_IMAGE, "."]);
  const publisher = (await builders()).find((b) => b !== "default");
  if (publisher === undefined) {
    // The Docker Engine alone (PYDOCK_E2E_BUILDERS=default): its own store is enough; the registry, when there
    // is one, gets the image too, as before.
    if ((await run("curl", ["-fsS", `http://${MIRROR}/v2/`])).code === 0) {
      await must("docker", ["tag", FRONTEND_IMAGE, `${MIRROR}/${FRONTEND_IMAGE}`]);
      await must("docker", ["push", "-q", `${MIRROR}/${FRONTEND_IMAGE}`]);
    }
    return teardown;
  }
  // Without arm64 emulation the release is amd64 only, and test/e2e/release.test.ts fails saying so.
  const platforms = existsSync("/proc/sys/fs/binfmt_misc/qemu-aarch64") ? "linux/amd64,linux/arm64" : "linux/amd64";
  await must("bash", ["scripts/release.sh", "--registry", MIRROR, "--builder", publisher, "--platforms", platforms]);
  return teardown;
}
