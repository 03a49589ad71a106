/**
 * The frontend process BuildKit starts: gRPC on stdin/stdout, one build, exit. BuildKit passes no
 * arguments; `--version` (for people and release checks, e.g. `docker run pydock/pydock:0 --version`)
 * prints the version instead.
 *
 * The image starts it from a V8 startup snapshot (frontend.Dockerfile): `node --build-snapshot` runs this
 * bundle's module code once, when the image is built, and every build starts from the heap it left, at
 * {@link main}. Module code must therefore do nothing that belongs to one run (read the environment or the
 * clock, open files or connections): that happens in main. Run directly (`node dist/frontend.cjs`, the
 * tests), it starts at once. With PYDOCK_WARM_UP naming a folder of projects while the snapshot is built,
 * they are compiled first (warm-up.ts), so the snapshot holds the compile path already compiled.
 */
import { startupSnapshot } from "node:v8";
import { build } from "./build.js";
import { runFrontend } from "../gateway/run.js";
import { VERSION } from "../core/version.js";
import { warmUp } from "./warm-up.js";

function main(): void {
  if (process.argv.includes("--version")) process.stdout.write(`pydock ${VERSION}\n`); // stdout-ok: not a build, BuildKit passes no arguments
  else void runFrontend(build);
}

if (startupSnapshot.isBuildingSnapshot()) {
  const projects = process.env["PYDOCK_WARM_UP"];
  if (projects) {
    warmUp(projects).catch((e: unknown) => {
      process.stderr.write(`pydock: warming the snapshot up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    });
  }
  startupSnapshot.setDeserializeMainFunction(main);
}
else main();
