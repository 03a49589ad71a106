/** The frontend process BuildKit starts: gRPC on stdin/stdout, one build, exit. */
import { build } from "./build.js";
import { runFrontend } from "../gateway/run.js";

void runFrontend(build);
