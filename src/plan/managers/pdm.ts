/**
 * PDM. `pdm lock --check` first: `pdm export` and `pdm sync` only warn when pdm.lock no longer matches
 * pyproject.toml, so a stale lock fails the step here with a message saying so. Then PDM selects the locked
 * packages for the chosen groups and extras (`pdm export`, with their hashes) and pip installs exactly those
 * files, hash-checked and without resolving anything; the project itself, when it is a package, is built and
 * installed non-editable without dependencies.
 *
 * Selection (PDM's semantics: `-G` names groups, optional-dependencies extras among them; `--prod` leaves
 * out every dev group and refuses one named with `-G`; `--no-default` leaves out the project's dependencies):
 * - groups not set: `--prod` (the project's dependencies only), plus `-G EXTRA` per extra;
 * - groups set: `-G NAME` per group but "main"/"default" (the project's dependencies, PDM's "default"
 *   group), and `--no-default` when neither is listed; `--prod` when only those are listed.
 *
 * Locks written by older PDM releases, decided at plan time from pdm.lock's own `[metadata]`:
 * - No environment markers. `pdm export` (PDM 2.17 and later) refuses a lock whose strategy lacks
 *   `inherit_metadata` ("Can't export a lock file without environment markers"): every lock of PDM 2.10 and
 *   earlier, and later ones locked without that strategy. PDM reads the strategy as `[metadata] strategy`
 *   (`["cross_platform"]` when the key is missing; no `[metadata]` at all counts as inherit_metadata). Such a
 *   lock is installed by PDM itself: `pdm sync` with the same selection, `--no-self --no-editable`, into the
 *   application venv (PDM_USE_VENV on, PDM_PYTHON the venv's interpreter), checking the lock's hashes; the
 *   step prints why. The index settings reach PDM as PDM_PYPI_URL and a PDM config file of extra indexes.
 * - A content hash of the old kind. Before PDM 2.16 (lock_version below 4.4.2) the hash covered
 *   `overrides` where PDM now hashes the whole `[tool.pdm.resolution]` table, so the pinned PDM's `pdm lock
 *   --check` calls every such lock out of date. pydock then checks it itself, as the PDM that wrote it did:
 *   the hash of pyproject.toml's sources, dependencies, dev-dependencies, optional-dependencies,
 *   requires-python and overrides (json.dumps with sorted keys), compared with `[metadata] content_hash`;
 *   a mismatch is a plan error, and the step runs no `pdm lock --check`.
 */
import { createHash } from "node:crypto";
import { parse } from "smol-toml";
import type { DependenciesConfig } from "../../config/model.js";
import { isTable, shellQuote as q, type Table } from "../../core/text.js";
import type { CacheMount } from "../types.js";
import { PIP_CACHE, commonEnv, pipIndexEnv, pipInto, toolInstall, unbuildableProject, type ManagerContext, type PackageManager } from "./manager.js";

export const PDM_CACHE: CacheMount = { id: "pydock-pdm", target: "/root/.cache/pdm", sharing: "locked" };

/** The names pydock and PDM give the project's own dependencies. */
export const isDefaultGroup = (g: string): boolean => g === "main" || g === "default";

/** `pdm export` / `pdm sync` flags selecting the groups and extras (see the module comment). */
export function pdmSelection(deps: Pick<DependenciesConfig, "groups" | "extras">): string[] {
  const flags: string[] = [];
  const named = (deps.groups ?? []).filter((g) => !isDefaultGroup(g));
  if (deps.groups !== undefined && !deps.groups.some(isDefaultGroup)) flags.push("--no-default");
  if (named.length === 0) flags.push("--prod");
  for (const g of [...named, ...deps.extras]) flags.push(`-G ${q(g)}`);
  return flags;
}

function env(ctx: ManagerContext): [string, string][] {
  return [
    ...commonEnv("pdm", ctx.venv),
    ...pipIndexEnv(ctx.deps),
    ["PDM_CACHE_DIR", PDM_CACHE.target],
    ["PDM_CHECK_UPDATE", "false"],
    ["PDM_NON_INTERACTIVE", "1"],
    // PDM's own interpreter is the application venv's: it never creates a .venv of its own.
    ["PDM_PYTHON", `${ctx.venv}/bin/python`],
    ["PDM_IGNORE_SAVED_PYTHON", "1"],
    ["PDM_USE_VENV", "false"],
    ["PIP_DISABLE_PIP_VERSION_CHECK", "1"],
    ["PIP_ROOT_USER_ACTION", "ignore"],
  ];
}

/**
 * The environment of `pdm sync`: PDM installs into the venv PDM_PYTHON belongs to only with PDM_USE_VENV on
 * (off, it would install into __pypackages__ beside the lock); pydock's index settings as PDM's.
 */
function syncEnv(ctx: ManagerContext): [string, string][] {
  const base = env(ctx).map(([k, v]): [string, string] => (k === "PDM_USE_VENV" ? [k, "true"] : [k, v]));
  if (ctx.deps.indexUrl) base.push(["PDM_PYPI_URL", ctx.deps.indexUrl]);
  if (ctx.deps.extraIndexUrls.length) base.push(["PDM_CONFIG_FILE", PDM_CONFIG]);
  return base;
}

const PDM_CONFIG = "/tmp/pydock-pdm-config.toml";

/** What pydock reads of pdm.lock. */
export interface PdmLock {
  /** `[metadata] lock_version`, when set. */
  readonly lockVersion: string | undefined;
  /** The lock strategy as PDM reads it (pdm.project.lockfile.PDMLock.strategy). */
  readonly strategy: readonly string[];
  /** `[metadata] content_hash` ("sha256:…"), when set. */
  readonly contentHash: string | undefined;
  /** Git, path or URL packages, which carry no hashes. */
  readonly unhashable: boolean;
}

let lastLock: { text: string; lock: PdmLock | undefined } | undefined;

/** pdm.lock read, or undefined when it is not valid TOML (memoized for the last text: check and install read it both). */
export function readPdmLock(text: string): PdmLock | undefined {
  if (lastLock?.text === text) return lastLock.lock;
  let lock: PdmLock | undefined;
  try {
    const doc = parse(text);
    const metadata = isTable(doc["metadata"]) ? doc["metadata"] : {};
    const packages = Array.isArray(doc["package"]) ? doc["package"] : [];
    lock = {
      lockVersion: typeof metadata["lock_version"] === "string" ? metadata["lock_version"] : undefined,
      strategy: lockStrategy(metadata),
      contentHash: typeof metadata["content_hash"] === "string" ? metadata["content_hash"] : undefined,
      unhashable: packages.some((p) => isTable(p) && ["git", "hg", "svn", "bzr", "path", "url"].some((k) => typeof p[k] === "string")),
    };
  } catch {
    lock = undefined;
  }
  lastLock = { text, lock };
  return lock;
}

const SUPPORTED_STRATEGIES = ["static_urls", "cross_platform", "direct_minimal_versions", "inherit_metadata"];

/** PDMLock.strategy: no [metadata] is inherit_metadata; a missing `strategy` is cross_platform; old boolean keys. */
function lockStrategy(metadata: Table): string[] {
  if (Object.keys(metadata).length === 0) return ["inherit_metadata"];
  const listed = Array.isArray(metadata["strategy"]) ? metadata["strategy"].filter((s): s is string => typeof s === "string") : "strategy" in metadata ? [] : ["cross_platform"];
  const result = new Set(listed);
  if (metadata["cross_platform"] === false) result.delete("cross_platform");
  if (metadata["static_urls"] === true) result.add("static_urls");
  return SUPPORTED_STRATEGIES.filter((s) => result.has(s));
}

/** Git, path and URL packages carry no hashes: the export then has to go without hash checking. */
export function pdmLockHasUnhashable(lock: string): boolean {
  return readPdmLock(lock)?.unhashable ?? false;
}

/** Can `pdm export` read the lock? Not without environment markers: no inherit_metadata strategy. */
export function pdmLockExportable(lock: PdmLock): boolean {
  return lock.strategy.includes("inherit_metadata");
}

/** Is the content hash of the kind before PDM 2.16 (lock_version below 4.4.2), which the pinned PDM cannot check? */
export function pdmLegacyContentHash(lock: PdmLock): boolean {
  const v = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(lock.lockVersion ?? "");
  if (!v) return false;
  const [major, minor, micro] = [Number(v[1]), Number(v[2]), Number(v[3] ?? 0)];
  return major < 4 || (major === 4 && (minor < 4 || (minor === 4 && micro < 2)));
}

/**
 * Does `[metadata] content_hash` match pyproject.toml as the PDM releases before 2.16 hashed it? Their
 * hashes differ in the `overrides` entry only: absent (PDM 1.x before 1.12), `[tool.pdm] overrides`, or
 * `[tool.pdm.resolution] overrides` (PDM 2.3 to 2.15, the former first while it was read); any match is fresh.
 */
export function pdmLegacyHashMatches(pyprojectText: string, contentHash: string | undefined): boolean {
  const colon = (contentHash ?? "").indexOf(":");
  const [algo, expected] = [contentHash?.slice(0, colon), contentHash?.slice(colon + 1)];
  if (colon <= 0 || !algo || !expected) return false;
  let doc: Table;
  try {
    doc = parse(pyprojectText, { integersAsBigInt: true });
  } catch {
    return false;
  }
  const table = (v: unknown): Table => (isTable(v) ? v : {});
  const project = table(doc["project"]);
  const pdm = table(table(doc["tool"])["pdm"]);
  const base: Table = {
    sources: pdm["source"] ?? [],
    dependencies: project["dependencies"] ?? [],
    "dev-dependencies": pdm["dev-dependencies"] ?? {},
    "optional-dependencies": project["optional-dependencies"] ?? {},
    "requires-python": project["requires-python"] ?? "",
  };
  const variants: Table[] = [base, { ...base, overrides: pdm["overrides"] ?? {} }, { ...base, overrides: table(pdm["resolution"])["overrides"] ?? {} }];
  return variants.some((data) => {
    try {
      return createHash(algo).update(pyJsonDumps(data), "utf8").digest("hex") === expected;
    } catch {
      return false;
    }
  });
}

/**
 * Python's `json.dumps(value, sort_keys=True)` (separators ", " and ": ", ensure_ascii) of a TOML value
 * parsed with integers as bigints, so integers and floats print as Python prints them. A date throws: PDM's
 * json.dumps fails on one as well.
 */
export function pyJsonDumps(v: unknown): string {
  if (typeof v === "string") return pyString(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return pyFloat(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(", ")}]`;
  if (isTable(v)) {
    const keys = Object.keys(v).sort(byCodePoint);
    return `{${keys.map((k) => `${pyString(k)}: ${pyJsonDumps(v[k])}`).join(", ")}}`;
  }
  throw new Error(`not JSON serializable: ${String(v)}`);
}

/** Python orders strings by code point, JavaScript's sort by UTF-16 unit. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** JSON.stringify's escapes are Python's; ensure_ascii then escapes DEL and every non-ASCII UTF-16 unit. */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Python's float repr: the shortest digits, exponent notation below 1e-4 and from 1e16. */
function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa = "", e = "0"] = x.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const sign = x < 0 ? "-" : "";
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, "0")}.${digits.slice(exp + 1) || "0"}`;
}

/** `[tool.pdm] distribution`, when set. */
function distribution(ctx: ManagerContext): boolean | undefined {
  try {
    const doc = parse(ctx.files.read("pyproject.toml") ?? "");
    const tool = isTable(doc["tool"]) ? doc["tool"] : undefined;
    const pdm = tool && isTable(tool["pdm"]) ? tool["pdm"] : undefined;
    return pdm && typeof pdm["distribution"] === "boolean" ? pdm["distribution"] : undefined;
  } catch {
    return undefined;
  }
}

const STALE = "pdm.lock is out of date with pyproject.toml (pdm lock --check): run `pdm lock` and commit pdm.lock";

/** Why the step runs `pdm sync`, printed first. */
function syncReason(lock: PdmLock): string {
  const strategy = lock.strategy.length ? lock.strategy.join(", ") : "none";
  return (
    `pydock: pdm.lock (lock_version ${lock.lockVersion ?? "unset"}, strategy: ${strategy}) has no environment markers, ` +
    "which `pdm export` needs (the inherit_metadata strategy, PDM 2.11 and later): PDM installs it itself with `pdm sync`. " +
    "Locking again with `pdm lock` lets pydock export and pip-install it hash-checked."
  );
}

/** Why the step runs no `pdm lock --check`, printed first. */
function legacyReason(lock: PdmLock): string {
  return (
    `pydock: pdm.lock (lock_version ${lock.lockVersion ?? "unset"}) has a content hash of the kind before PDM 2.16, ` +
    "which `pdm lock --check` of this PDM reports out of date whatever the lock: pydock compared it with pyproject.toml instead, and it matches."
  );
}

/** A PDM config file of extra indexes (`[pypi.NAME] url`): PDM reads no environment variable for them. */
function extraIndexConfig(urls: readonly string[]): string {
  const body = urls.map((u, i) => `[pypi.pydock-extra-${i + 1}]\nurl = ${JSON.stringify(u)}\n`).join("");
  return `cat > ${PDM_CONFIG} <<'PYDOCK_PDM_CONFIG'\n${body}PYDOCK_PDM_CONFIG\n`;
}

export const pdm: PackageManager = {
  name: "pdm",
  defaultVersion: "2.29.4",
  lockfiles: () => ["pdm.lock"],
  check(ctx, report) {
    const pyproject = ctx.files.read("pyproject.toml");
    const text = ctx.files.read("pdm.lock");
    if (pyproject === undefined) report("manager is pdm but pyproject.toml is not in the build context", ["dependencies", "manager"]);
    if (text === undefined) report("manager is pdm but pdm.lock is not in the build context (run `pdm lock`)", ["dependencies", "manager"]);
    if (pyproject === undefined || text === undefined) return;
    const lock = readPdmLock(text);
    if (lock === undefined) {
      report("pdm.lock is not valid TOML (run `pdm lock`)", ["dependencies", "manager"]);
    } else if (pdmLegacyContentHash(lock) && !pdmLegacyHashMatches(pyproject, lock.contentHash)) {
      report(
        `pdm.lock is out of date with pyproject.toml: its content_hash (lock_version ${lock.lockVersion}, PDM before 2.16) does not match the project's dependencies, sources and requires-python; run \`pdm lock\` and commit pdm.lock`,
        ["dependencies", "manager"],
      );
    }
  },
  installTool: (version) => toolInstall("pdm", version, [`pdm==${version}`]),
  installDependencies(ctx) {
    const flags = pdmSelection(ctx.deps);
    const lock = readPdmLock(ctx.files.read("pdm.lock") ?? "");
    const legacy = lock !== undefined && pdmLegacyContentHash(lock);
    const notes = legacy && lock ? [legacyReason(lock)] : [];
    const checkLock = legacy ? "" : `{ pdm lock --check || { echo ${q(STALE)} >&2; exit 1; }; } && `;
    const checkName = legacy ? "" : "pdm lock --check && ";
    if (lock !== undefined && !pdmLockExportable(lock)) {
      notes.push(syncReason(lock));
      const script =
        (ctx.deps.extraIndexUrls.length ? extraIndexConfig(ctx.deps.extraIndexUrls) : "") +
        notes.map((n) => `echo ${q(n)} >&2 && `).join("") +
        checkLock +
        `pdm sync ${flags.join(" ")} --no-self --no-editable --fail-fast`;
      return { name: `${checkName}pdm sync ${flags.join(" ")}`, script, env: syncEnv(ctx), caches: [PDM_CACHE, PIP_CACHE] };
    }
    const hashes = lock?.unhashable ? " --no-hashes" : "";
    const exported = "/tmp/pydock-requirements.txt";
    const script =
      notes.map((n) => `echo ${q(n)} >&2 && `).join("") +
      checkLock +
      `pdm export --format requirements --output ${exported} ${flags.join(" ")}${hashes} && ` +
      `${pipInto(ctx.venv)} --no-deps --no-compile -r ${exported}`;
    return { name: `${checkName}pdm export ${flags.join(" ")} | pip install`, script, env: env(ctx), caches: [PDM_CACHE, PIP_CACHE] };
  },
  // PDM installs the project when it is a distribution: `[tool.pdm] distribution`, else whether there is a build-system.
  isPackage: (ctx) => distribution(ctx) ?? (ctx.pyproject?.hasBuildSystem === true && !unbuildableProject(ctx)),
  installProject(ctx, src) {
    return { name: "pip install --no-deps .", script: `${pipInto(ctx.venv)} --no-deps --no-compile ${q(src)}`, env: env(ctx), caches: [PIP_CACHE] };
  },
};
