import { describe, expect, test } from "vitest";
import { CacheSharingOpt, MountType, NetMode, type ExecOp, type FileOp, type Op } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import {
  bindMount,
  cacheMount,
  copy,
  decodeDefinition,
  DEFAULT_PATH,
  encodeDefinition,
  image,
  local,
  marshal,
  MarshalContext,
  merge,
  mkdir,
  mkfile,
  scratch,
  secretMount,
  sshMount,
  tmpfsMount,
  type State,
} from "./index.js";

const ops = (st: State) => decodeDefinition(marshal(st).definition);
function execOf(st: State): ExecOp {
  const op = ops(st).find((o) => o.op.op.case === "exec")?.op.op;
  if (op?.case !== "exec") throw new Error("no exec op");
  return op.value;
}
function fileOf(st: State): { op: Op; file: FileOp } {
  const op = ops(st).find((o) => o.op.op.case === "file")?.op;
  if (op?.op.case !== "file") throw new Error("no file op");
  return { op, file: op.op.value };
}

describe("image and local", () => {
  test("an invalid reference fails at marshal time, not while building", () => {
    const st = image("Python:3").run({ args: ["true"] }).root();
    expect(() => marshal(st)).toThrow(/must be lowercase/);
  });

  test("image platform and resolve mode; the state takes the image config", () => {
    const st = image("python:3.12", { platform: { os: "linux", architecture: "arm64" }, resolveMode: "pull", config: { Env: ["PATH=/p", "X=a=b"], WorkingDir: "/srv" } });
    expect(st.getEnv("X")).toBe("a=b");
    expect(st.getDir()).toBe("/srv");
    const [src] = ops(st);
    expect(src?.op.platform?.Architecture).toBe("arm64");
    expect(src?.op.op.case === "source" && src.op.op.value.attrs).toEqual({ "image.resolvemode": "pull" });
    expect(src?.metadata?.caps).toEqual({ "source.image": true, "source.image.resolvemode": true });
  });

  test("local attrs are Go's, JSON escaped like json.Marshal, no platform, no local.unique", () => {
    const [src] = ops(local("ctx", { sessionId: "s", includePatterns: ["a<b>&"], followPaths: ["f"], differ: { type: "metadata", required: true } }));
    expect(src?.op.platform).toBeUndefined();
    expect(src?.op.op.case === "source" && src.op.op.value.attrs).toEqual({
      "local.session": "s",
      "local.includepattern": '["a\\u003cb\\u003e\\u0026"]',
      "local.followpaths": '["f"]',
      "local.differ": "metadata",
    });
    expect(Object.keys(src?.metadata?.caps ?? {}).sort()).toEqual(
      ["source.local", "source.local.differ", "source.local.followpaths", "source.local.includepatterns", "source.local.sessionid"],
    );
  });
});

describe("state", () => {
  test("is immutable; dir resolves relative paths; addEnv replaces and moves last", () => {
    const a = scratch().dir("/app").addEnv("A", "1").addEnv("B", "2");
    const b = a.dir("sub/../x").addEnv("A", "3");
    expect(a.getDir()).toBe("/app");
    expect(a.env()).toEqual(["A=1", "B=2"]);
    expect(b.getDir()).toBe("/app/x");
    expect(b.env()).toEqual(["B=2", "A=3"]);
  });
});

describe("exec", () => {
  const ctx = local("context", { sessionId: "s" });
  const base = image("python:3.12").dir("/app");
  const run = base.run({
    shell: "make",
    env: { X: "1" },
    mounts: [
      secretMount("/run/secrets/a", { id: "a" }),
      sshMount(),
      sshMount({ id: "gh", mode: 0o644 }),
      tmpfsMount("/tmp"),
      cacheMount("/root/.cache", { id: "uv", sharing: "locked" }),
      bindMount("/out", scratch()),
      bindMount("/src", ctx, { selector: "/sub", readonly: true }),
      bindMount("/src2", ctx, { readonly: true }),
    ],
    secretEnv: [{ id: "tok", name: "TOKEN" }],
    network: "host",
    customName: "build",
  });
  const exec = execOf(run.root());

  test("mounts are sorted by dest, then secrets, then ssh", () => {
    expect(exec.mounts.map((m) => m.dest)).toEqual(["/", "/out", "/root/.cache", "/src", "/src2", "/tmp", "/run/secrets/a", "/run/buildkit/ssh_agent.0", "/run/buildkit/ssh_agent.1"]);
  });

  test("inputs are deduplicated; outputs only for writable binds", () => {
    const byDest = Object.fromEntries(exec.mounts.map((m) => [m.dest, m]));
    expect([byDest["/"]?.input, byDest["/"]?.output]).toEqual([0n, 0n]);
    expect([byDest["/out"]?.input, byDest["/out"]?.output]).toEqual([-1n, 1n]);
    expect([byDest["/src"]?.input, byDest["/src2"]?.input, byDest["/src"]?.output]).toEqual([1n, 1n, -1n]);
    expect(byDest["/src"]?.selector).toBe("/sub");
    expect(byDest["/root/.cache"]?.mountType).toBe(MountType.CACHE);
    expect(byDest["/root/.cache"]?.cacheOpt?.sharing).toBe(CacheSharingOpt.LOCKED);
    expect(byDest["/tmp"]?.mountType).toBe(MountType.TMPFS);
  });

  test("secret and ssh defaults", () => {
    const secret = exec.mounts.find((m) => m.mountType === MountType.SECRET);
    expect([secret?.input, secret?.output, secret?.secretOpt?.ID, secret?.secretOpt?.mode]).toEqual([-1n, 0n, "a", 0o400]);
    const ssh = exec.mounts.filter((m) => m.mountType === MountType.SSH).map((m) => [m.SSHOpt?.ID, m.SSHOpt?.mode]);
    expect(ssh).toEqual([["default", 0o600], ["gh", 0o644]]);
    expect(exec.secretenv.map((s) => [s.ID, s.name])).toEqual([["tok", "TOKEN"]]);
  });

  test("meta: shell args, env with SSH_AUTH_SOCK and default PATH, cwd, network", () => {
    expect(exec.meta?.args).toEqual(["/bin/sh", "-c", "make"]);
    expect(exec.meta?.env).toEqual(["X=1", "SSH_AUTH_SOCK=/run/buildkit/ssh_agent.0", `PATH=${DEFAULT_PATH}`]);
    expect(exec.meta?.cwd).toBe("/app");
    expect(exec.meta?.removeMountStubsRecursive).toBe(true);
    expect(exec.network).toBe(NetMode.HOST);
  });

  test("caps and custom name", () => {
    const md = ops(run.root()).find((o) => o.op.op.case === "exec")?.metadata;
    expect(md?.description).toEqual({ "llb.customname": "build" });
    expect(Object.keys(md?.caps ?? {}).sort()).toEqual([
      "exec.meta.base",
      "exec.meta.network",
      "exec.mount.bind",
      "exec.mount.cache",
      "exec.mount.cache.sharing",
      "exec.mount.secret",
      "exec.mount.selector",
      "exec.mount.ssh",
      "exec.mount.tmpfs",
      "exec.secretenv",
    ]);
  });

  test("getMount: writable mounts are outputs, readonly ones their source, others fail at marshal", () => {
    const out = marshal(run.getMount("/out"));
    const execDigest = out.ops.at(-2)?.digest;
    expect(out.ops.at(-1)?.op.inputs[0]).toMatchObject({ digest: execDigest, index: 1n });
    expect(run.getMount("/src").output).toBe(ctx.output);
    expect(() => marshal(run.getMount("/tmp"))).toThrow(/tmpfs mount/);
    expect(() => marshal(run.getMount("/root/.cache"))).toThrow(/cache mount/);
  });
});

describe("file", () => {
  test("relative indices, one output, no platform, paths against the state dir", () => {
    const ctx = local("context", { sessionId: "s" });
    const other = image("busybox").dir("/data");
    const st = image("python:3.12")
      .dir("/app")
      .file(
        mkdir("logs", 0o755, { makeParents: true, owner: "app:1000" })
          .copy(ctx, "src/", "dst/")
          .copy(other, "f.txt", "./", { owner: { user: 0, group: "staff" } })
          .mkfile("a.txt", 0o644, "x", { timestamp: new Date(1000) })
          .rm("/tmp/*", { allowWildcard: true }),
      );
    const { op, file } = fileOf(st);
    expect(op.platform).toBeUndefined();
    expect(op.inputs).toHaveLength(3); // python, context, busybox
    expect(file.actions.map((a) => [a.input, a.secondaryInput, a.output])).toEqual([
      [0n, -1n, -1n],
      [3n, 1n, -1n],
      [4n, 2n, -1n],
      [5n, -1n, -1n],
      [6n, -1n, 0n],
    ]);
    const [a0, a1, a2, a3] = file.actions;
    expect(a0?.action.case === "mkdir" && [a0.action.value.path, a0.action.value.owner?.user?.user, a0.action.value.owner?.group?.user]).toEqual([
      "/app/logs",
      { case: "byName", value: expect.objectContaining({ name: "app", input: 0n }) },
      { case: "byID", value: 1000 },
    ]);
    expect(a1?.action.case === "copy" && [a1.action.value.src, a1.action.value.dest, a1.action.value.mode, a1.action.value.timestamp]).toEqual(["/src", "/app/dst/", -1, -1n]);
    expect(a2?.action.case === "copy" && [a2.action.value.src, a2.action.value.dest]).toEqual(["/data/f.txt", "/app/"]);
    expect(a3?.action.case === "mkfile" && a3.action.value.timestamp).toBe(1_000_000_000n);
  });

  test("on scratch the first input is -1", () => {
    const { file } = fileOf(scratch().file(mkfile("/x", 0o644, "x")));
    expect(file.actions[0]?.input).toBe(-1n);
  });
});

describe("merge", () => {
  test("drops scratch, keeps order, no platform, cap mergeop", () => {
    const a = image("alpine");
    const b = scratch().file(mkfile("/x", 0o644, "x"));
    expect(merge([scratch(), a])).toBe(a);
    const res = decodeDefinition(marshal(merge([a, scratch(), b], { customName: "merge" })).definition);
    const m = res.at(-2);
    expect(m?.op.platform).toBeUndefined();
    expect(m?.op.op.case === "merge" && m.op.op.value.inputs.map((i) => i.input)).toEqual([0n, 1n]);
    expect(m?.metadata?.caps).toEqual({ mergeop: true });
    expect(m?.metadata?.description).toEqual({ "llb.customname": "merge" });
  });
});

describe("marshal", () => {
  test("the same graph built in a different order gives the same bytes", () => {
    const build = (flip: boolean) => {
      const envs: [string, string][] = [["9", "a"], ["10", "b"], ["é", "c"], ["😀", "d"]]; // env is a list: order kept
      const ctx = local("context", { sessionId: "s", excludePatterns: ["x"], sharedKeyHint: "h", customName: "ctx" });
      const mounts = [cacheMount("/c", { id: "c" }), bindMount("/s", ctx, { readonly: true }), tmpfsMount("/t")];
      return image("python:3.12")
        .run({ args: ["true"], env: envs, mounts: flip ? [...mounts].reverse() : mounts, description: flip ? { z: "1", a: "2", "10": "3", "9": "4" } : { "9": "4", "10": "3", a: "2", z: "1" } })
        .root();
    };
    const a = marshal(build(false));
    const b = marshal(build(true));
    expect(a.ops.map((o) => o.digest)).toEqual(b.ops.map((o) => o.digest));
  });

  test("terminal op is last, every op has metadata, identical ops are stored once", () => {
    const st = merge([image("alpine").file(mkdir("/a", 0o755)), image("alpine").file(mkdir("/b", 0o755))]);
    const res = marshal(st);
    expect(res.ops).toHaveLength(5); // alpine once, two file ops, merge, terminal
    expect(res.ops.at(-1)?.op.inputs[0]?.digest).toBe(res.digest);
    expect(Object.keys(res.definition.metadata).sort()).toEqual(res.ops.map((o) => o.digest).sort());
    expect(res.definition.metadata[res.ops.at(-1)!.digest]?.caps).toEqual({ constraints: true, platform: true });
  });

  test("a chain of 20,000 ops (a file's worth of build steps, and more) marshals without using the call stack", () => {
    let st = image("alpine");
    for (let i = 0; i < 20_000; i++) st = i % 2 ? st.run({ args: ["true", String(i)] }).root() : st.file(mkdir(`/d${i}`, 0o755));
    const res = marshal(merge([st, image("alpine").file(mkdir("/x", 0o755))]));
    expect(res.ops).toHaveLength(1 + 20_000 + 1 + 1 + 1);
    // Post-order: every op after its inputs, the first input's branch first.
    const seen = new Set<string>();
    for (const o of res.ops) {
      for (const inp of o.op.inputs) expect(seen.has(inp.digest)).toBe(true);
      seen.add(o.digest);
    }
    expect(res.ops[0]?.op.op.case).toBe("source");
    expect(res.ops.at(-4)?.op.inputs).toHaveLength(1);
  });

  test("scratch marshals to an empty definition", () => {
    expect(marshal(scratch()).definition.def).toHaveLength(0);
  });

  test("source locations point at ranges of the registered file", () => {
    const source = { filename: "pydock.toml", data: new TextEncoder().encode("a = 1\n"), language: "TOML" };
    const ranges = [{ start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }];
    const st = image("alpine").run({ args: ["true"], sourceLocation: { source, ranges } }).root();
    const res = marshal(st);
    const execDigest = res.ops.at(-2)!.digest;
    const src = res.definition.Source;
    expect(src?.infos.map((i) => [i.filename, i.language])).toEqual([["pydock.toml", "TOML"]]);
    expect(src?.locations[execDigest]?.locations[0]).toMatchObject({ sourceIndex: 0, ranges: [{ start: { line: 1 }, end: { line: 1, character: 5 } }] });
  });
});

describe("marshal with a shared context", () => {
  test("gives the same definitions as separate marshals, encoding each shared op once", () => {
    const base = image("docker.io/library/python:3.11-slim-bookworm").run({ args: ["/bin/sh", "-c", "echo a > /a"] }).root();
    const top = base.run({ args: ["/bin/sh", "-c", "echo b > /b"] }).root();
    const platform = { os: "linux", architecture: "arm64" };
    const context = new MarshalContext({ platform });
    const shared = [marshal(base, { context }), marshal(top, { context })];
    const separate = [marshal(base, { platform }), marshal(top, { platform })];
    expect(shared.map((m) => encodeDefinition(m.definition))).toEqual(separate.map((m) => encodeDefinition(m.definition)));
    // The ops both graphs hold are the very same encodings, made once.
    const baseOps = new Map(shared[0]!.ops.map((o) => [o.digest, o.bytes]));
    const reused = shared[1]!.ops.filter((o) => baseOps.get(o.digest) === o.bytes);
    expect(reused.length).toBe(shared[0]!.ops.length - 1); // all but base's terminal op
  });
});
