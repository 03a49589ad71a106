/**
 * An LLB definition as JSON, op by op in definition order (the shape `buildctl debug dump-llb --format
 * json` prints: the op, its digest and its metadata), with file contents written by the frontend shown as
 * text where they are UTF-8. For reading and reviewing what pydock sends, not for sending.
 */
import { toJson, type JsonValue } from "@bufbuild/protobuf";
import { OpMetadataSchema, OpSchema, type Definition } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { decodeDefinition } from "./marshal.js";

export interface DumpedOp {
  readonly Op: JsonValue;
  readonly Digest: string;
  readonly OpMetadata?: JsonValue;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function dumpDefinition(def: Definition): DumpedOp[] {
  return decodeDefinition(def).map((d) => ({
    Op: readableFiles(toJson(OpSchema, d.op)),
    Digest: d.digest,
    ...(d.metadata ? { OpMetadata: toJson(OpMetadataSchema, d.metadata) } : {}),
  }));
}

/** `mkfile.data` (base64 in proto JSON) as text when it is UTF-8. */
function readableFiles(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(readableFiles);
  if (v === null || typeof v !== "object") return v;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, child] of Object.entries(v)) out[k] = readableFiles(child);
  if ("mkfile" in v && typeof out["mkfile"] === "object" && out["mkfile"] !== null && !Array.isArray(out["mkfile"])) {
    const mk = out["mkfile"] as { [k: string]: JsonValue };
    if (typeof mk["data"] === "string") {
      try {
        mk["data"] = utf8.decode(Buffer.from(mk["data"], "base64"));
      } catch {
        // binary: left as base64
      }
    }
  }
  return out;
}
