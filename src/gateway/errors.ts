/**
 * Errors crossing the gateway: typed errors for RPC failures, and {@link toRpcStatus}, which turns any error into
 * the `google.rpc.Status` sent in `ReturnRequest.error`.
 *
 * BuildKit's typed details are `google.protobuf.Any{type_url, value = JSON}` (util/grpcerrors: `json.Marshal` of
 * the Go protobuf struct, so field names are the proto names, zero values omitted, bytes base64). buildx decodes
 * them with containerd typeurl and prints `errdefs.Source` as a snippet of the file.
 * @module
 */
import { create } from "@bufbuild/protobuf";
import { AnySchema, type Any } from "@bufbuild/protobuf/wkt";
import { StatusSchema, type Status } from "../gen/google/rpc/status_pb.js";
import { formatDiagnostic, UserError, type Diagnostic, type Range, type SourceFile } from "../core/diagnostics.js";
import { FrontendOptionError } from "./opts.js";

/** gRPC status codes used here (google.rpc.Code). */
export const RpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** Type URLs of BuildKit's JSON error details (`typeurl.Register(…, "github.com/moby/buildkit", "errdefs.X+json")`). */
export const DetailType = {
  source: "github.com/moby/buildkit/errdefs.Source+json",
  subrequest: "github.com/moby/buildkit/errdefs.Subrequest+json",
} as const;

/** Language tag put in `SourceInfo.language` for pydock's build files. */
export const SOURCE_LANGUAGE = "TOML";

/**
 * A BuildKit RPC failed. `status` is the daemon's `google.rpc.Status` exactly as received (from
 * `grpc-status-details-bin` when present), so it can be forwarded unchanged in `Return`.
 */
export class BuildkitRpcError extends Error {
  override readonly name = "BuildkitRpcError";
  constructor(
    /** The RPC's method name, e.g. "Solve". */
    readonly method: string,
    readonly status: Status,
  ) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

/** A subrequest (`requestid`) this frontend does not answer. buildx falls back to the Dockerfile frontend on it. */
export class UnsupportedSubrequestError extends Error {
  override readonly name = "UnsupportedSubrequestError";
  constructor(readonly request: string) {
    super(`unsupported request ${request}`);
  }
}

/** The daemon lacks capabilities the frontend needs. */
export class UnsupportedDaemonError extends Error {
  override readonly name = "UnsupportedDaemonError";
  constructor(readonly missingCaps: readonly string[]) {
    super(
      `pydock needs BuildKit features this daemon does not support (missing capabilities: ${missingCaps.join(", ")}); ` +
        `please update BuildKit / Docker`,
    );
  }
}

/**
 * Converts any thrown value into the Status for `ReturnRequest.error`:
 * - {@link BuildkitRpcError} (also as a `cause`): the daemon's Status, details kept;
 * - {@link UserError}: UNKNOWN (buildx prints any other code's name before the message, once per forwarding
 *   frontend: "InvalidArgument: InvalidArgument: …"), message `file:line:col: message` per diagnostic, one
 *   `errdefs.Source` detail per diagnostic whose file is among `err.sources`;
 * - {@link UnsupportedSubrequestError}: UNIMPLEMENTED with an `errdefs.Subrequest` detail;
 * - {@link FrontendOptionError}: UNKNOWN, for the same reason; {@link UnsupportedDaemonError}: UNIMPLEMENTED;
 * - anything else: UNKNOWN with the message only (never a stack trace).
 */
export function toRpcStatus(err: unknown): Status {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 16; e = e.cause, depth++) {
    if (e instanceof BuildkitRpcError) {
      if (e === err) return e.status;
      const outer = (err as Error).message;
      const message = outer.includes(e.status.message) ? outer : `${outer}: ${e.status.message}`;
      return create(StatusSchema, { code: e.status.code, message, details: e.status.details });
    }
    if (e instanceof UserError) return userErrorStatus(e);
    if (e instanceof UnsupportedSubrequestError) {
      return status(RpcCode.UNIMPLEMENTED, e.message, [jsonAny(DetailType.subrequest, { name: e.request })]);
    }
    if (e instanceof FrontendOptionError) return status(RpcCode.UNKNOWN, e.message);
    if (e instanceof UnsupportedDaemonError) return status(RpcCode.UNIMPLEMENTED, e.message);
  }
  const message = err instanceof Error ? err.message || err.name : String(err);
  return status(RpcCode.UNKNOWN, message);
}

function userErrorStatus(e: UserError): Status {
  const details: Any[] = [];
  for (const d of e.diagnostics) {
    const file = e.sources.find((s) => s.name === d.file);
    if (file) details.push(sourceDetail(file, [d]));
  }
  const message = e.diagnostics.length > 0 ? e.diagnostics.map(formatDiagnostic).join("\n") : e.message;
  return status(RpcCode.UNKNOWN, message, details);
}

/** A `pb.Range` as plain numbers: 1-based lines, 0-based `character`. Valid as a protobuf-es init for `pb.Range`. */
export interface PbRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/**
 * Converts a {@link Range} (1-based line and column, exclusive end) to BuildKit's `pb.Range`. Lines stay 1-based;
 * `character` is the 0-based column. An exclusive end at column 1 of a later line is pulled back to the end of the
 * previous line (its length taken from `text` when given), so buildx marks only the lines really covered.
 */
export function toPbRange(range: Range, text?: string): PbRange {
  const { start, end } = range;
  let endLine = end.line;
  let endColumn = end.column;
  if (endLine > start.line && endColumn <= 1) {
    endLine -= 1;
    endColumn = (text?.split("\n")[endLine - 1]?.length ?? 0) + 1;
  }
  return {
    start: { line: start.line, character: Math.max(0, start.column - 1) },
    end: { line: endLine, character: Math.max(0, endColumn - 1) },
  };
}

/** A {@link Range} as Go's encoding/json writes a `pb.Range` (see {@link toPbRange}): zero lines and characters omitted. */
export function rangeJson(range: Range, text?: string): { start: Partial<PbRange["start"]>; end: Partial<PbRange["end"]> } {
  const omitZero = (p: { line: number; character: number }) => ({
    ...(p.line ? { line: p.line } : {}),
    ...(p.character ? { character: p.character } : {}),
  });
  const r = toPbRange(range, text);
  return { start: omitZero(r.start), end: omitZero(r.end) };
}

/**
 * A file as Go's encoding/json writes a `pb.SourceInfo`: `{"filename","data"(base64),"language"}`, in the Go
 * struct's key order (filename, data, definition, language), empty fields omitted.
 */
export function sourceInfoJson(file: SourceFile, language = SOURCE_LANGUAGE): { filename?: string; data?: string; language: string } {
  return {
    ...(file.name ? { filename: file.name } : {}),
    ...(file.text ? { data: Buffer.from(file.text, "utf8").toString("base64") } : {}),
    language,
  };
}

/**
 * Builds an `errdefs.Source+json` detail pointing at `diagnostics`' ranges in `file`, JSON-encoded like Go's
 * encoding/json on the protobuf struct: `{"info":{"filename","data"(base64),"language"},"ranges":[{"start":
 * {"line","character"},"end":{…}}]}` with zero values omitted.
 */
export function sourceDetail(file: SourceFile, diagnostics: readonly Pick<Diagnostic, "range">[]): Any {
  return jsonAny(DetailType.source, { info: sourceInfoJson(file), ranges: diagnostics.map((d) => rangeJson(d.range, file.text)) });
}

/** An Any carrying a JSON detail, as BuildKit's grpcerrors encodes typed errors. */
export function jsonAny(typeUrl: string, value: unknown): Any {
  return create(AnySchema, { typeUrl, value: new TextEncoder().encode(JSON.stringify(value)) });
}

/** Shorthand for a Status message. */
export function status(code: number, message: string, details: Any[] = []): Status {
  return create(StatusSchema, { code, message, details });
}
