/**
 * lint: the planned build → the rule results, for `pydock check` and the frontend's `--call=check`. Pure:
 * give it what planProject() returned and the project's files (as the planner read them, plus .dockerignore's
 * text), get Diagnostics whose `code` is the rule id and whose severity is the rule's — the build's own
 * warnings included — sorted by file and position, without the rules skipped by `[check] skip` or by
 * `options.skip` (the PYDOCK_CHECK build argument, a CLI flag). "all" skips every rule.
 */
import type { Planned, PlannedOk } from "../compile.js";
import { unknownRule } from "../config/tables/check-table.js";
import { SKIP_ALL } from "../core/check-rules.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { parseIgnore } from "../core/dockerignore.js";
import { tryParsePyproject, type ProjectFiles } from "../plan/project.js";
import { buildWarningResults } from "./build-warnings.js";
import { keyLocator, type LintContext } from "./rule.js";
import { RULES } from "./rules.js";

export interface LintFiles {
  /** The project's files, as planProject() was given them. */
  readonly project: ProjectFiles;
  /** .dockerignore's text, when the context has one. */
  readonly dockerignore?: string | undefined;
}

export interface LintOptions {
  /** Rule ids to skip on top of `[check] skip`, or "all": `PYDOCK_CHECK=skip=…` ({@link parseCheckArg}), a CLI flag. */
  readonly skip?: readonly string[];
}

/** The rule results of a planned build (see the module's comment). */
export function lint(planned: PlannedOk, files: LintFiles, options: LintOptions = {}): Diagnostic[] {
  const { config, plan } = planned;
  const skip = new Set([...config.check.skip, ...(options.skip ?? [])]);
  if (skip.has(SKIP_ALL)) return [];
  const target = config.targets.get(plan.target) ?? config.targets.get("runtime");
  if (target === undefined) throw new Error(`internal: the config has no target "${plan.target}"`);
  const pyprojectText = files.project.read("pyproject.toml");
  const ctx: LintContext = {
    config,
    target,
    plan,
    files: files.project,
    dockerignore: files.dockerignore === undefined ? [] : parseIgnore(files.dockerignore),
    pyproject: pyprojectText === undefined ? undefined : tryParsePyproject(pyprojectText),
    key: keyLocator(config, target),
  };
  const results = buildWarningResults(planned.warnings);
  for (const rule of RULES) {
    if (rule.check === undefined || skip.has(rule.id)) continue;
    for (const f of rule.check(ctx)) results.push({ ...f, code: rule.id, severity: rule.severity });
  }
  return sorted(results.filter((r) => !skip.has(r.code)), config.filename);
}

/**
 * The rule results of a build that could not be planned: its warnings so far (the errors that stopped it
 * are `planned.diagnostics`). `[check] skip` is unknown when pydock.toml did not load; `options.skip` applies.
 */
export function lintUnplanned(planned: Extract<Planned, { ok: false }>, options: LintOptions = {}): Diagnostic[] {
  const skip = new Set(options.skip ?? []);
  if (skip.has(SKIP_ALL)) return [];
  return sorted(buildWarningResults(planned.warnings).filter((r) => !skip.has(r.code)), undefined);
}

/** Does a check with these results fail (`--call=check` exit status, `pydock check`)? Errors and warnings do; info does not. */
export const failsCheck = (results: readonly Diagnostic[]): boolean => results.some((r) => r.severity !== "info");

/** The build argument that skips rules, like BUILDKIT_DOCKERFILE_CHECK: `PYDOCK_CHECK=skip=RuleA,RuleB` or `skip=all`. */
export const CHECK_ARG = "PYDOCK_CHECK";

/** `PYDOCK_CHECK`'s value → the rules to skip, or why it is not understood (an unknown option or rule id). */
export function parseCheckArg(value: string): { readonly ok: true; readonly skip: string[] } | { readonly ok: false; readonly message: string } {
  const skip: string[] = [];
  for (const part of value.split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (key !== "skip" || eq < 0) return { ok: false, message: `${CHECK_ARG}: expected skip=RuleA,RuleB or skip=all, got "${part.trim()}"` };
    for (const id of part.slice(eq + 1).split(",").map((s) => s.trim()).filter(Boolean)) {
      const problem = unknownRule(id);
      if (problem !== undefined) return { ok: false, message: `${CHECK_ARG}: ${problem}` };
      skip.push(id);
    }
  }
  return { ok: true, skip };
}

/** By file (pydock.toml first, then by name), line and column. */
function sorted(results: Diagnostic[], buildFile: string | undefined): Diagnostic[] {
  const rank = (file: string) => (file === buildFile ? "" : file);
  return results.sort(
    (a, b) =>
      rank(a.file).localeCompare(rank(b.file)) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  );
}
