import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AttestationKind, AttestationSchema, ResultSchema } from "../gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import { sbomAttestation, SBOM_ATTESTATION_PATH, SPDX_PREDICATE_TYPE } from "./attestation.js";
import { lockedDistributions } from "./lockfile.js";
import { spdxDocument } from "./spdx.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));
const example = (dir: string) => (p: string) => (existsSync(`${EXAMPLES}${dir}/${p}`) ? readFileSync(`${EXAMPLES}${dir}/${p}`, "utf8") : undefined);
const dec = new TextDecoder();

const dists = lockedDistributions({ manager: "poetry", files: example("poetry-django"), groups: ["main"], extras: [], requirements: [] });
const doc = spdxDocument(dists, { name: "blog", namespaceSeed: "seed", created: "2024-01-01T00:00:00Z" });

describe("sbomAttestation", () => {
  const att = sbomAttestation(doc);

  it("a predicate file in the ref and an InToto attestation BuildKit recognises as the core SBOM", () => {
    expect(att.file.path).toBe("/sbom.spdx.json");
    expect(att.file.mode).toBe(0o644);
    expect(JSON.parse(dec.decode(att.file.data))).toEqual(doc); // the bare predicate, not a statement
    expect(att.attestation.kind).toBe(AttestationKind.InToto);
    expect(att.attestation.inTotoPredicateType).toBe("https://spdx.dev/Document");
    expect(att.attestation.path).toBe("sbom.spdx.json");
    // BuildKit's core-SBOM test: the path before its first "." is the `sbom-core` value.
    expect(att.attestation.path.split(".")[0]).toBe(dec.decode(att.attestation.metadata["sbom-core"]));
    expect(Object.fromEntries(Object.entries(att.attestation.metadata).map(([k, v]) => [k, dec.decode(v)]))).toEqual({ reason: "sbom", "sbom-core": "sbom" });
    expect(att.attestation.inTotoSubjects).toEqual([]);
    expect(SBOM_ATTESTATION_PATH).toBe(att.attestation.path);
    expect(SPDX_PREDICATE_TYPE).toBe(att.attestation.inTotoPredicateType);
  });

  it("fits the protobuf-es init shape of Attestation once the caller adds the ref, and survives the wire", () => {
    const init: MessageInitShape<typeof AttestationSchema> = { ...att.attestation, ref: { id: "ref-sbom" } };
    const result = create(ResultSchema, {
      result: { case: "ref", value: { id: "ref-image" } },
      attestations: { "linux/amd64": { attestation: [init] } },
    });
    const back = fromBinary(ResultSchema, toBinary(ResultSchema, result));
    const a = back.attestations["linux/amd64"]?.attestation[0];
    expect(a?.kind).toBe(AttestationKind.InToto);
    expect(a?.path).toBe("sbom.spdx.json");
    expect(a?.ref?.id).toBe("ref-sbom");
    expect(a?.inTotoPredicateType).toBe(SPDX_PREDICATE_TYPE);
    expect(dec.decode(a?.metadata["sbom-core"])).toBe("sbom");
  });

  it("is what the exporter turns into an in-toto SPDX statement", () => {
    // The exporter's wrapping (exporter/attestation/make.go): statement header + the file's JSON as predicate.
    const statement = {
      _type: "https://in-toto.io/Statement/v0.1",
      predicateType: att.attestation.inTotoPredicateType,
      subject: [{ name: "pkg:docker/blog@latest?platform=linux%2Famd64", digest: { sha256: "0".repeat(64) } }],
      predicate: JSON.parse(dec.decode(att.file.data)) as unknown,
    };
    const predicate = statement.predicate as typeof doc;
    expect(predicate.spdxVersion).toBe("SPDX-2.3");
    expect(predicate.packages.slice(1).map((p) => `${p.name}@${p.versionInfo}`)).toEqual(["asgiref@3.13.0", "django@5.2.19", "gunicorn@27.0.1", "sqlparse@0.6.1"]);
  });

  it("is deterministic", () => {
    expect(sbomAttestation(doc)).toEqual(att);
  });
});
