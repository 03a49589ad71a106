/**
 * ejectDockerfile: a BuildPlan as an equivalent multi-stage Dockerfile, for projects that leave pydock. It
 * targets the Dockerfile frontend built into BuildKit 0.13 (no `# syntax=` line; only stable syntax:
 * RUN --mount cache/secret/ssh/tmpfs, COPY --link/--from/--chmod, here-documents): the same stages (a
 * scratch `git` stage writes the version file from the REVISION build argument), each step under a comment
 * with pydock's step name and in pydock's order, the same cache ids, targets and sharing, secrets as files
 * (read into their variables by the step's shell, as src/convert does for daemons without secret env), a
 * tmpfs on /tmp for every RUN, independent copies as COPY --link, and the image settings last in the output
 * stage so no step sees them. A run step's environment is exported by its own shell, so it ends with the
 * step as in pydock. The header (header.ts) says how to build it and where it differs. Pure: text out.
 */
import { DEFAULT_EPOCH } from "../compile.js";
import { shellQuote } from "../core/text.js";
import { commandArgs, type BuildPlan, type CopyStep, type DirStep, type FileStep, type ImagePlan, type RunStep, type StagePlan, type Step } from "../plan/types.js";
import { ejectedStages, header } from "./header.js";
import { comment, dockerEnvValue, dockerWord, duration, heredocDelimiter, jsonArray, mountFlag, shellExports, shortImage } from "./words.js";

export { ejectedExcludes } from "./header.js";

export interface EjectOptions {
  /** The Dockerfile's name, for the header's `docker build -f` line and the .dockerignore advice (default "Dockerfile"). */
  readonly filename?: string;
  /** SOURCE_DATE_EPOCH's default: the epoch the plan was made with (planProject's `epoch`), else pydock's default. */
  readonly epoch?: number;
}

const REVISION_LABEL = "org.opencontainers.image.revision";

/** What the steps of one stage are written with. */
interface Context {
  readonly stage: StagePlan;
  readonly revision: string | undefined;
}

export function ejectDockerfile(plan: BuildPlan, options: EjectOptions = {}): string {
  const filename = options.filename ?? "Dockerfile";
  const stages = ejectedStages(plan);
  const versionFile = stages.find((s) => s.name === "git")?.steps.find((s): s is FileStep => s.kind === "file");
  const revision = versionFile?.data.trim() || plan.image.labels.find(([k]) => k === REVISION_LABEL)?.[1];

  const out = [...header({ plan, stages, filename, revision, versionFile: versionFile?.path }), ""];
  out.push(`ARG SOURCE_DATE_EPOCH=${options.epoch ?? DEFAULT_EPOCH}`);
  if (revision) out.push(`ARG REVISION=${dockerWord(revision)}`);
  for (const stage of stages) {
    const { lines, workdir } = ejectStage({ stage, revision });
    out.push("", ...lines);
    if (stage.name === plan.output) out.push("", ...imageSettings(plan.image, stage, workdir, revision));
  }
  return out.join("\n") + "\n";
}

/** The official Python images set no WORKDIR (it is /) and no ENTRYPOINT: no line needs to reset them. */
function officialPython(base: string | null): boolean {
  return base !== null && base.startsWith("docker.io/library/python:");
}

/** A stage's lines, and the WORKDIR its last RUN left set (undefined: the base image's). */
function ejectStage(ctx: Context): { lines: string[]; workdir: string | undefined } {
  const { stage } = ctx;
  const out: string[] = [];
  if (stage.base !== null && stage.baseFallback) {
    out.push(comment(`pydock falls back to ${shortImage(stage.baseFallback)} when ${shortImage(stage.base)} cannot be pulled.`));
  }
  out.push(`FROM ${stage.base === null ? "scratch" : shortImage(stage.base)} AS ${stage.name}`);
  if (stage.steps.some((s) => s.kind === "run")) out.push("ARG SOURCE_DATE_EPOCH");
  if (ctx.revision && stage.name === "git") out.push("ARG REVISION");
  let cwd = officialPython(stage.base) ? "/" : undefined;
  stage.steps.forEach((step, i) => {
    out.push("", comment(`[${stage.name} ${i + 1}/${stage.steps.length}] ${step.name}`));
    if (step.kind === "run" && step.cwd !== cwd) {
      out.push(`WORKDIR ${dockerWord(step.cwd)}`);
      cwd = step.cwd;
    }
    out.push(...ejectStep(step, ctx));
  });
  return { lines: out, workdir: cwd };
}

function ejectStep(step: Step, ctx: Context): string[] {
  switch (step.kind) {
    case "run":
      return ejectRun(step);
    case "copy":
      return [ejectCopy(step)];
    case "file":
      return ejectFile(step, ctx);
    case "dirs":
      return [ejectDirs(step)];
  }
}

/**
 * A run step as one RUN: its mounts, then (each on a line of its own) its exported environment, its
 * secrets read into their variables, and its command. A command that cannot stand on continued lines
 * (several lines, a trailing backslash, a `<<`, a leading `#`) goes in a here-document instead.
 */
export function ejectRun(step: RunStep): string[] {
  // A step run as another user: USER around it (the image's own USER comes last in the file).
  if (step.user !== undefined) {
    const { user, ...asRoot } = step;
    return [`USER ${user}`, ...ejectRun(asRoot), "USER root"];
  }
  const mounts = [
    ...step.caches.map((c) => mountFlag("cache", [["id", c.id], ["target", c.target], ["sharing", c.sharing]])),
    ...step.secrets.map((s) =>
      mountFlag("secret", [["id", s.id], ["target", s.target !== undefined && s.target !== defaultSecretPath(s.id) ? s.target : undefined], ["required", s.required ? "true" : undefined]]),
    ),
    ...(step.ssh ? [mountFlag("ssh", [])] : []),
    ...(step.mounts ?? []).map((m) =>
      m.kind === "image"
        ? mountFlag("bind", [["from", shortImage(m.image)], ["target", m.target]])
        : mountFlag("bind", [["from", m.stage], ["source", m.path], ["target", m.target]]),
    ),
    mountFlag("tmpfs", [["target", "/tmp"]]),
  ];
  const exports = shellExports(step.env);
  const loads = step.secrets.flatMap((s) => {
    if (s.env === undefined) return [];
    const file = shellQuote(s.target ?? defaultSecretPath(s.id));
    return [`if [ -f ${file} ]; then export ${s.env}="$(cat ${file})"; fi;`];
  });
  const argv = [...(step.wrapper !== undefined ? [step.wrapper] : []), ...commandArgs(step.command)];
  const command = step.wrapper === undefined && step.command.kind === "shell" ? step.command.script : argv.map(shellQuote).join(" ");
  const lines = [...(exports ? [`${exports};`] : []), ...loads, command];
  if (/[\r\n]|<<|\\\s*$/.test(command) || /^\s*#/.test(command)) {
    const body = lines.join("\n");
    const delimiter = heredocDelimiter(body);
    // A here-document starting with #! would be run by that interpreter; pydock runs it with /bin/sh.
    const text = body.startsWith("#!") ? `:\n${body}` : body;
    return [...continued("RUN", [...mounts.slice(0, -1), `${mounts.at(-1)} <<'${delimiter}'`]), ...text.split("\n"), delimiter];
  }
  return continued("RUN", [...mounts, ...lines]);
}

/** An instruction with its parts one per line, joined by line continuations. */
function continued(instruction: string, parts: readonly string[]): string[] {
  return parts.map((p, i) => `${i === 0 ? `${instruction} ` : "    "}${p}${i < parts.length - 1 ? " \\" : ""}`);
}

function defaultSecretPath(id: string): string {
  return `/run/secrets/${id}`;
}

/** COPY's source and destination: plain words, or a JSON array when a path has blanks. */
function copyPaths(paths: readonly string[]): string {
  const words = paths.map((p) => dockerWord(p, `the path ${p}`));
  return paths.some((p) => /\s/.test(p)) ? jsonArray(words) : words.join(" ");
}

export function ejectCopy(step: CopyStep): string {
  const flags = [...(step.independent ? ["--link"] : []), ...(step.from !== "context" ? [`--from=${step.from}`] : []), ...(step.owner ? [`--chown=${step.owner}`] : [])];
  return ["COPY", ...flags, copyPaths([step.src, step.dest])].join(" ");
}

/**
 * A file the frontend writes: a COPY of a here-document (quoted: nothing in it is expanded), except the
 * version file, whose content is the REVISION build argument. Data without a final newline (which a
 * here-document would add) is written by printf instead.
 */
export function ejectFile(step: FileStep, ctx: Context): string[] {
  const flags = [...(step.independent ? ["--link"] : []), ...(step.mode !== 0o644 ? [`--chmod=${step.mode.toString(8).padStart(4, "0")}`] : [])];
  const copy = (marker: string) => ["COPY", ...flags, marker, dockerWord(step.path, `the path ${step.path}`)].join(" ");
  if (ctx.stage.name === "git" && ctx.revision && step.data === `${ctx.revision}\n`) return [copy("<<EOF"), "${REVISION}", "EOF"];
  if (step.data === "" || step.data.endsWith("\n")) {
    const delimiter = heredocDelimiter(step.data);
    return [copy(`<<'${delimiter}'`), ...(step.data === "" ? [] : step.data.slice(0, -1).split("\n")), delimiter];
  }
  if (ctx.stage.base === null) throw new Error(`cannot write ${step.path} into a Dockerfile: it does not end with a newline and its stage has no shell`);
  const path = shellQuote(step.path);
  const parent = shellQuote(step.path.slice(0, step.path.lastIndexOf("/")) || "/");
  const script = `mkdir -p ${parent} && printf '%s' ${shellQuote(step.data)} > ${path} && chmod ${step.mode.toString(8)} ${path}`;
  const delimiter = heredocDelimiter(script);
  return [`RUN <<'${delimiter}'`, ...script.split("\n"), delimiter];
}

/** The runtime user's directories: created (with their parents) and given to the user, after the copies. */
export function ejectDirs(step: DirStep): string {
  const paths = step.paths.map(shellQuote).join(" ");
  return `RUN mkdir -p ${paths} && chown ${shellQuote(step.owner)} ${paths}`;
}

/** The image configuration, last in the output stage: no step of the stage sees it, as in pydock. */
function imageSettings(image: ImagePlan, stage: StagePlan, workdir: string | undefined, revision: string | undefined): string[] {
  const out = [comment("The image: environment, working directory, command, ports, labels, stop signal, health check, user.")];
  for (const [k, v] of image.env) out.push(`ENV ${k}=${dockerEnvValue(k, v)}`);
  if (workdir !== image.workdir) out.push(`WORKDIR ${dockerWord(image.workdir)}`);
  if (image.entrypoint) out.push(`ENTRYPOINT ${jsonArray(image.entrypoint)}`);
  else if (image.cmd && !officialPython(stage.base)) out.push("ENTRYPOINT []"); // pydock runs the command without the base's

  if (image.cmd) out.push(`CMD ${jsonArray(image.cmd)}`);
  for (const port of image.exposedPorts) out.push(`EXPOSE ${dockerWord(port)}`);
  const labels: [string, string][] = image.labels.map(([k, v]) => [k, k === REVISION_LABEL && v === revision ? "${REVISION}" : dockerWord(v)]);
  if (stage.base !== null) {
    labels.push(["org.opencontainers.image.base.name", dockerWord(stage.base)]);
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(stage.base)?.[1];
    if (digest) labels.push(["org.opencontainers.image.base.digest", digest]);
  }
  if (labels.some(([, v]) => v === "${REVISION}")) out.push("ARG REVISION");
  for (const [k, v] of labels) out.push(`LABEL ${dockerWord(k, "a label")}=${v}`);
  out.push(`STOPSIGNAL ${dockerWord(image.stopSignal)}`);
  const hc = image.healthcheck;
  if (hc) {
    const [kind, ...args] = hc.test;
    if (kind === "NONE") out.push("HEALTHCHECK NONE");
    else {
      const test = jsonArray(kind === "CMD-SHELL" ? ["/bin/sh", "-c", args.join(" ")] : args);
      const flags = `--interval=${duration(hc.intervalMs)} --timeout=${duration(hc.timeoutMs)} --start-period=${duration(hc.startPeriodMs)} --retries=${hc.retries}`;
      out.push(...continued("HEALTHCHECK", [flags, `CMD ${test}`]));
    }
  }
  out.push(`USER ${dockerWord(image.user)}`);
  return out;
}
