/**
 * The installed set, read from the project's lockfile: every distribution the dependency install step puts in
 * the venv, with its exact version, the hashes the lock pins and a package URL. Pure: files come from a callback.
 *
 * What "installed" means here mirrors the install commands in plan/managers.ts:
 * - uv (`uv sync --no-default-groups [--group g] [--extra e]`): the project's `dependencies`, plus the
 *   `[package.dev-dependencies]` of each selected group ("main" means the project's own dependencies and adds
 *   nothing), plus `[package.optional-dependencies]` of each selected extra, and their transitive closure
 *   (following `extra = [...]` on dependency edges). The project itself (and any other workspace root) is not a
 *   dependency: it is what the SBOM describes.
 * - poetry (`poetry export --only <groups> [--extras e]`, default groups ["main"]): with a 2.1 lock (Poetry 2)
 *   the packages whose `groups` meet the selection; with a 1.x lock the packages whose `category` does; with a
 *   2.0 lock (Poetry 1.5–1.8, neither field) the closure from pyproject.toml's dependencies of the selected
 *   groups. Optional packages only when a selected extra reaches them.
 * - pip: the requirement files (`-r` includes followed), one distribution per requirement line.
 *
 * Markers: PEP 508 markers are evaluated three-valued against a Linux/CPython environment (os_name, sys_platform,
 * platform_system, platform_python_implementation, implementation_name), extended by `environment` (e.g.
 * `python_version`, `platform_machine`). A variable with no known value makes its comparison unknown, and a
 * package is kept unless its marker is *definitely* false — so the SBOM may list a package that the real
 * install skips because of, say, a `python_version` or `platform_machine` marker the caller did not pin, but it
 * never misses one the install could include. Poetry's `python = "..."` dependency constraints are not evaluated
 * (kept). Unparsable markers are kept.
 */
import { parse, type TomlTable } from "smol-toml";

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

export type LockManager = "uv" | "poetry" | "pip";

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

/** PEP 503: lowercase, runs of `-_.` become one `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}

/** The installed distributions, sorted by name then version. */
export function lockedDistributions(input: LockInput): Distribution[] {
  const env: Readonly<Record<string, string>> = { ...LINUX_CPYTHON, ...input.environment };
  let dists: Draft[];
  switch (input.manager) {
    case "uv":
      dists = uvDistributions(required(input, "uv.lock"), input, env);
      break;
    case "poetry":
      dists = poetryDistributions(required(input, "poetry.lock"), input, env);
      break;
    case "pip":
      dists = pipDistributions(input, env);
      break;
  }
  return finish(dists);
}

function required(input: LockInput, path: string): string {
  const text = input.files(path);
  if (text === undefined) throw new LockfileError(`${path} not found`);
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Shared helpers

type Tbl = TomlTable;

const isTable = (v: unknown): v is Tbl => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const tbl = (v: unknown): Tbl | undefined => (isTable(v) ? v : undefined);

function parseToml(text: string, file: string): Tbl {
  try {
    return parse(text);
  } catch (e) {
    throw new LockfileError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseHash(h: string | undefined): DistributionHash | undefined {
  if (!h) return undefined;
  const i = h.indexOf(":");
  if (i <= 0 || i === h.length - 1) return undefined;
  return { algorithm: h.slice(0, i).toLowerCase(), value: h.slice(i + 1).toLowerCase() };
}

interface Draft {
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
function finish(drafts: readonly Draft[]): Distribution[] {
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

// ---------------------------------------------------------------------------------------------------------
// uv.lock

interface UvPackage {
  readonly index: number;
  readonly name: string;
  readonly version: string;
  readonly raw: Tbl;
}

function uvDistributions(text: string, input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const doc = parseToml(text, "uv.lock");
  const packages: UvPackage[] = arr(doc["package"])
    .filter(isTable)
    .map((raw, index) => ({ index, name: normalizeName(str(raw["name"]) ?? ""), version: str(raw["version"]) ?? "", raw }));
  const byName = new Map<string, UvPackage[]>();
  for (const p of packages) {
    const list = byName.get(p.name);
    if (list) list.push(p);
    else byName.set(p.name, [p]);
  }

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

// ---------------------------------------------------------------------------------------------------------
// poetry.lock

interface PoetryPackage {
  readonly index: number;
  readonly name: string;
  readonly version: string;
  readonly raw: Tbl;
}

/** One edge of the dependency graph: the target's name and the conditions of the edge. */
interface Edge {
  readonly name: string;
  readonly extras: readonly string[];
  readonly marker: string | undefined;
  readonly optional: boolean;
}

function poetryDistributions(text: string, input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const doc = parseToml(text, "poetry.lock");
  const packages: PoetryPackage[] = arr(doc["package"])
    .filter(isTable)
    .map((raw, index) => ({ index, name: normalizeName(str(raw["name"]) ?? ""), version: str(raw["version"]) ?? "", raw }));
  const byName = new Map<string, PoetryPackage[]>();
  for (const p of packages) {
    const list = byName.get(p.name);
    if (list) list.push(p);
    else byName.set(p.name, [p]);
  }
  const groups = new Set((input.groups ?? ["main"]).map(normalizeName));
  const edgeOk = (e: Edge) => e.marker === undefined || markerMayApply(e.marker, env);

  /** Packages reached from `start` edges, following required edges and the edges extras turn on. */
  const closure = (start: readonly Edge[]): Set<PoetryPackage> => {
    const seen = new Set<string>();
    const reached = new Set<PoetryPackage>();
    const queue: [PoetryPackage, readonly string[]][] = [];
    const visit = (edge: Edge) => {
      if (!edgeOk(edge)) return;
      for (const p of byName.get(edge.name) ?? []) {
        const key = `${p.index}\0${[...edge.extras].sort().join(",")}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reached.add(p);
        queue.push([p, edge.extras]);
      }
    };
    for (const e of start) visit(e);
    for (let next = 0; next < queue.length; next++) {
      const [p, extras] = queue[next] as [PoetryPackage, readonly string[]];
      const edges = poetryEdges(tbl(p.raw["dependencies"]));
      const enabled = new Set<string>();
      const pkgExtras = tbl(p.raw["extras"]) ?? {};
      for (const [k, v] of Object.entries(pkgExtras)) {
        if (!extras.includes(normalizeName(k))) continue;
        for (const r of arr(v)) if (typeof r === "string") enabled.add(parseRequirement(r)?.name ?? "");
      }
      for (const e of edges) if (!e.optional || enabled.has(e.name)) visit(e);
    }
    return reached;
  };

  const hasGroups = packages.some((p) => Array.isArray(p.raw["groups"]));
  const hasCategory = packages.some((p) => typeof p.raw["category"] === "string");
  const pyproject = input.files("pyproject.toml");
  let selected: Set<PoetryPackage>;

  if (hasGroups || hasCategory || pyproject === undefined) {
    // Lock 2.1: `groups` and per-group `markers` are Poetry's own resolution of where each package is needed.
    // Lock 1.x: `category` ("main"/"dev"). Neither and no pyproject: everything that is not optional.
    const extrasReached = closure(extraEdges(doc, pyproject, input.extras));
    selected = new Set();
    for (const p of packages) {
      const pkgGroups = Array.isArray(p.raw["groups"])
        ? arr(p.raw["groups"]).filter((g): g is string => typeof g === "string").map(normalizeName)
        : typeof p.raw["category"] === "string"
          ? [normalizeName(p.raw["category"])]
          : [...groups];
      const inGroups = pkgGroups.filter((g) => groups.has(g));
      if (p.raw["optional"] === true) {
        if (extrasReached.has(p) && packageMarkerOk(p.raw["markers"], pkgGroups, env)) selected.add(p);
        continue;
      }
      if (inGroups.length > 0 && packageMarkerOk(p.raw["markers"], inGroups, env)) selected.add(p);
      else if (extrasReached.has(p) && packageMarkerOk(p.raw["markers"], pkgGroups, env)) selected.add(p);
    }
  } else {
    // Lock 2.0 (Poetry 1.5–1.8): no group information in the lock; walk the graph from pyproject.toml.
    const project = parseToml(pyproject, "pyproject.toml");
    selected = closure([...rootEdges(project, groups), ...extraEdges(doc, pyproject, input.extras)]);
  }
  return [...selected].map((p) => poetryDraft(p, input.indexUrl));
}

/** Lock 2.1 `markers`: a string, or a table of one marker per group; a group without an entry has none. */
function packageMarkerOk(markers: unknown, groups: readonly string[], env: Readonly<Record<string, string>>): boolean {
  if (typeof markers === "string") return markerMayApply(markers, env);
  const table = tbl(markers);
  if (!table) return true;
  const byGroup = new Map(Object.entries(table).map(([k, v]) => [normalizeName(k), v]));
  return groups.some((g) => {
    const m = byGroup.get(g);
    return typeof m !== "string" || markerMayApply(m, env);
  });
}

/** `[package.dependencies]`: `name = "constraint"`, `name = { version, markers, optional, extras, platform }`, or a list of those. */
function poetryEdges(deps: Tbl | undefined): Edge[] {
  const edges: Edge[] = [];
  for (const [rawName, spec] of Object.entries(deps ?? {})) {
    const name = normalizeName(rawName);
    if (name === "python") continue;
    for (const s of Array.isArray(spec) ? spec : [spec]) edges.push(poetrySpecEdge(name, s));
  }
  return edges;
}

function poetrySpecEdge(name: string, spec: unknown): Edge {
  const t = tbl(spec);
  if (!t) return { name, extras: [], marker: undefined, optional: false };
  const markers: string[] = [];
  const m = str(t["markers"]);
  if (m) markers.push(`(${m})`);
  const platform = str(t["platform"]);
  if (platform) markers.push(`sys_platform == "${platform}"`);
  return {
    name,
    extras: arr(t["extras"]).filter((e): e is string => typeof e === "string").map(normalizeName),
    marker: markers.length > 0 ? markers.join(" and ") : undefined,
    optional: t["optional"] === true,
  };
}

/** The project's own dependencies of the selected groups (lock 2.0 walk). */
function rootEdges(project: Tbl, groups: ReadonlySet<string>): Edge[] {
  const edges: Edge[] = [];
  const poetry = tbl(tbl(project["tool"])?.["poetry"]) ?? {};
  if (groups.has("main")) {
    for (const r of arr(tbl(project["project"])?.["dependencies"])) {
      const req = typeof r === "string" ? parseRequirement(r) : undefined;
      if (req) edges.push({ name: req.name, extras: req.extras, marker: req.marker, optional: false });
    }
    edges.push(...poetryEdges(tbl(poetry["dependencies"])).filter((e) => !e.optional));
  }
  const groupTables = tbl(poetry["group"]) ?? {};
  for (const [g, t] of Object.entries(groupTables)) {
    if (groups.has(normalizeName(g))) edges.push(...poetryEdges(tbl(tbl(t)?.["dependencies"])));
  }
  if (groups.has("dev")) edges.push(...poetryEdges(tbl(poetry["dev-dependencies"])));
  return edges;
}

/** The edges each selected extra adds: the lock's `[extras]`, else pyproject's extras. */
function extraEdges(doc: Tbl, pyproject: string | undefined, extras: readonly string[]): Edge[] {
  if (extras.length === 0) return [];
  const wanted = new Set(extras.map(normalizeName));
  const edges: Edge[] = [];
  const fromList = (table: Tbl | undefined) => {
    for (const [k, v] of Object.entries(table ?? {})) {
      if (!wanted.has(normalizeName(k))) continue;
      for (const r of arr(v)) {
        const req = typeof r === "string" ? parseRequirement(r) : undefined;
        if (req) edges.push({ name: req.name, extras: req.extras, marker: req.marker, optional: false });
      }
    }
  };
  fromList(tbl(doc["extras"]));
  if (edges.length === 0 && pyproject !== undefined) {
    const project = parseToml(pyproject, "pyproject.toml");
    fromList(tbl(tbl(project["project"])?.["optional-dependencies"]));
    fromList(tbl(tbl(tbl(project["tool"])?.["poetry"])?.["extras"]));
  }
  return edges;
}

function poetryDraft(p: PoetryPackage, indexUrl: string | undefined): Draft {
  const hashes: DistributionHash[] = [];
  for (const f of arr(p.raw["files"])) {
    const h = parseHash(str(tbl(f)?.["hash"]));
    if (h) hashes.push(h);
  }
  return { name: p.name, version: p.version, hashes, ...poetrySource(tbl(p.raw["source"]), indexUrl) };
}

function poetrySource(src: Tbl | undefined, indexUrl: string | undefined): Pick<Draft, "source" | "sourceType"> {
  const url = str(src?.["url"]);
  switch (str(src?.["type"])) {
    case undefined:
      return { source: indexUrl ?? PYPI_SIMPLE, sourceType: "registry" };
    case "legacy":
      return url !== undefined ? { source: url, sourceType: "registry" } : {};
    case "git": {
      const rev = str(src?.["resolved_reference"]) ?? str(src?.["reference"]);
      const base = url === undefined ? undefined : url.startsWith("git+") ? url : `git+${url}`;
      return base !== undefined ? { source: rev ? `${base}@${rev}` : base, sourceType: "vcs" } : {};
    }
    case "url":
      return url !== undefined ? { source: url, sourceType: "url" } : {};
    default:
      return url !== undefined ? { source: url, sourceType: "path" } : {};
  }
}

// ---------------------------------------------------------------------------------------------------------
// pip requirements

interface Requirement {
  readonly name: string;
  readonly extras: string[];
  readonly marker: string | undefined;
  /** The exact version of a `==`/`===` pin, else "". */
  readonly version: string;
  readonly url: string | undefined;
}

/** PEP 508 (and Poetry's `name (>=1.0)`) requirement: name, extras, exact pin, direct URL, marker. */
export function parseRequirement(text: string): Requirement | undefined {
  const semi = text.indexOf(";");
  const marker = semi >= 0 ? text.slice(semi + 1).trim() || undefined : undefined;
  const head = (semi >= 0 ? text.slice(0, semi) : text).trim();
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s.exec(head);
  if (!m) return undefined;
  const extras = (m[2] ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map(normalizeName);
  const rest = (m[3] ?? "").trim();
  if (rest.startsWith("@")) return { name: normalizeName(m[1] ?? ""), extras, marker, version: "", url: rest.slice(1).trim() };
  const spec = rest.replace(/^\(|\)$/g, "").trim();
  const pin = /^===?\s*([^\s,*]+)$/.exec(spec);
  return { name: normalizeName(m[1] ?? ""), extras, marker, version: pin?.[1] ?? "", url: undefined };
}

function pipDistributions(input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const files = input.requirements.length > 0 ? input.requirements : input.files("requirements.txt") !== undefined ? ["requirements.txt"] : [];
  const out: Draft[] = [];
  const state: PipState = { index: input.indexUrl ?? PYPI_SIMPLE, stack: [] };
  const pending: { draft: Draft; registry: boolean }[] = [];
  for (const f of files) readRequirements(normalizePath(f), input, env, state, pending);
  // An `--index-url` applies to the whole install, wherever it appears.
  for (const { draft, registry } of pending) out.push(registry ? { ...draft, source: state.index, sourceType: "registry" } : draft);
  return out;
}

interface PipState {
  index: string;
  readonly stack: string[];
}


function readRequirements(path: string, input: LockInput, env: Readonly<Record<string, string>>, state: PipState, out: { draft: Draft; registry: boolean }[]): void {
  if (state.stack.includes(path)) throw new LockfileError(`${path}: requirement files include each other (${[...state.stack, path].join(" → ")})`);
  const text = input.files(path);
  if (text === undefined) throw new LockfileError(state.stack.length > 0 ? `${path} (included from ${state.stack.at(-1)}) not found` : `${path} not found`);
  state.stack.push(path);
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  for (const line of logicalLines(text)) {
    const tokens = line.split(/\s+/).filter(Boolean);
    const first = tokens[0] ?? "";
    if (first.startsWith("-")) {
      const [opt, inline] = splitOption(first);
      const value = inline ?? tokens[1];
      if ((opt === "-r" || opt === "--requirement") && value) readRequirements(normalizePath(value.startsWith("/") ? value : dir + value), input, env, state, out);
      else if ((opt === "-i" || opt === "--index-url") && value) state.index = value;
      else if ((opt === "-e" || opt === "--editable") && value) {
        const draft = directDraft(value);
        if (draft) out.push({ draft, registry: false });
      }
      continue;
    }
    // The requirement is everything before the first option; options are `--hash=…` and per-requirement flags.
    const optAt = line.search(/\s--?[a-zA-Z]/);
    const reqText = (optAt >= 0 ? line.slice(0, optAt) : line).trim();
    const hashes: DistributionHash[] = [];
    for (const m of line.matchAll(/--hash[=\s]+([A-Za-z0-9_]+:[A-Fa-f0-9]+)/g)) {
      const h = parseHash(m[1]);
      if (h) hashes.push(h);
    }
    const req = parseRequirement(reqText);
    // pip takes a line as a path or URL, not a requirement, when its name part has a slash or a scheme.
    const namePart = reqText.split(/[;@]/)[0] ?? "";
    if (req && !/^[.~]/.test(reqText) && !/[/\\]/.test(namePart) && !/^[a-z][a-z0-9+.-]*:/i.test(namePart)) {
      if (req.marker !== undefined && !markerMayApply(req.marker, env)) continue;
      if (req.url !== undefined) out.push({ draft: { ...urlSource(req.url), name: req.name, version: "", hashes }, registry: false });
      else out.push({ draft: { name: req.name, version: req.version, hashes }, registry: true });
      continue;
    }
    const draft = directDraft(reqText);
    if (draft) out.push({ draft: { ...draft, hashes }, registry: false });
  }
  state.stack.pop();
}

function splitOption(token: string): [string, string | undefined] {
  const eq = token.indexOf("=");
  if (token.startsWith("--")) return eq >= 0 ? [token.slice(0, eq), token.slice(eq + 1)] : [token, undefined];
  // Short options take their value attached (`-rfile`) or as the next token.
  return token.length > 2 ? [token.slice(0, 2), token.slice(2).replace(/^=/, "")] : [token, undefined];
}

/** Joins `\` continuations and drops comments, like pip: a comment line inside a continuation ends it. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const isComment = /^\s*#/.test(raw);
    if (isComment) {
      if (current.trim()) lines.push(current);
      current = "";
      continue;
    }
    const stripped = raw.replace(/(^|\s)#.*$/, "");
    if (/\\\s*$/.test(stripped)) {
      current += stripped.replace(/\\\s*$/, " ");
      continue;
    }
    current += stripped;
    if (current.trim()) lines.push(current.trim());
    current = "";
  }
  if (current.trim()) lines.push(current.trim());
  return lines.map((l) => l.trim()).filter((l) => l.length > 0);
}

/** A direct reference (URL, VCS, path) without a name-pin: the name from `#egg=` or the wheel/sdist file name. */
function directDraft(ref: string): Draft | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(ref)?.[1];
  const file = ref.split(/[?#]/)[0]?.split("/").pop() ?? "";
  const wheel = /^([A-Za-z0-9_.]+)-([^-]+)-.*\.whl$/.exec(file);
  const sdist = /^([A-Za-z0-9_.-]+?)-(\d[^-]*)\.(?:tar\.gz|zip|tar\.bz2)$/.exec(file);
  const name = egg ?? wheel?.[1] ?? sdist?.[1];
  if (!name) return undefined;
  const version = wheel?.[2] ?? sdist?.[2] ?? "";
  const url = ref.replace(/#.*$/, "");
  return { name: normalizeName(name), version, hashes: [], ...urlSource(url) };
}

function urlSource(url: string): Pick<Draft, "source" | "sourceType"> {
  if (/^(git|hg|svn|bzr)\+/.test(url)) return { source: url, sourceType: "vcs" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith("file:")) return { source: url, sourceType: "url" };
  return { source: url, sourceType: "path" };
}

function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/^\.\//, "").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && parts.length > 0 && parts.at(-1) !== "..") parts.pop();
    else parts.push(seg);
  }
  return (p.startsWith("/") ? "/" : "") + parts.join("/");
}

// ---------------------------------------------------------------------------------------------------------
// PEP 508 markers, three-valued

/** What pydock builds on: Linux, CPython. `python_version`, `platform_machine`… come from the caller. */
export const LINUX_CPYTHON: Readonly<Record<string, string>> = {
  os_name: "posix",
  sys_platform: "linux",
  platform_system: "Linux",
  platform_python_implementation: "CPython",
  implementation_name: "cpython",
};

type Tri = boolean | undefined;

/** False only when the marker is certainly false in `env`; unknown variables and unparsable markers give true. */
export function markerMayApply(marker: string, env: Readonly<Record<string, string>> = LINUX_CPYTHON): boolean {
  try {
    const p = new MarkerParser(marker, env);
    const v = p.expr();
    if (!p.done()) return true;
    return v !== false;
  } catch {
    return true;
  }
}

type Token = { kind: "str"; value: string } | { kind: "word"; value: string } | { kind: "op"; value: string } | { kind: "paren"; value: "(" | ")" };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      out.push({ kind: "paren", value: c });
      i++;
    } else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) throw new Error("unterminated string");
      out.push({ kind: "str", value: s.slice(i + 1, end) });
      i = end + 1;
    } else {
      const op = /^(===|==|!=|<=|>=|~=|<|>)/.exec(s.slice(i));
      if (op) {
        out.push({ kind: "op", value: op[1] ?? "" });
        i += (op[1] ?? "").length;
        continue;
      }
      const w = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(s.slice(i));
      if (!w) throw new Error(`unexpected ${c}`);
      out.push({ kind: "word", value: w[0] });
      i += w[0].length;
    }
  }
  return out;
}

const VERSION_VARS = new Set(["python_version", "python_full_version", "implementation_version", "platform_release"]);

class MarkerParser {
  private readonly tokens: Token[];
  private pos = 0;
  constructor(
    text: string,
    private readonly env: Readonly<Record<string, string>>,
  ) {
    this.tokens = tokenize(text);
  }
  done(): boolean {
    return this.pos === this.tokens.length;
  }
  private peekWord(w: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === "word" && t.value === w;
  }
  expr(): Tri {
    let v = this.and();
    while (this.peekWord("or")) {
      this.pos++;
      const r = this.and();
      v = v === true || r === true ? true : v === false && r === false ? false : undefined;
    }
    return v;
  }
  private and(): Tri {
    let v = this.atom();
    while (this.peekWord("and")) {
      this.pos++;
      const r = this.atom();
      v = v === false || r === false ? false : v === true && r === true ? true : undefined;
    }
    return v;
  }
  private atom(): Tri {
    const t = this.tokens[this.pos];
    if (t?.kind === "paren" && t.value === "(") {
      this.pos++;
      const v = this.expr();
      const close = this.tokens[this.pos++];
      if (close?.kind !== "paren" || close.value !== ")") throw new Error("expected )");
      return v;
    }
    const left = this.value();
    const op = this.operator();
    const right = this.value();
    return this.compare(left, op, right);
  }
  private value(): { variable?: string; literal?: string } {
    const t = this.tokens[this.pos++];
    if (t?.kind === "str") return { literal: t.value };
    if (t?.kind === "word" && t.value !== "and" && t.value !== "or" && t.value !== "in" && t.value !== "not") return { variable: t.value };
    throw new Error("expected a value");
  }
  private operator(): string {
    const t = this.tokens[this.pos++];
    if (t?.kind === "op") return t.value;
    if (t?.kind === "word" && t.value === "in") return "in";
    if (t?.kind === "word" && t.value === "not" && this.peekWord("in")) {
      this.pos++;
      return "not in";
    }
    throw new Error("expected an operator");
  }
  /** The values a variable may have: one when known; python_full_version from python_version "3.11" spans 3.11.0–3.11.∞. */
  private candidates(v: { variable?: string; literal?: string }): string[] | undefined {
    if (v.literal !== undefined) return [v.literal];
    const name = v.variable ?? "";
    const known = this.env[name];
    if (known !== undefined) return [known];
    if (name === "python_full_version") {
      const short = this.env["python_version"];
      if (short !== undefined) return [`${short}.0`, `${short}.99999`];
    }
    if (name === "python_version") {
      const full = this.env["python_full_version"];
      const mm = full !== undefined ? /^(\d+\.\d+)/.exec(full)?.[1] : undefined;
      if (mm !== undefined) return [mm];
    }
    return undefined;
  }
  private compare(left: { variable?: string; literal?: string }, op: string, right: { variable?: string; literal?: string }): Tri {
    const ls = this.candidates(left);
    const rs = this.candidates(right);
    if (!ls || !rs) return undefined;
    const versioned = VERSION_VARS.has(left.variable ?? "") || VERSION_VARS.has(right.variable ?? "");
    let result: Tri;
    let first = true;
    for (const l of ls)
      for (const r of rs) {
        const v = compareMarkerValues(l, op, r, versioned);
        if (first) result = v;
        else if (result !== v) result = undefined;
        first = false;
      }
    return result;
  }
}

function compareMarkerValues(l: string, op: string, r: string, versioned: boolean): Tri {
  if (op === "in") return r.includes(l);
  if (op === "not in") return !r.includes(l);
  if (op === "===") return l === r;
  if (versioned) {
    const lv = parseVersion(l);
    if (lv && (op === "==" || op === "!=") && r.endsWith(".*")) {
      const prefix = parseVersion(r.slice(0, -2));
      if (prefix) {
        const eq = prefix.release.every((n, i) => (lv.release[i] ?? 0) === n);
        return op === "==" ? eq : !eq;
      }
    }
    const rv = parseVersion(r);
    if (lv && rv) {
      const c = compareVersions(lv, rv);
      switch (op) {
        case "==":
          return c === 0;
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        case ">=":
          return c >= 0;
        case "~=": {
          if (rv.release.length < 2) return undefined;
          const prefix = rv.release.slice(0, -1);
          return c >= 0 && prefix.every((n, i) => (lv.release[i] ?? 0) === n);
        }
      }
    }
  }
  switch (op) {
    case "==":
      return l === r;
    case "!=":
      return l !== r;
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
    default:
      return undefined;
  }
}

interface Version {
  readonly release: readonly number[];
  /** [phase, n]: dev release -3, alpha -2, beta -1, rc 0 (… before the final), final 1, post 2. */
  readonly tail: readonly number[];
}

/** PEP 440, enough for ordering: release, pre, post, dev; the local part is ignored. */
function parseVersion(v: string): Version | undefined {
  const m = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[A-Za-z0-9.]*)?\s*$/i.exec(v);
  if (!m) return undefined;
  const release = (m[1] ?? "").split(".").map(Number);
  const pre = m[2]?.toLowerCase();
  const preRank = pre === undefined ? 1 : pre.startsWith("a") ? -2 : pre.startsWith("b") ? -1 : 0;
  const post = m[4] ?? m[5];
  const dev = m[6];
  const tail = [
    pre === undefined && post === undefined && dev !== undefined ? -3 : preRank,
    Number(m[3] || 0),
    post === undefined ? -1 : Number(post || 0),
    dev === undefined ? 1 : 0,
    Number(dev || 0),
  ];
  return { release, tail };
}

function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  for (let i = 0; i < a.tail.length; i++) {
    const d = (a.tail[i] ?? 0) - (b.tail[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
