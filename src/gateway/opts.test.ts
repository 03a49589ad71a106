import { describe, expect, it } from "vitest";
import { FrontendOptionError, parseFrontendOptions, parsePlatform, readRawOptions } from "./opts.js";

const env = (opts: Record<string, string>, extra: Record<string, string> = {}) => {
  const e: Record<string, string> = { ...extra };
  Object.entries(opts).forEach(([k, v], i) => (e[`BUILDKIT_FRONTEND_OPT_${i}`] = `${k}=${v}`));
  return e;
};

describe("readRawOptions", () => {
  it("splits once on '=', keeps '=' in values, orders by index, ignores other vars", () => {
    const raw = readRawOptions({
      BUILDKIT_FRONTEND_OPT_1: "build-arg:A=x=y",
      BUILDKIT_FRONTEND_OPT_0: "no-cache",
      BUILDKIT_FRONTEND_OPT_10: "target=late",
      BUILDKIT_FRONTEND_OPT_2: "target=early",
      OTHER: "target=nope",
    });
    expect([...raw]).toEqual([
      ["no-cache", ""],
      ["build-arg:A", "x=y"],
      ["target", "late"],
    ]);
  });
});

describe("parseFrontendOptions", () => {
  it("applies defaults", () => {
    const o = parseFrontendOptions({}, "arm64");
    expect(o).toMatchObject({
      filename: "pydock.toml",
      target: undefined,
      platforms: [{ os: "linux", architecture: "arm64" }],
      multiPlatform: false,
      noCache: false,
      imageResolveMode: "default",
      cacheImports: [],
      requestId: undefined,
      dockerfileKey: "dockerfile",
      sbom: undefined,
      sessionId: "",
      workers: [],
    });
    expect(o.buildArgs.size).toBe(0);
  });

  it("takes the default platform from the first worker", () => {
    const workers = JSON.stringify([
      { id: "w0", labels: {}, platforms: [{ architecture: "arm", os: "linux", variant: "v7" }, { architecture: "amd64", os: "linux" }] },
    ]);
    const o = parseFrontendOptions({ BUILDKIT_WORKERS: workers, BUILDKIT_SESSION_ID: "sid" }, "x64");
    expect(o.platforms).toEqual([{ os: "linux", architecture: "arm", variant: "v7" }]);
    expect(o.workers[0]?.id).toBe("w0");
    expect(o.sessionId).toBe("sid");
    expect(parseFrontendOptions({ BUILDKIT_WORKERS: "not json" }, "x64").platforms).toEqual([{ os: "linux", architecture: "amd64" }]);
  });

  it("parses every supported key", () => {
    const o = parseFrontendOptions(
      env({
        filename: "sub/pydock.toml",
        target: "prod",
        "build-arg:PY": "3.12",
        "build-arg:EMPTY": "",
        "label:org.opencontainers.image.title": "demo",
        platform: "linux/amd64, linux/arm64/v8,linux/amd64",
        "no-cache": "a,b",
        "image-resolve-mode": "pull",
        "cache-imports": JSON.stringify([{ Type: "registry", Attrs: { ref: "r1" } }, { type: "gha", attrs: {} }]),
        "cache-from": "r2,r3",
        "vcs:revision": "abc",
        "vcs:source": "https://example.com/x.git",
        requestid: "frontend.outline",
        contextkey: "ctx",
        dockerfilekey: "df",
        "attest:sbom": "generator=my/scanner,extra=1",
      }),
    );
    expect(o.filename).toBe("sub/pydock.toml");
    expect(o.target).toBe("prod");
    expect([...o.buildArgs]).toEqual([["PY", "3.12"], ["EMPTY", ""]]);
    expect([...o.labels]).toEqual([["org.opencontainers.image.title", "demo"]]);
    expect(o.platforms).toEqual([{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64" }]);
    expect(o.multiPlatform).toBe(true);
    expect(o.noCache).toEqual(["a", "b"]);
    expect(o.imageResolveMode).toBe("pull");
    expect(o.cacheImports).toEqual([
      { type: "registry", attrs: { ref: "r1" } },
      { type: "gha", attrs: {} },
      { type: "registry", attrs: { ref: "r2" } },
      { type: "registry", attrs: { ref: "r3" } },
    ]);
    expect(o.vcsRevision).toBe("abc");
    expect(o.vcsSource).toBe("https://example.com/x.git");
    expect(o.requestId).toBe("frontend.outline");
    expect(o.dockerfileKey).toBe("df");
    expect(o.sbom && Object.fromEntries(o.sbom)).toEqual({ generator: "my/scanner", extra: "1" });
  });

  it("treats an empty no-cache as 'everything' and honours multi-platform", () => {
    expect(parseFrontendOptions(env({ "no-cache": "" })).noCache).toBe(true);
    expect(parseFrontendOptions(env({ "multi-platform": "true", platform: "linux/amd64" })).multiPlatform).toBe(true);
    expect(parseFrontendOptions(env({ "build-arg:BUILDKIT_MULTI_PLATFORM": "1" })).multiPlatform).toBe(true);
    expect(() => parseFrontendOptions(env({ "multi-platform": "false", platform: "linux/amd64,linux/arm64" }))).toThrow(
      FrontendOptionError,
    );
  });

  it("enables a default SBOM for an empty attest:sbom and honours disabled=true", () => {
    expect(parseFrontendOptions(env({ "attest:sbom": "" })).sbom?.get("generator")).toBe("docker/buildkit-syft-scanner:stable-1");
    expect(parseFrontendOptions(env({ "attest:sbom": "disabled=true" })).sbom).toBeUndefined();
  });

  it("rejects malformed values with FrontendOptionError", () => {
    expect(() => parseFrontendOptions(env({ "cache-imports": "{" }))).toThrow(FrontendOptionError);
    expect(() => parseFrontendOptions(env({ "cache-imports": "{}" }))).toThrow(/JSON array/);
    expect(() => parseFrontendOptions(env({ "image-resolve-mode": "always" }))).toThrow(/image-resolve-mode/);
    expect(() => parseFrontendOptions(env({ platform: "linux/amd64/v2/x" }))).toThrow(/invalid platform/);
  });
});

describe("parsePlatform", () => {
  it.each([
    ["linux/amd64", { os: "linux", architecture: "amd64" }],
    ["linux/x86_64", { os: "linux", architecture: "amd64" }],
    ["linux/aarch64", { os: "linux", architecture: "arm64" }],
    ["linux/arm64/v8", { os: "linux", architecture: "arm64" }],
    ["linux/arm", { os: "linux", architecture: "arm", variant: "v7" }],
    ["linux/arm/6", { os: "linux", architecture: "arm", variant: "v6" }],
    ["linux/armhf", { os: "linux", architecture: "arm", variant: "v7" }],
    ["linux/i386", { os: "linux", architecture: "386" }],
    ["Linux/AMD64", { os: "linux", architecture: "amd64" }],
    ["arm64", { os: "linux", architecture: "arm64" }],
    ["linux/riscv64", { os: "linux", architecture: "riscv64" }],
  ])("%s", (spec, want) => {
    expect(parsePlatform(spec, "x64")).toEqual(want);
  });

  it("fills the host architecture for a bare OS", () => {
    expect(parsePlatform("linux", "arm64")).toEqual({ os: "linux", architecture: "arm64" });
  });
});
