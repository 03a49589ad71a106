/** `[app]`: the working directory, what is copied into the image in which order, excludes and build commands. */
import type { AppConfig } from "../model.js";
import { type Checker, readAbsPath, readCommands, readMatching, readStrings } from "./check.js";
import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

/** `[app]` (also a target's merged `app`). */
export function readApp(ck: Checker, node: LNode | undefined): AppConfig {
  const t = ck.table(node, "app", tableKeys.app);
  const get = (k: string): LNode | undefined => t?.entries.get(k);
  return {
    workdir: readAbsPath(ck, get("workdir"), "/app") ?? "/app",
    copy: readStrings(ck, get("copy"), checkContextPath) ?? ["."],
    exclude: readStrings(ck, get("exclude")) ?? [],
    buildCommands: readCommands(ck, get("build-commands")) ?? [],
    package: readMatching(ck, get("package"), /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, `a project name like "api"`),
  };
}

/** `copy` items are paths inside the build context. */
const checkContextPath = (p: string): string | undefined =>
  p.split("/").includes("..") ? `expected a path inside the build context, got "${p}"` : undefined;
