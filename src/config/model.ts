/**
 * The validated form of a pydock.toml (spec: pydock-toml.md). Produced by `loadConfig`, consumed by the
 * planner. Values are already substituted (`${NAME}`), defaulted and normalised; keys that the spec fills
 * by detection (Python version, manager, command...) stay `undefined` here and are detected by the planner
 * from the project's files.
 */
import type { Range } from "../core/diagnostics.js";

/** A command in exec form (`["gunicorn", "app.wsgi"]`) or shell form (`"python manage.py migrate"`). */
export type Command =
  | { readonly kind: "exec"; readonly args: readonly string[] }
  | { readonly kind: "shell"; readonly script: string };

export type ManagerName = "poetry" | "uv" | "pip" | "pdm" | "pipenv";

/** A path of keys into the TOML document, e.g. `["runtime", "healthcheck", "http"]` or `["app", "copy", 2]`. */
export type KeyPath = readonly (string | number)[];

export interface PythonConfig {
  /** "3.11" or "3.11.9"; undefined → detected from .python-version / requires-python. */
  readonly version: string | undefined;
  /** Debian codename shared by both stages; undefined → the default for the Python version. */
  readonly distro: string | undefined;
  /** Explicit images; undefined → `python:{version}-{distro}` and `python:{version}-slim-{distro}`. */
  readonly builderImage: string | undefined;
  readonly runtimeImage: string | undefined;
}

export interface DependenciesConfig {
  readonly manager: ManagerName | undefined;
  /** undefined → the version pinned by this frontend release for the manager. */
  readonly managerVersion: string | undefined;
  /** undefined → production only (poetry "main", uv/PEP 735 no dev group). */
  readonly groups: readonly string[] | undefined;
  readonly extras: readonly string[];
  /** pip requirement files in order; undefined → requirements.txt if present. */
  readonly requirements: readonly string[] | undefined;
  readonly installProject: "auto" | boolean;
  /** Absolute path of the virtual environment, identical in builder and runtime. Default "<[app] workdir>/.venv". */
  readonly venv: string;
  /** Debian packages installed in the builder before the dependencies. */
  readonly systemPackages: readonly string[];
  readonly indexUrl: string | undefined;
  readonly extraIndexUrls: readonly string[];
  /** Mount the default SSH agent on the install step. */
  readonly ssh: boolean;
}

export interface GitConfig {
  /** Relative to [app] workdir; "" turns the git stage off. Default ".version". */
  readonly versionFile: string;
  /** Add org.opencontainers.image.revision / .source labels. Default true. */
  readonly labels: boolean;
}

export interface AppConfig {
  /** Absolute. Default "/app". */
  readonly workdir: string;
  /** Context paths copied into workdir in order, one layer each. Default ["."]. */
  readonly copy: readonly string[];
  /** Extra exclude patterns (on top of .dockerignore and the default excludes). */
  readonly exclude: readonly string[];
  readonly buildCommands: readonly Command[];
  /** A uv workspace member to install as the application (`uv sync --package`); undefined: the root. */
  readonly package: string | undefined;
  /**
   * Who owns the copied application files: "runtime" (the runtime user, so an app that writes next to its
   * code works) or "root" (read-only to the app). Default "runtime".
   */
  readonly owner: "runtime" | "root";
}

export type HealthcheckTest =
  | { readonly kind: "http"; readonly url: string }
  | { readonly kind: "command"; readonly command: Command };

export interface HealthcheckConfig {
  readonly test: HealthcheckTest;
  /** Durations in milliseconds. Defaults: interval 30s, timeout 5s, start-period 0s; retries 3. */
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly startPeriodMs: number;
  readonly retries: number;
}

export interface RuntimeConfig {
  /** undefined → detected (project script, Django, FastAPI, Flask). */
  readonly command: Command | undefined;
  readonly entrypoint: Command | undefined;
  /**
   * Commands run at container start, in order, before the command (which then replaces them as PID 1);
   * undefined → detected (Django's migrate), [] → none.
   */
  readonly before: readonly Command[] | undefined;
  /** undefined → [app] workdir. */
  readonly workdir: string | undefined;
  /** "app" (created, uid/gid 10001) by default; "root"; or "UID[:GID]"; or another name to create. */
  readonly user: string;
  /** In file order. */
  readonly env: readonly (readonly [string, string])[];
  /** Normalised to "PORT/proto", e.g. "8000/tcp". */
  readonly expose: readonly string[];
  /** Default "UTC". */
  readonly timezone: string;
  readonly directories: readonly string[];
  readonly systemPackages: readonly string[];
  /**
   * Add the Debian packages the dependencies need: those the venv's shared libraries link that the runtime
   * image lacks (plan/runtime-libraries.ts), and the static table's (native-packages.ts). Default true.
   */
  readonly autoSystemPackages: boolean;
  /**
   * Before the runtime image is returned, check in a step that adds no layer that the venv's interpreter
   * runs in it and that the command's entry point resolves (plan/smoke-test.ts). Default true.
   */
  readonly smokeTest: boolean;
  /**
   * When a detected web app's dependencies hold no production server, add gunicorn (WSGI) or uvicorn (ASGI)
   * to the venv from pydock's pinned set (plan/added-server.ts). Default true.
   */
  readonly addServer: boolean;
  readonly labels: readonly (readonly [string, string])[];
  /** Default "SIGTERM". */
  readonly stopSignal: string;
  readonly healthcheck: HealthcheckConfig | undefined;
}

export interface SecretConfig {
  readonly id: string;
  /** Exposed as this environment variable on the install step. */
  readonly env: string | undefined;
  /** Or mounted as this file on the install step. */
  readonly target: string | undefined;
  readonly required: boolean;
}

/** `[check]`: lint rules to skip (rule ids, or "all"), for `pydock check` and `--call=check`. */
export interface CheckConfig {
  readonly skip: readonly string[];
}

/** One buildable target: `runtime` (the file's top-level tables) or a `[targets.NAME]` merged over it. */
export interface TargetConfig {
  readonly name: string;
  readonly dependencies: DependenciesConfig;
  readonly app: AppConfig;
  readonly runtime: RuntimeConfig;
  /**
   * Where a key of this target was written: the target's own override when it has one, else the top-level
   * key, else the enclosing table. `locate(["dependencies", "groups"])`.
   */
  locate(path: KeyPath): Range | undefined;
  /** The value of a key of this target as written, before `${ARGS}` substitution (looked up like `locate`). */
  written(path: KeyPath): unknown;
}

export interface PydockConfig {
  /** The build file's name as the user knows it, e.g. "pydock.toml". */
  readonly filename: string;
  /** Resolved arguments: [args] defaults overridden by build args, plus SOURCE_DATE_EPOCH when given. */
  readonly args: ReadonlyMap<string, string>;
  readonly python: PythonConfig;
  readonly git: GitConfig;
  readonly secrets: readonly SecretConfig[];
  readonly check: CheckConfig;
  /** Always holds "runtime", then every [targets.NAME] in file order. */
  readonly targets: ReadonlyMap<string, TargetConfig>;
  /** Where a top-level key was written, e.g. `locate(["python", "version"])`. */
  locate(path: KeyPath): Range | undefined;
  /** The value at `path` as written, before `${ARGS}` substitution; undefined when absent. */
  written(path: KeyPath): unknown;
  /**
   * The end of the file: where a table it lacks would be written, so a problem that no written key explains
   * ("several package managers fit: choose one with [dependencies] manager") points where the fix goes.
   */
  readonly end: Range;
}
