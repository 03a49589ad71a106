/**
 * The installed set from pdm.lock, as `pdm export` selects it (plan/managers/pdm.ts): the packages whose
 * `groups` meet the selection — "default" (the project's dependencies) unless the groups leave out both "main"
 * and "default", each other selected group, each selected extra — and whose `marker` may apply. A lock written
 * without per-package groups (a strategy other than inherit_metadata) lists every package: never fewer than
 * the install. The project itself is not among pdm.lock's packages.
 */
import { normalizeName } from "../core/text.js";
import { PYPI_SIMPLE, parseHash, type Draft, type DistributionHash, type LockInput } from "./distribution.js";
import { markerMayApply } from "./markers.js";
import { arr, isTable, lockedPackages, parseLockToml, str, type Tbl } from "./toml-tables.js";

/** The groups pdm.lock tags packages with that the selection installs. */
export function pdmSelectedGroups(groups: readonly string[] | undefined, extras: readonly string[]): Set<string> {
  const selected = new Set<string>();
  if (groups === undefined || groups.some((g) => g === "main" || g === "default")) selected.add("default");
  for (const g of [...(groups ?? []), ...extras]) if (g !== "main" && g !== "default") selected.add(normalizeName(g));
  return selected;
}

export function pdmDistributions(text: string, input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const doc = parseLockToml(text, "pdm.lock");
  const selected = pdmSelectedGroups(input.groups, input.extras);
  const out: Draft[] = [];
  for (const p of lockedPackages(doc).packages) {
    const tagged = arr(p.raw["groups"]).filter((g): g is string => typeof g === "string");
    if (tagged.length > 0 && !tagged.some((g) => selected.has(normalizeName(g)))) continue;
    const marker = str(p.raw["marker"]);
    if (marker !== undefined && !markerMayApply(marker, env)) continue;
    out.push({ name: p.name, version: p.version, hashes: hashes(p.raw), ...source(p.raw, input) });
  }
  return out;
}

function hashes(raw: Tbl): DistributionHash[] {
  return arr(raw["files"])
    .filter(isTable)
    .map((f) => parseHash(str(f["hash"])))
    .filter((h): h is DistributionHash => h !== undefined);
}

function source(raw: Tbl, input: LockInput): Pick<Draft, "source" | "sourceType"> {
  const git = str(raw["git"]);
  if (git) {
    const rev = str(raw["revision"]);
    return { source: `git+${git}${rev ? `@${rev}` : ""}`, sourceType: "vcs" };
  }
  const url = str(raw["url"]);
  if (url) return { source: url, sourceType: "url" };
  const path = str(raw["path"]);
  if (path) return { source: path, sourceType: "path" };
  return { source: input.indexUrl ?? PYPI_SIMPLE, sourceType: "registry" };
}
