/**
 * Runs a bundled frontend as BuildKit does — a child process speaking gRPC on its stdin/stdout — against an
 * in-process {@link FakeBridge}, and collects what it did: the Return, warnings, solves, exit code, stderr.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { ReturnRequest, SolveRequest, WarnRequest } from "../../src/gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import { FakeBridge, type FakeBridgeOptions, type Recorded } from "./fake-bridge.js";

export interface RunFrontendProcessOptions extends FakeBridgeOptions {
  /** Frontend opts, sent as BUILDKIT_FRONTEND_OPT_<n>=key=value. */
  readonly opts?: Record<string, string>;
  /** Extra environment. */
  readonly env?: Record<string, string>;
  readonly sessionId?: string;
  /**
   * How the child's stdin/stdout are wired: "socketpair" (Node's default "pipe") or "fifo" (named pipes, i.e.
   * real pipe(2) semantics, as BuildKit's os.Pipe gives a frontend). Default "socketpair".
   */
  readonly stdio?: "socketpair" | "fifo";
  /** Kill the child after this long (ms). Default 20 s. */
  readonly timeoutMs?: number;
}

export interface FrontendProcessResult {
  /** The single Return, or undefined if none arrived. */
  readonly returned: ReturnRequest | undefined;
  readonly recorded: Recorded;
  readonly warnings: WarnRequest[];
  readonly solves: SolveRequest[];
  /** null if the process was killed by a signal (e.g. the timeout). */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly durationMs: number;
}

/** Spawns `node bundlePath` as a frontend against a {@link FakeBridge} and waits for it to exit. */
export async function runFrontendProcess(bundlePath: string, options: RunFrontendProcessOptions = {}): Promise<FrontendProcessResult> {
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    BUILDKIT_SESSION_ID: options.sessionId ?? "fake-session",
    BUILDKIT_WORKERS: JSON.stringify([{ id: "fake", platforms: [{ os: "linux", architecture: "amd64" }] }]),
    BUILDKIT_EXPORTEDPRODUCT: "fake-buildkit",
    ...options.env,
  };
  Object.entries(options.opts ?? {}).forEach(([k, v], i) => (env[`BUILDKIT_FRONTEND_OPT_${i}`] = `${k}=${v}`));

  const started = Date.now();
  const bridge = new FakeBridge(options);
  let child;
  if (options.stdio === "fifo") {
    const f = openFifos();
    child = spawn(process.execPath, [bundlePath], { env, stdio: [f.childIn, f.childOut, "pipe"] });
    closeSync(f.childIn);
    closeSync(f.childOut);
    bridge.attach(f.toChild, f.fromChild);
  } else {
    child = spawn(process.execPath, [bundlePath], { env, stdio: ["pipe", "pipe", "pipe"] });
    bridge.attach(child.stdin, child.stdout);
  }
  if (!child.stderr) throw new Error("child has no stderr pipe");
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (code, sig) => resolve([code, sig])),
  );
  clearTimeout(timer);
  bridge.shutdown();
  const r = bridge.recorded;
  return {
    returned: r.returns[0],
    recorded: r,
    warnings: r.warnings,
    solves: r.solves,
    exitCode,
    signal,
    stderr,
    durationMs: Date.now() - started,
  };
}

/**
 * Two named pipes, opened without blocking: the reader end first with O_NONBLOCK, then the writer. Returns the
 * child's fds and our ends as stream handles. The FIFO files are removed at once (open fds keep working).
 */
function openFifos(): { childIn: number; childOut: number; toChild: Writable; fromChild: Readable } {
  const dir = mkdtempSync(join(tmpdir(), "pydock-fifo-"));
  const inPath = join(dir, "in");
  const outPath = join(dir, "out");
  execFileSync("mkfifo", [inPath, outPath]);
  const childIn = openSync(inPath, constants.O_RDONLY | constants.O_NONBLOCK);
  const toChildFd = openSync(inPath, constants.O_WRONLY);
  const fromChildFd = openSync(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
  const childOut = openSync(outPath, constants.O_WRONLY);
  rmSync(dir, { recursive: true, force: true });
  return {
    childIn,
    childOut,
    toChild: new Socket({ fd: toChildFd, readable: false, writable: true }),
    fromChild: new Socket({ fd: fromChildFd, readable: true, writable: false }),
  };
}
