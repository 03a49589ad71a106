/** The install-step wrapper, run for real with /bin/sh: exit status kept, output kept, hints on known failures. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MISSING_HINTS, OTHER_HINTS, RUN_WRAPPER_SCRIPT } from "./wrapper.js";

const dir = mkdtempSync(join(tmpdir(), "pydock-wrapper-"));
const script = join(dir, "pydock-run");
writeFileSync(script, RUN_WRAPPER_SCRIPT, { mode: 0o755 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `sh -c CMD` through the wrapper; stdout and stderr apart. */
const wrapped = (cmd: string, env: Record<string, string> = {}) =>
  spawnSync("/bin/sh", [script, "/bin/sh", "-c", cmd], { encoding: "utf8", env: { PATH: process.env["PATH"], ...env } });

describe("the install wrapper", () => {
  it("runs the command with its output and exit status", () => {
    const ok = wrapped("echo installed; echo warning >&2");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("installed");
    expect(ok.stdout).toContain("warning");
    expect(ok.stderr).toBe("");
    expect(wrapped("exit 7").status).toBe(7);
  });

  it("names the Debian package and the key when a known header or tool is missing", () => {
    const r = wrapped(`echo "src/psycopg/pq.c:1:10: fatal error: libpq-fe.h: No such file or directory"; exit 1`);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("pydock: this build needs the Debian package(s) libpq-dev: add them to [dependencies] system-packages in pydock.toml\n");
    const mysql = wrapped(`echo "OSError: mysql_config not found" >&2; exit 1`);
    expect(mysql.stderr).toContain("default-libmysqlclient-dev pkg-config");
  });

  it("says nothing on other failures, and nothing when the command succeeds", () => {
    expect(wrapped("echo 'No matching distribution found for nope'; exit 1").stderr).toBe("");
    expect(wrapped("echo 'cairo.h is mentioned'; exit 0").stderr).toBe("");
  });

  it("names the index URLs from pydock.toml, without credentials, when an index cannot be reached", () => {
    const pip = wrapped(
      `echo "WARNING: Retrying after connection broken by 'NewConnectionError(... Failed to establish a new connection: [Errno 111] Connection refused')': /simple/blinker/"; exit 1`,
      { PIP_INDEX_URL: "https://user:s3cret@pypi.example.com/simple", PIP_EXTRA_INDEX_URL: "http://127.0.0.1:9/simple" },
    );
    expect(pip.status).toBe(1);
    expect(pip.stderr).toBe(
      "pydock: the install could not reach a package index (Failed to establish a new connection): https://pypi.example.com/simple http://127.0.0.1:9/simple. Check [dependencies] index-url and extra-index-urls in pydock.toml (or the project's index settings) and that the build can reach it.\n",
    );
    expect(pip.stdout + pip.stderr).not.toContain("s3cret@");
    const uv = wrapped(`echo "  Caused by: dns error: failed to lookup address information: Name or service not known" >&2; exit 2`, { UV_DEFAULT_INDEX: "https://nowhere.invalid/simple" });
    expect(uv.status).toBe(2);
    expect(uv.stderr).toContain("(dns error): https://nowhere.invalid/simple.");
    const poetry = wrapped(`echo "HTTPSConnectionPool(host='x', port=443): Max retries exceeded"; exit 1`);
    expect(poetry.stderr).toContain("(Max retries exceeded): the index the project's own settings name.");
  });

  it("quotes every needle safely for the shell", () => {
    for (const [needle] of MISSING_HINTS) {
      const r = wrapped(`printf '%s\\n' '${needle.replace(/'/g, `'\\''`)}'; exit 2`);
      expect(r.status, needle).toBe(2);
      expect(r.stderr, needle).toMatch(/^pydock: this build needs/);
    }
  });

  it("names the hint's own packages for every needle: no earlier needle matches a later one's text", () => {
    MISSING_HINTS.forEach(([needle, pkg], i) => {
      for (const [earlier, other] of MISSING_HINTS.slice(0, i)) if (other !== pkg) expect(needle.includes(earlier), `"${earlier}" shadows "${needle}"`).toBe(false);
    });
  });

  it("names only packages verified (apt-cache policy) on bookworm and trixie, as real, not virtual, names", () => {
    const verified = new Set([
      "libpq-dev", "default-libmysqlclient-dev", "pkg-config", "libmariadb-dev", "libcairo2-dev", "libdbus-1-dev", "libffi-dev",
      "libssl-dev", "freetds-dev", "unixodbc-dev", "libkrb5-dev", "libldap-dev", "libsasl2-dev", "libcurl4-openssl-dev",
      "libxmlsec1-dev", "libxml2-dev", "libxslt1-dev", "libjpeg-dev", "zlib1g-dev", "libfreetype-dev", "libmagic-dev",
      "libyaml-dev", "portaudio19-dev", "libsnappy-dev", "libgraphviz-dev",
    ]);
    for (const [needle, pkgs] of MISSING_HINTS) for (const p of pkgs.split(" ")) expect(verified.has(p), `${needle}: ${p}`).toBe(true);
  });

  it("python-ldap built from source without its headers: pip's output ends with libldap-dev and libsasl2-dev", () => {
    // pip 25.3's output for python-ldap 3.4.4 on python:3.11-bookworm, shortened.
    const pip = [
      "  error: subprocess-exited-with-error",
      "  × Building wheel for python-ldap (pyproject.toml) did not run successfully.",
      "  ╰─> [104 lines of output]",
      "      building '_ldap' extension",
      "      In file included from Modules/LDAPObject.c:3:",
      "      Modules/common.h:15:10: fatal error: lber.h: No such file or directory",
      "         15 | #include <lber.h>",
      "      compilation terminated.",
      "      [end of output]",
      "  ERROR: Failed building wheel for python-ldap",
    ];
    const r = wrapped(`printf '%s\\n' ${pip.map((l) => `'${l}'`).join(" ")}; exit 1`);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("fatal error: lber.h: No such file or directory");
    expect(r.stderr).toBe("pydock: this build needs the Debian package(s) libldap-dev libsasl2-dev: add them to [dependencies] system-packages in pydock.toml\n");
    // clang spells it differently; SASL alone missing names SASL alone.
    expect(wrapped(`echo "Modules/common.h:15:10: fatal error: 'lber.h' file not found"; exit 1`).stderr).toContain("libldap-dev libsasl2-dev");
    expect(wrapped(`echo "Modules/LDAPObject.c:18:10: fatal error: sasl/sasl.h: No such file or directory"; exit 1`).stderr).toContain("package(s) libsasl2-dev:");
  });

  it("finds a needle uv wrapped over two lines", () => {
    // uv wraps its messages, the build backend's output included, at 80 columns.
    const r = wrapped(`printf '      OSError: mysql_config\\n      not found\\n' >&2; exit 2`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("package(s) default-libmysqlclient-dev pkg-config:");
  });

  it("names the package for the other common source builds", () => {
    const cases: [string, string][] = [
      ["src/_pymssql.c:1234:10: fatal error: sqlfront.h: No such file or directory", "freetds-dev"],
      ["src/pyodbc.h:56:10: fatal error: sql.h: No such file or directory", "unixodbc-dev"],
      ["Could not run curl-config: [Errno 2] No such file or directory: 'curl-config'", "libcurl4-openssl-dev"],
      ["distutils.errors.DistutilsError: xmlsec1 is not installed or not in path.", "libxmlsec1-dev pkg-config"],
      ["The headers or library files could not be found for jpeg,", "libjpeg-dev"],
      ["src/_imagingft.c:11:10: fatal error: ft2build.h: No such file or directory", "libfreetype-dev"],
      ["OSError: mariadb_config not found.", "libmariadb-dev"],
      ['../meson.build:111:10: ERROR: Dependency "dbus-1" not found, tried pkgconfig', "libdbus-1-dev pkg-config"],
      ["src/pyaudio/device_api.c:8:10: fatal error: portaudio.h: No such file or directory", "portaudio19-dev"],
      ["FileNotFoundError: [Errno 2] No such file or directory: 'pkg-config'", "pkg-config"],
      ["pygraphviz/graphviz_wrap.c:3020:10: fatal error: graphviz/cgraph.h: No such file or directory", "libgraphviz-dev"],
      ["fatal error: magic.h: No such file or directory", "libmagic-dev"],
    ];
    for (const [line, pkg] of cases) {
      expect(wrapped(`printf '%s\\n' '${line.replace(/'/g, `'\\''`)}'; exit 1`).stderr, line).toBe(`pydock: this build needs the Debian package(s) ${pkg}: add them to [dependencies] system-packages in pydock.toml\n`);
    }
  });

  it("explains a Rust build: no Rust at all, or Debian's too old", () => {
    const none = wrapped(`echo "      Cargo, the Rust package manager, is not installed or is not on PATH."; exit 1`);
    expect(none.stderr).toMatch(/^pydock: this build compiles Rust code .*a release that has a wheel.*add cargo to \[dependencies\] system-packages .*\[python\] distro = "trixie"/);
    expect(wrapped(`echo "error: can't find Rust compiler"; exit 1`).stderr).toBe(none.stderr);
    const old = wrapped(
      `printf '%s\\n' '      error: package \`cryptography-rust v0.1.0\` cannot be built because it requires rustc 1.85.0 or newer, while the currently' '      active rustc version is 1.63.0'; exit 1`,
    );
    expect(old.stderr).toMatch(/^pydock: this build needs a newer Rust than the builder image's Debian cargo \(bookworm's is 1\.63\)/);
    for (const [needle] of OTHER_HINTS) expect(wrapped(`printf '%s\\n' '${needle.replace(/'/g, `'\\''`)}'; exit 3`).stderr, needle).toMatch(/^pydock: this build (compiles Rust|needs a newer Rust)/);
  });
});

