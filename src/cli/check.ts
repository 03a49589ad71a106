/**
 * `pydock check`: the problems a build of pydock.toml would report, without building — the file's errors
 * and warnings (loadConfig) and the plan's (planProject) for every target, or the one `--target` names —
 * then the results of the {@link CHECKS} (lint rules join that list). Text is one `file:line:col: message`
 * a line (warnings say so); JSON is an array of {rule, severity, file, line, column, message}. Exit 1 on
 * an error, or on a warning with `--strict`; 0 otherwise.
 */
import { planProject, type Planned, type PlanSettings } from "../compile.js";
import { loadConfig } from "../config/load.js";
import { formatDiagnostic, tidyDiagnostics, type Diagnostic } from "../core/diagnostics.js";
import type { ProjectInput } from "./context.js";
import { EXIT, type CommandResult } from "./output.js";
import { planSettings, type BuildSettings } from "./plan.js";

/** A target that planned, and what it was planned from. */
export type PlannedTarget = Extract<Planned, { ok: true }> & { readonly settings: PlanSettings };

/** A check run on every target that plans; returns what it finds, as diagnostics with a rule code. */
export type Check = (planned: PlannedTarget) => readonly Diagnostic[];

/** The checks beyond the planner's own. Empty for now: lint rules (src/lint) are added here. */
export const CHECKS: readonly Check[] = [];

/** Every check's findings for one planned target. */
export function checks(planned: PlannedTarget, list: readonly Check[] = CHECKS): Diagnostic[] {
  return list.flatMap((check) => check(planned));
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
    found.push(...planned.warnings, ...(planned.ok ? checks({ ...planned, settings: s }, list) : planned.diagnostics));
  }
  return tidyDiagnostics(found);
}

export function checkCommand(input: ProjectInput, settings: CheckSettings, list: readonly Check[] = CHECKS): CommandResult {
  const diagnostics = diagnose(input, settings, list);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
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
  const lines = diagnostics.map((d) => formatDiagnostic({ ...d, file: input.display(d.file), message: d.severity === "warning" ? `warning: ${d.message}` : d.message }));
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const summary = `${input.display(input.buildFile.name)}: ${count(errors, "error")}, ${count(warnings, "warning")}${settings.strict && warnings > 0 && errors === 0 ? " (--strict fails on warnings)" : ""}\n`;
  return { stdout: lines.map((l) => l + "\n").join(""), stderr: summary, exitCode };
}
