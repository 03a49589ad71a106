/**
 * The real bundled frontend (dist/frontend.cjs) against the in-process fake BuildKit: a whole build of
 * examples/poetry-django, user errors with source snippets, BuildKit going away, an old daemon, subrequests.
 */
import { describe, expect, it } from "vitest";
import type { SolveRequest } from "../../src/gen/github.com/moby/buildkit/frontend/gateway/pb/gateway_pb.js";
import type { Definition, SourceOp } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { decodeDefinition } from "../../src/llb/marshal.js";
import { BUNDLE, FAKE_DIGEST, ROOT, expectSourceDetail, isSmokeTest, mainSolve, sourcesOf, useFreshBundle } from "./frontend-helpers.js";
import { exampleRecord } from "../support/examples.js";
import type { LocalFiles } from "./fake-bridge.js";
import { runFrontendProcess, type FrontendProcessResult, type RunFrontendProcessOptions } from "./frontend-process.js";
import { globToRegExp } from "../../src/core/glob.js";

useFreshBundle();

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const django = exampleRecord("poetry-django");
const djangoToml = django["pydock.toml"] ?? "";

/** The two locals BuildKit gives a frontend: the build file and the context. */
function locals(toml: string, context: Record<string, string> = django): LocalFiles {
  return { dockerfile: { "pydock.toml": toml }, context };
}

function run(options: RunFrontendProcessOptions): Promise<FrontendProcessResult> {
  return runFrontendProcess(BUNDLE, { timeoutMs: 20_000, ...options });
}

const noStackTrace = (stderr: string) => expect(stderr.split("\n").filter((l) => /^\s+at /.test(l))).toEqual([]);

describe("the fake's include-only transfers", () => {
  it("globs select as .dockerignore patterns do", () => {
    expect(globToRegExp("*.py").test("manage.py")).toBe(true);
    expect(globToRegExp("*.py").test("blog/settings.py")).toBe(false);
    expect(globToRegExp("*/wsgi.py").test("blog/wsgi.py")).toBe(true);
    expect(globToRegExp("src/*/*.py").test("src/app/main.py")).toBe(true);
    expect(globToRegExp("requirements*.txt").test("requirements-dev.txt")).toBe(true);
    expect(globToRegExp(".git/refs/heads/**/*").test(".git/refs/heads/feature/x")).toBe(true);
    expect(globToRegExp("**/node_modules").test("a/b/node_modules")).toBe(true);
  });
});

describe("pydock frontend (bundled) against a fake BuildKit", () => {
  it("passes the build's cache imports (--cache-from) to every solve of the image, the smoke test's included", async () => {
    const r = await run({ files: locals(djangoToml), opts: { "cache-imports": JSON.stringify([{ Type: "registry", Attrs: { ref: "registry.example.com/blog:cache" } }]) } });
    expect(r.exitCode).toBe(0);
    const images = r.solves.filter((s) => sourcesOf(s).some((o) => o.identifier.startsWith("docker-image://")));
    // The image's solve and the smoke test's, asked together. The test runs on the image before the build
    // command (collectstatic), so the image's solve is evaluated too: the command runs beside the test.
    expect(images.map((s) => s.Evaluate)).toEqual([true, true]);
    for (const s of images) expect(s.CacheImports.map((c) => ({ type: c.Type, ref: c.Attrs["ref"] }))).toEqual([{ type: "registry", ref: "registry.example.com/blog:cache" }]);
  });

  it("--build-arg PYDOCK_TIMINGS=1: one stderr line with every gateway call's start and end, then the Return's start", async () => {
    const r = await run({ files: locals(djangoToml), opts: { "build-arg:PYDOCK_TIMINGS": "1" } });
    expect(r.exitCode).toBe(0);
    const line = r.stderr.trim();
    expect(line).toMatch(/^pydock: gateway calls \(ms after the process started\): /);
    const calls = line.slice(line.indexOf("): ") + 3).split(", ");
    expect(calls[0]).toMatch(/^Ping \d+–\d+$/);
    expect(calls.at(-1)).toMatch(/^Return \d+$/);
    expect(calls.filter((c) => c.startsWith("Solve ")).length).toBe(r.solves.length);
  });

  it("runs the smoke test beside the build commands, and on the finished image only to confirm a problem", async () => {
    const execArgs = (s: SolveRequest) => decodeDefinition(s.Definition as Definition).flatMap((d) => (d.op.op.case === "exec" ? [d.op.op.value.meta?.args.join(" ") ?? ""] : []));
    const smokeSolves = (r: FrontendProcessResult) => r.solves.filter(isSmokeTest);
    const passed = await run({ files: locals(djangoToml) });
    expect(passed.exitCode).toBe(0);
    // One check, on the image before collectstatic, so BuildKit runs the two side by side.
    expect(smokeSolves(passed)).toHaveLength(1);
    const [early] = smokeSolves(passed);
    expect(execArgs(early!).some((a) => a.includes("collectstatic"))).toBe(false);
    expect(execArgs(mainSolve(passed)!).some((a) => a.includes("collectstatic"))).toBe(true);

    const failure = '{"failures":[{"what":"import blog.wsgi (gunicorn blog.wsgi)","error":"ModuleNotFoundError: No module named \'blog\'"}],"warnings":[]}';
    const failed = await run({ files: locals(djangoToml), smokeResult: failure });
    // A problem before the build commands is checked again on the finished image, which decides.
    expect(smokeSolves(failed).map((s) => execArgs(s).some((a) => a.includes("collectstatic")))).toEqual([false, true]);
    expect(failed.returned?.error?.message).toMatch(/the runtime image cannot start the command: import blog\.wsgi/);
  });

  it("names the runtime-libraries packages in the label from the smoke test's result; reads the image only without it", async () => {
    const label = (r: FrontendProcessResult) => JSON.parse(decode(r.returned?.result?.metadata["containerimage.config"])).config.Labels["io.pydock.runtime.auto-system-packages"];
    const reported = await run({ files: locals(djangoToml), smokeResult: '{"failures":[],"warnings":[],"report":"libpq5\\n"}' });
    expect(label(reported)).toBe("libpq5");
    expect(reported.recorded.calls).not.toContain("StatFile");
    // An older result, or a file the check could not read: the frontend looks in the image (the fake has none).
    const unreported = await run({ files: locals(djangoToml) });
    expect(label(unreported)).toBe("");
    expect(unreported.recorded.calls).toContain("StatFile");
  });

  it("builds examples/poetry-django: a ref and an image config with user, command and healthcheck", async () => {
    const rev = "0123456789abcdef0123456789abcdef01234567";
    const r = await run({
      files: locals(djangoToml),
      opts: { "vcs:revision": rev, "vcs:source": "https://github.com/acme/blog", "build-arg:SOURCE_DATE_EPOCH": "1700000000" },
    });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.recorded.returns).toHaveLength(1);
    const result = r.returned?.result;
    expect(r.returned?.error).toBeUndefined();
    expect(result?.result.case).toBe("ref");
    const ref = result?.result.case === "ref" ? result.result.value.id : "";
    expect(ref).toMatch(/^ref-\d+$/);
    // The ref is the one the build's Solve returned.
    expect(ref).toBe(`ref-${r.solves.indexOf(mainSolve(r)!) + 1}`);

    const image = JSON.parse(decode(result?.metadata["containerimage.config"]));
    expect(image.config.User).toBe("10001:10001");
    expect(image.config.WorkingDir).toBe("/app");
    expect(image.config.Cmd).toEqual(["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"]);
    expect(image.config.Healthcheck).toMatchObject({ Test: ["CMD", "/app/venv/bin/python", "-c", expect.stringContaining("http://localhost:8000/health/")], Timeout: 2e9 });
    expect(image.config.ExposedPorts).toEqual({ "8000/tcp": {} });
    expect(image.config.Env).toContain("TZ=Europe/Paris");
    expect(image.config.Env[0]).toBe("PATH=/app/venv/bin:/usr/local/bin:/usr/bin:/bin");
    expect(image.config.Labels).toMatchObject({
      "org.opencontainers.image.title": "blog",
      "org.opencontainers.image.revision": rev,
      "org.opencontainers.image.source": "https://github.com/acme/blog",
      "org.opencontainers.image.created": "2023-11-14T22:13:20Z",
      "org.opencontainers.image.base.name": "docker.io/library/python:3.11-slim-bookworm",
      "org.opencontainers.image.base.digest": FAKE_DIGEST,
    });
    expect(image.created).toBe("2023-11-14T22:13:20Z");
    expect(image.os).toBe("linux");
    expect(image.architecture).toBe("amd64");
    expect(decode(result?.metadata["source.date.epoch"])).toBe("1700000000");
    expect(JSON.parse(decode(result?.metadata["refs.platforms"]))).toEqual({ Platforms: [{ ID: "linux/amd64", Platform: { os: "linux", architecture: "amd64" } }] });

    // The solved definition pulls both bases pinned to the fake's digest.
    const images = sourcesOf(mainSolve(r)).filter((s) => s.identifier.startsWith("docker-image://"));
    expect(images.map((s) => s.identifier).sort()).toEqual([
      `docker-image://docker.io/library/python:3.11-bookworm@${FAKE_DIGEST}`,
      `docker-image://docker.io/library/python:3.11-slim-bookworm@${FAKE_DIGEST}`,
    ]);
    // Both bases were resolved for linux/amd64.
    expect(r.recorded.resolves).toHaveLength(2);

    // pydock.toml came from the dockerfile local; the project files from an include-only transfer of the context.
    // Both transfers are asked for at once, so their order is not fixed.
    const localSolves = r.solves.map((s) => sourcesOf(s).find((o) => o.identifier.startsWith("local://")));
    const buildFile = localSolves.find((o) => o?.identifier === "local://dockerfile");
    expect(JSON.parse(buildFile?.attrs["local.followpaths"] ?? "[]")).toEqual(["pydock.toml"]);
    const projectTransfer = r.solves.map(sourcesOf).flat().find((o) => o.attrs["local.includepattern"] !== undefined);
    expect(projectTransfer?.identifier).toBe("local://context");
    expect(JSON.parse(projectTransfer?.attrs["local.includepattern"] ?? "[]")).toContain("pyproject.toml");
    // Only the selected files were read: manifests, the modules detection looks at, .dockerignore.
    const contextReads = r.recorded.reads.filter((x) => x.startsWith("context:")).map((x) => x.slice(8)).sort();
    expect(contextReads).toEqual([".dockerignore", "blog/__init__.py", "blog/settings.py", "blog/wsgi.py", "manage.py", "pages/__init__.py", "poetry.lock", "pyproject.toml"]);
    expect(r.recorded.reads).toContain("dockerfile:pydock.toml");
    // The main build's context honours .dockerignore.
    const mainContext = sourcesOf(mainSolve(r)).find((o) => o.identifier === "local://context");
    expect(mainContext?.attrs["local.session"]).toBe("fake-session");
    expect(JSON.parse(mainContext?.attrs["local.excludepatterns"] ?? "[]").length).toBeGreaterThan(0);
    expect(r.recorded.calls[0]).toBe("Ping");
    expect(r.recorded.calls.at(-1)).toBe("Return");
  });

  it("without a revision: warns that the version file is skipped, and still builds", async () => {
    const r = await run({ files: locals(djangoToml) });
    expect(r.exitCode).toBe(0);
    expect(r.returned?.error).toBeUndefined();
    expect(r.warnings.map((w) => decode(w.short))).toContainEqual(expect.stringContaining("no commit id"));
    const image = JSON.parse(decode(r.returned?.result?.metadata["containerimage.config"]));
    expect(image.config.Labels["org.opencontainers.image.revision"]).toBeUndefined();
  });

  it("reads the commit from .git files in the context when the client sends no vcs:revision", async () => {
    const sha = "89abcdef0123456789abcdef0123456789abcdef";
    const r = await run({ files: locals(djangoToml, { ...django, ".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": `${sha}\n`, ".git/config": "[core]\n" }) });
    expect(r.exitCode).toBe(0);
    const image = JSON.parse(decode(r.returned?.result?.metadata["containerimage.config"]));
    expect(image.config.Labels["org.opencontainers.image.revision"]).toBe(sha);
    expect(r.recorded.reads).not.toContain("context:.git/config");
  });

  it("--target test builds the test target; --target venv the builder stage", async () => {
    const test = await run({ files: locals(djangoToml), opts: { target: "test" } });
    expect(test.returned?.error).toBeUndefined();
    expect(JSON.parse(decode(test.returned?.result?.metadata["containerimage.config"])).config.Cmd).toEqual(["pytest", "-q"]);
    const venv = await run({ files: locals(djangoToml), opts: { target: "venv" } });
    expect(venv.returned?.error).toBeUndefined();
    const cfg = JSON.parse(decode(venv.returned?.result?.metadata["containerimage.config"]));
    expect(cfg.config.User).toBe("0:0");
    expect(sourcesOf(mainSolve(venv)).map((s) => s.identifier)).not.toContain(`docker-image://docker.io/library/python:3.11-slim-bookworm@${FAKE_DIGEST}`);
  });

  it("builds with detection only (examples/zero-config)", async () => {
    const files = exampleRecord("zero-config");
    const r = await run({ files: locals(files["pydock.toml"] ?? "", files) });
    expect(r.returned?.error).toBeUndefined();
    const cfg = JSON.parse(decode(r.returned?.result?.metadata["containerimage.config"]));
    expect(cfg.config.Cmd).toEqual(["/bin/sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"]);
  });

  // FastAPI's own tutorial layout is app/main.py; PROJECT_FILE_PATTERNS (src/plan/project.ts) reads only
  // top-level *.py, */wsgi.py and src/*/*.py, so the app module is never read and detection fails.
  it("detects FastAPI in app/main.py (a common layout) through the include-only transfer", async () => {
    const zero = exampleRecord("zero-config");
    const context = { ...zero, "app/__init__.py": "", "app/main.py": zero["main.py"] ?? "" };
    delete (context as Record<string, string>)["main.py"];
    const r = await run({ files: locals("# syntax=pydock\n", context) });
    expect(r.returned?.error).toBeUndefined();
    const cfg = JSON.parse(decode(r.returned?.result?.metadata["containerimage.config"]));
    expect(cfg.config.Cmd).toEqual(["/bin/sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}"]);
  });

  it("a misspelled key: an error with an errdefs.Source detail at the line, and a did-you-mean", async () => {
    const text = djangoToml.replace("timezone = ", "timezon = ");
    const line = text.split("\n").findIndex((l) => l.startsWith("timezon = ")) + 1;
    const r = await run({ files: locals(text) });
    expect(r.exitCode).toBe(0);
    expect(r.recorded.returns).toHaveLength(1);
    const err = r.returned?.error;
    // UNKNOWN, not INVALID_ARGUMENT: buildx would print the code's name before the message.
    expect(err?.code).toBe(2);
    expect(err?.message).toMatch(new RegExp(`^pydock\\.toml:${line}:1: `));
    expect(err?.message).toContain('did you mean "timezone"');
    expect(expectSourceDetail(err, text)[0]?.start.line).toBe(line);
    // Nothing was built.
    expect(mainSolve(r)).toBeUndefined();
    noStackTrace(r.stderr);
    expect(r.stderr).toMatch(/^pydock: build failed: pydock\.toml:/);
  });

  it("a planning error (unknown target) also points into pydock.toml", async () => {
    const r = await run({ files: locals(djangoToml), opts: { target: "prod" } });
    const err = r.returned?.error;
    expect(err?.code).toBe(2);
    expect(err?.message).toContain('unknown target "prod"; this file has: runtime, venv, test');
    const detail = JSON.parse(decode(err?.details[0]?.value));
    expect(detail.ranges[0].start.line).toBe(djangoToml.split("\n").findIndex((l) => l.startsWith("[targets.test]")) + 1);
    noStackTrace(r.stderr);
  });

  it("a missing pydock.toml is reported, not crashed on", async () => {
    const r = await run({ files: { dockerfile: {}, context: django } });
    expect(r.exitCode).toBe(0);
    expect(r.returned?.error?.message).toContain("pydock.toml");
    noStackTrace(r.stderr);
  });

  it("exits non-zero within seconds when BuildKit closes the pipe mid-build", async () => {
    // Ping and the first calls of the two transfers (Solve, Solve, then ReadFile / ReadDir) are answered; the
    // pipes close on the fifth call.
    const r = await run({ files: locals(djangoToml), closeAfter: 4, timeoutMs: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(1);
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.recorded.returns).toHaveLength(0);
    expect(["ReadDir", "ReadFile"]).toContain(r.recorded.calls[4]);
    expect(r.stderr).toMatch(/^pydock: /);
    noStackTrace(r.stderr);
  });

  it("exits non-zero within seconds when BuildKit closes the pipe during the main solve", async () => {
    const probe = await run({ files: locals(djangoToml), opts: { "vcs:revision": "a".repeat(40) } });
    const solveIndex = probe.recorded.calls.lastIndexOf("Solve");
    const r = await run({ files: locals(djangoToml), opts: { "vcs:revision": "a".repeat(40) }, closeAfter: solveIndex, timeoutMs: 10_000 });
    expect(r.exitCode).toBe(1);
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.recorded.returns).toHaveLength(0);
  });

  it("a daemon without a required cap gets a clear error through Return", async () => {
    const r = await run({ files: locals(djangoToml), omitCaps: ["file.base"] });
    expect(r.exitCode).toBe(0);
    expect(r.solves).toHaveLength(0);
    expect(r.returned?.error?.code).toBe(12);
    expect(r.returned?.error?.message).toContain("llb:file.base");
    expect(r.returned?.error?.message).toMatch(/update BuildKit/);
    noStackTrace(r.stderr);
  });

  it("a daemon without mergeop or exec.secretenv still builds: chained copies, secrets as files", async () => {
    const text = `${djangoToml}\n[[secrets]]\nid = "pypi"\nenv = "PIP_INDEX_URL"\n`;
    const r = await run({ files: locals(text), omitCaps: ["mergeop", "exec.secretenv"], opts: { "vcs:revision": "a".repeat(40) } });
    expect(r.returned?.error).toBeUndefined();
    const def = mainSolve(r)?.Definition as Definition;
    const ops = decodeDefinition(def);
    expect(ops.some((d) => d.op.op.case === "merge")).toBe(false);
    const secretEnv = ops.flatMap((d) => (d.op.op.case === "exec" ? d.op.op.value.secretenv : []));
    expect(secretEnv).toEqual([]);
    const secretMounts = ops.flatMap((d) => (d.op.op.case === "exec" ? d.op.op.value.mounts.filter((m) => m.secretOpt?.ID === "pypi") : []));
    expect(secretMounts.map((m) => m.dest)).toEqual(["/run/secrets/pypi"]);

    const full = await run({ files: locals(text), opts: { "vcs:revision": "a".repeat(40) } });
    const fullOps = decodeDefinition(mainSolve(full)?.Definition as Definition);
    expect(fullOps.flatMap((d) => (d.op.op.case === "exec" ? d.op.op.value.secretenv.map((s) => s.name) : []))).toEqual(["PIP_INDEX_URL"]);
  });

  it("requestid=frontend.targets lists runtime, venv and test without building", async () => {
    const r = await run({ files: locals(djangoToml), opts: { requestid: "frontend.targets" } });
    expect(r.exitCode).toBe(0);
    expect(r.returned?.error).toBeUndefined();
    const md = r.returned?.result?.metadata ?? {};
    const json = JSON.parse(decode(md["result.json"]));
    expect(json.targets.map((t: { name: string }) => t.name)).toEqual(["runtime", "venv", "test"]);
    expect(json.targets[0].default).toBe(true);
    expect(json.targets[2].location.ranges[0].start.line).toBe(djangoToml.split("\n").findIndex((l) => l.startsWith("[targets.test]")) + 1);
    expect(Buffer.from(json.sources[0], "base64").toString("utf8")).toBe(djangoToml);
    expect(decode(md["result.txt"])).toMatch(/^TARGET {2}DESCRIPTION\nruntime \(default\)/);
    expect(decode(md["version"])).toBe("1.0.0");
    // Only the build file was loaded.
    expect(r.solves).toHaveLength(1);
    expect(r.recorded.resolves).toHaveLength(0);
  });

  it("requestid=frontend.outline and describe answer; an unknown subrequest is refused", async () => {
    const outline = await run({ files: locals(djangoToml), opts: { requestid: "frontend.outline" } });
    expect(JSON.parse(decode(outline.returned?.result?.metadata["result.json"]))).toMatchObject({ name: "runtime", secrets: [] });
    const describe_ = await run({ files: locals(djangoToml), opts: { requestid: "frontend.subrequests.describe" } });
    expect(JSON.parse(decode(describe_.returned?.result?.metadata["result.json"])).map((x: { name: string }) => x.name)).toContain("frontend.targets");
    const unknown = await run({ files: locals(djangoToml), opts: { requestid: "frontend.convertllb" } });
    expect(unknown.returned?.error?.message).toContain("frontend.convertllb");
    noStackTrace(unknown.stderr);
  });

  it("requestid=frontend.outline names the --target asked for; an unknown target is an error at [targets]", async () => {
    const venv = await run({ files: locals(djangoToml), opts: { requestid: "frontend.outline", target: "venv" } });
    expect(JSON.parse(decode(venv.returned?.result?.metadata["result.json"]))).toMatchObject({ name: "venv" });
    const test = await run({ files: locals(djangoToml), opts: { requestid: "frontend.outline", target: "test" } });
    expect(JSON.parse(decode(test.returned?.result?.metadata["result.json"]))).toMatchObject({ name: "test" });
    const nope = await run({ files: locals(djangoToml), opts: { requestid: "frontend.outline", target: "nope" } });
    const line = djangoToml.split("\n").findIndex((l) => l.startsWith("[targets.test]")) + 1;
    expect(nope.returned?.error?.message).toBe(`pydock.toml:${line}:1: unknown target "nope"; this file has: runtime, venv, test`);
    noStackTrace(nope.stderr);
  });

  it("builds one result per platform for a multi-platform request", async () => {
    const r = await run({ files: locals(djangoToml), opts: { platform: "linux/amd64,linux/arm64", "vcs:revision": "a".repeat(40) } });
    expect(r.returned?.error).toBeUndefined();
    const res = r.returned?.result;
    expect(res?.result.case).toBe("refs");
    if (res?.result.case === "refs") expect(Object.keys(res.result.value.refs).sort()).toEqual(["linux/amd64", "linux/arm64"]);
    expect(JSON.parse(decode(res?.metadata["containerimage.config/linux/arm64"])).architecture).toBe("arm64");
    expect(r.recorded.resolves).toHaveLength(4);
  });
});
