/**
 * gRPC over the process's stdin/stdout with grpc-js.
 *
 * BuildKit serves LLBBridge (HTTP/2 cleartext) on the frontend's fd 0/1. grpc-js has no client hook for a
 * ready-made duplex, so we listen on a private UNIX socket (Linux abstract namespace: no file, read-only rootfs
 * is fine), point grpc-js at it, and splice the *first* accepted connection onto fd 0/1. The stdio byte stream
 * carries exactly one HTTP/2 connection: later connections are refused, so if BuildKit goes away, calls fail fast
 * with UNAVAILABLE instead of reconnecting. See toolchain.md §3.
 *
 * Contract: nothing but gRPC is ever written to fd 1. Log to stderr.
 * @module
 */
import { randomBytes } from "node:crypto";
import { fstatSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { ChannelOptions } from "@grpc/grpc-js";

/** BuildKit's gateway server caps messages at 16 MiB each way (containerd defaults). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** grpc-js channel options for the single, non-reconnectable stdio connection. */
export const STDIO_CHANNEL_OPTIONS: ChannelOptions = {
  // The default 30 min idle timeout would drop the only connection we will ever have.
  "grpc.client_idle_timeout_ms": 2 ** 31 - 1,
  "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
  "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  // Go's client dials "localhost"; keep the same :authority.
  "grpc.default_authority": "localhost",
  "grpc.enable_retries": 0,
  "grpc.use_local_subchannel_pool": 1,
};

/** An open stdio bridge. */
export interface StdioTransport {
  /** grpc-js target address to create the client with. */
  readonly target: string;
  /** Settles (never rejects) when BuildKit's side went away: stdin ended or stdout failed. */
  readonly peerClosed: Promise<Error>;
  /** True once {@link StdioTransport.peerClosed} has settled. */
  readonly isPeerClosed: boolean;
  /** Tears the bridge down: listener, socket and stdio handles. Idempotent; lets the event loop exit. */
  close(): void;
}

/** Where the bridge reads and writes; defaults to fd 0 and fd 1. For tests. */
export interface StdioEnds {
  readonly inputFd?: number;
  readonly outputFd?: number;
}

/**
 * Opens the bridge and resolves once the private socket listens. Call before creating the grpc-js client.
 * When fd 0/1 are pipes or sockets they get their own async handles; otherwise (TTY, file: manual runs) it falls
 * back to `process.stdin`/`process.stdout`.
 */
export async function openStdioTransport(ends: StdioEnds = {}): Promise<StdioTransport> {
  const inputFd = ends.inputFd ?? 0;
  const outputFd = ends.outputFd ?? 1;
  const id = `pydock-grpc-${process.pid}-${randomBytes(6).toString("hex")}`;
  const abstract = process.platform === "linux";
  const path = abstract ? `\0${id}` : join(tmpdir(), `${id}.sock`);

  let resolveClosed!: (e: Error) => void;
  const peerClosed = new Promise<Error>((r) => (resolveClosed = r));
  let closedFlag = false;
  const markClosed = (e: Error): void => {
    if (closedFlag) return;
    closedFlag = true;
    resolveClosed(e);
  };

  let sock: net.Socket | undefined;
  let input: Readable | undefined;
  let output: Writable | undefined;
  let shutDown = false;

  const server = net.createServer((conn) => {
    if (sock !== undefined || shutDown) {
      // A second connection means grpc-js is reconnecting: the stdio stream cannot serve it.
      conn.destroy();
      return;
    }
    sock = conn;
    server.close();
    input = openEnd(inputFd, "input");
    output = openEnd(outputFd, "output");
    conn.on("error", () => undefined);
    input.on("error", (e) => {
      markClosed(new Error(`reading BuildKit connection (stdin): ${e.message}`));
      conn.destroy();
    });
    input.on("end", () => {
      markClosed(new Error("BuildKit closed the connection (stdin ended)"));
      conn.destroy();
    });
    output.on("error", (e) => {
      markClosed(new Error(`writing BuildKit connection (stdout): ${e.message}`));
      conn.destroy();
    });
    output.on("close", () => {
      if (!shutDown) markClosed(new Error("BuildKit closed the connection (stdout closed)"));
    });
    input.pipe(conn);
    conn.pipe(output);
  });
  server.on("error", () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    target: abstract ? `unix:${path}` : `unix://${path}`,
    peerClosed,
    get isPeerClosed() {
      return closedFlag;
    },
    close() {
      if (shutDown) return;
      shutDown = true;
      server.close();
      if (!abstract) rmSync(path, { force: true });
      sock?.destroy();
      if (input) {
        input.unpipe();
        // Never touch process.stdin/stdout unless they are what we use: their getters open fd 0/1 again.
        if (input instanceof net.Socket) input.destroy();
        else input.pause();
      }
      if (output instanceof net.Socket) output.destroy();
    },
  };
}

/** An async handle on a pipe/socket fd, or the process stream when the fd is something else. */
function openEnd(fd: number, role: "input"): Readable;
function openEnd(fd: number, role: "output"): Writable;
function openEnd(fd: number, role: "input" | "output"): Readable | Writable {
  let pipeLike = false;
  try {
    const st = fstatSync(fd);
    pipeLike = st.isFIFO() || st.isSocket();
  } catch {
    pipeLike = false;
  }
  if (pipeLike) {
    return new net.Socket({ fd, readable: role === "input", writable: role === "output", allowHalfOpen: true });
  }
  if (fd === 0 && role === "input") return process.stdin;
  if (fd === 1 && role === "output") return process.stdout;
  throw new Error(`fd ${fd} is neither a pipe nor a socket`);
}
