/**
 * Debian packages that well-known PyPI distributions need: to build them from source in the venv stage
 * (headers, `*-config` tools) and to run them in the runtime image. Applied when the distribution is among
 * the project's dependencies and `[runtime] auto-system-packages` is true (the default); the user's own
 * `system-packages` come first. Only names that are the same on Debian bookworm and trixie, or given per
 * release (trixie renamed many libraries for the 64-bit time_t transition: libmagic1 → libmagic1t64).
 *
 * `run` lists only what the venv stage cannot find (runtime-libraries.ts finds the shared libraries that
 * compiled extensions link, such as psycopg2's libpq5 or python-ldap's libldap, whose package is
 * libldap-2.5-0 on bookworm and libldap2 on trixie): libraries loaded with ctypes/cffi's dlopen (psycopg's
 * libpq, python-magic's libmagic, cairocffi's cairo, WeasyPrint's Pango, pyvips' libvips), programs a
 * package runs (poppler's pdftoppm, ffmpeg, Graphviz's dot), and libraries the builder image does not have,
 * so no Debian package can be named for them there (opencv's libGL and GLib).
 *
 * `build` lists headers for distributions that are built from source on the platforms pydock builds for
 * (no Linux wheel on PyPI: psycopg2, mysqlclient, mariadb, python-ldap, pycairo, dbus-python, PyAudio). A
 * distribution with manylinux wheels for x86-64 and arm64 (lxml, Pillow, pycurl, xmlsec, pymssql,
 * cryptography, pygraphviz 2) gets no entry: its wheel needs no header, and an entry would add an apt
 * step to every such build for nothing. When one does build from source (a Python too new for its wheels,
 * `--no-binary`), the install wrapper names the missing package from the compiler's error (wrapper.ts);
 * the official builder image (python:X-<distro>, built on buildpack-deps) installs the headers of lxml and
 * Pillow's main codecs (libxml2-dev, libxslt-dev, libjpeg-dev, zlib1g-dev, libpng-dev, libwebp-dev) and of
 * pycurl (libcurl4-openssl-dev, libssl-dev) itself. cryptography's source build needs Rust 1.85 or newer
 * (its Cargo.toml rust-version), which Debian has from trixie on (bookworm's rustc is 1.63): no entry can
 * fix that on bookworm, so the wrapper explains it instead.
 *
 * Sources, each distribution's own install notes: psycopg2 needs pg_config and libpq; mysqlclient
 * mysql_config/pkg-config; mariadb MariaDB Connector/C (mariadb_config, libmariadb-dev); python-ldap
 * (Doc/installing.rst, "Debian") libldap2-dev and libsasl2-dev (libldap-dev is the real package on both
 * releases, libldap2-dev a transitional name for it); pycairo cairo's headers; pyodbc unixODBC; dbus-python
 * libdbus-1 and GLib through pkg-config (its meson.build); PyAudio (README) portaudio19's development files;
 * python-magic (README, "Debian/Ubuntu") libmagic1, loaded through ctypes; cairocffi cairo, loaded through
 * cffi's dlopen (cairosvg uses cairocffi); WeasyPrint (first_steps.rst, "Debian ≥ 11", wheels)
 * libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0, loaded through cffi's dlopen; pyvips (README) the
 * libvips shared library unless pyvips-binary brings its own; graphviz and pydot run Graphviz's `dot`;
 * pdf2image poppler's pdftoppm; pydub ffmpeg; opencv-python libGL and GLib at import time.
 */
import type { ProjectFiles } from "./project.js";

/** Package names: one list for every release, or a list per Debian release codename. */
type Packages = readonly string[] | Readonly<Record<string, readonly string[]>>;

export interface NativeNeeds {
  /** Installed in the venv stage before the dependencies. */
  readonly build?: Packages;
  /** Installed in the runtime image. */
  readonly run?: Packages;
  /** Distributions that bring what this entry adds themselves: when one of them is installed too, the entry is skipped. */
  readonly unless?: readonly string[];
}

const MAGIC: NativeNeeds = { run: { bookworm: ["libmagic1"], trixie: ["libmagic1t64"] } };
const CAIRO: NativeNeeds = { run: ["libcairo2"] };
const DOT: NativeNeeds = { run: ["graphviz"] };
const OPENCV: NativeNeeds = { run: { bookworm: ["libgl1", "libglib2.0-0"], trixie: ["libgl1", "libglib2.0-0t64"] } };

/** By PEP 503 name. */
export const NATIVE_PACKAGES: Readonly<Record<string, NativeNeeds>> = {
  psycopg2: { build: ["libpq-dev"] },
  // Binary wheels, but none for a Python newer than the pinned release: then pip builds it from source.
  "psycopg2-binary": { build: ["libpq-dev"] },
  psycopg: { run: ["libpq5"], unless: ["psycopg-binary"] },
  "psycopg-c": { build: ["libpq-dev"] },
  mysqlclient: { build: ["default-libmysqlclient-dev", "pkg-config"] },
  mariadb: { build: ["libmariadb-dev"] },
  "python-ldap": { build: ["libldap-dev", "libsasl2-dev"] },
  pycairo: { build: ["libcairo2-dev", "pkg-config"] },
  pyodbc: { build: ["unixodbc-dev"] },
  "dbus-python": { build: ["libdbus-1-dev", "libglib2.0-dev", "pkg-config"] },
  pyaudio: { build: ["portaudio19-dev"] },
  "python-magic": MAGIC,
  "file-magic": MAGIC,
  cairocffi: CAIRO,
  cairosvg: CAIRO,
  weasyprint: { run: ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"] },
  pyvips: { run: { bookworm: ["libvips42"], trixie: ["libvips42t64"] }, unless: ["pyvips-binary"] },
  graphviz: DOT,
  pydot: DOT,
  pdf2image: { run: ["poppler-utils"] },
  pydub: { run: ["ffmpeg"] },
  "opencv-python": OPENCV,
  "opencv-contrib-python": OPENCV,
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
    if (!names.has(name) || needs.unless?.some((n) => names.has(n))) continue;
    const b = forRelease(needs.build, distro);
    const r = forRelease(needs.run, distro);
    // A distribution with nothing to add on this release does not count as a reason.
    if (b.length + r.length === 0) continue;
    because.push(name);
    for (const p of b) build.add(p);
    for (const p of r) run.add(p);
  }
  return { build: [...build], run: [...run], because };
}
