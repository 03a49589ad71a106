// Bundles the frontend into one minified CommonJS file, dist/frontend.cjs: BuildKit starts it on every
// build, and one file loads about twice as fast as the same code spread over node_modules. The protocol
// tests and the benchmark bundle their own frontends (a fixture, a do-nothing floor) the same way.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

/**
 * Bundles `entry` into `outfile` as BuildKit will run it: one minified CommonJS file for Node 20.
 * @param {{ entry: string, outfile: string, sourcemap?: boolean, logLevel?: import("esbuild").LogLevel }} o
 */
export async function bundleFrontend(o) {
  await build({
    entryPoints: [o.entry],
    outfile: o.outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    ...(o.sourcemap ? { sourcemap: "linked", legalComments: "linked" } : {}),
    // grpc-js loads @grpc/proto-loader (and protobufjs) only for channelz/ORCA, which pydock never uses.
    external: ["@grpc/proto-loader"],
    logLevel: o.logLevel ?? "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleFrontend({ entry: "src/frontend/main.ts", outfile: "dist/frontend.cjs", sourcemap: true });
}
