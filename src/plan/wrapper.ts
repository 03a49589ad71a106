/**
 * The wrapper every venv-stage step that reaches a package index runs through: it makes pip, Poetry and uv
 * trust the optional `ca-certificates` build secret (a PEM bundle, for TLS-intercepting proxies) on top of
 * the system's, and when the step fails the way a missing system library makes builds fail (a C header, a
 * `*-config` tool, a Rust toolchain), it ends the output with the Debian package to add and the key to add
 * it to ({@link MISSING_HINTS}, {@link OTHER_HINTS}); when it fails because a package index cannot be
 * reached, it names the index URLs from pydock.toml (without credentials) and the keys that set them. Its
 * files go to /tmp, a tmpfs on every run step, so nothing reaches a layer.
 */
import type { SecretMount } from "./types.js";

/** Where pydock keeps its own tools in the venv stage (never in the runtime image). */
export const TOOLS_DIR = "/opt/pydock";

/** The build secret holding extra CA certificates (PEM) to trust while installing. */
export const CA_SECRET_ID = "ca-certificates";
export const CA_SECRET_PATH = "/run/secrets/ca-certificates";
export const CA_SECRET: SecretMount = { id: CA_SECRET_ID, target: CA_SECRET_PATH, required: false };

/** The wrapper's path in the venv stage. */
export const RUN_WRAPPER = `${TOOLS_DIR}/bin/pydock-run`;

/**
 * Headers and tools whose absence fails a source build, and the Debian package(s) (the same names on bookworm
 * and trixie) that bring them, first match wins: a needle that contains another comes before it ("mysql.h"
 * before "sql.h"). Needles are compiler messages (`lber.h: No such file or directory`, clang's `'lber.h' file
 * not found`) reduced to the header's path, or the message a build script prints when a `*-config` tool or a
 * pkg-config module is missing. The distributions in the comments are the usual source of the failure.
 */
export const MISSING_HINTS: readonly (readonly [string, string])[] = [
  // psycopg2, psycopg-c
  ["pg_config executable not found", "libpq-dev"],
  ["libpq-fe.h", "libpq-dev"],
  // mysqlclient, mariadb
  ["mysql_config not found", "default-libmysqlclient-dev pkg-config"],
  ["Can not find valid pkg-config name", "default-libmysqlclient-dev pkg-config"],
  ["mysql.h", "default-libmysqlclient-dev"],
  ["mariadb_config not found", "libmariadb-dev"],
  // pycairo, dbus-python (meson's message for a missing pkg-config module)
  ["cairo.h", "libcairo2-dev"],
  ['Dependency "cairo" not found', "libcairo2-dev pkg-config"],
  ['Dependency "dbus-1" not found', "libdbus-1-dev pkg-config"],
  ["dbus/dbus.h", "libdbus-1-dev"],
  // cffi, cryptography and pyOpenSSL from source, M2Crypto
  ["ffi.h", "libffi-dev"],
  ["openssl/ssl.h", "libssl-dev"],
  ["openssl/opensslv.h", "libssl-dev"],
  // pymssql (FreeTDS), pyodbc (unixODBC)
  ["sqlfront.h", "freetds-dev"],
  ["sybdb.h", "freetds-dev"],
  ["sql.h", "unixodbc-dev"],
  // gssapi, requests-kerberos
  ["krb5.h", "libkrb5-dev"],
  // python-ldap (it always builds with SASL: both packages, so the next attempt does not stop at sasl.h)
  ["lber.h", "libldap-dev libsasl2-dev"],
  ["ldap.h", "libldap-dev libsasl2-dev"],
  ["sasl/sasl.h", "libsasl2-dev"],
  // pycurl
  ["curl/curl.h", "libcurl4-openssl-dev"],
  ["Could not run curl-config", "libcurl4-openssl-dev"],
  // xmlsec, lxml
  ["xmlsec1 is not installed or not in path", "libxmlsec1-dev pkg-config"],
  ["xmlsec/xmlsec.h", "libxmlsec1-dev"],
  ["libxml/xmlversion.h", "libxml2-dev"],
  ["libxslt/xsltconfig.h", "libxslt1-dev"],
  // Pillow ("The headers or library files could not be found for jpeg, a required dependency …")
  ["could not be found for jpeg", "libjpeg-dev"],
  ["could not be found for zlib", "zlib1g-dev"],
  ["jpeglib.h", "libjpeg-dev"],
  ["ft2build.h", "libfreetype-dev"],
  ["zlib.h", "zlib1g-dev"],
  // bindings to libmagic compiled with cffi (python-magic itself uses ctypes and needs libmagic1 at run time)
  ["magic.h", "libmagic-dev"],
  // PyYAML's C extension, PyAudio, python-snappy before 0.7, pygraphviz before 2.0
  ["yaml.h", "libyaml-dev"],
  ["portaudio.h", "portaudio19-dev"],
  ["snappy-c.h", "libsnappy-dev"],
  ["graphviz/cgraph.h", "libgraphviz-dev"],
  ["pkg-config: not found", "pkg-config"],
  ["No such file or directory: 'pkg-config'", "pkg-config"],
  ["Unable to invoke pkg-config", "pkg-config"],
];

/**
 * Failures a Debian package alone does not explain, with what to say. Rust: maturin 1.8 and later fetch a
 * current Rust themselves when there is none, older maturin and setuptools-rust stop ("Cargo … is not
 * installed", "can't find Rust compiler"); with Debian's own cargo on bookworm (1.63) current crates stop at
 * their minimum Rust version or their Cargo.lock format. cryptography needs Rust 1.85 (trixie's is 1.85).
 */
export const OTHER_HINTS: readonly (readonly [string, string])[] = [
  ...["Cargo, the Rust package manager, is not installed", "can't find Rust compiler", "Can not find Rust compiler"].map(
    (needle) =>
      [
        needle,
        "pydock: this build compiles Rust code (no wheel of this release fits this platform and Python): use a release that has a wheel for it, or add cargo to [dependencies] system-packages in pydock.toml on Debian trixie ([python] distro = \"trixie\"; the Rust of bookworm, 1.63, is older than current crates need)",
      ] as const,
  ),
  ...["while the currently active rustc version is", "this version of Cargo does not understand this lock file", "lock file version 4 requires"].map(
    (needle) =>
      [
        needle,
        "pydock: this build needs a newer Rust than the builder image's Debian cargo (bookworm's is 1.63): use a release that has a wheel for this platform, build on Debian trixie ([python] distro = \"trixie\"), or leave cargo and rustc out of [dependencies] system-packages so that the build backend fetches a current Rust (maturin 1.8 and later do)",
      ] as const,
  ),
];

/**
 * What pip, Poetry and uv print when a package index cannot be reached (refused, unresolvable, unroutable,
 * timed out). Matched as one extended regular expression.
 */
export const UNREACHABLE_INDEX =
  "Connection refused|Failed to establish a new connection|Name or service not known|Temporary failure in name resolution|No address associated with hostname|failed to lookup address|Could not resolve host|No route to host|Network is unreachable|Connection timed out|Read timed out|Max retries exceeded|dns error|tcp connect error";

/**
 * The index URLs the step was given through pydock.toml ([dependencies] index-url and extra-index-urls), from
 * the variables the managers read, with any user:password@ removed (credentials come from build secrets and
 * must never be printed).
 */
const indexesUsed = `$(printf '%s ' "\${PIP_INDEX_URL:-}" "\${PIP_EXTRA_INDEX_URL:-}" "\${UV_DEFAULT_INDEX:-}" "\${UV_INDEX:-}" | sed -E 's#://[^/@ ]*@#://#g; s/ +/ /g; s/^ //; s/ $//')`;

/**
 * The output the hints search: the step's log with its lines joined by single spaces, so that a needle uv
 * wrapped over two lines (it wraps its messages, a build's output included, at 80 columns) is found too.
 */
const FLAT_LOG = "/tmp/pydock-step.flat";

const unreachableLines = `  reason=$(grep -oE -m1 '${UNREACHABLE_INDEX}' ${FLAT_LOG} | head -n1)
  if [ -n "$reason" ]; then
    used="${indexesUsed}"
    echo "pydock: the install could not reach a package index ($reason): \${used:-the index the project's own settings name}. Check [dependencies] index-url and extra-index-urls in pydock.toml (or the project's index settings) and that the build can reach it." >&2
    exit "$rc"
  fi`;

/** A string in single quotes for sh. */
const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

const hintLines = [
  `  tr '\\n\\t' '  ' < /tmp/pydock-step.log | tr -s ' ' > ${FLAT_LOG}`,
  ...MISSING_HINTS.map(
    ([needle, pkg]) =>
      `  if grep -qF ${sq(needle)} ${FLAT_LOG}; then echo 'pydock: this build needs the Debian package(s) ${pkg}: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi`,
  ),
  ...OTHER_HINTS.map(([needle, message]) => `  if grep -qF ${sq(needle)} ${FLAT_LOG}; then echo ${sq(message)} >&2; exit "$rc"; fi`),
].join("\n");

/** The wrapper's text: trust the secret's certificates when given, run the command, hint on a known failure. */
export const RUN_WRAPPER_SCRIPT = `#!/bin/sh
# pydock: trust the optional ca-certificates build secret, run the command, and on a failure that a
# missing system package explains, say which package and where to add it.
if [ -s ${CA_SECRET_PATH} ]; then
  cat /etc/ssl/certs/ca-certificates.crt ${CA_SECRET_PATH} > /tmp/pydock-ca.pem 2>/dev/null || cp ${CA_SECRET_PATH} /tmp/pydock-ca.pem
  export SSL_CERT_FILE=/tmp/pydock-ca.pem PIP_CERT=/tmp/pydock-ca.pem REQUESTS_CA_BUNDLE=/tmp/pydock-ca.pem
fi
{ "$@"; echo $? > /tmp/pydock-step.rc; } 2>&1 | tee /tmp/pydock-step.log
rc=$(cat /tmp/pydock-step.rc 2>/dev/null || echo 1)
if [ "$rc" -ne 0 ]; then
${hintLines}
${unreachableLines}
fi
exit "$rc"
`;
