/**
 * ejectDockerfile on small plans: run steps (environment, quoting, here-documents), secrets, cache and SSH
 * mounts, the health check and image settings, the targets and what the header tells. The examples'
 * whole files are golden snapshots (test/golden/NAME.Dockerfile); test/e2e/eject.test.ts builds them.
 */
import { describe, expect, it } from "vitest";
import { plan, PY } from "../../test/support/plan-steps.js";
import type { BuildPlan, FileStep, StagePlan } from "../plan/types.js";
import { ejectDockerfile, ejectedExcludes } from "./dockerfile.js";

const FILES = { "requirements.txt": "flask==3.0.3\n", "app.py": "" };
const CMD = `[runtime]\ncommand = ["gunicorn", "app:app"]\n`;
const REV = "f".repeat(40);

const eject = (toml: string, o: { target?: string; revision?: string; files?: Record<string, string> } = {}) =>
  ejectDockerfile(plan(`${PY}${toml}`, o.files ?? FILES, { ...(o.target ? { target: o.target } : {}), ...(o.revision ? { revision: o.revision } : {}) }));

/** The lines of the instruction under the step comment that contains `name`, up to the next blank line. */
function stepLines(dockerfile: string, name: string): string[] {
  const lines = dockerfile.split("\n");
  const at = lines.findIndex((l) => l.startsWith("# [") && l.includes(name));
  if (at < 0) throw new Error(`no step ${name}`);
  const end = lines.indexOf("", at);
  return lines.slice(at + 1, end < 0 ? undefined : end);
}

describe("run steps", () => {
  it("the environment is exported by the step's shell (the image's ENV comes last), quoted for sh and for the Dockerfile", () => {
    const d = eject(`${CMD}[runtime.env]\nGREETING = "it's \\"$5\\""\n[app]\nbuild-commands = ["echo hi"]\n`);
    const run = stepLines(d, "echo hi");
    expect(run).toEqual([
      "WORKDIR /app",
      "RUN --mount=type=tmpfs,target=/tmp \\",
      `    export PATH=/app/.venv/bin:"\${PATH}" VIRTUAL_ENV=/app/.venv PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 GREETING='it'\\''s "$5"'; \\`,
      "    echo hi",
    ]);
    expect(d).toContain(`ENV GREETING="it's \\"\\$5\\""\n`);
    expect(d.indexOf("ENV PATH=/app/.venv/bin:${PATH}")).toBeGreaterThan(d.indexOf("echo hi"));
  });

  it("an exec-form command is written as shell words; a multi-line script goes in a here-document", () => {
    const d = eject(`${CMD}[app]\nbuild-commands = [["python", "-c", "print('a b')"], """set -e\ncat <<EOF\nhi\nEOF"""]\n`);
    expect(stepLines(d, "python -c")).toContain(`    python -c 'print('\\''a b'\\'')'`);
    expect(stepLines(d, "set -e")).toEqual([
      "RUN --mount=type=tmpfs,target=/tmp <<'EOF_1'",
      `export PATH=/app/.venv/bin:"\${PATH}" VIRTUAL_ENV=/app/.venv PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1;`,
      "set -e",
      "cat <<EOF",
      "hi",
      "EOF",
      "EOF_1",
    ]);
  });

  it("WORKDIR only where a step's directory changes; the official images start in /", () => {
    const d = eject(CMD);
    expect(d.match(/^WORKDIR .*$/gm)).toEqual(["WORKDIR /usr/src/pydock", "WORKDIR /", "WORKDIR /app"]);
  });
});

describe("mounts and secrets", () => {
  it("cache mounts keep pydock's ids, targets and sharing; every RUN gets a tmpfs on /tmp", () => {
    const d = eject(`${CMD}[dependencies]\nsystem-packages = ["libpq-dev"]\n`);
    expect(stepLines(d, "apt-get install libpq-dev").slice(0, 3)).toEqual([
      "RUN --mount=type=cache,id=pydock-apt-cache-builder,target=/var/cache/apt,sharing=locked \\",
      "    --mount=type=cache,id=pydock-apt-lists-builder,target=/var/lib/apt/lists,sharing=locked \\",
      "    --mount=type=tmpfs,target=/tmp \\",
    ]);
    expect(stepLines(d, "pip install -r")).toContain("RUN --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \\");
    expect(d).toContain("Cache mounts have pydock's ids");
  });

  it("a secret as a variable is a file the step's shell reads; a file secret keeps its target; required ones say so", () => {
    const toml = `${CMD}[[secrets]]\nid = "index"\nenv = "PIP_INDEX_URL"\n[[secrets]]\nid = "netrc"\ntarget = "/root/.netrc"\nrequired = false\n`;
    const d = eject(toml);
    const run = stepLines(d, "pip install -r");
    expect(run).toContain("    --mount=type=secret,id=index,required=true \\");
    expect(run).toContain("    --mount=type=secret,id=netrc,target=/root/.netrc \\");
    expect(run).toContain("    --mount=type=secret,id=ca-certificates \\");
    const load = run.findIndex((l) => l.includes(`if [ -f /run/secrets/index ]; then export PIP_INDEX_URL="$(cat /run/secrets/index)"; fi; \\`));
    expect(load).toBeGreaterThan(run.findIndex((l) => l.includes("export PATH=")));
    expect(run.at(-1)).toMatch(/^ {4}\/opt\/pydock\/bin\/pydock-run \/bin\/sh -c /);
    expect(d).toMatch(/# {3}--secret id=index,src=FILE +\$PIP_INDEX_URL for the steps that install \(required\)/);
    expect(d).toMatch(/# {3}--secret id=netrc,src=FILE +the file \/root\/.netrc for the steps that install \(optional\)/);
    expect(d).toContain("secret environment\n#   variables need Dockerfile syntax 1.10.");
    expect(d).not.toContain("--ssh default");
  });

  it("the SSH agent is mounted where pydock mounts it", () => {
    const d = eject(`${CMD}[dependencies]\nssh = true\n`);
    expect(stepLines(d, "pip install -r")).toContain("    --mount=type=ssh \\");
    expect(d).toMatch(/# {3}--ssh default +the SSH agent/);
  });
});

describe("the image", () => {
  it("health check flags from the plan's durations, the test in exec form", () => {
    const d = eject(`${CMD}[runtime.healthcheck]\ncommand = ["python", "-m", "app.health"]\ninterval = "1m"\ntimeout = "1500ms"\nstart-period = "0s"\nretries = 5\n`);
    expect(d).toContain('HEALTHCHECK --interval=60s --timeout=1500ms --start-period=0s --retries=5 \\\n    CMD ["python", "-m", "app.health"]\n');
    expect(eject(CMD)).not.toContain("HEALTHCHECK");
  });

  it("settings last, the user at the very end; an entrypoint, or an empty one over a base that is not the official image", () => {
    const d = eject(`${CMD}expose = [8000]\nstop-signal = "SIGINT"\nlabels = { "com.example.team" = "a b" }\n`);
    expect(d.slice(d.indexOf("# The image:")).split("\n").filter((l) => !l.startsWith("ENV ") && !l.startsWith("LABEL org."))).toEqual([
      "# The image: environment, working directory, command, ports, labels, stop signal, health check, user.",
      "WORKDIR /app",
      'CMD ["gunicorn", "app:app"]',
      "EXPOSE 8000/tcp",
      'LABEL com.example.team="a b"',
      "STOPSIGNAL SIGINT",
      "USER 10001:10001",
      "",
    ]);
    expect(d).not.toContain("ENTRYPOINT");
    const custom = eject(`${CMD}entrypoint = ["tini", "--"]\n`);
    expect(custom).toContain('ENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app"]\n');
    const base = `[python]\nruntime-image = "ghcr.io/acme/python:3.12-slim@sha256:${"a".repeat(64)}"\n`;
    const pinned = ejectDockerfile(plan(`${PY.replace("[python]\n", base)}${CMD}`, FILES));
    expect(pinned).toContain(`FROM ghcr.io/acme/python:3.12-slim@sha256:${"a".repeat(64)} AS runtime\n`);
    expect(pinned).toContain('ENTRYPOINT []\nCMD ["gunicorn", "app:app"]\n');
    expect(pinned).toContain(`LABEL org.opencontainers.image.base.digest=sha256:${"a".repeat(64)}\n`);
  });

  it("the revision: a build argument with the planned commit as default, in the version file and the label", () => {
    const d = eject(CMD, { revision: REV });
    expect(d).toContain(`ARG REVISION=${REV}\n`);
    expect(d).toContain("FROM scratch AS git\nARG REVISION\n");
    expect(d).toContain("COPY --link <<EOF /app/.version\n${REVISION}\nEOF\n");
    expect(d).toContain("COPY --link --from=git /app/.version /app/.version\n");
    expect(d).toContain("ARG REVISION\nLABEL org.opencontainers.image.revision=${REVISION}\n");
    const none = eject(CMD);
    expect(none).not.toMatch(/REVISION|AS git/);
  });

  it("SOURCE_DATE_EPOCH: a build argument with pydock's default (or the plan's), declared in every stage that runs", () => {
    const d = eject(CMD);
    expect(d).toContain("ARG SOURCE_DATE_EPOCH=315532800\n");
    expect(d.match(/^FROM .*\nARG SOURCE_DATE_EPOCH$/gm)).toHaveLength(2);
    expect(ejectDockerfile(plan(`${PY}${CMD}`, FILES), { epoch: 1700000000 })).toContain("ARG SOURCE_DATE_EPOCH=1700000000\n");
  });

  it("the venv target: the builder stage alone, with the venv image's settings", () => {
    const d = eject(CMD, { target: "venv", revision: REV });
    expect(d.match(/^FROM .*$/gm)).toEqual(["FROM python:3.12-bookworm AS venv"]);
    expect(d).toMatch(/USER 0:0\n$/);
    expect(d).toContain("pydock.toml, target venv: the venv stage of pydock's");
  });
});

describe("copies and files", () => {
  it("the excludes pydock applies, rebased onto the context root, for .dockerignore; the Dockerfile when the whole context is copied", () => {
    const p = plan(`${PY}${CMD}[app]\ncopy = ["src", "."]\nexclude = ["src/secret.txt", "*.log"]\n`, FILES);
    expect(ejectedExcludes(p, "Dockerfile.prod")).toEqual([
      "**/__pycache__", "**/*.pyc", "**/.mypy_cache", "**/.pytest_cache", "**/node_modules", "src/secret.txt",
      ".git", ".venv", "*.log", "Dockerfile.prod",
    ]);
    const d = ejectDockerfile(p, { filename: "Dockerfile.prod" });
    expect(d).toContain("#   docker build -f Dockerfile.prod -t IMAGE .\n");
    expect(d).toContain("#       src/secret.txt\n");
    expect(d).toContain("COPY --link --chown=10001:10001 src /app/src\n");
  });

  it("the runtime user's directories are made and given to it after the copies; parents made for them stay root's", () => {
    const d = eject(`${CMD}directories = ["/var/lib/app"]\n`);
    expect(stepLines(d, "directories owned by app")).toEqual(["RUN mkdir -p /app /var/lib/app && chown 10001:10001 /app /var/lib/app"]);
    expect(d).toContain("# - Directories: mkdir -p leaves the parents it creates to root");
    expect(eject(CMD)).not.toContain("# - Directories:");
  });

  it("paths with blanks take the JSON form", () => {
    const d = eject(`${CMD}[app]\ncopy = ["my docs"]\n`);
    expect(d).toContain('COPY --link --chown=10001:10001 ["\\"my docs\\"", "\\"/app/my docs\\""]\n');
  });

  it("a written file without a final newline is written by printf, which a scratch stage cannot run", () => {
    const p = plan(`${PY}${CMD}`, FILES, { revision: REV });
    const withData = (stage: StagePlan, data: string): StagePlan => ({ ...stage, steps: stage.steps.map((s) => (s.kind === "file" ? ({ ...s, data } satisfies FileStep) : s)) });
    const changed = (name: string, data: string): BuildPlan => ({ ...p, stages: p.stages.map((s) => (s.name === name ? withData(s, data) : s)) });
    expect(ejectDockerfile(changed("venv", "no newline"))).toContain(
      "RUN <<'EOF'\nmkdir -p /opt/pydock/bin && printf '%s' 'no newline' > /opt/pydock/bin/pydock-run && chmod 755 /opt/pydock/bin/pydock-run\nEOF\n",
    );
    expect(() => ejectDockerfile(changed("git", "abc"))).toThrow(/\/app\/.version.*no shell/);
  });
});
