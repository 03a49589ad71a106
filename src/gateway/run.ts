/**
 * {@link runFrontend}: the whole life of a gateway frontend process, like Go's `grpcclient.RunFromEnvironment`.
 * @module
 */
import { GatewayClient, GatewayCap, type Caps, type FrontendResult } from "./client.js";
import { UnsupportedDaemonError, toRpcStatus } from "./errors.js";
import { parseFrontendOptions, type FrontendOptions } from "./opts.js";
import { openStdioTransport } from "./stdio.js";

export type { FrontendResult } from "./client.js";

/** The build function a frontend provides. */
export type BuildFunction = (client: GatewayClient, opts: FrontendOptions) => Promise<FrontendResult>;

/**
 * `--build-arg PYDOCK_TIMINGS=1`: just before the Return, one line on stderr (which BuildKit writes to the
 * daemon's log) with every gateway call's start and end, in ms after the process started, and the Return's
 * start: where a build's frontend time goes (bench/README.md).
 */
export const TIMINGS_ARG = "PYDOCK_TIMINGS";

/** Capabilities pydock cannot work without. */
export const REQUIRED_CAPS: { readonly frontend: readonly string[]; readonly llb: readonly string[] } = {
  frontend: [GatewayCap.return],
  llb: ["file.base"],
};

export interface RunOptions {
  /** Caps to require instead of {@link REQUIRED_CAPS}. */
  readonly requiredCaps?: { readonly frontend?: readonly string[]; readonly llb?: readonly string[] };
  /** Environment to read options from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs a frontend over stdio and exits the process:
 * 1. open gRPC over fd 0/1, Ping (15 s), check required caps;
 * 2. parse options, call `build`;
 * 3. send exactly one Return: the result, or the error as a `google.rpc.Status` ({@link toRpcStatus}); a missing
 *    cap is reported as an {@link UnsupportedDaemonError} through Return when the daemon accepts it;
 * 4. close and exit 0. Exit 1, after one line on stderr, only when BuildKit could not be reached or the Return
 *    could not be delivered (e.g. BuildKit closed the pipe). Never writes to stdout.
 */
export async function runFrontend(build: BuildFunction, options: RunOptions = {}): Promise<never> {
  let transport: ReturnType<typeof openStdioTransport> | undefined;
  let client: GatewayClient | undefined;
  const exit = (code: number): never => {
    client?.close();
    transport?.close();
    process.exit(code);
  };
  const fatal = (what: string, e: unknown): never => {
    log(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    return exit(1);
  };

  try {
    transport = openStdioTransport();
    client = new GatewayClient(transport.connection, transport.peerClosed);
  } catch (e) {
    return fatal("pydock: cannot open the BuildKit connection on stdin/stdout", e);
  }

  let caps: Caps;
  try {
    caps = await client.ping();
  } catch (e) {
    return fatal("pydock: cannot reach BuildKit (Ping failed)", e);
  }

  const peerClosed = transport.peerClosed.then((e): never => {
    throw e;
  });
  peerClosed.catch(() => undefined);

  let outcome: { ok: true; result: FrontendResult } | { ok: false; error: unknown };
  let timings = false;
  try {
    const missing = missingCaps(caps, options.requiredCaps ?? REQUIRED_CAPS);
    if (missing.length > 0) throw new UnsupportedDaemonError(missing);
    const opts = parseFrontendOptions(options.env ?? process.env);
    timings = (opts.buildArgs.get(TIMINGS_ARG) ?? "") !== "";
    const c = client;
    outcome = { ok: true, result: await Promise.race([build(c, opts), peerClosed]) };
  } catch (e) {
    outcome = { ok: false, error: e };
  }

  if (transport.isPeerClosed) {
    return fatal("pydock: BuildKit closed the connection before the result could be returned", await transport.peerClosed);
  }

  // Before the Return: BuildKit may stop the process as soon as it has the result.
  if (timings) log(`pydock: gateway calls (ms after the process started): ${client.timings.join(", ")}, Return ${Math.round(performance.now())}`);
  try {
    if (outcome.ok) {
      await client.returnResult(outcome.result);
    } else {
      const st = toRpcStatus(outcome.error);
      log(`pydock: build failed: ${st.message}`);
      if (process.env["PYDOCK_DEBUG"] && outcome.error instanceof Error && outcome.error.stack) log(outcome.error.stack);
      await client.returnError(st);
    }
  } catch (e) {
    return fatal("pydock: could not deliver the result to BuildKit", e);
  }
  return exit(0);
}

/** Required caps that the daemon does not have enabled, as `id` (frontend API) or `llb:id`. */
export function missingCaps(
  caps: Caps,
  required: { readonly frontend?: readonly string[]; readonly llb?: readonly string[] },
): string[] {
  return [
    ...(required.frontend ?? []).filter((c) => !caps.frontend.has(c)),
    ...(required.llb ?? []).filter((c) => !caps.llb.has(c)).map((c) => `llb:${c}`),
  ];
}

function log(line: string): void {
  process.stderr.write(`${line.replace(/\n/g, "\n  ")}\n`);
}
