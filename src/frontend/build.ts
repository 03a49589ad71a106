/**
 * build: the frontend's I/O around {@link compile}, from BuildKit's request to the result it returns.
 *   read pydock.toml and the project's files → compile (resolving base images through BuildKit) → solve
 * Every decision is made by compile(); this module only reads, solves, warns and returns.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { loadConfig } from "../config/load.js";
import { UserError, formatWarning, type Diagnostic } from "../core/diagnostics.js";
import { formatPlatform, type Platform } from "../core/platform.js";
import { rfc3339 } from "../core/text.js";
import type { AttestationSchema } from "../gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import type { FrontendResult, GatewayClient } from "../gateway/client.js";
import type { FrontendOptions } from "../gateway/opts.js";
import * as llb from "../llb/index.js";
import type { ProjectFiles } from "../plan/project.js";
import type { BuildPlan } from "../plan/types.js";
import { CAP_ATTESTATIONS } from "../sbom/attestation.js";
import { buildSbom } from "../sbom/for-build.js";
import { check } from "./check.js";
import { smokeTest, withFoundPackages } from "./runtime-checks.js";
import { compileRequest } from "./compile-request.js";
import { readBuildFile, readProjectFiles, type BuildDefinition } from "./inputs.js";
import { LINT, subrequest } from "./subrequests.js";

export async function build(client: GatewayClient, opts: FrontendOptions): Promise<FrontendResult> {
  // The build file and the project's files come from two transfers: ask for both at once. (Subrequests other
  // than the check need only the build file.)
  const projectRead = opts.requestId && opts.requestId !== LINT ? undefined : readProjectFiles(client, opts);
  projectRead?.catch(() => undefined); // awaited below; an early error must not leave it unhandled
  const definition = await readBuildFile(client, opts);
  if (opts.requestId && opts.requestId !== LINT) {
    const loaded = loadConfig(definition.file, { buildArgs: opts.buildArgs });
    if (!loaded.ok) throw new UserError(loaded.diagnostics, [definition.file]);
    return subrequest(opts.requestId, loaded.config, definition.file, opts.target);
  }

  const project = await (projectRead ?? readProjectFiles(client, opts));
  if (opts.requestId === LINT) return check(client, opts, definition, project);
  const compiled = await compileRequest(client, opts, definition, project);
  for (const text of warningLines(compiled.warnings)) await definition.warn(text);
  if (!compiled.ok) throw new UserError(compiled.diagnostics, [definition.file]);

  const results = await Promise.all(
    compiled.platforms.map(async (p) => {
      // The image, the smoke test (which evaluates it, and carries the runtime-libraries list the label names)
      // and the SBOM each wait on BuildKit: asked for together. A smoke test beside the build commands
      // evaluates the image only up to them: the image is then evaluated too, so that they run at the same
      // time as the test rather than after it, during the export.
      const beside = p.smokeTest?.confirm !== undefined;
      const [ref, checked, sbom] = await Promise.all([
        client.solve(p.definition, { cacheImports: opts.cacheImports, ...(beside ? { evaluate: true } : {}) }),
        p.smokeTest ? smokeTest(client, p.smokeTest, definition, compiled.plan.autoSystemPackages, opts.cacheImports) : undefined,
        opts.sbom && client.caps.frontend.has(CAP_ATTESTATIONS) ? attachSbom(client, compiled.plan, project.files, p.platform, compiled.epoch, definition) : undefined,
      ]);
      const config = compiled.plan.autoSystemPackages ? await withFoundPackages(client, ref, p.imageConfig, checked?.report) : p.imageConfig;
      return { platform: p.platform, ref, config, sbom };
    }),
  );
  const attestations: Record<string, MessageInitShape<typeof AttestationSchema>[]> = {};
  for (const r of results) if (r.sbom) attestations[formatPlatform(r.platform)] = [r.sbom];
  const withAttestations = Object.keys(attestations).length ? { attestations } : {};

  const metadata: Record<string, string> = {};
  const platformsMeta = { Platforms: results.map((r) => ({ ID: formatPlatform(r.platform), Platform: { os: r.platform.os, architecture: r.platform.architecture, ...(r.platform.variant ? { variant: r.platform.variant } : {}) } })) };
  const epoch = String(compiled.epoch);
  if (!opts.multiPlatform && results.length === 1 && results[0]) {
    metadata["containerimage.config"] = JSON.stringify(results[0].config);
    metadata["source.date.epoch"] = epoch;
    metadata["refs.platforms"] = JSON.stringify(platformsMeta);
    return { ref: results[0].ref, metadata, ...withAttestations };
  }
  const refs: Record<string, string> = {};
  for (const r of results) {
    const id = formatPlatform(r.platform);
    refs[id] = r.ref;
    metadata[`containerimage.config/${id}`] = JSON.stringify(r.config);
    metadata[`source.date.epoch/${id}`] = epoch;
  }
  metadata["refs.platforms"] = JSON.stringify(platformsMeta);
  return { refs, metadata, ...withAttestations };
}

/**
 * The SBOM attestation for one platform: the lockfile's installed set as SPDX, written to a file BuildKit
 * stores beside the image. Its presence stops BuildKit from running its scanner image. A lockfile pydock
 * cannot read is reported as a warning and leaves the SBOM to BuildKit.
 */
async function attachSbom(
  client: GatewayClient,
  p: BuildPlan,
  files: ProjectFiles,
  platform: Platform,
  epoch: number,
  definition: BuildDefinition,
): Promise<MessageInitShape<typeof AttestationSchema> | undefined> {
  let sbom;
  try {
    sbom = buildSbom(p, files, platform, rfc3339(epoch));
  } catch (e) {
    await definition.warn(`no SBOM from the lockfile (${(e as Error).message}); BuildKit's scanner will make one`);
    return undefined;
  }
  const state = llb.scratch().file(llb.mkfile(sbom.file.path, sbom.file.mode, sbom.file.data, { timestamp: new Date(epoch * 1000) }), {
    customName: "[sbom] SPDX from the lockfile",
  });
  const id = await client.solve(llb.marshal(state, { platform }).definition);
  return { ...sbom.attestation, ref: { id } };
}

/**
 * The build's warnings as the output shows them, what pydock detected first and as one line: the Docker
 * Engine's BuildKit (v0.13) was seen to show only the first of several warnings sent in a row.
 */
function warningLines(warnings: readonly Diagnostic[]): string[] {
  const detected = warnings.filter((w) => w.code === "detected").map(formatWarning);
  const others = warnings.filter((w) => w.code !== "detected").map(formatWarning);
  return detected.length > 0 ? [detected.join(" — "), ...others] : others;
}
