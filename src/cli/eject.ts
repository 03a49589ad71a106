/**
 * `pydock eject`: an equivalent multi-stage Dockerfile for the plan of pydock.toml (src/eject), for users
 * who leave pydock, written to stdout or `-o FILE`. The differences from pydock's own build are listed in
 * the file's header; what pydock detected goes to stderr, errors as `file:line:col: message` with exit 1.
 */
import { planProject } from "../compile.js";
import { ejectDockerfile } from "../eject/dockerfile.js";
import type { ProjectInput } from "./context.js";
import { EXIT, errorLines, warningLines, type CommandResult } from "./output.js";
import { planSettings, type BuildSettings } from "./plan.js";

export function ejectCommand(input: ProjectInput, settings: BuildSettings & { readonly output: string | undefined }): CommandResult {
  const planned = planProject(planSettings(input, settings));
  const warnings = warningLines(planned.warnings, input.display);
  if (!planned.ok) return { stdout: "", stderr: warnings + errorLines(planned.diagnostics, input.display), exitCode: EXIT.problems };
  const dockerfile = ejectDockerfile(planned.plan, { filename: settings.output ?? "Dockerfile", epoch: planned.epoch });
  return { stdout: dockerfile, stderr: warnings, exitCode: EXIT.ok };
}
