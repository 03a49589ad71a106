/**
 * FileOp: a chain of file actions applied in one op (Go `client/llb/fileop.go`).
 *
 * ```ts
 * const st = image("python:3.12-slim").file(
 *   mkdir("/app/data", 0o755, { makeParents: true })
 *     .mkfile("/app/data/hello.txt", 0o644, "hi\n")
 *     .copy(context, "requirements.txt", "/app/", { createDestPath: true }),
 *   { customName: "prepare /app" },
 * );
 * ```
 *
 * Wire rules: every action of the chain works on the state `file()` was called on. Action 0 reads that
 * state's input index; action j > 0 reads "the result of action j-1", written as `len(Op.inputs) + (j-1)`.
 * Only the last action has `output 0`; the others have `-1`. Copy sources are extra inputs
 * (`secondaryInput`). Relative paths resolve against the state's dir; copy sources against the source
 * state's dir. `Op.platform` is unset (file ops are not platform specific since buildkit v0.12).
 * Timestamps are UnixNano, `-1` when unset.
 */
import { create } from "@bufbuild/protobuf";
import {
  ChownOptSchema,
  FileActionCopySchema,
  FileActionMkDirSchema,
  FileActionMkFileSchema,
  FileActionRmSchema,
  FileActionSchema,
  FileActionSymlinkSchema,
  FileOpSchema,
  NamedUserOptSchema,
  UserOptSchema,
  type ChownOpt as PbChownOpt,
  type FileAction as PbFileAction,
  type Input,
  type UserOpt as PbUserOpt,
} from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { BuiltOp, MarshalContext, OpOptions, Output, Vertex } from "./marshal.js";
import { newOp } from "./marshal.js";
import { cleanPath, joinPath, type State } from "./state.js";

/** A user or group: a numeric id or a name looked up in the target's /etc/passwd and /etc/group. */
export type UserRef = number | string;

/**
 * Ownership. A string is parsed as Go's `WithUser`: `"user[:group]"`, where numbers and "root" are ids
 * and anything else a name.
 */
export type Owner = string | { readonly user?: UserRef; readonly group?: UserRef };

/** A creation time: a Date (millisecond precision) or nanoseconds since the epoch. */
export type Timestamp = Date | bigint;

export interface MkdirOptions {
  readonly makeParents?: boolean;
  readonly owner?: Owner;
  readonly timestamp?: Timestamp;
}
export interface MkfileOptions {
  readonly owner?: Owner;
  readonly timestamp?: Timestamp;
}
export interface RmOptions {
  readonly allowNotFound?: boolean;
  readonly allowWildcard?: boolean;
}
export interface SymlinkOptions {
  readonly owner?: Owner;
  readonly timestamp?: Timestamp;
}
export interface CopyOptions {
  readonly owner?: Owner;
  /** File mode of copied files; unset keeps the source mode. */
  readonly mode?: number;
  readonly followSymlinks?: boolean;
  readonly dirCopyContents?: boolean;
  readonly createDestPath?: boolean;
  readonly allowWildcard?: boolean;
  readonly allowEmptyWildcard?: boolean;
  readonly includePatterns?: readonly string[];
  readonly excludePatterns?: readonly string[];
  readonly timestamp?: Timestamp;
}

type Action =
  | { readonly kind: "mkdir"; readonly path: string; readonly mode: number; readonly opts: MkdirOptions }
  | { readonly kind: "mkfile"; readonly path: string; readonly mode: number; readonly data: Uint8Array; readonly opts: MkfileOptions }
  | { readonly kind: "rm"; readonly path: string; readonly opts: RmOptions }
  | { readonly kind: "symlink"; readonly oldpath: string; readonly newpath: string; readonly opts: SymlinkOptions }
  | { readonly kind: "copy"; readonly source: State; readonly src: string; readonly dest: string; readonly opts: CopyOptions };

/** An immutable chain of file actions; each method returns a longer chain. Apply with {@link State.file}. */
export class FileAction {
  private constructor(
    private readonly prev: FileAction | undefined,
    private readonly action: Action,
  ) {}

  /** @internal */
  static of(action: Action, prev?: FileAction): FileAction {
    return new FileAction(prev, action);
  }

  /** The actions from first to last. */
  actions(): Action[] {
    return [...(this.prev?.actions() ?? []), this.action];
  }

  mkdir(path: string, mode: number, opts: MkdirOptions = {}): FileAction {
    return FileAction.of({ kind: "mkdir", path, mode, opts }, this);
  }
  mkfile(path: string, mode: number, data: Uint8Array | string, opts: MkfileOptions = {}): FileAction {
    return FileAction.of({ kind: "mkfile", path, mode, data: toBytes(data), opts }, this);
  }
  rm(path: string, opts: RmOptions = {}): FileAction {
    return FileAction.of({ kind: "rm", path, opts }, this);
  }
  symlink(oldpath: string, newpath: string, opts: SymlinkOptions = {}): FileAction {
    return FileAction.of({ kind: "symlink", oldpath, newpath, opts }, this);
  }
  copy(source: State, src: string, dest: string, opts: CopyOptions = {}): FileAction {
    return FileAction.of({ kind: "copy", source, src, dest, opts }, this);
  }
}

/** Creates directory `path` (mode masked to 0o777). */
export const mkdir = (path: string, mode: number, opts: MkdirOptions = {}): FileAction => FileAction.of({ kind: "mkdir", path, mode, opts });
/** Creates file `path` with `data` (a string is UTF-8 encoded). */
export const mkfile = (path: string, mode: number, data: Uint8Array | string, opts: MkfileOptions = {}): FileAction =>
  FileAction.of({ kind: "mkfile", path, mode, data: toBytes(data), opts });
/** Removes `path`. */
export const rm = (path: string, opts: RmOptions = {}): FileAction => FileAction.of({ kind: "rm", path, opts });
/** Creates symlink `newpath` → `oldpath` (cap `file.symlink.create`). */
export const symlink = (oldpath: string, newpath: string, opts: SymlinkOptions = {}): FileAction => FileAction.of({ kind: "symlink", oldpath, newpath, opts });
/** Copies `src` of `source` to `dest`. */
export const copy = (source: State, src: string, dest: string, opts: CopyOptions = {}): FileAction => FileAction.of({ kind: "copy", source, src, dest, opts });

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** @internal Used by {@link State.file}. */
export function newFileOp(base: State, action: FileAction, options: OpOptions): State {
  const v = new FileOpVertex(base, action.actions(), options);
  return base.withOutput(v.output);
}

class FileOpVertex implements Vertex {
  readonly output: Output = { vertex: this, index: 0 };

  constructor(
    private readonly base: State,
    private readonly actions: readonly Action[],
    private readonly options: OpOptions,
  ) {}

  /** Go's `allOutputs`: walks from the last action back, the base state first, then copy sources. */
  inputs(): readonly Output[] {
    const seen = new Set<Output>();
    for (const a of [...this.actions].reverse()) {
      if (this.base.output) seen.add(this.base.output);
      if (a.kind === "copy" && a.source.output) seen.add(a.source.output);
    }
    return [...seen];
  }

  build(ctx: MarshalContext): BuiltOp {
    const inputs: Input[] = [];
    const add = (out: Output | undefined): bigint => {
      if (out === undefined) return -1n;
      const inp = ctx.input(out);
      let i = inputs.findIndex((x) => x.digest === inp.digest && x.index === inp.index);
      if (i < 0) i = inputs.push(inp) - 1;
      return BigInt(i);
    };
    const caps = new Set(["file.base"]);
    const parent = this.base.getDir();
    // Inputs are added in action order (base, then copy source), as Go's marshalState.add does.
    const staged = this.actions.map((a) => ({ a, base: add(this.base.output), input2: a.kind === "copy" ? add(a.source.output) : -1n }));
    const n = BigInt(inputs.length);
    const actions: PbFileAction[] = staged.map(({ a, base, input2 }, j) =>
      create(FileActionSchema, {
        input: j === 0 ? base : n + BigInt(j - 1),
        secondaryInput: input2,
        output: j === staged.length - 1 ? 0n : -1n,
        action: toPbAction(a, parent, base, caps),
      }),
    );
    const op = newOp(ctx, null, { inputs, op: { case: "file", value: create(FileOpSchema, { actions }) } });
    return { op, caps, options: this.options };
  }
}

function toPbAction(a: Action, parent: string, base: bigint, caps: Set<string>): PbFileAction["action"] {
  switch (a.kind) {
    case "mkdir":
      return {
        case: "mkdir",
        value: create(FileActionMkDirSchema, {
          path: normalizePath(parent, a.path, false),
          mode: a.mode & 0o777,
          makeParents: a.opts.makeParents ?? false,
          ...chown(a.opts.owner, base),
          timestamp: unixNano(a.opts.timestamp),
        }),
      };
    case "mkfile":
      return {
        case: "mkfile",
        value: create(FileActionMkFileSchema, {
          path: normalizePath(parent, a.path, false),
          mode: a.mode & 0o777,
          data: a.data,
          ...chown(a.opts.owner, base),
          timestamp: unixNano(a.opts.timestamp),
        }),
      };
    case "rm":
      return {
        case: "rm",
        value: create(FileActionRmSchema, {
          path: normalizePath(parent, a.path, false),
          allowNotFound: a.opts.allowNotFound ?? false,
          allowWildcard: a.opts.allowWildcard ?? false,
        }),
      };
    case "symlink":
      caps.add("file.symlink.create");
      return {
        case: "symlink",
        value: create(FileActionSymlinkSchema, {
          oldpath: a.oldpath,
          newpath: a.newpath,
          ...chown(a.opts.owner, base),
          timestamp: unixNano(a.opts.timestamp),
        }),
      };
    case "copy": {
      const o = a.opts;
      // Go's master never reaches its copy addCaps (it loops over an empty list); declaring the cap is right.
      if (o.includePatterns?.length || o.excludePatterns?.length) caps.add("file.copy.includeexcludepatterns");
      return {
        case: "copy",
        value: create(FileActionCopySchema, {
          src: joinPath(a.source.getDir() || "/", cleanPath(a.src)),
          dest: normalizePath(parent, a.dest, true),
          ...chown(o.owner, base),
          mode: o.mode ?? -1,
          followSymlink: o.followSymlinks ?? false,
          dirCopyContents: o.dirCopyContents ?? false,
          createDestPath: o.createDestPath ?? false,
          allowWildcard: o.allowWildcard ?? false,
          allowEmptyWildcard: o.allowEmptyWildcard ?? false,
          timestamp: unixNano(o.timestamp),
          includePatterns: [...(o.includePatterns ?? [])],
          excludePatterns: [...(o.excludePatterns ?? [])],
        }),
      };
    }
  }
}

/** Go's `normalizePath`: absolute against `parent`; with `keepSlash`, a trailing `/` or `/.` survives. */
export function normalizePath(parent: string, p: string, keepSlash: boolean): string {
  let out = cleanPath(p);
  if (!out.startsWith("/")) out = joinPath(joinPath("/", parent), out);
  if (keepSlash) {
    if (p.endsWith("/") && !out.endsWith("/")) out += "/";
    else if (p.endsWith("/.")) out = (out === "/" ? out : `${out}/`) + ".";
  }
  return out;
}

function unixNano(t: Timestamp | undefined): bigint {
  if (t === undefined) return -1n;
  return typeof t === "bigint" ? t : BigInt(t.getTime()) * 1_000_000n;
}

/** `{owner}` for a pb action, or nothing. Names resolve against the action's base input (Go `UserOpt.marshal`). */
function chown(owner: Owner | undefined, base: bigint): { owner?: PbChownOpt } {
  if (owner === undefined) return {};
  let user: UserRef | undefined;
  let group: UserRef | undefined;
  if (typeof owner === "string") {
    const [u, g] = splitOnce(owner, ":");
    user = parseId(u);
    if (g !== undefined) group = parseId(g);
  } else ({ user, group } = owner);
  const opt = (r: UserRef | undefined): PbUserOpt | undefined =>
    r === undefined
      ? undefined
      : create(UserOptSchema, {
          user: typeof r === "number" ? { case: "byID", value: r } : { case: "byName", value: create(NamedUserOptSchema, { name: r, input: base }) },
        });
  const u = opt(user);
  const g = opt(group);
  return { owner: create(ChownOptSchema, { ...(u && { user: u }), ...(g && { group: g }) }) };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Go's `parseUID`: "root" is 0, a decimal int32 is an id, anything else a name. */
function parseId(s: string): UserRef {
  if (s === "root") return 0;
  return /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31 ? Number(s) : s;
}
