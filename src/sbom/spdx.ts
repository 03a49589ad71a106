/**
 * SPDX 2.3 JSON for the locked distributions: one root package (the project/image) that the document
 * DESCRIBES and that DEPENDS_ON every distribution. Deterministic: the same input gives the same bytes — the
 * namespace is derived from a caller-given seed and the creation time is the caller's, never the clock.
 */
import { createHash } from "node:crypto";
import { type Distribution } from "./distribution.js";

export const SPDX_VERSION = "SPDX-2.3";
export const NOASSERTION = "NOASSERTION";
export const ROOT_SPDXID = "SPDXRef-RootPackage";

export interface SpdxChecksum {
  readonly algorithm: string;
  readonly checksumValue: string;
}

export interface SpdxExternalRef {
  readonly referenceCategory: "PACKAGE-MANAGER";
  readonly referenceType: "purl";
  readonly referenceLocator: string;
}

export interface SpdxPackage {
  readonly SPDXID: string;
  readonly name: string;
  readonly versionInfo?: string;
  readonly supplier: typeof NOASSERTION;
  readonly downloadLocation: string;
  readonly filesAnalyzed: false;
  readonly checksums?: readonly SpdxChecksum[];
  readonly sourceInfo?: string;
  readonly licenseConcluded: typeof NOASSERTION;
  readonly licenseDeclared: typeof NOASSERTION;
  readonly copyrightText: typeof NOASSERTION;
  readonly externalRefs?: readonly SpdxExternalRef[];
  readonly primaryPackagePurpose: "LIBRARY" | "APPLICATION" | "CONTAINER";
}

export interface SpdxRelationship {
  readonly spdxElementId: string;
  readonly relationshipType: "DESCRIBES" | "DEPENDS_ON";
  readonly relatedSpdxElement: string;
}

export interface SpdxDocument {
  readonly spdxVersion: typeof SPDX_VERSION;
  readonly dataLicense: "CC0-1.0";
  readonly SPDXID: "SPDXRef-DOCUMENT";
  readonly name: string;
  readonly documentNamespace: string;
  readonly creationInfo: { readonly created: string; readonly creators: readonly string[] };
  readonly packages: readonly SpdxPackage[];
  readonly relationships: readonly SpdxRelationship[];
}

export interface SpdxOptions {
  /** The document's and root package's name: the project (or image) name. */
  readonly name: string;
  /** The root package's version, when the project has one. */
  readonly version?: string | undefined;
  /** Anything that identifies this build's input (e.g. lockfile digest + selection + platform): the namespace is a hash of it. */
  readonly namespaceSeed: string;
  /** RFC 3339 creation time (e.g. from SOURCE_DATE_EPOCH); written as `YYYY-MM-DDThh:mm:ssZ`. */
  readonly created: string;
  /** The root package's purpose; the default APPLICATION. */
  readonly rootPurpose?: "APPLICATION" | "CONTAINER" | undefined;
}

/** hashlib names → SPDX 2.3 checksum algorithm names; others are left out. */
const SPDX_ALGORITHMS: Readonly<Record<string, string>> = {
  md5: "MD5",
  sha1: "SHA1",
  sha224: "SHA224",
  sha256: "SHA256",
  sha384: "SHA384",
  sha512: "SHA512",
  sha3_256: "SHA3-256",
  "sha3-256": "SHA3-256",
  sha3_384: "SHA3-384",
  "sha3-384": "SHA3-384",
  sha3_512: "SHA3-512",
  "sha3-512": "SHA3-512",
  blake2b_256: "BLAKE2b-256",
  "blake2b-256": "BLAKE2b-256",
  blake2b_384: "BLAKE2b-384",
  "blake2b-384": "BLAKE2b-384",
  blake2b_512: "BLAKE2b-512",
  "blake2b-512": "BLAKE2b-512",
};

export function spdxAlgorithm(hashlibName: string): string | undefined {
  return SPDX_ALGORITHMS[hashlibName.toLowerCase()];
}

/** `YYYY-MM-DDThh:mm:ssZ`, as SPDX wants it, from any RFC 3339 time. */
export function spdxTimestamp(created: string): string {
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(created)) {
    throw new Error(`SPDX creation time must be RFC 3339 (e.g. 2024-01-01T00:00:00Z), got ${JSON.stringify(created)}`);
  }
  const t = new Date(created.replace(" ", "T"));
  if (Number.isNaN(t.getTime())) throw new Error(`invalid SPDX creation time ${JSON.stringify(created)}`);
  return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** SPDX identifiers allow letters, digits, `.` and `-`. */
function idPart(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "") || "x";
}

/** A UUID-shaped (version 5 style) rendering of a SHA-256 over the seed. */
function seedUuid(seed: string): string {
  const h = createHash("sha256").update("pydock-spdx\0").update(seed).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function downloadLocation(d: Distribution): string {
  if (!d.source) return NOASSERTION;
  if (d.sourceType === "vcs" || d.sourceType === "url") return d.source;
  return NOASSERTION;
}

function sourceInfo(d: Distribution): string | undefined {
  if (!d.source) return undefined;
  switch (d.sourceType) {
    case "registry":
      return `acquired from the package index ${d.source}`;
    case "path":
      return `built from the local path ${d.source}`;
    default:
      return undefined;
  }
}

export function spdxDocument(dists: readonly Distribution[], opts: SpdxOptions): SpdxDocument {
  const created = spdxTimestamp(opts.created);
  const uuid = seedUuid(opts.namespaceSeed);
  const used = new Set<string>([ROOT_SPDXID]);
  const packages: SpdxPackage[] = [
    {
      SPDXID: ROOT_SPDXID,
      name: opts.name,
      ...(opts.version ? { versionInfo: opts.version } : {}),
      supplier: NOASSERTION,
      downloadLocation: NOASSERTION,
      filesAnalyzed: false,
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      primaryPackagePurpose: opts.rootPurpose ?? "APPLICATION",
    },
  ];
  const relationships: SpdxRelationship[] = [{ spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: ROOT_SPDXID }];
  for (const d of dists) {
    const base = `SPDXRef-Package-pypi-${idPart(d.name)}${d.version ? `-${idPart(d.version)}` : ""}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    const seen = new Set<string>();
    const checksums: SpdxChecksum[] = [];
    for (const h of d.hashes) {
      const algorithm = spdxAlgorithm(h.algorithm);
      const value = h.value.toLowerCase();
      const key = `${algorithm}:${value}`;
      if (!algorithm || seen.has(key)) continue;
      seen.add(key);
      checksums.push({ algorithm, checksumValue: value });
    }
    const info = sourceInfo(d);
    packages.push({
      SPDXID: id,
      name: d.name,
      ...(d.version ? { versionInfo: d.version } : {}),
      supplier: NOASSERTION,
      downloadLocation: downloadLocation(d),
      filesAnalyzed: false,
      ...(checksums.length > 0 ? { checksums } : {}),
      ...(info ? { sourceInfo: info } : {}),
      licenseConcluded: NOASSERTION,
      licenseDeclared: NOASSERTION,
      copyrightText: NOASSERTION,
      externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: d.purl }],
      primaryPackagePurpose: "LIBRARY",
    });
    relationships.push({ spdxElementId: ROOT_SPDXID, relationshipType: "DEPENDS_ON", relatedSpdxElement: id });
  }
  return {
    spdxVersion: SPDX_VERSION,
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: opts.name,
    documentNamespace: `https://spdx.org/spdxdocs/pydock/${encodeURIComponent(idPart(opts.name))}-${uuid}`,
    creationInfo: { created, creators: ["Tool: pydock"] },
    packages,
    relationships,
  };
}

/** The document as the bytes of the attestation file: stable key order (as built), 2-space indent, final newline. */
export function spdxJson(doc: SpdxDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
