/**
 * SourceOps: images and local directories (Go `client/llb/source.go`). Attribute keys and caps are Go's;
 * JSON-array attributes are encoded like Go's `json.Marshal([]string)`.
 */
import { normalizeImageRef } from "../core/image-ref.js";
import type { Platform } from "../core/platform.js";
import { create } from "@bufbuild/protobuf";
import { SourceOpSchema } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { BuiltOp, MarshalContext, OpOptions, Output, Vertex } from "./marshal.js";
import { newOp } from "./marshal.js";
import { State, type ImageConfig } from "./state.js";

/** Options of {@link image}. */
export interface ImageOptions extends OpOptions {
  /** Platform to pull; it also becomes the state's platform. Unset: the marshal platform. */
  readonly platform?: Platform;
  /** `"default"` writes no attribute; `"pull"` also needs cap `source.image.resolvemode`. */
  readonly resolveMode?: "default" | "pull" | "local";
  /** `"internal"` for helper images (`image.recordtype`). */
  readonly recordType?: string;
  /** The resolved image config: seeds env and working dir (see {@link State.withImageConfig}). */
  readonly config?: ImageConfig;
}

/** Options of {@link local}. */
export interface LocalOptions extends OpOptions {
  /** The client session that holds the directory (BUILDKIT_SESSION_ID). */
  readonly sessionId?: string;
  readonly includePatterns?: readonly string[];
  readonly excludePatterns?: readonly string[];
  readonly followPaths?: readonly string[];
  /** Reuse key for incremental transfers, e.g. "context". */
  readonly sharedKeyHint?: string;
  /** How changed files are detected; `required` adds cap `source.local.differ`. */
  readonly differ?: { readonly type: "none" | "metadata"; readonly required?: boolean };
}


/** A container image from a registry (`docker-image://<normalized ref>`), cap `source.image`. */
export function image(ref: string, options: ImageOptions = {}): State {
  let id: string;
  let error: string | undefined;
  try {
    id = `docker-image://${normalizeImageRef(ref)}`;
  } catch (e) {
    // Never break a builder chain: the error surfaces at marshal time, as in Go.
    id = `docker-image://${ref}`;
    error = (e as Error).message;
  }
  const attrs: Record<string, string> = {};
  const caps = ["source.image"];
  if (options.resolveMode !== undefined && options.resolveMode !== "default") {
    attrs["image.resolvemode"] = options.resolveMode;
    if (options.resolveMode === "pull") caps.push("source.image.resolvemode");
  }
  if (options.recordType) attrs["image.recordtype"] = options.recordType;
  const v = new SourceVertex(id, attrs, caps, options, options.platform, error);
  const st = State.fromOutput(v.output);
  return options.config ? st.withImageConfig(options.config) : st;
}

/** A directory sent by the client (`local://<name>`), cap `source.local`. Not platform specific. */
export function local(name: string, options: LocalOptions = {}): State {
  const attrs: Record<string, string> = {};
  const caps = ["source.local"];
  const set = (key: string, value: string | undefined, cap?: string): void => {
    if (value === undefined || value === "") return;
    attrs[key] = value;
    if (cap) caps.push(cap);
  };
  set("local.session", options.sessionId, "source.local.sessionid");
  set("local.includepattern", goJsonList(options.includePatterns), "source.local.includepatterns");
  set("local.followpaths", goJsonList(options.followPaths), "source.local.followpaths");
  set("local.excludepatterns", goJsonList(options.excludePatterns), "source.local.excludepatterns");
  set("local.sharedkeyhint", options.sharedKeyHint, "source.local.sharedkeyhint");
  set("local.differ", options.differ?.type, options.differ?.required ? "source.local.differ" : undefined);
  // Go adds `local.unique` (a random id) when there is no session; we never do, so digests stay stable.
  return State.fromOutput(new SourceVertex(`local://${name}`, attrs, caps, options, null).output);
}

/** `json.Marshal([]string)` as Go writes it: like JSON.stringify, but `<`, `>`, `&`, U+2028, U+2029 escaped. */
function goJsonList(list: readonly string[] | undefined): string | undefined {
  if (!list || list.length === 0) return undefined;
  return JSON.stringify(list).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

class SourceVertex implements Vertex {
  readonly output: Output;

  constructor(
    private readonly id: string,
    private readonly attrs: Readonly<Record<string, string>>,
    private readonly caps: readonly string[],
    private readonly options: OpOptions,
    /** `null`: not platform specific (Go `platformSpecificSource` is false for local, git, http). */
    private readonly platform: Platform | undefined | null,
    private readonly error?: string,
  ) {
    this.output = { vertex: this, index: 0, ...(platform && { platform }) };
  }

  inputs(): readonly Output[] {
    return [];
  }

  build(ctx: MarshalContext): BuiltOp {
    if (this.error !== undefined) throw new Error(this.error);
    const source = create(SourceOpSchema, { identifier: this.id, attrs: { ...this.attrs } });
    return { op: newOp(ctx, this.platform, { op: { case: "source", value: source } }), caps: this.caps, options: this.options };
  }
}
