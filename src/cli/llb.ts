/**
 * `pydock llb`: the LLB definition a build of pydock.toml sends to BuildKit, as dump-llb-style JSON
 * (dumpDefinition) or as the binary Definition `buildctl build` reads on stdin. Compiled by compile() with
 * stand-in base images (stand-in-bases.ts): no registry is asked, so the bases are referenced by name and
 * not pinned to a digest as a build through the frontend pins them; stderr says so. The context is the
 * local source `context` (`buildctl build --local context=DIR`), with .dockerignore's patterns excluded.
 */
import { toBinary } from "@bufbuild/protobuf";
import { compile } from "../compile.js";
import { formatPlatform, type Platform } from "../core/platform.js";
import { DefinitionSchema } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { dumpDefinition } from "../llb/dump.js";
import { standInBases } from "../stand-in-bases.js";
import type { ProjectInput } from "./context.js";
import { EXIT, errorLines, warningLines, type CommandResult } from "./output.js";
import { planSettings, type BuildSettings } from "./plan.js";

/** The daemon features pydock's LLB uses when present, as a current BuildKit has them: MergeOp and secrets as env. */
const CURRENT_BUILDKIT_CAPS: ReadonlySet<string> = new Set(["mergeop", "exec.secretenv"]);

export interface LlbSettings extends BuildSettings {
  readonly platform: Platform;
  readonly format: "json" | "binary";
}

export async function llbCommand(input: ProjectInput, settings: LlbSettings): Promise<CommandResult> {
  const compiled = await compile({
    ...planSettings(input, settings),
    dockerignore: input.dockerignore,
    platforms: [settings.platform],
    resolveBase: standInBases(),
    llbCaps: CURRENT_BUILDKIT_CAPS,
    sessionId: "",
    noCache: false,
    labels: new Map(),
  });
  const warnings = warningLines(compiled.warnings, input.display);
  if (!compiled.ok) return { stdout: "", stderr: warnings + errorLines(compiled.diagnostics, input.display), exitCode: EXIT.problems };
  const definition = compiled.platforms[0]?.definition;
  if (!definition) throw new Error(`nothing compiled for ${formatPlatform(settings.platform)}`);
  const note =
    `pydock: ${formatPlatform(settings.platform)}, base images by name and not pinned by digest (no registry was asked; ` +
    "a build through the frontend pins them), for a BuildKit with MergeOp; the image config is not part of the definition\n";
  const stdout = settings.format === "binary" ? toBinary(DefinitionSchema, definition) : JSON.stringify(dumpDefinition(definition), null, 1) + "\n";
  return { stdout, stderr: warnings + note, exitCode: EXIT.ok };
}
