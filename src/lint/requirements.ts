/**
 * UnpinnedRequirements: a pip project's requirement files (with their `-r` includes) name requirements
 * without an exact `==` version, or without `--hash`, so two builds of the same commit may install different
 * code and pip cannot check what it downloads. One finding per file, at its first such line. Direct
 * references (URLs, paths, `name @ url`) count as pinned; `-c` constraint files pin and are not checked.
 */
import { requirementLines, requirementNames } from "../plan/detect/requirement-files.js";
import { requirementName } from "../plan/detect/requirement.js";
import type { Finding, LintContext, Rule } from "./rule.js";

interface FileProblems {
  readonly unpinned: string[];
  readonly unhashed: number;
  /** The first line with a problem. */
  readonly line: number | undefined;
}

/** The requirement lines of one file that are not pinned, and how many lack a hash. */
export function requirementProblems(text: string): FileProblems {
  const unpinned: string[] = [];
  let unhashed = 0;
  let line: number | undefined;
  for (const l of requirementLines(text)) {
    const t = l.text.trim();
    if (t === "" || t.startsWith("-")) continue;
    const optAt = t.search(/\s--?[a-zA-Z]/);
    const req = (optAt >= 0 ? t.slice(0, optAt) : t).split(";")[0]?.trim() ?? "";
    const direct = req.includes("@") || req.includes("://") || /^[./~]/.test(req) || /\.(whl|zip|tar\.gz)$/.test(req);
    const pinned = direct || (/===?\s*[^\s,*]+$/.test(req.replace(/\s*,.*$/, "")) && !req.includes(".*"));
    const hashed = /--hash[=\s]/.test(t);
    if (!pinned) unpinned.push(requirementName(req) ?? req);
    if (!hashed) unhashed++;
    if ((!pinned || !hashed) && line === undefined) line = l.line;
  }
  return { unpinned, unhashed, line };
}

const list = (names: readonly string[]): string => (names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`);

export const unpinnedRequirements: Rule = {
  id: "UnpinnedRequirements",
  severity: "warning",
  description: "A pip project's requirement files have requirements without an exact == version or without --hash: rebuilds may install other code, unchecked.",
  check: (ctx: LintContext): Finding[] => {
    if (ctx.plan.manager.name !== "pip" || ctx.plan.selection.requirements.length === 0) return [];
    const reqs = requirementNames(ctx.files, ctx.plan.selection.requirements);
    return reqs.read.flatMap((file): Finding[] => {
      if (reqs.constraints.includes(file)) return [];
      const p = requirementProblems(ctx.files.read(file) ?? "");
      if (p.line === undefined) return [];
      const problems = [
        p.unpinned.length > 0 ? `${list(p.unpinned)} ${p.unpinned.length === 1 ? "is" : "are"} not pinned with ==` : "",
        p.unhashed > 0 ? `${p.unhashed === 1 ? "1 requirement has" : `${p.unhashed} requirements have`} no --hash` : "",
      ].filter(Boolean);
      return [{
        file,
        range: { start: { line: p.line, column: 1 }, end: { line: p.line, column: 1 } },
        message: `${file}: ${problems.join(" and ")}; generate it locked with hashes (pip-compile --generate-hashes, uv pip compile --generate-hashes) or switch to a lockfile manager (uv, Poetry)`,
      }];
    });
  },
};
