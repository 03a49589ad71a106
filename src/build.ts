/**
 * build: the whole frontend, from BuildKit's request to the result it returns.
 *   read pydock.toml → validate → read the project's files → plan → resolve base images → LLB → solve
 * All I/O goes through the GatewayClient; every decision is made by the pure modules it calls.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { resolveBases } from "./bases.js";
import { loadConfig } from "./config/load.js";
import type { PydockConfig } from "./config/model.js";
import { UserError, type SourceFile } from "./config/source.js";
import { planToLLB } from "./convert/convert.js";
import { imageConfig, type BaseImageConfig } from "./convert/image.js";
import type { AttestationSchema } from "./gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import type { FrontendResult, GatewayClient } from "./gateway/client.js";
import { formatPlatform, type FrontendOptions, type Platform } from "./gateway/opts.js";
import { readGitRevision } from "./git.js";
import { readBuildFile, readProjectFiles, type BuildDefinition } from "./inputs.js";
import * as llb from "./llb/index.js";
import type { SourceMap } from "./llb/marshal.js";
import { planBuild } from "./plan/plan.js";
import type { ProjectFiles } from "./plan/project.js";
import type { BuildPlan } from "./plan/types.js";
import { CAP_ATTESTATIONS } from "./sbom/attestation.js";
import { buildSbom } from "./sbom/for-build.js";
import { subrequest } from "./subrequests.js";

export async function build(client: GatewayClient, opts: FrontendOptions): Promise<FrontendResult> {
  // The build file and the project's files come from two transfers: ask for both at once. (A subrequest or
  // a config error leaves the second unused; it is small.)
  const projectRead = opts.requestId ? undefined : readProjectFiles(client, opts);
  projectRead?.catch(() => undefined); // awaited below; an early config error must not leave it unhandled
  const definition = await readBuildFile(client, opts);
  const loaded = loadConfig(definition.file, { buildArgs: opts.buildArgs });
  if (!loaded.ok) throw new UserError(loaded.diagnostics, [definition.file]);
  const config = loaded.config;
  for (const w of loaded.warnings) await definition.warn(`${w.file}:${w.range.start.line}: ${w.message}`);

  if (opts.requestId) return subrequest(opts.requestId, config, definition.file);

  const project = await (projectRead ?? readProjectFiles(client, opts));
  const revision = opts.vcsRevision ?? readGitRevision(project.git);
  const target = opts.target ?? "runtime";
  const epoch = sourceDateEpoch(config);
  // The plan does not depend on the platform: make it (and say its warnings) once.
  const p = plan(config, definition.file, target, project.files, revision, opts, epoch);
  for (const w of p.warnings) await definition.warn(w);
  // The local is always "context"; the contextkey option only names where a remote context URL would be.
  const context = llb.local("context", {
    sessionId: opts.sessionId,
    sharedKeyHint: "context",
    customName: "[internal] load build context",
    ...(project.dockerignore.length ? { excludePatterns: project.dockerignore } : {}),
  });
  const source: SourceMap = { filename: definition.file.name, data: new TextEncoder().encode(definition.file.text), language: "TOML" };

  const results = await Promise.all(
    opts.platforms.map(async (platform) => {
      const bases = await resolveBases(client, opts, p, platform);
      const states = planToLLB({
        plan: p,
        context,
        bases,
        platform,
        source,
        locate: (path) => config.targets.get(target === "venv" ? "runtime" : target)?.locate(path) ?? config.locate(path),
        llbCaps: client.caps.llb,
        ignoreCache: opts.noCache,
        epoch,
      });
      const marshaled = llb.marshal(states.output, { platform });
      const ref = await client.solve(marshaled.definition, { cacheImports: opts.cacheImports });
      const baseRef = p.output === "venv" ? p.venv.base : p.runtime.base;
      const base = baseRef ? bases.get(baseRef) : undefined;
      const cfg = imageConfig({
        base: (base?.raw ?? {}) as BaseImageConfig,
        plan: p.image,
        platform,
        stage: p.output === "venv" ? p.venv : p.runtime,
        created: rfc3339(epoch),
        labels: [
          ...(base ? ([["org.opencontainers.image.base.name", llb.normalizeImageRef(baseRef ?? "")]] as const) : []),
          ...(base?.digest ? ([["org.opencontainers.image.base.digest", base.digest]] as const) : []),
          ...opts.labels,
        ],
      });
      const sbom = opts.sbom && client.caps.frontend.has(CAP_ATTESTATIONS) ? await attachSbom(client, p, project.files, platform, epoch, definition) : undefined;
      return { platform, ref, config: cfg, sbom };
    }),
  );
  const attestations: Record<string, MessageInitShape<typeof AttestationSchema>[]> = {};
  for (const r of results) if (r.sbom) attestations[formatPlatform(r.platform)] = [r.sbom];
  const withAttestations = Object.keys(attestations).length ? { attestations } : {};

  const metadata: Record<string, string> = {};
  const platformsMeta = { Platforms: results.map((r) => ({ ID: formatPlatform(r.platform), Platform: { os: r.platform.os, architecture: r.platform.architecture, ...(r.platform.variant ? { variant: r.platform.variant } : {}) } })) };
  if (!opts.multiPlatform && results.length === 1 && results[0]) {
    metadata["containerimage.config"] = JSON.stringify(results[0].config);
    metadata["source.date.epoch"] = String(epoch);
    metadata["refs.platforms"] = JSON.stringify(platformsMeta);
    return { ref: results[0].ref, metadata, ...withAttestations };
  }
  const refs: Record<string, string> = {};
  for (const r of results) {
    const id = formatPlatform(r.platform);
    refs[id] = r.ref;
    metadata[`containerimage.config/${id}`] = JSON.stringify(r.config);
    metadata[`source.date.epoch/${id}`] = String(epoch);
  }
  metadata["refs.platforms"] = JSON.stringify(platformsMeta);
  return { refs, metadata, ...withAttestations };
}

function plan(config: PydockConfig, file: SourceFile, target: string, files: ProjectFiles, revision: string | undefined, opts: FrontendOptions, epoch: number): BuildPlan {
  try {
    return planBuild({ config, target, files, revision, sourceUrl: opts.vcsSource, epoch });
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.diagnostics, [file]);
    throw e;
  }
}

/**
 * The build's time, in seconds: `--build-arg SOURCE_DATE_EPOCH`, else 0 (1970-01-01). Every timestamp
 * pydock writes (file times, image config, history, labels) is this one, so a build is reproducible by
 * default; pass the commit time to see a meaningful date.
 */
export function sourceDateEpoch(config: PydockConfig): number {
  const value = config.args.get("SOURCE_DATE_EPOCH");
  return value && /^\d+$/.test(value) ? Number(value) : 0;
}

function rfc3339(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace(/\.000Z$/, "Z");
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
