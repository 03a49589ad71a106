/**
 * `pydock check`: the problems a build of pydock.toml would report, without building — the file's errors
 * and warnings (loadConfig) and the plan's (planProject) for every target, or the one `--target` names —
 * then the lint rules' results (src/lint, the same as `docker buildx build --check`; they include the plan's
 * warnings as rule results). Text is one `file:line:col: message` a line (warnings and infos say so); JSON is
 * an array of {rule, severity, file, line, column, message}. Exit 1 on an error, or on a warning with
 * `--strict`; infos never fail. `--build-arg PYDOCK_CHECK=skip=RuleA,RuleB` skips rules, as in a build.
 */
import { planProject, type Planned, type PlanSettings } from "../compile.js";
import { loadConfig } from "../config/load.js";
import { formatDiagnostic, tidyDiagnostics, type Diagnostic } from "../core/diagnostics.js";
import type { ProjectInput } from "./context.js";
import { CHECK_ARG, lint, parseCheckArg } from "../lint/lint.js";
import { EXIT, UsageError, type CommandResult } from "./output.js";
import { planSettings, type BuildSettings } from "./plan.js";

/** A target that planned, and what it was planned from. */
export type PlannedTarget = Extract<Planned, { ok: true }> & { readonly settings: PlanSettings };

/** A check run on every target that plans; returns what it finds, as diagnostics with a rule code. */
export type Check = (planned: PlannedTarget, input: ProjectInput) => readonly Diagnostic[];

/** The lint rules, skipping what `[check] skip` and the PYDOCK_CHECK build argument name. */
const lintRules: Check = (planned, input) => {
  const arg = planned.settings.buildArgs.get(CHECK_ARG);
  const parsed = arg === undefined ? undefined : parseCheckArg(arg);
  if (parsed && !parsed.ok) throw new UsageError(parsed.message);
  return lint(planned, { project: planned.settings.files, dockerignore: input.dockerignore.join("\n") }, parsed ? { skip: parsed.skip } : {});
};

/** The checks beyond the planner's own: the lint rules (which also report the plan's warnings). */
export const CHECKS: readonly Check[] = [lintRules];

/** Every check's findings for one planned target. */
export function checks(planned: PlannedTarget, input: ProjectInput, list: readonly Check[] = CHECKS): Diagnostic[] {
  return list.flatMap((check) => check(planned, input));
}

export interface CheckSettings extends Omit<BuildSettings, "target"> {
  /** One target; undefined: runtime and every [targets.NAME]. */
  readonly target: string | undefined;
  readonly format: "text" | "json";
  readonly strict: boolean;
}

/** All of the file's diagnostics, errors and warnings, sorted by position, each once. */
export function diagnose(input: ProjectInput, settings: Omit<CheckSettings, "format" | "strict">, list: readonly Check[] = CHECKS): Diagnostic[] {
  const loaded = loadConfig(input.buildFile, { buildArgs: settings.buildArgs });
  if (!loaded.ok) return loaded.diagnostics;
  const targets = settings.target !== undefined ? [settings.target] : ["runtime", ...[...loaded.config.targets.keys()].filter((t) => t !== "runtime")];
  const found: Diagnostic[] = [];
  for (const target of targets) {
    const s = planSettings(input, { target, buildArgs: settings.buildArgs });
    const planned = planProject(s);
    // The lint rules report the plan's warnings themselves (as rule results); without them, report them here.
    const warnings = planned.ok && list.includes(lintRules) ? [] : planned.warnings;
    found.push(...warnings, ...(planned.ok ? checks({ ...planned, settings: s }, input, list) : planned.diagnostics));
  }
  return tidyDiagnostics(found);
}

export function checkCommand(input: ProjectInput, settings: CheckSettings, list: readonly Check[] = CHECKS): CommandResult {
  const diagnostics = diagnose(input, settings, list);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const failed = errors > 0 || (settings.strict && warnings > 0);
  const exitCode = failed ? EXIT.problems : EXIT.ok;
  if (settings.format === "json") {
    const json = diagnostics.map((d) => ({
      rule: d.code,
      severity: d.severity,
      file: input.display(d.file),
      line: d.range.start.line,
      column: d.range.start.column,
      message: d.message,
    }));
    return { stdout: JSON.stringify(json, null, 2) + "\n", stderr: "", exitCode };
  }
  const lines = diagnostics.map((d) => formatDiagnostic({ ...d, file: input.display(d.file), message: d.severity === "error" ? d.message : `${d.severity}: ${d.message}` }));
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const summary = `${input.display(input.buildFile.name)}: ${count(errors, "error")}, ${count(warnings, "warning")}${settings.strict && warnings > 0 && errors === 0 ? " (--strict fails on warnings)" : ""}\n`;
  return { stdout: lines.map((l) => l + "\n").join(""), stderr: summary, exitCode };
}
