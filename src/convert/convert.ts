/**
 * planToLLB: BuildPlan → LLB states, one per stage. Pure: base images arrive already resolved (pinned
 * digest and config), the build context arrives as a State.
 *
 * Layering: every step is its own layer, stacked in the plan's order on every daemon. Steps marked
 * `independent` (the venv copy, each application copy, the version file, the user's directories) are made on
 * an empty filesystem and then laid over the stage with the build's time, so the directories they add to
 * (/app) get that time too. MergeOp is not used even where the daemon has it: measured on buildkitd v0.32
 * (bench/README.md), merging the runtime stage's layers cost 0.8 s on every rebuild that changed one of them
 * (the merged snapshot is materialised for the build command that follows), while re-applying the copies
 * after the changed one costs a few milliseconds each.
 */
import type { Command, KeyPath } from "../config/model.js";
import type { Range } from "../core/diagnostics.js";
import type { Platform } from "../core/platform.js";
import * as llb from "../llb/index.js";
import type { OpOptions, SourceLocation, SourceMap } from "../llb/marshal.js";
import { shellQuote } from "../core/text.js";
import { commandArgs, type BuildPlan, type CopyStep, type DirStep, type FileStep, type ReadonlyMount, type RunStep, type SecretMount, type StageName, type StagePlan, type Step } from "../plan/types.js";

/** A base image resolved by the gateway. */
export interface ResolvedBase {
  /** `name@sha256:…`: what the LLB pulls, so the build is repeatable. */
  readonly pinned: string;
  readonly config: llb.ImageConfig;
}

export interface ConvertInput {
  readonly plan: BuildPlan;
  readonly context: llb.State;
  /** Resolved base images, keyed by the (normalised) reference the plan names. */
  readonly bases: ReadonlyMap<string, ResolvedBase>;
  readonly platform: Platform;
  /** pydock.toml, for pointing failing steps at their key. */
  readonly source: SourceMap;
  readonly locate: (path: KeyPath) => Range | undefined;
  /** LLB caps the daemon has; secrets as env need `exec.secretenv`. */
  readonly llbCaps: ReadonlySet<string>;
  /** `--no-cache`: true for every step, or the names of the stages to rebuild (`--no-cache-filter venv`). */
  readonly ignoreCache: boolean | readonly string[];
  /**
   * SOURCE_DATE_EPOCH in seconds: every file a step writes gets this modification time, so the same inputs
   * give the same layers. Undefined keeps the times the steps produce.
   */
  readonly epoch?: number | undefined;
}

export interface ConvertResult {
  /** Every stage's final state, by name. */
  readonly stages: ReadonlyMap<StageName, llb.State>;
  /** The state the target returns. */
  readonly output: llb.State;
  /** The output stage's state after each of its steps, in order (the last is {@link output}). */
  readonly outputSteps: readonly llb.State[];
}

export function planToLLB(input: ConvertInput): ConvertResult {
  const stages = new Map<StageName, llb.State>();
  let outputSteps: llb.State[] = [];
  for (const stage of input.plan.stages) {
    const steps = convertStage(stage, input, stages);
    stages.set(stage.name, steps.at(-1) ?? baseState(stage, input));
    if (stage.name === input.plan.output) outputSteps = steps;
  }
  const output = stages.get(input.plan.output);
  if (!output) throw new Error(`internal: the plan has no ${input.plan.output} stage`);
  return { stages, output, outputSteps };
}

type Stages = ReadonlyMap<StageName, llb.State>;

function baseState(stage: StagePlan, input: ConvertInput): llb.State {
  if (stage.base === null) return llb.scratch();
  const base = input.bases.get(stage.base);
  if (!base) throw new Error(`internal: base image ${stage.base} was not resolved`);
  return llb.image(base.pinned, { platform: input.platform, config: base.config, customName: `[${stage.name}] FROM ${base.pinned}` });
}

/** The stage's state after each of its steps. */
function convertStage(stage: StagePlan, input: ConvertInput, stages: Stages): llb.State[] {
  let state = baseState(stage, input);
  const after: llb.State[] = [];
  stage.steps.forEach((step, i) => {
    const opts = stepOptions(stage, i, step, input);
    if (step.kind !== "run" && step.independent && input.epoch !== undefined) {
      // Copying onto the stage would give the directories it adds to (/app) the current time. Build the
      // layer on its own, then lay it over the stage with times.
      const layer = applyFileStep(llb.scratch(), step, opts, { ...input, epoch: undefined }, stages);
      const timestamp = new Date(input.epoch * 1000);
      state = state.file(llb.copy(layer, "/", "/", { dirCopyContents: true, timestamp }), { ...opts, customName: `${opts.customName ?? step.name} (apply)` });
    } else {
      state = step.kind === "run" ? applyRun(state, stage, step, opts, input, stages) : applyFileStep(state, step, opts, input, stages);
    }
    after.push(state);
  });
  return after;
}

function stepOptions(stage: StagePlan, i: number, step: Step, input: ConvertInput): OpOptions {
  // The step's key, and the [[secrets]] entries it reads: a failing step shows every table that shaped it.
  const origins = [step.origin, ...(step.kind === "run" ? step.secrets.map((x) => x.origin) : [])];
  return opOptions(`[${stage.name} ${i + 1}/${stage.steps.length}] ${step.name}`, origins.flatMap((o) => (o ? [o.path] : [])), stage.name, input);
}

/** An op's progress name, its pydock.toml ranges (the keys `paths`), and no-cache when its stage is rebuilt. */
export function opOptions(customName: string, paths: readonly KeyPath[], stage: StageName, input: Pick<ConvertInput, "locate" | "source" | "ignoreCache">): OpOptions {
  const ranges = paths
    .map((p) => input.locate(p))
    .filter((r): r is Range => r !== undefined)
    .map((r) => ({ start: { line: r.start.line, character: r.start.column - 1 }, end: { line: r.end.line, character: r.end.column - 1 } }));
  const sourceLocation: SourceLocation | undefined = ranges.length > 0 ? { source: input.source, ranges } : undefined;
  const ignoreCache = input.ignoreCache === true || (Array.isArray(input.ignoreCache) && input.ignoreCache.includes(stage));
  return { customName, ...(sourceLocation ? { sourceLocation } : {}), ...(ignoreCache ? { ignoreCache: true } : {}) };
}

/**
 * Whether a stage's own layers end up in the image. The venv stage's do only for the `venv` target: the
 * runtime image takes the venv through a copy that sets every time itself, so its install steps can skip
 * the (costly) normalisation.
 */
function shipsLayers(stage: StagePlan, input: ConvertInput): boolean {
  return stage.name !== "venv" || input.plan.output === "venv";
}

function applyRun(state: llb.State, stage: StagePlan, step: RunStep, opts: OpOptions, input: ConvertInput, stages: Stages): llb.State {
  const env: [string, string][] = [];
  for (const [k, v] of step.env) {
    const previous = env.find(([key]) => key === k)?.[1] ?? state.getEnv(k) ?? (k === "PATH" ? llb.DEFAULT_PATH : "");
    env.push([k, v.replace(/\$\{PATH\}/g, previous)]);
  }
  // Build tools (setuptools, hatchling, wheel) stamp archives with SOURCE_DATE_EPOCH when it is set.
  if (input.epoch !== undefined) env.push(["SOURCE_DATE_EPOCH", String(input.epoch)]);
  const mounts: llb.Mount[] = step.caches.map((c) => llb.cacheMount(c.target, { id: c.id, sharing: c.sharing }));
  const secretEnv: llb.SecretEnv[] = [];
  let command = step.command;
  const checks: string[] = [];
  for (const s of step.secrets) {
    // Required secrets are mounted as optional and checked by the step, so a missing one fails with a
    // message naming its [[secrets]] entry and how to pass it, rather than BuildKit's "secret ID: not found".
    if (s.env !== undefined && input.llbCaps.has("exec.secretenv")) {
      secretEnv.push({ id: s.id, name: s.env, optional: true });
      // BuildKit sets an optional secret's variable to "" when the client did not give it: test for a value.
      if (s.required) checks.push(requiredSecretCheck(s, `[ -n "\${${s.env}:-}" ]`, input));
      continue;
    }
    const path = s.target ?? `/run/secrets/${s.id}`;
    mounts.push(llb.secretMount(path, { id: s.id, optional: true }));
    if (s.required) checks.push(requiredSecretCheck(s, `[ -f ${path} ]`, input));
    // A daemon without exec.secretenv (before BuildKit 0.10): read the file into the variable in the step.
    if (s.env !== undefined) command = withSecretEnv(command, s.env, path);
  }
  if (checks.length > 0) command = prefixed(command, checks.join(" "));
  let args: readonly string[] = commandArgs(command);
  if (step.wrapper !== undefined) args = [step.wrapper, ...args];
  if (step.ssh) mounts.push(llb.sshMount({}));
  for (const m of step.mounts ?? []) mounts.push(readonlyMount(m, input, stages));
  // Builds write temporary files; keep them out of the layer.
  mounts.push(llb.tmpfsMount("/tmp"));
  if (input.epoch !== undefined && shipsLayers(stage, input)) args = withEpochTimes(args, input.epoch, step.caches.map((c) => c.target));
  return state
    .run({ ...opts, args, env, cwd: step.cwd, mounts, ...(step.user ? { user: step.user } : {}), ...(secretEnv.length ? { secretEnv } : {}) })
    .root();
}

/** A read-only view for a run step: an image the plan resolved, or one path of an earlier stage (a selector). */
function readonlyMount(m: ReadonlyMount, input: ConvertInput, stages: Stages): llb.Mount {
  if (m.kind === "image") {
    const base = input.bases.get(m.image);
    if (!base) throw new Error(`internal: image ${m.image} was not resolved`);
    return llb.bindMount(m.target, llb.image(base.pinned, { platform: input.platform }), { readonly: true });
  }
  const from = stages.get(m.stage);
  if (!from) throw new Error(`internal: stage ${m.stage} is not built`);
  return llb.bindMount(m.target, from, { readonly: true, selector: m.path });
}

function applyFileStep(state: llb.State, step: CopyStep | FileStep | DirStep, opts: OpOptions, input: ConvertInput, stages: Stages): llb.State {
  const timestamp = input.epoch !== undefined ? new Date(input.epoch * 1000) : undefined;
  const times = timestamp ? { timestamp } : {};
  if (step.kind === "dirs") {
    // Parents first, root's (BuildKit gives every directory a make-parents mkdir creates to its owner, and
    // this layer's /var must not become the app user's); then each directory itself, the user's.
    const mkdirs: (readonly [string, number, llb.MkdirOptions])[] = [];
    // Shallowest first: a directory listed after one of its children would already exist (as root's parent).
    const byDepth = [...step.paths].sort((a, b) => a.split("/").length - b.split("/").length);
    for (const path of byDepth) {
      const parent = path.slice(0, path.lastIndexOf("/"));
      if (parent !== "") mkdirs.push([parent, 0o755, { makeParents: true, ...times }]);
      mkdirs.push([path, 0o755, { owner: step.owner, ...times }]);
    }
    const [first, ...rest] = mkdirs;
    if (first === undefined) return state;
    const action = rest.reduce((a, m) => a.mkdir(...m), llb.mkdir(...first));
    return state.file(action, opts);
  }
  if (step.kind === "file") {
    const parent = step.path.slice(0, step.path.lastIndexOf("/")) || "/";
    const action = llb.mkdir(parent, 0o755, { makeParents: true, ...times }).mkfile(step.path, step.mode, step.data, times);
    return state.file(action, opts);
  }
  const from = step.from === "context" ? input.context : stages.get(step.from);
  if (!from) throw new Error(`internal: stage ${step.from} is not built`);
  const src = step.src === "." ? "/" : step.from === "context" ? `/${step.src}` : step.src;
  const copyOptions: llb.CopyOptions = {
    dirCopyContents: step.contents,
    createDestPath: true,
    followSymlinks: true,
    allowWildcard: true,
    allowEmptyWildcard: true,
    ...(step.exclude.length ? { excludePatterns: step.exclude } : {}),
    ...(step.owner ? { owner: step.owner } : {}),
    ...times,
  };
  const copied = state.file(llb.copy(from, src, step.dest, copyOptions), opts);
  if (!timestamp || !state.isScratch) return copied;
  // On an empty layer the copy also creates the destination's parents (/app for /app/blog), and adding
  // entries gives them the current time. Copying the layer once more with a timestamp sets every entry,
  // directories after their contents, to the epoch.
  return llb.scratch().file(llb.copy(copied, "/", "/", { dirCopyContents: true, timestamp }), { customName: `${opts.customName ?? "copy"} (timestamps)`, ...(opts.ignoreCache ? { ignoreCache: true } : {}) });
}

/** The command with `export NAME="$(cat FILE)"` (when the file is there) run first, in the same shell. */
function withSecretEnv(command: Command, name: string, file: string): Command {
  return prefixed(command, `if [ -f ${file} ]; then export ${name}="$(cat ${file})"; fi; `);
}

/** The command with shell code run first, in the same shell (an argv is exec'd unchanged after it). */
function prefixed(command: Command, code: string): Command {
  if (command.kind === "shell") return { kind: "shell", script: code + command.script };
  return { kind: "exec", args: ["/bin/sh", "-c", `${code}exec "$@"`, "pydock-secret", ...command.args] };
}

/** Shell code failing the step, with what to do, when the required secret `s` was not given (`test` is false). */
function requiredSecretCheck(s: SecretMount, test: string, input: ConvertInput): string {
  const range = s.origin ? input.locate(s.origin.path) : undefined;
  const where = range ? ` ([[secrets]] at ${input.source.filename}:${range.start.line})` : "";
  const pass = s.env !== undefined ? `env=VARIABLE (or src=FILE)` : `src=FILE (or env=VARIABLE)`;
  const message = `pydock: the build secret "${s.id}" is required${where}: pass it with docker build --secret id=${s.id},${pass}`;
  return `if ! ${test}; then echo ${shellQuote(message)} >&2; exit 1; fi; `;
}

/**
 * Runs `args`, then sets the modification time of everything the command created or changed (found by
 * ctime, which no tool can preserve or fake) to `epoch`. Mounted filesystems (/tmp, caches, /proc…) are
 * skipped. The command's exit status is kept.
 *
 * On overlayfs (the default storage of the Docker Engine and of buildkitd) the walk skips each directory
 * whose ctime is older than the command: changing, adding or removing anything below a directory copies it
 * up to the step's own layer (or adds an entry to it there), which gives it a new ctime, so an old one means
 * nothing below changed. The walk then visits what the command touched instead of the whole image (2 ms
 * instead of 90–170 ms for a slim image with Django). On other filesystems a directory's ctime does not
 * change when a file in it is rewritten in place, and the whole image is walked.
 */
export function withEpochTimes(args: readonly string[], epoch: number, skip: readonly string[]): readonly string[] {
  const prune = ["/proc", "/sys", "/dev", "/tmp", "/run/secrets", "/run/buildkit", ...skip].map((p) => `-path ${p}`).join(" -o ");
  const stamp = "/tmp/.pydock-start";
  const script =
    // File times come from a coarse clock (one tick is up to 10 ms): wait one tick after the stamp so that
    // everything the command changes is strictly newer than it, and nothing from earlier steps is.
    `touch ${stamp} && sleep 0.02 && "$@"; rc=$?; ` +
    `if [ $rc -eq 0 ]; then unchanged=; ` +
    `if [ "$(stat -f -c %T / 2>/dev/null)" = overlayfs ]; then unchanged="-type d ! -cnewer ${stamp} ! -path / -prune -o"; fi; ` +
    `find / -xdev \\( ${prune} \\) -prune -o $unchanged -cnewer ${stamp} -exec touch -h -d @${epoch} {} + 2>/dev/null || true; ` +
    // BuildKit mounts /etc/hosts, /etc/resolv.conf and /etc/hostname before the command starts; where the
    // image lacks them it creates stand-ins in /etc, which changes /etc's time before the stamp. BuildKit
    // 0.13 then puts that time back after removing them, so set it here.
    `touch -h -d @${epoch} /etc 2>/dev/null || true; fi; exit $rc`;
  return ["/bin/sh", "-c", script, "pydock-step", ...args];
}
