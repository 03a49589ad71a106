/**
 * The build plan: what to build, as plain data. `planBuild` makes it from the validated config and the
 * project's files; `planToLLB` turns it into LLB. Nothing here knows about protobuf or the gateway, and
 * nothing in it is text to be parsed again: commands, wrappers, secrets and mounts are fields.
 */
import type { Command, KeyPath, ManagerName } from "../config/model.js";
import type { SmokeTest } from "./smoke-test.js";
import type { AddedServerPlan } from "./added-server.js";

/** A BuildKit cache mount: survives across builds, never part of a layer. */
export interface CacheMount {
  readonly id: string;
  readonly target: string;
  readonly sharing: "shared" | "private" | "locked";
}

/**
 * A build secret as a step sees it: exposed as the environment variable `env` (where the daemon lacks the
 * exec.secretenv cap, read from its file by the step's shell) or mounted as the file `target`.
 */
export interface SecretMount {
  readonly id: string;
  readonly env?: string;
  readonly target?: string;
  readonly required: boolean;
  /** The [[secrets]] entry that declares it, for the error when a required secret is not given. */
  readonly origin?: StepOrigin;
}

/** Where a step comes from in pydock.toml, for error messages and the build progress. */
export interface StepOrigin {
  readonly path: KeyPath;
}

/** A command as the argv the container runs: exec form as written, shell form through /bin/sh -c. */
export function commandArgs(cmd: Command): string[] {
  return cmd.kind === "exec" ? [...cmd.args] : ["/bin/sh", "-c", cmd.script];
}

/** A command run in a container of the stage. */
export interface RunStep {
  readonly kind: "run";
  /** Shown in the build progress, e.g. "poetry install --only main". */
  readonly name: string;
  /** An argv (exec) or a script for /bin/sh -c (shell). */
  readonly command: Command;
  /** A program the command runs through (its path, then the command's argv), e.g. the CA-bundle wrapper. */
  readonly wrapper?: string;
  /** Set in order over the stage's environment; values may use "${PATH}" for the value before. */
  readonly env: readonly (readonly [string, string])[];
  readonly cwd: string;
  /** "UID:GID" the command runs as; absent: root. */
  readonly user?: string;
  readonly caches: readonly CacheMount[];
  readonly secrets: readonly SecretMount[];
  readonly ssh: boolean;
  /** Read-only views of other filesystems: a base image, or a file of an earlier stage. */
  readonly mounts?: readonly ReadonlyMount[];
  readonly origin?: StepOrigin;
}

/**
 * A read-only bind mount on a run step: an image (by the normalised reference a stage of the plan uses as its
 * base, so it is resolved with the others) or a path of an earlier stage. A stage path mount's cache key is
 * the content of that path alone: an unchanged file keeps the step cached while the rest of its stage changed.
 */
export type ReadonlyMount =
  | { readonly kind: "image"; readonly image: string; readonly target: string }
  | { readonly kind: "stage"; readonly stage: StageName; readonly path: string; readonly target: string };

/** Files copied into the stage from the build context or from another stage. */
export interface CopyStep {
  readonly kind: "copy";
  readonly name: string;
  /** "context", or the name of an earlier stage. */
  readonly from: "context" | StageName;
  /** Path in the source (relative to the context root, or absolute in a stage). */
  readonly src: string;
  /** Absolute destination. A directory when `src` is a directory or ends with "/". */
  readonly dest: string;
  readonly exclude: readonly string[];
  /** Copy the directory's contents rather than the directory itself. */
  readonly contents: boolean;
  /** "UID:GID" owning every copied entry (`[app] owner = "runtime"`); absent: as in the source (root). */
  readonly owner?: string;
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

/**
 * Directories the frontend creates, owned by a user (the runtime user's writable places). On a layer of
 * their own, laid after the copies, so their owner and mode win over the copies' parent directories.
 */
export interface DirStep {
  readonly kind: "dirs";
  readonly name: string;
  readonly paths: readonly string[];
  /** "UID:GID". */
  readonly owner: string;
  readonly independent: boolean;
  readonly origin?: StepOrigin;
}

export type Step = RunStep | CopyStep | FileStep | DirStep;

export type StageName = "venv" | "git" | "runtime";

/** Where a stage's base image was chosen: a key of pydock.toml, or the project file detection read it from. */
export type BaseOrigin = { readonly path: KeyPath } | { readonly file: string; readonly line?: number };

export interface StagePlan {
  readonly name: StageName;
  /** Normalised image reference (pinned to a digest when resolved), or null for an empty filesystem. */
  readonly base: string | null;
  /** Used when `base` cannot be resolved: the minor-version image for a patch pin (python:3.11 for 3.11.9). */
  readonly baseFallback?: string;
  /** What chose the base image, for an error when it cannot be resolved. */
  readonly baseOrigin?: BaseOrigin;
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
  /**
   * The stages in build order: venv, git (absent when there is no commit id to record, or [git]
   * version-file = ""), runtime. A stage copies only from the context and from stages before it.
   */
  readonly stages: readonly StagePlan[];
  /** The stage whose result is returned: "runtime", or "venv" for the debugging target. */
  readonly output: "venv" | "runtime";
  readonly image: ImagePlan;
  /**
   * The venv stage lists the packages its shared libraries need (runtime-libraries.ts) and the runtime
   * stage installs them; the frontend names them in the image's AUTO_PACKAGES_LABEL label.
   */
  readonly autoSystemPackages: boolean;
  /** The production server pydock adds to the venv (added-server.ts): the SBOM lists its packages too. */
  readonly addedServer?: AddedServerPlan;
  /** The check run on the finished runtime image before it is returned (smoke-test.ts); absent when off. */
  readonly smokeTest?: SmokeTest;
}

/** The stage of that name; undefined for a stage the plan leaves out (git). */
export function stageOf(plan: BuildPlan, name: StageName): StagePlan | undefined {
  return plan.stages.find((s) => s.name === name);
}

/** The stage the build returns. */
export function outputStage(plan: BuildPlan): StagePlan {
  const stage = stageOf(plan, plan.output);
  if (!stage) throw new Error(`internal: the plan has no ${plan.output} stage`);
  return stage;
}
