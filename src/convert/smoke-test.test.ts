/** The smoke test as LLB and its result as diagnostics (convert/smoke-test.ts). */
import { describe, expect, it } from "vitest";
import * as llb from "../llb/index.js";
import { FILE_START } from "../core/diagnostics.js";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMOKE_DIR, SMOKE_RESULT, SMOKE_SCRIPT, failedInSmokeStep, parseSmokeResult, smokeDiagnostics, smokeTestState } from "./smoke-test.js";
import { withPackagesLabel } from "./image-config.js";

const at = { file: "pydock.toml", range: FILE_START };

describe("smokeTestState", () => {
  it("runs the venv's python on the image as its user, in its workdir, with its env and no network; the result file is the only output", () => {
    const image = llb.image("docker.io/library/python:3.11-slim-bookworm");
    const test = { python: "/app/venv/bin/python", checks: [{ kind: "program" as const, name: "gunicorn" }], origin: ["runtime", "command"], besideLastSteps: 0 };
    const state = smokeTestState(image, test, { env: ["PATH=/app/venv/bin:/usr/bin", "TZ=UTC"], user: "10001:10001", workdir: "/app" }, { customName: "[smoke-test] x" });
    const { definition } = llb.marshal(state);
    const ops = llb.decodeDefinition(definition);
    const exec = ops.find((o) => o.op.op.case === "exec")?.op.op;
    if (exec?.case !== "exec") throw new Error("no exec");
    expect(exec.value.meta?.args).toEqual(["/app/venv/bin/python", "-c", SMOKE_SCRIPT, JSON.stringify(test.checks), `${SMOKE_DIR}/${SMOKE_RESULT}`]);
    expect(exec.value.meta?.user).toBe("10001:10001");
    expect(exec.value.meta?.cwd).toBe("/app");
    expect(exec.value.meta?.env).toEqual(expect.arrayContaining(["PATH=/app/venv/bin:/usr/bin", "TZ=UTC"]));
    expect(exec.value.network).toBe(2); // NONE
    const file = ops.find((o) => o.op.op.case === "file")?.op.op;
    expect(file?.case === "file" && file.value.actions[0]?.action.case === "mkfile" && file.value.actions[0].action.value.owner?.user?.user).toMatchObject({ case: "byID", value: 10001 });
  });
});

describe("failedInSmokeStep", () => {
  it("tells the smoke step's own failure (BuildKit's message repeats its command line) from a failed step of the image", () => {
    const args = ["/app/venv/bin/python", "-c", SMOKE_SCRIPT, "[]", `${SMOKE_DIR}/${SMOKE_RESULT}`];
    expect(failedInSmokeStep(`process "${args.join(" ")}" did not complete successfully: exit code: 127`)).toBe(true);
    const install = 'process "/opt/pydock/bin/pydock-run /bin/sh -c pip --python /app/venv/bin/python install --no-compile -r requirements.txt" did not complete successfully: exit code: 1';
    expect(failedInSmokeStep(install)).toBe(false);
  });
});

describe("the result", () => {
  it("parses what the script writes, and nothing else", () => {
    expect(parseSmokeResult('{"failures":[],"warnings":[]}')).toEqual({ failures: [], warnings: [] });
    expect(parseSmokeResult("")).toBeUndefined();
    expect(parseSmokeResult('{"failures":[1],"warnings":[]}')).toBeUndefined();
    expect(parseSmokeResult('{"failures":[],"warnings":[],"report":"libpq5\\n"}')).toEqual({ failures: [], warnings: [], report: "libpq5\n" });
    expect(parseSmokeResult('{"failures":[],"warnings":[],"report":null}')?.report).toBeNull();
    expect(parseSmokeResult('{"failures":[],"warnings":[],"report":3}')).toBeUndefined();
  });

  it("the script carries the report file's text, or null when there is none", () => {
    const dir = mkdtempSync(join(tmpdir(), "pydock-smoke-"));
    try {
      const out = join(dir, "result.json");
      writeFileSync(join(dir, "packages"), "libpq5\nlibjpeg62-turbo\n");
      execFileSync("python3", ["-c", SMOKE_SCRIPT, '[{"kind":"program","name":"python3"}]', out, join(dir, "packages")], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))).toEqual({ failures: [], warnings: [], report: "libpq5\nlibjpeg62-turbo\n" });
      execFileSync("python3", ["-c", SMOKE_SCRIPT, "[]", out, join(dir, "absent")], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))?.report).toBeNull();
      // A file the check's user cannot read (a folder stands in for it): no report, so the frontend reads the image.
      execFileSync("python3", ["-c", SMOKE_SCRIPT, "[]", out, dir], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))).toEqual({ failures: [], warnings: [] });
      execFileSync("python3", ["-c", SMOKE_SCRIPT, "[]", out], { cwd: dir });
      expect(parseSmokeResult(readFileSync(out, "utf8"))).toEqual({ failures: [], warnings: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an import error is an error at the command pointing at [runtime] system-packages; other exceptions are warnings", () => {
    const failed = smokeDiagnostics(
      { failures: [{ what: "import app:app (gunicorn app:app)", error: "ImportError: libpq.so.5: cannot open shared object file: No such file or directory" }], warnings: [] },
      at,
      false,
    );
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toMatchObject({ ...at, severity: "error", code: "smoke-test" });
    expect(failed.errors[0]?.message).toBe(
      "the runtime image cannot start the command: import app:app (gunicorn app:app): ImportError: libpq.so.5: cannot open shared object file: No such file or directory; " +
        "a shared library is missing from the runtime image: name the Debian package that provides it in [runtime] system-packages (or remove [runtime] auto-system-packages = false, which finds it); " +
        "[runtime] smoke-test = false skips this check",
    );
    const missing = smokeDiagnostics({ failures: [{ what: "the program gunicorn", error: "not found on PATH /usr/bin" }], warnings: [] }, at, true);
    expect(missing.errors[0]?.message).toContain("check the command, and that what it runs is installed in the venv");
    const warned = smokeDiagnostics({ failures: [], warnings: [{ what: "import blog.wsgi (gunicorn blog.wsgi)", error: "KeyError: 'SECRET_KEY'" }] }, at, true);
    expect(warned.errors).toEqual([]);
    expect(warned.warnings[0]).toMatchObject({ severity: "warning", message: expect.stringContaining("KeyError: 'SECRET_KEY'") });
  });
});

describe("withPackagesLabel", () => {
  it("sets the label to the listed packages, sorted among the others, without changing its input", () => {
    const config = { config: { Labels: { z: "1", a: "2" }, User: "app" }, os: "linux" };
    const out = withPackagesLabel(config, "io.pydock.runtime.auto-system-packages", "libpq5\nlibcairo2\n");
    expect(out["config"]).toEqual({ Labels: { a: "2", "io.pydock.runtime.auto-system-packages": "libpq5 libcairo2", z: "1" }, User: "app" });
    expect(Object.keys((out["config"] as { Labels: object }).Labels)).toEqual(["a", "io.pydock.runtime.auto-system-packages", "z"]);
    expect(config.config.Labels).toEqual({ z: "1", a: "2" });
    expect((withPackagesLabel(config, "l", "")["config"] as { Labels: Record<string, string> }).Labels["l"]).toBe("");
  });
});
