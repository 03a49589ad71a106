/**
 * {@link GatewayClient}: typed async wrappers over BuildKit's LLBBridge RPCs (frontend/gateway/pb/gateway.proto),
 * following the Go client in frontend/gateway/grpcclient/client.go.
 *
 * Every RPC failure rejects with a {@link BuildkitRpcError} carrying the daemon's `google.rpc.Status` (typed
 * details included), so it can be forwarded unchanged in `Return`.
 * @module
 */
import { type Platform } from "../core/platform.js";
import { create, fromBinary, toBinary, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import {
  LLBBridge,
  type AttestationSchema,
  type Result,
  ResultSchema,
} from "../gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import type { Definition, DefinitionSchema } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { Stat } from "../gen/github.com/tonistiigi/fsutil/types/stat_pb.js";
import { StatusSchema, type Status } from "../gen/google/rpc/status_pb.js";
import type { Range, SourceFile } from "../core/diagnostics.js";
import { BuildkitRpcError, RpcCode, SOURCE_LANGUAGE, status, toPbRange } from "./errors.js";
import type { CacheImport, ImageResolveMode } from "./opts.js";
import type { Duplex } from "node:stream";
import { openChannel, RpcFailure, type Channel } from "./channel.js";

/** Capability ids this module checks (frontend/gateway/pb/caps.go). */
export const GatewayCap = {
  return: "return",
  protoRefArray: "proto.refarray",
  frontendInputs: "frontend.inputs",
  solveEvaluate: "gateway.solve.evaluate",
  warnings: "gateway.warnings",
  sourceMetaResolver: "source.metaresolver",
} as const;

/** Capabilities the daemon reported in Ping. A cap is present only if listed *and* enabled. */
export interface Caps {
  readonly frontend: ReadonlySet<string>;
  readonly llb: ReadonlySet<string>;
}

/** What a frontend build returns. Refs are ids from {@link GatewayClient.solve}; "" means an empty (scratch) result. */
export interface FrontendResult {
  /** Single result ref. Ignored when `refs` is set. */
  readonly ref?: string;
  /** Per-platform refs (multi-platform result), keyed by platform id, e.g. "linux/amd64". */
  readonly refs?: Readonly<Record<string, string>>;
  /** Exporter metadata, e.g. `containerimage.config`. Strings are sent as UTF-8. */
  readonly metadata: Readonly<Record<string, Uint8Array | string>>;
  /** Attestations per platform id (or "" for a single result). */
  readonly attestations?: Readonly<Record<string, readonly MessageInitShape<typeof AttestationSchema>[]>>;
}

/** A resolved image: the ref after source policies, its manifest digest, and its parsed config JSON. */
export interface ResolvedImage {
  readonly ref: string;
  readonly digest: string;
  readonly config: unknown;
}

export interface ResolveImageOptions {
  readonly platform?: Platform;
  readonly resolveMode?: ImageResolveMode;
  /** Progress vertex name, e.g. `[internal] load metadata for docker.io/library/python:3.12`. */
  readonly logName?: string;
}

export interface SolveOptions {
  /** Build the result now so errors surface inside the frontend (falls back to StatFile "." on old daemons). */
  readonly evaluate?: boolean;
  readonly cacheImports?: readonly CacheImport[];
}

export interface WarnOptions {
  readonly detail?: readonly (string | Uint8Array)[];
  readonly url?: string;
  /** The file the ranges point into; `definition` is the LLB that loaded it (optional). */
  readonly sourceInfo?: SourceFile & { readonly definition?: Definition };
  readonly ranges?: readonly Range[];
}

type Methods = (typeof LLBBridge)["method"];
type MethodName = keyof Methods;
type In<K extends MethodName> = MessageInitShape<Methods[K]["input"]>;
type Out<K extends MethodName> = MessageShape<Methods[K]["output"]>;

const PING_TIMEOUT_MS = 15_000;
const utf8 = new TextEncoder();

/** Typed LLBBridge client, on the connection BuildKit serves LLBBridge on (usually stdio.ts's). */
export class GatewayClient {
  private readonly channel: Channel;
  private capsCache: Caps | undefined;
  /** Every call so far as `Method start–end`, in ms after the process started (the debug timings). */
  readonly timings: string[] = [];

  /**
   * @param connection the byte stream BuildKit serves LLBBridge on, e.g. {@link StdioTransport.connection}.
   * @param peerClosed settles when the connection is known dead; pending and later calls then fail at once with
   *   UNAVAILABLE.
   */
  constructor(
    connection: Duplex,
    private readonly peerClosed?: Promise<Error>,
  ) {
    this.channel = openChannel(connection);
    // The HTTP/2 session goes first: its streams then end without writing to the dead connection.
    void peerClosed?.then(() => this.channel.close());
  }

  /** Caps from the last {@link ping}; empty sets before. */
  get caps(): Caps {
    return this.capsCache ?? { frontend: new Set(), llb: new Set() };
  }

  /** Calls Ping (15 s deadline, like Go) and records the enabled frontend and LLB caps. */
  async ping(): Promise<Caps> {
    const pong = await this.unary("ping", {}, PING_TIMEOUT_MS);
    const enabled = (caps: readonly { ID: string; Enabled: boolean }[]) =>
      new Set(caps.filter((c) => c.Enabled).map((c) => c.ID));
    this.capsCache = { frontend: enabled(pong.FrontendAPICaps), llb: enabled(pong.LLBCaps) };
    return this.capsCache;
  }

  /**
   * Solves a marshaled Definition and returns the single result's ref id ("" when the result is empty, e.g. an
   * empty definition). Always sets `allowResultReturn` and `allowResultArrayRef`, like the Go client.
   */
  async solve(definition: MessageInitShape<typeof DefinitionSchema>, opts: SolveOptions = {}): Promise<string> {
    const nativeEvaluate = opts.evaluate === true && this.caps.frontend.has(GatewayCap.solveEvaluate);
    const resp = await this.unary("solve", {
      Definition: definition,
      allowResultReturn: true,
      allowResultArrayRef: true,
      Evaluate: nativeEvaluate,
      CacheImports: (opts.cacheImports ?? []).map((c) => ({ Type: c.type, Attrs: { ...c.attrs } })),
    });
    const res = resp.result?.result;
    let ref: string;
    switch (res?.case) {
      case "ref":
        ref = res.value.id;
        break;
      case "refDeprecated":
        ref = res.value;
        break;
      case "refs":
      case "refsDeprecated":
        throw new Error("solve returned a multi-ref result where a single ref was expected");
      default:
        ref = resp.ref;
    }
    if (opts.evaluate === true && !nativeEvaluate && ref !== "") await this.statFile(ref, ".");
    return ref;
  }

  /** Reads a file (or a byte range of it) from a solved ref. Responses are capped at 16 MiB: use `range` for more. */
  async readFile(ref: string, path: string, range?: { offset: number; length: number }): Promise<Uint8Array> {
    const resp = await this.unary("readFile", {
      Ref: ref,
      FilePath: path,
      ...(range ? { Range: { Offset: BigInt(range.offset), Length: BigInt(range.length) } } : {}),
    });
    return resp.Data;
  }

  /** Lists a directory of a solved ref, optionally filtered by a glob include pattern. */
  async readDir(ref: string, path: string, includePattern?: string): Promise<Stat[]> {
    const resp = await this.unary("readDir", { Ref: ref, DirPath: path, IncludePattern: includePattern ?? "" });
    return resp.entries;
  }

  /**
   * Stats a path in a solved ref; undefined when it does not exist. The daemon reports a missing path as
   * UNKNOWN "… no such file or directory" (or NOT_FOUND); any other failure rejects.
   */
  async statFile(ref: string, path: string): Promise<Stat | undefined> {
    try {
      const resp = await this.unary("statFile", { Ref: ref, Path: path });
      return resp.stat;
    } catch (e) {
      if (e instanceof BuildkitRpcError && isNotFound(e.status)) return undefined;
      throw e;
    }
  }

  /**
   * Resolves an image reference to its digest and config. Uses ResolveSourceMeta when the daemon has
   * `source.metaresolver` (v0.13+), else ResolveImageConfig; call {@link ping} first.
   */
  async resolveImageConfig(ref: string, opts: ResolveImageOptions = {}): Promise<ResolvedImage> {
    const platform = opts.platform
      ? { OS: opts.platform.os, Architecture: opts.platform.architecture, Variant: opts.platform.variant ?? "" }
      : undefined;
    const common = { LogName: opts.logName ?? "", ResolveMode: opts.resolveMode ?? "", ...(platform ? { Platform: platform } : {}) };
    if (this.caps.frontend.has(GatewayCap.sourceMetaResolver)) {
      const resp = await this.unary("resolveSourceMeta", { ...common, Source: { identifier: `docker-image://${ref}` } });
      const id = resp.Source?.identifier ?? "";
      if (!resp.Image) throw new Error(`image ${ref} was resolved to a non-image source ${id} by a source policy`);
      const newRef = id.replace(/^docker-image:\/\//, "").replace(/^oci-layout:\/\//, "") || ref;
      return { ref: newRef, digest: resp.Image.Digest, config: parseConfig(resp.Image.Config, ref) };
    }
    const resp = await this.unary("resolveImageConfig", { ...common, Ref: ref, ResolverType: 0 });
    return { ref: resp.Ref || ref, digest: resp.Digest, config: parseConfig(resp.Config, ref) };
  }

  /**
   * Shows a warning to the user, attached to the vertex `vertexDigest` (e.g. the digest of the op that loaded the
   * build file). Returns false, without calling, when the daemon lacks `gateway.warnings` (< v0.10).
   */
  async warn(vertexDigest: string, level: number, short: string, opts: WarnOptions = {}): Promise<boolean> {
    if (!this.caps.frontend.has(GatewayCap.warnings)) return false;
    const si = opts.sourceInfo;
    await this.unary("warn", {
      digest: vertexDigest,
      level: BigInt(level),
      short: utf8.encode(short),
      detail: (opts.detail ?? []).map((d) => (typeof d === "string" ? utf8.encode(d) : d)),
      url: opts.url ?? "",
      ...(si
        ? {
            info: {
              filename: si.name,
              data: utf8.encode(si.text),
              language: SOURCE_LANGUAGE,
              ...(si.definition ? { definition: si.definition } : {}),
            },
          }
        : {}),
      ranges: (opts.ranges ?? []).map((r) => toPbRange(r, si?.text)),
    });
    return true;
  }

  /** Frontend inputs (e.g. `context`/`dockerfile` passed as LLB); empty when the daemon lacks `frontend.inputs`. */
  async inputs(): Promise<Record<string, Definition>> {
    if (!this.caps.frontend.has(GatewayCap.frontendInputs)) return {};
    const resp = await this.unary("inputs", {});
    return resp.Definitions;
  }

  /** Sends the build result. Must be the only Return of the process. */
  async returnResult(result: FrontendResult): Promise<void> {
    await this.unary("return", { result: this.toPbResult(result) });
  }

  /** Sends the build error. Must be the only Return of the process. */
  async returnError(error: Status): Promise<void> {
    await this.unary("return", { error });
  }

  /** Closes the channel. Pending calls fail. */
  close(): void {
    this.channel.close();
  }

  private toPbResult(r: FrontendResult): Result {
    const arrays = this.caps.frontend.has(GatewayCap.protoRefArray);
    const metadata: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(r.metadata)) metadata[k] = typeof v === "string" ? utf8.encode(v) : v;
    const attestations: Record<string, { attestation: MessageInitShape<typeof AttestationSchema>[] }> = {};
    for (const [k, list] of Object.entries(r.attestations ?? {})) attestations[k] = { attestation: [...list] };
    let result: MessageInitShape<typeof ResultSchema>["result"];
    if (r.refs) {
      result = arrays
        ? { case: "refs", value: { refs: Object.fromEntries(Object.entries(r.refs).map(([k, id]) => [k, { id }])) } }
        : { case: "refsDeprecated", value: { refs: { ...r.refs } } };
    } else {
      const id = r.ref ?? "";
      result = arrays ? { case: "ref", value: { id } } : { case: "refDeprecated", value: id };
    }
    return create(ResultSchema, { result, metadata, attestations });
  }

  /** One unary call; rejects with {@link BuildkitRpcError}. */
  private unary<K extends MethodName>(name: K, req: In<K>, timeoutMs?: number): Promise<Out<K>> {
    const method = LLBBridge.method[name];
    const path = `/${LLBBridge.typeName}/${method.name}`;
    const request = toBinary(method.input, create(method.input, req as never));
    const started = performance.now();
    const call = this.channel.unary(path, request, timeoutMs).then(
      (bytes) => fromBinary(method.output, bytes) as Out<K>,
      (e: unknown) => {
        throw fromFailure(method.name, e);
      },
    );
    const record = () => void this.timings.push(`${method.name} ${Math.round(started)}–${Math.round(performance.now())}`);
    call.then(record, record);
    if (!this.peerClosed) return call;
    const dead = this.peerClosed.then((e): never => {
      throw new BuildkitRpcError(method.name, status(RpcCode.UNAVAILABLE, e.message));
    });
    call.catch(() => undefined);
    dead.catch(() => undefined);
    return Promise.race([call, dead]);
  }
}

/** Keeps the daemon's Status from `grpc-status-details-bin` when present, else builds one from code and message. */
function fromFailure(method: string, e: unknown): BuildkitRpcError {
  if (!(e instanceof RpcFailure)) return new BuildkitRpcError(method, status(RpcCode.INTERNAL, e instanceof Error ? e.message : String(e)));
  if (e.details) {
    try {
      return new BuildkitRpcError(method, fromBinary(StatusSchema, e.details));
    } catch {
      // fall through to the plain status
    }
  }
  return new BuildkitRpcError(method, status(e.code, e.message));
}

function isNotFound(st: Status): boolean {
  return st.code === RpcCode.NOT_FOUND || (st.code === RpcCode.UNKNOWN && /no such file or directory/i.test(st.message));
}

function parseConfig(config: Uint8Array, ref: string): unknown {
  if (config.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(config));
  } catch (e) {
    throw new Error(`invalid image config for ${ref}: ${(e as Error).message}`);
  }
}
