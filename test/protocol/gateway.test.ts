/**
 * The bundled gateway runtime against the in-process fake BuildKit: one Return per run, exit codes, typed error
 * details, and no hang when BuildKit goes away.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleFrontend } from "../../scripts/bundle.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, createServer } from "node:net";
import { GatewayClient } from "../../src/gateway/client.js";
import { BuildkitRpcError, DetailType, jsonAny, status, toRpcStatus } from "../../src/gateway/errors.js";
import { FakeBridge, localDefinition, type FakeBridgeOptions } from "./fake-bridge.js";
import { runFrontendProcess } from "./frontend-process.js";
import { expectSourceDetail } from "./frontend-helpers.js";

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pydock-gw-"));
  bundle = join(dir, "echo-frontend.cjs");
  await bundleFrontend({ entry: fileURLToPath(new URL("./fixtures/echo-frontend.ts", import.meta.url)), outfile: bundle, logLevel: "silent" });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const files = (text: string) => ({ dockerfile: { "pydock.toml": text } });

describe("gateway runtime (bundled, over stdio)", () => {
  it("returns the result with metadata and exits 0", async () => {
    const r = await runFrontendProcess(bundle, { files: files("name = 'demo'\n# resolve warn\n") });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.recorded.returns).toHaveLength(1);
    const result = r.returned?.result;
    expect(result?.result).toMatchObject({ case: "ref", value: { id: "" } });
    expect(decode(result?.metadata["pydock.echo"])).toBe("name = 'demo'\n# resolve warn\n");
    expect(decode(result?.metadata["pydock.platform"])).toBe("linux/amd64");
    expect(decode(result?.metadata["pydock.stat"])).toBe("true");
    expect(JSON.parse(decode(result?.metadata["containerimage.config"]))).toMatchObject({ os: "linux" });
    expect(decode(result?.metadata["pydock.digest"])).toMatch(/^sha256:/);
    // The Solve'd definition loaded local://dockerfile with the session id.
    expect(r.solves[0]?.allowResultReturn).toBe(true);
    // ResolveSourceMeta is used when the daemon has source.metaresolver.
    expect(r.recorded.calls).toContain("ResolveSourceMeta");
    expect(r.recorded.calls).not.toContain("ResolveImageConfig");
    expect(r.warnings).toHaveLength(1);
    expect(decode(r.warnings[0]?.short)).toBe("a warning");
    expect(r.warnings[0]?.ranges[0]?.start?.line).toBe(1);
    expect(r.recorded.calls[0]).toBe("Ping");
    expect(r.recorded.calls.at(-1)).toBe("Return");
  });

  it("falls back to ResolveImageConfig and deprecated refs on an old daemon", async () => {
    const r = await runFrontendProcess(bundle, {
      files: files("resolve\n"),
      omitCaps: ["source.metaresolver", "proto.refarray", "gateway.warnings"],
      opts: { platform: "linux/arm64", "image-resolve-mode": "pull" },
    });
    expect(r.exitCode).toBe(0);
    expect(r.recorded.calls).toContain("ResolveImageConfig");
    expect(r.recorded.resolves[0]).toMatchObject({ ResolveMode: "pull", Platform: { OS: "linux", Architecture: "arm64" } });
    expect(r.returned?.result?.result).toMatchObject({ case: "refDeprecated", value: "" });
    expect(decode(r.returned?.result?.metadata["pydock.platform"])).toBe("linux/arm64");
  });

  it("reports a UserError with an errdefs.Source detail pointing at the line", async () => {
    const text = "fail\nname = 'x'\nfail = true\n";
    const r = await runFrontendProcess(bundle, { files: files(text) });
    expect(r.exitCode).toBe(0);
    expect(r.recorded.returns).toHaveLength(1);
    const err = r.returned?.error;
    expect(err?.code).toBe(2);
    expect(err?.message).toBe("pydock.toml:3:1: fail is not allowed");
    expect(expectSourceDetail(err, text)).toEqual([{ start: { line: 3 }, end: { line: 3, character: 4 } }]);
  });

  it("reports any other error as UNKNOWN with its message only", async () => {
    const r = await runFrontendProcess(bundle, { files: files("crash\n") });
    expect(r.exitCode).toBe(0);
    expect(r.returned?.error).toMatchObject({ code: 2, message: "something broke", details: [] });
  });

  it("forwards a BuildKit RPC error unchanged", async () => {
    const r = await runFrontendProcess(bundle, { files: files("x"), opts: { filename: "nope.toml" } });
    expect(r.exitCode).toBe(0);
    expect(r.returned?.error).toMatchObject({ code: 2, message: "open /nope.toml: no such file or directory" });
  });

  it("fails clearly through Return when a required cap is missing", async () => {
    const r = await runFrontendProcess(bundle, { files: files("x"), omitCaps: ["file.base"] });
    expect(r.exitCode).toBe(0);
    expect(r.solves).toHaveLength(0);
    expect(r.returned?.error?.code).toBe(12);
    expect(r.returned?.error?.message).toContain("llb:file.base");
    expect(r.returned?.error?.message).toMatch(/update BuildKit/);
  });

  it("exits non-zero quickly when BuildKit closes the pipe mid-build", async () => {
    // Ping and Solve are answered; the pipes close when ReadFile arrives.
    const r = await runFrontendProcess(bundle, { files: files("x"), closeAfter: 2, timeoutMs: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(1);
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.recorded.returns).toHaveLength(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^pydock: /);
  });

  it("works over real pipes (FIFOs), as BuildKit's os.Pipe provides", async () => {
    const r = await runFrontendProcess(bundle, { files: files("name = 'demo'\n"), stdio: "fifo" });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(decode(r.returned?.result?.metadata["pydock.echo"])).toBe("name = 'demo'\n");
  });

  it("exits non-zero quickly when BuildKit closes real pipes mid-build", async () => {
    const r = await runFrontendProcess(bundle, { files: files("x"), closeAfter: 2, stdio: "fifo", timeoutMs: 10_000 });
    expect(r.exitCode).toBe(1);
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.recorded.returns).toHaveLength(0);
  });

  it("exits non-zero quickly when BuildKit closes the pipe before Ping is answered", async () => {
    const r = await runFrontendProcess(bundle, { files: files("x"), closeAfter: 0, timeoutMs: 10_000 });
    expect(r.exitCode).toBe(1);
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.stderr).toMatch(/Ping failed/);
  });
});

/** A GatewayClient in this process, talking to a FakeBridge over an abstract UNIX socket. */
async function inProcess(options: FakeBridgeOptions = {}) {
  const bridge = new FakeBridge(options);
  const path = `\0pydock-test-${process.pid}-${Math.random().toString(16).slice(2)}`;
  const server = createServer((sock) => bridge.attach(sock, sock));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const client = new GatewayClient(connect(path));
  return {
    client,
    bridge,
    close() {
      client.close();
      server.close();
      bridge.shutdown();
    },
  };
}

describe("GatewayClient (in process)", () => {
  it("reports only enabled, listed caps", async () => {
    const t = await inProcess({ omitCaps: ["gateway.warnings", "mergeop"] });
    try {
      const caps = await t.client.ping();
      expect(caps.frontend.has("return")).toBe(true);
      expect(caps.frontend.has("gateway.warnings")).toBe(false);
      expect(caps.llb.has("file.base")).toBe(true);
      expect(caps.llb.has("mergeop")).toBe(false);
      // Without the cap, warn is skipped rather than failing with UNIMPLEMENTED.
      expect(await t.client.warn("sha256:x", 1, "w")).toBe(false);
    } finally {
      t.close();
    }
  });

  it("reads, stats and lists files of a solved local", async () => {
    const t = await inProcess({ files: { context: { "app/main.py": "print(1)\n", "app/util.py": "", "uv.lock": "x" } } });
    try {
      await t.client.ping();
      const ref = await t.client.solve({ def: localDefinition("context").def });
      expect(ref).toMatch(/^ref-/);
      expect(new TextDecoder().decode(await t.client.readFile(ref, "app/main.py"))).toBe("print(1)\n");
      expect((await t.client.statFile(ref, "uv.lock"))?.size).toBe(1n);
      expect(await t.client.statFile(ref, "nope")).toBeUndefined();
      expect((await t.client.readDir(ref, "app")).map((s) => s.path)).toEqual(["main.py", "util.py"]);
      expect(await t.client.solve({ def: [] })).toBe("");
      expect(await t.client.inputs()).toEqual({});
    } finally {
      t.close();
    }
  });

  it("falls back to StatFile to evaluate when gateway.solve.evaluate is missing", async () => {
    const t = await inProcess({ omitCaps: ["gateway.solve.evaluate"], files: { context: { a: "" } } });
    try {
      await t.client.ping();
      await t.client.solve({ def: localDefinition("context").def }, { evaluate: true, cacheImports: [{ type: "registry", attrs: { ref: "r" } }] });
      expect(t.bridge.recorded.calls).toEqual(["Ping", "Solve", "StatFile"]);
      expect(t.bridge.recorded.solves[0]?.Evaluate).toBe(false);
      expect(t.bridge.recorded.solves[0]?.CacheImports[0]).toMatchObject({ Type: "registry", Attrs: { ref: "r" } });
    } finally {
      t.close();
    }
  });

  it("keeps BuildKit's Status, typed details included, so it can be forwarded unchanged", async () => {
    const detail = jsonAny(DetailType.source, { info: { filename: "Dockerfile" }, ranges: [] });
    const failure = status(13, "process did not complete successfully", [detail]);
    const t = await inProcess({ failures: { Solve: failure } });
    try {
      await t.client.ping();
      const err = await t.client.solve({ def: [] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BuildkitRpcError);
      const st = toRpcStatus(err);
      expect(st.code).toBe(13);
      expect(st.message).toBe("process did not complete successfully");
      expect(st.details).toHaveLength(1);
      expect(st.details[0]?.typeUrl).toBe(DetailType.source);
      expect(decode(st.details[0]?.value)).toBe(decode(detail.value));
    } finally {
      t.close();
    }
  });

  it("resolves images through ResolveSourceMeta or ResolveImageConfig", async () => {
    const t = await inProcess({ image: { digest: "sha256:1234", config: { os: "linux", architecture: "arm64" } } });
    try {
      await t.client.ping();
      const img = await t.client.resolveImageConfig("docker.io/library/python:3.12", {
        platform: { os: "linux", architecture: "arm", variant: "v7" },
        logName: "load",
      });
      expect(img).toEqual({ ref: "docker.io/library/python:3.12", digest: "sha256:1234", config: { os: "linux", architecture: "arm64" } });
      expect(t.bridge.recorded.resolves[0]).toMatchObject({
        Source: { identifier: "docker-image://docker.io/library/python:3.12" },
        Platform: { OS: "linux", Architecture: "arm", Variant: "v7" },
        LogName: "load",
      });
    } finally {
      t.close();
    }
  });
});
