/**
 * compile: the whole of pydock as one function. pydock.toml's text, the project's files and the build's
 * settings go in; the plan, the LLB definition and the image config of every platform come out, or the
 * diagnostics that stop the build. No I/O: base images are resolved through the function the caller gives
 * (the gateway in a build, a table in tests and offline tools), so the frontend, the tests, the benchmark
 * and any other tool compile exactly the same way.
 *
 *   pydock.toml ─loadConfig→ config ─planBuild(+ project files)→ plan ─planToLLB(+ bases, caps)→ LLB
 *                                                                   └─imageConfig(+ base config)→ image config
 */
import { SOURCE_DATE_EPOCH, parseEpoch } from "./config/args.js";
import { loadConfig } from "./config/load.js";
import type { KeyPath, PydockConfig } from "./config/model.js";
import { lineOf, type Diagnostic, type SourceFile } from "./core/diagnostics.js";
import type { Platform } from "./core/platform.js";
import { rfc3339 } from "./core/text.js";
import { opOptions, planToLLB, type ConvertResult, type ResolvedBase } from "./convert/convert.js";
import { smokeTestState, type SmokeImage } from "./convert/smoke-test.js";
import { imageConfig, type BaseImageConfig } from "./convert/image-config.js";
import type { Definition } from "./gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import * as llb from "./llb/index.js";
import type { OpOptions } from "./llb/marshal.js";
import { checkProjectFiles } from "./plan/file-limits.js";
import { planBuild } from "./plan/plan.js";
import type { SmokeTest } from "./plan/smoke-test.js";
import type { ProjectFiles } from "./plan/project.js";
import { SUPPORTED_PYTHONS } from "./plan/detect.js";
import { outputStage, type BaseOrigin, type BuildPlan, type StagePlan } from "./plan/types.js";

/** A base image as the registry (or a stand-in) describes it for one platform. */
export interface BaseImage extends ResolvedBase {
  /** The manifest digest; "" when the image has none (only in the Docker Engine's local store). */
  readonly digest: string;
  /** The image's whole config (env, history, labels, …). */
  readonly image: BaseImageConfig;
}

/** Resolves a normalised image reference for a platform. */
export type BaseResolver = (ref: string, platform: Platform) => BaseImage | Promise<BaseImage>;

/** What pydock plans from: the build definition, the project and the build's settings. */
export interface PlanSettings {
  /** pydock.toml as read. */
  readonly buildFile: SourceFile;
  /** The project's small files that drive detection and installs (see PROJECT_FILE_PATTERNS). */
  readonly files: ProjectFiles;
  /** "runtime", "venv" or a [targets.NAME]. */
  readonly target: string;
  /** `--build-arg`s; SOURCE_DATE_EPOCH among them sets every time pydock writes. */
  readonly buildArgs: ReadonlyMap<string, string>;
  /** The commit id and repository URL of the context, when known. */
  readonly revision: string | undefined;
  readonly sourceUrl: string | undefined;
  /** .dockerignore patterns: what of the context the build never sees (the project's build files among it). */
  readonly dockerignore?: readonly string[];
}

export interface CompileInput extends PlanSettings {
  /** .dockerignore patterns, applied to every copy of the context. */
  readonly dockerignore: readonly string[];
  /** One definition and image config per platform, in this order. */
  readonly platforms: readonly Platform[];
  readonly resolveBase: BaseResolver;
  /** The daemon's LLB caps: secrets as env are used when present. */
  readonly llbCaps: ReadonlySet<string>;
  /** The client's session (names the build context to transfer). */
  readonly sessionId: string;
  /** `--no-cache`: true for every step, or the stages named by `--no-cache-filter`. */
  readonly noCache: boolean | readonly string[];
  /** `--label`s, applied last over the image's labels. */
  readonly labels: ReadonlyMap<string, string>;
}

export type Planned =
  | { readonly ok: true; readonly config: PydockConfig; readonly plan: BuildPlan; readonly epoch: number; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

/** A plan made: what lint (src/lint/lint.ts) reads, and what {@link compile} builds from. */
export type PlannedOk = Extract<Planned, { ok: true }>;

export interface CompiledPlatform {
  readonly platform: Platform;
  readonly definition: Definition;
  /** The image config the exporter writes (`containerimage.config`). */
  readonly imageConfig: Record<string, unknown>;
  /**
   * The smoke test (convert/smoke-test.ts), a definition of its own whose result holds SMOKE_RESULT; `at`
   * is where its problems point.
   */
  readonly smokeTest?: {
    readonly definition: () => Definition;
    /** When `definition` checks the image before its build commands: the same check on the finished image, which decides when the first finds a problem. */
    readonly confirm?: () => Definition;
    readonly at: Pick<Diagnostic, "file" | "range">;
  };
}

export type Compiled =
  | (Extract<Planned, { ok: true }> & { readonly platforms: readonly CompiledPlatform[] })
  | Extract<Planned, { ok: false }>;

/** pydock.toml + project → plan. The platform-independent half of {@link compile}; the plan is made once per build. */
export function planProject(input: PlanSettings): Planned {
  const loaded = loadConfig(input.buildFile, { buildArgs: input.buildArgs });
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics, warnings: [] };
  const config = loaded.config;
  const epoch = sourceDateEpoch(config);
  // Files past the size limits are problems before anything reads them (file-limits.ts).
  const checked = checkProjectFiles(input.files);
  if (checked.errors.length > 0) return { ok: false, diagnostics: checked.errors, warnings: [...loaded.warnings, ...checked.warnings] };
  const planned = planBuild({ config, target: input.target, files: checked.files, revision: input.revision, sourceUrl: input.sourceUrl, epoch, dockerignore: input.dockerignore ?? [] });
  const warnings = [...loaded.warnings, ...checked.warnings, ...planned.warnings];
  if (!planned.ok) return { ok: false, diagnostics: planned.diagnostics, warnings };
  return { ok: true, config, plan: planned.plan, epoch, warnings };
}

/** pydock.toml + project + build settings → the LLB and image config of every platform. */
export async function compile(input: CompileInput): Promise<Compiled> {
  const planned = planProject(input);
  if (!planned.ok) return planned;
  const { config, plan, epoch } = planned;
  const context = llb.local("context", {
    sessionId: input.sessionId,
    sharedKeyHint: "context",
    customName: "[internal] load build context",
    ...(input.dockerignore.length ? { excludePatterns: input.dockerignore } : {}),
  });
  const source = { filename: input.buildFile.name, data: new TextEncoder().encode(input.buildFile.text), language: "TOML" };
  const targetConfig = config.targets.get(plan.output === "venv" ? "runtime" : plan.target);
  const output = outputStage(plan);

  const warnings = [...planned.warnings];
  const problems: Diagnostic[] = [];
  const at = (origin: BaseOrigin | undefined): Pick<Diagnostic, "file" | "range"> => {
    const text = origin && "file" in origin ? input.files.read(origin.file) : undefined;
    if (origin && "file" in origin && text !== undefined) return { file: origin.file, range: lineOf(text, origin.line ?? 1) };
    const path = origin && "path" in origin ? origin.path : ["python"];
    return { file: input.buildFile.name, range: targetConfig?.locate(path) ?? config.locate(path) ?? config.end };
  };
  /** A stage's base for a platform: its image, else its fallback (with a warning), else a problem at what chose it. */
  const resolveStage = async (stage: StagePlan, platform: Platform): Promise<readonly [string, BaseImage & { name: string }] | undefined> => {
    if (stage.base === null) return undefined;
    try {
      return [stage.base, { ...(await input.resolveBase(stage.base, platform)), name: stage.base }];
    } catch (e) {
      if (stage.baseFallback) {
        try {
          const fallback = await input.resolveBase(stage.baseFallback, platform);
          const message = `${stage.base} could not be resolved; using ${stage.baseFallback} (the same minor version)`;
          if (!warnings.some((w) => w.message === message)) warnings.push({ ...at(stage.baseOrigin), message, code: "base-fallback", severity: "warning" });
          return [stage.base, { ...fallback, name: stage.baseFallback }];
        } catch {
          // Report the image the plan asked for.
        }
      }
      const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
      const message = `cannot resolve the ${stage.name} stage's base image ${stage.base} (${why}); pydock builds Python ${SUPPORTED_PYTHONS.join(", ")} on the official images`;
      if (!problems.some((p) => p.message === message)) problems.push({ ...at(stage.baseOrigin), message, code: "base-image", severity: "error" });
      return undefined;
    }
  };

  const platforms = await Promise.all(
    input.platforms.map(async (platform): Promise<CompiledPlatform | undefined> => {
      const resolved = await Promise.all(plan.stages.map((stage) => resolveStage(stage, platform)));
      const bases = new Map(resolved.filter((r) => r !== undefined));
      if (plan.stages.some((s) => s.base !== null && !bases.has(s.base))) return undefined;
      const states = planToLLB({
        plan,
        context,
        bases,
        platform,
        source,
        locate: (path) => targetConfig?.locate(path) ?? config.locate(path),
        llbCaps: input.llbCaps,
        ignoreCache: input.noCache,
        epoch,
      });
      const convertInput = { source, locate: (path: KeyPath) => targetConfig?.locate(path) ?? config.locate(path), ignoreCache: input.noCache };
      const base = output.base === null ? undefined : bases.get(output.base);
      const labels: [string, string][] = [];
      if (base) labels.push(["org.opencontainers.image.base.name", base.name]);
      if (base?.digest) labels.push(["org.opencontainers.image.base.digest", base.digest]);
      labels.push(...input.labels);
      const runtimeConfig = imageConfig({ base: base?.image ?? {}, plan: plan.image, platform, stage: output, created: rfc3339(epoch), labels });
      const test = plan.smokeTest;
      const options = (name: string) => opOptions(name, test ? [test.origin] : [], "runtime", convertInput);
      // One context for the image and its smoke test, whose graph holds the image's: each op is encoded once.
      const marshalContext = new llb.MarshalContext({ platform });
      const smokeTest = test && smokeTestDefinitions(test, states, imageSettings(runtimeConfig), marshalContext, options, at({ path: test.origin }));
      return { platform, definition: llb.marshal(states.output, { context: marshalContext }).definition, imageConfig: runtimeConfig, ...(smokeTest ? { smokeTest } : {}) };
    }),
  );
  if (problems.length > 0) return { ok: false, diagnostics: problems, warnings };
  return { ...planned, warnings, platforms: platforms.filter((p) => p !== undefined) };
}

/**
 * The smoke test's definitions: beside the build commands when there are some (on the image before them),
 * with the same check on the finished image to confirm a problem. Marshaled when asked for: each repeats the
 * whole image's graph, and only a build runs them.
 */
function smokeTestDefinitions(
  test: SmokeTest,
  states: ConvertResult,
  settings: SmokeImage,
  context: llb.MarshalContext,
  options: (name: string) => OpOptions,
  where: Pick<Diagnostic, "file" | "range">,
): NonNullable<CompiledPlatform["smokeTest"]> {
  const on = (image: llb.State, when: string) => () =>
    llb.marshal(smokeTestState(image, test, settings, options(`[smoke-test] ${test.python} runs in the runtime image${when} and the command resolves`)), { context }).definition;
  const early = test.besideLastSteps > 0 ? states.outputSteps.at(-1 - test.besideLastSteps) : undefined;
  return early ? { definition: on(early, " before the build commands"), confirm: on(states.output, ""), at: where } : { definition: on(states.output, ""), at: where };
}

/** The settings the image runs with, from its config: what the smoke test runs with. */
function imageSettings(config: Record<string, unknown>): SmokeImage {
  const c = (config["config"] ?? {}) as { Env?: string[]; User?: string; WorkingDir?: string };
  return { env: c.Env ?? [], user: c.User ?? "0:0", workdir: c.WorkingDir ?? "/" };
}

/**
 * The build's time when none is given: 1980-01-01T00:00:00Z, the earliest time every packaging tool
 * accepts (a wheel is a ZIP file, and ZIP cannot store earlier times: hatchling, setuptools and flit fail
 * with SOURCE_DATE_EPOCH=0).
 */
export const DEFAULT_EPOCH = 315532800;

/**
 * The build's time, in seconds: `--build-arg SOURCE_DATE_EPOCH`, else {@link DEFAULT_EPOCH}. Every
 * timestamp pydock writes (file times, image config, history, labels) is this one, so a build is
 * reproducible by default; pass the commit time to see a meaningful date.
 */
export function sourceDateEpoch(config: PydockConfig): number {
  // loadConfig has rejected a value parseEpoch does not take.
  const parsed = parseEpoch(config.args.get(SOURCE_DATE_EPOCH));
  return (parsed.ok ? parsed.seconds : undefined) ?? DEFAULT_EPOCH;
}
