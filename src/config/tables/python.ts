import type { GitConfig, PythonConfig } from "../model.js";
import { type Checker, label, readBool, readString } from "./check.js";
import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

/** `[python]`: everything optional; the planner detects what is missing. */
export function readPython(ck: Checker, node: LNode | undefined): PythonConfig {
  const t = ck.table(node, "python", tableKeys.python);
  const get = (k: string): LNode | undefined => t?.entries.get(k);
  return {
    version: readVersion(ck, get("version")),
    distro: readMatching(ck, get("distro"), /^[a-z]+$/, `a Debian codename like "bookworm"`),
    builderImage: readMatching(ck, get("builder-image"), /^\S+$/, `an image reference like "python:3.12-bookworm"`),
    runtimeImage: readMatching(ck, get("runtime-image"), /^\S+$/, `an image reference like "python:3.12-slim-bookworm"`),
  };
}

function readVersion(ck: Checker, node: LNode | undefined): string | undefined {
  if (node?.kind === "value" && typeof node.value === "number") {
    // TOML reads 3.10 as the float 3.1: insist on a string rather than guess.
    ck.error(node.path, `${label(node.path)}: expected a string like "3.12", got a number (write version = "${String(node.value)}", in quotes)`);
    return undefined;
  }
  return readMatching(ck, node, /^\d+\.\d+(\.\d+)?$/, `a Python version like "3.12" or "3.12.4"`);
}

/** A string matching `re`; `what` describes it in the error. */
export function readMatching(ck: Checker, node: LNode | undefined, re: RegExp, what: string): string | undefined {
  const s = readString(ck, node);
  if (s === undefined || node === undefined) return undefined;
  if (re.test(s)) return s;
  ck.error(node.path, `${label(node.path)}: expected ${what}, got "${s}"`);
  return undefined;
}

/** `[git]`. */
export function readGit(ck: Checker, node: LNode | undefined): GitConfig {
  const t = ck.table(node, "git", tableKeys.git);
  const versionFile = t?.entries.get("version-file");
  let file = readString(ck, versionFile);
  if (file !== undefined && versionFile !== undefined && (file.startsWith("/") || file.split("/").includes(".."))) {
    ck.error(versionFile.path, `${label(versionFile.path)}: expected a path relative to [app] workdir like ".version", got "${file}"`);
    file = undefined;
  }
  return { versionFile: file ?? ".version", labels: readBool(ck, t?.entries.get("labels")) ?? true };
}
