/**
 * The git stage (the version file holding the commit id) and the runtime stage: system packages, the app
 * user, the venv, the app's sources, the version file and the build commands.
 */
import type { Command, KeyPath, PydockConfig, TargetConfig } from "../config/model.js";
import { shellQuote } from "../core/text.js";
import { runtimeSetup, runtimeSystemSteps, userDirectories } from "./system.js";
import type { StagePlan, Step } from "./types.js";
import { APP_UID, PYTHON_ENV } from "./constants.js";
import { sourceCopy } from "./copies.js";

export function planGit(config: PydockConfig, target: TargetConfig, revision: string | undefined): StagePlan | undefined {
  if (config.git.versionFile === "" || !revision) return undefined;
  const path = resolveIn(target.app.workdir, config.git.versionFile);
  return {
    name: "git",
    base: null,
    steps: [{ kind: "file", name: `write ${config.git.versionFile} (${revision.slice(0, 12)})`, path, data: `${revision}\n`, mode: 0o644, independent: true, origin: { path: ["git", "version-file"] } }],
  };
}

/** `p` resolved against the directory `dir` (an absolute `p` stays as it is). */
export function resolveIn(dir: string, p: string): string {
  if (p.startsWith("/")) return p;
  return `${dir.replace(/\/$/, "")}/${p.replace(/^\.\//, "")}`;
}

/** A command of the runtime stage's build: written in [app] build-commands, or detected (then it may fail). */
export interface BuildCommand {
  readonly command: Command;
  readonly origin: KeyPath;
  /**
   * Detected, not written: a failure is a warning printed with the command's last lines, and the image is
   * built without it. Says what the image lacks then ("collected static files").
   */
  readonly tolerant?: string;
}

/** The runtime stage's owner of the application's files: the runtime user's ids, or undefined for root. */
export function appOwner(target: TargetConfig): string | undefined {
  const user = target.runtime.user;
  if (target.app.owner === "root" || user === "root" || user === "0" || user.startsWith("0:")) return undefined;
  const ids = /^(\d+)(?::(\d+))?$/.exec(user);
  if (ids) return `${ids[1]}:${ids[2] ?? ids[1]}`;
  return `${APP_UID}:${APP_UID}`;
}

/**
 * `nativeRun`: Debian packages the dependencies need at run time (native-packages.ts), after the configured
 * ones. `found`: the venv stage wrote the packages its shared libraries need (runtime-libraries.ts), and
 * this stage installs them too. `buildCommands`: [app] build-commands, or the detected ones.
 */
export function planRuntime(
  target: TargetConfig,
  config: PydockConfig,
  venvPath: string,
  git: StagePlan | undefined,
  image: string,
  nativeRun: readonly string[] = [],
  found = false,
  buildCommands: readonly BuildCommand[] = target.app.buildCommands.map((command, i) => ({ command, origin: ["app", "build-commands", i] })),
): StagePlan {
  const rt = target.runtime;
  const steps: Step[] = [];
  const apt = [...new Set([...rt.systemPackages, ...nativeRun])];
  const setup = runtimeSetup({ user: rt.user, uid: APP_UID, timezone: rt.timezone });
  steps.push(...runtimeSystemSteps(apt, found, setup));
  steps.push({ kind: "copy", name: `copy the venv ${venvPath}`, from: "venv", src: venvPath, dest: venvPath, exclude: [], contents: true, independent: true, origin: { path: ["dependencies"] } });
  const owner = appOwner(target);
  target.app.copy.forEach((src, i) => steps.push(sourceCopy(src, target.app.workdir, target, true, i, owner)));
  if (git) {
    const file = git.steps[0];
    if (file?.kind === "file") {
      steps.push({ kind: "copy", name: `copy ${config.git.versionFile}`, from: "git", src: file.path, dest: file.path, exclude: [], contents: true, independent: true, origin: { path: ["git", "version-file"] } });
    }
  }
  const dirs = userDirectories(rt.user, APP_UID, [rt.workdir ?? target.app.workdir, ...rt.directories]);
  if (dirs) steps.push(dirs);
  for (const b of buildCommands) {
    steps.push({
      kind: "run",
      name: commandText(b.command),
      command: b.tolerant ? tolerant(b.command, b.tolerant) : b.command,
      env: [["PATH", `${venvPath}/bin:\${PATH}`], ["VIRTUAL_ENV", venvPath], ...PYTHON_ENV, ...(b.tolerant ? TOLERANT_ENV : []), ...rt.env],
      cwd: target.app.workdir,
      // A detected command writes what the app may rewrite at start (collectstatic again, say): as the files' owner.
      ...(b.tolerant && owner ? { user: owner } : {}),
      caches: [],
      secrets: [],
      ssh: false,
      origin: { path: b.origin },
    });
  }
  return { name: "runtime", base: image, steps };
}

/**
 * Set for a detected build command only: settings modules often refuse to load without a secret key that is
 * given at run time, and collecting static files does not use it. The [runtime] env set after these wins.
 */
const TOLERANT_ENV: readonly (readonly [string, string])[] = [
  ["SECRET_KEY", "pydock-build-only-not-secret"],
  ["DJANGO_SECRET_KEY", "pydock-build-only-not-secret"],
];

/** A detected command that, when it fails, prints a warning with its last lines instead of failing the build. */
function tolerant(cmd: Command, lacking: string): Command {
  const text = commandText(cmd);
  const log = "/tmp/pydock-build-command.log";
  const run = cmd.kind === "shell" ? cmd.script : cmd.args.map(shellQuote).join(" ");
  const before = `pydock: warning: the detected build command \`${text}\` failed (exit `;
  const after = `), so the image has no ${lacking}; its last lines follow. Set [app] build-commands to run it as you need (a written command that fails fails the build), or [] to skip it.`;
  return {
    kind: "shell",
    script: `{ ${run}; } > ${log} 2>&1; rc=$?; if [ "$rc" -eq 0 ]; then tail -n 3 ${log}; else printf '%s%s%s\\n' ${shellQuote(before)} "$rc" ${shellQuote(after)} >&2; tail -n 20 ${log} >&2; fi`,
  };
}

function commandText(cmd: Command): string {
  return cmd.kind === "exec" ? cmd.args.join(" ") : cmd.script;
}
