/**
 * The installed set from poetry.lock, as `poetry export --only <groups> [--extras e]` installs it (default groups
 * ["main"]): with a 2.1 lock (Poetry 2) the packages whose `groups` meet the selection; with a 1.x lock the
 * packages whose `category` does; with a 2.0 lock (Poetry 1.5–1.8, neither field) the closure from
 * pyproject.toml's dependencies of the selected groups. Optional packages only when a selected extra reaches
 * them. Markers are evaluated; Poetry's `python = "..."` dependency constraints are not (kept).
 */
import { normalizeName } from "../core/text.js";
import { PYPI_SIMPLE, parseHash, type Draft, type DistributionHash, type LockInput } from "./distribution.js";
import { markerMayApply } from "./markers.js";
import { parseRequirement } from "./requirements.js";
import { arr, isTable, lockedPackages, parseLockToml, str, tbl, type LockedPackage, type Tbl } from "./toml-tables.js";

type PoetryPackage = LockedPackage;

/** One edge of the dependency graph: the target's name and the conditions of the edge. */
interface Edge {
  readonly name: string;
  readonly extras: readonly string[];
  readonly marker: string | undefined;
  readonly optional: boolean;
}

/** The drafts `poetry export` lists from poetry.lock's text, for the groups and extras `input` selects. */
export function poetryDistributions(text: string, input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  const doc = parseLockToml(text, "poetry.lock");
  const { packages, byName } = lockedPackages(doc);
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
    const project = parseLockToml(pyproject, "pyproject.toml");
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
    const project = parseLockToml(pyproject, "pyproject.toml");
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
