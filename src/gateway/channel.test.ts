/**
 * The HTTP/2 channel's edges, against a plain node:http2 server that answers as told: a call past its
 * deadline, messages over the 16 MiB limit each way, a trailers-only failure, a malformed body. (The protocol
 * tests run the whole frontend against a grpc-js server for everything else.)
 */
import { createServer, type ServerHttp2Stream } from "node:http2";
import { connect } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES, RpcFailure, openChannel, type Channel } from "./channel.js";

type Handler = (stream: ServerHttp2Stream, headers: Record<string, unknown>) => void;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A channel to a server whose every stream `handler` answers. */
async function channelTo(handler: Handler): Promise<Channel> {
  const dir = mkdtempSync(join(tmpdir(), "pydock-channel-"));
  const path = join(dir, "h2.sock");
  const server = createServer();
  server.on("stream", (stream, headers) => {
    stream.on("error", () => undefined);
    handler(stream, headers as Record<string, unknown>);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const channel = openChannel(connect(path));
  cleanups.push(() => {
    channel.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return channel;
}

/** A gRPC message with its 5-byte prefix. */
function framed(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + bytes.length);
  out.writeUInt32BE(bytes.length, 1);
  out.set(bytes, 5);
  return out;
}

async function failure(call: Promise<unknown>): Promise<RpcFailure> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RpcFailure);
  return e as RpcFailure;
}

describe("the HTTP/2 channel", () => {
  it("answers a unary call with the response message", async () => {
    const channel = await channelTo((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(framed(new Uint8Array([1, 2, 3])));
    });
    expect([...(await channel.unary("/s/M", new Uint8Array([9])))]).toEqual([1, 2, 3]);
  });

  it("fails a call past its deadline with DEADLINE_EXCEEDED, and sends the deadline as grpc-timeout", async () => {
    let timeout: unknown;
    const channel = await channelTo((_stream, headers) => {
      timeout = headers["grpc-timeout"]; // and never answers
    });
    const started = performance.now();
    const e = await failure(channel.unary("/s/M", new Uint8Array(), 150));
    expect(e.code).toBe(4);
    expect(e.message).toMatch(/deadline of 150 ms exceeded/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(timeout).toBe("150m");
  });

  it("refuses a response larger than 16 MiB with RESOURCE_EXHAUSTED, and one of exactly 16 MiB is read", async () => {
    const answer = (size: number): Handler => (stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(framed(new Uint8Array(size)));
    };
    const big = await channelTo(answer(MAX_MESSAGE_BYTES + 1024));
    const e = await failure(big.unary("/s/M", new Uint8Array()));
    expect(e.code).toBe(8);
    expect(e.message).toMatch(/response larger than 16777216 bytes/);
    const limit = await channelTo(answer(MAX_MESSAGE_BYTES));
    expect((await limit.unary("/s/M", new Uint8Array())).length).toBe(MAX_MESSAGE_BYTES);
  }, 30_000);

  it("refuses to send a request larger than 16 MiB", async () => {
    const channel = await channelTo(() => undefined);
    const e = await failure(channel.unary("/s/M", new Uint8Array(MAX_MESSAGE_BYTES + 1)));
    expect(e.code).toBe(8);
    expect(e.message).toMatch(/request larger than/);
  });

  it("reads a trailers-only failure: its code, its percent-encoded message and its details", async () => {
    const details = Buffer.from([8, 5]);
    const channel = await channelTo((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "5", "grpc-message": "no%20such%20file: a%25b", "grpc-status-details-bin": details.toString("base64") }, { endStream: true });
    });
    const e = await failure(channel.unary("/s/M", new Uint8Array()));
    expect([e.code, e.message, [...(e.details ?? [])]]).toEqual([5, "no such file: a%b", [8, 5]]);
  });

  it("fails a body that is not one whole message with INTERNAL, and a response without grpc-status too", async () => {
    const truncated = await channelTo((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(framed(new Uint8Array(10)).subarray(0, 8));
    });
    expect((await failure(truncated.unary("/s/M", new Uint8Array()))).code).toBe(13);
    const bare = await channelTo((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" });
      stream.end(framed(new Uint8Array(1)));
    });
    const e = await failure(bare.unary("/s/M", new Uint8Array()));
    expect([e.code, e.message]).toEqual([13, "no grpc-status in the response"]);
  });

  it("fails pending and later calls with UNAVAILABLE once closed", async () => {
    const channel = await channelTo(() => undefined);
    const pending = channel.unary("/s/M", new Uint8Array());
    channel.close();
    expect((await failure(pending)).code).toBe(14);
    expect((await failure(channel.unary("/s/M", new Uint8Array()))).code).toBe(14);
  });
});
