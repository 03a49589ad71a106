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

/** The name the added server's pinned set is read under (not a file of the project). */
const SERVER_SET = "pydock:added-server.txt";

const MACHINE: Readonly<Record<string, string>> = { amd64: "x86_64", arm64: "aarch64", "386": "i686", ppc64le: "ppc64le", s390x: "s390x", arm: "armv7l" };

export function buildSbom(plan: BuildPlan, files: ProjectFiles, platform: Platform, created: string): SbomAttestation {
  const environment = { python_version: plan.python.version.split(".").slice(0, 2).join("."), platform_machine: (Object.hasOwn(MACHINE, platform.architecture) ? MACHINE[platform.architecture] : undefined) ?? platform.architecture };
  const locked = lockedDistributions({
    manager: plan.manager.name,
    files: (p) => files.read(p),
    groups: plan.selection.groups,
    extras: plan.selection.extras,
    requirements: plan.selection.requirements,
    projectName: plan.project.name,
    environment,
  });
  // The server pydock adds (plan/added-server.ts): its pinned set's packages the project does not lock itself.
  const server = plan.addedServer;
  const added = server
    ? lockedDistributions({ manager: "pip", files: (p) => (p === SERVER_SET ? server.lock : undefined), groups: undefined, extras: [], requirements: [SERVER_SET], projectName: undefined, environment })
    : [];
  const names = new Set(locked.map((d) => d.name));
  const dists = [...locked, ...added.filter((d) => !names.has(d.name))].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const lock = plan.manager.name === "pip" ? plan.selection.requirements.map((r) => files.read(r) ?? "").join("\n") : files.read(plan.manager.name === "pipenv" ? "Pipfile.lock" : `${plan.manager.name}.lock`) ?? "";
  const selection = JSON.stringify([plan.target, plan.selection, platform, server?.name ?? null, server?.version ?? null]);
  const doc = spdxDocument(dists, {
    name: plan.project.name ?? "application",
    version: plan.project.version,
    namespaceSeed: `${lock}\n${selection}`,
    created,
  });
  return sbomAttestation(doc);
}
