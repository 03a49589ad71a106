/**
 * End-to-end helpers: build images through the real frontend image on a real BuildKit with `docker buildx`,
 * run them, and look inside. Every build goes through the `# syntax=` line of the example's pydock.toml.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, "../..");
/** The frontend image the examples' `# syntax=` line names. */
export const FRONTEND_IMAGE = "pydock/pydock:0.1";
/** The sandbox registry that mirrors Docker Hub for both daemons (see .ci/run). */
export const MIRROR = "127.0.0.1:5000";

export interface Result {
  readonly code: number;
  readonly output: string;
}

/** Runs a command, never throws; stdout and stderr interleaved as the user would see them. */
export function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    // A command that cannot start (ENOENT) answers like a shell would, instead of an unhandled error event.
    child.on("error", (e) => done({ code: 127, output: output + String(e) }));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

export async function must(cmd: string, args: readonly string[], opts: { cwd?: string } = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.code}):\n${r.output.slice(-4000)}`);
  return r.output;
}

/**
 * The buildx builders to test: the Docker Engine's own and the standalone current buildkitd. Both are
 * required: a missing one fails the suite (CI must never pass on one daemon without saying so). Set
 * PYDOCK_E2E_BUILDERS=default to run on the Docker Engine alone on purpose.
 */
export async function builders(): Promise<string[]> {
  if (process.env["PYDOCK_E2E_BUILDERS"]) return process.env["PYDOCK_E2E_BUILDERS"].split(",");
  if ((await run("docker", ["buildx", "inspect", "pydock-latest"])).code !== 0) {
    throw new Error("the buildx builder pydock-latest (a standalone current buildkitd) is missing: start it (see .ci/run) or set PYDOCK_E2E_BUILDERS=default");
  }
  return ["default", "pydock-latest"];
}

/**
 * A buildx new enough for `--call` and `--check` (0.15 and later), run standalone as `docker-buildx`: the one
 * scripts/buildx-latest.sh builds into the sandbox's bin folder, or PYDOCK_BUILDX. The Docker CLI's own plugin
 * may predate `--call`; it is never used for these tests. Missing, it fails the test: CI runs the script.
 */
export async function currentBuildx(): Promise<string> {
  const path = process.env["PYDOCK_BUILDX"] ?? join(process.env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "pydock/bin/docker-buildx");
  const help = await run(path, ["build", "--help"]);
  if (help.code !== 0 || !help.output.includes("--call")) {
    throw new Error(`no buildx with --call at ${path}: run scripts/buildx-latest.sh (or set PYDOCK_BUILDX to a buildx 0.15 or later)`);
  }
  return path;
}

export interface BuildOptions {
  readonly builder: string;
  /** Directory of the build context; pydock.toml is read from it unless `file` is given. */
  readonly context: string;
  readonly file?: string;
  readonly tag?: string;
  readonly target?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly extra?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** `docker buildx build -f pydock.toml … --load`, with plain progress so tests can read the steps. */
export function build(o: BuildOptions): Promise<Result> {
  const args = ["buildx", "build", "--builder", o.builder, "--progress=plain", "-f", o.file ?? join(o.context, "pydock.toml")];
  if (o.target) args.push("--target", o.target);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
  if (o.tag) args.push("--load", "-t", o.tag);
  args.push(...(o.extra ?? []), o.context);
  return run("docker", args, o.env ? { env: o.env } : {});
}

/**
 * A copy of an example (or of another project folder of this repository, `from` it) in a temporary directory
 * outside any git work tree, removed by `dispose`.
 */
export function scratchCopy(example: string, from = join(ROOT, "examples")): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `pydock-${example.replace(/\//g, "-")}-`));
  cpSync(join(from, example), dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `tag` detached with `port` published on a free loopback port; `platform` picks (or emulates) a variant;
 * `docker` holds arguments that pick another engine (`--context NAME`); `runArgs` go to `docker run` (`-e K=V`).
 */
export async function startContainer(tag: string, port = 8000, platform?: string, docker: readonly string[] = [], runArgs: readonly string[] = []): Promise<{ id: string; url: string; stop: () => Promise<void> }> {
  const id = (await must("docker", [...docker, "run", "-d", ...(platform ? ["--platform", platform] : []), ...runArgs, "-p", `127.0.0.1::${port}`, tag])).trim();
  const mapped = (await must("docker", [...docker, "port", id, `${port}/tcp`])).trim().split("\n")[0] ?? "";
  const url = `http://${mapped}`;
  return { id, url, stop: async () => void (await run("docker", [...docker, "rm", "-f", id])) };
}

/** Polls `url` until it answers (any status) or `timeoutMs` passes. */
export async function waitHttp(url: string, timeoutMs = 60_000): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return { status: r.status, body: await r.text() };
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`no answer from ${url}: ${String(last)}`);
}

/** Waits for Docker's health status to leave "starting"; returns it. */
export async function waitHealth(id: string, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = "";
  while (Date.now() < deadline) {
    status = (await must("docker", ["inspect", "-f", "{{.State.Health.Status}}", id])).trim();
    if (status !== "starting") return status;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return status;
}

/** Runs a shell command in a fresh container of `tag` (as root unless `user`), returning its output. */
export function inImage(tag: string, script: string, user?: string): Promise<Result> {
  return run("docker", ["run", "--rm", ...(user ? ["--user", user] : []), "--entrypoint", "/bin/sh", tag, "-c", script]);
}

/** `docker image inspect` JSON of an image. */
export async function inspect(tag: string): Promise<{ Config: Record<string, unknown>; RootFS: { Layers: string[] } }> {
  return JSON.parse(await must("docker", ["image", "inspect", tag]))[0];
}

export async function gitHead(): Promise<string> {
  return (await exec("git", ["rev-parse", "HEAD"], { cwd: ROOT })).stdout.trim();
}

/** Did the step whose progress name contains `name` come from the cache? */
export function stepCached(output: string, name: string): boolean | undefined {
  const lines = output.split("\n");
  const head = lines.find((l) => /^#\d+ \[/.test(l) && l.includes(name));
  if (!head) return undefined;
  const id = head.split(" ")[0];
  return lines.some((l) => l === `${id} CACHED`);
}

/**
 * The steps of pydock's stages that did work: not CACHED, not a base image's FROM (resolved on every build),
 * not a vertex that printed nothing and took 0.0 s (BuildKit shows the layers pydock makes on scratch —
 * a directory, the version file — that way when what they feed came from the cache), and not one that only
 * pulled and unpacked layers (a merge of layers imported from a remote cache, materialized for a reader).
 */
export function stepsRun(output: string): string[] {
  const lines = output.split("\n");
  const idOf = (l: string) => l.split(" ")[0] ?? "";
  const cached = new Set(lines.filter((l) => / CACHED$/.test(l)).map(idOf));
  const instant = new Set(lines.filter((l) => / DONE 0\.0s$/.test(l)).map(idOf));
  const printed = new Set(lines.filter((l) => /^#\d+ \d+\.\d+ /.test(l)).map(idOf));
  const pulled = new Set(lines.filter((l) => /^#\d+ (extracting )?sha256:[0-9a-f]{64}\b/.test(l)).map(idOf));
  const heads = new Map<string, string>();
  for (const l of lines) {
    const m = /^(#\d+) (\[(?:venv|git|runtime)\b.*)$/.exec(l);
    if (m?.[1] && m[2] && !heads.has(m[1])) heads.set(m[1], m[2]);
  }
  return [...heads]
    .filter(([id, name]) => !cached.has(id) && !/^\[\w+\] FROM /.test(name) && (printed.has(id) || (!instant.has(id) && !pulled.has(id))))
    .map(([, name]) => name);
}
