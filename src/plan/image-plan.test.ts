/** The image plan: user, workdir, env, entrypoint/cmd, ports, labels, stop signal, healthcheck. */
import { describe, expect, it } from "vitest";
import { exampleCase } from "../../test/support/examples.js";
import { plan, PY } from "../../test/support/plan-steps.js";
import { DEFAULT_EPOCH } from "../compile.js";
import { httpProbe } from "./image-plan.js";

const { text: djangoText, files: django } = exampleCase("poetry-django");
const REQUIREMENTS = { "requirements.txt": "" };

describe("image plan", () => {
  it("examples/poetry-django: user, workdir, env in order, command, ports, healthcheck probe", () => {
    const { image } = plan(djangoText, django);
    expect(image.user).toBe("10001:10001");
    expect(image.workdir).toBe("/app");
    expect(image.env).toEqual([
      ["PATH", "/app/venv/bin:${PATH}"],
      ["VIRTUAL_ENV", "/app/venv"],
      ["PYTHONUNBUFFERED", "1"],
      ["PYTHONDONTWRITEBYTECODE", "1"],
      ["TZ", "Europe/Paris"],
      // The port the image exposes, for commands (and servers such as gunicorn) that read $PORT.
      ["PORT", "8000"],
      ["SECRET_KEY", "change-me-in-production"],
      ["DEBUG", "false"],
      ["HOST", "*"],
      ["DB_BASE_DIR", "/db"],
    ]);
    expect(image.cmd).toEqual(["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"]);
    expect(image.entrypoint).toBeUndefined();
    expect(image.exposedPorts).toEqual(["8000/tcp"]);
    expect(image.stopSignal).toBe("SIGTERM");
    expect(image.healthcheck).toEqual({
      test: ["CMD", "/app/venv/bin/python", "-c", httpProbe("http://localhost:8000/health/", 2000)],
      intervalMs: 30_000,
      timeoutMs: 2_000,
      startPeriodMs: 30_000,
      retries: 3,
    });
  });

  it("the HTTP probe uses the image's own Python, its timeout in whole seconds (at least 1)", () => {
    expect(httpProbe("http://localhost:8000/health/", 2000)).toBe(
      'import sys, urllib.request; sys.exit(0 if urllib.request.urlopen("http://localhost:8000/health/", timeout=2).status < 400 else 1)',
    );
    expect(httpProbe("http://x/", 1500)).toContain("timeout=2)");
    expect(httpProbe("http://x/", 10)).toContain("timeout=1)");
  });

  it("[runtime] env comes after the Python defaults, so a user value wins", () => {
    const p = plan(`${PY}[runtime]\ncommand = "x"\nenv = { PYTHONUNBUFFERED = "0" }\n`, REQUIREMENTS);
    // The plan lists both; the later one wins when applied (mergeEnv / State env).
    expect(p.image.env.filter(([k]) => k === "PYTHONUNBUFFERED").at(-1)).toEqual(["PYTHONUNBUFFERED", "0"]);
  });

  it("a command healthcheck, an entrypoint and a shell-form command", () => {
    const text = `${PY}[runtime]\nentrypoint = ["tini", "--"]\ncommand = "exec serve --port 80"\nstop-signal = "SIGINT"\n[runtime.healthcheck]\ncommand = ["python", "-m", "svc.health"]\ninterval = "10s"\nretries = 5\n`;
    const { image } = plan(text, REQUIREMENTS);
    expect(image.entrypoint).toEqual(["tini", "--"]);
    expect(image.cmd).toEqual(["/bin/sh", "-c", "exec serve --port 80"]);
    expect(image.stopSignal).toBe("SIGINT");
    expect(image.healthcheck).toMatchObject({ test: ["CMD", "python", "-m", "svc.health"], intervalMs: 10_000, retries: 5 });
  });

  it("labels: title/version from pyproject, revision/source from git, created from SOURCE_DATE_EPOCH, then [runtime] labels", () => {
    const text = djangoText.replace("[runtime]\n", `[runtime]\nlabels = { "com.example.team" = "web" }\n`);
    const rev = "0123456789abcdef0123456789abcdef01234567";
    const p = plan(text, django, { revision: rev, sourceUrl: "https://github.com/acme/blog", buildArgs: { SOURCE_DATE_EPOCH: "1700000000" } });
    expect(p.image.labels).toEqual([
      ["org.opencontainers.image.title", "blog"],
      ["org.opencontainers.image.version", "0.1.0"],
      ["org.opencontainers.image.revision", rev],
      ["org.opencontainers.image.source", "https://github.com/acme/blog"],
      ["org.opencontainers.image.created", "2023-11-14T22:13:20Z"],
      ["com.example.team", "web"],
    ]);
    const noGitLabels = plan(`${text}\n[git]\nlabels = false\n`.replace(/\[git\]\nversion-file = "\.version"\n/, ""), django, { revision: rev, sourceUrl: "u" });
    expect(noGitLabels.image.labels.map(([k]) => k)).toEqual([
      "org.opencontainers.image.title",
      "org.opencontainers.image.version",
      "org.opencontainers.image.created",
      "com.example.team",
    ]);
    // No SOURCE_DATE_EPOCH: the build's time is DEFAULT_EPOCH, 1980-01-01 (the earliest a wheel's ZIP can
    // store), so the image is reproducible by default.
    expect(DEFAULT_EPOCH).toBe(Date.UTC(1980, 0, 1) / 1000);
    expect(plan(djangoText, django).image.labels).toContainEqual(["org.opencontainers.image.created", "1980-01-01T00:00:00Z"]);
  });

  it("workdir: [runtime] workdir over [app] workdir", () => {
    const base = `${PY}[app]\nworkdir = "/srv"\n[runtime]\ncommand = "x"\n`;
    expect(plan(base, REQUIREMENTS).image.workdir).toBe("/srv");
    expect(plan(`${base}workdir = "/srv/run"\n`, REQUIREMENTS).image.workdir).toBe("/srv/run");
  });
});
