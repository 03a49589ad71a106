/**
 * How each package manager installs a project's dependencies into the venv, as command lines. The manager
 * itself lives in its own tool venv under /opt/pydock (builder only), never in the application's venv.
 */
import type { DependenciesConfig, ManagerName } from "../config/model.js";
import type { CacheMount } from "./types.js";

/** Manager versions this frontend release installs when [dependencies] manager-version is not set. */
export const DEFAULT_MANAGER_VERSIONS: Readonly<Record<ManagerName, string>> = {
  poetry: "2.2.1",
  uv: "0.9.5",
  pip: "25.3",
};

export const TOOLS_DIR = "/opt/pydock";
/** The `poetry export` plugin installed beside Poetry 2.x (1.x bundles it). */
export const POETRY_EXPORT_VERSION = "1.10.1";

export const PIP_CACHE: CacheMount = { id: "pydock-pip", target: "/root/.cache/pip", sharing: "shared" };
export const POETRY_CACHE: CacheMount = { id: "pydock-poetry", target: "/root/.cache/pypoetry", sharing: "locked" };
export const UV_CACHE: CacheMount = { id: "pydock-uv", target: "/root/.cache/uv", sharing: "shared" };

/** A command line with its environment and caches. */
export interface ManagerCommand {
  readonly name: string;
  readonly script: string;
  readonly env: readonly (readonly [string, string])[];
  readonly caches: readonly CacheMount[];
}

const q = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** Installs the manager, pinned, into its tool venv. */
export function installManager(manager: ManagerName, version: string): ManagerCommand {
  const pkg = `${manager}==${version}`;
  // Poetry 2 no longer bundles `poetry export`, which pydock uses to hand the locked selection to pip.
  const extra = manager === "poetry" && major(version) >= 2 ? ` ${q(`poetry-plugin-export==${POETRY_EXPORT_VERSION}`)}` : "";
  return {
    // The name lists the plugin too, so the build output tells which Poetry dialect is in use.
    name: `install ${pkg}${extra}`,
    script: `python -m venv ${TOOLS_DIR}/${manager} && ${TOOLS_DIR}/${manager}/bin/pip install --disable-pip-version-check --no-compile ${q(pkg)}${extra}`,
    env: [["PIP_ROOT_USER_ACTION", "ignore"]],
    caches: [PIP_CACHE],
  };
}

/** Creates the application venv with copies of the interpreter (it moves to another image) and no pip. */
export function createVenv(venv: string): ManagerCommand {
  // --copies makes python, python3 and python3.X three copies of one binary; keep one, link the others.
  const dedupe = `cd ${q(venv)}/bin && real=$(ls python3.* | head -n 1) && ln -sf "$real" python && ln -sf "$real" python3`;
  return {
    name: `python -m venv --copies ${venv}`,
    script: `python -m venv --copies --without-pip ${q(venv)} && ${dedupe}`,
    env: [],
    caches: [],
  };
}

/** Where a manager and its selection settings come from. */
export interface InstallInput {
  readonly manager: ManagerName;
  readonly version: string;
  readonly deps: DependenciesConfig;
  readonly venv: string;
  /** pip: requirement files, in order. */
  readonly requirements: readonly string[];
  /** pip without requirement files: the project's declared dependencies (PEP 621). */
  readonly declaredDependencies: readonly string[];
  /** The lock has git, path or URL packages, which carry no hashes: install without hash checking. */
  readonly lockHasUnhashable: boolean;
}

const major = (version: string) => Number(version.split(".")[0] ?? 0);

/** Poetry flags selecting groups and extras; the same in Poetry 1.8 and 2.x. */
function poetrySelection(deps: DependenciesConfig): string[] {
  const groups = deps.groups ?? ["main"];
  const flags = [`--only ${q(groups.join(","))}`];
  for (const e of deps.extras) flags.push(`--extras ${q(e)}`);
  return flags;
}

/** uv flags: production only unless groups are given ("main" is the project's own dependencies). */
function uvSelection(deps: DependenciesConfig): string[] {
  const flags = ["--no-default-groups"];
  for (const g of deps.groups ?? []) if (g !== "main") flags.push(`--group ${q(g)}`);
  for (const e of deps.extras) flags.push(`--extra ${q(e)}`);
  return flags;
}

function indexEnv(manager: ManagerName, deps: DependenciesConfig): [string, string][] {
  const env: [string, string][] = [];
  if (manager !== "uv") {
    // Poetry's selection is installed by pip, so pip's settings apply to it too.
    if (deps.indexUrl) env.push(["PIP_INDEX_URL", deps.indexUrl]);
    if (deps.extraIndexUrls.length) env.push(["PIP_EXTRA_INDEX_URL", deps.extraIndexUrls.join(" ")]);
  } else if (manager === "uv") {
    if (deps.indexUrl) env.push(["UV_DEFAULT_INDEX", deps.indexUrl]);
    if (deps.extraIndexUrls.length) env.push(["UV_INDEX", deps.extraIndexUrls.join(" ")]);
  }
  return env;
}

function managerEnv(input: InstallInput): [string, string][] {
  const { manager, venv } = input;
  // The manager's tool venv first on PATH: command lines read `poetry export …`, `uv sync …`, `pip …`.
  const common: [string, string][] = [
    ["PATH", `${TOOLS_DIR}/${manager}/bin:\${PATH}`],
    ["VIRTUAL_ENV", venv],
    // C extensions built from source: no debug info, which embeds the random build directory's path.
    ["CFLAGS", "-g0"],
    ...indexEnv(manager, input.deps),
  ];
  switch (manager) {
    case "poetry":
      return [
        ...common,
        ["POETRY_CACHE_DIR", POETRY_CACHE.target],
        ["POETRY_NO_INTERACTION", "1"],
        ["POETRY_VIRTUALENVS_CREATE", "false"],
      ];
    case "uv":
      return [
        ...common,
        ["UV_PROJECT_ENVIRONMENT", venv],
        ["UV_CACHE_DIR", UV_CACHE.target],
        ["UV_LINK_MODE", "copy"],
        ["UV_PYTHON_DOWNLOADS", "never"],
        ["UV_NO_PROGRESS", "1"],
      ];
    case "pip":
      return [...common, ["PIP_DISABLE_PIP_VERSION_CHECK", "1"], ["PIP_ROOT_USER_ACTION", "ignore"]];
  }
}

/** Installs the locked dependencies, not the project: only manifests are in place at this point. */
export function installDependencies(input: InstallInput): ManagerCommand {
  const env = managerEnv(input);
  switch (input.manager) {
    case "poetry": {
      // Poetry selects the locked packages (groups, extras, markers) and checks the lock is current; pip
      // installs exactly those files, hash-checked, from its cache mount. Same result as `poetry install
      // --no-root`, without Poetry's installer (which needs PyPI's per-release JSON API).
      const selection = poetrySelection(input.deps);
      const hashes = input.lockHasUnhashable ? " --without-hashes" : "";
      const exported = "/tmp/pydock-requirements.txt";
      const script =
        `poetry export --format requirements.txt --output ${exported} ${selection.join(" ")}${hashes} --no-ansi && ` +
        `pip --python ${q(input.venv)}/bin/python install --no-deps --no-compile -r ${exported}`;
      return { name: `poetry export ${selection.join(" ")} | pip install`, script, env, caches: [POETRY_CACHE, PIP_CACHE] };
    }
    case "uv": {
      const args = ["sync", "--frozen", "--no-install-project", "--no-editable", ...uvSelection(input.deps)];
      return { name: `uv ${args.join(" ")}`, script: `uv ${args.join(" ")}`, env, caches: [UV_CACHE] };
    }
    case "pip": {
      const pip = `pip --python ${q(input.venv)}/bin/python install --no-compile`;
      if (input.requirements.length > 0) {
        const files = input.requirements.map((r) => `-r ${q(r)}`).join(" ");
        return { name: `pip install ${files}`, script: `${pip} ${files}`, env, caches: [PIP_CACHE] };
      }
      const reqs = input.declaredDependencies.map(q).join(" ");
      const script = reqs ? `${pip} ${reqs}` : "true";
      return { name: "pip install (pyproject dependencies)", script, env, caches: [PIP_CACHE] };
    }
  }
}

/** Installs the project itself, non-editable and without dependencies, from the sources in `src`. */
export function installProject(input: InstallInput, src: string): ManagerCommand {
  const env = managerEnv(input);
  switch (input.manager) {
    case "uv": {
      const args = ["sync", "--frozen", "--no-editable", ...uvSelection(input.deps)];
      // uv records the source tree's modification times in uv_cache.json: drop it (and its RECORD line) so
      // the venv does not change with the time of the checkout.
      const site = `${q(input.venv)}/lib/python*/site-packages/*.dist-info`;
      const scrub = `rm -f ${site}/uv_cache.json && sed -i '/uv_cache\\.json/d' ${site}/RECORD`;
      return { name: `uv ${args.join(" ")}`, script: `cd ${q(src)} && uv ${args.join(" ")} && ${scrub}`, env, caches: [UV_CACHE] };
    }
    case "poetry": {
      // `poetry install` would install the project editable; build a wheel and install that instead.
      const script =
        `cd ${q(src)} && rm -rf dist && poetry build --format wheel --no-ansi && ` +
        `pip --python ${q(input.venv)}/bin/python install --no-deps --no-compile dist/*.whl`;
      return { name: "install the project (wheel, no deps)", script, env, caches: [POETRY_CACHE, PIP_CACHE] };
    }
    case "pip": {
      const script = `pip --python ${q(input.venv)}/bin/python install --no-deps --no-compile ${q(src)}`;
      return { name: "pip install --no-deps .", script, env, caches: [PIP_CACHE] };
    }
  }
}

/** The build secret holding extra CA certificates (PEM) to trust while installing. */
export const CA_SECRET_ID = "ca-certificates";
export const CA_SECRET_PATH = "/run/secrets/ca-certificates";
/** The wrapper every step that reaches a package index runs through. */
export const RUN_WRAPPER = `${TOOLS_DIR}/bin/pydock-run`;

/**
 * The wrapper's text: when the build was given `--secret id=ca-certificates,src=…`, pip, Poetry and uv trust
 * those certificates on top of the system's (for TLS-intercepting proxies). The combined bundle goes to /tmp,
 * a tmpfs on every run step, so it never reaches a layer.
 */
export const RUN_WRAPPER_SCRIPT = `#!/bin/sh
# pydock: trust the optional ca-certificates build secret, then run the command.
if [ -s ${CA_SECRET_PATH} ]; then
  cat /etc/ssl/certs/ca-certificates.crt ${CA_SECRET_PATH} > /tmp/pydock-ca.pem 2>/dev/null || cp ${CA_SECRET_PATH} /tmp/pydock-ca.pem
  export SSL_CERT_FILE=/tmp/pydock-ca.pem PIP_CERT=/tmp/pydock-ca.pem REQUESTS_CA_BUNDLE=/tmp/pydock-ca.pem
fi
exec "$@"
`;
