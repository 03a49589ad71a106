/** `[git]`: the version file that records the commit id, and the revision/source labels. */
import type { GitConfig } from "../model.js";
import { type Checker, label, readBool, readString } from "./check.js";
import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

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
