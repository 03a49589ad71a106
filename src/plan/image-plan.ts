/**
 * The image configuration: user, workdir, environment, entrypoint/cmd, ports, OCI labels, stop signal and
 * healthcheck for the runtime image, or the minimal configuration of the venv image.
 */
import type { Command, PydockConfig, TargetConfig } from "../config/model.js";
import type { Pyproject } from "./project.js";
import { commandArgs, type ImagePlan } from "./types.js";
import { APP_UID, BUILD_DIR, PYTHON_ENV } from "./constants.js";
import { rfc3339 } from "../core/text.js";
import type { PlanInput } from "./plan.js";

/** The image's user: pydock's "app" user by number, so runAsNonRoot checks can verify it. */
function imageUser(user: string): string {
  if (user === "root") return "0:0";
  if (/^\d+(:\d+)?$/.test(user)) return user;
  return `${APP_UID}:${APP_UID}`;
}

export function runtimeImage(target: TargetConfig, config: PydockConfig, command: Command | undefined, pyproject: Pyproject | undefined, input: PlanInput): ImagePlan {
  const rt = target.runtime;
  const venv = target.dependencies.venv;
  const env: (readonly [string, string])[] = [["PATH", `${venv}/bin:\${PATH}`], ["VIRTUAL_ENV", venv], ...PYTHON_ENV];
  if (rt.timezone) env.push(["TZ", rt.timezone]);
  env.push(...rt.env);

  const labels: (readonly [string, string])[] = [];
  if (pyproject?.name) labels.push(["org.opencontainers.image.title", pyproject.name]);
  if (pyproject?.version) labels.push(["org.opencontainers.image.version", pyproject.version]);
  if (config.git.labels && input.revision) labels.push(["org.opencontainers.image.revision", input.revision]);
  if (config.git.labels && input.sourceUrl) labels.push(["org.opencontainers.image.source", input.sourceUrl]);
  labels.push(["org.opencontainers.image.created", rfc3339(input.epoch)]);
  labels.push(...rt.labels);

  const hc = rt.healthcheck;
  return {
    user: imageUser(rt.user),
    workdir: rt.workdir ?? target.app.workdir,
    env,
    entrypoint: rt.entrypoint ? commandArgs(rt.entrypoint) : undefined,
    cmd: command ? commandArgs(command) : undefined,
    exposedPorts: rt.expose,
    labels,
    stopSignal: rt.stopSignal,
    healthcheck: hc
      ? {
          test: hc.test.kind === "http" ? ["CMD", `${venv}/bin/python`, "-c", httpProbe(hc.test.url, hc.timeoutMs)] : ["CMD", ...commandArgs(hc.test.command)],
          intervalMs: hc.intervalMs,
          timeoutMs: hc.timeoutMs,
          startPeriodMs: hc.startPeriodMs,
          retries: hc.retries,
        }
      : undefined,
  };
}

/** A health probe with the image's own Python: no curl or requests needed. Exit 0 on a 2xx/3xx answer. */
export function httpProbe(url: string, timeoutMs: number): string {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return `import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(${JSON.stringify(url)}, timeout=${seconds}).status < 400 else 1)`;
}

export function venvImage(venv: string): ImagePlan {
  return {
    user: "0:0",
    workdir: BUILD_DIR,
    env: [["PATH", `${venv}/bin:\${PATH}`], ["VIRTUAL_ENV", venv], ...PYTHON_ENV],
    entrypoint: undefined,
    cmd: undefined,
    exposedPorts: [],
    labels: [],
    stopSignal: "SIGTERM",
    healthcheck: undefined,
  };
}
