/** `[app]`: the working directory, what is copied into the image in which order, excludes and build commands. */
import type { AppConfig } from "../model.js";
import { type Checker, readAbsPath, readCommands, readEnum, readMatching, readStrings } from "./check.js";
import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

/** `[app]` (also a target's merged `app`; what it shares with the top level is read once: Checker.once). */
export function readApp(ck: Checker, node: LNode | undefined): AppConfig {
  return ck.once("app", node, (n) => {
    const t = ck.table(n, "app", tableKeys.app);
    const field = <T>(k: string, read: (n: LNode | undefined) => T): T => ck.once(`app.${k}`, t?.entries.get(k), read);
    return {
      workdir: field("workdir", (v) => readAbsPath(ck, v, "/app")) ?? "/app",
      copy: field("copy", (v) => readStrings(ck, v, checkContextPath)) ?? ["."],
      exclude: field("exclude", (v) => readStrings(ck, v)) ?? [],
      buildCommands: field("build-commands", (v) => readCommands(ck, v)) ?? [],
      package: field("package", (v) => readMatching(ck, v, /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, `a project name like "api"`)),
      owner: field("owner", (v) => readEnum(ck, v, ["runtime", "root"] as const)) ?? "runtime",
    };
  });
}

/** `copy` items are paths inside the build context. */
const checkContextPath = (p: string): string | undefined =>
  p.split("/").includes("..") ? `expected a path inside the build context, got "${p}"` : undefined;
