/**
 * The BuildKit connection on the process's stdin/stdout, as one duplex byte stream for the HTTP/2 channel
 * (channel.ts): BuildKit serves LLBBridge (HTTP/2 cleartext) on the frontend's fd 0/1.
 *
 * Contract: nothing but gRPC is ever written to fd 1. Log to stderr.
 * @module
 */
import { fstatSync } from "node:fs";
import net from "node:net";
import { Duplex, type Readable, type Writable } from "node:stream";

export { MAX_MESSAGE_BYTES } from "./channel.js";

/** An open stdio connection. */
export interface StdioTransport {
  /** Reads fd 0, writes fd 1. */
  readonly connection: Duplex;
  /** Settles (never rejects) when BuildKit's side went away: stdin ended or stdout failed. */
  readonly peerClosed: Promise<Error>;
  /** True once {@link StdioTransport.peerClosed} has settled. */
  readonly isPeerClosed: boolean;
  /** Releases the stdio handles. Idempotent; lets the event loop exit. */
  close(): void;
}

/** Where the connection reads and writes; defaults to fd 0 and fd 1. For tests. */
export interface StdioEnds {
  readonly inputFd?: number;
  readonly outputFd?: number;
}

/**
 * Opens the connection. When fd 0/1 are pipes or sockets they get their own async handles; otherwise (TTY,
 * file: manual runs) it falls back to `process.stdin`/`process.stdout`.
 */
export function openStdioTransport(ends: StdioEnds = {}): StdioTransport {
  let resolveClosed!: (e: Error) => void;
  const peerClosed = new Promise<Error>((r) => (resolveClosed = r));
  let closedFlag = false;
  let shutDown = false;
  const markClosed = (e: Error): void => {
    if (closedFlag) return;
    closedFlag = true;
    resolveClosed(e);
  };
  const input = openEnd(ends.inputFd ?? 0, "input");
  const output = openEnd(ends.outputFd ?? 1, "output");
  input.on("error", (e) => markClosed(new Error(`reading BuildKit connection (stdin): ${e.message}`)));
  input.on("end", () => markClosed(new Error("BuildKit closed the connection (stdin ended)")));
  output.on("error", (e) => markClosed(new Error(`writing BuildKit connection (stdout): ${e.message}`)));
  output.on("close", () => {
    if (!shutDown) markClosed(new Error("BuildKit closed the connection (stdout closed)"));
  });
  const connection = joined(input, output, () => closedFlag || shutDown);
  return {
    connection,
    peerClosed,
    get isPeerClosed() {
      return closedFlag;
    },
    close() {
      if (shutDown) return;
      shutDown = true;
      // Never touch process.stdin/stdout unless they are what we use: their getters open fd 0/1 again.
      if (input instanceof net.Socket) input.destroy();
      else input.pause();
      if (output instanceof net.Socket) output.destroy();
    },
  };
}

/**
 * One duplex stream reading `input` and writing `output`. Every write is handed to `output` and reported done
 * at once, and dropped once `dead()`: node:http2 on a JavaScript stream fails an internal assertion when it
 * writes while an earlier write is still pending, which a write to a closed pipe can leave forever.
 */
function joined(input: Readable, output: Writable, dead: () => boolean): Duplex {
  const connection = new Duplex({
    read: () => void input.resume(),
    write(chunk: Buffer, _encoding, done) {
      if (!dead() && !output.destroyed) output.write(chunk);
      done();
    },
    final(done) {
      if (!dead() && !output.destroyed) output.end();
      done();
    },
  });
  input.on("data", (chunk: Buffer) => {
    if (!connection.push(chunk)) input.pause();
  });
  input.on("end", () => connection.push(null));
  connection.on("error", () => undefined); // reported through peerClosed
  return connection;
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
