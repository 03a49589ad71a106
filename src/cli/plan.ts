/**
 * `pydock plan`: what a build of pydock.toml would do, in plain words (describePlan), without a daemon.
 * The plan is made by planProject() from the same inputs a build has; what pydock detected and any other
 * warnings go to stderr as the build output shows them, errors as `file:line:col: message` with exit 1.
 */
import { planProject, type PlanSettings } from "../compile.js";
import { describePlan } from "../plan/describe.js";
import type { ProjectInput } from "./context.js";
import { EXIT, errorLines, warningLines, type CommandResult } from "./output.js";

export interface BuildSettings {
  /** "runtime", "venv" or a [targets.NAME]. */
  readonly target: string;
  /** `--build-arg`s. */
  readonly buildArgs: ReadonlyMap<string, string>;
}

/** The planner's input for `input` built with `settings`. */
export function planSettings(input: ProjectInput, settings: BuildSettings): PlanSettings {
  return {
    buildFile: input.buildFile,
    files: input.files,
    target: settings.target,
    buildArgs: settings.buildArgs,
    revision: input.revision,
    sourceUrl: input.sourceUrl,
    dockerignore: input.dockerignore,
  };
}

export function planCommand(input: ProjectInput, settings: BuildSettings): CommandResult {
  const planned = planProject(planSettings(input, settings));
  const warnings = warningLines(planned.warnings, input.display);
  if (!planned.ok) return { stdout: "", stderr: warnings + errorLines(planned.diagnostics, input.display), exitCode: EXIT.problems };
  return { stdout: describePlan(planned.plan), stderr: warnings, exitCode: EXIT.ok };
}
