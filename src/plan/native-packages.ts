/**
 * Debian packages that well-known PyPI distributions need: to build them from source in the venv stage
 * (headers, `*-config` tools) and to run them in the runtime image. Applied when the distribution is among
 * the project's dependencies and `[runtime] auto-system-packages` is true (the default); the user's own
 * `system-packages` come first. Only names that are the same on Debian bookworm and trixie, or given per
 * release.
 *
 * `run` lists only what the venv stage cannot find (runtime-libraries.ts finds the shared libraries that
 * compiled extensions link, such as psycopg2's libpq5): libraries loaded with ctypes/dlopen (psycopg's
 * libpq), programs a package runs (poppler's pdftoppm, ffmpeg), and libraries the builder image does not
 * have, so no Debian package can be named for them there (opencv's libGL and GLib).
 *
 * Sources: each distribution's own install notes (psycopg2 needs pg_config and libpq, mysqlclient
 * mysql_config/pkg-config, pycairo cairo's headers, pyodbc unixODBC, pdf2image poppler's pdftoppm, pydub
 * ffmpeg, opencv-python libGL and GLib at import time).
 */
import type { ProjectFiles } from "./project.js";

/** Package names: one list for every release, or a list per Debian release codename. */
type Packages = readonly string[] | Readonly<Record<string, readonly string[]>>;

export interface NativeNeeds {
  /** Installed in the venv stage before the dependencies. */
  readonly build?: Packages;
  /** Installed in the runtime image. */
  readonly run?: Packages;
}

/** By PEP 503 name. */
export const NATIVE_PACKAGES: Readonly<Record<string, NativeNeeds>> = {
  psycopg2: { build: ["libpq-dev"] },
  psycopg: { run: ["libpq5"] },
  "psycopg-c": { build: ["libpq-dev"] },
  mysqlclient: { build: ["default-libmysqlclient-dev", "pkg-config"] },
  pycairo: { build: ["libcairo2-dev", "pkg-config"] },
  pyodbc: { build: ["unixodbc-dev"] },
  "pdf2image": { run: ["poppler-utils"] },
  pydub: { run: ["ffmpeg"] },
  "opencv-python": { run: { bookworm: ["libgl1", "libglib2.0-0"], trixie: ["libgl1", "libglib2.0-0t64"] } },
  "opencv-contrib-python": { run: { bookworm: ["libgl1", "libglib2.0-0"], trixie: ["libgl1", "libglib2.0-0t64"] } },
};

function forRelease(p: Packages | undefined, distro: string): readonly string[] {
  if (p === undefined) return [];
  if (Array.isArray(p)) return p;
  return (p as Readonly<Record<string, readonly string[]>>)[distro] ?? [];
}

export interface NativeSelection {
  readonly build: string[];
  readonly run: string[];
  /** The distributions that brought packages, in table order. */
  readonly because: string[];
}

export const NO_NATIVE: NativeSelection = { build: [], run: [], because: [] };

/** Any name of {@link NATIVE_PACKAGES} as a file may spell it: any case, any run of "-", "_" or "." between words. */
const NATIVE_MENTION = new RegExp(Object.keys(NATIVE_PACKAGES).map((n) => n.split("-").join("[-_.]+")).join("|"), "i");

/**
 * Whether any of the project's files names a distribution of {@link NATIVE_PACKAGES}, as text. False means
 * {@link nativePackages} would find nothing, so a project naming none skips reading its lockfiles' dependency
 * graph (a 2,000-package uv.lock: about 30 ms of the frontend's compile).
 */
export function mayNeedNativePackages(files: ProjectFiles): boolean {
  return files.paths.some((p) => NATIVE_MENTION.test(files.read(p) ?? ""));
}

/** The Debian packages the installed distributions `names` need on `distro`. */
export function nativePackages(names: ReadonlySet<string>, distro: string): NativeSelection {
  const build = new Set<string>();
  const run = new Set<string>();
  const because: string[] = [];
  for (const [name, needs] of Object.entries(NATIVE_PACKAGES)) {
    if (!names.has(name)) continue;
    because.push(name);
    for (const p of forRelease(needs.build, distro)) build.add(p);
    for (const p of forRelease(needs.run, distro)) run.add(p);
  }
  return { build: [...build], run: [...run], because };
}
