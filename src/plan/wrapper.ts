/**
 * The wrapper every venv-stage step that reaches a package index runs through: it makes pip, Poetry and uv
 * trust the optional `ca-certificates` build secret (a PEM bundle, for TLS-intercepting proxies) on top of
 * the system's, and when the step fails the way a missing system library makes builds fail (a C header, a
 * `*-config` tool), it ends the output with the Debian package to add and the key to add it to; when it
 * fails because a package index cannot be reached, it names the index URLs from pydock.toml (without
 * credentials) and the keys that set them. Its files
 * go to /tmp, a tmpfs on every run step, so nothing reaches a layer.
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

/** Headers and tools whose absence fails a source build, and the Debian package (bookworm and trixie) that brings them. */
export const MISSING_HINTS: readonly (readonly [string, string])[] = [
  ["pg_config executable not found", "libpq-dev"],
  ["libpq-fe.h", "libpq-dev"],
  ["mysql_config not found", "default-libmysqlclient-dev pkg-config"],
  ["Can not find valid pkg-config name", "default-libmysqlclient-dev pkg-config"],
  ["mysql.h", "default-libmysqlclient-dev"],
  ["cairo.h", "libcairo2-dev"],
  ["Dependency \"cairo\" not found", "libcairo2-dev pkg-config"],
  ["ffi.h", "libffi-dev"],
  ["openssl/ssl.h", "libssl-dev"],
  ["sql.h", "unixodbc-dev"],
  ["krb5.h", "libkrb5-dev"],
  ["lber.h", "libldap2-dev"],
  ["sasl/sasl.h", "libsasl2-dev"],
  ["libxml/xmlversion.h", "libxml2-dev"],
  ["libxslt/xsltconfig.h", "libxslt1-dev"],
  ["jpeglib.h", "libjpeg-dev"],
  ["zlib.h", "zlib1g-dev"],
  ["yaml.h", "libyaml-dev"],
  ["pkg-config: not found", "pkg-config"],
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

const unreachableLines = `  reason=$(grep -oE -m1 '${UNREACHABLE_INDEX}' /tmp/pydock-step.log | head -n1)
  if [ -n "$reason" ]; then
    used="${indexesUsed}"
    echo "pydock: the install could not reach a package index ($reason): \${used:-the index the project's own settings name}. Check [dependencies] index-url and extra-index-urls in pydock.toml (or the project's index settings) and that the build can reach it." >&2
    exit "$rc"
  fi`;

const hintLines = MISSING_HINTS.map(
  ([needle, pkg]) =>
    `  if grep -qF '${needle.replace(/'/g, `'\\''`)}' /tmp/pydock-step.log; then echo 'pydock: this build needs the Debian package(s) ${pkg}: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi`,
).join("\n");

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
