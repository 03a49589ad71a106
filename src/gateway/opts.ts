/**
 * Frontend options: parse the environment BuildKit gives a gateway frontend into typed {@link FrontendOptions}.
 *
 * BuildKit passes each option as `BUILDKIT_FRONTEND_OPT_<n>=<key>=<value>` (the value may contain `=`), plus
 * `BUILDKIT_SESSION_ID` and `BUILDKIT_WORKERS` (JSON). Keys follow dockerui (frontend/dockerui/config.go).
 * @module
 */
import { formatPlatform, hostPlatform, normalizeArch, parsePlatformSpec, type Platform } from "../core/platform.js";

export { hostPlatform } from "../core/platform.js";

/** Option keys, as buildx/buildctl send them. */
export const OptKey = {
  filename: "filename",
  target: "target",
  platform: "platform",
  multiPlatform: "multi-platform",
  noCache: "no-cache",
  imageResolveMode: "image-resolve-mode",
  cacheImports: "cache-imports",
  cacheFrom: "cache-from",
  vcsRevision: "vcs:revision",
  vcsSource: "vcs:source",
  requestId: "requestid",
  dockerfileKey: "dockerfilekey",
  attestSbom: "attest:sbom",
} as const;

/** Prefixes of option keys that form maps. */
export const OptPrefix = { buildArg: "build-arg:", label: "label:" } as const;

/** Environment variable names and prefixes BuildKit sets for a frontend process. */
export const EnvKey = {
  optPrefix: "BUILDKIT_FRONTEND_OPT_",
  sessionId: "BUILDKIT_SESSION_ID",
  workers: "BUILDKIT_WORKERS",
  product: "BUILDKIT_EXPORTEDPRODUCT",
} as const;

/** The build file name used when `filename` is not given. */
export const DEFAULT_FILENAME = "pydock.toml";


/** One cache source for `SolveRequest.CacheImports`. */
export interface CacheImport {
  readonly type: string;
  readonly attrs: Readonly<Record<string, string>>;
}

/** A worker as described by `BUILDKIT_WORKERS`. */
export interface WorkerInfo {
  readonly id: string;
  readonly platforms: readonly Platform[];
}

export type ImageResolveMode = "default" | "pull" | "local";

/** Typed frontend options. Every field is always present; absent options get the documented default. */
export interface FrontendOptions {
  /** Build file name inside the `dockerfile` local. Default {@link DEFAULT_FILENAME}. */
  readonly filename: string;
  /** Requested target, or undefined. */
  readonly target: string | undefined;
  /** `build-arg:<K>` options, key without the prefix. */
  readonly buildArgs: ReadonlyMap<string, string>;
  /** Target platforms. Never empty: defaults to the first worker platform, else linux/<host arch>. */
  readonly platforms: readonly Platform[];
  /** `multi-platform=true`, or more than one platform requested: return the multi-platform result shape. */
  readonly multiPlatform: boolean;
  /** `false`: use cache. `true`: `no-cache` given empty, ignore cache everywhere. A list: only for those stages. */
  readonly noCache: boolean | readonly string[];
  readonly imageResolveMode: ImageResolveMode;
  /** From `cache-imports` (JSON) followed by legacy `cache-from` (CSV of registry refs). */
  readonly cacheImports: readonly CacheImport[];
  readonly vcsRevision: string | undefined;
  readonly vcsSource: string | undefined;
  /** `label:<K>` options, key without the prefix. */
  readonly labels: ReadonlyMap<string, string>;
  /** Subrequest id (`requestid`), e.g. `frontend.outline`; undefined for a normal build. */
  readonly requestId: string | undefined;
  /** Name of the local holding the build file (`dockerfilekey`, default "dockerfile"). */
  readonly dockerfileKey: string;
  /** `attest:sbom` attributes (with the default generator), or undefined when no SBOM was requested. */
  readonly sbom: ReadonlyMap<string, string> | undefined;
  /** `BUILDKIT_SESSION_ID`; needed as `local.session` on local sources. Empty if unset. */
  readonly sessionId: string;
  readonly workers: readonly WorkerInfo[];
}

/** A malformed frontend option. Reported to the user as INVALID_ARGUMENT. */
export class FrontendOptionError extends Error {
  override readonly name = "FrontendOptionError";
}

const DEFAULT_SBOM_GENERATOR = "docker/buildkit-syft-scanner:stable-1";

/**
 * Parses the frontend environment (usually `process.env`). Pure: reads only `env`, and `hostArch` for the last-resort
 * default platform. Throws {@link FrontendOptionError} for a malformed `platform`, `image-resolve-mode`,
 * `cache-imports` or `multi-platform`.
 */
export function parseFrontendOptions(
  env: Readonly<Record<string, string | undefined>>,
  hostArch: string = process.arch,
): FrontendOptions {
  const raw = readRawOptions(env);
  const get = (k: string): string | undefined => raw.get(k);
  const workers = parseWorkers(env[EnvKey.workers]);

  const platformOpt = get(OptKey.platform) ?? "";
  const requested = platformOpt
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => parsePlatform(s, hostArch));
  const defaultPlatform = workers.find((w) => w.platforms.length > 0)?.platforms[0] ?? hostPlatform(hostArch);
  const platforms = requested.length > 0 ? dedupePlatforms(requested) : [defaultPlatform];

  // As in dockerui, a non-empty build-arg:BUILDKIT_MULTI_PLATFORM overrides multi-platform.
  const multiOpt = nonEmpty(get(`${OptPrefix.buildArg}BUILDKIT_MULTI_PLATFORM`)) ?? get(OptKey.multiPlatform);
  const multiExplicit = multiOpt === undefined || multiOpt === "" ? undefined : parseBool(OptKey.multiPlatform, multiOpt);
  if (multiExplicit === false && platforms.length > 1) {
    throw new FrontendOptionError("multiple platforms requested but multi-platform is set to false");
  }

  const noCacheOpt = get(OptKey.noCache);
  const noCache =
    noCacheOpt === undefined ? false : noCacheOpt === "" ? true : noCacheOpt.split(",").filter((s) => s !== "");

  return {
    filename: nonEmpty(get(OptKey.filename)) ?? DEFAULT_FILENAME,
    target: nonEmpty(get(OptKey.target)),
    buildArgs: withPrefix(raw, OptPrefix.buildArg),
    platforms,
    multiPlatform: multiExplicit ?? platforms.length > 1,
    noCache,
    imageResolveMode: parseResolveMode(get(OptKey.imageResolveMode)),
    cacheImports: [...parseCacheImports(get(OptKey.cacheImports)), ...parseCacheFrom(get(OptKey.cacheFrom))],
    vcsRevision: nonEmpty(get(OptKey.vcsRevision)),
    vcsSource: nonEmpty(get(OptKey.vcsSource)),
    labels: withPrefix(raw, OptPrefix.label),
    requestId: nonEmpty(get(OptKey.requestId)),
    dockerfileKey: nonEmpty(get(OptKey.dockerfileKey)) ?? "dockerfile",
    sbom: parseSbom(get(OptKey.attestSbom) ?? get(`${OptPrefix.buildArg}BUILDKIT_ATTEST_SBOM`)),
    sessionId: env[EnvKey.sessionId] ?? "",
    workers,
  };
}

/**
 * Collects `BUILDKIT_FRONTEND_OPT_<n>` values in order of `n`; each is split once on `=` (a value without `=` is
 * a key with value ""). Later duplicates win.
 */
export function readRawOptions(env: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const entries: [number, string][] = [];
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith(EnvKey.optPrefix) || v === undefined) continue;
    const n = Number.parseInt(k.slice(EnvKey.optPrefix.length), 10);
    entries.push([Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : n, v]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const out = new Map<string, string>();
  for (const [, v] of entries) {
    const eq = v.indexOf("=");
    if (eq < 0) out.set(v, "");
    else out.set(v.slice(0, eq), v.slice(eq + 1));
  }
  return out;
}

/**
 * Parses and normalizes a platform specifier (see {@link parsePlatformSpec}). Throws
 * {@link FrontendOptionError} when malformed.
 */
export function parsePlatform(spec: string, hostArch: string = process.arch): Platform {
  const p = parsePlatformSpec(spec, hostArch);
  if (!p) throw new FrontendOptionError(`invalid platform "${spec}": expected os/arch[/variant]`);
  return p;
}

function dedupePlatforms(ps: readonly Platform[]): Platform[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const id = formatPlatform(p);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Parses `BUILDKIT_WORKERS`; anything unparsable yields no workers (as the Go client does). */
function parseWorkers(json: string | undefined): WorkerInfo[] {
  if (!json) return [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(isRecord).map((w) => ({
    id: typeof ci(w, "id") === "string" ? (ci(w, "id") as string) : "",
    platforms: (Array.isArray(ci(w, "platforms")) ? (ci(w, "platforms") as unknown[]) : [])
      .filter(isRecord)
      .filter((p) => typeof ci(p, "os") === "string" && typeof ci(p, "architecture") === "string")
      .map((p) => normalizeArch(String(ci(p, "os")), String(ci(p, "architecture")), String(ci(p, "variant") ?? ""))),
  }));
}

/** JSON cache-imports: `[{"Type":"registry","Attrs":{"ref":"…"}}]`; keys matched case-insensitively like Go. */
function parseCacheImports(json: string | undefined): CacheImport[] {
  if (!json) return [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new FrontendOptionError(`failed to parse ${OptKey.cacheImports} (${JSON.stringify(json)}): ${String(e)}`);
  }
  if (data === null) return [];
  if (!Array.isArray(data)) throw new FrontendOptionError(`${OptKey.cacheImports} must be a JSON array`);
  return data.map((e): CacheImport => {
    if (!isRecord(e)) throw new FrontendOptionError(`${OptKey.cacheImports}: entries must be objects`);
    const attrs: Record<string, string> = {};
    const a = ci(e, "attrs");
    if (isRecord(a)) for (const [k, v] of Object.entries(a)) attrs[k] = String(v);
    return { type: String(ci(e, "type") ?? ""), attrs };
  });
}

function parseCacheFrom(csv: string | undefined): CacheImport[] {
  if (!csv) return [];
  return csv.split(",").map((ref) => ({ type: "registry", attrs: { ref } }));
}

function parseResolveMode(v: string | undefined): ImageResolveMode {
  switch (v) {
    case undefined:
    case "":
    case "default":
      return "default";
    case "pull":
    case "local":
      return v;
    default:
      throw new FrontendOptionError(`invalid ${OptKey.imageResolveMode}: ${JSON.stringify(v)}`);
  }
}

/** `attest:sbom` value: CSV of `k=v` over the default generator; `disabled=true` turns it off. */
function parseSbom(v: string | undefined): ReadonlyMap<string, string> | undefined {
  if (v === undefined) return undefined;
  const attrs = new Map<string, string>([["generator", DEFAULT_SBOM_GENERATOR]]);
  for (const field of v.split(",")) {
    if (field === "") continue;
    const eq = field.indexOf("=");
    attrs.set(eq < 0 ? field : field.slice(0, eq), eq < 0 ? "" : field.slice(eq + 1));
  }
  return attrs.get("disabled") === "true" ? undefined : attrs;
}

function parseBool(key: string, v: string): boolean {
  const l = v.toLowerCase();
  if (["1", "t", "true"].includes(l)) return true;
  if (["0", "f", "false"].includes(l)) return false;
  throw new FrontendOptionError(`invalid boolean for ${key}: ${JSON.stringify(v)}`);
}

function withPrefix(raw: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of raw) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v);
  return out;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Case-insensitive property lookup, like Go's encoding/json. */
function ci(o: Record<string, unknown>, key: string): unknown {
  if (key in o) return o[key];
  const k = Object.keys(o).find((x) => x.toLowerCase() === key);
  return k === undefined ? undefined : o[k];
}
