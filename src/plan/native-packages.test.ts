import { describe, expect, it } from "vitest";
import { mayNeedNativePackages, nativePackages, NATIVE_PACKAGES } from "./native-packages.js";
import { projectFiles } from "./project.js";
import { dependencyNames } from "./detect/dependencies.js";

const files = (entries: Record<string, string>) => projectFiles(new Map(Object.entries(entries)));

describe("mayNeedNativePackages: the quick check before reading the dependency graph", () => {
  it("finds every name of the table however a file spells it", () => {
    for (const name of Object.keys(NATIVE_PACKAGES)) {
      const spelled = name.toUpperCase().replace(/-/g, "_");
      expect(mayNeedNativePackages(files({ "requirements.txt": `flask\n${spelled}==1.0\n` })), name).toBe(true);
    }
    expect(mayNeedNativePackages(files({ "uv.lock": '[[package]]\nname = "opencv.python"\n' }))).toBe(true);
  });

  it("is false only when no file names any of them, so nativePackages would find nothing", () => {
    const none = files({ "pyproject.toml": '[project]\nname = "x"\ndependencies = ["flask", "psycopg-binary-pool"]\n', "uv.lock": '[[package]]\nname = "flask"\n' });
    // "psycopg-binary-pool" contains "psycopg": a mention is enough to read the graph, which then decides.
    expect(mayNeedNativePackages(none)).toBe(true);
    const nothing = files({ "pyproject.toml": '[project]\nname = "x"\ndependencies = ["flask"]\n', "uv.lock": '[[package]]\nname = "flask"\n' });
    expect(mayNeedNativePackages(nothing)).toBe(false);
    expect(nativePackages(new Set(["flask"]), "bookworm").because).toEqual([]);
    expect(mayNeedNativePackages(files({}))).toBe(false);
  });
});

/**
 * Every Debian package name the table may add, as `apt-cache policy` found it (a candidate version, not a
 * virtual or transitional name) in each release's main archive. A name added to the table must be checked the
 * same way on both releases and added here: trixie renamed many libraries (t64), and apt fails the whole
 * install on one unknown name.
 */
const VERIFIED: Readonly<Record<string, ReadonlySet<string>>> = (() => {
  const both = [
    "libpq-dev", "libpq5", "default-libmysqlclient-dev", "pkg-config", "libmariadb-dev", "libldap-dev", "libsasl2-dev",
    "libcairo2-dev", "unixodbc-dev", "libdbus-1-dev", "libglib2.0-dev", "portaudio19-dev", "libcairo2",
    "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "graphviz", "poppler-utils", "ffmpeg", "libgl1",
  ];
  return {
    bookworm: new Set([...both, "libmagic1", "libvips42", "libglib2.0-0"]),
    trixie: new Set([...both, "libmagic1t64", "libvips42t64", "libglib2.0-0t64"]),
  };
})();

const pick = (names: string[], distro: string) => nativePackages(new Set(names), distro);

describe("NATIVE_PACKAGES: the Debian packages well-known distributions need", () => {
  it("names only packages verified on each release, and gives per-release lists for both releases", () => {
    for (const [name, needs] of Object.entries(NATIVE_PACKAGES)) {
      for (const packages of [needs.build, needs.run]) {
        if (packages === undefined || Array.isArray(packages)) continue;
        expect(Object.keys(packages).sort(), name).toEqual(["bookworm", "trixie"]);
      }
      for (const distro of ["bookworm", "trixie"]) {
        const s = pick([name], distro);
        expect(s.build.length + s.run.length, `${name} adds something on ${distro}`).toBeGreaterThan(0);
        for (const p of [...s.build, ...s.run]) expect(VERIFIED[distro]?.has(p), `${name} on ${distro}: ${p}`).toBe(true);
      }
    }
  });

  it("python-ldap: its headers to build (SASL too); the libraries it links are left to the ELF scan", () => {
    for (const distro of ["bookworm", "trixie"]) {
      // libldap2-dev is a transitional name on both releases; the runtime package (libldap-2.5-0 on bookworm,
      // libldap2 on trixie) is what runtime-libraries.ts names from the extension's NEEDED entries.
      expect(pick(["python-ldap"], distro)).toEqual({ build: ["libldap-dev", "libsasl2-dev"], run: [], because: ["python-ldap"] });
    }
  });

  it("python-magic: libmagic at run time (ctypes, so the ELF scan cannot see it), under each release's name", () => {
    expect(pick(["python-magic"], "bookworm")).toEqual({ build: [], run: ["libmagic1"], because: ["python-magic"] });
    expect(pick(["python-magic"], "trixie")).toEqual({ build: [], run: ["libmagic1t64"], because: ["python-magic"] });
    expect(pick(["file-magic"], "trixie").run).toEqual(["libmagic1t64"]);
  });

  it("libraries loaded with cffi's dlopen and programs a package runs", () => {
    expect(pick(["weasyprint"], "trixie").run).toEqual(["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]);
    expect(pick(["cairosvg", "cairocffi"], "bookworm")).toEqual({ build: [], run: ["libcairo2"], because: ["cairocffi", "cairosvg"] });
    expect(pick(["pydot"], "bookworm").run).toEqual(["graphviz"]);
    expect(pick(["pyvips"], "bookworm").run).toEqual(["libvips42"]);
    expect(pick(["pyvips"], "trixie").run).toEqual(["libvips42t64"]);
  });

  it("skips an entry when a distribution that brings the library itself is installed too", () => {
    expect(pick(["pyvips", "pyvips-binary"], "trixie")).toEqual({ build: [], run: [], because: [] });
  });

  it("adds no build package for distributions with Linux wheels (their source builds get the wrapper's hint)", () => {
    for (const name of ["lxml", "pillow", "pycurl", "xmlsec", "pymssql", "cryptography", "pygraphviz", "uwsgi"]) {
      expect(NATIVE_PACKAGES[name], name).toBeUndefined();
    }
  });

  it("merges the packages of several distributions once each, in table order, and names only those that added some", () => {
    const s = pick(["mysqlclient", "pycairo", "psycopg2", "flask"], "bookworm");
    expect(s.build).toEqual(["libpq-dev", "default-libmysqlclient-dev", "pkg-config", "libcairo2-dev"]);
    expect(s.because).toEqual(["psycopg2", "mysqlclient", "pycairo"]);
    // A release the table has no list for: nothing to add, and no reason given.
    expect(pick(["python-magic"], "bullseye")).toEqual({ build: [], run: [], because: [] });
  });
});

describe("extras that bring a binary build", () => {
  it("psycopg[binary] and pyvips[binary] need no runtime library from Debian", () => {
    const names = dependencyNames(projectFiles(new Map([["requirements.txt", "psycopg[binary]==3.2.3\npyvips[binary]==2.2.3\n"]])), undefined).names;
    expect(nativePackages(names, "bookworm")).toEqual({ build: [], run: [], because: [] });
    const plain = dependencyNames(projectFiles(new Map([["requirements.txt", "psycopg==3.2.3\n"]])), undefined).names;
    expect(nativePackages(plain, "bookworm").run).toEqual(["libpq5"]);
  });
});
