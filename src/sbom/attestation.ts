/**
 * The SBOM attestation a frontend attaches itself, so BuildKit does not run its scanner image.
 *
 * How BuildKit handles it (moby/buildkit master 73ed6825, same logic since v0.11; file:line at that commit):
 *
 * 1. Request. `--sbom=true` reaches the frontend as the option `attest:sbom` (value "" or CSV `generator=…,k=v`;
 *    also `build-arg:BUILDKIT_ATTEST_SBOM`). The daemon parses the same attribute itself
 *    (control/control.go:517) and, when present, appends `proc.SBOMProcessor` (control/control.go:556) — a
 *    post-processor that runs on the result the frontend returns.
 * 2. Skip. The processor first calls `sbom.HasSBOM(res)` and returns the result untouched if it is true
 *    (solver/llbsolver/proc/sbom.go:21-24). `HasSBOM` is true as soon as ANY attestation, under any key, has
 *    in-toto predicate type `https://spdx.dev/Document` (frontend/attestations/sbom/sbom.go:121-130; the
 *    constant is in-toto-golang's `PredicateSPDX`). No metadata key is involved in the skip: the predicate type
 *    alone makes BuildKit keep the frontend's SBOM and not run `docker/buildkit-syft-scanner`.
 * 3. Wire format. The frontend returns it in `Result.attestations` (gateway.proto `map<string, Attestations>`);
 *    the daemon converts each `Attestation` with `AttestationFromPB` (frontend/gateway/client/attestation.go:33-58:
 *    kind, metadata, path, inTotoPredicateType, inTotoSubjects) and resolves `ref.id` to a ref it has solved
 *    (frontend/gateway/gateway.go:1074-1090). The map key is the platform id the exporter will look the
 *    attestations up by: `Attestations[p.ID]` (exporter/containerimage/writer.go:90,305; exporter/local/export.go,
 *    exporter/tar/export.go) where `p.ID` comes from `refs.platforms` metadata, or — without it — from
 *    `platforms.FormatAll` of the image config's platform (exporter/containerimage/exptypes/parse.go:12-63).
 *    pydock always sets `refs.platforms` with `formatPlatform(platform)` ids, so the key is that id (e.g.
 *    "linux/amd64") for single- and multi-platform results alike; never "".
 * 4. Kind InToto: the file at `path` inside the ref is the PREDICATE — the bare SPDX JSON document, not an
 *    in-toto statement. The exporter reads it (`fs.RootPath(mount, att.Path)`, regular file, ≤ 40 MiB;
 *    exporter/attestation/make.go:20-58) and wraps it in a statement itself (make.go:137-183:
 *    `_type` in-toto Statement, `predicateType` from the attestation, `predicate` = the file's JSON). Only kind
 *    Bundle expects a directory of complete statements (exporter/attestation/unbundle.go:119-174) — that is what
 *    the scanner produces.
 * 5. Subjects. With no `inTotoSubjects`, the exporter uses one `Self` subject (make.go:138-142), which it fills with
 *    the image manifest digest under each image name as a docker purl (writer.go:330-339), or with every
 *    exported file for the local/tar exporters (exporter/local/fs.go:156-181). So the frontend leaves subjects
 *    empty.
 * 6. "Core" SBOM. Metadata `sbom-core` = "sbom" (solver/result/attestation.go:12, the scanner sets it with
 *    `reason` = "sbom": frontend/attestations/sbom/sbom.go:100-103) marks the SBOM of the image itself as opposed
 *    to extra SBOMs of build contexts/stages. It matters when `strings.Cut(path, ".")` (unbundle.go:92-117 — path
 *    taken as is) or `strings.Cut(filepath.Base(path), ".")` (exporter/containerimage/attestations.go:44-50)
 *    equals that name: the attestation is sorted first (so `imagetools inspect` shows it as `.SBOM.SPDX`, the
 *    first SPDX layer), and the image exporter "supplements" it — decodes it with spdx/tools-golang, adds a
 *    `layerID` comment to each SPDX *file* entry, appends creator `Tool: buildkit-<version>` and re-encodes
 *    (attestations.go:34-124; a decode failure leaves it untouched). Hence the path is the relative
 *    `sbom.spdx.json`: with a leading "/" the unbundle sort would not see it as core.
 * 7. Limits. Frontends may not set provenance (unbundle.go:36-41), but SPDX is allowed. `inline-only` metadata
 *    (solver/result/attestation.go:13) would hide it from the local/tar exporters; it is not set.
 * 8. Output. The image exporter puts each statement in the attestation manifest as a layer of media type
 *    `application/vnd.in-toto+json` annotated `in-toto.io/predicate-type` (writer.go:608), which is what
 *    `docker buildx imagetools inspect --format '{{json .SBOM}}'` reads (buildx util/imagetools/loader.go
 *    `scanSBOM`: first SPDX layer → `.SBOM.SPDX`). An index is produced even for one platform as soon as an
 *    attestation is present (writer.go:88-103). The local exporter writes it as `sbom.spdx.json` (the base name
 *    of `path`, exporter/local/fs.go:198).
 *
 * Capability: the gateway cap `reference.attestations` (`CapAttestations`, frontend/gateway/pb/caps.go:72-74,
 * 249-254) says the daemon takes attestations in a result; it exists since BuildKit v0.11.0. BuildKit v0.13
 * (Docker Engine 26) has the same HasSBOM skip (proc/sbom.go:21 at v0.13.0), the same gateway conversion
 * (gateway.go:1016-1031 at v0.13.0) and the same `sbom-core` handling — so it works there; with the `docker`
 * driver the engine must use the containerd image store to keep attestations (a Docker, not BuildKit, limit).
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { AttestationKind, type InTotoSubjectSchema } from "../gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import { spdxJson, type SpdxDocument } from "./spdx.js";

/** in-toto predicate type of SPDX documents (in-toto-golang `PredicateSPDX`), the one `HasSBOM` looks for. */
export const SPDX_PREDICATE_TYPE = "https://spdx.dev/Document";
/** BuildKit's `result.AttestationReasonKey` and `AttestationReasonSBOM`. */
export const ATTESTATION_REASON_KEY = "reason";
export const ATTESTATION_REASON_SBOM = "sbom";
/** BuildKit's `result.AttestationSBOMCore` and `sbom.CoreSBOMName`. */
export const ATTESTATION_SBOM_CORE_KEY = "sbom-core";
export const CORE_SBOM_NAME = "sbom";
/** The attestation's `path` (relative, base name before the first "." = the core name). */
export const SBOM_ATTESTATION_PATH = `${CORE_SBOM_NAME}.spdx.json`;
/** The gateway capability for attestations in a result. */
export const CAP_ATTESTATIONS = "reference.attestations";

/**
 * `moby.buildkit.v1.frontend.Attestation` in protobuf-es init shape, without `ref`: the caller adds
 * `ref: { id }` with the id of the solved state holding {@link SbomAttestation.file}.
 */
export interface AttestationInit {
  readonly kind: AttestationKind;
  readonly metadata: { [key: string]: Uint8Array };
  readonly path: string;
  readonly inTotoPredicateType: string;
  readonly inTotoSubjects: MessageInitShape<typeof InTotoSubjectSchema>[];
}

export interface SbomAttestation {
  /** The file to create in a scratch state (absolute path for mkfile; mode 0644). */
  readonly file: { readonly path: string; readonly data: Uint8Array; readonly mode: number };
  readonly attestation: AttestationInit;
}

const utf8 = new TextEncoder();

/** The file and the attestation for an SPDX document: kind InToto, the predicate file, no subjects (exporter fills them). */
export function sbomAttestation(doc: SpdxDocument): SbomAttestation {
  return {
    file: { path: `/${SBOM_ATTESTATION_PATH}`, data: utf8.encode(spdxJson(doc)), mode: 0o644 },
    attestation: {
      kind: AttestationKind.InToto,
      metadata: {
        [ATTESTATION_REASON_KEY]: utf8.encode(ATTESTATION_REASON_SBOM),
        [ATTESTATION_SBOM_CORE_KEY]: utf8.encode(CORE_SBOM_NAME),
      },
      path: SBOM_ATTESTATION_PATH,
      inTotoPredicateType: SPDX_PREDICATE_TYPE,
      inTotoSubjects: [],
    },
  };
}
