/**
 * Looking at a plan in tests: the plan of a pydock.toml and project (through the real planProject), its
 * stages, and the steps in them.
 */
import { expect } from "vitest";
import type { BuildPlan, CopyStep, DirStep, RunStep, StageName, StagePlan, Step } from "../../src/plan/types.js";
import { stageOf } from "../../src/plan/types.js";
import { BUILD_DIR } from "../../src/plan/constants.js";
import { CA_SECRET_ID, RUN_WRAPPER } from "../../src/plan/wrapper.js";
import { toolLock } from "../../src/plan/managers/manager.js";
import { planOk, type CompileCase } from "./compile.js";

/** A [python] table, so that the Python version need not be detected. */
export const PY = `[python]\nversion = "3.12"\n`;

/** The name of the first venv step (after apt, when there are system packages): the run wrapper. */
export const WRAPPER_STEP_NAME = "write the install wrapper (CA bundle secret)";

/**
 * The names of the first venv steps of a plan without system packages: the wrapper, the install of the
 * manager (`tool`, e.g. "pip==25.3"; from its pinned set when this release has one) and the application venv.
 */
export const setupStepNames = (tool: string, venv = "/app/.venv"): string[] => {
  const [manager = "", version = ""] = (tool.split(" ")[0] ?? "").split("==");
  const install = toolLock(manager, version) !== undefined ? `install ${tool} (pinned set, hash-checked)` : `install ${tool}`;
  return [WRAPPER_STEP_NAME, install, `python -m venv --copies ${venv}`];
};

/**
 * The environment every install step starts with: the manager's tool venv first on PATH (command lines
 * name the tools bare), the application venv, no debug info in C extensions built from source.
 */
export const installEnv = (manager: string, venv = "/app/.venv"): Record<string, string> => ({
  PATH: `/opt/pydock/${manager}/bin:\${PATH}`,
  VIRTUAL_ENV: venv,
  CFLAGS: "-g0",
});

export type PlanOptions = Omit<CompileCase, "text" | "files">;

/** The plan of pydock.toml `text` for the project `files` (a UserError with the diagnostics when it fails). */
export function plan(text: string, files: CompileCase["files"], o: PlanOptions = {}): BuildPlan {
  return planOk({ ...o, text, files }).plan;
}

/** The stage of that name, which the plan must have. */
export function stage(p: BuildPlan, name: StageName): StagePlan {
  const s = stageOf(p, name);
  if (!s) throw new Error(`the plan has no ${name} stage (${p.stages.map((x) => x.name).join(", ")})`);
  return s;
}
/** The venv stage's steps up to the install, without the library finding that ends it (runtime-libraries.test.ts). */
export const venvSteps = (p: BuildPlan): readonly Step[] => stage(p, "venv").steps.filter((s) => s.name !== FIND_LIBRARIES_STEP);
/** The name of the step that ends the venv stage when auto-system-packages is on. */
export const FIND_LIBRARIES_STEP = "find the shared libraries the venv links that the runtime image lacks";
export const runtimeSteps = (p: BuildPlan): readonly Step[] => stage(p, "runtime").steps;

export const runs = (steps: readonly Step[]): RunStep[] => steps.filter((s): s is RunStep => s.kind === "run");
export const copies = (steps: readonly Step[]): CopyStep[] => steps.filter((s): s is CopyStep => s.kind === "copy");
export const names = (steps: readonly Step[]): string[] => steps.map((s) => s.name);
export const envOf = (s: RunStep): Record<string, string> => Object.fromEntries(s.env);

export function runStep(s: Step | undefined): RunStep {
  if (s?.kind !== "run") throw new Error(`not a run step: ${JSON.stringify(s)}`);
  return s;
}

export function copyStep(s: Step | undefined): CopyStep {
  if (s?.kind !== "copy") throw new Error(`not a copy step: ${JSON.stringify(s)}`);
  return s;
}

/** The steps that create the runtime user's directories (at most one per stage). */
export const dirSteps = (steps: readonly Step[]): DirStep[] => steps.filter((s): s is DirStep => s.kind === "dirs");

/** Does the step reach a package index (it gets the optional ca-certificates secret)? */
export const reachesIndex = (s: RunStep): boolean => s.secrets.some((x) => x.id === CA_SECRET_ID);

/**
 * The shell script of a run step. Steps that reach an index (those with the ca-certificates secret) run it
 * through the wrapper (`RUN_WRAPPER /bin/sh -c SCRIPT`); every other step without a wrapper.
 */
export function script(s: Step | undefined): string {
  const r = runStep(s);
  expect(r.wrapper, r.name).toBe(reachesIndex(r) ? RUN_WRAPPER : undefined);
  if (r.command.kind !== "shell") throw new Error(`${r.name}: not a shell command: ${JSON.stringify(r.command)}`);
  return r.command.script;
}

/** The secrets of a step the user declared (without the implicit ca-certificates one). */
export const userSecrets = (s: RunStep) => s.secrets.filter((x) => x.id !== CA_SECRET_ID);

/** The step whose name matches. */
export function find(steps: readonly Step[], name: RegExp): Step {
  const s = steps.find((x) => name.test(x.name));
  if (!s) throw new Error(`no step ${name} in ${steps.map((x) => x.name).join(" | ")}`);
  return s;
}

/** The step that installs the dependencies: the first venv step run in the build directory. */
export function installStep(p: BuildPlan): RunStep {
  const s = runs(venvSteps(p)).find((x) => x.cwd === BUILD_DIR);
  if (!s) throw new Error("no install step");
  return s;
}
