/**
 * The SBOM of one build: what the plan installs, read from the lockfile, as the attestation BuildKit stores
 * beside the image. Pure; the caller solves the file and fills in the ref.
 */

import { type Platform } from "../core/platform.js";
import type { ProjectFiles } from "../plan/project.js";
import type { BuildPlan } from "../plan/types.js";
import { sbomAttestation, type SbomAttestation } from "./attestation.js";
import { lockedDistributions } from "./lockfile.js";
import { spdxDocument } from "./spdx.js";

const MACHINE: Readonly<Record<string, string>> = { amd64: "x86_64", arm64: "aarch64", "386": "i686", ppc64le: "ppc64le", s390x: "s390x", arm: "armv7l" };

export function buildSbom(plan: BuildPlan, files: ProjectFiles, platform: Platform, created: string): SbomAttestation {
  const dists = lockedDistributions({
    manager: plan.manager.name,
    files: (p) => files.read(p),
    groups: plan.selection.groups,
    extras: plan.selection.extras,
    requirements: plan.selection.requirements,
    projectName: plan.project.name,
    environment: { python_version: plan.python.version.split(".").slice(0, 2).join("."), platform_machine: (Object.hasOwn(MACHINE, platform.architecture) ? MACHINE[platform.architecture] : undefined) ?? platform.architecture },
  });
  const lock = plan.manager.name === "pip" ? plan.selection.requirements.map((r) => files.read(r) ?? "").join("\n") : files.read(plan.manager.name === "pipenv" ? "Pipfile.lock" : `${plan.manager.name}.lock`) ?? "";
  const selection = JSON.stringify([plan.target, plan.selection, platform]);
  const doc = spdxDocument(dists, {
    name: plan.project.name ?? "application",
    version: plan.project.version,
    namespaceSeed: `${lock}\n${selection}`,
    created,
  });
  return sbomAttestation(doc);
}
