/**
 * The installed set from Pipfile.lock, as `pipenv requirements --categories` exports it (plan/managers/pipenv.ts):
 * every package of each selected category (the lock's keys: "default" for [packages], "develop" for
 * [dev-packages], custom ones by name; default: "default"), whose `markers` may apply. Versions are the lock's
 * `==` pins; git, path and file entries are listed by their source.
 */
import { isTable } from "../core/text.js";
import { LockfileError, PYPI_SIMPLE, parseHash, type Draft, type DistributionHash, type LockInput } from "./distribution.js";
import { markerMayApply } from "./markers.js";
import { lockCategory } from "../plan/managers/pipenv.js";

export function pipfileDistributions(text: string, input: LockInput, env: Readonly<Record<string, string>>): Draft[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LockfileError(`Pipfile.lock: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isTable(doc)) throw new LockfileError("Pipfile.lock: not a JSON object");
  const indexes = sources(doc);
  const out: Draft[] = [];
  for (const category of new Set((input.groups ?? ["main"]).map(lockCategory))) {
    const packages = doc[category];
    if (!isTable(packages)) continue;
    for (const [name, p] of Object.entries(packages)) {
      if (!isTable(p)) continue;
      const markers = typeof p["markers"] === "string" ? p["markers"] : undefined;
      if (markers !== undefined && !markerMayApply(markers, env)) continue;
      const version = typeof p["version"] === "string" ? p["version"].replace(/^===?/, "") : "";
      const hashes = (Array.isArray(p["hashes"]) ? p["hashes"] : []).map((h) => parseHash(typeof h === "string" ? h : undefined)).filter((h): h is DistributionHash => h !== undefined);
      out.push({ name: name.toLowerCase().replace(/[-_.]+/g, "-"), version, hashes, ...source(p, indexes, input) });
    }
  }
  return out;
}

/** `_meta.sources`: index URLs by source name. */
function sources(doc: Record<string, unknown>): Map<string, string> {
  const meta = doc["_meta"];
  const list = isTable(meta) && Array.isArray(meta["sources"]) ? meta["sources"] : [];
  const out = new Map<string, string>();
  for (const s of list) if (isTable(s) && typeof s["name"] === "string" && typeof s["url"] === "string") out.set(s["name"], s["url"]);
  return out;
}

function source(p: Record<string, unknown>, indexes: Map<string, string>, input: LockInput): Pick<Draft, "source" | "sourceType"> {
  if (typeof p["git"] === "string") return { source: `git+${p["git"]}${typeof p["ref"] === "string" ? `@${p["ref"]}` : ""}`, sourceType: "vcs" };
  if (typeof p["file"] === "string") return { source: p["file"], sourceType: "url" };
  if (typeof p["path"] === "string") return { source: p["path"], sourceType: "path" };
  const index = typeof p["index"] === "string" ? indexes.get(p["index"]) : undefined;
  return { source: index ?? input.indexUrl ?? PYPI_SIMPLE, sourceType: "registry" };
}
