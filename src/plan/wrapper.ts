/**
 * The wrapper every venv-stage step that reaches a package index runs through: it makes pip, Poetry and uv
 * trust the optional `ca-certificates` build secret (a PEM bundle, for TLS-intercepting proxies) on top of
 * the system's. The combined bundle goes to /tmp, a tmpfs on every run step, so it never reaches a layer.
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

/** The wrapper's text: trust the secret's certificates when the build was given one, then run the command. */
export const RUN_WRAPPER_SCRIPT = `#!/bin/sh
# pydock: trust the optional ca-certificates build secret, then run the command.
if [ -s ${CA_SECRET_PATH} ]; then
  cat /etc/ssl/certs/ca-certificates.crt ${CA_SECRET_PATH} > /tmp/pydock-ca.pem 2>/dev/null || cp ${CA_SECRET_PATH} /tmp/pydock-ca.pem
  export SSL_CERT_FILE=/tmp/pydock-ca.pem PIP_CERT=/tmp/pydock-ca.pem REQUESTS_CA_BUNDLE=/tmp/pydock-ca.pem
fi
exec "$@"
`;
