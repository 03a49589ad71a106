/**
 * The installed set from uv.lock, as `uv sync --no-default-groups [--group g] [--extra e]` installs it: the
 * project's `dependencies`, plus the `[package.dev-dependencies]` of each selected group ("main" means the
 * project's own dependencies and adds nothing), plus `[package.optional-dependencies]` of each selected extra,
 * and their transitive closure (following `extra = [...]` on dependency edges). Edges whose marker is definitely
 * false are not followed. The project itself (and any other workspace root) is not a dependency: it is what the
 * SBOM describes.
 */
import { normalizeName } from "../core/text.js";
import { LockfileError, parseHash, type Draft, type DistributionHash, type LockInput } from "./distribution.js";
import { markerMayApply } from "./markers.js";
import { arr, isTable, lockedPackages, parseLockToml, str, tbl, type LockedPackage, type Tbl } from "./toml-tables.js";

type UvPackage = LockedPackage;

/** The drafts `uv sync` installs from uv.lock's text, for the groups and extras `input` selects. */
export function uvDistributions(text: string, input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const doc = parseLockToml(text, "uv.lock");
  const { packages, byName } = lockedPackages(doc);

  const roots = uvRoots(doc, packages, byName, input.projectName);
  const rootSet = new Set(roots);
  const visited = new Set<string>();
  const selected = new Set<UvPackage>();
  const queue: [UvPackage, string | null][] = [];
  const push = (p: UvPackage, extra: string | null) => {
    const key = `${p.index}\0${extra ?? ""}`;
    if (visited.has(key)) return;
    visited.add(key);
    queue.push([p, extra]);
  };
  const follow = (deps: unknown) => {
    for (const dep of arr(deps)) {
      if (!isTable(dep)) continue;
      const marker = str(dep["marker"]);
      if (marker !== undefined && !markerMayApply(marker, env)) continue;
      for (const target of uvResolve(dep, byName)) {
        push(target, null);
        for (const e of arr(dep["extra"])) if (typeof e === "string") push(target, normalizeName(e));
      }
    }
  };

  for (const root of roots) {
    follow(root.raw["dependencies"]);
    const groups = tbl(root.raw["dev-dependencies"]);
    const groupKeys = new Map(Object.keys(groups ?? {}).map((k) => [normalizeName(k), k]));
    for (const g of input.groups ?? []) {
      const k = groupKeys.get(normalizeName(g));
      if (g !== "main" && k !== undefined) follow(groups?.[k]);
    }
    const optional = tbl(root.raw["optional-dependencies"]);
    const extraKeys = new Map(Object.keys(optional ?? {}).map((k) => [normalizeName(k), k]));
    for (const e of input.extras) {
      const k = extraKeys.get(normalizeName(e));
      if (k !== undefined) follow(optional?.[k]);
    }
  }
  for (let next = 0; next < queue.length; next++) {
    const [p, extra] = queue[next] as [UvPackage, string | null];
    if (!rootSet.has(p)) selected.add(p);
    if (extra === null) {
      follow(p.raw["dependencies"]);
    } else {
      const optional = tbl(p.raw["optional-dependencies"]) ?? {};
      for (const [k, v] of Object.entries(optional)) if (normalizeName(k) === extra) follow(v);
    }
  }
  return [...selected].map(uvDraft);
}

/** The project being built: by name, else the package whose source is the lock's directory, else the workspace members. */
function uvRoots(doc: Tbl, packages: readonly UvPackage[], byName: ReadonlyMap<string, UvPackage[]>, projectName: string | undefined): UvPackage[] {
  if (projectName !== undefined) {
    const found = byName.get(normalizeName(projectName));
    if (!found) throw new LockfileError(`uv.lock: the project ${JSON.stringify(projectName)} is not in the lock`);
    return found;
  }
  const local = packages.filter((p) => {
    const src = tbl(p.raw["source"]) ?? {};
    return ["editable", "virtual", "directory"].some((k) => {
      const v = str(src[k]);
      return v === "." || v === "./";
    });
  });
  if (local.length > 0) return local;
  const members = arr(tbl(doc["manifest"])?.["members"]).flatMap((m) => (typeof m === "string" ? (byName.get(normalizeName(m)) ?? []) : []));
  if (members.length > 0) return members;
  throw new LockfileError("uv.lock: cannot tell which package is the project (no editable or virtual source at \".\"); pass projectName");
}

function uvResolve(dep: Tbl, byName: ReadonlyMap<string, UvPackage[]>): UvPackage[] {
  const candidates = byName.get(normalizeName(str(dep["name"]) ?? "")) ?? [];
  if (candidates.length <= 1) return candidates;
  const version = str(dep["version"]);
  const source = tbl(dep["source"]);
  const matching = candidates.filter(
    (c) => (version === undefined || c.version === version) && (source === undefined || sameTable(source, tbl(c.raw["source"]))),
  );
  return matching.length > 0 ? matching : candidates;
}

function sameTable(a: Tbl, b: Tbl | undefined): boolean {
  if (!b) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

function uvDraft(p: UvPackage): Draft {
  const hashes: DistributionHash[] = [];
  const add = (file: unknown) => {
    const h = parseHash(str(tbl(file)?.["hash"]));
    if (h) hashes.push(h);
  };
  add(p.raw["sdist"]);
  for (const w of arr(p.raw["wheels"])) add(w);
  return { name: p.name, version: p.version, hashes, ...uvSource(tbl(p.raw["source"]) ?? {}) };
}

function uvSource(src: Tbl): Pick<Draft, "source" | "sourceType"> {
  const registry = str(src["registry"]);
  if (registry !== undefined) return /^[a-z][a-z0-9+.-]*:\/\//i.test(registry) ? { source: registry, sourceType: "registry" } : { source: registry, sourceType: "path" };
  const git = str(src["git"]);
  if (git !== undefined) return { source: gitSource(git), sourceType: "vcs" };
  const url = str(src["url"]);
  if (url !== undefined) return { source: url, sourceType: "url" };
  for (const k of ["path", "directory", "editable", "virtual"]) {
    const v = str(src[k]);
    if (v !== undefined) return { source: v, sourceType: "path" };
  }
  return {};
}

/** uv's `https://host/repo?rev=main#<commit>` (or `?tag=`, `?branch=`) as pip's `git+https://host/repo@<commit>`. */
function gitSource(git: string): string {
  const hash = git.indexOf("#");
  const commit = hash >= 0 ? git.slice(hash + 1) : "";
  let url = hash >= 0 ? git.slice(0, hash) : git;
  let rev = commit;
  const q = url.indexOf("?");
  if (q >= 0) {
    if (!rev) rev = new URLSearchParams(url.slice(q + 1)).values().next().value ?? "";
    url = url.slice(0, q);
  }
  const base = url.startsWith("git+") ? url : `git+${url}`;
  return rev ? `${base}@${rev}` : base;
}
