/**
 * planBuild: config + project files → BuildPlan. Every command line the planner produces, detection, the
 * errors (with their positions in pydock.toml) and the image plan.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import type { PydockConfig } from "../../src/config/model.js";
import { UserError, type Diagnostic } from "../../src/core/diagnostics.js";
import { defaultDistro, detectCommand, detectManager, lowestPython } from "../../src/plan/detect.js";
import {
  DEFAULT_MANAGER_VERSIONS,
  PIP_CACHE,
  POETRY_CACHE,
  POETRY_EXPORT_VERSION,
  RUN_WRAPPER,
  RUN_WRAPPER_SCRIPT,
  UV_CACHE,
} from "../../src/plan/managers.js";
import { APP_UID, BUILD_DIR, DEFAULT_EXCLUDES, httpProbe, planBuild } from "../../src/plan/plan.js";
import { parsePyproject, projectFiles, type ProjectFiles } from "../../src/plan/project.js";
import type { BuildPlan, CopyStep, FileStep, RunStep, StagePlan, Step } from "../../src/plan/types.js";
import { EXAMPLES_DIR, exampleFiles } from "../support/examples.js";

/** What uv project installs append: uv_cache.json holds the checkout's times (see managers.ts). */
const UV_SCRUB = " && rm -f /app/venv/lib/python*/site-packages/*.dist-info/uv_cache.json && sed -i '/uv_cache\\.json/d' /app/venv/lib/python*/site-packages/*.dist-info/RECORD";
const EXAMPLES = EXAMPLES_DIR;
const example = exampleFiles;


function config(text: string, buildArgs: Record<string, string> = {}): PydockConfig {
  const r = loadConfig({ name: "pydock.toml", text }, { buildArgs: new Map(Object.entries(buildArgs)) });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join("\n"));
  return r.config;
}

const files = (entries: Record<string, string> | Map<string, string>): ProjectFiles =>
  projectFiles(entries instanceof Map ? entries : new Map(Object.entries(entries)));

interface PlanOpts {
  readonly target?: string;
  readonly revision?: string;
  readonly sourceUrl?: string;
  readonly buildArgs?: Record<string, string>;
}

function plan(text: string, project: Record<string, string> | Map<string, string>, o: PlanOpts = {}): BuildPlan {
  return planBuild({
    config: config(text, o.buildArgs),
    target: o.target ?? "runtime",
    files: files(project),
    revision: o.revision,
    sourceUrl: o.sourceUrl,
  });
}

/** The diagnostics planBuild throws (fails the test when it does not throw a UserError). */
function planErrors(text: string, project: Record<string, string> | Map<string, string>, o: PlanOpts = {}): Diagnostic[] {
  try {
    plan(text, project, o);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return [...(e as UserError).diagnostics];
  }
  throw new Error("planBuild did not fail");
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}
/** 1-based column of `needle` on its line. */
function columnOf(text: string, needle: string): number {
  const line = text.split("\n")[lineOf(text, needle) - 1] ?? "";
  return line.indexOf(needle) + 1;
}

const runs = (stage: StagePlan): RunStep[] => stage.steps.filter((s): s is RunStep => s.kind === "run");
const copies = (stage: StagePlan): CopyStep[] => stage.steps.filter((s): s is CopyStep => s.kind === "copy");
/** The optional `ca-certificates` secret every step that reaches an index gets. */
const CA_SECRET = { id: "ca-certificates", target: "/run/secrets/ca-certificates", required: false };
/** The first step of every venv stage without system packages: the run wrapper that trusts CA_SECRET. */
const WRAPPER_STEP_NAME = "write the install wrapper (CA bundle secret)";
/**
 * The shell script of a run step. Steps that reach an index (those with CA_SECRET) run it through the
 * wrapper, `RUN_WRAPPER /bin/sh -c SCRIPT`; every other step as plain `/bin/sh -c SCRIPT`.
 */
const script = (s: Step | undefined): string => {
  if (s?.kind !== "run") throw new Error(`not a run step: ${JSON.stringify(s)}`);
  const wrapped = s.secrets.some((x) => x.id === CA_SECRET.id);
  const argv = wrapped ? [RUN_WRAPPER, "/bin/sh", "-c"] : ["/bin/sh", "-c"];
  expect(s.args.slice(0, argv.length), s.name).toEqual(argv);
  expect(s.args, s.name).toHaveLength(argv.length + 1);
  return s.args[argv.length] ?? "";
};
/** The secrets of a step the user declared (without the implicit ca-certificates one). */
const userSecrets = (s: RunStep) => s.secrets.filter((x) => x.id !== CA_SECRET.id);
const find = (stage: StagePlan, name: RegExp): Step => {
  const s = stage.steps.find((x) => name.test(x.name));
  if (!s) throw new Error(`no step ${name} in ${stage.steps.map((x) => x.name).join(" | ")}`);
  return s;
};
const installStep = (p: BuildPlan): RunStep => {
  const s = p.venv.steps.find((x): x is RunStep => x.kind === "run" && x.cwd === BUILD_DIR);
  if (!s) throw new Error("no install step");
  return s;
};
const envOf = (s: RunStep) => Object.fromEntries(s.env);

const PY = `[python]\nversion = "3.12"\n`;

// ---------------------------------------------------------------------------------------------------------------
describe("poetry", () => {
  const djangoText = readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8");
  const django = example("poetry-django");

  it("plans examples/poetry-django: pinned Poetry 2.x with the export plugin, manifests, export | pip install", () => {
    const p = plan(djangoText, django, { revision: "0123456789abcdef0123456789abcdef01234567" });
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager).toEqual({ name: "poetry", version: "2.2.1" });
    expect(p.venv.base).toBe("python:3.11-bookworm");
    expect(p.runtime.base).toBe("python:3.11-slim-bookworm");
    expect(p.venvPath).toBe("/app/venv");

    expect(p.venv.steps.map((s) => s.name)).toEqual([
      WRAPPER_STEP_NAME,
      "install poetry==2.2.1 poetry-plugin-export==1.10.1",
      "python -m venv --copies /app/venv",
      "copy pyproject.toml",
      "copy poetry.lock",
      "poetry export --only main | pip install",
    ]);
    const [, manager, venv, , , install] = p.venv.steps;
    expect(script(manager)).toBe(
      `python -m venv /opt/pydock/poetry && /opt/pydock/poetry/bin/pip install --disable-pip-version-check --no-compile poetry==2.2.1 poetry-plugin-export==${POETRY_EXPORT_VERSION}`,
    );
    expect((manager as RunStep).caches).toEqual([PIP_CACHE]);
    expect(script(venv)).toMatch(/^python -m venv --copies --without-pip \/app\/venv && /);
    expect(script(install)).toBe(
      "poetry export --format requirements.txt --output /tmp/pydock-requirements.txt --only main --no-ansi && " +
        "pip --python /app/venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt",
    );
    expect(script(install)).not.toContain("--without-hashes");
    const inst = install as RunStep;
    expect(inst.cwd).toBe(BUILD_DIR);
    expect(inst.caches).toEqual([POETRY_CACHE, PIP_CACHE]);
    expect(POETRY_CACHE).toEqual({ id: "pydock-poetry", target: "/root/.cache/pypoetry", sharing: "locked" });
    // The manager's tool venv comes first on PATH, so the command line names `poetry` and `pip` bare.
    expect(inst.env[0]).toEqual(["PATH", "/opt/pydock/poetry/bin:${PATH}"]);
    expect(envOf(inst)).toMatchObject({
      PATH: "/opt/pydock/poetry/bin:${PATH}",
      VIRTUAL_ENV: "/app/venv",
      POETRY_CACHE_DIR: "/root/.cache/pypoetry",
      POETRY_NO_INTERACTION: "1",
      POETRY_VIRTUALENVS_CREATE: "false",
    });
    expect(inst.ssh).toBe(false);
    expect(userSecrets(inst)).toEqual([]);
    // Manifests land in the build dir; package-mode = false: the project itself is not installed.
    expect(copies(p.venv).map((c) => [c.src, c.dest])).toEqual([
      ["pyproject.toml", `${BUILD_DIR}/pyproject.toml`],
      ["poetry.lock", `${BUILD_DIR}/poetry.lock`],
    ]);
  });

  it("the test target installs main and dev with --only main,dev", () => {
    const p = plan(djangoText, django, { target: "test" });
    expect(script(installStep(p))).toContain(" --only main,dev --no-ansi");
    expect(installStep(p).name).toBe("poetry export --only main,dev | pip install");
    expect(p.image.cmd).toEqual(["pytest", "-q"]);
    expect(p.target).toBe("test");
  });

  it("Poetry 1.8 bundles export: no plugin installed, same selection flags", () => {
    const text = djangoText.replace('manager-version = "2.2.1"', 'manager-version = "1.8.5"');
    const p = plan(text, django);
    expect(p.manager.version).toBe("1.8.5");
    const manager = find(p.venv, /^install poetry/);
    expect(manager.name).toBe("install poetry==1.8.5");
    expect(script(manager)).toMatch(/ poetry==1\.8\.5$/);
    expect(script(manager)).not.toContain("poetry-plugin-export");
    expect(script(installStep(p))).toContain("export --format requirements.txt --output /tmp/pydock-requirements.txt --only main --no-ansi");
  });

  it("the default Poetry version is 2.x and gets the export plugin", () => {
    const p = plan(djangoText.replace(/manager-version = .*\n/, ""), django);
    expect(p.manager.version).toBe(DEFAULT_MANAGER_VERSIONS.poetry);
    expect(Number(DEFAULT_MANAGER_VERSIONS.poetry.split(".")[0])).toBeGreaterThanOrEqual(2);
    expect(script(find(p.venv, /^install poetry/))).toContain("poetry-plugin-export==");
  });

  it("extras become --extras flags, one per extra", () => {
    const text = djangoText.replace('groups = ["main"]', 'groups = ["main"]\nextras = ["postgres", "s3"]');
    const s = script(installStep(plan(text, django)));
    expect(s).toContain("--only main --extras postgres --extras s3 --no-ansi");
  });

  it("adds --without-hashes when the lock has git, path or url sources", () => {
    for (const type of ["git", "directory", "file", "url"]) {
      const lock =
        django.get("poetry.lock") +
        `\n[[package]]\nname = "mylib"\nversion = "1.0"\nfiles = []\n\n[package.source]\ntype = "${type}"\nurl = "https://example.com/mylib.git"\nreference = "main"\n`;
      const p = plan(djangoText, new Map([...django, ["poetry.lock", lock]]));
      expect(script(installStep(p)), type).toContain("--only main --without-hashes --no-ansi");
    }
    // A legacy (index) source still carries hashes.
    const legacy = django.get("poetry.lock") + `\n[package.source]\ntype = "legacy"\nurl = "https://pypi.example.com/simple"\nreference = "private"\n`;
    expect(script(installStep(plan(djangoText, new Map([...django, ["poetry.lock", legacy]]))))).not.toContain("--without-hashes");
  });

  it("a Poetry package (build-system, package mode) is built as a wheel and installed without deps after the sources", () => {
    const pyproject = `[tool.poetry]\nname = "shop"\nversion = "1.2.3"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`;
    const p = plan(`[runtime]\ncommand = ["shop"]\n[app]\ncopy = ["src", "README.md"]\n`, { "pyproject.toml": pyproject, "poetry.lock": "# lock\n" });
    expect(p.python.version).toBe("3.10");
    expect(p.manager.name).toBe("poetry");
    const names = p.venv.steps.map((s) => s.name);
    expect(names.slice(-4)).toEqual(["poetry export --only main | pip install", `copy src ${BUILD_DIR}/src`, `copy README.md ${BUILD_DIR}/README.md`, "install the project (wheel, no deps)"]);
    const last = p.venv.steps.at(-1) as RunStep;
    expect(script(last)).toBe(
      `cd ${BUILD_DIR} && rm -rf dist && poetry build --format wheel --no-ansi && ` +
        "pip --python /app/venv/bin/python install --no-deps --no-compile dist/*.whl",
    );
    expect(last.caches).toEqual([POETRY_CACHE, PIP_CACHE]);
    expect(envOf(last).PATH).toBe("/opt/pydock/poetry/bin:${PATH}");
    // Labels come from [tool.poetry] when there is no [project].
    expect(p.image.labels).toEqual([
      ["org.opencontainers.image.title", "shop"],
      ["org.opencontainers.image.version", "1.2.3"],
    ]);
  });

  it("install-project = false skips the project; true forces it", () => {
    const pyproject = `[project]\nname = "x"\nrequires-python = ">=3.12"\n[tool.poetry]\n[build-system]\nrequires = ["poetry-core"]\n`;
    const project = { "pyproject.toml": pyproject, "poetry.lock": "" };
    const off = plan(`[dependencies]\ninstall-project = false\n[runtime]\ncommand = "x"\n`, project);
    expect(off.venv.steps.at(-1)?.name).toMatch(/^poetry export/);
    const on = plan(`[dependencies]\ninstall-project = true\n[runtime]\ncommand = "x"\n`, { ...project, "pyproject.toml": `[project]\nname = "x"\nrequires-python = ">=3.12"\n[tool.poetry]\npackage-mode = false\n` });
    expect(on.venv.steps.at(-1)?.name).toBe("install the project (wheel, no deps)");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("uv", () => {
  const fastapiText = readFileSync(join(EXAMPLES, "uv-fastapi/pydock.toml"), "utf8");
  const fastapi = example("uv-fastapi");

  it("plans examples/uv-fastapi: frozen sync without the project, then the project non-editable", () => {
    const p = plan(fastapiText, fastapi);
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager).toEqual({ name: "uv", version: DEFAULT_MANAGER_VERSIONS.uv });
    expect(p.venv.steps.map((s) => s.name)).toEqual([
      WRAPPER_STEP_NAME,
      `install uv==${DEFAULT_MANAGER_VERSIONS.uv}`,
      "python -m venv --copies /app/venv",
      "copy pyproject.toml",
      "copy uv.lock",
      "uv sync --frozen --no-install-project --no-editable --no-default-groups",
      `copy . ${BUILD_DIR}`,
      "uv sync --frozen --no-editable --no-default-groups",
    ]);
    const manager = p.venv.steps[1];
    expect(script(manager)).toBe(
      `python -m venv /opt/pydock/uv && /opt/pydock/uv/bin/pip install --disable-pip-version-check --no-compile uv==${DEFAULT_MANAGER_VERSIONS.uv}`,
    );
    const deps = p.venv.steps[5] as RunStep;
    expect(script(deps)).toBe("uv sync --frozen --no-install-project --no-editable --no-default-groups");
    expect(deps.cwd).toBe(BUILD_DIR);
    expect(deps.caches).toEqual([UV_CACHE]);
    expect(UV_CACHE).toEqual({ id: "pydock-uv", target: "/root/.cache/uv", sharing: "shared" });
    expect(envOf(deps)).toEqual({
      PATH: "/opt/pydock/uv/bin:${PATH}",
      VIRTUAL_ENV: "/app/venv",
      CFLAGS: "-g0",
      UV_PROJECT_ENVIRONMENT: "/app/venv",
      UV_CACHE_DIR: "/root/.cache/uv",
      UV_LINK_MODE: "copy",
      UV_PYTHON_DOWNLOADS: "never",
      UV_NO_PROGRESS: "1",
    });
    const project = p.venv.steps[7] as RunStep;
    expect(script(project)).toBe(`cd ${BUILD_DIR} && uv sync --frozen --no-editable --no-default-groups${UV_SCRUB}`);
    const sources = p.venv.steps[6] as CopyStep;
    expect(sources).toMatchObject({ from: "context", src: ".", dest: BUILD_DIR, contents: true, independent: false });
    expect(sources.exclude).toEqual(DEFAULT_EXCLUDES);
  });

  it("groups other than main become --group, extras --extra", () => {
    const text = fastapiText.replace('manager = "uv"', 'manager = "uv"\ngroups = ["main", "dev"]\nextras = ["fast"]');
    const p = plan(text, fastapi);
    expect(installStep(p).name).toBe("uv sync --frozen --no-install-project --no-editable --no-default-groups --group dev --extra fast");
    expect(script(p.venv.steps.at(-1))).toBe(`cd ${BUILD_DIR} && uv sync --frozen --no-editable --no-default-groups --group dev --extra fast${UV_SCRUB}`);
  });

  it("index urls are passed as uv environment", () => {
    const text = fastapiText.replace('manager = "uv"', 'manager = "uv"\nindex-url = "https://pypi.example.com/simple"\nextra-index-urls = ["https://a.example/simple", "https://b.example/simple"]');
    expect(envOf(installStep(plan(text, fastapi)))).toMatchObject({
      UV_DEFAULT_INDEX: "https://pypi.example.com/simple",
      UV_INDEX: "https://a.example/simple https://b.example/simple",
    });
  });

  it("no project install step without a build-system (examples/zero-config), or with [tool.uv] package = false", () => {
    const zero = plan(readFileSync(join(EXAMPLES, "zero-config/pydock.toml"), "utf8"), example("zero-config"));
    expect(zero.venv.steps.at(-1)?.name).toBe("uv sync --frozen --no-install-project --no-editable --no-default-groups");
    expect(zero.venv.steps.filter((s) => s.kind === "run" && s.name.startsWith("uv sync"))).toHaveLength(1);

    const pyproject = fastapi.get("pyproject.toml") + "\n[tool.uv]\npackage = false\n";
    const notPkg = plan(fastapiText, new Map([...fastapi, ["pyproject.toml", pyproject]]));
    expect(notPkg.venv.steps.at(-1)?.name).toBe("uv sync --frozen --no-install-project --no-editable --no-default-groups");
  });

  it("secrets are attached to the install steps; git+ssh sources in the lock add the ssh agent", () => {
    const text = `${fastapiText}\n[[secrets]]\nid = "pypi-token"\nenv = "UV_INDEX_PRIVATE_PASSWORD"\n\n[[secrets]]\nid = "netrc"\ntarget = "/root/.netrc"\nrequired = false\n`;
    const lock = fastapi.get("uv.lock") + '\n[[package]]\nname = "lib"\nsource = { git = "ssh://git@github.com/acme/lib.git" }\n';
    const p = plan(text, new Map([...fastapi, ["uv.lock", lock]]));
    const expected = [
      { id: "pypi-token", env: "UV_INDEX_PRIVATE_PASSWORD", required: true },
      { id: "netrc", target: "/root/.netrc", required: false },
    ];
    expect(userSecrets(installStep(p))).toEqual(expected);
    expect(installStep(p).ssh).toBe(true);
    const project = p.venv.steps.at(-1) as RunStep;
    expect(userSecrets(project)).toEqual(expected);
    expect(project.ssh).toBe(true);
    // Not on the manager install, the venv creation or any runtime step.
    for (const s of [...runs(p.venv).slice(0, 2), ...runs(p.runtime)]) {
      expect(userSecrets(s), s.name).toEqual([]);
      expect(s.ssh, s.name).toBe(false);
    }
    // Without ssh sources, no agent unless [dependencies] ssh = true.
    expect(installStep(plan(fastapiText, fastapi)).ssh).toBe(false);
    expect(installStep(plan(fastapiText.replace('manager = "uv"', 'manager = "uv"\nssh = true'), fastapi)).ssh).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("pip", () => {
  const flaskText = readFileSync(join(EXAMPLES, "pip-flask/pydock.toml"), "utf8");
  const flask = example("pip-flask");

  it("plans examples/pip-flask: requirements copied and installed, no project", () => {
    const p = plan(flaskText, flask);
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager).toEqual({ name: "pip", version: DEFAULT_MANAGER_VERSIONS.pip });
    expect(p.venv.steps.map((s) => s.name)).toEqual([
      WRAPPER_STEP_NAME,
      `install pip==${DEFAULT_MANAGER_VERSIONS.pip}`,
      "python -m venv --copies /app/venv",
      "copy requirements.txt",
      "pip install -r requirements.txt",
    ]);
    const inst = installStep(p);
    expect(script(inst)).toBe("pip --python /app/venv/bin/python install --no-compile -r requirements.txt");
    expect(inst.caches).toEqual([PIP_CACHE]);
    expect(PIP_CACHE).toEqual({ id: "pydock-pip", target: "/root/.cache/pip", sharing: "shared" });
    expect(envOf(inst)).toEqual({
      PATH: "/opt/pydock/pip/bin:${PATH}",
      VIRTUAL_ENV: "/app/venv",
      CFLAGS: "-g0",
      PIP_DISABLE_PIP_VERSION_CHECK: "1", PIP_ROOT_USER_ACTION: "ignore" });
    expect(p.image.cmd).toEqual(["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]);
  });

  it("without [python] version, a requirements-only project cannot tell its Python", () => {
    const text = flaskText.replace(/\[python\]\nversion = .*\n/, "");
    expect(planErrors(text, flask).map((d) => d.message)).toEqual([
      "cannot tell which Python to use: set [python] version, or add a .python-version file or requires-python to pyproject.toml",
    ]);
  });

  it("requirement files are copied and installed in the order given", () => {
    const text = `${PY}[dependencies]\nmanager = "pip"\nrequirements = ["requirements/base.txt", "requirements/prod.txt"]\n[runtime]\ncommand = "serve"\n`;
    const p = plan(text, { "requirements/base.txt": "flask\n", "requirements/prod.txt": "gunicorn\n" });
    expect(p.manager.name).toBe("pip");
    expect(copies(p.venv).map((c) => c.src)).toEqual(["requirements/base.txt", "requirements/prod.txt"]);
    expect(installStep(p).name).toBe("pip install -r requirements/base.txt -r requirements/prod.txt");
    expect(script(installStep(p))).toMatch(/ -r requirements\/base\.txt -r requirements\/prod\.txt$/);
  });

  // Setting [dependencies] requirements says "pip", but detection ignores it: with the files under
  // requirements/ (not requirements*.txt at the top), planBuild fails with "cannot tell how to install".
  it("[dependencies] requirements without manager implies pip", () => {
    const text = `${PY}[dependencies]\nrequirements = ["requirements/base.txt"]\n[runtime]\ncommand = "serve"\n`;
    expect(plan(text, { "requirements/base.txt": "flask\n" }).manager.name).toBe("pip");
  });

  it("index urls are passed as pip environment", () => {
    const text = `${PY}[dependencies]\nindex-url = "https://pypi.example.com/simple"\nextra-index-urls = ["https://x.example/simple"]\n[runtime]\ncommand = "serve"\n`;
    expect(envOf(installStep(plan(text, { "requirements.txt": "flask\n" })))).toMatchObject({
      PIP_INDEX_URL: "https://pypi.example.com/simple",
      PIP_EXTRA_INDEX_URL: "https://x.example/simple",
    });
  });

  // Spec: requirements default "requirements.txt if present". Every top-level requirements*.txt is installed
  // instead, so requirements-dev.txt ends up in the production image.
  it("by default installs requirements.txt only, not requirements-dev.txt", () => {
    const p = plan(`${PY}[runtime]\ncommand = "serve"\n`, { "requirements.txt": "flask\n", "requirements-dev.txt": "pytest\n" });
    expect(installStep(p).name).toBe("pip install -r requirements.txt");
  });

  it("a PEP 621 pyproject without lockfile: pip installs its dependencies, then the package itself", () => {
    const pyproject = `[project]\nname = "svc"\nversion = "2.0"\nrequires-python = ">=3.12"\ndependencies = ["flask>=3", "gunicorn (>=23)"]\n\n[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n`;
    const p = plan(`[runtime]\ncommand = "svc"\n`, { "pyproject.toml": pyproject });
    expect(p.manager.name).toBe("pip");
    expect(p.python.version).toBe("3.12");
    expect(p.venv.steps.map((s) => s.name)).toEqual([
      WRAPPER_STEP_NAME,
      `install pip==${DEFAULT_MANAGER_VERSIONS.pip}`,
      "python -m venv --copies /app/venv",
      "copy pyproject.toml",
      "pip install (pyproject dependencies)",
      `copy . ${BUILD_DIR}`,
      "pip install --no-deps .",
    ]);
    expect(script(installStep(p))).toBe("pip --python /app/venv/bin/python install --no-compile 'flask>=3' 'gunicorn (>=23)'");
    expect(script(p.venv.steps.at(-1))).toBe(`pip --python /app/venv/bin/python install --no-deps --no-compile ${BUILD_DIR}`);
  });

  it("a pyproject without dependencies or build-system installs nothing ('true')", () => {
    const p = plan(`${PY}[dependencies]\nmanager = "pip"\n[runtime]\ncommand = "x"\n`, { "pyproject.toml": `[project]\nname = "x"\n` });
    expect(script(installStep(p))).toBe("true");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("ca-certificates build secret", () => {
  it("steps that reach an index trust the optional ca-certificates secret; others do not", () => {
    for (const name of ["poetry-django", "uv-fastapi", "pip-flask"]) {
      const p = plan(readFileSync(join(EXAMPLES, name, "pydock.toml"), "utf8"), example(name));
      const network = runs(p.venv).filter((s) => s.name !== `python -m venv --copies ${p.venvPath}`);
      expect(network.length, name).toBeGreaterThanOrEqual(2);
      for (const s of network) {
        expect(s.secrets, `${name}: ${s.name}`).toContainEqual(CA_SECRET);
        // Through the wrapper; the script itself carries no CA logic any more.
        expect(s.args.slice(0, 3), s.name).toEqual([RUN_WRAPPER, "/bin/sh", "-c"]);
        expect(s.args, s.name).toHaveLength(4);
        expect(s.args[3], s.name).not.toContain("ca-certificates");
        expect(s.args[3], s.name).not.toContain("SSL_CERT_FILE");
      }
      for (const s of [...runs(p.venv).filter((x) => !network.includes(x)), ...runs(p.runtime)]) {
        expect(s.secrets.map((x) => x.id), `${name}: ${s.name}`).not.toContain(CA_SECRET.id);
        expect(s.args[0], `${name}: ${s.name}`).not.toBe(RUN_WRAPPER);
      }
    }
  });

  it("the venv stage first writes the run wrapper, which holds the CA-bundle logic", () => {
    expect(RUN_WRAPPER).toBe("/opt/pydock/bin/pydock-run");
    for (const name of ["poetry-django", "uv-fastapi", "pip-flask"]) {
      const p = plan(readFileSync(join(EXAMPLES, name, "pydock.toml"), "utf8"), example(name));
      const first = p.venv.steps[0] as FileStep;
      expect(first, name).toEqual({
        kind: "file",
        name: WRAPPER_STEP_NAME,
        path: RUN_WRAPPER,
        data: RUN_WRAPPER_SCRIPT,
        mode: 0o755,
        independent: false,
      });
      // Written before any step runs through it.
      const firstWrapped = p.venv.steps.findIndex((s) => s.kind === "run" && s.args[0] === RUN_WRAPPER);
      expect(firstWrapped, name).toBe(1);
      // Only in the builder: the runtime image never gets the wrapper.
      expect(p.runtime.steps.some((s) => s.kind === "file" && s.path === RUN_WRAPPER), name).toBe(false);
    }
    // With system packages the apt step (no index of pip's) comes first, the wrapper right after it.
    const psycopg = plan(readFileSync(join(EXAMPLES, "psycopg/pydock.toml"), "utf8"), example("psycopg"));
    expect(psycopg.venv.steps.slice(0, 3).map((s) => s.name)).toEqual([
      "apt-get install libpq-dev",
      WRAPPER_STEP_NAME,
      `install ${psycopg.manager.name}==${psycopg.manager.version}`,
    ]);

    // The script: a shell script that trusts the optional secret on top of the system bundle, in /tmp, then execs.
    const lines = RUN_WRAPPER_SCRIPT.split("\n");
    expect(lines[0]).toBe("#!/bin/sh");
    expect(RUN_WRAPPER_SCRIPT).toContain("if [ -s /run/secrets/ca-certificates ]; then");
    expect(RUN_WRAPPER_SCRIPT).toContain(
      "cat /etc/ssl/certs/ca-certificates.crt /run/secrets/ca-certificates > /tmp/pydock-ca.pem 2>/dev/null || cp /run/secrets/ca-certificates /tmp/pydock-ca.pem",
    );
    expect(RUN_WRAPPER_SCRIPT).toContain("export SSL_CERT_FILE=/tmp/pydock-ca.pem PIP_CERT=/tmp/pydock-ca.pem REQUESTS_CA_BUNDLE=/tmp/pydock-ca.pem");
    expect(RUN_WRAPPER_SCRIPT.trimEnd().split("\n").at(-1)).toBe('exec "$@"');
  });

  it("Poetry's selection is installed by pip, so index urls reach it as PIP_ variables", () => {
    const text = readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8").replace('groups = ["main"]', 'groups = ["main"]\nindex-url = "https://pypi.example.com/simple"');
    expect(envOf(installStep(plan(text, example("poetry-django"))))).toMatchObject({ PIP_INDEX_URL: "https://pypi.example.com/simple" });
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("system packages and runtime setup", () => {
  const psycopgText = readFileSync(join(EXAMPLES, "psycopg/pydock.toml"), "utf8");
  const psycopg = example("psycopg");

  it("apt-get installs through locked cache mounts, builder and runtime caches apart (examples/psycopg)", () => {
    const p = plan(psycopgText, psycopg);
    const builder = p.venv.steps[0] as RunStep;
    expect(builder.name).toBe("apt-get install libpq-dev");
    expect(script(builder)).toBe(
      "rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -q && apt-get install -y -q --no-install-recommends -o APT::Keep-Downloaded-Packages=true libpq-dev && " +
        "for f in /var/log/dpkg.log /var/log/alternatives.log /var/log/apt/history.log /var/log/apt/term.log /var/cache/ldconfig/aux-cache; " +
        'do if [ -e "$f" ]; then : > "$f"; fi; done',
    );
    expect(builder.caches).toEqual([
      { id: "pydock-apt-cache-builder", target: "/var/cache/apt", sharing: "locked" },
      { id: "pydock-apt-lists-builder", target: "/var/lib/apt/lists", sharing: "locked" },
    ]);
    expect(envOf(builder)).toEqual({ DEBIAN_FRONTEND: "noninteractive" });
    expect(builder.origin).toEqual({ path: ["dependencies", "system-packages"] });

    const runtime = p.runtime.steps[0] as RunStep;
    expect(runtime.name).toBe("apt-get install libpq5");
    expect(script(runtime)).toMatch(/ libpq5 && for f in \/var\/log\/dpkg\.log /);
    expect(runtime.caches.map((c) => c.id)).toEqual(["pydock-apt-cache-runtime", "pydock-apt-lists-runtime"]);
    expect(runtime.origin).toEqual({ path: ["runtime", "system-packages"] });
    // libpq-dev only in the builder.
    expect(p.runtime.steps.some((s) => s.kind === "run" && script(s).includes("libpq-dev"))).toBe(false);
  });

  it("no apt step without system packages", () => {
    const p = plan(readFileSync(join(EXAMPLES, "uv-fastapi/pydock.toml"), "utf8"), example("uv-fastapi"));
    expect([...p.venv.steps, ...p.runtime.steps].some((s) => s.name.startsWith("apt-get"))).toBe(false);
  });

  it("creates user app as 10001:10001, sets the timezone and chowns the directories (examples/poetry-django)", () => {
    const p = plan(readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8"), example("poetry-django"));
    const setup = p.runtime.steps[0] as RunStep;
    expect(setup.name).toBe("set up user app, timezone Europe/Paris, /db");
    const s = script(setup);
    expect(s.startsWith("set -e; ")).toBe(true);
    expect(APP_UID).toBe(10001);
    expect(s).toContain(`grep -q '^app:' /etc/group || echo "app:x:10001:" >> /etc/group`);
    expect(s).toMatch(/grep -q '\^app:' \/etc\/passwd \|\| echo "app:x:10001:10001::[^:]*:\/usr\/sbin\/nologin" >> \/etc\/passwd/);
    expect(s).toContain("ln -snf /usr/share/zoneinfo/Europe/Paris /etc/localtime && echo Europe/Paris > /etc/timezone");
    expect(s).toContain("mkdir -p /db && chown 10001:10001 /db");
    expect(s).not.toMatch(/useradd|adduser/);
    expect(setup.cwd).toBe("/");
  });

  it("UTC by default; numeric users own the directories as given; root owns them as 0:0", () => {
    const base = `${PY}[runtime]\ncommand = "x"\n`;
    const proj = { "requirements.txt": "" };
    const def = plan(base, proj);
    expect(script(def.runtime.steps[0])).toContain("echo UTC > /etc/timezone");
    expect(def.image.env).toContainEqual(["TZ", "UTC"]);

    const numeric = plan(`${base}user = "1234:5678"\ndirectories = ["/data", "/var/lib/app"]\n`, proj);
    const ns = script(numeric.runtime.steps[0]);
    expect(ns).not.toContain("/etc/passwd");
    expect(ns).toContain("mkdir -p /data /var/lib/app && chown 1234:5678 /data /var/lib/app");
    expect(numeric.image.user).toBe("1234:5678");

    expect(script(plan(`${base}user = "1234"\ndirectories = ["/d"]\n`, proj).runtime.steps[0])).toContain("chown 1234:1234 /d");
    const root = plan(`${base}user = "root"\ndirectories = ["/d"]\n`, proj);
    expect(script(root.runtime.steps[0])).toContain("chown 0:0 /d");
    expect(root.runtime.steps[0]?.name).toBe("set up timezone UTC, /d");
    expect(root.image.user).toBe("0:0");
  });

  it("runtime steps: setup, venv, copies in [app] copy order (each independent), version file, build commands", () => {
    const text = readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8") + `\n`;
    const withCmds = text.replace('build-commands = ["python manage.py collectstatic --noinput"]', `build-commands = ["python manage.py collectstatic --noinput", ["python", "-m", "compileall", "."]]`);
    const rev = "f".repeat(40);
    const p = plan(withCmds, example("poetry-django"), { revision: rev });
    expect(p.runtime.steps.map((s) => s.name)).toEqual([
      "set up user app, timezone Europe/Paris, /db",
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
      "python manage.py collectstatic --noinput",
      "python -m compileall .",
    ]);
    const venvCopy = p.runtime.steps[1] as CopyStep;
    expect(venvCopy).toMatchObject({ from: "venv", src: "/app/venv", dest: "/app/venv", independent: true });
    for (const c of copies(p.runtime)) expect(c.independent, c.name).toBe(true);
    expect((p.runtime.steps[6] as CopyStep).origin).toEqual({ path: ["app", "copy", 4] });
    // Excludes are rebased onto the copied folder: only the ** patterns apply inside "blog".
    expect((p.runtime.steps[6] as CopyStep).exclude).toEqual(DEFAULT_EXCLUDES.filter((e) => e.startsWith("**/")));
    const version = p.runtime.steps[11] as CopyStep;
    expect(version).toMatchObject({ from: "git", src: "/app/.version", dest: "/app/.version" });
    const shell = p.runtime.steps[12] as RunStep;
    expect(shell.args).toEqual(["/bin/sh", "-c", "python manage.py collectstatic --noinput"]);
    expect(shell.cwd).toBe("/app");
    expect(shell.env.slice(0, 4)).toEqual([
      ["PATH", "/app/venv/bin:${PATH}"],
      ["VIRTUAL_ENV", "/app/venv"],
      ["PYTHONUNBUFFERED", "1"],
      ["PYTHONDONTWRITEBYTECODE", "1"],
    ]);
    expect(envOf(shell)).toMatchObject({ DEBUG: "false", DB_BASE_DIR: "/db" });
    expect((p.runtime.steps[13] as RunStep).args).toEqual(["python", "-m", "compileall", "."]);
    expect(p.runtime.steps[13]?.origin).toEqual({ path: ["app", "build-commands", 1] });
  });

  it("the default copy of the whole context excludes the venv when it lies inside workdir", () => {
    const p = plan(`${PY}[runtime]\ncommand = "x"\n[app]\nexclude = ["docs", "*.md"]\n`, { "requirements.txt": "" });
    const c = copies(p.runtime).find((x) => x.from === "context");
    expect(c).toMatchObject({ src: ".", dest: "/app", contents: true });
    expect(c?.exclude).toEqual([...DEFAULT_EXCLUDES, "docs", "*.md", "venv"]);
  });

  it("the git stage writes the revision to the version file; none without a revision or with version-file = \"\"", () => {
    const rev = "a".repeat(40);
    const text = `${PY}[runtime]\ncommand = "x"\n`;
    const p = plan(text, { "requirements.txt": "" }, { revision: rev });
    expect(p.git).toEqual({
      name: "git",
      base: null,
      steps: [{ kind: "file", name: `write .version (${"a".repeat(12)})`, path: "/app/.version", data: `${rev}\n`, mode: 0o644, independent: true, origin: { path: ["git", "version-file"] } }],
    });
    expect(p.warnings).toEqual([]);

    const none = plan(text, { "requirements.txt": "" });
    expect(none.git).toBeUndefined();
    expect(none.warnings).toHaveLength(1);
    expect(none.warnings[0]).toMatch(/no commit id/);
    expect(none.runtime.steps.some((s) => s.kind === "copy" && s.from === "git")).toBe(false);

    const off = plan(`${text}[git]\nversion-file = ""\n`, { "requirements.txt": "" }, { revision: rev });
    expect(off.git).toBeUndefined();
    expect(off.warnings).toEqual([]);

    const nested = plan(`${text}[git]\nversion-file = "meta/VERSION"\n[app]\nworkdir = "/srv"\n`, { "requirements.txt": "" }, { revision: rev });
    expect((nested.git?.steps[0] as { path: string }).path).toBe("/srv/meta/VERSION");
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("detection", () => {
  it.each([
    [">=3.11", "3.11"],
    ["^3.11", "3.11"],
    ["~=3.10", "3.10"],
    [">=3.9,<4", "3.9"],
    [">=3.9, <4.0", "3.9"],
    [">3.10", "3.11"],
    ["~3.12", "3.12"],
    ["==3.12.*", "3.12"],
    [">=3.10,!=3.11.*", "3.10"],
    ["<4", undefined],
    ["", undefined],
  ])("lowestPython(%j) = %j", (spec, want) => {
    expect(lowestPython(spec)).toBe(want);
  });

  const noCmd = `[runtime]\ncommand = "x"\n`;

  it(".python-version wins over requires-python", () => {
    const pyproject = `[project]\nname = "a"\nrequires-python = ">=3.10"\ndependencies = ["x"]\n`;
    expect(plan(noCmd, { "pyproject.toml": pyproject, ".python-version": "3.12\n" }).python.version).toBe("3.12");
    expect(plan(noCmd, { "pyproject.toml": pyproject, ".python-version": "# pinned\n\ncpython-3.13.1\n" }).python.version).toBe("3.13.1");
    expect(plan(noCmd, { "pyproject.toml": pyproject }).python.version).toBe("3.10");
    // Poetry's own python constraint when there is no requires-python.
    expect(plan(noCmd, { "pyproject.toml": `[tool.poetry.dependencies]\npython = "^3.9"\n`, "poetry.lock": "" }).python.version).toBe("3.9");
  });

  it("[python] version wins over detection", () => {
    expect(plan(`${PY}${noCmd}`, { "requirements.txt": "", ".python-version": "3.10" }).python.version).toBe("3.12");
  });

  it("distro: trixie from 3.13 on, bookworm before; images follow", () => {
    expect(defaultDistro("3.12")).toBe("bookworm");
    expect(defaultDistro("3.13")).toBe("trixie");
    expect(defaultDistro("3.14.0")).toBe("trixie");
    expect(defaultDistro("3.9")).toBe("bookworm");
    const p = plan(`[python]\nversion = "3.13"\n${noCmd}`, { "requirements.txt": "" });
    expect(p.python).toEqual({ version: "3.13", distro: "trixie" });
    expect(p.venv.base).toBe("python:3.13-trixie");
    expect(p.runtime.base).toBe("python:3.13-slim-trixie");
    const explicit = plan(`[python]\nversion = "3.13"\ndistro = "bookworm"\nbuilder-image = "registry.example/py:b"\n${noCmd}`, { "requirements.txt": "" });
    expect(explicit.venv.base).toBe("registry.example/py:b");
    expect(explicit.runtime.base).toBe("python:3.13-slim-bookworm");
  });

  it("manager from lockfiles", () => {
    const pyproject = parsePyproject(`[project]\nname = "a"\ndependencies = ["x"]\n`);
    expect(detectManager(files({ "uv.lock": "" }), undefined)).toEqual({ ok: true, value: "uv" });
    expect(detectManager(files({ "poetry.lock": "" }), undefined)).toEqual({ ok: true, value: "poetry" });
    expect(detectManager(files({ "requirements.txt": "" }), undefined)).toEqual({ ok: true, value: "pip" });
    expect(detectManager(files({ "pyproject.toml": "" }), pyproject)).toEqual({ ok: true, value: "pip" });
    expect(detectManager(files({ "uv.lock": "", "pyproject.toml": "" }), pyproject)).toEqual({ ok: true, value: "uv" });
    const none = detectManager(files({}), undefined);
    expect(none.ok).toBe(false);
  });

  it("several candidate managers is an error naming them", () => {
    const text = `${PY}${noCmd}`;
    const d = planErrors(text, { "uv.lock": "", "poetry.lock": "", "requirements.txt": "", "pyproject.toml": `[project]\nname="a"\n` });
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toBe(
      "several package managers fit this project: uv (uv.lock), poetry (poetry.lock), pip (requirements.txt); choose one with [dependencies] manager",
    );
    // Setting the manager settles it.
    const lock = `version = 1\n[[package]]\nname = "a"\nversion = "0"\nsource = { virtual = "." }\n`;
    expect(plan(`${PY}[dependencies]\nmanager = "uv"\n${noCmd}`, { "uv.lock": lock, "poetry.lock": "", "pyproject.toml": `[project]\nname="a"\n` }).manager.name).toBe("uv");
  });

  it("command: a single project script, Django, FastAPI, Flask", () => {
    const script1 = parsePyproject(`[project]\nname = "a"\n[project.scripts]\nserve = "a.cli:main"\n`);
    expect(detectCommand(files({}), script1)).toEqual({ ok: true, value: { kind: "exec", args: ["serve"] } });

    const django = example("poetry-django");
    expect(detectCommand(files(django), undefined)).toEqual({
      ok: true,
      value: { kind: "exec", args: ["/bin/sh", "-c", "exec gunicorn blog.wsgi --bind 0.0.0.0:${PORT:-8000}"] },
    });
    // manage.py without a wsgi module is not Django enough.
    expect(detectCommand(files({ "manage.py": "" }), undefined).ok).toBe(false);

    expect(detectCommand(files(example("uv-fastapi")), undefined)).toEqual({
      ok: true,
      value: { kind: "exec", args: ["/bin/sh", "-c", "exec uvicorn fastapi_app.main:app --host 0.0.0.0 --port ${PORT:-8000}"] },
    });
    expect(detectCommand(files(example("zero-config")), undefined)).toEqual({
      ok: true,
      value: { kind: "exec", args: ["/bin/sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"] },
    });
    expect(detectCommand(files(example("pip-flask")), undefined)).toEqual({
      ok: true,
      value: { kind: "exec", args: ["/bin/sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:${PORT:-8000}"] },
    });
    expect(detectCommand(files({ "app.py": "import flask\nserver = flask.Flask(__name__)\n" }), undefined).ok).toBe(false);
    expect(detectCommand(files({ "wsgi.py": "from flask import Flask\nserver = Flask(__name__)\n" }), undefined)).toMatchObject({
      value: { args: ["/bin/sh", "-c", "exec gunicorn wsgi:server --bind 0.0.0.0:${PORT:-8000}"] },
    });
  });

  it("command: nothing to go on, or several scripts, is an error asking for [runtime] command", () => {
    expect(detectCommand(files({ "lib.py": "print(1)\n" }), undefined)).toEqual({ ok: false, message: "cannot tell how to start the application: set [runtime] command" });
    const two = parsePyproject(`[project]\nname = "a"\n[project.scripts]\na = "a:x"\nb = "a:y"\n`);
    expect(detectCommand(files({}), two)).toEqual({
      ok: false,
      message: "several [project.scripts] entries (a, b): choose the start command with [runtime] command",
    });
    const d = planErrors(PY, { "requirements.txt": "" });
    expect(d.map((x) => x.message)).toEqual(["cannot tell how to start the application: set [runtime] command"]);
  });

  it("zero-config: everything detected from the project files", () => {
    const p = plan(readFileSync(join(EXAMPLES, "zero-config/pydock.toml"), "utf8"), example("zero-config"));
    expect(p.python).toEqual({ version: "3.11", distro: "bookworm" });
    expect(p.manager.name).toBe("uv");
    expect(p.image.cmd).toEqual(["/bin/sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"]);
    expect(p.image.user).toBe("10001:10001");
    expect(p.output).toBe("runtime");
  });

  it("the venv target needs no start command", () => {
    const p = plan(PY, { "requirements.txt": "" }, { target: "venv" });
    expect(p.output).toBe("venv");
    expect(p.target).toBe("venv");
    expect(p.image).toMatchObject({ user: "0:0", workdir: BUILD_DIR, cmd: undefined, entrypoint: undefined, healthcheck: undefined, labels: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("errors point into pydock.toml", () => {
  it("all detection problems at once, at the enclosing keys (or 1:1 when absent)", () => {
    const d = planErrors(`# syntax=x\n`, { "lib.py": "" });
    expect(d.map((x) => x.message)).toEqual([
      "cannot tell which Python to use: set [python] version, or add a .python-version file or requires-python to pyproject.toml",
      "cannot tell how to install the dependencies: no uv.lock, poetry.lock, requirements.txt or pyproject.toml in the build context; set [dependencies] manager",
      "cannot tell how to start the application: set [runtime] command",
    ]);
    for (const x of d) {
      expect(x.file).toBe("pydock.toml");
      expect(x.range.start).toEqual({ line: 1, column: 1 });
    }
    const text = `# syntax=x\n\n[python]\ndistro = "bookworm"\n\n[runtime]\nexpose = [8000]\n`;
    const at = planErrors(text, { "requirements.txt": "" });
    expect(at.map((x) => [x.range.start.line, x.message.slice(0, 20)])).toEqual([
      [lineOf(text, "[python]"), "cannot tell which Py"],
      [lineOf(text, "[runtime]"), "cannot tell how to s"],
    ]);
  });

  it("unknown target lists the targets, at [targets] when the file has some", () => {
    const text = readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8");
    const d = planErrors(text, example("poetry-django"), { target: "prod" });
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toBe('unknown target "prod"; this file has: runtime, venv, test');
    expect(d[0]?.range.start.line).toBe(lineOf(text, "[targets.test]"));
    const none = planErrors(`${PY}[runtime]\ncommand = "x"\n`, { "requirements.txt": "" }, { target: "prod" });
    expect(none[0]?.message).toBe('unknown target "prod"; this file has: runtime, venv');
    expect(none[0]?.range.start).toEqual({ line: 1, column: 1 });
  });

  it("unknown dependency group, at the group's item", () => {
    const text = `${PY}\n[dependencies]\nmanager = "uv"\ngroups = ["main", "tests"]\n\n[runtime]\ncommand = "x"\n`;
    const fastapi = example("uv-fastapi");
    const d = planErrors(text, fastapi);
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toBe('unknown dependency group "tests" (pyproject.toml declares: dev)');
    expect(d[0]?.range.start).toEqual({ line: lineOf(text, "groups = "), column: columnOf(text, '"tests"') });
  });

  it("unknown group in a [targets.NAME] override points at the target's key", () => {
    const text = readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8").replace('dependencies.groups = ["main", "dev"]', 'dependencies.groups = ["main", "qa"]');
    const d = planErrors(text, example("poetry-django"), { target: "test" });
    expect(d[0]?.message).toBe('unknown dependency group "qa" (pyproject.toml declares: main, dev)');
    expect(d[0]?.range.start.line).toBe(lineOf(text, 'dependencies.groups = ["main", "qa"]'));
    // The runtime target does not use the override.
    expect(() => plan(text, example("poetry-django"))).not.toThrow();
  });

  it("missing requirements file, at its item", () => {
    const text = `${PY}[dependencies]\nrequirements = [\n  "requirements.txt",\n  "requirements/prod.txt",\n]\n[runtime]\ncommand = "x"\n`;
    const d = planErrors(text, { "requirements.txt": "" });
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toBe('requirements file "requirements/prod.txt" is not in the build context');
    expect(d[0]?.range.start).toEqual({ line: lineOf(text, '"requirements/prod.txt"'), column: 3 });
  });

  it("a manager whose lockfile is missing, at manager", () => {
    const text = `${PY}\n[dependencies]\nmanager = "poetry"\n\n[runtime]\ncommand = "x"\n`;
    const d = planErrors(text, { "pyproject.toml": `[project]\nname = "a"\n` });
    expect(d.map((x) => x.message)).toEqual(["manager is poetry but poetry.lock is not in the build context (run `poetry lock`)"]);
    expect(d[0]?.range.start).toEqual({ line: lineOf(text, "manager ="), column: 1 });
    const uv = planErrors(text.replace('"poetry"', '"uv"'), {});
    expect(uv.map((x) => x.message)).toEqual([
      "manager is uv but pyproject.toml is not in the build context",
      "manager is uv but uv.lock is not in the build context (run `uv lock`)",
    ]);
    expect(planErrors(text.replace('"poetry"', '"pip"'), {}).map((x) => x.message)).toEqual([
      "manager is pip but there is no requirements.txt or pyproject.toml in the build context",
    ]);
  });

  it("a uv.lock that does not match pyproject.toml is reported at manager", () => {
    const fastapi = example("uv-fastapi");
    const text = readFileSync(join(EXAMPLES, "uv-fastapi/pydock.toml"), "utf8");
    expect(() => plan(text, fastapi)).not.toThrow();
    const pyproject = (fastapi.get("pyproject.toml") ?? "").replace('"uvicorn>=0.54",', '"uvicorn>=0.54",\n    "redis>=5",');
    const d = planErrors(text, new Map([...fastapi, ["pyproject.toml", pyproject]]));
    expect(d.map((x) => x.message)).toEqual([expect.stringMatching(/^uv\.lock is out of date: .*redis.*\(run `uv lock`\)$/)]);
    expect(d[0]?.range.start.line).toBe(lineOf(text, "manager = "));
  });

  it("an invalid pyproject.toml is reported, not thrown raw", () => {
    const d = planErrors(`${PY}[dependencies]\nmanager = "pip"\n[runtime]\ncommand = "x"\n`, { "pyproject.toml": "[project\nname = 1\n" });
    expect(d[0]?.message).toMatch(/^pyproject\.toml is not valid TOML: /);
  });

  it("UserError's message is file:line:column: message", () => {
    try {
      plan(`${PY}[dependencies]\nmanager = "pip"\nrequirements = ["nope.txt"]\n[runtime]\ncommand = "x"\n`, {});
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('pydock.toml:5:17: requirements file "nope.txt" is not in the build context');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe("image plan", () => {
  const djangoText = readFileSync(join(EXAMPLES, "poetry-django/pydock.toml"), "utf8");
  const django = example("poetry-django");

  it("examples/poetry-django: user, workdir, env in order, command, ports, healthcheck probe", () => {
    const p = plan(djangoText, django);
    expect(p.image.user).toBe("10001:10001");
    expect(p.image.workdir).toBe("/app");
    expect(p.image.env).toEqual([
      ["PATH", "/app/venv/bin:${PATH}"],
      ["VIRTUAL_ENV", "/app/venv"],
      ["PYTHONUNBUFFERED", "1"],
      ["PYTHONDONTWRITEBYTECODE", "1"],
      ["TZ", "Europe/Paris"],
      ["SECRET_KEY", "change-me-in-production"],
      ["DEBUG", "false"],
      ["HOST", "*"],
      ["DB_BASE_DIR", "/db"],
    ]);
    expect(p.image.cmd).toEqual(["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"]);
    expect(p.image.entrypoint).toBeUndefined();
    expect(p.image.exposedPorts).toEqual(["8000/tcp"]);
    expect(p.image.stopSignal).toBe("SIGTERM");
    expect(p.image.healthcheck).toEqual({
      test: ["CMD", "/app/venv/bin/python", "-c", httpProbe("http://localhost:8000/health/", 2000)],
      intervalMs: 30_000,
      timeoutMs: 2_000,
      startPeriodMs: 30_000,
      retries: 3,
    });
    expect(httpProbe("http://localhost:8000/health/", 2000)).toBe(
      'import sys, urllib.request; sys.exit(0 if urllib.request.urlopen("http://localhost:8000/health/", timeout=2).status < 400 else 1)',
    );
    expect(httpProbe("http://x/", 1500)).toContain("timeout=2)");
    expect(httpProbe("http://x/", 10)).toContain("timeout=1)");
  });

  it("[runtime] env comes after the Python defaults, so a user value wins", () => {
    const p = plan(`${PY}[runtime]\ncommand = "x"\nenv = { PYTHONUNBUFFERED = "0" }\n`, { "requirements.txt": "" });
    // The plan lists both; the later one wins when applied (mergeEnv / State env).
    expect(p.image.env.filter(([k]) => k === "PYTHONUNBUFFERED").at(-1)).toEqual(["PYTHONUNBUFFERED", "0"]);
  });

  it("a command healthcheck, an entrypoint and a shell-form command", () => {
    const text = `${PY}[runtime]\nentrypoint = ["tini", "--"]\ncommand = "exec serve --port 80"\nstop-signal = "SIGINT"\n[runtime.healthcheck]\ncommand = ["python", "-m", "svc.health"]\ninterval = "10s"\nretries = 5\n`;
    const p = plan(text, { "requirements.txt": "" });
    expect(p.image.entrypoint).toEqual(["tini", "--"]);
    expect(p.image.cmd).toEqual(["/bin/sh", "-c", "exec serve --port 80"]);
    expect(p.image.stopSignal).toBe("SIGINT");
    expect(p.image.healthcheck).toMatchObject({ test: ["CMD", "python", "-m", "svc.health"], intervalMs: 10_000, retries: 5 });
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
    expect(noGitLabels.image.labels.map(([k]) => k)).toEqual(["org.opencontainers.image.title", "org.opencontainers.image.version", "com.example.team"]);
    // No epoch, no created label.
    expect(plan(djangoText, django).image.labels.map(([k]) => k)).not.toContain("org.opencontainers.image.created");
  });

  it("workdir: [runtime] workdir over [app] workdir", () => {
    const base = `${PY}[app]\nworkdir = "/srv"\n[runtime]\ncommand = "x"\n`;
    expect(plan(base, { "requirements.txt": "" }).image.workdir).toBe("/srv");
    expect(plan(`${base}workdir = "/srv/run"\n`, { "requirements.txt": "" }).image.workdir).toBe("/srv/run");
  });
});
