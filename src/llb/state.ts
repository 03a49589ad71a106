/**
 * `State`: an immutable cursor on the LLB graph plus the metadata later ops read (env, working dir, user,
 * platform), as Go's `client/llb.State`. Every method returns a new State; the receiver never changes.
 * Building a graph never serializes anything; {@link marshal} does.
 */
import { type Platform } from "../core/platform.js";
import { newExec, type ExecState, type RunOptions } from "./exec.js";
import { newFileOp, type FileAction } from "./fileop.js";
import type { OpOptions, Output } from "./marshal.js";

interface StateMeta {
  /** Ordered `[key, value]` pairs; re-adding a key moves it to the end, as Go's `EnvList.AddOrReplace`. */
  readonly env: readonly (readonly [string, string])[];
  readonly dir: string;
  readonly user: string;
  readonly platform: Platform | undefined;
}

/** The parts of an OCI image config that seed a State (`config.Env`, `config.WorkingDir`). */
export interface ImageConfig {
  readonly Env?: readonly string[] | null;
  readonly WorkingDir?: string;
}

/** A filesystem state: the output of an op (or scratch) plus env/dir/user/platform for the ops built on it. */
export class State {
  private constructor(
    /** The op output this state stands for; `undefined` is scratch (an empty filesystem). */
    readonly output: Output | undefined,
    private readonly meta: StateMeta,
  ) {}

  /** A state for `output` with fresh metadata (dir "/", platform from the output), as Go's `NewState`. */
  static fromOutput(output: Output | undefined): State {
    const p = output?.platform;
    return new State(output, { env: [], dir: "/", user: "", platform: p && normalizePlatform(p) });
  }

  /** True for scratch. */
  get isScratch(): boolean {
    return this.output === undefined;
  }

  /** This state's metadata on another output; the output's platform, if it has one, wins (Go `WithOutput`). */
  withOutput(output: Output | undefined): State {
    const p = output?.platform;
    return new State(output, { ...this.meta, platform: p ? normalizePlatform(p) : this.meta.platform });
  }

  /** Sets env var `key` (replacing and moving it last if present). */
  addEnv(key: string, value: string): State {
    const env = this.meta.env.filter(([k]) => k !== key);
    return new State(this.output, { ...this.meta, env: [...env, [key, value]] });
  }

  /** The value of env var `key`, or `undefined`. */
  getEnv(key: string): string | undefined {
    return this.meta.env.find(([k]) => k === key)?.[1];
  }

  /** The env as `KEY=value` strings, in order. */
  env(): string[] {
    return this.meta.env.map(([k, v]) => `${k}=${v}`);
  }

  /** Sets the working directory; a relative `path` is resolved against the current one. */
  dir(path: string): State {
    return new State(this.output, { ...this.meta, dir: joinPath(this.meta.dir || "/", path) });
  }

  getDir(): string {
    return this.meta.dir;
  }

  /** Sets the user that {@link State.run} runs as (`"name"`, `"uid:gid"`, …). */
  user(user: string): State {
    return new State(this.output, { ...this.meta, user });
  }

  getUser(): string {
    return this.meta.user;
  }

  /** Sets the platform for ops built on this state, normalized ({@link normalizePlatform}). */
  platform(platform: Platform): State {
    return new State(this.output, { ...this.meta, platform: normalizePlatform(platform) });
  }

  getPlatform(): Platform | undefined {
    return this.meta.platform;
  }

  /** Applies an image config's `Env` and `WorkingDir`, as Go's `WithImageConfig` (it does not set the user). */
  withImageConfig(config: ImageConfig, platform?: Platform): State {
    let s: State = this;
    for (const kv of config.Env ?? []) {
      const eq = kv.indexOf("=");
      const [k, v] = eq < 0 ? [kv, ""] : [kv.slice(0, eq), kv.slice(eq + 1)];
      if (k !== "") s = s.addEnv(k, v);
    }
    s = s.dir(config.WorkingDir ?? "");
    return platform ? s.platform(platform) : s;
  }

  /** Runs a command with this state as root filesystem; see {@link RunOptions}. */
  run(options: RunOptions): ExecState {
    return newExec(this, options);
  }

  /** Applies a chain of file actions ({@link FileAction}) to this state in one FileOp. */
  file(action: FileAction, options: OpOptions = {}): State {
    return newFileOp(this, action, options);
  }
}

/**
 * containerd's `platforms.Normalize`, which Go applies to a state's platform (not to an image op's own):
 * lowercase, `aarch64`/`arm64` + `v8` → `arm64`, `x86_64` → `amd64`, `armhf` → `arm/v7`, sorted OS features.
 */
export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase() === "macos" ? "darwin" : p.os.toLowerCase();
  let arch = p.architecture.toLowerCase();
  let variant = (p.variant ?? "").toLowerCase();
  switch (arch) {
    case "i386":
      [arch, variant] = ["386", ""];
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      arch = "amd64";
      if (variant === "v1") variant = "";
      break;
    case "aarch64":
    case "arm64":
      arch = "arm64";
      if (["8", "v8", "v8.0"].includes(variant)) variant = "";
      else if (["9", "9.0", "v9.0"].includes(variant)) variant = "v9";
      break;
    case "armhf":
      [arch, variant] = ["arm", "v7"];
      break;
    case "armel":
      [arch, variant] = ["arm", "v6"];
      break;
    case "arm":
      if (variant === "" || variant === "7") variant = "v7";
      else if (["5", "6", "8"].includes(variant)) variant = `v${variant}`;
      break;
  }
  const features = p.osFeatures && [...new Set(p.osFeatures)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return {
    os,
    architecture: arch,
    ...(variant && { variant }),
    ...(p.osVersion && { osVersion: p.osVersion }),
    ...(features && features.length > 0 && { osFeatures: features }),
  };
}

/** The empty filesystem. */
export function scratch(): State {
  return State.fromOutput(undefined);
}

/** Go's `path.Clean`: lexical, slash-separated, "" → ".". */
export function cleanPath(p: string): string {
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
    } else out.push(part);
  }
  const s = out.join("/");
  return rooted ? `/${s}` : s || ".";
}

/** Go's `path.Join`, except that an absolute `p` replaces `base` (how `Dir` and copy sources resolve). */
export function joinPath(base: string, p: string): string {
  if (p.startsWith("/")) return cleanPath(p);
  return cleanPath([base, p].filter((x) => x !== "").join("/") || "");
}
