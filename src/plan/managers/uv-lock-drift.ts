/**
 * Is uv.lock current with pyproject.toml? `uv sync --frozen` installs whatever the lock says without
 * looking, so pydock compares what the project declares with what the lock recorded when it was made
 * (`[package.metadata] requires-dist` / `requires-dev` of the project's own entry). Names only: a changed
 * version bound is uv's to judge, a dependency added or removed without `uv lock` is caught here.
 */
import { parse } from "smol-toml";
import { isTable, normalizeName, type Table } from "../../core/text.js";

/** The distribution name of a PEP 508 requirement string. */
export function requirementName(req: string): string | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(req);
  return m?.[1] ? normalizeName(m[1]) : undefined;
}

const names = (list: unknown): Set<string> => {
  const out = new Set<string>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    const name = typeof item === "string" ? requirementName(item) : isTable(item) && typeof item["name"] === "string" ? normalizeName(item["name"]) : undefined;
    if (name) out.add(name);
  }
  return out;
};

const diff = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

/**
 * The project's own `[[package]]` block of uv.lock (with its sub-tables), found by text: parsing a
 * 2,000-package lock whole costs ~100 ms on every build, this ~1 ms. A lock of uv's own blocks without the
 * project's has no entry for it (nothing to parse: an 8 MiB lock would cost half a second); the whole file
 * is parsed only when it is not written in blocks uv writes.
 */
function ownEntry(lockText: string, pyproject: Table): string {
  const project = isTable(pyproject["project"]) ? pyproject["project"] : undefined;
  const name = typeof project?.["name"] === "string" ? normalizeName(project["name"]) : undefined;
  if (!name) return lockText;
  const blocks = lockText.split(/^(?=\[\[package\]\]\s*$)/m);
  let named = 0;
  const own = blocks.find((b) => {
    const m = /^\[\[package\]\]\s*\nname\s*=\s*"([^"]+)"/.exec(b);
    if (m?.[1] !== undefined) named++;
    return m?.[1] !== undefined && normalizeName(m[1]) === name;
  });
  return own ?? (named > 0 && named >= blocks.length - 1 ? "" : lockText);
}

/** Differences between pyproject.toml and uv.lock as sentences; empty when the lock is current. */
export function uvLockDrift(pyprojectText: string, lockText: string): string[] {
  const pyproject = parse(pyprojectText) as Table;
  const lock = parse(ownEntry(lockText, pyproject)) as Table;
  const project = isTable(pyproject["project"]) ? pyproject["project"] : undefined;
  if (!project || typeof project["name"] !== "string") return [];
  const name = normalizeName(project["name"]);
  const packages = Array.isArray(lock["package"]) ? lock["package"].filter(isTable) : [];
  const own = packages.find((p) => typeof p["name"] === "string" && normalizeName(p["name"]) === name);
  if (!own) return [`uv.lock has no entry for the project "${project["name"]}"`];
  const metadata = isTable(own["metadata"]) ? own["metadata"] : {};

  const problems: string[] = [];
  const declared = names(project["dependencies"]);
  const optional = isTable(project["optional-dependencies"]) ? project["optional-dependencies"] : {};
  for (const list of Object.values(optional)) for (const n of names(list)) declared.add(n);
  const locked = names(metadata["requires-dist"]);
  const added = diff(declared, locked);
  const removed = diff(locked, declared);
  if (added.length) problems.push(`pyproject.toml depends on ${added.join(", ")}, which uv.lock does not have`);
  if (removed.length) problems.push(`uv.lock still has ${removed.join(", ")}, which pyproject.toml no longer depends on`);

  const groups = isTable(pyproject["dependency-groups"]) ? pyproject["dependency-groups"] : {};
  const lockedGroups = isTable(metadata["requires-dev"]) ? metadata["requires-dev"] : {};
  for (const [group, list] of Object.entries(groups)) {
    const missing = diff(names(list), names(lockedGroups[group]));
    if (missing.length) problems.push(`dependency group "${group}" has ${missing.join(", ")}, which uv.lock does not have`);
  }
  return problems;
}
