/**
 * CopyIgnored: an [app] copy entry that .dockerignore leaves out of the build context (the entry itself or
 * one of its folders matches, and no later `!` pattern sends it again), so the copy finds nothing there.
 * Matched as Docker matches (core/dockerignore.ts); reported at the copy entry.
 */
import { ignoredBy } from "../core/dockerignore.js";
import type { Finding, LintContext, Rule } from "./rule.js";

export const copyIgnored: Rule = {
  id: "CopyIgnored",
  severity: "warning",
  description: "An [app] copy entry is excluded from the build context by .dockerignore, so nothing of it reaches the image.",
  check: (ctx: LintContext) =>
    ctx.target.app.copy.flatMap((entry, i): Finding[] => {
      const pattern = ignoredBy(entry, ctx.dockerignore);
      if (pattern === undefined) return [];
      return [{ ...ctx.key(["app", "copy", i]), message: `[app] copy "${entry}" is excluded from the build context by .dockerignore ("${pattern}"); add "!${entry}" to .dockerignore after it, or drop the entry` }];
    }),
};
