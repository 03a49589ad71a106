import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lockedDistributions } from "./lockfile.js";
import { type Distribution } from "./distribution.js";
import { spdxDocument, spdxJson, spdxTimestamp, type SpdxDocument } from "./spdx.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));
const example = (dir: string) => (p: string) => (existsSync(`${EXAMPLES}${dir}/${p}`) ? readFileSync(`${EXAMPLES}${dir}/${p}`, "utf8") : undefined);

const dists = lockedDistributions({ manager: "uv", files: example("uv-fastapi"), extras: [], requirements: [] });
const opts = { name: "fastapi-app", version: "0.1.0", namespaceSeed: "sha256:abc|linux/amd64", created: "2024-05-01T12:00:00.000Z" };

/** The SPDX 2.3 required fields (document, creation info, packages, relationships) and our conventions. */
function validate(doc: SpdxDocument, expected: readonly Distribution[]): void {
  expect(doc.spdxVersion).toBe("SPDX-2.3");
  expect(doc.dataLicense).toBe("CC0-1.0");
  expect(doc.SPDXID).toBe("SPDXRef-DOCUMENT");
  expect(doc.name).toBeTruthy();
  expect(doc.documentNamespace).toMatch(/^https:\/\/[^#\s]+$/);
  expect(doc.creationInfo.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(doc.creationInfo.creators).toEqual(["Tool: pydock"]);
  const ids = doc.packages.map((p) => p.SPDXID);
  expect(new Set(ids).size).toBe(ids.length);
  for (const p of doc.packages) {
    expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(p.name).toBeTruthy();
    expect(p.downloadLocation).toBeTruthy();
    expect(p.filesAnalyzed).toBe(false);
    expect(p.licenseConcluded).toBe("NOASSERTION");
    expect(p.licenseDeclared).toBe("NOASSERTION");
    expect(p.supplier).toBe("NOASSERTION");
    for (const c of p.checksums ?? []) expect(c.algorithm).toMatch(/^(SHA1|SHA224|SHA256|SHA384|SHA512|MD5|SHA3-(256|384|512)|BLAKE2b-(256|384|512))$/);
  }
  const [root, ...deps] = doc.packages;
  expect(root?.primaryPackagePurpose).toBe("APPLICATION");
  // Every locked distribution, and nothing else.
  expect(deps.map((p) => `${p.name}@${p.versionInfo}`)).toEqual(expected.map((d) => `${d.name}@${d.version}`));
  for (const [i, p] of deps.entries()) {
    const d = expected[i];
    expect(p.primaryPackagePurpose).toBe("LIBRARY");
    expect(p.externalRefs).toEqual([{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: d?.purl }]);
    expect((p.checksums ?? []).map((c) => c.checksumValue)).toEqual(d?.hashes.map((h) => h.value));
  }
  expect(doc.relationships[0]).toEqual({ spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: root?.SPDXID });
  expect(doc.relationships.slice(1)).toEqual(deps.map((p) => ({ spdxElementId: root?.SPDXID, relationshipType: "DEPENDS_ON", relatedSpdxElement: p.SPDXID })));
  const known = new Set(["SPDXRef-DOCUMENT", ...ids]);
  for (const r of doc.relationships) {
    expect(known.has(r.spdxElementId)).toBe(true);
    expect(known.has(r.relatedSpdxElement)).toBe(true);
  }
}

describe("spdxDocument", () => {
  it("is a valid SPDX 2.3 document listing every locked distribution", () => {
    const doc = spdxDocument(dists, opts);
    validate(doc, dists);
    expect(doc.creationInfo.created).toBe("2024-05-01T12:00:00Z");
    expect(doc.packages[0]).toMatchObject({ name: "fastapi-app", versionInfo: "0.1.0", downloadLocation: "NOASSERTION" });
    const fastapi = doc.packages.find((p) => p.name === "fastapi");
    expect(fastapi).toMatchObject({
      SPDXID: "SPDXRef-Package-pypi-fastapi-0.165.0",
      versionInfo: "0.165.0",
      downloadLocation: "NOASSERTION",
      sourceInfo: "acquired from the package index https://pypi.org/simple",
    });
    expect(fastapi?.checksums?.every((c) => c.algorithm === "SHA256")).toBe(true);
  });

  it("is deterministic, and the namespace follows the seed only", () => {
    const a = spdxJson(spdxDocument(dists, opts));
    expect(spdxJson(spdxDocument(dists, opts))).toBe(a);
    const other = spdxDocument(dists, { ...opts, namespaceSeed: "other" });
    expect(other.documentNamespace).not.toBe(spdxDocument(dists, opts).documentNamespace);
    expect(spdxDocument([], opts).documentNamespace).toBe(spdxDocument(dists, opts).documentNamespace);
    expect(spdxDocument(dists, opts).documentNamespace).toMatch(/^https:\/\/spdx\.org\/spdxdocs\/pydock\/fastapi-app-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.endsWith("}\n")).toBe(true);
    expect(JSON.parse(a)).toEqual(spdxDocument(dists, opts));
  });

  it("valid for the other examples too", () => {
    for (const d of [
      lockedDistributions({ manager: "poetry", files: example("poetry-django"), groups: ["main", "dev"], extras: [], requirements: [] }),
      lockedDistributions({ manager: "pip", files: example("pip-flask"), extras: [], requirements: ["requirements.txt"] }),
      lockedDistributions({ manager: "pip", files: example("psycopg"), extras: [], requirements: [] }),
    ]) {
      const doc = spdxDocument(d, { name: "x", namespaceSeed: "s", created: "2024-01-01T00:00:00Z" });
      validate(doc, d);
      expect(doc.packages[0]?.versionInfo).toBeUndefined();
    }
  });

  it("handles VCS, unversioned, duplicate and odd names", () => {
    const d: Distribution[] = [
      { name: "lib", version: "", hashes: [], purl: "pkg:pypi/lib", source: "git+https://github.com/acme/lib@abc", sourceType: "vcs" },
      { name: "numpy", version: "1.0+cpu", hashes: [{ algorithm: "sha256", value: "AA" }, { algorithm: "sha256", value: "aa" }, { algorithm: "whirlpool", value: "x" }], purl: "pkg:pypi/numpy@1.0%2Bcpu" },
      { name: "numpy", version: "1.0+cpu", hashes: [], purl: "pkg:pypi/numpy@1.0%2Bcpu", source: "./vendor/numpy", sourceType: "path" },
    ];
    const doc = spdxDocument(d, { name: "my app!", namespaceSeed: "s", created: "2024-01-01T01:00:00+01:00" });
    expect(doc.creationInfo.created).toBe("2024-01-01T00:00:00Z");
    expect(doc.packages.map((p) => p.SPDXID)).toEqual(["SPDXRef-RootPackage", "SPDXRef-Package-pypi-lib", "SPDXRef-Package-pypi-numpy-1.0-cpu", "SPDXRef-Package-pypi-numpy-1.0-cpu-2"]);
    expect(doc.packages[1]).toMatchObject({ downloadLocation: "git+https://github.com/acme/lib@abc" });
    expect(doc.packages[1]?.versionInfo).toBeUndefined();
    expect(doc.packages[1]?.checksums).toBeUndefined();
    expect(doc.packages[2]?.checksums).toEqual([{ algorithm: "SHA256", checksumValue: "aa" }]);
    expect(doc.packages[3]?.sourceInfo).toBe("built from the local path ./vendor/numpy");
    expect(doc.documentNamespace).toMatch(/pydock\/my-app-/);
  });

  it("rejects a creation time that is not RFC 3339", () => {
    expect(() => spdxTimestamp("yesterday")).toThrow(/RFC 3339/);
    expect(() => spdxTimestamp("2024-13-45T00:00:00Z")).toThrow();
    expect(spdxTimestamp("2024-02-03T04:05:06Z")).toBe("2024-02-03T04:05:06Z");
  });
});
