/**
 * The build plan: what to build, as plain data. `planBuild` makes it from the validated config and the
 * project's files; `planToLLB` turns it into LLB. Nothing here knows about protobuf or the gateway.
 */
import type { KeyPath, ManagerName } from "../config/model.js";

/** A BuildKit cache mount: survives across builds, never part of a layer. */
export interface CacheMount {
  readonly id: string;
  readonly target: string;
  readonly sharing: "shared" | "private" | "locked";
}

/** A build secret as the install step sees it. */
export interface SecretMount {
  readonly id: string;
  /** Exposed as this environment variable (needs the daemon's exec.secretenv cap). */
  readonly env?: string;
  /** Or mounted as this file. */
  readonly target?: string;
  readonly required: boolean;
}

/** Where a step comes from in pydock.toml, for error messages and the build progress. */
export interface StepOrigin {
  readonly path: KeyPath;
}

/** A command run in a container of the stage. */
export interface RunStep {
  readonly kind: "run";
  /** Shown in the build progress, e.g. "poetry install --only main". */
  readonly name: string;
  readonly args: readonly string[];
  readonly env: readonly (readonly [string, string])[];
  readonly cwd: string;
  readonly caches: readonly CacheMount[];
  readonly secrets: readonly SecretMount[];
  readonly ssh: boolean;
  readonly origin?: StepOrigin;
}

/** Files copied into the stage from the build context or from another stage. */
export interface CopyStep {
  readonly kind: "copy";
  readonly name: string;
  readonly from: "context" | "venv" | "git";
  /** Path in the source (relative to the context root, or absolute in a stage). */
  readonly src: string;
  /** Absolute destination. A directory when `src` is a directory or ends with "/". */
  readonly dest: string;
  readonly exclude: readonly string[];
  /** Copy the directory's contents rather than the directory itself. */
  readonly contents: boolean;
  /** Layer on its own (merged) rather than on top of the previous step: a change here rebuilds only this layer. */
  readonly independent: boolean;
  readonly origin?: StepOrigin;
}

/** A file written by the frontend itself. */
export interface FileStep {
  readonly kind: "file";
  readonly name: string;
  readonly path: string;
  readonly data: string;
  readonly mode: number;
  readonly independent: boolean;
  readonly origin?: StepOrigin;
}

export type Step = RunStep | CopyStep | FileStep;

export interface StagePlan {
  readonly name: "venv" | "git" | "runtime";
  /** Image reference as written (pinned to a digest by the converter), or null for an empty filesystem. */
  readonly base: string | null;
  readonly steps: readonly Step[];
}

/** The image configuration pydock adds over the base image's own. */
export interface ImagePlan {
  readonly user: string;
  readonly workdir: string;
  /** Set in order over the base image's Env; "PATH" entries may use "${PATH}" for the base's value. */
  readonly env: readonly (readonly [string, string])[];
  readonly entrypoint: readonly string[] | undefined;
  readonly cmd: readonly string[] | undefined;
  readonly exposedPorts: readonly string[];
  readonly labels: readonly (readonly [string, string])[];
  readonly stopSignal: string;
  readonly healthcheck:
    | {
        readonly test: readonly string[];
        readonly intervalMs: number;
        readonly timeoutMs: number;
        readonly startPeriodMs: number;
        readonly retries: number;
      }
    | undefined;
}

export interface BuildPlan {
  readonly target: string;
  readonly python: { readonly version: string; readonly distro: string };
  readonly manager: { readonly name: ManagerName; readonly version: string };
  /** What gets installed: the selection the SBOM describes. */
  readonly selection: {
    readonly groups: readonly string[] | undefined;
    readonly extras: readonly string[];
    readonly requirements: readonly string[];
  };
  /** From pyproject.toml, when it names the project. */
  readonly project: { readonly name: string | undefined; readonly version: string | undefined };
  readonly venvPath: string;
  readonly venv: StagePlan;
  /** Absent when there is no commit id to record, or [git] version-file = "". */
  readonly git: StagePlan | undefined;
  readonly runtime: StagePlan;
  /** The stage whose result is returned: "runtime", or "venv" for the debugging target. */
  readonly output: "venv" | "runtime";
  readonly image: ImagePlan;
  /** Things the user should know that do not fail the build. */
  readonly warnings: readonly string[];
}
