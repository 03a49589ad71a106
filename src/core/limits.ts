/**
 * The limits on what pydock reads. Each keeps the cost of an input bounded (well under a second) and each is
 * reported as a problem at the place that goes past it, never as a crash or a hang. Far above anything a
 * real project writes; documented in README.md ("When the build fails") and docs/pydock-toml.md ("Limits").
 */

/** pydock.toml, in bytes of UTF-8. */
export const MAX_BUILD_FILE_BYTES = 1024 * 1024;

/**
 * Levels of nesting in pydock.toml: every key of a key path (`[targets.test.runtime]` is 3, dotted keys
 * count each part), every array and inline table. The deepest key of the contract is 6 levels down.
 */
export const MAX_NESTING = 32;

/**
 * Keys, table headers and array items in pydock.toml. Each can become a build step (a copy, a build command)
 * on every platform, so this bounds the LLB too: 2,000 build commands on two platforms compile in about
 * 0.3 s.
 */
export const MAX_ENTRIES = 2_000;

/** Characters in one string, key or number of pydock.toml. */
export const MAX_TOKEN_CHARS = 32 * 1024;

/** Characters that `${NAME}` substitution may add to pydock.toml's strings, over the whole file. */
export const MAX_EXPANSION_CHARS = 1024 * 1024;

/**
 * A lockfile or requirement file (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt), or a
 * Python module detection reads, in bytes of UTF-8. Also what the frontend transfers of any project file.
 */
export const MAX_PROJECT_FILE_BYTES = 8 * 1024 * 1024;

/** Lines of any project file pydock reads (detection and the requirement readers work line by line). */
export const MAX_PROJECT_FILE_LINES = 100_000;

/**
 * The other project files — pyproject.toml (of the project and of workspace members), setup.py, setup.cfg,
 * Pipfile, mise.toml, .python-version, .tool-versions, runtime.txt — in bytes: pyproject.toml is parsed
 * whole, several times.
 */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** The latest SOURCE_DATE_EPOCH: file times in LLB are int64 nanoseconds (2262-04-11T23:47:16Z). */
export const MAX_EPOCH_SECONDS = 9_223_372_036;

/**
 * The longest health check duration, in milliseconds: the image config holds it as int64 nanoseconds (Go's
 * time.Duration), about 292 years.
 */
export const MAX_DURATION_MS = 9_223_372_036_854;

/** "1 MiB", "32 KiB", "8 MiB". */
export function formatBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
