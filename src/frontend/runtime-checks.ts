/**
 * The frontend's reads of a solved runtime image: the smoke test (convert/smoke-test.ts), solved as a
 * definition of its own on top of the image and read back, and the packages the runtime stage installed
 * for the venv's libraries, for the image's label (carried by the smoke test's result, or read from the image
 * when there is no smoke test). Decisions are the pure functions'.
 */
import { UserError, formatWarning, type Diagnostic } from "../core/diagnostics.js";
import { withPackagesLabel } from "../convert/image-config.js";
import { SMOKE_RESULT, failedInSmokeStep, parseSmokeResult, smokeDiagnostics, type SmokeResult } from "../convert/smoke-test.js";
import type { CompiledPlatform } from "../compile.js";
import type { Definition } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { BuildkitRpcError } from "../gateway/errors.js";
import type { GatewayClient } from "../gateway/client.js";
import type { CacheImport } from "../gateway/opts.js";
import { AUTO_PACKAGES_FILE, AUTO_PACKAGES_LABEL } from "../plan/runtime-libraries.js";
import type { BuildDefinition } from "./inputs.js";

/**
 * Runs the smoke test and returns what it found when it passed; throws a UserError at the command's key when
 * it fails. When it ran beside the build commands (on the image before them) and found a problem, the same
 * check on the finished image decides. `cacheImports` are the build's (`--cache-from`): the test's solve
 * evaluates the whole image, so without them a builder with an empty local cache would run every step
 * instead of taking them from the imported cache.
 */
export async function smokeTest(client: GatewayClient, test: NonNullable<CompiledPlatform["smokeTest"]>, definition: BuildDefinition, autoSystemPackages: boolean, cacheImports: readonly CacheImport[]): Promise<SmokeResult> {
  let result = await runSmokeTest(client, test.definition(), test.at, definition, cacheImports, test.confirm !== undefined);
  if (test.confirm && (result === undefined || result.failures.length > 0)) result = await runSmokeTest(client, test.confirm(), test.at, definition, cacheImports, false);
  if (!result) throw new Error("internal: the smoke test wrote no result");
  const { errors, warnings } = smokeDiagnostics(result, test.at, autoSystemPackages);
  for (const w of warnings) await definition.warn(formatWarning(w));
  if (errors.length > 0) throw new UserError(errors, [definition.file]);
  return result;
}

/**
 * One solve of a smoke test and its result. When the interpreter itself did not run: undefined if
 * `confirmed` (a check on the finished image follows), a UserError otherwise.
 */
async function runSmokeTest(client: GatewayClient, test: Definition, at: Pick<Diagnostic, "file" | "range">, definition: BuildDefinition, cacheImports: readonly CacheImport[], confirmed: boolean): Promise<SmokeResult | undefined> {
  let ref: string;
  try {
    ref = await client.solve(test, { evaluate: true, cacheImports });
  } catch (e) {
    // A step of the image itself failed (the install, say): its error goes back as BuildKit gave it, with the
    // step's own source snippet.
    if (!(e instanceof BuildkitRpcError) || !failedInSmokeStep(e.status.message)) throw e;
    if (confirmed) return undefined;
    // The script itself reports every failure as data: a failing exec means the interpreter did not run.
    // The daemon's message repeats the whole script: the step's output above says what went wrong.
    const message = `smoke test: the venv's interpreter failed in the runtime image (its output is above); the runtime image must have the builder's Python and C library ([python] runtime-image); [runtime] smoke-test = false skips this check`;
    throw new UserError([{ ...at, severity: "error", code: "smoke-test", message }], [definition.file]);
  }
  return parseSmokeResult(new TextDecoder().decode(await client.readFile(ref, SMOKE_RESULT)));
}

/**
 * The image config with the label naming the packages the runtime stage installed for the venv's libraries:
 * from the smoke test's result when it carried the list (`reported`: its text, or null when the image has
 * none), else read from the image `ref`.
 */
export async function withFoundPackages(client: GatewayClient, ref: string, config: Record<string, unknown>, reported: string | null | undefined): Promise<Record<string, unknown>> {
  if (reported !== undefined) return withPackagesLabel(config, AUTO_PACKAGES_LABEL, reported ?? "");
  // The file is in the image only when something was found.
  const present = (await client.statFile(ref, AUTO_PACKAGES_FILE)) !== undefined;
  const list = present ? new TextDecoder().decode(await client.readFile(ref, AUTO_PACKAGES_FILE)) : "";
  return withPackagesLabel(config, AUTO_PACKAGES_LABEL, list);
}
