/**
 * ExecOp: running a command (Go `client/llb/exec.go`).
 *
 * Wire rules followed here (they decide the digest and which output is which):
 * - the root mount is `dest "/"`; all mounts except secrets and ssh sockets are sorted by dest (byte order),
 *   then secret mounts and ssh mounts are appended in the order given;
 * - writable bind mounts get output indices 0,1,2… in sorted order; readonly, cache and tmpfs mounts get
 *   `-1` (`pb.SkipOutput`); secret and ssh mounts leave `output` unset (0) and have `input -1`;
 * - `Op.inputs` holds each distinct source once; scratch sources are `input -1`;
 * - `Meta.removeMountStubsRecursive` is always true; `SSH_AUTH_SOCK` is added when ssh mounts exist, and a
 *   default `PATH` when the env has none (daemons without `exec.meta.setsdefaultpath` would run without).
 */
import { type Platform } from "../core/platform.js";
import { create } from "@bufbuild/protobuf";
import {
  CacheOptSchema,
  CacheSharingOpt,
  ExecOpSchema,
  MetaSchema,
  MountSchema,
  MountType,
  NetMode,
  SecretEnvSchema,
  SecretOptSchema,
  SecurityMode,
  SSHOptSchema,
  TmpfsOptSchema,
  type Input,
  type Mount as PbMount,
} from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { BuiltOp, MarshalContext, OpOptions, Output, Vertex } from "./marshal.js";
import { newOp } from "./marshal.js";
import { State } from "./state.js";

/** Go's `system.DefaultPathEnvUnix`. */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Bind-mounts `source` (a directory of it with `selector`) at `dest`. Writable unless `readonly`. */
export interface BindMount {
  readonly type: "bind";
  readonly dest: string;
  readonly source: State;
  readonly selector?: string;
  readonly readonly?: boolean;
}
/** A persistent cache directory keyed by `id`; `source` seeds it (default: empty). */
export interface CacheMount {
  readonly type: "cache";
  readonly dest: string;
  readonly id: string;
  readonly sharing?: "shared" | "private" | "locked";
  readonly source?: State;
}
export interface TmpfsMount {
  readonly type: "tmpfs";
  readonly dest: string;
  /** Bytes; needs cap `exec.mount.tmpfs.size`. */
  readonly size?: number;
}
/** A build secret as a file. `mode` defaults to 0o400. */
export interface SecretMount {
  readonly type: "secret";
  readonly dest: string;
  readonly id: string;
  readonly uid?: number;
  readonly gid?: number;
  readonly mode?: number;
  readonly optional?: boolean;
}
/** An ssh-agent socket. `id` defaults to "default", `dest` to `/run/buildkit/ssh_agent.<n>`, `mode` to 0o600. */
export interface SshMount {
  readonly type: "ssh";
  readonly id?: string;
  readonly dest?: string;
  readonly uid?: number;
  readonly gid?: number;
  readonly mode?: number;
  readonly optional?: boolean;
}
export type Mount = BindMount | CacheMount | TmpfsMount | SecretMount | SshMount;

/** A secret exposed as env var `name`. */
export interface SecretEnv {
  readonly id: string;
  readonly name: string;
  readonly optional?: boolean;
}

/** Options of {@link State.run}. Exactly one of `args` and `shell` is needed. */
export interface RunOptions extends OpOptions {
  readonly args?: readonly string[];
  /** Run through `/bin/sh -c`. */
  readonly shell?: string;
  /** Added to the state's env, in order. */
  readonly env?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** Working dir; relative to the state's dir. */
  readonly cwd?: string;
  readonly user?: string;
  readonly mounts?: readonly Mount[];
  readonly secretEnv?: readonly SecretEnv[];
  readonly network?: "sandbox" | "host" | "none";
  readonly security?: "sandbox" | "insecure";
  readonly readonlyRootfs?: boolean;
  readonly hostname?: string;
  /** Overrides the state's platform for this op. */
  readonly platform?: Platform;
}

/** Mount helpers, so call sites read like Go's `AddMount(dest, st, Readonly)`. */
export const bindMount = (dest: string, source: State, o: Omit<BindMount, "type" | "dest" | "source"> = {}): BindMount => ({ type: "bind", dest, source, ...o });
export const cacheMount = (dest: string, o: Omit<CacheMount, "type" | "dest">): CacheMount => ({ type: "cache", dest, ...o });
export const tmpfsMount = (dest: string, o: Omit<TmpfsMount, "type" | "dest"> = {}): TmpfsMount => ({ type: "tmpfs", dest, ...o });
export const secretMount = (dest: string, o: Omit<SecretMount, "type" | "dest">): SecretMount => ({ type: "secret", dest, ...o });
export const sshMount = (o: Omit<SshMount, "type"> = {}): SshMount => ({ type: "ssh", ...o });

type FsMount = { readonly dest: string; readonly source: Output | undefined; readonly kind: "bind" | "cache" | "tmpfs"; readonly m?: Mount; readonly readonly: boolean; output: Output | undefined };

/** The result of {@link State.run}: the new root and the exec's other mounts (Go `ExecState`). */
export class ExecState {
  /** @internal */
  constructor(
    private readonly rootState: State,
    private readonly vertex: ExecVertex,
  ) {}

  /** The root filesystem after the command (output of the "/" mount), with the run's state metadata. */
  root(): State {
    return this.rootState;
  }

  /**
   * The state of the mount at `dest` after the command. A readonly mount gives its source back; a cache,
   * tmpfs or unknown mount gives a state that fails at marshal time.
   */
  getMount(dest: string): State {
    const m = this.vertex.mounts.find((x) => x.dest === dest);
    return State.fromOutput(m?.output ?? { vertex: this.vertex, index: -1, error: `no writable mount at ${dest}` });
  }
}

/** @internal Used by {@link State.run}. */
export function newExec(base: State, o: RunOptions): ExecState {
  let st = base;
  const envPairs = Array.isArray(o.env) ? (o.env as readonly (readonly [string, string])[]) : Object.entries(o.env ?? {});
  for (const [k, v] of envPairs) st = st.addEnv(k, v);
  if (o.cwd !== undefined) st = st.dir(o.cwd);
  if (o.user !== undefined) st = st.user(o.user);
  const v = new ExecVertex(st, o);
  return new ExecState(base.withOutput(v.root), v);
}

const sharingOf = { shared: CacheSharingOpt.SHARED, private: CacheSharingOpt.PRIVATE, locked: CacheSharingOpt.LOCKED } as const;

class ExecVertex implements Vertex {
  readonly mounts: FsMount[];
  readonly root: Output | undefined;
  private readonly secrets: readonly SecretMount[];
  private readonly ssh: readonly (SshMount & { readonly dest: string })[];

  constructor(
    private readonly state: State,
    private readonly o: RunOptions,
  ) {
    const rootMount: FsMount = { dest: "/", source: state.output, kind: "bind", readonly: o.readonlyRootfs ?? false, output: undefined };
    const fs: FsMount[] = [rootMount];
    const secrets: SecretMount[] = [];
    const ssh: SshMount[] = [];
    for (const m of o.mounts ?? []) {
      if (m.type === "secret") secrets.push(m);
      else if (m.type === "ssh") ssh.push(m);
      else {
        const source = m.type === "tmpfs" ? undefined : m.source?.output;
        fs.push({ dest: m.dest, source, kind: m.type, m, readonly: m.type === "bind" && (m.readonly ?? false), output: undefined });
      }
    }
    // Go sorts by dest with strings.Compare, i.e. by bytes: compare UTF-8, not UTF-16 code units.
    this.mounts = fs.sort((a, b) => Buffer.compare(Buffer.from(a.dest), Buffer.from(b.dest)));
    let next = 0;
    for (const m of this.mounts) {
      if (m.readonly) m.output = m.source;
      else if (m.kind === "bind") m.output = { vertex: this, index: next++, ...(o.platform && { platform: o.platform }) };
      else m.output = { vertex: this, index: -1, error: `${m.kind} mount for ${m.dest} can't be used as a parent` };
    }
    this.root = rootMount.output;
    this.secrets = secrets;
    this.ssh = ssh.map((s, i) => ({ ...s, dest: s.dest ?? `/run/buildkit/ssh_agent.${i}` }));
  }

  inputs(): readonly Output[] {
    const seen = new Set<Output>();
    for (const m of this.mounts) if (m.source) seen.add(m.source);
    return [...seen];
  }

  build(ctx: MarshalContext): BuiltOp {
    const { state, o } = this;
    const args = o.args ? [...o.args] : o.shell !== undefined ? ["/bin/sh", "-c", o.shell] : [];
    if (args.length === 0) throw new Error("run: arguments are required");
    let env = state;
    if (this.ssh[0] && env.getEnv("SSH_AUTH_SOCK") === undefined) env = env.addEnv("SSH_AUTH_SOCK", this.ssh[0].dest);
    const platform = o.platform ?? state.getPlatform();
    if (env.getEnv("PATH") === undefined && (platform ?? ctx.platform).os !== "windows") env = env.addEnv("PATH", DEFAULT_PATH);

    const caps = new Set(["exec.meta.base"]);
    const inputs: Input[] = [];
    const inputIndex = (out: Output | undefined): bigint => {
      if (out === undefined) return -1n;
      const inp = ctx.input(out);
      let i = inputs.findIndex((x) => x.digest === inp.digest && x.index === inp.index);
      if (i < 0) i = inputs.push(inp) - 1;
      return BigInt(i);
    };

    const mounts: PbMount[] = this.mounts.map((m) => {
      const pm = create(MountSchema, {
        input: inputIndex(m.source),
        dest: m.dest,
        output: m.output && !m.output.error && m.output.vertex === this ? BigInt(m.output.index) : -1n,
        readonly: m.readonly,
      });
      if (m.m?.type === "bind" && m.m.selector) {
        pm.selector = m.m.selector;
        caps.add("exec.mount.selector");
      }
      if (m.m?.type === "cache") {
        pm.mountType = MountType.CACHE;
        pm.cacheOpt = create(CacheOptSchema, { ID: m.m.id, sharing: sharingOf[m.m.sharing ?? "shared"] });
        caps.add("exec.mount.cache").add("exec.mount.cache.sharing");
      } else if (m.m?.type === "tmpfs") {
        pm.mountType = MountType.TMPFS;
        pm.TmpfsOpt = create(TmpfsOptSchema, { size: BigInt(m.m.size ?? 0) });
        caps.add("exec.mount.tmpfs");
        if ((m.m.size ?? 0) > 0) caps.add("exec.mount.tmpfs.size");
      } else if (m.source) {
        caps.add("exec.mount.bind");
      }
      return pm;
    });
    for (const s of this.secrets) {
      mounts.push(
        create(MountSchema, {
          input: -1n,
          dest: s.dest,
          mountType: MountType.SECRET,
          secretOpt: create(SecretOptSchema, { ID: s.id, uid: s.uid ?? 0, gid: s.gid ?? 0, mode: s.mode ?? 0o400, optional: s.optional ?? false }),
        }),
      );
    }
    for (const s of this.ssh) {
      mounts.push(
        create(MountSchema, {
          input: -1n,
          dest: s.dest,
          mountType: MountType.SSH,
          SSHOpt: create(SSHOptSchema, { ID: s.id ?? "default", uid: s.uid ?? 0, gid: s.gid ?? 0, mode: s.mode ?? 0o600, optional: s.optional ?? false }),
        }),
      );
    }
    const secretEnv = (o.secretEnv ?? []).map((s) => create(SecretEnvSchema, { ID: s.id, name: s.name, optional: s.optional ?? false }));
    if (this.secrets.length > 0 || secretEnv.length > 0) caps.add("exec.mount.secret");
    if (secretEnv.length > 0) caps.add("exec.secretenv");
    if (this.ssh.length > 0) caps.add("exec.mount.ssh");
    const network = { sandbox: NetMode.UNSET, host: NetMode.HOST, none: NetMode.NONE }[o.network ?? "sandbox"];
    if (network !== NetMode.UNSET) caps.add("exec.meta.network");
    const security = o.security === "insecure" ? SecurityMode.INSECURE : SecurityMode.SANDBOX;
    if (security === SecurityMode.INSECURE) caps.add("exec.meta.security");

    const exec = create(ExecOpSchema, {
      meta: create(MetaSchema, {
        args,
        env: env.env(),
        cwd: state.getDir(),
        user: state.getUser(),
        hostname: o.hostname ?? "",
        removeMountStubsRecursive: true,
      }),
      mounts,
      network,
      security,
      secretenv: secretEnv,
    });
    return { op: newOp(ctx, platform, { inputs, op: { case: "exec", value: exec } }), caps, options: o };
  }
}
