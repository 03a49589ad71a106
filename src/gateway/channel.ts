/**
 * {@link openChannel}: unary gRPC calls on one HTTP/2 connection (node:http2), which is all a frontend needs:
 * every LLBBridge method pydock calls is unary. The connection is any duplex byte stream; for a frontend it is
 * the process's stdin/stdout (stdio.ts), on which BuildKit serves LLBBridge in cleartext HTTP/2.
 *
 * A gRPC unary call is one HTTP/2 stream: request headers, one length-prefixed message, then the response's
 * headers, one length-prefixed message and trailers holding `grpc-status`, `grpc-message` (percent-encoded)
 * and, for errors with details, `grpc-status-details-bin` (a base64 `google.rpc.Status`). A failure with no
 * message comes as headers only ("trailers-only"). This module speaks exactly that, and nothing of gRPC's
 * channel machinery (name resolution, reconnection, load balancing) that one fixed connection does not use.
 * @module
 */
import type { ClientHttp2Session, IncomingHttpHeaders, IncomingHttpStatusHeader } from "node:http2";
import type { Duplex } from "node:stream";

/** BuildKit's gateway server caps messages at 16 MiB each way (containerd defaults). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** gRPC status codes this module sets itself. */
const UNKNOWN = 2;
const DEADLINE_EXCEEDED = 4;
const RESOURCE_EXHAUSTED = 8;
const INTERNAL = 13;
const UNAVAILABLE = 14;

/** A call that ended with a non-OK status. `details` is `grpc-status-details-bin`, decoded, when sent. */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details?: Uint8Array,
  ) {
    super(message);
  }
}

export interface Channel {
  /** One unary call on `path` (`/package.Service/Method`); resolves with the response message's bytes. */
  unary(path: string, request: Uint8Array, timeoutMs?: number): Promise<Uint8Array>;
  /** Closes the connection; pending calls fail with UNAVAILABLE. */
  close(): void;
}

/** Starts HTTP/2 on `connection` (the client's preface is written at once). */
export function openChannel(connection: Duplex): Channel {
  // Loaded on first use: a frontend process loads it once, just before its first call.
  const http2 = process.getBuiltinModule("node:http2");
  const session: ClientHttp2Session = http2.connect("http://localhost", {
    createConnection: () => connection,
    maxSendHeaderBlockLength: 64 * 1024,
    // Let BuildKit send a whole file or definition without waiting for window updates.
    settings: { initialWindowSize: MAX_MESSAGE_BYTES, maxHeaderListSize: 1024 * 1024 },
  });
  session.on("error", () => undefined); // each pending call reports the failure
  session.on("connect", () => session.setLocalWindowSize(MAX_MESSAGE_BYTES));
  let closed: Error | undefined;
  session.on("close", () => (closed ??= new Error("the HTTP/2 connection closed")));

  return {
    unary(path, request, timeoutMs) {
      if (closed || session.destroyed || session.closed) return Promise.reject(new RpcFailure(UNAVAILABLE, closed?.message ?? "the connection is closed"));
      return new Promise<Uint8Array>((resolve, reject) => {
        const headers: Record<string, string> = {
          ":method": "POST",
          ":path": path,
          "content-type": "application/grpc",
          te: "trailers",
        };
        if (timeoutMs !== undefined) headers["grpc-timeout"] = `${Math.max(1, Math.ceil(timeoutMs))}m`;
        const stream = session.request(headers, { endStream: false });
        const chunks: Buffer[] = [];
        let received = 0;
        let settled = false;
        let response: (IncomingHttpHeaders & IncomingHttpStatusHeader) | undefined;
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                finish(new RpcFailure(DEADLINE_EXCEEDED, `deadline of ${timeoutMs} ms exceeded`));
                stream.close(http2.constants.NGHTTP2_CANCEL);
              }, timeoutMs);
        const finish = (outcome: Uint8Array | RpcFailure) => {
          if (settled) return;
          settled = true;
          if (timer) clearTimeout(timer);
          if (outcome instanceof RpcFailure) reject(outcome);
          else resolve(outcome);
        };
        const end = (trailers: IncomingHttpHeaders | undefined) => {
          const failure = statusOf(response, trailers);
          if (failure) return finish(failure);
          const body = Buffer.concat(chunks, received);
          const message = unframe(body);
          finish(message ?? new RpcFailure(INTERNAL, `malformed gRPC response (${body.length} bytes)`));
        };
        // A trailers-only response holds its status in these headers.
        stream.on("response", (h) => (response = h));
        stream.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_MESSAGE_BYTES + 5) {
            finish(new RpcFailure(RESOURCE_EXHAUSTED, `response larger than ${MAX_MESSAGE_BYTES} bytes`));
            stream.close(http2.constants.NGHTTP2_CANCEL);
            return;
          }
          chunks.push(chunk);
        });
        let trailers: IncomingHttpHeaders | undefined;
        stream.on("trailers", (t) => (trailers = t));
        stream.on("end", () => end(trailers));
        stream.on("error", (e) => finish(new RpcFailure(UNAVAILABLE, e.message)));
        stream.on("close", () => finish(new RpcFailure(UNAVAILABLE, closed?.message ?? `the stream closed before a status (HTTP/2 code ${stream.rstCode})`)));
        if (request.length > MAX_MESSAGE_BYTES) {
          finish(new RpcFailure(RESOURCE_EXHAUSTED, `request larger than ${MAX_MESSAGE_BYTES} bytes`));
          stream.close(http2.constants.NGHTTP2_CANCEL);
          return;
        }
        stream.end(frame(request));
      });
    },
    close() {
      closed ??= new Error("the channel was closed");
      session.destroy();
    },
  };
}

/** A message with gRPC's 5-byte prefix: no compression, big-endian length. */
function frame(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/** The one message of a unary response body; undefined when the body is not exactly one uncompressed message. */
function unframe(body: Buffer): Uint8Array | undefined {
  if (body.length < 5 || body[0] !== 0) return undefined;
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length) return undefined;
  return body.subarray(5);
}

/** The call's failure from its response headers and trailers; undefined for OK. */
function statusOf(response: (IncomingHttpHeaders & IncomingHttpStatusHeader) | undefined, trailers: IncomingHttpHeaders | undefined): RpcFailure | undefined {
  const source = trailers?.["grpc-status"] !== undefined ? trailers : response;
  const raw = source?.["grpc-status"];
  if (raw === undefined) {
    const http = response?.[":status"];
    return new RpcFailure(http !== undefined && http !== 200 ? UNKNOWN : INTERNAL, http !== undefined && http !== 200 ? `HTTP status ${http}` : "no grpc-status in the response");
  }
  const code = Number(raw);
  if (code === 0) return undefined;
  const text = String(source?.["grpc-message"] ?? "");
  let message = text;
  try {
    message = decodeURIComponent(text);
  } catch {
    // keep it as sent
  }
  const bin = source?.["grpc-status-details-bin"];
  const details = typeof bin === "string" ? Buffer.from(bin, "base64") : undefined;
  return new RpcFailure(Number.isInteger(code) ? code : UNKNOWN, message, details);
}
