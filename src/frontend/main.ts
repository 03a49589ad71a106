/**
 * The frontend process BuildKit starts: gRPC on stdin/stdout, one build, exit. BuildKit passes no
 * arguments; `--version` (for people and release checks, e.g. `docker run pydock/pydock:0 --version`)
 * prints the version instead.
 */
import { build } from "./build.js";
import { runFrontend } from "../gateway/run.js";
import { VERSION } from "../core/version.js";

if (process.argv.includes("--version")) process.stdout.write(`pydock ${VERSION}\n`); // stdout-ok: not a build, BuildKit passes no arguments
else void runFrontend(build);
