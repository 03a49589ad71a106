/** `[targets.NAME]`: extra targets, each a [dependencies]/[app]/[runtime] override merged over the top-level tables. */
import type { KeyPath, TargetConfig } from "../model.js";
import type { Range } from "../../core/diagnostics.js";
import type { TomlDocument } from "../toml.js";
import { readApp } from "./app.js";
import { type Checker, tableName } from "./check.js";
import { readDependencies } from "./dependencies.js";
import { readRuntime } from "./runtime.js";
import { closest, targetKeys, topLevelKeys } from "./suggest.js";
import { type LNode, type LTable, mergeTrees, valueAt } from "./tree.js";

/** Names `--target` always accepts; a [targets.NAME] may not take them. */
const reservedTargets = ["runtime", "venv"];

const targetName = /^[a-z0-9][a-z0-9_.-]*$/;

/** The default `runtime` target, from the top-level tables. */
export function readRuntimeTarget(ck: Checker, root: LTable): TargetConfig {
  const app = readApp(ck, root.entries.get("app"));
  return {
    name: "runtime",
    dependencies: readDependencies(ck, root.entries.get("dependencies"), app.workdir),
    app,
    runtime: readRuntime(ck, root.entries.get("runtime")),
    locate: (path) => locateIn(ck.doc, [[]], path),
    written: (path) => valueAt(ck.doc.value, path),
  };
}

/**
 * Every `[targets.NAME]`, in file order, each merged over the top-level tables. Problems of the top-level
 * tables are reported again while reading each target; the caller removes the duplicates.
 */
export function readTargets(ck: Checker, root: LTable): TargetConfig[] {
  const targets = ck.table(root.entries.get("targets"), undefined, null);
  if (targets === undefined) return [];
  const out: TargetConfig[] = [];
  for (const [name, node] of targets.entries) {
    const ok = checkName(ck, name, node.path);
    const own = ck.table(node, undefined, null);
    if (own === undefined) continue;
    checkKeys(ck, own);
    const merged = (k: string): LNode | undefined => mergeTrees(root.entries.get(k), own.entries.get(k));
    const app = readApp(ck, merged("app"));
    const target: TargetConfig = {
      name,
      dependencies: readDependencies(ck, merged("dependencies"), app.workdir),
      app,
      runtime: readRuntime(ck, merged("runtime")),
      locate: (path) => locateIn(ck.doc, [["targets", name], []], path),
      written: (path) => valueAt(ck.doc.value, ["targets", name, ...path]) ?? valueAt(ck.doc.value, path),
    };
    if (ok) out.push(target);
  }
  return out;
}

function checkName(ck: Checker, name: string, path: KeyPath): boolean {
  if (reservedTargets.includes(name)) {
    ck.error(path, `[targets.${name}]: "${name}" is a built-in target; choose another name`, "key", "invalid-key");
    return false;
  }
  if (!targetName.test(name)) {
    ck.error(path, `[targets.${name}]: a target name uses lowercase letters, digits, "_", "." and "-", starting with a letter or digit`, "key", "invalid-key");
    return false;
  }
  return true;
}

/** A target overrides [dependencies], [runtime] and [app]; the rest of the file is shared. */
function checkKeys(ck: Checker, own: LTable): void {
  const allowed: readonly string[] = targetKeys;
  for (const [k, child] of own.entries) {
    if (allowed.includes(k)) continue;
    const where = tableName(own.path) ?? "[targets]";
    if ((topLevelKeys as readonly string[]).includes(k)) {
      ck.error(child.path, `${where}: [${k}] cannot be set per target; a target overrides [dependencies], [runtime] and [app]`, "key", "invalid-key");
    } else {
      const near = closest(k, allowed);
      const hint = near === undefined ? " (a target overrides dependencies, runtime and app)" : ` (did you mean "${near}"?)`;
      ck.error(child.path, `unknown key "${k}" in ${where}${hint}`, "key");
    }
  }
}

/**
 * The first of `prefixes` + `path` that was written, trying the longest path first, then its enclosing
 * tables; finally the bare prefixes (the target's own header).
 */
function locateIn(doc: TomlDocument, prefixes: readonly KeyPath[], path: KeyPath = []): Range | undefined {
  for (let n = path.length; n > 0; n--) {
    for (const prefix of prefixes) {
      const r = doc.locate([...prefix, ...path.slice(0, n)]);
      if (r !== undefined) return r;
    }
  }
  for (const prefix of prefixes) {
    if (prefix.length === 0) continue;
    const r = doc.locate(prefix);
    if (r !== undefined) return r;
  }
  return undefined;
}
