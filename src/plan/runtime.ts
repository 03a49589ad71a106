/**
 * The git stage (the version file holding the commit id) and the runtime stage: system packages, the app
 * user, the venv, the app's sources, the version file and the build commands.
 */
import type { Command, PydockConfig, TargetConfig } from "../config/model.js";
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

/**
 * `nativeRun`: Debian packages the dependencies need at run time (native-packages.ts), after the configured
 * ones. `found`: the venv stage wrote the packages its shared libraries need (runtime-libraries.ts), and
 * this stage installs them too.
 */
export function planRuntime(target: TargetConfig, config: PydockConfig, venvPath: string, git: StagePlan | undefined, image: string, nativeRun: readonly string[] = [], found = false): StagePlan {
  const rt = target.runtime;
  const steps: Step[] = [];
  const apt = [...new Set([...rt.systemPackages, ...nativeRun])];
  const setup = runtimeSetup({ user: rt.user, uid: APP_UID, timezone: rt.timezone });
  steps.push(...runtimeSystemSteps(apt, found, setup));
  steps.push({ kind: "copy", name: `copy the venv ${venvPath}`, from: "venv", src: venvPath, dest: venvPath, exclude: [], contents: true, independent: true, origin: { path: ["dependencies"] } });
  target.app.copy.forEach((src, i) => steps.push(sourceCopy(src, target.app.workdir, target, true, i)));
  if (git) {
    const file = git.steps[0];
    if (file?.kind === "file") {
      steps.push({ kind: "copy", name: `copy ${config.git.versionFile}`, from: "git", src: file.path, dest: file.path, exclude: [], contents: true, independent: true, origin: { path: ["git", "version-file"] } });
    }
  }
  const dirs = userDirectories(rt.user, APP_UID, [rt.workdir ?? target.app.workdir, ...rt.directories]);
  if (dirs) steps.push(dirs);
  target.app.buildCommands.forEach((cmd, i) => {
    steps.push({
      kind: "run",
      name: commandText(cmd),
      command: cmd,
      env: [["PATH", `${venvPath}/bin:\${PATH}`], ["VIRTUAL_ENV", venvPath], ...PYTHON_ENV, ...rt.env],
      cwd: target.app.workdir,
      caches: [],
      secrets: [],
      ssh: false,
      origin: { path: ["app", "build-commands", i] },
    });
  });
  return { name: "runtime", base: image, steps };
}

function commandText(cmd: Command): string {
  return cmd.kind === "exec" ? cmd.args.join(" ") : cmd.script;
}
