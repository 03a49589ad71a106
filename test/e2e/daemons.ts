/**
 * Daemons for the e2e suite's fault tests: a build followed as it runs; throwaway daemons the suite starts
 * for itself (a Docker Engine and a buildkitd, each with state, sockets and network of its own); and such a
 * daemon killed and started again exactly as it was started (same program, arguments, environment and
 * directory).
 *
 * Only daemons started here are ever killed: the machine's own dockerd and buildkitd are the user's (on a
 * laptop, their Docker), and a dockerd killed under running containers leaves them holding addresses that the
 * restarted daemon hands out again, so that no published port answers any more.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { must, ROOT, run } from "./harness.js";

/** A `docker buildx build` in its own process group (as a terminal runs it), its output read as it comes. */
export interface RunningBuild {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the output matches `pattern`; rejects after `timeoutMs` or when the build ends first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  readonly done: Promise<{ code: number; output: string; endedAt: number }>;
}

export function startBuild(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunningBuild {
  const child = spawn("docker", ["buildx", "build", ...args], { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
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

/** A daemon process, and how to tell that it answers. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  ready(): Promise<boolean>;
}

/** The buildkitd listening on a standalone buildx builder's unix socket. */
async function buildkitdOf(builder: string): Promise<Daemon> {
  const inspect = await run("docker", ["buildx", "inspect", builder]);
  const endpoint = /Endpoint:\s+unix:\/\/(\S+)/.exec(inspect.output)?.[1];
  if (!endpoint) throw new Error(`builder ${builder} is not a standalone buildkitd on a unix socket:\n${inspect.output}`);
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
 * A daemon the suite started for itself, with a state directory, socket (and, for an engine, network) of its
 * own, as a fresh CI runner has, and the buildx builder that builds on it.
 */
export interface FreshBuilder {
  /** The buildx builder. */
  readonly name: string;
  /** The environment `docker buildx` needs to reach the builder (an engine's builder is its Docker context's). */
  readonly env: NodeJS.ProcessEnv;
  /** `docker` arguments that reach the engine that `--load` puts this builder's images in. */
  readonly docker: readonly string[];
  /** Its daemon as it runs now (after {@link killAndRestart}, the restarted process). */
  daemon(): Daemon;
  /** Kills the rest of a restart too. */
  killAndRestart(): Promise<void>;
  dispose(): Promise<void>;
}

/** What started a daemon: restarting it means running this again. */
interface Launch {
  readonly name: string;
  readonly program: string;
  readonly args: readonly string[];
  /** Its output is appended to this file. */
  readonly log: string;
  ready(): Promise<boolean>;
}

function launch(l: Launch): Daemon {
  const child = spawn(l.program, l.args, { detached: true, stdio: ["ignore", openSync(l.log, "a"), openSync(l.log, "a")] });
  child.unref();
  if (child.pid === undefined) throw new Error(`cannot start ${l.program}`);
  return { name: l.name, pid: child.pid, ready: l.ready };
}

/**
 * SIGKILLs a daemon the suite started, waits for it to be gone, and starts it again as it was started.
 * Resolves with the restarted daemon once it answers; rejects after 90 s.
 */
async function killAndRestart(l: Launch, daemon: Daemon): Promise<Daemon> {
  process.kill(daemon.pid, "SIGKILL");
  if (!(await poll(() => !alive(daemon.pid), 15_000))) throw new Error(`${daemon.name} (${daemon.pid}) survived SIGKILL`);
  const again = launch(l);
  if (!(await poll(() => again.ready(), 90_000))) throw new Error(`${l.name} did not answer within 90 s of its restart (${l.program} ${l.args.join(" ")}):\n${tail(l.log)}`);
  return again;
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").slice(-2000) : "");

/** Ends every process whose command line names `dir` (the daemon and whatever it started), SIGTERM first. */
async function endProcessesOf(dir: string, extra: () => number[] = () => []): Promise<void> {
  const left = () => [...new Set([...processesMatching(dir), ...extra()])];
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    for (const pid of left()) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
    if (await poll(() => left().length === 0, 15_000)) return;
  }
}

/** Unmounts whatever is still mounted below `dir` (a killed engine leaves its containers' mounts), deepest first. */
async function unmountBelow(dir: string): Promise<void> {
  const points = readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[1]?.replace(/\\040/g, " ") ?? "")
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of points) await run("umount", ["-l", m]);
}

/**
 * Starts another buildkitd like the one behind `builder` (same program and --config, so the same registry
 * settings) but with an empty state directory and its own socket, as the buildx builder `name`.
 */
export async function startFreshBuildkitd(builder: string, name: string): Promise<FreshBuilder> {
  const model = await buildkitdOf(builder);
  const argv = commandOf(model.pid);
  const config = argv[argv.indexOf("--config") + 1];
  const dir = mkdtempSync(join(tmpdir(), "pydock-e2e-buildkitd-"));
  const socket = join(dir, "buildkitd.sock");
  const l: Launch = {
    name: "buildkitd",
    program: readlinkSync(`/proc/${model.pid}/exe`),
    args: [...(argv.includes("--config") && config ? ["--config", config] : []), "--addr", `unix://${socket}`, "--root", join(dir, "root")],
    log: join(dir, "buildkitd.log"),
    ready: async () => /Status:\s+running/.test((await run("docker", ["buildx", "inspect", "--bootstrap", name])).output),
  };
  let daemon = launch(l);
  const dispose = async () => {
    await run("docker", ["buildx", "rm", "--force", name]);
    await endProcessesOf(dir);
    await unmountBelow(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  await run("docker", ["buildx", "rm", "--force", name]);
  const created = await run("docker", ["buildx", "create", "--name", name, "--driver", "remote", `unix://${socket}`]);
  if (created.code !== 0 || !(await poll(() => daemon.ready(), 60_000))) {
    const log = tail(l.log);
    await dispose();
    throw new Error(`a fresh buildkitd (${l.program} ${l.args.join(" ")}) did not answer:\n${created.output}\n${log}`);
  }
  return {
    name,
    env: {},
    // A remote builder's --load goes to the current Docker context's engine.
    docker: [],
    daemon: () => daemon,
    killAndRestart: async () => void (daemon = await killAndRestart(l, daemon)),
    dispose,
  };
}

/** The machine's Docker Engine configuration, for the registry settings a fresh engine copies. */
function machineEngineConfig(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync("/etc/docker/daemon.json", "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A 172.31.N.0/24 that no interface or route of this machine uses. */
async function freeSubnet(): Promise<string> {
  const used = (await must("ip", ["-4", "route"])) + (await must("ip", ["-4", "addr"]));
  for (let n = 200; n < 255; n++) if (!used.includes(`172.31.${n}.`)) return `172.31.${n}`;
  throw new Error("no free 172.31.N.0/24 for a fresh Docker Engine's bridge");
}

/**
 * Starts a throwaway Docker Engine (dockerd, its own containerd, data root, exec root, socket, pid file, and a
 * bridge and subnet of its own, with the machine's registry settings), reached as the Docker context and buildx
 * builder `name`. The frontend image under test is loaded into it. Its network rules are the two it needs and
 * nothing of the machine's engine's: `--iptables=false`, and this function adds (and dispose removes) the
 * forwarding and masquerading of its subnet, so that its builds reach the package indexes.
 */
export async function startFreshDockerd(name: string, frontendImage: string): Promise<FreshBuilder> {
  const dir = mkdtempSync(join(tmpdir(), "pydock-e2e-dockerd-"));
  const socket = join(dir, "docker.sock");
  const bridge = `pydock${process.pid % 100_000}`;
  const net = await freeSubnet();
  const cgroup = `pydock-e2e-${process.pid}`;
  const machine = machineEngineConfig();
  writeFileSync(
    join(dir, "daemon.json"),
    JSON.stringify({ "registry-mirrors": machine["registry-mirrors"] ?? [], "insecure-registries": machine["insecure-registries"] ?? [], features: { buildkit: true } }),
  );
  const docker = ["--context", name];
  const rules: string[][] = [
    ["-t", "nat", "POSTROUTING", "-s", `${net}.0/24`, "!", "-o", bridge, "-j", "MASQUERADE"],
    ["FORWARD", "-i", bridge, "!", "-o", bridge, "-j", "ACCEPT"],
    ["FORWARD", "-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"],
  ];
  const iptables = (op: "-I" | "-D", rule: string[]) => {
    const [table, chain, ...spec] = rule[0] === "-t" ? rule : ["-t", "filter", ...rule];
    return run("iptables", [table ?? "", chain ?? "", op, ...spec]);
  };
  const l: Launch = {
    name: "dockerd",
    program: "dockerd",
    args: [
      "--config-file", join(dir, "daemon.json"),
      "--host", `unix://${socket}`,
      "--data-root", join(dir, "data"),
      "--exec-root", join(dir, "exec"),
      "--pidfile", join(dir, "docker.pid"),
      "--bridge", bridge,
      "--iptables=false",
      "--ip-masq=false",
      // Its containers' cgroups, so that dispose finds any a kill left running.
      "--cgroup-parent", `/${cgroup}`,
      // Where the machine runs a system containerd, this engine's objects stay apart from the machine's.
      "--containerd-namespace", cgroup,
      "--containerd-plugins-namespace", `${cgroup}-plugins`,
    ],
    log: join(dir, "dockerd.log"),
    ready: async () => (await run("docker", [...docker, "info"])).code === 0,
  };
  const inCgroup = () =>
    readdirSync("/proc")
      .filter((e) => /^\d+$/.test(e))
      .filter((e) => {
        try {
          return readFileSync(`/proc/${e}/cgroup`, "utf8").includes(`/${cgroup}/`);
        } catch {
          return false;
        }
      })
      .map(Number);
  const dispose = async () => {
    await run("docker", ["context", "rm", "--force", name]);
    await endProcessesOf(dir, inCgroup);
    await unmountBelow(dir);
    for (const rule of rules) await iptables("-D", rule);
    await run("ip", ["link", "delete", bridge]);
    rmSync(dir, { recursive: true, force: true });
  };
  let daemon: Daemon | undefined;
  try {
    await must("ip", ["link", "add", bridge, "type", "bridge"]);
    await must("ip", ["addr", "add", `${net}.1/24`, "dev", bridge]);
    await must("ip", ["link", "set", bridge, "up"]);
    for (const rule of rules) {
      const added = await iptables("-I", rule);
      if (added.code !== 0) throw new Error(`iptables ${rule.join(" ")}: ${added.output}`);
    }
    daemon = launch(l);
    await run("docker", ["context", "rm", "--force", name]);
    await must("docker", ["context", "create", name, "--docker", `host=unix://${socket}`]);
    if (!(await poll(() => daemon?.ready() ?? false, 90_000))) throw new Error(`it did not answer within 90 s:\n${tail(l.log)}`);
    // As users get it, the frontend image is the one under test; the engine pulls the rest through the mirror.
    await must("sh", ["-c", `docker save ${frontendImage} | docker --context ${name} load -q`]);
  } catch (e) {
    await dispose();
    throw new Error(`a fresh Docker Engine (dockerd ${l.args.join(" ")}) could not be started: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    name,
    env: { DOCKER_CONTEXT: name },
    docker,
    daemon: () => daemon as Daemon,
    killAndRestart: async () => void (daemon = await killAndRestart(l, daemon as Daemon)),
    dispose,
  };
}
