/**
 * The image configuration: user, workdir, environment, entrypoint/cmd, ports, OCI labels, stop signal and
 * healthcheck for the runtime image, or the minimal configuration of the venv image.
 */
import type { Command, PydockConfig, TargetConfig } from "../config/model.js";
import type { Pyproject } from "./project.js";
import { commandArgs, type ImagePlan } from "./types.js";
import { APP_UID, BUILD_DIR, PYTHON_ENV } from "./constants.js";
import { rfc3339, shellQuote } from "../core/text.js";
import type { PlanInput } from "./plan.js";

/** The image's user: pydock's "app" user by number, so runAsNonRoot checks can verify it. */
function imageUser(user: string): string {
  if (user === "root") return "0:0";
  if (/^\d+(:\d+)?$/.test(user)) return user;
  return `${APP_UID}:${APP_UID}`;
}

/** What the image runs that the plan decided, beyond [runtime]'s own keys. */
export interface StartSettings {
  /** PORT in the image's environment (unless [runtime] env sets it): the exposed port, a hint's, or 8000. */
  readonly port: number;
  /** ExposedPorts when [runtime] expose is empty: PORT for a detected web command, else none. */
  readonly expose: readonly string[];
  /** Commands run at start before the command ([runtime] before, or detected). */
  readonly before: readonly Command[];
}

export function runtimeImage(target: TargetConfig, config: PydockConfig, command: Command | undefined, pyproject: Pyproject | undefined, input: PlanInput, start: StartSettings): ImagePlan {
  const rt = target.runtime;
  const venv = target.dependencies.venv;
  const env: (readonly [string, string])[] = [["PATH", `${venv}/bin:\${PATH}`], ["VIRTUAL_ENV", venv], ...PYTHON_ENV];
  if (rt.timezone) env.push(["TZ", rt.timezone]);
  if (!rt.env.some(([k]) => k === "PORT")) env.push(["PORT", String(start.port)]);
  env.push(...rt.env);
  const run = withBefore(start.before, rt.entrypoint, command);

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
    entrypoint: run.entrypoint,
    cmd: run.cmd,
    exposedPorts: rt.expose.length > 0 ? rt.expose : start.expose,
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

/**
 * The image's Entrypoint and Cmd with the `before` commands run first, in one shell, each of which must
 * succeed, and then `exec` of what the image runs, so that the server is PID 1. Without an entrypoint they
 * go into Cmd (`docker run IMAGE sh` then skips them, as one-off commands should); with one, into Entrypoint
 * (`sh -c 'BEFORE && exec "$@"' sh ENTRYPOINT…`), so arguments given to `docker run` still reach it.
 */
function withBefore(before: readonly Command[], entrypoint: Command | undefined, command: Command | undefined): { entrypoint: string[] | undefined; cmd: string[] | undefined } {
  const cmd = command ? commandArgs(command) : undefined;
  if (before.length === 0) return { entrypoint: entrypoint ? commandArgs(entrypoint) : undefined, cmd };
  const first = before.map((b) => (b.kind === "shell" ? b.script : b.args.map(shellQuote).join(" "))).join(" && ");
  if (entrypoint) return { entrypoint: ["/bin/sh", "-c", `${first} && exec "$@"`, "sh", ...commandArgs(entrypoint)], cmd };
  if (!cmd) return { entrypoint: undefined, cmd: undefined };
  const [a, b, c] = cmd;
  // `sh -c SCRIPT` (how detected server commands run): the script after them, in the same shell.
  const last = a === "/bin/sh" && b === "-c" && c !== undefined && cmd.length === 3 ? c : `exec ${cmd.map(shellQuote).join(" ")}`;
  return { entrypoint: undefined, cmd: ["/bin/sh", "-c", `${first} && ${last}`] };
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
