/** image-config.ts: the `containerimage.config` JSON pydock returns. */
import { describe, expect, it } from "vitest";
import { imageConfig, mergeEnv, stageHistory, type BaseImageConfig } from "./image-config.js";
import type { ImagePlan, StagePlan } from "../plan/types.js";
import { STAND_IN_DIGEST, compileOk } from "../../test/support/compile.js";
import { exampleCase } from "../../test/support/examples.js";

const plan: ImagePlan = {
  user: "10001:10001",
  workdir: "/app",
  env: [
    ["PATH", "/app/venv/bin:${PATH}"],
    ["VIRTUAL_ENV", "/app/venv"],
    ["PYTHONUNBUFFERED", "1"],
  ],
  entrypoint: undefined,
  cmd: ["gunicorn", "blog.wsgi"],
  exposedPorts: ["8000/tcp", "9000/udp"],
  labels: [
    ["org.opencontainers.image.title", "blog"],
    ["com.example.z", "last"],
    ["a.first", "1"],
  ],
  stopSignal: "SIGTERM",
  healthcheck: { test: ["CMD", "/app/venv/bin/python", "-c", "probe"], intervalMs: 30_000, timeoutMs: 2_000, startPeriodMs: 1_500, retries: 3 },
};

const stage: StagePlan = {
  name: "runtime",
  base: "docker.io/library/python:3.11-slim-bookworm",
  steps: [
    { kind: "run", name: "set up user app", command: { kind: "shell", script: "true" }, env: [], cwd: "/", caches: [], secrets: [], ssh: false },
    { kind: "copy", name: "copy the venv /app/venv", from: "venv", src: "/app/venv", dest: "/app/venv", exclude: [], contents: true, independent: true },
    { kind: "copy", name: "copy . /app", from: "context", src: ".", dest: "/app", exclude: [], contents: true, independent: true },
    { kind: "file", name: "write .version", path: "/app/.version", data: "x\n", mode: 0o644, independent: true },
    { kind: "dirs", name: "directories owned by app (10001:10001): /app", paths: ["/app"], owner: "10001:10001", independent: true },
  ],
};

const base: BaseImageConfig = {
  config: {
    Env: ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONUNBUFFERED=0"],
    Cmd: ["python3"],
    Labels: { "base.label": "x" },
  },
  history: [
    { created: "2025-01-01T00:00:00Z", created_by: "/bin/sh -c #(nop) ADD file:abc in /" },
    { created: "2025-01-01T00:00:00Z", created_by: "CMD [\"python3\"]", empty_layer: true },
  ],
  os: "linux",
  architecture: "amd64",
};

const config = (over: Partial<Parameters<typeof imageConfig>[0]> = {}) =>
  imageConfig({ base, plan, platform: { os: "linux", architecture: "amd64" }, stage, created: undefined, labels: [], ...over }) as {
    created?: string;
    architecture: string;
    os: string;
    variant?: string;
    config: Record<string, unknown>;
    rootfs: unknown;
    history: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
  };

describe("mergeEnv", () => {
  it("replaces ${PATH} with the base value and keeps the base order, overriding in place", () => {
    expect(mergeEnv(["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "A=1"], [["PATH", "/venv/bin:${PATH}"], ["A", "2"], ["B", "3"]])).toEqual([
      "PATH=/venv/bin:/usr/bin:/bin",
      "LANG=C.UTF-8",
      "A=2",
      "B=3",
    ]);
  });

  it("uses the default PATH when the base has none, and an empty previous value for other keys", () => {
    expect(mergeEnv([], [["PATH", "/venv/bin:${PATH}"]])).toEqual(["PATH=/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]);
    expect(mergeEnv([], [["PYTHONPATH", "/app:${PATH}"]])).toEqual(["PYTHONPATH=/app"]);
  });

  it("applies settings in order (a later ${PATH} sees the earlier one) and keeps values with '='", () => {
    expect(mergeEnv(["PATH=/bin"], [["PATH", "/a:${PATH}"], ["PATH", "/b:${PATH}"], ["OPTS", "x=y=z"]])).toEqual(["PATH=/b:/a:/bin", "OPTS=x=y=z"]);
    expect(mergeEnv(["BROKEN", "=x", "K=v"], [])).toEqual(["K=v"]);
  });
});

describe("imageConfig", () => {
  it("sets user, workdir, env, cmd, ports, stop signal", () => {
    const c = config();
    expect(c.config).toMatchObject({
      User: "10001:10001",
      WorkingDir: "/app",
      Env: ["PATH=/app/venv/bin:/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "PYTHONUNBUFFERED=1", "VIRTUAL_ENV=/app/venv"],
      Cmd: ["gunicorn", "blog.wsgi"],
      ExposedPorts: { "8000/tcp": {}, "9000/udp": {} },
      StopSignal: "SIGTERM",
    });
    expect(c.config["Entrypoint"]).toBeUndefined();
    expect(c).toMatchObject({ os: "linux", architecture: "amd64", rootfs: { type: "layers", diff_ids: [] } });
    expect("variant" in c).toBe(false);
    expect(config({ platform: { os: "linux", architecture: "arm", variant: "v7" } }).variant).toBe("v7");
  });

  it("healthcheck durations are nanoseconds", () => {
    expect(config().config["Healthcheck"]).toEqual({
      Test: ["CMD", "/app/venv/bin/python", "-c", "probe"],
      Interval: 30_000_000_000,
      Timeout: 2_000_000_000,
      StartPeriod: 1_500_000_000,
      Retries: 3,
    });
    expect(config({ plan: { ...plan, healthcheck: undefined } }).config["Healthcheck"]).toBeUndefined();
  });

  it("labels: plan labels and extra labels, sorted by key, extra ones winning", () => {
    const c = config({ labels: [["org.opencontainers.image.base.name", "docker.io/library/python:3.11-slim-bookworm"], ["a.first", "override"]] });
    const labels = c.config["Labels"] as Record<string, string>;
    // The base image's own labels are kept, under pydock's.
    expect(Object.keys(labels)).toEqual(["a.first", "base.label", "com.example.z", "org.opencontainers.image.base.name", "org.opencontainers.image.title"]);
    expect(labels["a.first"]).toBe("override");
  });

  it("labels named like members of Object.prototype are labels (the keys are the user's)", () => {
    const c = config({ labels: [["__proto__", "a"], ["constructor", "b"], ["toString", "c"]] });
    const labels = c.config["Labels"] as Record<string, string>;
    expect(labels["__proto__"]).toBe("a");
    // As the exporter reads it: JSON with the three labels.
    const written = Object.entries(JSON.parse(JSON.stringify(c.config))["Labels"] as Record<string, string>);
    expect(written).toEqual(expect.arrayContaining([["__proto__", "a"], ["constructor", "b"], ["toString", "c"]]));
  });

  it("history: the base's entries, one per step in order, then the config entry", () => {
    const c = config();
    expect(c.history).toHaveLength(2 + stage.steps.length + 1);
    expect(c.history.slice(0, 2)).toEqual(base.history);
    expect(c.history.slice(2).map((h) => h.created_by)).toEqual([
      "RUN set up user app # pydock",
      "COPY copy the venv /app/venv # pydock",
      "COPY copy . /app # pydock",
      "ADD write .version # pydock",
      "RUN mkdir directories owned by app (10001:10001): /app # pydock",
      "pydock: image config (user 10001:10001, workdir /app)",
    ]);
    for (const h of c.history.slice(2)) expect(h.comment).toBe("pydock.v0");
    expect(c.history.at(-1)?.empty_layer).toBe(true);
    expect(c.history.slice(2, -1).some((h) => h.empty_layer)).toBe(false);
    // Without an epoch: no created anywhere pydock writes.
    expect("created" in c).toBe(false);
    expect(c.history.slice(2).some((h) => "created" in h)).toBe(false);
    expect(stageHistory(stage, undefined)).toHaveLength(stage.steps.length);
  });

  it("created from SOURCE_DATE_EPOCH on the config and every pydock history entry", () => {
    const c = config({ created: "2023-11-14T22:13:20Z" });
    expect(c.created).toBe("2023-11-14T22:13:20Z");
    for (const h of c.history.slice(2)) expect(h.created).toBe("2023-11-14T22:13:20Z");
    // The base image's own history keeps its times.
    expect(c.history[0]?.created).toBe("2025-01-01T00:00:00Z");
  });

  it("the base image's Cmd is replaced by pydock's; kept when pydock sets no command and no entrypoint", () => {
    expect(config().config["Cmd"]).toEqual(["gunicorn", "blog.wsgi"]);
    const venv = config({ plan: { ...plan, cmd: undefined } });
    expect(venv.config["Cmd"]).toEqual(["python3"]);
    const ep = config({ plan: { ...plan, cmd: undefined, entrypoint: ["tini", "--"] } });
    expect(ep.config["Entrypoint"]).toEqual(["tini", "--"]);
    expect(ep.config["Cmd"]).toBeUndefined();
    // A base entrypoint is dropped when pydock sets a command (it would prefix it).
    const withEp = config({ base: { ...base, config: { ...base.config, Entrypoint: ["docker-entrypoint.sh"] } } });
    expect(withEp.config["Entrypoint"]).toBeUndefined();
  });

  it("no ExposedPorts key when nothing is exposed; a base without config works", () => {
    const c = config({ plan: { ...plan, exposedPorts: [] }, base: {} });
    expect(c.config["ExposedPorts"]).toBeUndefined();
    expect(c.config["Env"]).toEqual([
      "PATH=/app/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "VIRTUAL_ENV=/app/venv",
      "PYTHONUNBUFFERED=1",
    ]);
    expect(c.history).toHaveLength(stage.steps.length + 1);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(config({ created: "2023-11-14T22:13:20Z" }))).toBe(JSON.stringify(config({ created: "2023-11-14T22:13:20Z" })));
  });

  it("as compile() makes it: the runtime base's name and digest as labels, created from SOURCE_DATE_EPOCH", async () => {
    const { imageConfig: c } = await compileOk({ ...exampleCase("poetry-django"), buildArgs: { SOURCE_DATE_EPOCH: "1700000000" } });
    const labels = (c["config"] as { Labels: Record<string, string> }).Labels;
    expect(labels).toMatchObject({
      "org.opencontainers.image.base.name": "docker.io/library/python:3.11-slim-bookworm",
      "org.opencontainers.image.base.digest": STAND_IN_DIGEST,
      "org.opencontainers.image.created": "2023-11-14T22:13:20Z",
    });
    expect(c["created"]).toBe("2023-11-14T22:13:20Z");
    // Without a digest (the classic store's local images) there is no digest label.
    const local = await compileOk({ ...exampleCase("poetry-django"), digest: false });
    expect(Object.keys((local.imageConfig["config"] as { Labels: Record<string, string> }).Labels)).not.toContain("org.opencontainers.image.base.digest");
  });
});
