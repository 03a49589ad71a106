// Bundles the frontend into one minified CommonJS file, dist/frontend.cjs: BuildKit starts it on every
// build, and one file loads about twice as fast as the same code spread over node_modules. The `pydock`
// command (src/cli) is bundled the same way into dist/cli.cjs, the package's bin, with a shebang. The
// protocol tests and the benchmark bundle their own frontends (a fixture, a do-nothing floor) the same way.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Bundles `entry` into `outfile` as BuildKit will run it: one minified CommonJS file for Node 20.
 * `banner` is written first (a `#!` line for an executable).
 * @param {{ entry: string, outfile: string, sourcemap?: boolean, banner?: string, logLevel?: import("esbuild").LogLevel }} o
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
    ...(o.banner ? { banner: { js: o.banner } } : {}),
    // The bench bundles the tests' fake BuildKit, a grpc-js server: grpc-js loads @grpc/proto-loader (and
    // protobufjs) only for channelz/ORCA, which it never uses.
    external: ["@grpc/proto-loader"],
    logLevel: o.logLevel ?? "warning",
  });
}

/** The `pydock` command: dist/cli.cjs, executable, run by Node from the package's bin. */
export async function bundleCli(outfile = "dist/cli.cjs") {
  await bundleFrontend({ entry: "src/cli/bin.ts", outfile, banner: "#!/usr/bin/env node" });
  chmodSync(outfile, 0o755);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleFrontend({ entry: "src/frontend/main.ts", outfile: "dist/frontend.cjs", sourcemap: true });
  await bundleCli();
}
