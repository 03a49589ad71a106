/** The runtime stage (setup, venv, copies, version file, the user's directories, build commands) and the git stage. */
import { describe, expect, it } from "vitest";
import { planOk } from "../../test/support/compile.js";
import { exampleCase } from "../../test/support/examples.js";
import { copies, copyStep, envOf, names, plan, PY, runStep, runtimeSteps, stage } from "../../test/support/plan-steps.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { resolveIn } from "./runtime.js";
import { stageOf } from "./types.js";

describe("runtime stage", () => {
  it("runtime steps: setup, venv, copies in [app] copy order (each independent), version file, the user's directories, build commands", () => {
    const { text, files } = exampleCase("poetry-django");
    const withCmds = text.replace(
      'build-commands = ["python manage.py collectstatic --noinput"]',
      `build-commands = ["python manage.py collectstatic --noinput", ["python", "-m", "compileall", "."]]`,
    );
    const p = plan(withCmds, files, { revision: "f".repeat(40) });
    const steps = runtimeSteps(p);
    expect(names(steps)).toEqual([
      "apt-get install the packages the venv needs, set up user app, timezone Europe/Paris",
      "copy the venv /app/venv",
      "copy LICENSE /app/LICENSE",
      "copy pyproject.toml /app/pyproject.toml",
      "copy manage.py /app/manage.py",
      "copy scripts /app/scripts",
      "copy blog /app/blog",
      "copy pages /app/pages",
      "copy tests /app/tests",
      "copy attachments /app/attachments",
      "copy articles /app/articles",
      "copy .version",
      "directories owned by app (10001:10001): /app /db",
      "python manage.py collectstatic --noinput",
      "python -m compileall .",
    ]);
    expect(copyStep(steps[1])).toMatchObject({ from: "venv", src: "/app/venv", dest: "/app/venv", independent: true });
    for (const c of copies(steps)) expect(c.independent, c.name).toBe(true);
    expect(copyStep(steps[6]).origin).toEqual({ path: ["app", "copy", 4] });
    expect(copyStep(steps[11])).toMatchObject({ from: "git", src: "/app/.version", dest: "/app/.version" });
    // The workdir and [runtime] directories, owned by the runtime user, on a layer of their own (system.test.ts).
    expect(steps[12]).toMatchObject({ kind: "dirs", paths: ["/app", "/db"], owner: "10001:10001", independent: true });
    // A build command as a string runs through the shell, as an array as written.
    const shell = runStep(steps[13]);
    expect(shell.command).toEqual({ kind: "shell", script: "python manage.py collectstatic --noinput" });
    expect(shell.wrapper).toBeUndefined();
    expect(shell.cwd).toBe("/app");
    expect(shell.env.slice(0, 4)).toEqual([
      ["PATH", "/app/venv/bin:${PATH}"],
      ["VIRTUAL_ENV", "/app/venv"],
      ["PYTHONUNBUFFERED", "1"],
      ["PYTHONDONTWRITEBYTECODE", "1"],
    ]);
    expect(envOf(shell)).toMatchObject({ DEBUG: "false", DB_BASE_DIR: "/db" });
    expect(runStep(steps[14]).command).toEqual({ kind: "exec", args: ["python", "-m", "compileall", "."] });
    expect(steps[14]?.origin).toEqual({ path: ["app", "build-commands", 1] });
  });
});

describe("git stage", () => {
  const rev = "a".repeat(40);
  const text = `${PY}[runtime]\ncommand = "x"\n`;
  const files = { "requirements.txt": "" };
  /** The warnings but the detected values pydock reports (here: the manager, pip). */
  const notDetected = (ws: readonly Diagnostic[]) => ws.filter((w) => w.code !== "detected");

  it("writes the revision to the version file, from scratch, before the runtime stage", () => {
    const { plan: p, warnings } = planOk({ text, files, revision: rev });
    expect(stageOf(p, "git")).toEqual({
      name: "git",
      base: null,
      steps: [
        {
          kind: "file",
          name: `write .version (${"a".repeat(12)})`,
          path: "/app/.version",
          data: `${rev}\n`,
          mode: 0o644,
          independent: true,
          origin: { path: ["git", "version-file"] },
        },
      ],
    });
    expect(p.stages.map((s) => s.name)).toEqual(["venv", "git", "runtime"]);
    expect(warnings.map((w) => w.code)).toEqual(["detected"]);
    expect(notDetected(warnings)).toEqual([]);
  });

  it("none without a revision (a no-revision warning at [git] or the file's end), or with version-file = \"\"", () => {
    const none = planOk({ text, files });
    expect(stageOf(none.plan, "git")).toBeUndefined();
    expect(none.plan.stages.map((s) => s.name)).toEqual(["venv", "runtime"]);
    const [noRevision, ...others] = notDetected(none.warnings);
    expect(others).toEqual([]);
    expect(noRevision).toMatchObject({ code: "no-revision", severity: "warning", file: "pydock.toml", message: expect.stringMatching(/no commit id/) });
    expect(noRevision?.range.start).toEqual({ line: text.split("\n").length, column: 1 });
    expect(runtimeSteps(none.plan).some((s) => s.kind === "copy" && s.from === "git")).toBe(false);

    const off = planOk({ text: `${text}[git]\nversion-file = ""\n`, files, revision: rev });
    expect(stageOf(off.plan, "git")).toBeUndefined();
    expect(notDetected(off.warnings)).toEqual([]);
  });

  it("a relative version file is resolved against [app] workdir", () => {
    const nested = plan(`${text}[git]\nversion-file = "meta/VERSION"\n[app]\nworkdir = "/srv"\n`, files, { revision: rev });
    const [write] = stage(nested, "git").steps;
    expect(write?.kind === "file" && write.path).toBe("/srv/meta/VERSION");
    expect(resolveIn("/srv/", "./meta/VERSION")).toBe("/srv/meta/VERSION");
    expect(resolveIn("/srv", "/etc/VERSION")).toBe("/etc/VERSION");
  });
});
