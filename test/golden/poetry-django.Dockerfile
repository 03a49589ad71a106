# Dockerfile ejected by pydock from pydock.toml, target runtime: the venv, git and runtime stages of pydock's
# own build, step for step, for the Dockerfile frontend built into BuildKit (Docker Engine 23 or later; no
# syntax line, so no frontend image is pulled). Build it in the project directory:
#
#   docker build -f Dockerfile -t IMAGE .
#
# Build arguments, secrets and SSH:
#   --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)   the time build tools stamp into what they make
#   --build-arg REVISION=$(git rev-parse HEAD)                 the commit that /app/.version and the revision label record
#   --secret id=ca-certificates,src=corp-ca.pem                extra CA certificates (PEM) trusted while installing (optional)
#
# How it differs from pydock's build:
# - Excludes: COPY --exclude needs the 1.7-labs syntax, so each COPY of the context takes every file
#   .dockerignore lets through, where pydock leaves out the patterns below. Add them to .dockerignore for
#   the same image:
#       **/__pycache__
#       **/*.pyc
#       **/.mypy_cache
#       **/.pytest_cache
#       **/node_modules
# - Times: pydock sets the time of every file it writes, the image's creation time and its history to
#   SOURCE_DATE_EPOCH. Here the build tools get the ARG's default, the image's times follow it only when it
#   is passed with --build-arg, and the layers' file times only with the exporter's rewrite-timestamp=true
#   option (BuildKit 0.13 or later). The created label keeps the time pydock planned with.
# - Revision: REVISION defaults to the commit pydock saw when it wrote this file (0123456789ab); pydock
#   reads it from the build context on every build.
# - Values: the ${NAME}s of pydock.toml are written in as they were when this file was ejected.
# - Base images are pulled by the FROM lines' tags; pydock pins each build to the digest it resolves and
#   records it in labels. Write @sha256:… after a tag to lock it.
# - Cache mounts have pydock's ids, but the Dockerfile frontend keys them under its namespace (/pydock-pip for
#   pydock-pip): these builds and pydock's do not share their caches.
# - Runtime libraries: the venv stage's last RUN lists the packages the runtime image needs, and the runtime
#   stage installs them, as in pydock's build; pydock also names them in the io.pydock.runtime.
#   auto-system-packages label, which a Dockerfile cannot set from a file.
# - Smoke test: pydock checks, before it returns the image, that the command's entry point imports in it
#   (in a step that adds no layer). A Dockerfile has no such step: run the image once to check.
# - The install wrapper's hint for a missing system package names the pydock.toml key to add it to: here,
#   install the package with apt-get in the venv stage (and its runtime library in the runtime stage).

ARG SOURCE_DATE_EPOCH=315532800
ARG REVISION=0123456789abcdef0123456789abcdef01234567

FROM python:3.11-bookworm AS venv
ARG SOURCE_DATE_EPOCH

# [venv 1/7] write the install wrapper (CA bundle secret)
COPY --chmod=0755 <<'EOF' /opt/pydock/bin/pydock-run
#!/bin/sh
# pydock: trust the optional ca-certificates build secret, run the command, and on a failure that a
# missing system package explains, say which package and where to add it.
if [ -s /run/secrets/ca-certificates ]; then
  cat /etc/ssl/certs/ca-certificates.crt /run/secrets/ca-certificates > /tmp/pydock-ca.pem 2>/dev/null || cp /run/secrets/ca-certificates /tmp/pydock-ca.pem
  export SSL_CERT_FILE=/tmp/pydock-ca.pem PIP_CERT=/tmp/pydock-ca.pem REQUESTS_CA_BUNDLE=/tmp/pydock-ca.pem
fi
{ "$@"; echo $? > /tmp/pydock-step.rc; } 2>&1 | tee /tmp/pydock-step.log
rc=$(cat /tmp/pydock-step.rc 2>/dev/null || echo 1)
if [ "$rc" -ne 0 ]; then
  tr '\n\t' '  ' < /tmp/pydock-step.log | tr -s ' ' > /tmp/pydock-step.flat
  if grep -qF 'pg_config executable not found' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libpq-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'libpq-fe.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libpq-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'mysql_config not found' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) default-libmysqlclient-dev pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'Can not find valid pkg-config name' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) default-libmysqlclient-dev pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'mysql.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) default-libmysqlclient-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'mariadb_config not found' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libmariadb-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'cairo.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libcairo2-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'Dependency "cairo" not found' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libcairo2-dev pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'Dependency "dbus-1" not found' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libdbus-1-dev pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'dbus/dbus.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libdbus-1-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'ffi.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libffi-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'openssl/ssl.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libssl-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'openssl/opensslv.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libssl-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'sqlfront.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) freetds-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'sybdb.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) freetds-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'sql.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) unixodbc-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'krb5.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libkrb5-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'lber.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libldap-dev libsasl2-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'ldap.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libldap-dev libsasl2-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'sasl/sasl.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libsasl2-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'curl/curl.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libcurl4-openssl-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'Could not run curl-config' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libcurl4-openssl-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'xmlsec1 is not installed or not in path' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libxmlsec1-dev pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'xmlsec/xmlsec.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libxmlsec1-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'libxml/xmlversion.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libxml2-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'libxslt/xsltconfig.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libxslt1-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'could not be found for jpeg' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libjpeg-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'could not be found for zlib' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) zlib1g-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'jpeglib.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libjpeg-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'ft2build.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libfreetype-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'zlib.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) zlib1g-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'magic.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libmagic-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'yaml.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libyaml-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'portaudio.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) portaudio19-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'snappy-c.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libsnappy-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'graphviz/cgraph.h' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) libgraphviz-dev: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'pkg-config: not found' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'No such file or directory: '\''pkg-config'\''' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'Unable to invoke pkg-config' /tmp/pydock-step.flat; then echo 'pydock: this build needs the Debian package(s) pkg-config: add them to [dependencies] system-packages in pydock.toml' >&2; exit "$rc"; fi
  if grep -qF 'Cargo, the Rust package manager, is not installed' /tmp/pydock-step.flat; then echo 'pydock: this build compiles Rust code (no wheel of this release fits this platform and Python): use a release that has a wheel for it, or add cargo to [dependencies] system-packages in pydock.toml on Debian trixie ([python] distro = "trixie"; the Rust of bookworm, 1.63, is older than current crates need)' >&2; exit "$rc"; fi
  if grep -qF 'can'\''t find Rust compiler' /tmp/pydock-step.flat; then echo 'pydock: this build compiles Rust code (no wheel of this release fits this platform and Python): use a release that has a wheel for it, or add cargo to [dependencies] system-packages in pydock.toml on Debian trixie ([python] distro = "trixie"; the Rust of bookworm, 1.63, is older than current crates need)' >&2; exit "$rc"; fi
  if grep -qF 'Can not find Rust compiler' /tmp/pydock-step.flat; then echo 'pydock: this build compiles Rust code (no wheel of this release fits this platform and Python): use a release that has a wheel for it, or add cargo to [dependencies] system-packages in pydock.toml on Debian trixie ([python] distro = "trixie"; the Rust of bookworm, 1.63, is older than current crates need)' >&2; exit "$rc"; fi
  if grep -qF 'while the currently active rustc version is' /tmp/pydock-step.flat; then echo 'pydock: this build needs a newer Rust than the builder image'\''s Debian cargo (bookworm'\''s is 1.63): use a release that has a wheel for this platform, build on Debian trixie ([python] distro = "trixie"), or leave cargo and rustc out of [dependencies] system-packages so that the build backend fetches a current Rust (maturin 1.8 and later do)' >&2; exit "$rc"; fi
  if grep -qF 'this version of Cargo does not understand this lock file' /tmp/pydock-step.flat; then echo 'pydock: this build needs a newer Rust than the builder image'\''s Debian cargo (bookworm'\''s is 1.63): use a release that has a wheel for this platform, build on Debian trixie ([python] distro = "trixie"), or leave cargo and rustc out of [dependencies] system-packages so that the build backend fetches a current Rust (maturin 1.8 and later do)' >&2; exit "$rc"; fi
  if grep -qF 'lock file version 4 requires' /tmp/pydock-step.flat; then echo 'pydock: this build needs a newer Rust than the builder image'\''s Debian cargo (bookworm'\''s is 1.63): use a release that has a wheel for this platform, build on Debian trixie ([python] distro = "trixie"), or leave cargo and rustc out of [dependencies] system-packages so that the build backend fetches a current Rust (maturin 1.8 and later do)' >&2; exit "$rc"; fi
  reason=$(grep -oE -m1 'Connection refused|Failed to establish a new connection|Name or service not known|Temporary failure in name resolution|No address associated with hostname|failed to lookup address|Could not resolve host|No route to host|Network is unreachable|Connection timed out|Read timed out|Max retries exceeded|dns error|tcp connect error' /tmp/pydock-step.flat | head -n1)
  if [ -n "$reason" ]; then
    used="$(printf '%s ' "${PIP_INDEX_URL:-}" "${PIP_EXTRA_INDEX_URL:-}" "${UV_DEFAULT_INDEX:-}" "${UV_INDEX:-}" | sed -E 's#://[^/@ ]*@#://#g; s/ +/ /g; s/^ //; s/ $//')"
    echo "pydock: the install could not reach a package index ($reason): ${used:-the index the project's own settings name}. Check [dependencies] index-url and extra-index-urls in pydock.toml (or the project's index settings) and that the build can reach it." >&2
    exit "$rc"
  fi
fi
exit "$rc"
EOF

# [venv 2/7] install poetry==2.2.1 poetry-plugin-export==1.10.1 (pinned set, hash-checked)
RUN --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp <<'EOF'
export PIP_ROOT_USER_ACTION=ignore;
/opt/pydock/bin/pydock-run /bin/sh -c 'cat > /tmp/pydock-poetry-2.2.1.txt <<'\''PYDOCK_LOCK'\''
# The pinned set pydock installs poetry-2.2.1 from (Python 3.10 and later): pip install --require-hashes --no-deps.
# Generated by scripts/tool-locks.sh from: poetry==2.2.1 poetry-plugin-export==1.10.1
anyio==4.16.0 \
    --hash=sha256:59bb03251907983d1603d27c3087ddb1e93299ea2163adcdba37899a4fb12ffb \
    --hash=sha256:c66ae634e0b8228396b801741beb3294326d4b6102f7bba4041c0dfb58c29026
backports-tarfile==1.2.0 ; python_full_version < '\''3.12'\'' \
    --hash=sha256:77e284d754527b01fb1e6fa8a1afe577858ebe4e9dad8919e34c862cb399bc34 \
    --hash=sha256:d75e02c268746e1b8144c278978b6e98e85de6ad16f8e4b0844a154557eca991
build==1.6.1 \
    --hash=sha256:51cc11666391ab6f092070437ac747002ff46f3e4113a3622177ee6b488bfc53 \
    --hash=sha256:ecd351a4be9d35a9eaaba244a7687143c9c7d4aea6ac964e7e7ddab20cbcf4e7
cachecontrol==0.14.4 \
    --hash=sha256:b7ac014ff72ee199b5f8af1de29d60239954f223e948196fa3d84adaffc71d2b \
    --hash=sha256:e6220afafa4c22a47dd0badb319f84475d79108100d04e26e8542ef7d3ab05a1
certifi==2026.10.19.post1 \
    --hash=sha256:1324c476b4811eff41a8bc2122cd0bbd4d9c7234c725446d99ab1612b3a7fdd2
cffi==2.1.1 ; (platform_python_implementation != '\''PyPy'\'' and sys_platform == '\''linux'\'') or sys_platform == '\''darwin'\'' \
    --hash=sha256:154852545011f779917b11c78db2358d095da62a9a172b78ad0a583ee5adc0d0 \
    --hash=sha256:194cffa889098ced9976c3fc6340305e43f6303657d298da55366907c05c22d6 \
    --hash=sha256:1dea0e4d7d4f11f619fe8c1d76caf49e24405b4b5743c0e3be16a500ecd930c9 \
    --hash=sha256:208f941bb9d18e768138677f0a6d2ce01f590df56043dda1df1535ac57c88517 \
    --hash=sha256:210019b6c7cf07f081b4c54635c8cf744377001350e29cc0f81c4377b4797735 \
    --hash=sha256:246fa40ce8645a614ff682e0b70f37134e460eaf93a775e0cbe3cca585a67a80 \
    --hash=sha256:25792eac27877609e7bb06d42ff88278a6624fff2ba9bbb523c09616b117e80f \
    --hash=sha256:28907ab9bfb6aa13184cfc17c6b8e1023c5ab6fd7076d8c20a35e59fe04f8f29 \
    --hash=sha256:3143d81e29e1e20a9ce10901ec369012947876596f75a222235965f2b7ae832e \
    --hash=sha256:3311ed60d36f83378794e1009ac6258bafbf81f7888b4caa7b35a521e3f95813 \
    --hash=sha256:34e261f78cb6ceaaa36f42f2613f4380d94d9c759a9c73c769ee6e0247364632 \
    --hash=sha256:363e05fa78e15116c3c32c210ee36884fd6b9afa6d440e47112c3bd511d64cb6 \
    --hash=sha256:3d22a20b1fb1632cc72c22f95f7b0d2961c3e1c235f245ba4c606c4771035659 \
    --hash=sha256:42a494cee34437f05546455144f2b5d9ac09b1face62bcfce597d2e521066688 \
    --hash=sha256:42e2f76b9455f5a9a844f770bf3e200ed3da0e15f5df3db9c31fe80b04b3d004 \
    --hash=sha256:456a61fa52d579ebf9df2e9552ead5129855dbaff6c1e5a9b1bc408809bdc062 \
    --hash=sha256:471cee653ae88de62096552e6d24ccb4a5adb8c8c9f10b5054d0122c15bf2779 \
    --hash=sha256:49cbc70e6542d4ccccb936558d1064a8012541e78f821f955cff24e357776c94 \
    --hash=sha256:4a7c934f7360e8cd64fe9efadcbd10c7c6364f531e432b9a4bf5ccbc9e0e8b50 \
    --hash=sha256:507a24c282e0f42f8ed737cf048572cbf580468da5555764a8331735e9c736b6 \
    --hash=sha256:51b31d1c98274844cfd7838ce00bfc27c7423a4dc00fc0772fc3331c2cc90676 \
    --hash=sha256:58acb8ab8e295e6c5ea12f888cbb13cf21511ef2a3303a23f4325c29d17fe5c1 \
    --hash=sha256:5a59cc1c4442bc3d5c703bf720b51138d0bfc173618807c9ee2490a7541dd3d9 \
    --hash=sha256:5bb4e7ea95dcd6a014a6fef62e62467d67d8e582326443f3d68e71d6320a9fcf \
    --hash=sha256:5c58fe613dc5e5336357eff555824a314d8e43282600435c8d1cb6a7a2fedd13 \
    --hash=sha256:5e7cecbaadb83884793e05828cee59b210b24583b9c7425d0ba6a754fe22eb4e \
    --hash=sha256:64faea20f4e2613363a1a9b9c7dd73058f3ecd00133a511e72ad7c511658f527 \
    --hash=sha256:68e62fe11f30d5ca8289242866f0a5291402d8529ca2178ab8afc5c9694ae890 \
    --hash=sha256:6a8dddef476fab96d066d578fc88526767b836ab5ab21754e1d5bf3879c31c7c \
    --hash=sha256:6e192623c49c94421616a5778fba35cf0d5a8d000650c1967ef4448ee5cdd990 \
    --hash=sha256:7225e4514edb64eb6740324353e0da0711954fd8d7da4576755b1c6e09b697cd \
    --hash=sha256:75f80557d1389eddbd0de2681f6a390a0c5338c31ddaa821381c203fc3fd50d9 \
    --hash=sha256:770de9db11e84213beec501cfcaa013b019820ca881e03344dea5844f7876d94 \
    --hash=sha256:7da0c5eff80f0197f3b3d1232ec5a682a9325f4ae9016a78f5f5ca35f9ced1f5 \
    --hash=sha256:811bd1e21d32de12efca32393a0ab3f5133b54fce9bd44b8bd77ab07da14bf6a \
    --hash=sha256:937c0052c05a31ca1daf18de3158eed4dbfcb9cc107adbea227728d647be701e \
    --hash=sha256:9f8d177621de5cb38ee3e731eda45d421db093ec0739f46a5594babda7987a98 \
    --hash=sha256:a2d7755bef5a12ed488f4ef1f1b69ee9191d7396083b755a5d2295f6edb4768b \
    --hash=sha256:a4f00aa42f75d6e4595e8866e748cc1705adc0cddfeb2ca86d0d03993d63ba03 \
    --hash=sha256:a6e721d4b0e45d5b65e87534470e67b18dcd092c83f68fba09f152b9cbc061af \
    --hash=sha256:a730a083190634c65cca36ba5f489531576ebd79bcd5c8e172130f6453127231 \
    --hash=sha256:a931079504ecc49efed7744c476a5c343a92fabf66dec2db95edb1b2fdc770e2 \
    --hash=sha256:aa9511c62d14da7aacc9b4bf51f3f697a621e83b2d6919008243c3aad168eea3 \
    --hash=sha256:aeae0e330c9f6acd681f647d46cefd30c29f93e3392882e792e82080c9691399 \
    --hash=sha256:b0431303acaea1089ad4b3e9ce4e6518193def1118d4073ca848635ee4ea2e96 \
    --hash=sha256:c1453022f490d2459a11819d83ad1d586e9ff65a12ac3e705ffebd46d3685dcf \
    --hash=sha256:cc572dace3f60ef98d7b12ff411d20f5362feb31a0439eab0085bbfd349982d7 \
    --hash=sha256:dd31f52ea1086513bb9df30f8fcee9b8918323ae067a3d5b78bc826a000712be \
    --hash=sha256:df423d40ee8654634421812bc3b196da3f9bd7d32929da813f8394c4348a5358 \
    --hash=sha256:df913725b79db7bcf03448f36b7bf8815363417d5b58deecf9305e3e30f0f21a \
    --hash=sha256:e0bcb7e0f677f543555d2adff3bf19c05f66cdb4796e5ff602442ab2fe3c4ef7 \
    --hash=sha256:e2d65b31f36619cda3999b78b2aa9632e76b78448e7a56fc4240824200e7c4fc \
    --hash=sha256:f16c709686a78c727bbbf059f92b0bf41c6fc60deec706d2dc19f529175a6125 \
    --hash=sha256:f5cfbc5fe74540d335175b656c725d74d90e3730c626d92575eea35029d9afaa \
    --hash=sha256:fcd22650c908d7b7da162bbfaab594a1227a15d1643a98c68b122ac642fa2264
charset-normalizer==3.5.3 \
    --hash=sha256:00edb7682962c596f774bfa126e6b6f885b7af2319f448d327591c284a482de8 \
    --hash=sha256:0810592b80dc5a97f8103443460264b588f31c6baa8a20abae7c683435d8117a \
    --hash=sha256:085a5d1f49eaf96596d79494fcab18d9a32db6e345da15d6debfc90110b20679 \
    --hash=sha256:09833ba78c91f0d1fd06387c69dae9f079428b77ea05eaaf1553eecead31fb68 \
    --hash=sha256:0b3fc6f7dd9db4a7782e65dc98eb80b2a91a854cf54a03dd93649be2f7ca638d \
    --hash=sha256:0c0fe07631dce6dae788a59c20ed927adc6feeb2d9ed440747eb367d89822a45 \
    --hash=sha256:0ca25f1b1167e9fb94d93d3708df0b631de241bf8440947b0cb9f8c4cb66fed0 \
    --hash=sha256:0ca2da4a505fae7ef95922f8d48235b2e49ff8f10f4edcc0481e5f6526ba3841 \
    --hash=sha256:0cf4cb8d75090a8da3bd30c0963b2c6c6114e791c6fc060c3cef8971497b1f04 \
    --hash=sha256:106b9d0438e2ff0a0e8ebd869273fcb3640af28323bba8651c714c57efb38e51 \
    --hash=sha256:11ad35a0b856ad8bbd0c9e900c069461a4661694714aa17b6e6e2e8621e1c373 \
    --hash=sha256:139aeb8ca63946dc79364c37f2c9cfe5c1b7f3882f2c47484d0e54bf14b921b0 \
    --hash=sha256:1714ff1ba001da5241a585fbd17a7742a61ad34efb4be8404aca5679f51e53ea \
    --hash=sha256:1b2704f4651539eab50ba104a975b96c3cd5246011aa0755d2dd71ac12546644 \
    --hash=sha256:249bf0b6f43985c33c83adbbab0ca71246ec24c82d960fa00c4ddb2cfed25db9 \
    --hash=sha256:256b434b2860ef9da1cb6a5fd4ebb5d600936668e50e2035858948b96b068ecd \
    --hash=sha256:26c6ad87bb79628954b52f8f7b9e18ab5cd9667546712ded9689fb7677e630d6 \
    --hash=sha256:28ba8e6361e0f319641707484994096ceb77e05c29eaad2919756218c0c89001 \
    --hash=sha256:28d954a437bfa5fcdfe7ad8902cf4347a8486f34a86c5f39003bc1288eb67d72 \
    --hash=sha256:29ac44f5878142128ffe4fa7e041ddc4cc5fafe43983245b9a141908c40b515d \
    --hash=sha256:2a6f937e0b70133d1f826d0a253331b6fe1a4c874808cc12e16f2fb8177042f4 \
    --hash=sha256:2b7797a5b0cb197f118fd13b41c14c5a3c38dd625a87c1da58a3066cf53254fd \
    --hash=sha256:2c4e0050b732ee3dca3676a5f5cf7fbd0c131761c194f1bb1d24c055fad071cf \
    --hash=sha256:2f2d973d3c79fbd1066d63d1bafb2ade66934c0840ed149f6fac13c3fdf80793 \
    --hash=sha256:323d5cf6df3ea724afcc3bfb07c73be06d2e8200a8b6b37979a300ae1e7836d0 \
    --hash=sha256:326a7a0e3715c3ac24c21e7a3b831d6799cc795bff260aa49c23b69025852f99 \
    --hash=sha256:366f5efe95a6149ecbcebf779c2594a6a4ff6fc116402826c72ed0eccd6aabe9 \
    --hash=sha256:390ef7c7e018c0abb8c0ec2d28ee137567ff50c3706facf6d115cac832ac993b \
    --hash=sha256:39229c222445415db07a0be4dff8ad1addc3126644d7aa72d73f1575b637d69e \
    --hash=sha256:396fdf2d4367674531a7c8d54ecabbc8e5131e3a1a06270285eb99f3140143df \
    --hash=sha256:39e019884c8f857393df954d35f42bf99c5ab85af226fe74d1410188c6fec31f \
    --hash=sha256:3ce4e4587e451ebc7d9899a7a1f539ea30a3c712d7bc8e0d256923c697fd5dcc \
    --hash=sha256:3e8da696ef1935a019c10ec16555a062183ddf6d5901e296edeca4b2a8f84e1d \
    --hash=sha256:45aa4ccf5a6caba138dd0f8bf36fa3e26654585d534881b62ce5e4fea2487772 \
    --hash=sha256:4831fb33e98e92140fa17d4d673a9f49f9c0ddd056115b722858793e4b86b0c5 \
    --hash=sha256:48f7c7f537246bb3af2b3139f44716a30b21e78c2fd1cff0f3e392fbd55d8044 \
    --hash=sha256:4a991dbd7aec868fe10802b02bddbf898173a47ba236f2d6afb4ab1f98243534 \
    --hash=sha256:56405211fa124c393eea14b3aeacf5b90de72b1f69b0a60c9bc40b01dfe71a42 \
    --hash=sha256:6118055f4ad0d94e016eadbb86caed9caf2c9033631ed70964ba631c1336984f \
    --hash=sha256:61e32fdbf56f4cd25a1efa451c8b5fe886fc5e00143ccaacafdf21f301fad059 \
    --hash=sha256:61f3258f700412c68fde407e7c749ed6930e795ea8f5ead9a40afddefbec12c4 \
    --hash=sha256:6423accb6ecd1456bf824bbac98ba919398523a69ee5f1680dd1da88769de866 \
    --hash=sha256:643724071b01cc0369026e259850791212cc187c6031d0e930abcd253f128e0c \
    --hash=sha256:656b9744bac4493561d28b56d7d646afd7a8471254ef7004d849aa8368020037 \
    --hash=sha256:6651fecdac146ecfa52700e02a5fa3b3677bddf5fced4983b43e904244de3f6a \
    --hash=sha256:67bb767a8de7a2b1164c74fdbe5cdc32b9c15d7142efd9a6dc77ff63da94e846 \
    --hash=sha256:6b702d36c565f6c650f4b479488f475b2982132ab8d0840d42b1442462c21056 \
    --hash=sha256:6bfbbb9414dd0f5b81c259deb7e50b4b44e65e05879eee482351bdabed49d7f4 \
    --hash=sha256:6c8abe7d59bbc891e5080b8b142c36db93154f840c4baf7c83ad6273a1a15397 \
    --hash=sha256:70f65dd0c2ed79ea2d9776096e9c7d25e398c2c03eb31877753598d201d91784 \
    --hash=sha256:73b4ddf1230df56c9e7017a16e3f5171b6ef0e4ff554a418a370d7ac7245bd84 \
    --hash=sha256:7a7e5bb8974842ad747d4a2b9fb928f84c3cdbe2c2fd7e405197fc1a1badaeaa \
    --hash=sha256:7c313b46730b4a68bb31450973467313b2c496fefa42ae316b86c186cba74613 \
    --hash=sha256:7fdd11094a0b07bce306b359fa7311c71d93466d967b3b345f2e9f03d8b2c959 \
    --hash=sha256:806e72ebaeef54d7faa03414be9e8409eb3dcae49fba089d62063a60c0b5a4e5 \
    --hash=sha256:81132eaffa984f0a399233df4cd383caad18e8cadc6c24c568cf9324732a9768 \
    --hash=sha256:826d82356907350f345cf0aa744d43a69ac7948bd60f460f997cde86928beadf \
    --hash=sha256:87d5a237d6531c654e7b9b319be9ba7e368665c466e02a03cfd4d3d77730782e \
    --hash=sha256:87f7d6c595465a25d33fa3d5215a571a98c4cad00ead3ad18ebfb62adb3d3e6e \
    --hash=sha256:8baddc6349faf49edae4d1322f12b681b9e86acacd01874457c997437ef4ccaa \
    --hash=sha256:8c4dfcd3269f13dff7f29f9c332d54a4a21f17be818b49e769e111befd4d39e6 \
    --hash=sha256:90b1ff6cb9c7a204a3b79b1b0ed6ac8a1d8fed3b6dc69e50ae5de0f358ee81d4 \
    --hash=sha256:92ddc32b6a1508ea145f4f7995e00666db454b8fd3e2cae6c2ecbde4f4d44616 \
    --hash=sha256:94b595e64bc2927f679774de50df340b7828dc1c07c99149ba7c2d0828dd8bf3 \
    --hash=sha256:94c9d5d91c16554f6397b823d9e47181ba100d830ab16b5d720adc229e17b2e2 \
    --hash=sha256:9510da88bdebc903be7844f31523ac8d7b3f63e167db54b6045104a2354afa6a \
    --hash=sha256:96387278c3b17bc1170f80693398d0babac7b41df128ced8e27588a7155d95b2 \
    --hash=sha256:96e268b0cbda016ac519513294fcd17032264085b600abaac58b93049477e132 \
    --hash=sha256:9902e80096a94cf70fb72d12ae40e3b187b40e96fa722873d4d62afcd0333c46 \
    --hash=sha256:9eba4613d45b49196af04a5cbadfc5e9379ba94aac85184b72cb1107ad31af0d \
    --hash=sha256:a09ca76391f6e17b12d55c1068b4b5f8f6c9b44b432d936075372fa12782292d \
    --hash=sha256:a250888753faa289e2997962fbb17c4960cbdb58575533ca6fceee68c224bdff \
    --hash=sha256:a312fedd182357f2c22f066d17dcd7413b6a205ee3d063d36950e94e3019d3de \
    --hash=sha256:a36bba41dc7fd263417688c4daf95a1091f93e1f6957c0f71ad7798907c5a10c \
    --hash=sha256:a3f4044dd5d2f7b958be6b9903cb432e6a0fd944d673707ca5cab68137d0592c \
    --hash=sha256:a43831574e14423103d69fb1357e76e4f2347041c98e8357ab88ef21812e80d9 \
    --hash=sha256:a491d4afb361aba32d55d7df7ccde766a3aa9a34c002d2c32c2743bf6e77c13c \
    --hash=sha256:a6eba94fc00d899f8d268712772c8dcafc40215aa9b51701a397afc9426e012b \
    --hash=sha256:aa2476abf8669be493689634bdb79f468a6fe57b005a5126db7e9f61d1954fe2 \
    --hash=sha256:aa8be1f24fbc03a07cfe002b70ba0716effc6b3011fd9e5560ca399d3d0605ad \
    --hash=sha256:acaa0e100f39287dc5d13de96e33ba0786f1cdfb5b4ca28918913ab0eec3af72 \
    --hash=sha256:ad1becd776f5a41a4d91cb9ee51778f4fd687ef15e4919779e00a33c6cff6948 \
    --hash=sha256:b013417037c931583578639cab2523d5a2efc35a584c192d07f4c909b133f6b0 \
    --hash=sha256:b0aa6b81bc632af7cac7b270c933298cb5ee858506dcf344e0da006667e0c351 \
    --hash=sha256:b6dad86d938104f9d43404029e5fc8392f82762d171933be4f192a6008bffa53 \
    --hash=sha256:b6ea5bf7e3c39f6e56957d82274ac7cfab469590085883fdbc86e754cde76b11 \
    --hash=sha256:ba26e4d073a4f7f2594676f2ff20ab80a7f03332b81c3f9964e9e53bf2305329 \
    --hash=sha256:bed05639ae1bc23df7996a4fd13ea5064ddf60dc7dabd754f8badf060daec63f \
    --hash=sha256:c08e06fc69750827d7ccebba63ebc97a85e479cd5c9dbdb80f5e08a77b774fdb \
    --hash=sha256:c437ed8775d201d37206f37d233f547506e3aef60b9711584c65444c686b4905 \
    --hash=sha256:c43d9737c3b85ccd16b1862b1e7aa5c4bf30a6033068403713c0a2bba5bda979 \
    --hash=sha256:c9d1f467d121b33b06865c94ed5ed8388a9ef76f5e1acc1c8a854ac653493f5d \
    --hash=sha256:caefc441edff6070a9f9749ca880a22731a1715d9e74b24304a546eec44bfc16 \
    --hash=sha256:cbd09b22b340f846671e79e8d832167fac60c1884be4c71fd667211486a3b58e \
    --hash=sha256:d1b7a3fe4cf679eb3870b91b86b8ce12cacd5cf4d74bc114864a5cd65319ddac \
    --hash=sha256:d313494077f849d8199f36166947785da1eeb36335fda15fde2e8f801ef271b6 \
    --hash=sha256:d4e7ecaa25f0dae672ac783c2e5aa9054a62e011749d64ff47b887af360a3e82 \
    --hash=sha256:d57f1b6affc3581fbf0bc6d783cc60e7c9957adfd9c7b89f8a9f3573ad1cd49a \
    --hash=sha256:da606e3015dbd4b9a31c0468898a0c4c998846197ddfda78308821dc8c9e9be3 \
    --hash=sha256:db2eedef732424346f98d0aba5c6ad688b648bc79847f4cc70dfca830130b1e6 \
    --hash=sha256:dbdd407104ebf2360464ce02c7933c6ffac58bd5b64cdf6ef7dc0e787e782aaf \
    --hash=sha256:ddea089587432e3df6771a4a405ef249cc9727f7becb1de3f00ab571b2432002 \
    --hash=sha256:e1cdbde56f9fa6d426b78941c381e2ba160c1214809baa47e02c1d0d8881d598 \
    --hash=sha256:e282983b8def5ada758fa1f18bf9060bb8ce6cdd73be32f62a2de59820d3286d \
    --hash=sha256:e34f591669498a03cd70993b0a79b9f0ef40c4e6f8232466bac33c42f0c15742 \
    --hash=sha256:e405cce4170de1fe520d9a92de9d7ececc23dfcf6888c62ab608a21be50838eb \
    --hash=sha256:e4a0f2adf29a69dd8fe58e42bb191f3c87067b05fcc63279983e8c9ce5092abd \
    --hash=sha256:e5e4785d8a0adeadfbdf75f4efc357911842674651cbafd7e97f69b11ec3cbc6 \
    --hash=sha256:e86a27ab632d2e888c22b79263864eaff8b7dea9e87328a9bb0ea04eff24786f \
    --hash=sha256:ea880ae1a692ae694c11bca7be74864614ff1a58bdfff4605f36d1956b4b1588 \
    --hash=sha256:ee9de080e8d6221bbe4ba2667367b1cee0f47a53f60ffc5e431b698cd2f2b214 \
    --hash=sha256:ef8b925f2b331a1f17d6fb32625e09fd571cf41844f578379f934dab0067cf0d \
    --hash=sha256:f06e257ee0cc85a7e4ec44f171ae2595fd901c34212f3c9e7ab8fd8621401e99 \
    --hash=sha256:f1214052966421a88ed526ba93e4463b39346862fa4721be5306434b33dae795 \
    --hash=sha256:f160f03e15bd1e3c35db9bfc20c42ff83155d37f9b0c79806cb10051ca725f13 \
    --hash=sha256:f1b357340e4cd29011683bd81226175611ad835fec22e5b7df83b96701571226 \
    --hash=sha256:f39290a0c2e3f4196563189bb45e6ef5d5badf50864e1bfaafa9003f0595573f \
    --hash=sha256:f5a5c311e5de6954c36230a37863b5ca58ce232589bd637ad2881c4056897b12 \
    --hash=sha256:f7a841170fde40b0e1345884bee09ceca7db49a9291fa340089bec66a366c243 \
    --hash=sha256:fc540d1618c5638fcf5aea97060cf011467918b010bf682a84ecc0c9474e6cd0 \
    --hash=sha256:fcb17f1d40c38912a2cdb56ea47aadac3527cd0b06fe24f3a0c4896febbea063 \
    --hash=sha256:fd0341b9dea133d187d7c5a2cd7e21ae6449a7b68ea8c2454f9cf77def11ec1b
cleo==2.1.0 \
    --hash=sha256:0b2c880b5d13660a7ea651001fb4acb527696c01f15c9ee650f377aa543fd523 \
    --hash=sha256:4a31bd4dd45695a64ee3c4758f583f134267c2bc518d8ae9a29cf237d009b07e
colorama==0.4.6 ; os_name == '\''nt'\'' \
    --hash=sha256:08695f5cb7ed6e0531a20572697297273c47b8cae5a63ffc6d6ed5c201be6e44 \
    --hash=sha256:4f1d9991f5acc0ca119f9d443620b77f9d6b33703e51011c16baf57afb285fc6
crashtest==0.4.1 \
    --hash=sha256:80d7b1f316ebfbd429f648076d6275c877ba30ba48979de4191714a75266f0ce \
    --hash=sha256:8d23eac5fa660409f57472e3851dab7ac18aba459a8d19cbbba86d3d5aecd2a5
cryptography==50.0.2 ; sys_platform == '\''linux'\'' \
    --hash=sha256:0ddc924c04591c2811ca024d62ecad4f7f6f08af8939c211438f48a16bd23602 \
    --hash=sha256:0ecbc5652bdb6fc9eaf89a7d196e20941adfe812f43bc4ca05d9150496821047 \
    --hash=sha256:1981f1db4630889b9ef7803fadef12b056f428cb6b85c27ba57b774793b6093c \
    --hash=sha256:241449bf940a5d27309bd317e6f9a2af6932113818bb2b8f5c59ddc7ef16da18 \
    --hash=sha256:25784ce8b9621c90c643efb9e1e2162ab3b0224cae446ad5e70e7fcb1ce18b51 \
    --hash=sha256:4061c0079120205fb760c58acab6443e217307dcf05e3702cf970e0689972856 \
    --hash=sha256:4a20ce1e5cb4284a86692fdcba7cb8754185c6b2e5c56fcef3751cf451d3cdc2 \
    --hash=sha256:58a0c478eeca76fe5e07993c5a0703def34a6dc6a0cda4f5564639b33112ffe7 \
    --hash=sha256:58ddb5a8e3179d12f19e4ea34d2d32e9d63a4baa142c875c1eb59f41b7243acd \
    --hash=sha256:630ebfea3bf689d075f82316324ff7433dc447fe6bc1bfc76524b74b4a9567d2 \
    --hash=sha256:6f8700550aa1474a91e5dc07049c46f98b423b5b1ddd0483e0b51362eeeaf5be \
    --hash=sha256:79def8d059362e7831389ed3be0ecdf58a89386e1271e35dd9f5af84e81bffd0 \
    --hash=sha256:7a8701d6b584d76e909e3d305b7d126b41439876a5aaf76cddc67fc230eafa2e \
    --hash=sha256:7b46165bb56eb4704e2eaaf86f3c940d19154535d9b0ca7d6d590b04060e00d5 \
    --hash=sha256:828d49b0ff5a0e3975865571c5d91dbbdd0d38d8289b249a163e9425413a5e05 \
    --hash=sha256:84f964e537f916e2cc85199e5a88742e964939b575ac8598b3f9d6cc416cdaf1 \
    --hash=sha256:85d0d9a31b9098e98534226d5686b47264b95e62ce459dc2e62fdfc809f9fe93 \
    --hash=sha256:87e9ce85beb6b328ba370cc6e6aea483c92617b4c95b1d33a49297eb662bfb04 \
    --hash=sha256:8c71ba2cd31fc93748c38e1b613200ff1c2665cbfd5341fe3a61cfde35a1430e \
    --hash=sha256:94e5e9f108ee10471288214d3d233fbfbb492840a8457eb85178d643ddeb32c7 \
    --hash=sha256:9c8402a82ea0dc4ceeab793db05f0fafa8ca139ca34fcde5df0f596103c74107 \
    --hash=sha256:9dab55f57c74c3cad24c323bacbbd04be4705ba6eb0d92e920b1fc4837ed5079 \
    --hash=sha256:a582ab2ae1d34f67112cadc86702774c9ea4374df6bca6afe672817203c99134 \
    --hash=sha256:a6557e5f38e065ca9fbdaf7cfc7435ecb1d113aa81a022d1b51921ee7432e227 \
    --hash=sha256:a9f7355e6fab51f6c369b86fb7571cffa05edee2c2121e0380a37fb9ac1cd5c1 \
    --hash=sha256:ab50ee449bf968271e820086f10a33d101dd060370abc10bcd22279be2656539 \
    --hash=sha256:ac9ed99d81760c62fe89d5f0815cdfa1ba9a35141cf30f1c2d044f04b4803d2e \
    --hash=sha256:b13478603dcd0a2479ff8e87e2c19a7d525734686fe3c49542472293a204212d \
    --hash=sha256:c5e67125c7dca78d199ec4e116aa93dbb83494808ecbb8211a2cb09b1bf41dbd \
    --hash=sha256:c71be1cbfa5cd9a41ee452acf1eccd82b2c05950358b106ec8ceb83411d1a020 \
    --hash=sha256:cbc8738fd8526d80f35cb3a40d41f41a2e7030bb3b18b09a6778ef63d291c2fd \
    --hash=sha256:ce47f66801c20ec6c6632453bb5960fe38939e9306970b48b3a5a26de7745d94 \
    --hash=sha256:d370b8d1dfcdf7130178137f6fbee6140774a1acc6cacefc4b42643ec11d0a3a \
    --hash=sha256:d38cdff612d06fa6a32840d5e1b1f7a27cee4a349aa9085d94a67789d6bfd408 \
    --hash=sha256:d8947001be83df1394050758ce0e745dd74fb134eef0a4b5124208dfc3a68c37 \
    --hash=sha256:deb9fde5c60e437ee4821bc9bc39ff31b42135c27e1dc61ef0a629389c1de62e \
    --hash=sha256:dfe9763530994147d9af1def057a5b9658b00e8f8fe8743d144d1e0911c2e454 \
    --hash=sha256:e105ab60406787da31fccc883fc0f733af1efd78f0136a4599692c4083a73d0c \
    --hash=sha256:e275096ea1e60cc595cda2836fd4a6c725d1125108b868be17f53684d164e2cc \
    --hash=sha256:ee247f5c245c9a2fe7c8e2214e295918838e44e00a45a6718451e4004219e767 \
    --hash=sha256:f21e8a22c8605750c7af886bab299a363721264061b4ac0a30efb73cfd58efc5 \
    --hash=sha256:f265528741e048bce55c3463ed721fb0aa45a5888d8add8cfeccb3035451bbdc \
    --hash=sha256:f2f9bd7f90c64fe89253f0a2c05e3c4856072660429ce8831b4235bf29403a67 \
    --hash=sha256:f9f6143a8c75945eb960d9eb98905a441394abfa24afaae239d514ffb2586480 \
    --hash=sha256:fdd28f912fccfec1846a94e2e1e8f9b0012f557f0c46fe4f3eb0d7a87afcf90b
distlib==0.4.4 \
    --hash=sha256:ca4175b4ac7f71223cc30ed7248c45d2b38c2439d8ee6e498ab67ed63cf3508d \
    --hash=sha256:cf09d55b1e85a89576b036aeb71550bfd68320f3f21761ca329eadadad918638
dulwich==0.24.10 \
    --hash=sha256:019af16c850ae85254289f9633a29dea02f45351c4182ea20b0c1394c074a13b \
    --hash=sha256:15b32f8c3116a1c0a042dde8da96f65a607e263e860ee42b3d4a98ce2c2f4a06 \
    --hash=sha256:2a56f9838e5d2414a2b57bab370b73b9803fefd98836ef841f0fd489b5cc1349 \
    --hash=sha256:30e028979b6fa7220c913da9c786026611c10746c06496149742602b36a11f6b \
    --hash=sha256:3581ae0af33f28e6c0834d2f41ca67ca81cd92a589e6a5f985e6c64373232958 \
    --hash=sha256:6a25ca1605a94090514af408f9df64427281aefbb726f542e97d86d3a7c8ec18 \
    --hash=sha256:858fae0c7121715282a993abb1919385a28e1a9c4f136f568748d283c2ba874f \
    --hash=sha256:8df79c8080471f363e4dfcfc4e0d2e61e6da73af1fd7d31cb6ae0d34af45a6b4 \
    --hash=sha256:90028182b9a47ea4efed51c81298f3a98e279d7bf5c1f91c47101927a309ee45 \
    --hash=sha256:90b24c0827299cfb53c4f4d4fedc811be5c4b10c11172ff6e5a5c52277fe0b3a \
    --hash=sha256:b715a9f85ed71bef8027275c1bded064e4925071ae8c8a8d9a20c67b31faf3cd \
    --hash=sha256:d9793fc1e42149a650a017dc8ce38485368a41729b9937e1dfcfedd0591ebe9d
exceptiongroup==1.3.2 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:41c6a70dfec22050d3d8b43386b059a4dc0bca3f3d40a40971cb206fff1785af \
    --hash=sha256:ca82e69f0cb535fbde934885744b67669a3efddd50fe7bc00d3398839fcaddec
fastjsonschema==2.22.3 \
    --hash=sha256:8330c91b027dcf941efcb7b1f0998515ff95d177ea15bbabdfe8671965620901 \
    --hash=sha256:f670b443830b75aca3f00b75949efa20f4b2a80302ec7a21505c28dd54cffd43
filelock==4.1.0 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:2ce9818e3e2d8f284c1a964414447ef148d42a5fd5e2a477a7118e574b293ec1 \
    --hash=sha256:ad7f724afef953e731b1cc39bcd3a09166d72ed7fcdf29e6e88b1c3235c6715d
filelock==4.3.1 ; python_full_version >= '\''3.11'\'' \
    --hash=sha256:4c5ee627c401f1863ac6a0de9a14a28d3bb5f8c730b45e2fd6e5dbc79cf34b9e \
    --hash=sha256:79e43df8e9fe509cd83a3899a7c186c8077cbbe4d200a1ed3705c2f3bb6bc487
findpython==0.7.1 \
    --hash=sha256:1b78b1ff6e886cbddeffe80f8ecdbf2b8b061169bbd18b673070e26b644c51ac \
    --hash=sha256:9f29e6a3dabdb75f2b39c949772c0ed26eab15308006669f3478cdab0d867c78
h11==0.16.0 \
    --hash=sha256:4e35b956cf45792e4caa5885e69fba00bdbc6ffafbfa020300e549b208ee5ff1 \
    --hash=sha256:63cf8bbe7522de3bf65932fda1d9c2772064ffb3dae62d55932da54b31cb6c86
httpcore==1.0.9 \
    --hash=sha256:2d400746a40668fc9dec9810239072b40b4484b640a8c38fd654a024c7a1bf55 \
    --hash=sha256:6e34463af53fd2ab5d807f399a9b45ea31c3dfa2276f15a2c3f00afff6e176e8
httpx==0.28.1 \
    --hash=sha256:75e98c5f16b0f35b567856f597f06ff2270a374470a5c2392242528e3e3e42fc \
    --hash=sha256:d909fcccc110f8c7faf814ca82a9a4d816bc5a6dbfea25d6591d6985b8ba59ad
idna==3.20 \
    --hash=sha256:a7db850025b95ded1eae8a46181a1a6c56c92c96f0e2b005d9ff8dc0210cab44 \
    --hash=sha256:ab7ae7122974553370f0bdb919e1a960b2cd1bc1ef0276416d896db81c14582c
importlib-metadata==9.0.1 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:ab830580bc0ef3db61ce8fae716389e5462b67e033018bab6d8f80ef17172f99 \
    --hash=sha256:bba5600596a7e21f3eef53281cf28d6a5195634d2f2b78ff9501a3272c6eaab0
importlib-metadata==10.2.0 ; python_full_version == '\''3.11.*'\'' \
    --hash=sha256:9413a2029fd9ca5669d27f1386071bbfe3c7ebca0545692ec975088241fe1d79 \
    --hash=sha256:c7a4bf1c7479601f6b8e437cfc14f4f77028ba62a8f34ae95cd93d9774dfba51
installer==0.7.0 \
    --hash=sha256:05d1933f0a5ba7d8d6296bb6d5018e7c94fa473ceb10cf198a92ccea19c27b53 \
    --hash=sha256:a26d3e3116289bb08216e0d0f7d925fcef0b0194eedfa0c944bcaaa106c4b631
jaraco-classes==3.4.0 \
    --hash=sha256:47a024b51d0239c0dd8c8540c6c7f484be3b8fcf0b2d85c13825780d3b3f3acd \
    --hash=sha256:f662826b6bed8cace05e7ff873ce0f9283b5c924470fe664fff1c2f00f581790
jaraco-context==6.1.2 \
    --hash=sha256:bf8150b79a2d5d91ae48629d8b427a8f7ba0e1097dd6202a9059f29a36379535 \
    --hash=sha256:f1a6c9d391e661cc5b8d39861ff077a7dc24dc23833ccee564b234b81c82dfe3
jaraco-functools==4.6.0 \
    --hash=sha256:880c577ec9720b3a052d5bc611fb9f2269b3d87902ef42440df443b88e443280 \
    --hash=sha256:99e3dc0060c5cbe8fcd1cdb36258e2a65ca40f1566b2033b12abb1bb44dd3c30
jeepney==0.9.0 ; sys_platform == '\''linux'\'' \
    --hash=sha256:97e5714520c16fc0a45695e5365a2e11b81ea79bba796e26f9f1d178cb182683 \
    --hash=sha256:cf0e9e845622b81e4a28df94c40345400256ec608d0e55bb8a3feaa9163f5732
keyring==25.7.0 \
    --hash=sha256:be4a0b195f149690c166e850609a477c532ddbfbaed96a404d4e43f8d5e2689f \
    --hash=sha256:fe01bd85eb3f8fb3dd0405defdeac9a5b4f6f0439edbb3149577f244a2e8245b
lazy-importer==0.1.0 ; python_full_version == '\''3.11.*'\'' \
    --hash=sha256:b2e296716ce015c0cd80e57b940e52727c5b934b34b8656d5ce06bdd0ee5fbdd \
    --hash=sha256:bd93fab7bef18e842eea02b839410954d37889140dc64ca4d9680aec6880c739
more-itertools==11.1.0 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:48e8f4d9e7e5878571ecf6f2b4e57634f93cd474cc8cfbd2376f2d11b396e30d \
    --hash=sha256:4b65538ae22f6fed0ce4874efd317463a7489796a0939fa66824dd542125a192
more-itertools==11.2.1 ; python_full_version >= '\''3.11'\'' \
    --hash=sha256:35a7377edd1dd6608dcb2cdf534ded55ea32d49448875ad042cd3f879fb1ded0 \
    --hash=sha256:cbf08fd0af284dc69718b9b76a8e6203df624d70209ea511e4219d350c856f63
msgpack==1.2.4 \
    --hash=sha256:0a1fd6c31952155b7cd01061288c70303e6554ae855244dfb38a897fd94f8749 \
    --hash=sha256:0bef691e2a95119cc6bf3ded29325dbd89c4b6f8ff233070431948ed70902421 \
    --hash=sha256:0c75cfda0d3ccb1f6abc20e0608ad6b226e11f317b5ac297721504d2509e2bd9 \
    --hash=sha256:0d9ff7f3aaffd84010f1c501b05406a497584f5cab2f732eb9d89bf960e12f6f \
    --hash=sha256:23d1459a1d0b4c9f6629df072d592eb74424b3ed3656b69af507bc9023cc027f \
    --hash=sha256:2444a4e04f924630d059ae6eae8f91fdfcd28ed9fd17b21bacf4e74550a091f7 \
    --hash=sha256:25e1f2466c4ea0fb9b694a922f75eb92d7ce6262eda8cb8a5dada34fe990d486 \
    --hash=sha256:2b597bb01aff61d65e305c2cf2589c93c86609929d42d575bfc359f3c54ea8e1 \
    --hash=sha256:40e91bf8325f492e8eb3c3aa6de06b20593c225336bb52b585c913d7c1da025b \
    --hash=sha256:429329799c72335b0e37be65964ec5b89062e57fe7ad9ee779b886df5e34ddaf \
    --hash=sha256:42e0a7dc26df739149478585d4264338b4d330f24b3e3b57d5aa89e48866e8ab \
    --hash=sha256:472a25463678f2795143a7cb42e88a1b59cc2375e9881917e69a9323bde42114 \
    --hash=sha256:475c44e12f2a5de766a8448783f149c9b33f3f49b88953c6cd739a77d93c732c \
    --hash=sha256:4e22c6571ab6ac9036da87d8a6fddb4baf86981844b480c0c60a4a4be417ee48 \
    --hash=sha256:55e6106d2d085af42b2de72efeb38ed255241a24b32295ca889707c1d679c442 \
    --hash=sha256:59887281c3c163a7afff7dffaaad2f78cd2b513b7e1a7843f1ee8e7cd6a94231 \
    --hash=sha256:5d65b791ce4283e02b6267742ad540899155e1b32887b9cbdda47f38f5a076b5 \
    --hash=sha256:5e4c67dbac05dce90a3fa1d845137617383c415e6b319062baac9734540706ae \
    --hash=sha256:7433d340de45003db3ed909a642c9469b598d175530f7a707cbaba64287d27ce \
    --hash=sha256:781e856db4f2cb398e4992e2a74305295d3ebf694eec26fa0f4bc766eb9fa0a0 \
    --hash=sha256:7ca62b31a873c70b73f367bb2c1efec1d143016642c5191405549578184ff6ff \
    --hash=sha256:7fabd415c41e62006c6641fcdf5b3e866f581c4e11c58328c0d0f69584b9577d \
    --hash=sha256:85b79ed643cfde70672152b3d1aee438ca647c5d2ffb7dba7226689ee9f6f44b \
    --hash=sha256:8ab62a50cab6f786d49f3584914c1088b0ed8de76bfe675b26a60c7bec426380 \
    --hash=sha256:8e680367090a58c966052d61418cc943111863538fd82471d61fca5271d911e1 \
    --hash=sha256:996dfc4774c240c8e6adf1166ae102141cfbed33c8856fde821bd6c0bd35ee41 \
    --hash=sha256:9ca1e78106675f2aed07dc37b842ce19be70010ab22c5c5c04688f0840d48539 \
    --hash=sha256:9e73761fe9fc55a4e9d2df8e8f59b0979231af4dbf80b8bf90cd64c74173d779 \
    --hash=sha256:9f46e70c8d22e96856967ab9d80c51dcf5bc63133e4da2d66fab64c0d4119b82 \
    --hash=sha256:a45ceb5f199d5e388f28b550ba881096a3740d4bda10e661d77f59d9a2e8187a \
    --hash=sha256:a6c9926f8871b261622fe6b599db72c69be5bca8fdc0976886f9a531a301dee9 \
    --hash=sha256:aa10dc04c03408f31948ac1896a942141fd8d7a954b3612edac79f19663e4076 \
    --hash=sha256:b9270b63409e70c8c6deb5faedc81fc27c6bd0196b38084a8773f68286abf034 \
    --hash=sha256:b9eff629190a4b118549b654df32a56ed535351819f690d0c935d185500cc90b \
    --hash=sha256:c1119e840d2c9164120f067740d99c9608d21d4ee9a172cf0f00dcafdf5624a4 \
    --hash=sha256:c4d5bbdbea8f5669b3a734d6c226772804fb120848f99cbe63a0ddee63b049c9 \
    --hash=sha256:c50bac325dbf1a9c80e10da6dbd1100d7082f6b12e153084501e18e86cd3a037 \
    --hash=sha256:c5917972ce1bf5f85f761031e00dab6fe0ad9f880cb3d2d43ed74b330c850400 \
    --hash=sha256:cbb8a677da3e845713925e9a203b8a120b1e9da9989836890ba4a4a187902701 \
    --hash=sha256:ccd6e4af5347eb9828147320449bcd30e3321f6397d4583ff16047485dd8be3d \
    --hash=sha256:ce22584c8b12aa7e424dab08c481afd95ad4bd3007829fd1767d28b4dbbc3167 \
    --hash=sha256:cfa86432bf329d6b976f5a00ad4c9064fd51736e4967a52526750236345cc2da \
    --hash=sha256:cfc1cc237792f9a5664002b66acb961027d4184528ec9d10e0e42330f7972383 \
    --hash=sha256:e78c66cf97ac5675037f705ca433ad98ac9177f9523e7fdbb34e486ae29044c8 \
    --hash=sha256:e7ae8cf6012372cecb43016132d1b87ccc2ebb8ae5ab5078687399e82423386a \
    --hash=sha256:e9c5ba0f053a7e98f013f083c9d1b2dffb26cad8c897c533d8286e44ed24c669 \
    --hash=sha256:efa1357fb0c7201e833de28638be371ee127476f7ccff9e7a94211b0afc33ddf \
    --hash=sha256:f60de6ae13d4d2a12a483f15c5e47cb6fa2731aa32d92fb31178e2017d6574a8 \
    --hash=sha256:f641971d3eec89ffca57fa36d151ad1cf1b6a214b47faca16cb165c7d45ef8be
packaging==26.4 \
    --hash=sha256:81383611a09c1bc0b08b76e0fd5829d7c6824c65b27a6aee339da133f4233ea2 \
    --hash=sha256:c4b671c41ddb9bf26e543c37723610d28fb6bf7affc4da17cf048d419d2c062a
pbs-installer==2025.12.17 \
    --hash=sha256:1a899ac5af9ca4c59a7a7944ec3fcf7ad7e40d5684b12eadcfbeee7c59d44123 \
    --hash=sha256:cf32043fadd168c17a1b18c1c3f801090281bd5c9ce101e2deb7e0e51c8279dd
pkginfo==1.13.3 \
    --hash=sha256:66520cd19fddf3faa9554d68dcc0e6801944275bf612e8b581dfba968a9b4cc9 \
    --hash=sha256:ad74cc8184b28b77b06cccc49361fd0fdc56fd87e307425ce1c2b7596dbe3185
platformdirs==4.12.4 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:63743c02414e755de4e31b8f68125c1407495b86c5a006e203c01ff8b9924250 \
    --hash=sha256:78bfb9db2a8471ed7eebe3c3c932da413911042994e699b384fbb4493fa872d7
platformdirs==4.14.8 ; python_full_version >= '\''3.11'\'' \
    --hash=sha256:1e34af590de4d978631b751eb2202f2fee4497537a17c1720b12fcf57b331392 \
    --hash=sha256:96893d686e84e9e6f358a9ea41a8de544df66dbf2ba6cda250e7dc73acf85b9b
poetry==2.2.1 \
    --hash=sha256:bef9aa4bb00ce4c10b28b25e7bac724094802d6958190762c45df6c12749b37c \
    --hash=sha256:f5958b908b96c5824e2acbb8b19cdef8a3351c62142d7ecff2d705396c8ca34c
poetry-core==2.2.1 \
    --hash=sha256:97e50d8593c8729d3f49364b428583e044087ee3def1e010c6496db76bd65ac5 \
    --hash=sha256:bdfce710edc10bfcf9ab35041605c480829be4ab23f5bc01202cfe5db8f125ab
poetry-plugin-export==1.10.1 \
    --hash=sha256:83f10f98bb39ddc0dc839bdaa04848c9b2265a77e95d8dfd6e82071cab94540f \
    --hash=sha256:b1429306da4eb0fd5c3b52a3bf37a5dfcdac96c6ddcfd08f6385be4aa11932d3
pycparser==3.11 ; (python_full_version < '\''3.11'\'' and implementation_name != '\''PyPy'\'' and platform_python_implementation != '\''PyPy'\'' and sys_platform == '\''linux'\'') or (python_full_version < '\''3.11'\'' and implementation_name != '\''PyPy'\'' and sys_platform == '\''darwin'\'') \
    --hash=sha256:51d5a8ba2be0bbe440b99d2112604c95bbbc3c2748a64260186c541e1729cd80 \
    --hash=sha256:d875f09c3507d00e1aba0eecc6dcadc1352f30fff09dc6bff2f1c2935e97c2bc
pycparser==3.12 ; (python_full_version >= '\''3.11'\'' and implementation_name != '\''PyPy'\'' and platform_python_implementation != '\''PyPy'\'' and sys_platform == '\''linux'\'') or (python_full_version >= '\''3.11'\'' and implementation_name != '\''PyPy'\'' and sys_platform == '\''darwin'\'') \
    --hash=sha256:a076f3f489b39b43ed13563a1dafe42447445bec2e294154ec5c57fcdda4c85e \
    --hash=sha256:f03387877eab82ce01bbdfd0ba7252ee55a90b1c708d5129e2ce915475cf1db6
pyproject-hooks==1.3.3 \
    --hash=sha256:5fc53fdac9f7bd63fbcdc868fb5f90b4784d78a53a3d3388cd738b807441a20b \
    --hash=sha256:defda19b854fa0d3bd4f76ea4ddcba8abd7dcfcdd585a6690ade050744fc5f43
python-discovery==1.9.6 \
    --hash=sha256:383aa67858d73a9585a843a37a4383c6be98e4d86a981a031328e393a6eb2632 \
    --hash=sha256:93b10b90363d4151964cdeee2ec6601f3041b17fc2b253a1c3da7d6e7ddd8337
pywin32-ctypes==0.2.3 ; sys_platform == '\''win32'\'' \
    --hash=sha256:8a1513379d709975552d202d942d9837758905c8d01eb82b8bcc30918929e7b8 \
    --hash=sha256:d162dc04946d704503b2edc4d55f3dba5c1d539ead017afa00142c38b9885755
rapidfuzz==3.14.5 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:01550fe5f60fd176aa66b7611289d46dc4aa4b1b904874c7b6d1d54e581c5ec1 \
    --hash=sha256:068b3e965ca9d9ee4debe40001ae7c3938ba646308afd33cf0c66618147db65c \
    --hash=sha256:09d6c9ba091854f07817055d795d604179c12a8f308ba4c7d56f3719dfea1646 \
    --hash=sha256:0ebd1a18e2e47bc0b292a07e6ed9c3642f8aaa672d12253885f599b50807a4f9 \
    --hash=sha256:17a34330cd2a538c1ce5d400b61ba358c5b72c654b928ff87b362e88f8b864c7 \
    --hash=sha256:1e989f86113be66574113b9c7bdf4793f3f863d248e47d911b355e05ca6b6b10 \
    --hash=sha256:2e83cd2e25bb4edd97b689d9979d9c3acccdaaf26ceac08212ceece202febcfa \
    --hash=sha256:3d50e5861872935fece391351cbb5ba21d1bced277cf5e1143d207a0a35f1925 \
    --hash=sha256:419e4397a36e2665ec992d8d64c20ba4b2a42500c76ecadeca78a4f19cb9cc32 \
    --hash=sha256:440d30faaf682ca496170a7f0cc5453ec942e3e079f0fd802c9a7f938dfb50a3 \
    --hash=sha256:46b92a9970dcc34f0096901c792644094cab49554ac3547f35e3aebbdf0a3610 \
    --hash=sha256:48bee0b91bebfaec41e1081e351000659ab7570cc4598d617aa04d5bf827f9e6 \
    --hash=sha256:4900143d82071bdda533b00300c40b14b963ff826b3642cc463b6dd0f036585e \
    --hash=sha256:56227a61fd3d17b0cd9793132431f3a3d07c8654be96794ba9f89fe0fc8b2d09 \
    --hash=sha256:593c00dac4e30231c35bf3b4f1da8ec0998762e9e94425586a5d636fcd57f9d0 \
    --hash=sha256:59b3dba758661a318995655435c6ab20a04ade79fa51e75bc8dc107cac8df280 \
    --hash=sha256:649712823f3abcdc48427147a5384fac15623ba435d0013959b52e6462521397 \
    --hash=sha256:7092a216728f80c960bd6b3807275d1ee318b168986bd5dc523349581d4890b8 \
    --hash=sha256:738c96944d076deeaff70e92b65696ab4f7ecb8081d7791c5403a3257dfaf8ff \
    --hash=sha256:7e580cb04ad849ae9b786fa21383c6b994b6e6c1444ad1cb9f22392759d72741 \
    --hash=sha256:823b1b9d9230809d8edcc18872770764bfe8ef4357995e16744047c8ccf0e489 \
    --hash=sha256:88b7d31ff1cc5e9bc0e4406e6b1fa00b6d37163d50bb58091e9b976ff1129faa \
    --hash=sha256:93d8da883a35116d6813432177f35e570db5b0a5e30ecb0cbd7cb39c815735df \
    --hash=sha256:95d937e74c1a7a1287dfb03b62a827be08ede10a155cf1af73bbf47f2b73ee6e \
    --hash=sha256:9669753caef7fdc6529f6adcc5883ed98d65976445d9322e7dbdb6b697feee13 \
    --hash=sha256:97131ab2be39043054ee28d99e09efe316e6d53449b7e962dfcf3c2de8b2b246 \
    --hash=sha256:a2ae6f53f99c9a0eca7a0afc5b4e45fc73bc1dd4ac74c00509031d76df80ed98 \
    --hash=sha256:af3b859726cd3374287e405e14b9634563c078c5531a4f62375508addebddad1 \
    --hash=sha256:af6a90a4ed2a48fa1a2d17e9d824e6c7c950bea5bad0b707c77fd55751e6bfef \
    --hash=sha256:b002c7994cc9f2bc9d9856f0fbaee6e8072c983873846c92f25cefba5b2a925f \
    --hash=sha256:ba10ac57884ce82112f7ed910b67e7fb6072d8ef2c06e30dc63c0f604a112e0e \
    --hash=sha256:bf5018938208d4597b2e679a4f8cff9fd252f1df53583130ae56281a21801b64 \
    --hash=sha256:c0919d1f89ddf91129906705723118ea09754171e4116f5a5dbc667c7bc9b261 \
    --hash=sha256:cb2829fedd672dd7107267189dabe2bbe07972801d636014417c6861eb89e358 \
    --hash=sha256:d45e06f60729e07d9b20c205f7e5cff90b6ef2584e852eecf46e045aea69627d \
    --hash=sha256:dfa552338f51aec280f17b02d28bace1e162d1a84ccd80e3339a57f98aedb56b \
    --hash=sha256:e012177c8e8a8a0754ae0d6027d63042aa5ff036d9f40f07cb3466a6082e21b8 \
    --hash=sha256:e52da10236aa6212de71b9e170bace65b64b129c0dea7fc243d6c9ce976f5074 \
    --hash=sha256:eacb434410b8d9ca99a8d42352ef085cf423e3c76c1f0b86be2fcba3bff2952c \
    --hash=sha256:f0b2af76b7e7060c09e1a0dfa9410eb19369cbe6164509bff2ef94094b54d2b6 \
    --hash=sha256:f4c1bca487a17fe4226b4ffb2d30e799d2b274d692cffa76bd0746f56235fca3 \
    --hash=sha256:f9fff308486bbd2c8c24f25e8e152c7594d3fe8db265a2d6a1ce24d58671127f \
    --hash=sha256:feedf219672eef83ea6be6f3bb093bba396a8560fc75be85ba225f082903df0a
rapidfuzz==3.14.6 ; python_full_version >= '\''3.11'\'' \
    --hash=sha256:08bc63b88048376114d1e66cf8fa6926495d03bb873eb87854fa74cf6848a70b \
    --hash=sha256:0b34b7ee4f4f760690d6477163aabbec05705b5dd764cb6c3a6ba95aa1fffc42 \
    --hash=sha256:0debb5f43662ea84d2f0228a0c7407ff647f9c3d13f3b692efff0cde46eebce0 \
    --hash=sha256:11d76bb2b2cd038df708ae18f521fb3a50af477cc5a0dffce812da43a2f1beb3 \
    --hash=sha256:17081a0e904c12bb4ed49619a2bbb6528f6af00fe850e7ace22487bfd2aea455 \
    --hash=sha256:178557c7a50c8c8d65369ede7f3d845bf23590a951c9a368caf166b105d58cf3 \
    --hash=sha256:189ce2bf14938bfa003fbbe7e6da7584ed6ebbc4c560686255dbc20e2829f470 \
    --hash=sha256:1d253e1fe44648242a0029b42ba23adf238ed2a7eb3d8ed0a03731a23f074ae0 \
    --hash=sha256:28e9ce91bd41a8203185887ef9b1541a891aa61c5c1cb2e46f1689cd4288d372 \
    --hash=sha256:2bc7af3a699371a941aac86dc8a79ac92adeb3c2add2aab02230e76068a0029e \
    --hash=sha256:2cc9b5dde0ac89f7856f997ef917cac8e18e9dea473e9b3090a84bd600de6a91 \
    --hash=sha256:32352a3ed1aad9c097d31fd4f2eece3030169e2de3dedde7a2fadc2652b768ad \
    --hash=sha256:33a2f7faedaa3608c4876c41b448fc786d54e6cd7c6e732f7de466319b5a73c2 \
    --hash=sha256:35db2670f69fa3a4eb4741055581477ff92f2cf39e7e06f43ebcb97c2192fe7c \
    --hash=sha256:36710ff214b7a8049d26a9c81d99948026593cacb47663742c4119072b651ecd \
    --hash=sha256:36a37ddc729c33618d89fa221d3333b9b956dc38cf15d31301e6169d962399a3 \
    --hash=sha256:3781cf14f9fc933d7198c2b25a8bbbd1a62b752746d5cd26de14957edc0e802f \
    --hash=sha256:3c2444f5cd757ded2c3ba8b1734253b801b9b2ba9ecb3ee40cd505cebbfa7341 \
    --hash=sha256:3d5b1cfa67bbe6239a643bca1d986f8a07e0a045286c674946e1648c132baa46 \
    --hash=sha256:3d5d90bae3c6fb7ea34da968c9f23070e8440edb827a28b242580e0108110b14 \
    --hash=sha256:408b2e8e8c1ac71b57f0923cf964d6932539725e07b69e70ec66f22c4a403891 \
    --hash=sha256:40c2753e2d4dc96b25f8a25adc23ab0bb6cfd8bc8125a1753ac4b037d6ff6511 \
    --hash=sha256:40d0cd9c82083aeb30bae8dee265ae571e6748d0d7b222ddd777f33d95a3b712 \
    --hash=sha256:44f1cddbc2010700e2d88063d0ab64183efe2578d9b52770ce1cd283dda230c5 \
    --hash=sha256:50cd6718bcda7ec5293635a9d0b3fb5906251013d3b99ca403ba9dfa8965f661 \
    --hash=sha256:5667c56fdc902fa1e12449b5c042e8b1c7e9b30040db20c396fbdb3d0a750866 \
    --hash=sha256:635f242f4bdf05d1477fa409815bd73e5f78896773ace84997bc472ffeef685f \
    --hash=sha256:63b0e84faec3c5706cae8ae51246ff103407d54efa32a615a548b7b67392ebcf \
    --hash=sha256:659b41570fcc6e02631ac361c47cc8db9ad26d740e4be2177df1b63005a49174 \
    --hash=sha256:6bb896f89a387219c671ebc33c4a636b222010cc3c5c83884a7fc8707bf0bbf9 \
    --hash=sha256:6f9ad513e3a3e045b60b421d5cd3887ae0a33b38fc6c6db3ea5e27c0a2e0412c \
    --hash=sha256:71a5bbfd00da1963f27dd1432068929694cf0e00007ae2b9c1ad2a187ec29a16 \
    --hash=sha256:760ee152af5e8b4d241a469f933ba2d7215248618ae19770fec7d80d9e149db6 \
    --hash=sha256:76a122fc573df603deb5fb827df31bb5efbd0826b50bb7aeca8535a6e8c70cf9 \
    --hash=sha256:864658e5a10d249a2277374e800f944fe990346d70eea6f3a51b712b6dd01984 \
    --hash=sha256:8683fefdd3484d64a191b3efbc8cbe9162c3eac891fd62d0a1b70e117ffcd434 \
    --hash=sha256:9080a730fdcf3cb8a07464c90f9cf40c1b4ffc73a8375b56a8898aba619dda30 \
    --hash=sha256:96a548979cd939b2c69358a0f5088a408524fbf7454f04bf90939fa971e64310 \
    --hash=sha256:9ddb0ddf3ee616fdc066add4ef05639c5cf59b58d83779b6023488e5435f6191 \
    --hash=sha256:ab4386ef7c2cb3e5eb46e815be49715dfcd301bb9f0a431f18da7aa0007de54f \
    --hash=sha256:abe92a70134c8b40790bb5c78b2a0a790686c26e83b6e99a456127ca141fe06a \
    --hash=sha256:ad60297c001d15af24338440bca85dfee8710e9e3222733c906b33e89d986166 \
    --hash=sha256:adb160a100f6122aa45c78d686e198da3f9e815d4182e0c4fe730608479f7f9c \
    --hash=sha256:b22ef7e5e2341efc6216b666491022027b984e5aef93446064742f43f3c1d926 \
    --hash=sha256:b82c21c30568e096ef2a9dda7d45c379e6141694e0472dac73bc4372ce13ccee \
    --hash=sha256:bf4fb0f19c9dfce7a908c3e309753602ce3edb83bb74e9ff997e278765bf89df \
    --hash=sha256:c53a269bdbd71ffbc856d3db9e609478251001ee272507578fa838bc2bd421fe \
    --hash=sha256:cbe6a62f71fcbca72acbf5a30e53380600369f257f951d664d81d30c0c598595 \
    --hash=sha256:d6b58daadbe6974884ec39aee30cfb8bd2e126f8d03503f0069f70d5e84656a3 \
    --hash=sha256:d85a6e9180e53cde95c95dfeb05a2ac94ead4d9d803a8fd186d2719a678b8483 \
    --hash=sha256:dbe3378db3ae0453accf6196e2ed943f43d416cfacdcb8883db105bc14a0130f \
    --hash=sha256:e06c6050c9bf6cd72305e3e6a293918b2b92cf2a067007585a53898624902e3c \
    --hash=sha256:e13a8160d017b499ec7a2fa9d0ce1ae2e7377080815785819f966fb235d4eb60 \
    --hash=sha256:e221366e24709b9d41d5f9cc99053b04cfc575d429e956a82cfbc4c4e9e8860a \
    --hash=sha256:eabaf06ca4896c59cfd9162480f0d37a15a2304ce2efe83ae2bbcfa1cf13534e \
    --hash=sha256:ecb45d616002751b58914d5b7c2e66acd39e12242be12717a1258148a1b36526 \
    --hash=sha256:f0d2d95c787d812b9106cfbcb94ad37a49f59df9287e00a75eb61afc246e8759 \
    --hash=sha256:f35723caef8cc31b6f34209708fb172fc88bab0077c12e9b36bbb829baaf1b16 \
    --hash=sha256:f9b0a501f37fb852c54469375baa25874246b3bbc8b6e21fb4cd186a32335868 \
    --hash=sha256:f9d93e5424d1e4c103b57906b8beba270e680afda3ffdff7ea3bc6173b37083c \
    --hash=sha256:faebff9b9a287fb673f9a66465a7e03043601c9bfe5e71c3f91b3f2e7b8a37f6 \
    --hash=sha256:fc166efa4ca2fc9cc52e43784a54cbea95fc0e03e533f8266ef66b1c04c7cb76 \
    --hash=sha256:fc950bb77105a2717d03d9f9c9e21e9ace7df2b8e864dd91edef7e32fa143be2
requests==2.34.2 \
    --hash=sha256:2a0d60c172f83ac6ab31e4554906c0f3b3588d37b5cb939b1c061f4907e278e0 \
    --hash=sha256:f288924cae4e29463698d6d60bc6a4da69c89185ad1e0bcc4104f584e960b9ed
requests-toolbelt==1.0.0 \
    --hash=sha256:7681a0a3d047012b5bdc0ee37d7f8f07ebe76ab08caeccfc3921ce23c88d5bc6 \
    --hash=sha256:cccfdd665f0a24fcf4726e690f65639d272bb0637b9b92dfd91a5568ccf6bd06
secretstorage==3.5.0 ; sys_platform == '\''linux'\'' \
    --hash=sha256:0ce65888c0725fcb2c5bc0fdb8e5438eece02c523557ea40ce0703c266248137 \
    --hash=sha256:f04b8e4689cbce351744d5537bf6b1329c6fc68f91fa666f60a380edddcd11be
shellingham==1.5.4 \
    --hash=sha256:7ecfff8f2fd72616f7481040475a65b2bf8af90a56c89140852d1120324e8686 \
    --hash=sha256:8dbca0739d487e5bd35ab3ca4b36e11c4078f3a234bfce294b0a0291363404de
tomli==2.5.0 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:1245a6638fc4bb0a60af38a7d45413db34a13842027c77597c712c998c62fdf0 \
    --hash=sha256:19b0dd8749f4ea2f112c5fcfb3c5248390c899d7e2e173f1d91abee1fa0ff391 \
    --hash=sha256:20aa36de8f2cf87237143bc1fa1aae8d6612c09118f4da21c6a684db5dd1f6f9 \
    --hash=sha256:21e4cae4114aba25aa0d4f85cdf486d290fb35c0954d7bba536248da64d43066 \
    --hash=sha256:22185fad8a1e622f064e78008018a0dd3323550dcb479cb7a1d296888d74024f \
    --hash=sha256:264507556cd8b8c8e7c6ee037cdf443a463f03f4c958e57195e3d369711b8ff6 \
    --hash=sha256:32a7b79ac57a2e83670ce329ccf675798bc5a2094783a63676866b70503f2e2b \
    --hash=sha256:49096930c8d886c9bbdab62d2d0d17ce823ddeea522309a190b36245d5b49e01 \
    --hash=sha256:57b1c3b01fab802e2899bc3d168dca320e14165e2fd9fd584760fb4ca5826859 \
    --hash=sha256:5d8bac3d603c97e6854424e5b2b5b741bdbde387e09f162fb0446812b4a8362b \
    --hash=sha256:61ea1ebe1e55a34ea8199cc8dbff398d35027b82271c8ac4802fd3a1fd5b1bcc \
    --hash=sha256:6cf74416bdc94ae458b14e37286c1073081850ac8459a00d0c5efef5d44294c6 \
    --hash=sha256:6e95c7614e705bfe2b04b27aa124adec59752d15813df37e2156747cab3a006b \
    --hash=sha256:752e8b1aa6a4367ef8bf6a1a1e005540f7ed055ba36d7193796812ca5404eb52 \
    --hash=sha256:7ac2027d37c3afbdf4bdd377f2676f6f1d2122a5be1f1137b49dced590b37e75 \
    --hash=sha256:7ad1ea345759240d6463efa0ed1c704402752e49aa21476620738d74d72d8aa1 \
    --hash=sha256:86665cee9c4835b7a7f1e8ec2c719b5258d4dc782887aded5a8ae7352a96843b \
    --hash=sha256:8ff3a2ca028c7eee0c777f9a092038d0a594a9fa04e215f929a22c329e2cb142 \
    --hash=sha256:96243987194634bd411066ce40c952e108f86af04db533ecd8ac3ff2a85b1885 \
    --hash=sha256:984012f71908165449a951de2050d52f276bfe3aa5d5f570f63ddad814370374 \
    --hash=sha256:9b03d7dc168353b4132965bde20feceabaa470e570c6f59660dfae59b1f9eeb3 \
    --hash=sha256:b69564772b5c8f22ea5f498dff08cfa825045b4d4c4400529000bdf818aa3b2a \
    --hash=sha256:b8ade5023067f99fe72b88accd30d0ea05a158e9e32a11f124e731ea9695313f \
    --hash=sha256:bbaefc84548d754be821bba7c4141c4787dda182f9e77f2f87b71213529efa7b \
    --hash=sha256:bf0b5e8e0f68ebb494356e577c06c139161efd8d3b9050f93b39b7c26cc54ff0 \
    --hash=sha256:c414be4ed9d3cac80c42e348fa5a956117d1a48227f48026e31f59cb4a7671eb \
    --hash=sha256:c47300f9bf791808f77d82747691c4bb09cb14bdf3060cca99b42cdc4361d5a7 \
    --hash=sha256:d7e369fd63331746182360977b1892bfc215476a30d61612d732425311639f56 \
    --hash=sha256:ed53f7e89bb04f6d9e8e7799112360b0c4d5cbff067de0814c98c37c39b920f7 \
    --hash=sha256:f79203b3965b4000e91808aaa7c040206093f2b8bf86f455982f2274c9ccf442
tomlkit==0.15.2 \
    --hash=sha256:05562412163a3037b94497385fb7f9204c637bc605af7a48199e41cf2272f437 \
    --hash=sha256:83e32755ba1d20d9340bd069ee97e9f6232ba2346b63ffcba425de01f7e327a6
trove-classifiers==2026.9.21.13 \
    --hash=sha256:0a9ebc8d4e2f3e8a22848c5258033035bec17a3012ac3fea16dbaa764489eb71 \
    --hash=sha256:8b1ff4f9c191b1040b71c37f1e445ab99732911e3cd91de52838453a854d7a17
typing-extensions==4.16.0 ; python_full_version < '\''3.15'\'' \
    --hash=sha256:481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8 \
    --hash=sha256:dc983d19a509c94dba722ee6abd33940f7c05a89e243c47e907eb4db6f1a43e5
urllib3==2.8.0 \
    --hash=sha256:0cf3cae568d36aa9576b28dfb35f11328f1cb974ca7647d9475ebb86c75ac6e3 \
    --hash=sha256:63bf2ead4c879426ebf22ef2a781eeb4aa3b4ae798a0435506f8687fd5bb9b63
virtualenv==21.15.11 \
    --hash=sha256:0390c40275487b5e677a1e559e30204ff061db4c5fec39c81d0dff1b24d2b774 \
    --hash=sha256:6ad11e129f546835ae81d47a27f48ed32dcc4e2a0776014a159bab8895cdb9ac
xattr==1.3.0 ; sys_platform == '\''darwin'\'' \
    --hash=sha256:05f8e068409742d246babba60cff8310b2c577745491f498b08bf068e0c867a3 \
    --hash=sha256:1e0dabb39596d8d7b83d6f9f7fa30be68cf15bfb135cb633e2aad9887d308a32 \
    --hash=sha256:1fd185b3f01121bd172c98b943f9341ca3b9ea6c6d3eb7fe7074723614d959ff \
    --hash=sha256:2aaa5d66af6523332189108f34e966ca120ff816dfa077ca34b31e6263f8a236 \
    --hash=sha256:2c5e7ba0e893042deef4e8638db7a497680f587ac7bd6d68925f29af633dfa6b \
    --hash=sha256:2c69999ed70411ac2859f1f8c918eb48a6fd2a71ef41dc03ee846f69e2200bb2 \
    --hash=sha256:30439fabd7de0787b27e9a6e1d569c5959854cb322f64ce7380fedbfa5035036 \
    --hash=sha256:4a04ada131e9bdfd32db3ab1efa9f852646f4f7c9d6fde0596c3825c67161be3 \
    --hash=sha256:4ae3a66ae1effd40994f64defeeaa97da369406485e60bfb421f2d781be3b75d \
    --hash=sha256:50c12d92f5214b0416cf4b4fafcd02dca5434166657553b74b8ba6abc66cb4b4 \
    --hash=sha256:5eeaa944516b7507ec51456751334b4880e421de169bbd067c4f32242670d606 \
    --hash=sha256:69bca34be2d7a928389aff4e32f27857e1c62d04c91ec7c1519b1636870bd58f \
    --hash=sha256:69cd3bfe779f7ba87abe6473fdfa428460cf9e78aeb7e390cfd737b784edf1b5 \
    --hash=sha256:6c42ef5bdac3febbe28d3db14d3a8a159d84ba5daca2b13deae6f9f1fc0d4092 \
    --hash=sha256:726b4d0b66724759132cacdcd84a5b19e00b0cdf704f4c2cf96d0c08dc5eaeb5 \
    --hash=sha256:78df56bfe3dd4912548561ed880225437d6d49ef082fe6ccd45670810fa53cfe \
    --hash=sha256:864c34c14728f21c3ef89a9f276d75ae5e31dd34f48064e0d37e4bf0f671fc6e \
    --hash=sha256:928c49ceb0c70fc04732e46fa236d7c8281bfc3db1b40875e5f548bb14d2668c \
    --hash=sha256:9e68a02adde8a5f8675be5e8edc837eb6fdbe214a6ee089956fae11d633c0e51 \
    --hash=sha256:b3cf29da6840eb94b881eab692ae83b1421c9c15a0cd92ffb97a0696ceac8cac \
    --hash=sha256:b4345387087fffcd28f709eb45aae113d911e1a1f4f0f70d46b43ba81e69ccdd \
    --hash=sha256:b8589744116d2c37928b771c50383cb281675cd6dcfd740abfab6883e3d4af85 \
    --hash=sha256:bbd06987102bc11f5cbd08b15d1029832b862cf5bc61780573fc0828812f01ca \
    --hash=sha256:c0d9ab346cdd20539afddf2f9e123efee0fe8d54254d9fc580b4e2b4e6d77351 \
    --hash=sha256:c5742ca61761a99ae0c522f90a39d5fb8139280f27b254e3128482296d1df2db \
    --hash=sha256:c6992eb5da32c0a1375a9eeacfab15c66eebc8bd34be63ebd1eae80cc2f8bf03 \
    --hash=sha256:da5954424099ca9d402933eaf6112c29ddde26e6da59b32f0bf5a4e35eec0b28 \
    --hash=sha256:f32bb00395371f4a3bed87080ae315b19171ba114e8a5aa403a2c8508998ce78 \
    --hash=sha256:fe92bb05eb849ab468fe13e942be0f8d7123f15d074f3aba5223fad0c4b484de
zipp==4.1.2 ; python_full_version < '\''3.12'\'' \
    --hash=sha256:b30cb6cd253122169c47de245ca24a86bac2a5d3802ba15bf7ba6414eb9e144d \
    --hash=sha256:cf474b90b07ea932637e17c6b9479de2b2882900b0d311bdaf4f5c000a15a97f
zstandard==0.25.0 \
    --hash=sha256:011d388c76b11a0c165374ce660ce2c8efa8e5d87f34996aa80f9c0816698b64 \
    --hash=sha256:01582723b3ccd6939ab7b3a78622c573799d5d8737b534b86d0e06ac18dbde4a \
    --hash=sha256:05353cef599a7b0b98baca9b068dd36810c3ef0f42bf282583f438caf6ddcee3 \
    --hash=sha256:06acb75eebeedb77b69048031282737717a63e71e4ae3f77cc0c3b9508320df6 \
    --hash=sha256:07b527a69c1e1c8b5ab1ab14e2afe0675614a09182213f21a0717b62027b5936 \
    --hash=sha256:0bbc9a0c65ce0eea3c34a691e3c4b6889f5f3909ba4822ab385fab9057099431 \
    --hash=sha256:0be7622c37c183406f3dbf0cba104118eb16a4ea7359eeb5752f0794882fc250 \
    --hash=sha256:10ef2a79ab8e2974e2075fb984e5b9806c64134810fac21576f0668e7ea19f8f \
    --hash=sha256:1673b7199bbe763365b81a4f3252b8e80f44c9e323fc42940dc8843bfeaf9851 \
    --hash=sha256:172de1f06947577d3a3005416977cce6168f2261284c02080e7ad0185faeced3 \
    --hash=sha256:1869da9571d5e94a85a5e8d57e4e8807b175c9e4a6294e3b66fa4efb074d90f6 \
    --hash=sha256:19796b39075201d51d5f5f790bf849221e58b48a39a5fc74837675d8bafc7362 \
    --hash=sha256:1f3689581a72eaba9131b1d9bdbfe520ccd169999219b41000ede2fca5c1bfdb \
    --hash=sha256:223415140608d0f0da010499eaa8ccdb9af210a543fac54bce15babbcfc78439 \
    --hash=sha256:22a086cff1b6ceca18a8dd6096ec631e430e93a8e70a9ca5efa7561a00f826fa \
    --hash=sha256:25f8f3cd45087d089aef5ba3848cd9efe3ad41163d3400862fb42f81a3a46701 \
    --hash=sha256:2b6bd67528ee8b5c5f10255735abc21aa106931f0dbaf297c7be0c886353c3d0 \
    --hash=sha256:2e54296a283f3ab5a26fc9b8b5d4978ea0532f37b231644f367aa588930aa043 \
    --hash=sha256:3756b3e9da9b83da1796f8809dd57cb024f838b9eeafde28f3cb472012797ac1 \
    --hash=sha256:3a39c94ad7866160a4a46d772e43311a743c316942037671beb264e395bdd611 \
    --hash=sha256:3b870ce5a02d4b22286cf4944c628e0f0881b11b3f14667c1d62185a99e04f53 \
    --hash=sha256:3c83b0188c852a47cd13ef3bf9209fb0a77fa5374958b8c53aaa699398c6bd7b \
    --hash=sha256:4203ce3b31aec23012d3a4cf4a2ed64d12fea5269c49aed5e4c3611b938e4088 \
    --hash=sha256:457ed498fc58cdc12fc48f7950e02740d4f7ae9493dd4ab2168a47c93c31298e \
    --hash=sha256:474d2596a2dbc241a556e965fb76002c1ce655445e4e3bf38e5477d413165ffa \
    --hash=sha256:4b6d83057e713ff235a12e73916b6d356e3084fd3d14ced499d84240f3eecee0 \
    --hash=sha256:4f187a0bb61b35119d1926aee039524d1f93aaf38a9916b8c4b78ac8514a0aaf \
    --hash=sha256:51526324f1b23229001eb3735bc8c94f9c578b1bd9e867a0a646a3b17109f388 \
    --hash=sha256:53e08b2445a6bc241261fea89d065536f00a581f02535f8122eba42db9375530 \
    --hash=sha256:53f94448fe5b10ee75d246497168e5825135d54325458c4bfffbaafabcc0a577 \
    --hash=sha256:5a56ba0db2d244117ed744dfa8f6f5b366e14148e00de44723413b2f3938a902 \
    --hash=sha256:5f1ad7bf88535edcf30038f6919abe087f606f62c00a87d7e33e7fc57cb69fcc \
    --hash=sha256:5f5e4c2a23ca271c218ac025bd7d635597048b366d6f31f420aaeb715239fc98 \
    --hash=sha256:6a573a35693e03cf1d67799fd01b50ff578515a8aeadd4595d2a7fa9f3ec002a \
    --hash=sha256:6c0e5a65158a7946e7a7affa6418878ef97ab66636f13353b8502d7ea03c8097 \
    --hash=sha256:6dffecc361d079bb48d7caef5d673c88c8988d3d33fb74ab95b7ee6da42652ea \
    --hash=sha256:7149623bba7fdf7e7f24312953bcf73cae103db8cae49f8154dd1eadc8a29ecb \
    --hash=sha256:72d35d7aa0bba323965da807a462b0966c91608ef3a48ba761678cb20ce5d8b7 \
    --hash=sha256:75ffc32a569fb049499e63ce68c743155477610532da1eb38e7f24bf7cd29e74 \
    --hash=sha256:7713e1179d162cf5c7906da876ec2ccb9c3a9dcbdffef0cc7f70c3667a205f0b \
    --hash=sha256:78228d8a6a1c177a96b94f7e2e8d012c55f9c760761980da16ae7546a15a8e9b \
    --hash=sha256:809c5bcb2c67cd0ed81e9229d227d4ca28f82d0f778fc5fea624a9def3963f91 \
    --hash=sha256:81dad8d145d8fd981b2962b686b2241d3a1ea07733e76a2f15435dfb7fb60150 \
    --hash=sha256:89c4b48479a43f820b749df49cd7ba2dbc2b1b78560ecb5ab52985574fd40b27 \
    --hash=sha256:8e735494da3db08694d26480f1493ad2cf86e99bdd53e8e9771b2752a5c0246a \
    --hash=sha256:9174f4ed06f790a6869b41cba05b43eeb9a35f8993c4422ab853b705e8112bbd \
    --hash=sha256:9300d02ea7c6506f00e627e287e0492a5eb0371ec1670ae852fefffa6164b072 \
    --hash=sha256:9654dbc012d8b06fc3d19cc825af3f7bf8ae242226df5f83936cb39f5fdc846c \
    --hash=sha256:98750a309eb2f020da61e727de7d7ba3c57c97cf6213f6f6277bb7fb42a8e065 \
    --hash=sha256:99c0c846e6e61718715a3c9437ccc625de26593fea60189567f0118dc9db7512 \
    --hash=sha256:a4089a10e598eae6393756b036e0f419e8c1d60f44a831520f9af41c14216cf2 \
    --hash=sha256:a51ff14f8017338e2f2e5dab738ce1ec3b5a851f23b18c1ae1359b1eecbee6df \
    --hash=sha256:a5a419712cf88862a45a23def0ae063686db3d324cec7edbe40509d1a79a0aab \
    --hash=sha256:a9ec8c642d1ec73287ae3e726792dd86c96f5681eb8df274a757bf62b750eae7 \
    --hash=sha256:aaf21ba8fb76d102b696781bddaa0954b782536446083ae3fdaa6f16b25a1c4b \
    --hash=sha256:ab85470ab54c2cb96e176f40342d9ed41e58ca5733be6a893b730e7af9c40550 \
    --hash=sha256:bfc4e20784722098822e3eee42b8e576b379ed72cca4a7cb856ae733e62192ea \
    --hash=sha256:bfd06b1c5584b657a2892a6014c2f4c20e0db0208c159148fa78c65f7e0b0277 \
    --hash=sha256:c2ba942c94e0691467ab901fc51b6f2085ff48f2eea77b1a48240f011e8247c7 \
    --hash=sha256:c8e167d5adf59476fa3e37bee730890e389410c354771a62e3c076c86f9f7778 \
    --hash=sha256:ca54090275939dc8ec5dea2d2afb400e0f83444b2fc24e07df7fdef677110859 \
    --hash=sha256:d8c56bb4e6c795fc77d74d8e8b80846e1fb8292fc0b5060cd8131d522974b751 \
    --hash=sha256:e05ab82ea7753354bb054b92e2f288afb750e6b439ff6ca78af52939ebbc476d \
    --hash=sha256:e09bb6252b6476d8d56100e8147b803befa9a12cea144bbe629dd508800d1ad0 \
    --hash=sha256:e7360eae90809efd19b886e59a09dad07da4ca9ba096752e61a2e03c8aca188e \
    --hash=sha256:e96594a5537722fdfb79951672a2a63aec5ebfb823e7560586f7484819f2a08f \
    --hash=sha256:f27662e4f7dbf9f9c12391cb37b4c4c3cb90ffbd3b1fb9284dadbbb8935fa708 \
    --hash=sha256:f373da2c1757bb7f1acaf09369cdc1d51d84131e50d5fa9863982fd626466313 \
    --hash=sha256:f604efd28f239cc21b3adb53eb061e2a205dc164be408e553b41ba2ffe0ca15c \
    --hash=sha256:f67e8f1a324a900e75b5e28ffb152bcac9fbed1cc7b43f99cd90f395c4375344 \
    --hash=sha256:fd7a5004eb1980d3cefe26b2685bcb0b17989901a70a1040d1ac86f1d898c551
PYDOCK_LOCK
python -m venv /opt/pydock/poetry && /opt/pydock/poetry/bin/pip install --disable-pip-version-check --no-compile --require-hashes --no-deps -r /tmp/pydock-poetry-2.2.1.txt'
EOF

# [venv 3/7] python -m venv --copies /app/venv
RUN --mount=type=tmpfs,target=/tmp \
    python -m venv --copies --without-pip /app/venv && cd /app/venv/bin && real=$(ls python3.* | head -n 1) && ln -sf "$real" python && ln -sf "$real" python3

# [venv 4/7] copy pyproject.toml
COPY pyproject.toml /usr/src/pydock/pyproject.toml

# [venv 5/7] copy poetry.lock
COPY poetry.lock /usr/src/pydock/poetry.lock

# [venv 6/7] poetry export --only main | pip install
WORKDIR /usr/src/pydock
RUN --mount=type=cache,id=pydock-poetry,target=/root/.cache/pypoetry,sharing=locked \
    --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp \
    export PATH=/opt/pydock/poetry/bin:"${PATH}" VIRTUAL_ENV=/app/venv CFLAGS=-g0 POETRY_CACHE_DIR=/root/.cache/pypoetry POETRY_NO_INTERACTION=1 POETRY_VIRTUALENVS_CREATE=false; \
    /opt/pydock/bin/pydock-run /bin/sh -c 'poetry export --format requirements.txt --output /tmp/pydock-requirements.txt --only main --no-ansi && pip --python /app/venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt'

# [venv 7/7] find the shared libraries the venv links that the runtime image lacks
WORKDIR /
RUN --mount=type=bind,from=python:3.11-slim-bookworm,target=/run/pydock/runtime-image \
    --mount=type=tmpfs,target=/tmp <<'EOF'
/app/venv/bin/python -I -c 'import glob, mmap, os, re, struct, subprocess, sys, sysconfig
venv, root, out = sys.argv[1:4]

def elf_dynamic(path):
    # DT_NEEDED names and DT_SONAME of an ELF shared object; ([], None) for anything else.
    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return [], None
    try:
        if data[:4] != b"\x7fELF":
            return [], None
        end = "<" if data[5] == 1 else ">"
        if data[4] == 2:
            shoff, = struct.unpack_from(end + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
            shfmt, dynfmt = end + "IIQQQQIIQQ", end + "qQ"
        else:
            shoff, = struct.unpack_from(end + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
            shfmt, dynfmt = end + "IIIIIIIIII", end + "iI"
        section = lambda i: struct.unpack_from(shfmt, data, shoff + i * shentsize)
        dynsize = struct.calcsize(dynfmt)
        names, soname = [], None
        for i in range(shnum):
            dyn = section(i)
            if dyn[1] != 6:  # SHT_DYNAMIC
                continue
            strings = section(dyn[6])[4]
            text = lambda off: data[strings + off:data.find(b"\0", strings + off)].decode()
            for j in range(dyn[5] // dynsize):
                tag, value = struct.unpack_from(dynfmt, data, dyn[4] + j * dynsize)
                if tag == 0:
                    break
                if tag == 1:
                    names.append(text(value))
                elif tag == 14:
                    soname = text(value)
        return names, soname
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return [], None
    finally:
        data.close()

def inside(top, path):
    # The path in the filesystem rooted at top, symlinks resolved within it; None when it does not exist.
    parts, done, hops = [p for p in path.split("/") if p], [], 0
    while parts:
        part = parts.pop(0)
        if part == ".":
            continue
        if part == "..":
            done = done[:-1]
            continue
        full = top + "/" + "/".join(done + [part])
        if os.path.islink(full):
            hops += 1
            if hops > 40:
                return None
            link = os.readlink(full)
            if link.startswith("/"):
                done = []
            parts = [p for p in link.split("/") if p] + parts
            continue
        if not os.path.lexists(full):
            return None
        done.append(part)
    return top + "/" + "/".join(done)

def library_dirs(top):
    # ld.so.conf (with its includes), then the default and multiarch directories.
    found = []
    def read(path, depth):
        real = inside(top, path)
        if real is None or depth > 8 or not os.path.isfile(real):
            return
        for line in open(real, errors="replace").read().splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("include "):
                for pattern in line.split()[1:]:
                    for match in sorted(glob.glob(top + pattern)):
                        read(match[len(top):], depth + 1)
            elif line.startswith("/"):
                found.append(line)
    read("/etc/ld.so.conf", 0)
    arch = sysconfig.get_config_var("MULTIARCH") or ""
    defaults = ["/lib/" + arch, "/usr/lib/" + arch] if arch else []
    return found + defaults + ["/lib", "/usr/lib", "/lib64", "/usr/lib64"]

shared = re.compile(r"\.so(\.[0-9]+)*$")
provided, objects = set(), []
def elf_program(path):
    # Programs a package installs into the venv'\''s bin (uwsgi): they link libraries too. Not the interpreter.
    if os.path.islink(path) or os.path.basename(path).startswith("python"):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False

bin_dir = os.path.join(venv, "bin")
for d, _, names in os.walk(venv):
    for name in names:
        path = os.path.join(d, name)
        if shared.search(name):
            provided.add(name)
            if not os.path.islink(path):
                objects.append(path)
        elif d == bin_dir and elf_program(path):
            objects.append(path)
needs = {}
for path in sorted(objects):
    names, soname = elf_dynamic(path)
    if soname:
        provided.add(soname)
    for name in names:
        needs.setdefault(name, []).append(os.path.relpath(path, venv))

runtime_dirs = library_dirs(root.rstrip("/"))
builder_dirs = library_dirs("")
missing = sorted(n for n in needs if n not in provided and not any(inside(root.rstrip("/"), d + "/" + n) for d in runtime_dirs))

# dpkg records a library under /lib or /usr/lib, whichever the package shipped (merged /usr): accept both.
known = set()
for d in builder_dirs:
    d = os.path.normpath(d)
    known.update({d, d[4:] if d.startswith("/usr/") else "/usr" + d})

def package_of(soname):
    try:
        listed = subprocess.run(["dpkg-query", "-S", "*/" + soname], capture_output=True, text=True).stdout
    except OSError:
        return None
    for line in listed.splitlines():
        packages, sep, path = line.partition(": ")
        if sep and not line.startswith("diversion ") and os.path.dirname(path) in known:
            name = packages.split(",")[0].strip().split(":")[0]
            if re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", name):
                return name
    return None

found = set()
for soname in missing:
    users = needs[soname]
    by = ", ".join(users[:3]) + (" and %d more" % (len(users) - 3) if len(users) > 3 else "")
    package = package_of(soname)
    if package:
        found.add(package)
        print("pydock: %s (needed by %s) is not in the runtime image: Debian package %s" % (soname, by, package))
    else:
        print("pydock: warning: %s (needed by %s) is not in the runtime image, and no Debian package of the builder image provides it: name the package that does in [runtime] system-packages" % (soname, by))
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    f.write(" ".join(sorted(found)))
print("pydock: auto-system-packages: " + (" ".join(sorted(found)) or "none (the runtime image has every library the venv links)"))
' /app/venv /run/pydock/runtime-image /usr/share/pydock/auto-system-packages
EOF

FROM scratch AS git
ARG REVISION

# [git 1/1] write .version (0123456789ab)
COPY --link <<EOF /app/.version
${REVISION}
EOF

FROM python:3.11-slim-bookworm AS runtime
ARG SOURCE_DATE_EPOCH

# [runtime 1/14] apt-get install the packages the venv needs, set up user app, timezone Europe/Paris
RUN --mount=type=cache,id=pydock-apt-cache-runtime,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,id=pydock-apt-lists-runtime,target=/var/lib/apt/lists,sharing=locked \
    --mount=type=bind,from=venv,source=/usr/share/pydock/auto-system-packages,target=/tmp/pydock-auto-system-packages \
    --mount=type=tmpfs,target=/tmp \
    export DEBIAN_FRONTEND=noninteractive; \
    found=$(cat /tmp/pydock-auto-system-packages); echo "pydock: auto-system-packages: ${found:-none}"; if [ -n "$found" ]; then { rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -q && apt-get install -y -q --no-install-recommends -o APT::Keep-Downloaded-Packages=true $found && for f in /var/log/dpkg.log /var/log/alternatives.log /var/log/apt/history.log /var/log/apt/term.log /var/cache/ldconfig/aux-cache; do if [ -e "$f" ]; then : > "$f"; fi; done; } || exit 1; fi; if [ -n "$found" ]; then mkdir -p /usr/share/pydock && printf '%s\n' $found > /usr/share/pydock/auto-system-packages; fi; set -e; grep -q '^app:' /etc/group || echo "app:x:10001:" >> /etc/group; grep -q '^app:' /etc/passwd || echo "app:x:10001:10001::/home/app:/usr/sbin/nologin" >> /etc/passwd; mkdir -p /home/app && chown 10001:10001 /home/app; ln -snf /usr/share/zoneinfo/Europe/Paris /etc/localtime && echo Europe/Paris > /etc/timezone

# [runtime 2/14] copy the venv /app/venv
COPY --link --from=venv /app/venv /app/venv

# [runtime 3/14] copy LICENSE /app/LICENSE
COPY --link LICENSE /app/LICENSE

# [runtime 4/14] copy pyproject.toml /app/pyproject.toml
COPY --link pyproject.toml /app/pyproject.toml

# [runtime 5/14] copy manage.py /app/manage.py
COPY --link manage.py /app/manage.py

# [runtime 6/14] copy scripts /app/scripts
COPY --link scripts /app/scripts

# [runtime 7/14] copy blog /app/blog
COPY --link blog /app/blog

# [runtime 8/14] copy pages /app/pages
COPY --link pages /app/pages

# [runtime 9/14] copy tests /app/tests
COPY --link tests /app/tests

# [runtime 10/14] copy attachments /app/attachments
COPY --link attachments /app/attachments

# [runtime 11/14] copy articles /app/articles
COPY --link articles /app/articles

# [runtime 12/14] copy .version
COPY --link --from=git /app/.version /app/.version

# [runtime 13/14] directories owned by app (10001:10001): /app /db
RUN mkdir -p /app /db && chown 10001:10001 /app /db

# [runtime 14/14] python manage.py collectstatic --noinput
WORKDIR /app
RUN --mount=type=tmpfs,target=/tmp \
    export PATH=/app/venv/bin:"${PATH}" VIRTUAL_ENV=/app/venv PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 SECRET_KEY=change-me-in-production DEBUG=false HOST='*' DB_BASE_DIR=/db; \
    python manage.py collectstatic --noinput

# The image: environment, working directory, command, ports, labels, stop signal, health check, user.
ENV PATH=/app/venv/bin:${PATH}
ENV VIRTUAL_ENV=/app/venv
ENV PYTHONUNBUFFERED=1
ENV PYTHONDONTWRITEBYTECODE=1
ENV TZ=Europe/Paris
ENV PORT=8000
ENV SECRET_KEY=change-me-in-production
ENV DEBUG=false
ENV HOST=*
ENV DB_BASE_DIR=/db
CMD ["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000"]
EXPOSE 8000/tcp
ARG REVISION
LABEL org.opencontainers.image.title=blog
LABEL org.opencontainers.image.version=0.1.0
LABEL org.opencontainers.image.revision=${REVISION}
LABEL org.opencontainers.image.source=https://example.com/repo.git
LABEL org.opencontainers.image.created=1980-01-01T00:00:00Z
LABEL org.opencontainers.image.base.name=docker.io/library/python:3.11-slim-bookworm
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=2s --start-period=30s --retries=3 \
    CMD ["/app/venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(\"http://localhost:8000/health/\", timeout=2).status < 400 else 1)"]
USER 10001:10001
