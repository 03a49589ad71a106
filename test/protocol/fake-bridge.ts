/**
 * An in-process fake buildkitd for protocol tests: a grpc-js server implementing LLBBridge, wired to a child
 * process's stdin/stdout exactly as BuildKit wires a frontend (the child is the HTTP/2 client).
 *
 * It understands Solve'd Definitions well enough to map a ref to the `local://NAME` source it was built from, and
 * serves ReadFile/StatFile/ReadDir from an in-memory file map per local name. A local solved with
 * `local.includepattern` / `local.excludepatterns` (as BuildKit's include-only transfers) serves only the files
 * those patterns select, with .dockerignore-style globs (`*` within a path segment, `**` across segments, a
 * matching directory selects everything under it).
 */
import { globToRegExp } from "../../src/core/glob.js";
import { createHash } from "node:crypto";
import { Duplex, type Readable, type Writable } from "node:stream";
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  Metadata,
  Server,
  ServerCredentials,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerUnaryCall,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import {
  LLBBridge,
  type ResolveImageConfigRequest,
  type ResolveSourceMetaRequest,
  type ReturnRequest,
  type SolveRequest,
  type WarnRequest,
} from "../../src/gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import { OpSchema, type Op } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { StatSchema, type Stat } from "../../src/gen/github.com/tonistiigi/fsutil/types/stat_pb.js";
import { StatusSchema, type Status } from "../../src/gen/google/rpc/status_pb.js";
import { toGrpcService } from "./grpc-service.js";

/** Frontend API caps of a current daemon (frontend/gateway/pb/caps.go). */
export const ALL_FRONTEND_CAPS = [
  "solve.base", "solve.inlinereturn", "resolveimage", "resolveimage.resolvemode", "readfile", "return", "returnmap",
  "readdir", "statfile", "importcaches", "proto.refarray", "reference.output", "frontend.inputs",
  "gateway.solve.metadata", "gateway.exec", "frontend.caps", "gateway.solve.evaluate", "gateway.warnings",
  "gateway.evaluate", "reference.attestations", "source.metaresolver",
] as const;

/** A representative set of LLB caps (solver/pb/caps.go). */
export const ALL_LLB_CAPS = [
  "source.image", "source.image.resolvemode", "source.local", "source.local.unique", "source.local.sessionid",
  "source.local.includepatterns", "source.local.followpaths", "source.local.excludepatterns",
  "source.local.sharedkeyhint", "source.local.differ", "exec.meta.base", "exec.meta.proxyenv", "exec.meta.network",
  "exec.meta.setsdefaultpath", "exec.mount.bind", "exec.mount.cache", "exec.mount.cache.sharing",
  "exec.mount.selector", "exec.mount.tmpfs", "exec.mount.tmpfs.size", "exec.mount.secret", "exec.mount.ssh",
  "exec.secretenv", "constraints", "platform", "meta.ignorecache", "meta.description", "meta.exportcache",
  "file.base", "file.rm.wildcard", "file.copy.includeexcludepatterns", "mergeop", "diffop",
  "exec.meta.removemountstubs.recursive",
] as const;

/** In-memory local directories: local name ("dockerfile", "context") → relative path → content. */
export type LocalFiles = Record<string, Record<string, string | Uint8Array>>;

export interface FakeBridgeOptions {
  readonly files?: LocalFiles;
  /** Caps to report; default {@link ALL_FRONTEND_CAPS} / {@link ALL_LLB_CAPS}. */
  readonly caps?: { readonly frontend?: readonly string[]; readonly llb?: readonly string[] };
  /** Caps to leave out of Ping (frontend or LLB ids). */
  readonly omitCaps?: readonly string[];
  /** What image resolution returns. */
  readonly image?: { readonly digest?: string; readonly config?: unknown };
  /** Methods (e.g. "Solve") that fail with this Status, sent in `grpc-status-details-bin` like BuildKit does. */
  readonly failures?: Readonly<Record<string, Status>>;
  /** After answering this many calls, close the pipes when the next call arrives (that call gets no answer). */
  readonly closeAfter?: number;
  /** What the smoke test's result.json holds in a solved image (default: it passed). */
  readonly smokeResult?: string;
}

/** What the fake saw. */
export interface Recorded {
  /** Method names in call order. */
  readonly calls: string[];
  readonly solves: SolveRequest[];
  readonly warnings: WarnRequest[];
  readonly resolves: (ResolveImageConfigRequest | ResolveSourceMetaRequest)[];
  /** Every Return received (a correct frontend sends exactly one). */
  readonly returns: ReturnRequest[];
  /** Files served by ReadFile, as `LOCAL:path` (LOCAL is "?" for a ref that is not a local source). */
  readonly reads: string[];
}

const DEFAULT_DIGEST = "sha256:" + "ab".repeat(32);
const DEFAULT_CONFIG = { architecture: "amd64", os: "linux", config: { Env: ["PATH=/usr/local/bin:/usr/bin:/bin"] } };

/** A fake buildkitd. Attach it to one child process with {@link FakeBridge.attach}. */
export class FakeBridge {
  readonly recorded: Recorded = { calls: [], solves: [], warnings: [], resolves: [], returns: [], reads: [] };
  readonly server = new Server();
  /** ref id → local source (undefined for refs that are not a local source). */
  private readonly refs = new Map<string, LocalSource | undefined>();
  private answered = 0;
  private closed = false;
  private pipes: (Readable | Writable)[] = [];
  private conn: Duplex | undefined;

  constructor(private readonly options: FakeBridgeOptions = {}) {
    this.server.addService(toGrpcService(LLBBridge), this.implementation());
  }

  /** Serves LLBBridge on the child's stdout (`fromChild`, requests) and stdin (`toChild`, responses). */
  attach(toChild: Writable, fromChild: Readable): void {
    this.pipes = [toChild, fromChild];
    this.conn = Duplex.from({ readable: fromChild, writable: toChild });
    this.conn.on("error", () => undefined);
    toChild.on("error", () => undefined);
    fromChild.on("error", () => undefined);
    this.server.createConnectionInjector(ServerCredentials.createInsecure()).injectConnection(this.conn);
  }

  /** Simulates BuildKit going away: closes both pipes. */
  closePipes(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pipes) p.destroy();
    this.conn?.destroy();
  }

  /**
   * Releases the connection after the child exited. (Server.forceShutdown would write a GOAWAY into the
   * already-destroyed pipe, which trips an internal Node assertion in JSStreamSocket.)
   */
  shutdown(): void {
    this.closePipes();
  }

  private implementation(): UntypedServiceImplementation {
    const o = this.options;
    const omit = new Set(o.omitCaps ?? []);
    const caps = (ids: readonly string[]) => ids.filter((id) => !omit.has(id)).map((ID) => ({ ID, Enabled: true }));
    const image = { digest: o.image?.digest ?? DEFAULT_DIGEST, config: o.image?.config ?? DEFAULT_CONFIG };
    const configBytes = () => new TextEncoder().encode(JSON.stringify(image.config));

    return {
      ping: this.unary("Ping", () => ({
        FrontendAPICaps: caps(o.caps?.frontend ?? ALL_FRONTEND_CAPS),
        LLBCaps: caps(o.caps?.llb ?? ALL_LLB_CAPS),
        Workers: [{ ID: "fake", Platforms: [{ OS: "linux", Architecture: "amd64" }] }],
      })),
      solve: this.unary("Solve", (req: SolveRequest) => {
        this.recorded.solves.push(req);
        const def = req.Definition?.def ?? [];
        if (def.length === 0) return { result: { result: { case: "ref", value: { id: "" } } } };
        const id = `ref-${this.recorded.solves.length}`;
        this.refs.set(id, localSourceOf(def));
        return { result: { result: { case: "ref", value: { id } } } };
      }),
      readFile: this.unary("ReadFile", (req: { Ref: string; FilePath: string }) => {
        // A solved build (not a local source) stands for the smoke test's output, as the frontend reads it.
        if (this.refs.has(req.Ref) && this.refs.get(req.Ref) === undefined && normalize(req.FilePath) === "result.json") {
          return { Data: new TextEncoder().encode(o.smokeResult ?? '{"failures":[],"warnings":[]}') };
        }
        const data = this.lookup(req.Ref, req.FilePath);
        if (data === undefined) throw enoent("open", req.FilePath);
        if (typeof data === "object" && !(data instanceof Uint8Array)) throw enoent("read", req.FilePath);
        this.recorded.reads.push(`${this.refs.get(req.Ref)?.name ?? "?"}:${normalize(req.FilePath)}`);
        return { Data: typeof data === "string" ? new TextEncoder().encode(data) : data };
      }),
      statFile: this.unary("StatFile", (req: { Ref: string; Path: string }) => {
        const stat = this.stat(req.Ref, req.Path);
        if (!stat) throw enoent("lstat", req.Path);
        return { stat };
      }),
      readDir: this.unary("ReadDir", (req: { Ref: string; DirPath: string }) => {
        const dir = normalize(req.DirPath);
        const files = this.filesOf(req.Ref);
        const names = new Set<string>();
        for (const p of Object.keys(files)) {
          const rel = dir === "" ? p : p.startsWith(dir + "/") ? p.slice(dir.length + 1) : undefined;
          if (rel !== undefined && rel !== "") names.add(rel.split("/")[0] ?? rel);
        }
        return {
          entries: [...names].sort().map((n) => this.stat(req.Ref, dir === "" ? n : `${dir}/${n}`)).filter((s) => s !== undefined),
        };
      }),
      resolveImageConfig: this.unary("ResolveImageConfig", (req: ResolveImageConfigRequest) => {
        this.recorded.resolves.push(req);
        return { Digest: image.digest, Config: configBytes(), Ref: req.Ref };
      }),
      resolveSourceMeta: this.unary("ResolveSourceMeta", (req: ResolveSourceMetaRequest) => {
        this.recorded.resolves.push(req);
        return { Source: req.Source, Image: { Digest: image.digest, Config: configBytes() } };
      }),
      warn: this.unary("Warn", (req: WarnRequest) => {
        this.recorded.warnings.push(req);
        return {};
      }),
      inputs: this.unary("Inputs", () => ({ Definitions: {} })),
      return: this.unary("Return", (req: ReturnRequest) => {
        this.recorded.returns.push(req);
        return {};
      }),
    };
  }

  /** Wraps a handler: records the call, applies `closeAfter`, maps thrown errors to gRPC statuses. */
  private unary<Req>(name: string, fn: (req: Req) => object) {
    return (call: ServerUnaryCall<Req, unknown>, callback: sendUnaryData<unknown>): void => {
      this.recorded.calls.push(name);
      if (this.options.closeAfter !== undefined && this.answered >= this.options.closeAfter) {
        this.closePipes();
        return;
      }
      this.answered++;
      const failure = this.options.failures?.[name];
      if (failure) {
        const md = new Metadata();
        md.set("grpc-status-details-bin", Buffer.from(toBinary(StatusSchema, failure)));
        callback({ code: failure.code, details: failure.message, metadata: md });
        return;
      }
      try {
        const schema = LLBBridge.methods.find((m) => m.name === name)?.output;
        if (!schema) throw new Error(`no method ${name}`);
        callback(null, create(schema, fn(call.request) as MessageInitShape<typeof schema>));
      } catch (e) {
        const err = e as Error & { code?: number };
        callback({ code: err.code ?? GrpcStatus.UNKNOWN, details: err.message, metadata: new Metadata() });
      }
    };
  }

  private filesOf(ref: string): Record<string, string | Uint8Array> {
    const local = this.refs.get(ref);
    const all = (local !== undefined ? this.options.files?.[local.name] : undefined) ?? {};
    if (!local || (local.include === undefined && local.exclude === undefined)) return all;
    const { include, exclude } = local;
    const out: Record<string, string | Uint8Array> = {};
    for (const [path, data] of Object.entries(all)) {
      if (include && !include.some((re) => matchesPathOrParent(re, path))) continue;
      if (exclude && exclude.some((re) => matchesPathOrParent(re, path))) continue;
      out[path] = data;
    }
    return out;
  }

  private lookup(ref: string, path: string): string | Uint8Array | { dir: true } | undefined {
    const files = this.filesOf(ref);
    const p = normalize(path);
    const f = files[p];
    if (f !== undefined) return f;
    if (p === "" || Object.keys(files).some((k) => k.startsWith(p + "/"))) return { dir: true };
    return undefined;
  }

  private stat(ref: string, path: string): Stat | undefined {
    const f = this.lookup(ref, path);
    if (f === undefined) return undefined;
    const isDir = typeof f === "object" && !(f instanceof Uint8Array);
    const size = isDir ? 0 : typeof f === "string" ? new TextEncoder().encode(f).length : f.length;
    return create(StatSchema, {
      path: normalize(path).split("/").pop() ?? "",
      mode: isDir ? 0x80000000 + 0o755 : 0o644, // Go os.ModeDir is 1<<31
      size: BigInt(size),
    });
  }
}

/** A solved `local://NAME` source: its name and, when given, its include/exclude patterns as regexps. */
export interface LocalSource {
  readonly name: string;
  readonly include?: readonly RegExp[];
  readonly exclude?: readonly RegExp[];
}

/** {@link localNameOf} plus the include/exclude patterns of the source op. */
export function localSourceOf(def: readonly Uint8Array[]): LocalSource | undefined {
  const source = headSourceOf(def);
  const m = source ? /^local:\/\/(.+)$/.exec(source.identifier) : null;
  if (!source || !m?.[1]) return undefined;
  const patterns = (attr: string): RegExp[] | undefined => {
    const raw = source.attrs[attr];
    if (!raw) return undefined;
    return (JSON.parse(raw) as string[]).filter((p) => !p.startsWith("!")).map(globToRegExp);
  };
  const include = patterns("local.includepattern");
  const exclude = patterns("local.excludepatterns");
  return { name: m[1], ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) };
}

/** True when `re` matches `path` or one of its parent directories. */
function matchesPathOrParent(re: RegExp, path: string): boolean {
  const parts = path.split("/");
  for (let n = parts.length; n > 0; n--) if (re.test(parts.slice(0, n).join("/"))) return true;
  return false;
}

/** Follows a Definition from its head through first inputs to a `local://NAME` source; undefined if none. */
export function localNameOf(def: readonly Uint8Array[]): string | undefined {
  return localSourceOf(def)?.name;
}

/** The source op reached from a Definition's head through first inputs, if any. */
function headSourceOf(def: readonly Uint8Array[]): { identifier: string; attrs: Record<string, string> } | undefined {
  const ops = new Map<string, Op>();
  for (const bytes of def) ops.set(`sha256:${createHash("sha256").update(bytes).digest("hex")}`, fromBinary(OpSchema, bytes));
  const last = def[def.length - 1];
  let op = last ? fromBinary(OpSchema, last) : undefined;
  for (let guard = 0; op && guard < 1000; guard++) {
    if (op.op.case === "source") return op.op.value;
    const next = op.inputs[0]?.digest;
    op = next ? ops.get(next) : undefined;
  }
  return undefined;
}

function normalize(p: string): string {
  return p.replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "").replace(/^\.$/, "");
}

function enoent(op: string, path: string): Error {
  // The real daemon reports a missing path as an unwrapped *os.PathError: code Unknown.
  return new Error(`${op} /${normalize(path)}: no such file or directory`);
}

/**
 * A minimal Definition loading `local://<name>` (source op + terminal op), for tests that need a ref to a local.
 * Not byte-identical to Go's llb output (attrs are not sorted by a deterministic marshaller).
 */
export function localDefinition(name: string, sessionId = "fake-session"): { def: Uint8Array[]; digest: string } {
  const source = toBinary(
    OpSchema,
    create(OpSchema, { op: { case: "source", value: { identifier: `local://${name}`, attrs: { "local.session": sessionId } } } }),
  );
  const digest = `sha256:${createHash("sha256").update(source).digest("hex")}`;
  const terminal = toBinary(OpSchema, create(OpSchema, { inputs: [{ digest, index: 0n }] }));
  return { def: [source, terminal], digest };
}
