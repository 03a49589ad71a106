/**
 * The lockfile readers' output model and what they share: the public `Distribution` and `LockInput` types,
 * `LockfileError`, PEP 503 names, package URLs, lock hash strings, and `finish`, which turns the readers' drafts
 * into the deduplicated, sorted result.
 */
import { normalizeName } from "../core/text.js";
import { compareVersions, parseVersion } from "./versions.js";

/** One hash a lockfile pins for a distribution file; `algorithm` is hashlib's name ("sha256"). */
export interface DistributionHash {
  readonly algorithm: string;
  readonly value: string;
}

export type SourceType = "registry" | "vcs" | "url" | "path";

export interface Distribution {
  /** PEP 503 normalized name. */
  readonly name: string;
  /** Exact version; "" when the lock does not pin one (dynamic local package, unpinned requirement). */
  readonly version: string;
  /** Every hash the lock pins (sdist and all wheels), deduplicated and sorted. */
  readonly hashes: readonly DistributionHash[];
  /** `pkg:pypi/<name>@<version>`; a non-PyPI index adds `?repository_url=`. */
  readonly purl: string;
  /** Index URL (registry), `git+<url>@<commit>` (vcs), the direct URL, or the local path. */
  readonly source?: string;
  readonly sourceType?: SourceType;
}

export type LockManager = "uv" | "poetry" | "pip" | "pdm" | "pipenv";

export interface LockInput {
  readonly manager: LockManager;
  /** Reads a project file by its path relative to the project root; undefined when absent. */
  readonly files: (path: string) => string | undefined;
  /** Selected groups; undefined is the manager's default (uv: none, poetry: ["main"]). Ignored for pip. */
  readonly groups?: readonly string[] | undefined;
  readonly extras: readonly string[];
  /** pip requirement files in install order; empty means `requirements.txt` when it exists. */
  readonly requirements: readonly string[];
  /** The project's name, to find it in uv.lock; else the package whose source is the project directory. */
  readonly projectName?: string | undefined;
  /** Marker variables over the Linux/CPython defaults, e.g. `{ python_version: "3.11", platform_machine: "x86_64" }`. */
  readonly environment?: Readonly<Record<string, string>> | undefined;
  /** The index used when the lock names none (poetry without `[package.source]`, pip without `-i`). */
  readonly indexUrl?: string | undefined;
}

export class LockfileError extends Error {
  override name = "LockfileError";
}

export const PYPI_SIMPLE = "https://pypi.org/simple";


/** A lock's `algorithm:value` hash string, lowercased; undefined when it is not one. */
export function parseHash(h: string | undefined): DistributionHash | undefined {
  if (!h) return undefined;
  const i = h.indexOf(":");
  if (i <= 0 || i === h.length - 1) return undefined;
  return { algorithm: h.slice(0, i).toLowerCase(), value: h.slice(i + 1).toLowerCase() };
}

/** A distribution as a reader finds it, before duplicates merge and the purl is filled in. */
export interface Draft {
  name: string;
  version: string;
  hashes: DistributionHash[];
  source?: string | undefined;
  sourceType?: SourceType | undefined;
}

export function packageUrl(name: string, version: string, source?: string, sourceType?: SourceType): string {
  let purl = `pkg:pypi/${normalizeName(name)}`;
  if (version) purl += `@${encodeURIComponent(version)}`;
  if (sourceType === "registry" && source && !isPypi(source)) purl += `?repository_url=${encodeURIComponent(source)}`;
  return purl;
}

const isPypi = (url: string) => /^https?:\/\/(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)(\/|$)/.test(url);

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deduplicates (same name, version and source merge their hashes), sorts, and fills in purls. */
export function finish(drafts: readonly Draft[]): Distribution[] {
  const merged = new Map<string, Draft>();
  for (const d of drafts) {
    const key = `${d.name}\0${d.version}\0${d.source ?? ""}`;
    const prev = merged.get(key);
    if (prev) prev.hashes.push(...d.hashes);
    else merged.set(key, { ...d, hashes: [...d.hashes] });
  }
  const out: Distribution[] = [];
  for (const d of merged.values()) {
    const seen = new Set<string>();
    const hashes = d.hashes
      .filter((h) => {
        const k = `${h.algorithm}:${h.value}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .sort((a, b) => byString(a.algorithm, b.algorithm) || byString(a.value, b.value));
    out.push({
      name: d.name,
      version: d.version,
      hashes,
      purl: packageUrl(d.name, d.version, d.source, d.sourceType),
      ...(d.source !== undefined ? { source: d.source } : {}),
      ...(d.sourceType !== undefined ? { sourceType: d.sourceType } : {}),
    });
  }
  return out.sort((a, b) => byString(a.name, b.name) || compareVersionStrings(a.version, b.version) || byString(a.source ?? "", b.source ?? ""));
}

function compareVersionStrings(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (va && vb) return compareVersions(va, vb) || byString(a, b);
  return byString(a, b);
}
