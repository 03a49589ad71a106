import { describe, expect, test } from "vitest";
import { loadConfig, type LoadOptions } from "./load.js";
import type { PydockConfig, TargetConfig } from "./model.js";

const noArgs: LoadOptions = { buildArgs: new Map() };

function load(text: string, options: LoadOptions = noArgs): PydockConfig {
  const r = loadConfig({ name: "pydock.toml", text }, options);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join("\n"));
  return r.config;
}

const target = (c: PydockConfig, name: string): TargetConfig => {
  const t = c.targets.get(name);
  if (t === undefined) throw new Error(`no target ${name}`);
  return t;
};

/** The model without its functions, for toEqual. */
const plain = ({ locate: _, written: __, ...t }: TargetConfig) => t;

const full = `# syntax=example/pydock:1
[args]
ENVIRONMENT = "production"
WORKERS = 4

[python]
version = "3.11"
distro = "bookworm"
builder-image = "python:3.11-bookworm"
runtime-image = "python:3.11-slim-bookworm"

[dependencies]
manager = "poetry"
manager-version = "1.8.5"
groups = ["main"]
extras = ["postgres"]
install-project = false
venv = "/opt/venv"
system-packages = ["libpq-dev"]
index-url = "https://pypi.example.com/simple"
extra-index-urls = ["https://extra.example.com/simple"]
ssh = true

[git]
version-file = "VERSION"
labels = false

[app]
workdir = "/srv/app"
copy = ["pyproject.toml", "src"]
exclude = ["docs"]
build-commands = ["python manage.py collectstatic --noinput", ["python", "-m", "compileall", "src"]]
owner = "root"

[runtime]
command = ["gunicorn", "blog.wsgi", "-w", "\${WORKERS}"]
entrypoint = "exec tini --"
before = [["python", "manage.py", "migrate", "--noinput"]]
workdir = "/srv"
user = "1000:1000"
env = { DEBUG = false, ENVIRONMENT = "\${ENVIRONMENT}", WORKERS = 4 }
expose = [8000, "9000/udp"]
timezone = "Europe/Paris"
directories = ["/db"]
system-packages = ["libpq5"]
auto-system-packages = false
add-server = false
labels = { "org.example.team" = "blog" }
stop-signal = "SIGINT"

[runtime.healthcheck]
http = "http://localhost:8000/health"
interval = "1m30s"
timeout = "500ms"
start-period = "2h"
retries = 0

[[secrets]]
id = "pypi-token"
env = "POETRY_HTTP_BASIC_PRIVATE_PASSWORD"

[[secrets]]
id = "netrc"
target = "/root/.netrc"
required = false
`;

describe("loadConfig: a full file", () => {
  const c = load(full);

  test("top-level tables", () => {
    expect(c.filename).toBe("pydock.toml");
    expect([...c.args]).toEqual([["ENVIRONMENT", "production"], ["WORKERS", "4"]]);
    expect(c.python).toEqual({
      version: "3.11",
      distro: "bookworm",
      builderImage: "python:3.11-bookworm",
      runtimeImage: "python:3.11-slim-bookworm",
    });
    expect(c.git).toEqual({ versionFile: "VERSION", labels: false });
    expect(c.secrets).toEqual([
      { id: "pypi-token", env: "POETRY_HTTP_BASIC_PRIVATE_PASSWORD", target: undefined, required: true },
      { id: "netrc", env: undefined, target: "/root/.netrc", required: false },
    ]);
    expect([...c.targets.keys()]).toEqual(["runtime"]);
  });

  test("the runtime target", () => {
    expect(plain(target(c, "runtime"))).toEqual({
      name: "runtime",
      dependencies: {
        manager: "poetry",
        managerVersion: "1.8.5",
        groups: ["main"],
        extras: ["postgres"],
        requirements: undefined,
        installProject: false,
        venv: "/opt/venv",
        systemPackages: ["libpq-dev"],
        indexUrl: "https://pypi.example.com/simple",
        extraIndexUrls: ["https://extra.example.com/simple"],
        ssh: true,
      },
      app: {
        workdir: "/srv/app",
        copy: ["pyproject.toml", "src"],
        exclude: ["docs"],
        buildCommands: [
          { kind: "shell", script: "python manage.py collectstatic --noinput" },
          { kind: "exec", args: ["python", "-m", "compileall", "src"] },
        ],
        package: undefined,
        owner: "root",
      },
      runtime: {
        command: { kind: "exec", args: ["gunicorn", "blog.wsgi", "-w", "4"] },
        entrypoint: { kind: "shell", script: "exec tini --" },
        before: [{ kind: "exec", args: ["python", "manage.py", "migrate", "--noinput"] }],
        workdir: "/srv",
        user: "1000:1000",
        env: [["DEBUG", "false"], ["ENVIRONMENT", "production"], ["WORKERS", "4"]],
        expose: ["8000/tcp", "9000/udp"],
        timezone: "Europe/Paris",
        directories: ["/db"],
        systemPackages: ["libpq5"],
        autoSystemPackages: false,
        smokeTest: true,
        addServer: false,
        labels: [["org.example.team", "blog"]],
        stopSignal: "SIGINT",
        healthcheck: {
          test: { kind: "http", url: "http://localhost:8000/health" },
          intervalMs: 90_000,
          timeoutMs: 500,
          startPeriodMs: 7_200_000,
          retries: 0,
        },
      },
    });
  });

  test("locate points at the whole entry", () => {
    expect(c.locate(["python", "version"])).toEqual({ start: { line: 7, column: 1 }, end: { line: 7, column: 17 } });
    // Not written: the enclosing table.
    expect(c.locate(["python", "nope"])).toEqual({ start: { line: 6, column: 1 }, end: { line: 6, column: 9 } });
    expect(target(c, "runtime").locate(["runtime", "healthcheck", "retries"])?.start).toEqual({ line: 56, column: 1 });
  });
});

describe("loadConfig: defaults", () => {
  test("a file holding only the syntax line", () => {
    const c = load("# syntax=example/pydock\n");
    expect(c.python).toEqual({ version: undefined, distro: undefined, builderImage: undefined, runtimeImage: undefined });
    expect(c.git).toEqual({ versionFile: ".version", labels: true });
    expect(c.secrets).toEqual([]);
    expect([...c.args]).toEqual([]);
    expect(plain(target(c, "runtime"))).toEqual({
      name: "runtime",
      dependencies: {
        manager: undefined,
        managerVersion: undefined,
        groups: undefined,
        extras: [],
        requirements: undefined,
        installProject: "auto",
        venv: "/app/.venv",
        systemPackages: [],
        indexUrl: undefined,
        extraIndexUrls: [],
        ssh: false,
      },
      app: { workdir: "/app", copy: ["."], exclude: [], buildCommands: [], package: undefined, owner: "runtime" },
      runtime: {
        command: undefined,
        entrypoint: undefined,
        before: undefined,
        workdir: undefined,
        user: "app",
        env: [],
        expose: [],
        timezone: "UTC",
        directories: [],
        systemPackages: [],
        autoSystemPackages: true,
        smokeTest: true,
        addServer: true,
        labels: [],
        stopSignal: "SIGTERM",
        healthcheck: undefined,
      },
    });
    expect(target(c, "runtime").locate(["runtime", "command"])).toBeUndefined();
  });

  test("healthcheck defaults; command test; shell command; empty entrypoint and index-url", () => {
    const c = load(
      '[dependencies]\nindex-url = ""\n[runtime]\ncommand = "python -m app"\nentrypoint = []\n[runtime.healthcheck]\ncommand = ["python", "-m", "app.health"]\n',
    );
    const rt = target(c, "runtime").runtime;
    expect(rt.command).toEqual({ kind: "shell", script: "python -m app" });
    expect(rt.entrypoint).toBeUndefined();
    expect(target(c, "runtime").dependencies.indexUrl).toBeUndefined();
    expect(rt.healthcheck).toEqual({
      test: { kind: "command", command: { kind: "exec", args: ["python", "-m", "app.health"] } },
      intervalMs: 30_000,
      timeoutMs: 5_000,
      startPeriodMs: 0,
      retries: 3,
    });
  });
});

describe("loadConfig: args", () => {
  const text = `[args]
ENVIRONMENT = "production"
GROUPS = "main"
[dependencies]
groups = "\${GROUPS}"
[runtime]
env = { ENVIRONMENT = "\${ENVIRONMENT}", PORT = "\${PORT:-8000}", EPOCH = "\${SOURCE_DATE_EPOCH:-0}" }
command = "gunicorn app --bind 0.0.0.0:$\${PORT:-8000}"
`;
  const env = (c: PydockConfig) => target(c, "runtime").runtime.env;

  test("defaults and fallbacks", () => {
    const c = load(text);
    expect(env(c)).toEqual([["ENVIRONMENT", "production"], ["PORT", "8000"], ["EPOCH", "0"]]);
    expect(target(c, "runtime").runtime.command).toEqual({ kind: "shell", script: "gunicorn app --bind 0.0.0.0:${PORT:-8000}" });
  });

  test("build args override declared ones only; SOURCE_DATE_EPOCH is always known", () => {
    const buildArgs = new Map([["ENVIRONMENT", "staging"], ["PORT", "9000"], ["SOURCE_DATE_EPOCH", "1700000000"], ["GROUPS", "main, dev"]]);
    const c = load(text, { buildArgs });
    expect(env(c)).toEqual([["ENVIRONMENT", "staging"], ["PORT", "8000"], ["EPOCH", "1700000000"]]);
    expect([...c.args]).toEqual([["ENVIRONMENT", "staging"], ["GROUPS", "main, dev"], ["SOURCE_DATE_EPOCH", "1700000000"]]);
    expect(target(c, "runtime").dependencies.groups).toEqual(["main", "dev"]);
  });

  test("a declared but unused argument is a warning", () => {
    const r = loadConfig({ name: "pydock.toml", text: '[args]\nUNUSED = "x"\n' }, noArgs);
    expect(r.ok ? r.warnings : []).toEqual([
      { file: "pydock.toml", range: { start: { line: 2, column: 1 }, end: { line: 2, column: 7 } }, message: "[args] UNUSED is declared but never used as ${UNUSED}", code: "unused-arg", severity: "warning" },
    ]);
  });
});

describe("loadConfig: comma-separated lists", () => {
  test("one string is split on commas, items trimmed, empty ones dropped", () => {
    const c = load('[dependencies]\ngroups = " main, dev ,,"\nextras = ""\n[app]\ncopy = "pyproject.toml,src"\n[runtime]\nexpose = "8000, 9000/UDP"\n');
    const t = target(c, "runtime");
    expect(t.dependencies.groups).toEqual(["main", "dev"]);
    expect(t.dependencies.extras).toEqual([]);
    expect(t.app.copy).toEqual(["pyproject.toml", "src"]);
    expect(t.runtime.expose).toEqual(["8000/tcp", "9000/udp"]);
  });
});

describe("loadConfig: targets", () => {
  const text = `[dependencies]
manager = "poetry"
groups = ["main"]
[runtime]
command = ["gunicorn", "app"]
env = { A = "1" }
[runtime.healthcheck]
http = "http://localhost:8000/"
retries = 5

[targets.test]
dependencies.groups = ["main", "dev"]
runtime.command = ["pytest", "-q"]
runtime.env = { B = "2" }
runtime.healthcheck.command = "true"

[targets.debug.app]
workdir = "/src"
`;
  const c = load(text);

  test("runtime first, then each target in file order", () => {
    expect([...c.targets.keys()]).toEqual(["runtime", "test", "debug"]);
  });

  test("deep-merged over the top-level tables", () => {
    const t = target(c, "test");
    expect(t.dependencies.manager).toBe("poetry");
    expect(t.dependencies.groups).toEqual(["main", "dev"]);
    expect(t.runtime.command).toEqual({ kind: "exec", args: ["pytest", "-q"] });
    expect(t.runtime.env).toEqual([["A", "1"], ["B", "2"]]);
    // command replaces the inherited http test; the other healthcheck keys are kept.
    expect(t.runtime.healthcheck?.test).toEqual({ kind: "command", command: { kind: "shell", script: "true" } });
    expect(t.runtime.healthcheck?.retries).toBe(5);
    expect(target(c, "debug").app.workdir).toBe("/src");
    expect(target(c, "debug").runtime.command).toEqual({ kind: "exec", args: ["gunicorn", "app"] });
    expect(target(c, "runtime").dependencies.groups).toEqual(["main"]);
  });

  test("locate: the override, else the top-level key, else the enclosing table", () => {
    const t = target(c, "test");
    expect(t.locate(["dependencies", "groups"])?.start).toEqual({ line: 12, column: 1 });
    expect(t.locate(["dependencies", "manager"])?.start).toEqual({ line: 2, column: 1 });
    expect(t.locate(["dependencies", "extras"])?.start).toEqual({ line: 12, column: 1 });
    expect(t.locate(["app", "workdir"])?.start).toEqual({ line: 11, column: 1 });
    expect(target(c, "debug").locate(["app", "workdir"])?.start).toEqual({ line: 18, column: 1 });
    expect(target(c, "runtime").locate(["dependencies", "groups"])?.start).toEqual({ line: 3, column: 1 });
  });
});
