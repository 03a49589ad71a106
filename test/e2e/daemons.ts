/**
 * Faults for the e2e suite: a build followed as it runs, and a daemon killed and started again exactly as it
 * was started (same program, arguments, environment and directory), unless something that supervises it
 * (systemd, say) brings it back first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, run } from "./harness.js";

/** A `docker buildx build` in its own process group (as a terminal runs it), its output read as it comes. */
export interface RunningBuild {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the output matches `pattern`; rejects after `timeoutMs` or when the build ends first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  readonly done: Promise<{ code: number; output: string; endedAt: number }>;
}

export function startBuild(args: readonly string[]): RunningBuild {
  const child = spawn("docker", ["buildx", "build", ...args], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d;
    for (const l of listeners) l();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const done = new Promise<{ code: number; output: string; endedAt: number }>((resolve) =>
    child.on("close", (code, signal) => {
      for (const l of listeners) l();
      resolve({ code: code ?? (signal ? 128 : 1), output, endedAt: Date.now() });
    }),
  );
  let ended = false;
  void done.then(() => (ended = true));
  return {
    child,
    output: () => output,
    done,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${pattern} in the build output after ${timeoutMs} ms:\n${output.slice(-3000)}`)), timeoutMs);
        const check = () => {
          if (pattern.test(output)) finish();
          else if (ended) finish(new Error(`the build ended before ${pattern}:\n${output.slice(-3000)}`));
        };
        const finish = (e?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (e) reject(e);
          else resolve();
        };
        listeners.add(check);
        check();
      }),
  };
}

/** Polls `probe` every 250 ms until it is true or `timeoutMs` passes; returns the last answer. */
export async function poll(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Process ids whose command line contains `needle` (zombies excluded), this process and its parents aside. */
export function processesMatching(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmdline.includes(needle) && alive(Number(entry))) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** The process exists and is not a zombie waiting for a parent that never reaps. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

/** The process that serves a buildx builder, and how to tell that it answers. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  ready(): Promise<boolean>;
}

/** `default`: the Docker Engine (dockerd); any other builder: the buildkitd listening on its endpoint. */
export async function daemonOf(builder: string): Promise<Daemon> {
  if (builder === "default") {
    const [pid, ...more] = processesMatching("dockerd").filter((p) => commandOf(p)[0]?.endsWith("dockerd"));
    if (pid === undefined || more.length > 0) throw new Error(`expected one dockerd process, found ${[pid, ...more].filter(Boolean).join(", ") || "none"}`);
    return { name: "dockerd", pid, ready: async () => (await run("docker", ["info"])).code === 0 };
  }
  const inspect = await run("docker", ["buildx", "inspect", builder]);
  const endpoint = /Endpoint:\s+unix:\/\/(\S+)/.exec(inspect.output)?.[1];
  if (!endpoint) throw new Error(`builder ${builder} has no unix socket endpoint:\n${inspect.output}`);
  const [pid] = processesMatching(endpoint).filter((p) => commandOf(p)[0]?.endsWith("buildkitd"));
  if (pid === undefined) throw new Error(`no buildkitd process listens on ${endpoint}`);
  return {
    name: "buildkitd",
    pid,
    ready: async () => /Status:\s+running/.test((await run("docker", ["buildx", "inspect", "--bootstrap", builder])).output),
  };
}

function commandOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
}

/**
 * SIGKILLs the daemon, waits for it to be gone, and starts it again as it was started (detached, its output
 * appended to a log in the temporary directory) unless it is back within 5 s by itself. Resolves once it
 * answers; rejects after 90 s.
 */
export async function killAndRestart(daemon: Daemon): Promise<void> {
  const argv = commandOf(daemon.pid);
  const cwd = readlinkSync(`/proc/${daemon.pid}/cwd`);
  const env = Object.fromEntries(
    readFileSync(`/proc/${daemon.pid}/environ`, "utf8")
      .split("\0")
      .filter((kv) => kv.includes("="))
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
  process.kill(daemon.pid, "SIGKILL");
  if (!(await poll(() => !alive(daemon.pid), 15_000))) throw new Error(`${daemon.name} (${daemon.pid}) survived SIGKILL`);
  if (await poll(() => daemon.ready(), 5_000)) return;
  const log = openSync(join(tmpdir(), `pydock-e2e-${daemon.name}.log`), "a");
  const [program, ...args] = argv;
  if (!program || !existsSync(program.includes("/") ? program : "/")) throw new Error(`cannot restart ${daemon.name}: no program in ${argv.join(" ")}`);
  spawn(program, args, { cwd, env, detached: true, stdio: ["ignore", log, log] }).unref();
  if (!(await poll(() => daemon.ready(), 90_000))) throw new Error(`${daemon.name} did not answer within 90 s of its restart (${argv.join(" ")})`);
}

/** A second buildkitd with a state directory of its own, as a fresh CI runner has, and its buildx builder. */
export interface FreshBuilder {
  readonly name: string;
  dispose(): Promise<void>;
}

/**
 * Starts another buildkitd like the one behind `builder` (same program and --config, so the same registry
 * settings) but with an empty state directory and its own socket, as the buildx builder `name`.
 */
export async function startFreshBuildkitd(builder: string, name: string): Promise<FreshBuilder> {
  const model = await daemonOf(builder);
  if (model.name !== "buildkitd") throw new Error(`${builder} is not a standalone buildkitd`);
  const argv = commandOf(model.pid);
  const program = readlinkSync(`/proc/${model.pid}/exe`);
  const config = argv[argv.indexOf("--config") + 1];
  const dir = mkdtempSync(join(tmpdir(), "pydock-e2e-buildkitd-"));
  const socket = join(dir, "buildkitd.sock");
  const args: string[] = [...(argv.includes("--config") && config ? ["--config", config] : []), "--addr", `unix://${socket}`, "--root", join(dir, "root")];
  const log = openSync(join(dir, "buildkitd.log"), "a");
  const child = spawn(program, args, { detached: true, stdio: ["ignore", log, log] });
  child.unref();
  const pid = child.pid;
  const dispose = async () => {
    await run("docker", ["buildx", "rm", "--force", name]);
    if (pid !== undefined && alive(pid)) {
      process.kill(pid, "SIGTERM");
      await poll(() => !alive(pid), 15_000);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  await run("docker", ["buildx", "rm", "--force", name]);
  const created = await run("docker", ["buildx", "create", "--name", name, "--driver", "remote", `unix://${socket}`]);
  const ready = created.code === 0 && (await poll(async () => /Status:\s+running/.test((await run("docker", ["buildx", "inspect", "--bootstrap", name])).output), 60_000));
  if (!ready) {
    const output = existsSync(join(dir, "buildkitd.log")) ? readFileSync(join(dir, "buildkitd.log"), "utf8").slice(-2000) : "";
    await dispose();
    throw new Error(`a fresh buildkitd (${program} ${args.join(" ")}) did not answer:\n${created.output}\n${output}`);
  }
  return { name, dispose };
}
