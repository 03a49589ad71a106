/**
 * build: the whole frontend, from BuildKit's request to the result it returns.
 *   read pydock.toml → validate → read the project's files → plan → resolve base images → LLB → solve
 * All I/O goes through the GatewayClient; every decision is made by the pure modules it calls.
 */
import { loadConfig } from "./config/load.js";
import type { PydockConfig } from "./config/model.js";
import { UserError, type SourceFile } from "./config/source.js";
import { planToLLB, type ResolvedBase } from "./convert/convert.js";
import { imageConfig, type BaseImageConfig } from "./convert/image.js";
import type { FrontendResult, GatewayClient } from "./gateway/client.js";
import { UnsupportedSubrequestError } from "./gateway/errors.js";
import { formatPlatform, type FrontendOptions, type Platform } from "./gateway/opts.js";
import * as llb from "./llb/index.js";
import type { SourceMap } from "./llb/marshal.js";
import { readGitRevision } from "./git.js";
import { planBuild } from "./plan/plan.js";
import { PROJECT_FILE_PATTERNS, projectFiles } from "./plan/project.js";
import type { BuildPlan } from "./plan/types.js";
import { subrequest } from "./subrequests.js";
import { CAP_ATTESTATIONS } from "./sbom/attestation.js";
import { buildSbom } from "./sbom/for-build.js";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { AttestationSchema } from "./gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";

const utf8 = new TextDecoder();
const MAX_PROJECT_FILE = 8 * 1024 * 1024;

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
  const planned = (platform: Platform) => plan(config, definition.file, target, project.files, revision, opts, epoch);
  const context = llb.local(opts.contextKey === "context" ? "context" : opts.contextKey, {
    sessionId: opts.sessionId,
    sharedKeyHint: "context",
    customName: "[internal] load build context",
    ...(project.dockerignore.length ? { excludePatterns: project.dockerignore } : {}),
  });
  const source: SourceMap = { filename: definition.file.name, data: new TextEncoder().encode(definition.file.text), language: "TOML" };

  const results = await Promise.all(
    opts.platforms.map(async (platform) => {
      const p = planned(platform);
      for (const w of p.warnings) await definition.warn(w);
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

function plan(config: PydockConfig, file: SourceFile, target: string, files: ReturnType<typeof projectFiles>, revision: string | undefined, opts: FrontendOptions, epoch: number): BuildPlan {
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

interface BuildDefinition {
  readonly file: SourceFile;
  /** Shows a warning in the build output, attached to the "load build definition" step. */
  warn(message: string): Promise<void>;
}

/** Loads pydock.toml from the `dockerfile` local, as the Dockerfile frontend loads a Dockerfile. */
async function readBuildFile(client: GatewayClient, opts: FrontendOptions): Promise<BuildDefinition> {
  const state = llb.local(opts.dockerfileKey, {
    sessionId: opts.sessionId,
    followPaths: [opts.filename],
    sharedKeyHint: opts.dockerfileKey,
    differ: { type: "none" },
    customName: `[internal] load build definition from ${opts.filename}`,
  });
  const marshaled = llb.marshal(state);
  const ref = await client.solve(marshaled.definition);
  const text = utf8.decode(await client.readFile(ref, opts.filename));
  const file = { name: opts.filename, text };
  return {
    file,
    warn: async (message) => {
      await client.warn(marshaled.digest, 1, message, {});
    },
  };
}

interface ProjectRead {
  readonly files: ReturnType<typeof projectFiles>;
  readonly dockerignore: string[];
  /** `.git` files that tell the commit: HEAD, the ref it names, packed-refs. */
  readonly git: ReadonlyMap<string, string>;
}

/**
 * Reads the small files that drive planning (pyproject.toml, lockfiles, .python-version, …) in one
 * include-only transfer of the context, plus .dockerignore and the bits of .git that name the commit.
 */
async function readProjectFiles(client: GatewayClient, opts: FrontendOptions): Promise<ProjectRead> {
  const gitPatterns = opts.vcsRevision ? [] : [".git/HEAD", ".git/packed-refs", ".git/refs/heads/*", ".git/refs/heads/**/*"];
  const state = llb.local("context", {
    sessionId: opts.sessionId,
    includePatterns: [...PROJECT_FILE_PATTERNS, ".dockerignore", ...gitPatterns],
    sharedKeyHint: "pydock-project-files",
    customName: "[internal] load project files (pyproject.toml, lockfiles)",
  });
  const ref = await client.solve(llb.marshal(state).definition);
  const all = new Map<string, string>();
  await walk(client, ref, "", 0, all);
  const files = new Map<string, string>();
  const git = new Map<string, string>();
  let dockerignore: string[] = [];
  for (const [path, text] of all) {
    if (path === ".dockerignore") dockerignore = parseIgnore(text);
    else if (path.startsWith(".git/")) git.set(path.slice(5), text);
    else files.set(path, text);
  }
  return { files: projectFiles(files), dockerignore, git };
}

const S_IFDIR = 0o040000;
const GO_MODE_DIR = 0x80000000;

async function walk(client: GatewayClient, ref: string, dir: string, depth: number, out: Map<string, string>): Promise<void> {
  const entries = await client.readDir(ref, dir === "" ? "/" : dir);
  await Promise.all(
    entries.map(async (e) => {
      const path = dir === "" ? e.path : `${dir}/${e.path}`;
      const isDir = (e.mode & GO_MODE_DIR) !== 0 || (e.mode & 0o170000) === S_IFDIR;
      if (isDir) {
        if (depth < 4) await walk(client, ref, path, depth + 1, out);
        return;
      }
      if (Number(e.size) > MAX_PROJECT_FILE) return;
      out.set(path, utf8.decode(await client.readFile(ref, path)));
    }),
  );
}

/** .dockerignore lines → patterns (comments and blank lines dropped). */
export function parseIgnore(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => (l.startsWith("/") ? l.slice(1) : l));
}

interface Base extends ResolvedBase {
  readonly digest: string;
  readonly raw: unknown;
}

/** Resolves each base image for the target platform and pins it to the digest the registry gave. */
async function resolveBases(client: GatewayClient, opts: FrontendOptions, p: BuildPlan, platform: Platform): Promise<Map<string, Base>> {
  const refs = [p.venv.base, p.runtime.base].filter((r): r is string => r !== null);
  const unique = [...new Set(refs)];
  const resolved = await Promise.all(
    unique.map(async (ref) => {
      const name = llb.normalizeImageRef(ref);
      const r = await client.resolveImageConfig(name, {
        platform,
        resolveMode: opts.imageResolveMode,
        logName: `[internal] load metadata for ${name} (${formatPlatform(platform)})`,
      });
      const raw = r.config as { config?: llb.ImageConfig | null } | undefined;
      // An image only in the Docker Engine's local store (resolve mode "local") has no registry digest: it
      // is used by name, as the Dockerfile frontend does.
      const pinned = name.includes("@") || !r.digest ? name : `${name}@${r.digest}`;
      return [ref, { pinned, digest: r.digest, config: raw?.config ?? {}, raw: r.config }] as const;
    }),
  );
  return new Map(resolved);
}

/**
 * The SBOM attestation for one platform: the lockfile's installed set as SPDX, written to a file BuildKit
 * stores beside the image. Its presence stops BuildKit from running its scanner image. A lockfile pydock
 * cannot read is reported as a warning and leaves the SBOM to BuildKit.
 */
async function attachSbom(
  client: GatewayClient,
  p: BuildPlan,
  files: ReturnType<typeof projectFiles>,
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

export { UnsupportedSubrequestError };
