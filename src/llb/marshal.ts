/**
 * Turning a {@link State} graph into a `pb.Definition`, as Go's `State.Marshal` (`client/llb/state.go`) does:
 * a post-order DFS from the head appends each op's bytes once (deduplicated by digest), then a terminal op
 * `Op{inputs: [head]}` is appended. Also the shared vertex model (`Vertex`, `Output`) and per-op options.
 */
import { clone, create, fromBinary } from "@bufbuild/protobuf";
import {
  DefinitionSchema,
  InputSchema,
  LocationSchema,
  LocationsSchema,
  OpMetadataSchema,
  OpSchema,
  PlatformSchema,
  ProgressGroupSchema,
  RangeSchema,
  SourceInfoSchema,
  SourceSchema,
  WorkerConstraintsSchema,
  type Definition,
  type Input,
  type Op,
  type OpMetadata,
} from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { Platform } from "../core/platform.js";
import { digestOf, type Digest } from "./digest.js";
import { encodeDeterministic, type FieldOrder } from "./encode.js";
import type { State } from "./state.js";


/** A file that ops can point into, so BuildKit can show the line of a failing step (Go `llb.SourceMap`). */
export interface SourceMap {
  readonly filename: string;
  readonly data: Uint8Array;
  /** A linguist language name, e.g. "TOML". */
  readonly language?: string;
  /** The LLB that loaded the file, if any (`SourceInfo.definition`). */
  readonly definition?: Definition;
}

/** A position in a source map's file, as `pb.Position`: `line` is 1-based, `character` as the caller defines. */
export interface SourcePosition {
  readonly line: number;
  readonly character: number;
}

/** The places in `source` that an op comes from. */
export interface SourceLocation {
  readonly source: SourceMap;
  readonly ranges: readonly { readonly start: SourcePosition; readonly end: SourcePosition }[];
}

/** Options every op accepts (Go's `ConstraintsOpt`s). */
export interface OpOptions {
  /** Vertex name shown in progress: `OpMetadata.description["llb.customname"]`. */
  readonly customName?: string;
  /** More description entries, e.g. `"com.docker.dockerfile.v1.command"`. */
  readonly description?: Readonly<Record<string, string>>;
  readonly ignoreCache?: boolean;
  readonly progressGroup?: { readonly id: string; readonly name: string; readonly weak?: boolean };
  /** Where in a user's file this op comes from (`Definition.source`). */
  readonly sourceLocation?: SourceLocation | readonly SourceLocation[];
}

/** One output of a vertex. `error` marks an output that must not be used as an input (e.g. a tmpfs mount). */
export interface Output {
  readonly vertex: Vertex;
  readonly index: number;
  /** Platform the output is built for, if the op fixes one (image sources). */
  readonly platform?: Platform;
  readonly error?: string;
}

/** A node of the LLB graph. Implementations are immutable. */
export interface Vertex {
  /** The outputs this vertex reads, in the order the DFS visits them (Go `Vertex.Inputs()`). */
  inputs(): readonly Output[];
  /** Builds the `pb.Op` and its metadata. `ctx.input()` turns outputs into `pb.Input`s (digest + index). */
  build(ctx: MarshalContext): BuiltOp;
}

/** What {@link Vertex.build} returns. */
export interface BuiltOp {
  readonly op: Op;
  readonly caps: Iterable<string>;
  readonly options: OpOptions;
}

/** One serialized op of a Definition. */
export interface MarshaledOp {
  readonly digest: Digest;
  readonly bytes: Uint8Array;
  readonly op: Op;
}

/** Options of {@link marshal}. */
export interface MarshalOptions {
  /** Platform of ops that don't fix their own (Go's `Constraints.Platform`). Defaults to linux/amd64. */
  readonly platform?: Platform;
  /** Wire field order; `"go"` (default) equals buildkit master, `"number"` equals buildkit ≤ v0.11 (gogo). */
  readonly fieldOrder?: FieldOrder;
  /**
   * A context to share with other marshals of graphs that share vertices (made with the same platform and
   * field order; those two options are then its own): each vertex is encoded and digested once.
   */
  readonly context?: MarshalContext;
}

/** The result of {@link marshal}. */
export interface MarshalResult {
  readonly definition: Definition;
  /** Digest of the head op (the input of the terminal op), `""` for scratch. */
  readonly digest: Digest | "";
  /** Every element of `definition.def`, in order; the last one is the terminal op. */
  readonly ops: readonly MarshaledOp[];
}

/** Marshal-time state: platform default and the per-vertex cache of built ops. */
export class MarshalContext {
  readonly platform: Platform;
  readonly fieldOrder: FieldOrder;
  private readonly built = new Map<Vertex, MarshaledOp & { readonly md: OpMetadata; readonly locs: readonly SourceLocation[] }>();

  constructor(options: MarshalOptions = {}) {
    this.platform = options.platform ?? { os: "linux", architecture: "amd64" };
    this.fieldOrder = options.fieldOrder ?? "go";
  }

  /** The `pb.Input` naming `o`; marshals its vertex if needed. Throws for outputs that can't be inputs. */
  input(o: Output): Input {
    if (o.error !== undefined) throw new Error(o.error);
    return create(InputSchema, { digest: this.vertex(o.vertex).digest, index: BigInt(o.index) });
  }

  /** Builds, encodes and digests `v` once per context. */
  vertex(v: Vertex): MarshaledOp & { readonly md: OpMetadata; readonly locs: readonly SourceLocation[] } {
    let rec = this.built.get(v);
    if (rec === undefined) {
      const { op, caps, options } = v.build(this);
      const bytes = encodeDeterministic(OpSchema, op, { fieldOrder: this.fieldOrder });
      const locs = options.sourceLocation === undefined ? [] : [options.sourceLocation].flat();
      rec = { digest: digestOf(bytes), bytes, op, md: opMetadata(options, caps), locs };
      this.built.set(v, rec);
    }
    return rec;
  }
}

/**
 * A new `pb.Op` carrying what Go's `MarshalConstraints` sets: the platform (the op's own, else the marshal
 * default; `null` for ops that are not platform specific: local sources, file, merge) and an always-present,
 * empty `WorkerConstraints` (Go emits `constraints = {}` on every op).
 */
export function newOp(ctx: MarshalContext, platform: Platform | undefined | null, init: Pick<Op, "op"> & { inputs?: Input[] }): Op {
  const p = platform === null ? undefined : (platform ?? ctx.platform);
  return create(OpSchema, {
    inputs: init.inputs ?? [],
    op: init.op,
    ...(p && {
      platform: create(PlatformSchema, {
        OS: p.os,
        Architecture: p.architecture,
        Variant: p.variant ?? "",
        OSVersion: p.osVersion ?? "",
        OSFeatures: [...(p.osFeatures ?? [])],
      }),
    }),
    constraints: create(WorkerConstraintsSchema),
  });
}

function opMetadata(o: OpOptions, caps: Iterable<string>): OpMetadata {
  const description: Record<string, string> = { ...o.description };
  if (o.customName !== undefined) description["llb.customname"] = o.customName;
  const md = create(OpMetadataSchema, { ignoreCache: o.ignoreCache ?? false, description });
  for (const c of caps) md.caps[c] = true;
  if (o.progressGroup) md.progressGroup = create(ProgressGroupSchema, { ...o.progressGroup, weak: o.progressGroup.weak ?? false });
  return md;
}

/** Go's `mergeMetadata`: two vertices with the same digest share one metadata entry. */
function mergeMetadata(into: OpMetadata, m: OpMetadata): void {
  into.ignoreCache ||= m.ignoreCache;
  Object.assign(into.description, m.description);
  Object.assign(into.caps, m.caps);
  if (m.progressGroup) into.progressGroup = m.progressGroup;
  if (m.exportCache) into.exportCache = m.exportCache;
}

/**
 * Marshals `state` and everything it depends on into a `pb.Definition`.
 *
 * Guarantees: the same graph always gives the same bytes and digests (maps are sorted at encoding, and the
 * traversal order is fixed by the graph: inputs in each op's `inputs()` order); identical ops are stored
 * once; `definition.def` ends with the terminal op; `definition.metadata` has an entry for every op.
 * Throws on invalid graphs (e.g. a tmpfs mount used as an input, an invalid image reference).
 */
export function marshal(state: State, options: MarshalOptions = {}): MarshalResult {
  const ctx = options.context ?? new MarshalContext(options);
  const ops: MarshaledOp[] = [];
  const metadata: Record<string, OpMetadata> = {};
  const locations = new Map<Digest, SourceLocation[]>();
  const visited = new Set<Vertex>();
  const stored = new Set<Digest>();

  /** A vertex after its inputs: its op, metadata and source locations recorded once. */
  const record = (v: Vertex): void => {
    const rec = ctx.vertex(v);
    visited.add(v);
    const prev = metadata[rec.digest];
    if (prev) mergeMetadata(prev, rec.md);
    else metadata[rec.digest] = clone(OpMetadataSchema, rec.md);
    // Go records every op digest in the source map, even without locations (an empty `Locations{}`).
    locations.set(rec.digest, [...(locations.get(rec.digest) ?? []), ...rec.locs]);
    if (stored.has(rec.digest)) return;
    stored.add(rec.digest);
    ops.push({ digest: rec.digest, bytes: rec.bytes, op: rec.op });
  };

  /**
   * Post-order DFS from `root`, each vertex's inputs in order. With a stack of its own, not the call stack:
   * a graph is as deep as the steps a file asks for (thousands of build commands are a chain of thousands).
   */
  const visit = (root: Vertex): void => {
    if (visited.has(root)) return;
    const stack: { vertex: Vertex; inputs: readonly Output[]; next: number }[] = [{ vertex: root, inputs: root.inputs(), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const input = top.inputs[top.next++];
      if (input === undefined) {
        stack.pop();
        record(top.vertex);
      } else if (!visited.has(input.vertex)) {
        stack.push({ vertex: input.vertex, inputs: input.vertex.inputs(), next: 0 });
      }
    }
  };

  const head = state.output;
  if (head === undefined) {
    return { definition: create(DefinitionSchema), digest: "", ops: [] };
  }
  visit(head.vertex);
  const input = ctx.input(head);
  const terminal = create(OpSchema, { inputs: [input] });
  const bytes = encodeDeterministic(OpSchema, terminal, { fieldOrder: ctx.fieldOrder });
  const digest = digestOf(bytes);
  ops.push({ digest, bytes, op: terminal });
  const md = create(OpMetadataSchema, { caps: { constraints: true, platform: true } });
  for (const m of Object.values(metadata)) {
    if (m.ignoreCache) md.caps["meta.ignorecache"] = true;
    if (Object.keys(m.description).length > 0) md.caps["meta.description"] = true;
    if (m.exportCache) md.caps["meta.exportcache"] = true;
  }
  metadata[digest] = md;

  return {
    definition: create(DefinitionSchema, {
      def: ops.map((o) => o.bytes),
      metadata,
      Source: sourceInfo(locations),
    }),
    digest: input.digest as Digest,
    ops,
  };
}

/** `pb.Source`: infos numbered in order of first use, as Go's `sourceMapCollector` does. */
function sourceInfo(locations: ReadonlyMap<Digest, readonly SourceLocation[]>) {
  const maps: SourceMap[] = [];
  const indexOf = (m: SourceMap): number => {
    let i = maps.findIndex((x) => x === m || sameSourceMap(x, m));
    if (i < 0) i = maps.push(m) - 1;
    return i;
  };
  const src = create(SourceSchema);
  for (const [digest, locs] of locations) {
    src.locations[digest] = create(LocationsSchema, {
      locations: locs.map((l) =>
        create(LocationSchema, {
          sourceIndex: indexOf(l.source),
          ranges: l.ranges.map((r) => create(RangeSchema, { start: { ...r.start }, end: { ...r.end } })),
        }),
      ),
    });
  }
  src.infos = maps.map((m) =>
    create(SourceInfoSchema, {
      filename: m.filename,
      data: m.data,
      language: m.language ?? "",
      ...(m.definition && { definition: m.definition }),
    }),
  );
  return src;
}

function sameSourceMap(a: SourceMap, b: SourceMap): boolean {
  return a.filename === b.filename && a.language === b.language && Buffer.from(a.data).equals(b.data);
}

/** One op of a decoded Definition; see {@link decodeDefinition}. */
export interface DecodedOp {
  readonly digest: Digest;
  readonly op: Op;
  readonly metadata: OpMetadata | undefined;
}

/** Decodes every op of `def` (test helper, Go's `parseDef`). The terminal op is the last element. */
export function decodeDefinition(def: Definition): DecodedOp[] {
  return def.def.map((bytes) => {
    const digest = digestOf(bytes);
    return { digest, op: fromBinary(OpSchema, bytes), metadata: def.metadata[digest] };
  });
}

/** Encodes a whole Definition deterministically (as Go's `proto.MarshalOptions{Deterministic: true}`). */
export function encodeDefinition(def: Definition, fieldOrder: FieldOrder = "go"): Uint8Array {
  return encodeDeterministic(DefinitionSchema, def, { fieldOrder });
}
