/**
 * The OCI/Docker image config returned as `containerimage.config`: the runtime base image's config with
 * pydock's settings over it, and one history entry per step so `docker history` reads like the stages.
 */

import { type Platform } from "../core/platform.js";
import type { ImagePlan, StagePlan } from "../plan/types.js";

/** The parts of an image config pydock reads from a base image. */
export interface BaseImageConfig {
  readonly config?: { readonly Env?: readonly string[]; readonly Cmd?: readonly string[]; readonly Entrypoint?: readonly string[]; readonly WorkingDir?: string; readonly Labels?: Record<string, string> } | null;
  readonly history?: readonly HistoryEntry[];
  readonly os?: string;
  readonly architecture?: string;
  readonly variant?: string;
}

export interface HistoryEntry {
  readonly created?: string;
  readonly created_by?: string;
  readonly comment?: string;
  readonly empty_layer?: boolean;
}

const MS_TO_NS = 1_000_000;
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Applies `K=V` settings over an env list; "${PATH}" in a value means the variable's previous value. */
export function mergeEnv(base: readonly string[], settings: readonly (readonly [string, string])[]): string[] {
  const env = new Map<string, string>();
  for (const kv of base) {
    const i = kv.indexOf("=");
    if (i > 0) env.set(kv.slice(0, i), kv.slice(i + 1));
  }
  for (const [k, v] of settings) {
    const previous = env.get(k) ?? (k === "PATH" ? DEFAULT_PATH : "");
    env.set(k, v.replace(/\$\{PATH\}/g, previous).replace(/:$/, ""));
  }
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/** How `docker history` names each kind of step, as a Dockerfile would. */
const HISTORY_VERB: Readonly<Record<StagePlan["steps"][number]["kind"], string>> = { run: "RUN", copy: "COPY", file: "ADD", dirs: "RUN mkdir" };

/** One history entry per step of the stage, in layer order. */
export function stageHistory(stage: StagePlan, created: string | undefined): HistoryEntry[] {
  return stage.steps.map((s) => ({
    ...(created ? { created } : {}),
    created_by: `${HISTORY_VERB[s.kind]} ${s.name} # pydock`,
    comment: "pydock.v0",
  }));
}

export interface ImageConfigInput {
  readonly base: BaseImageConfig;
  readonly plan: ImagePlan;
  readonly platform: Platform;
  /** Steps whose layers are added over the base image, in order. */
  readonly stage: StagePlan;
  /** RFC 3339 time for `created` and the history, from SOURCE_DATE_EPOCH; undefined lets the exporter set it. */
  readonly created: string | undefined;
  /** Extra labels (build-time `label:*` options, base image labels), applied last. */
  readonly labels: readonly (readonly [string, string])[];
}

export function imageConfig(input: ImageConfigInput): Record<string, unknown> {
  const { base, plan, platform, created } = input;
  const baseConfig = base.config ?? {};
  // Keys are the user's (a label may be called __proto__): objects without a prototype hold them as data.
  const labels = Object.create(null) as Record<string, string>;
  for (const [k, v] of [...Object.entries(baseConfig.Labels ?? {}), ...plan.labels, ...input.labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) labels[k] = v;
  const ports = Object.create(null) as Record<string, object>;
  for (const p of plan.exposedPorts) ports[p] = {};

  const config: Record<string, unknown> = {
    User: plan.user,
    Env: mergeEnv(baseConfig.Env ?? [], plan.env),
    WorkingDir: plan.workdir,
    Labels: labels,
    StopSignal: plan.stopSignal,
  };
  if (plan.exposedPorts.length > 0) config["ExposedPorts"] = ports;
  if (plan.entrypoint) config["Entrypoint"] = plan.entrypoint;
  else if (baseConfig.Entrypoint && !plan.cmd) config["Entrypoint"] = baseConfig.Entrypoint;
  if (plan.cmd) config["Cmd"] = plan.cmd;
  else if (!plan.entrypoint && baseConfig.Cmd) config["Cmd"] = baseConfig.Cmd;
  if (plan.healthcheck) {
    const h = plan.healthcheck;
    config["Healthcheck"] = {
      Test: h.test,
      Interval: h.intervalMs * MS_TO_NS,
      Timeout: h.timeoutMs * MS_TO_NS,
      StartPeriod: h.startPeriodMs * MS_TO_NS,
      Retries: h.retries,
    };
  }
  const history: HistoryEntry[] = [...(base.history ?? []), ...stageHistory(input.stage, created)];
  const metadata: HistoryEntry = { ...(created ? { created } : {}), created_by: `pydock: image config (user ${plan.user}, workdir ${plan.workdir})`, comment: "pydock.v0", empty_layer: true };
  history.push(metadata);
  return {
    ...(created ? { created } : {}),
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config,
    rootfs: { type: "layers", diff_ids: [] },
    history,
  };
}

/**
 * The image config with `label` set to the packages listed in `list` (the file the runtime stage wrote,
 * words separated by blanks; "" when none were found). A copy: the input is not changed.
 */
export function withPackagesLabel(config: Record<string, unknown>, label: string, list: string): Record<string, unknown> {
  const c = (config["config"] ?? {}) as Record<string, unknown>;
  const labels = Object.create(null) as Record<string, string>;
  const value = list.split(/\s+/).filter(Boolean).join(" ");
  for (const [k, v] of Object.entries({ ...((c["Labels"] as Record<string, string> | undefined) ?? {}), [label]: value }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) labels[k] = v;
  return { ...config, config: { ...c, Labels: labels } };
}
