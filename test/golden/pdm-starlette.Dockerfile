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
#   the same image (without them a local .venv/ is copied over /app/.venv):
#       .git
#       .venv
#       **/__pycache__
#       **/*.pyc
#       **/.mypy_cache
#       **/.pytest_cache
#       **/node_modules
#       Dockerfile
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

# [venv 1/9] write the install wrapper (CA bundle secret)
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

# [venv 2/9] install pdm==2.29.4 (pinned set, hash-checked)
RUN --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp <<'EOF'
export PIP_ROOT_USER_ACTION=ignore;
/opt/pydock/bin/pydock-run /bin/sh -c 'cat > /tmp/pydock-pdm-2.29.4.txt <<'\''PYDOCK_LOCK'\''
# The pinned set pydock installs pdm-2.29.4 from (Python 3.10 and later): pip install --require-hashes --no-deps.
# Generated by scripts/tool-locks.sh from: pdm==2.29.4 hishel<2
anyio==4.16.0 \
    --hash=sha256:59bb03251907983d1603d27c3087ddb1e93299ea2163adcdba37899a4fb12ffb \
    --hash=sha256:c66ae634e0b8228396b801741beb3294326d4b6102f7bba4041c0dfb58c29026
anysqlite==0.0.5 \
    --hash=sha256:9dfcf87baf6b93426ad1d9118088c41dbf24ef01b445eea4a5d486bac2755cce \
    --hash=sha256:cb345dc4f76f6b37f768d7a0b3e9cf5c700dfcb7a6356af8ab46a11f666edbe7
argcomplete==3.7.2 \
    --hash=sha256:6029205678bdd9c1c728a155f5f9ecf5812393f969eef58807641a2bc2aa5b19 \
    --hash=sha256:aad8b69a0b9969edb62db0d1752354c0d50717b10e0cbb00e2a958381b9fc6b9
blinker==1.9.0 \
    --hash=sha256:b4ce2265a7abece45e7cc896e98dbebe6cead56bcf805a3d23136d145f5445bf \
    --hash=sha256:ba0efaa9080b619ff2f3459d1d500c57bddea4a6b424b60a91141db6fd2f08bc
certifi==2026.10.19.post1 \
    --hash=sha256:1324c476b4811eff41a8bc2122cd0bbd4d9c7234c725446d99ab1612b3a7fdd2
dep-logic==0.7.2 \
    --hash=sha256:2a3c49526075b0bc6825f0ea8c2d9f464de48b7b85f3f3d2900b4e5950fefedf \
    --hash=sha256:33640c4ba7fd45f2504442eb9e0c12e57dac253c748ca3925749548a5c556bae
distlib==0.4.4 \
    --hash=sha256:ca4175b4ac7f71223cc30ed7248c45d2b38c2439d8ee6e498ab67ed63cf3508d \
    --hash=sha256:cf09d55b1e85a89576b036aeb71550bfd68320f3f21761ca329eadadad918638
exceptiongroup==1.3.2 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:41c6a70dfec22050d3d8b43386b059a4dc0bca3f3d40a40971cb206fff1785af \
    --hash=sha256:ca82e69f0cb535fbde934885744b67669a3efddd50fe7bc00d3398839fcaddec
filelock==3.32.7 \
    --hash=sha256:37b8a3d9811b0f9aef7e5ec5c71bb320de52df51e6ca9bcd6f5ad81187660da7 \
    --hash=sha256:65ff0d0190ea42038b32bda4b77834fb05be2cad4c5b9b01aa4dfb3614536e52
findpython==0.9.0 \
    --hash=sha256:0d58e63106cab47a48793cc7b51faba3956caa46b3b8043c92d738bfef5e2a33 \
    --hash=sha256:497c6b5eb13734be2542dfb6a93267946339601cbc2f1138c8cd4d40311fefe5
h11==0.16.0 ; sys_platform != '\''emscripten'\'' \
    --hash=sha256:4e35b956cf45792e4caa5885e69fba00bdbc6ffafbfa020300e549b208ee5ff1 \
    --hash=sha256:63cf8bbe7522de3bf65932fda1d9c2772064ffb3dae62d55932da54b31cb6c86
hishel==1.4.0 \
    --hash=sha256:38cb62d7d38fb437dc086f789c26d0cab41310d12497ec3f56dcead4b08571f0 \
    --hash=sha256:e406b052c658ce28629fc31423b9914b637d47d7c923f5fe9e288ec47e4823d1
httpcore2==2.14.0 ; python_full_version < '\''3.11'\'' and sys_platform != '\''emscripten'\'' \
    --hash=sha256:4c4f64f4b544afeb778c42c0ffb5941b29e671157e90ed3f6dc787c4bca90cd1 \
    --hash=sha256:4f57a1a8249fe6af589d935cfd456f1d13bbdcb0f0fc72af9142368fc94811d7
httpcore2==2.16.2 ; python_full_version >= '\''3.11'\'' and sys_platform != '\''emscripten'\'' \
    --hash=sha256:16051ae2a42f776007543f32de9349a317b23d2cbb4e1456b4bac0e88b87419a \
    --hash=sha256:6c519d0f7b44f7269fa9bbb4d2763db395a4a2370f046d8e8e0a4b38227815d2
httpx2==2.14.0 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:47ad61a3c40282cd8d0dc96311531f00f5bfc71a066c6fe3b36d8f63fb9e4f6e \
    --hash=sha256:9d20c13a10bae1773a0be3b0f1e5beeb4bdd549bc3a2ba18efa32897c65403e4
httpx2==2.16.2 ; python_full_version >= '\''3.11'\'' \
    --hash=sha256:748b615678f07d8e3b183efe81ad13b655ca88bfc56ce4589219b2d442860574 \
    --hash=sha256:f05c13aade4c45dbf1c9060647a1058f0acad62398fad96e741269edb33d46f5
httpx2-jsfetch==1.0 ; python_full_version >= '\''3.12'\'' and sys_platform == '\''emscripten'\'' \
    --hash=sha256:70a0e3eabfef7cce5ad9c629f7d01ca05e418f586646f4ddf14782e4c1454c60 \
    --hash=sha256:cb916b707601e69a07721aabc8f3f6659be3a6893bc1ff5c6f9e02241df2da32
id==1.6.1 \
    --hash=sha256:d0732d624fb46fd4e7bc4e5152f00214450953b9e772c182c1c22964def1a069 \
    --hash=sha256:f5ec41ed2629a508f5d0988eda142e190c9c6da971100612c4de9ad9f9b237ca
idna==3.20 \
    --hash=sha256:a7db850025b95ded1eae8a46181a1a6c56c92c96f0e2b005d9ff8dc0210cab44 \
    --hash=sha256:ab7ae7122974553370f0bdb919e1a960b2cd1bc1ef0276416d896db81c14582c
installer==1.1.0 \
    --hash=sha256:5adc0c01ce62d809989e246987cd68944fe5df8af562d0358f65b2ab15cb5de7 \
    --hash=sha256:f55f5728ff61d3dd54dbc5a397cf3f7307cb64b180c20b72afbebf01c9e2c8a0
markdown-it-py==4.3.0 \
    --hash=sha256:7aa1511a46c39138de78d9eba92ce47e63124d8003fc98b3a351909e04239efa \
    --hash=sha256:91a58fa5b72c71a40cf7177250fd767480d7a2bb3ac426ccfb76fb90305fdaaa
mdurl==0.1.2 \
    --hash=sha256:84008a41e51615a49fc9966191ff91509e3c40b939176e643fd50a5c2196b8f8 \
    --hash=sha256:bb413d29f5eea38f31dd4754dd7377d4465116fb207585f97bf925588687c1ba
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
pbs-installer==2026.10.25 \
    --hash=sha256:19158e6fe4c941a230fdd017e48562ccea8a1d9320d9ffb30b38826d516b375b \
    --hash=sha256:d7cfcc37f15f55926d51b93e5275cca548e2d91fe530109f56258bc3aa754ea9
pdm==2.29.4 \
    --hash=sha256:48d013ba869b85538fea268107cd7a2c18fd91a6abf785fa4d7ed5951808582d \
    --hash=sha256:599a299d7fb35195d41610ee8341f65c75c5c97dde9f8cfcf573790b3d1b0cd9
platformdirs==4.12.4 ; python_full_version < '\''3.11'\'' \
    --hash=sha256:63743c02414e755de4e31b8f68125c1407495b86c5a006e203c01ff8b9924250 \
    --hash=sha256:78bfb9db2a8471ed7eebe3c3c932da413911042994e699b384fbb4493fa872d7
platformdirs==4.14.8 ; python_full_version >= '\''3.11'\'' \
    --hash=sha256:1e34af590de4d978631b751eb2202f2fee4497537a17c1720b12fcf57b331392 \
    --hash=sha256:96893d686e84e9e6f358a9ea41a8de544df66dbf2ba6cda250e7dc73acf85b9b
pygments==2.21.0 \
    --hash=sha256:2363c69b61c4a97c838da3b130dcd6468f4848992b21a82f2a63ec34377137d9 \
    --hash=sha256:610ca751c9bc2492b38eb9a38a7fbc93edbbb2d7182edaf34e66ae493dee5c8c
pyproject-hooks==1.3.3 \
    --hash=sha256:5fc53fdac9f7bd63fbcdc868fb5f90b4784d78a53a3d3388cd738b807441a20b \
    --hash=sha256:defda19b854fa0d3bd4f76ea4ddcba8abd7dcfcdd585a6690ade050744fc5f43
python-dotenv==1.2.4 \
    --hash=sha256:42269a8a5b3fd54ffa6f3d84b18abed50064717576b4ecf03dc4a55d8aa04fdc \
    --hash=sha256:f0d53e69935a851c0dcc78f3ab7aaccd8cabef0b92382b576b824212902873c0
resolvelib==1.2.1 \
    --hash=sha256:7d08a2022f6e16ce405d60b68c390f054efcfd0477d4b9bd019cc941c28fad1c \
    --hash=sha256:fb06b66c8da04172d9e72a21d7d06186d8919e32ae5ab5cdf5b9d920be805ac2
rich==15.0.0 \
    --hash=sha256:33bd4ef74232fb73fe9279a257718407f169c09b78a87ad3d296f548e27de0bb \
    --hash=sha256:edd07a4824c6b40189fb7ac9bc4c52536e9780fbbfbddf6f1e2502c31b068c36
shellingham==1.5.4 \
    --hash=sha256:7ecfff8f2fd72616f7481040475a65b2bf8af90a56c89140852d1120324e8686 \
    --hash=sha256:8dbca0739d487e5bd35ab3ca4b36e11c4078f3a234bfce294b0a0291363404de
socksio==1.0.0 \
    --hash=sha256:95dc1f15f9b34e8d7b16f06d74b8ccf48f609af32ab33c608d08761c5dcbb1f3 \
    --hash=sha256:f88beb3da5b5c38b9890469de67d0cb0f9d494b78b106ca1845f96c10b91c4ac
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
truststore==0.10.5 \
    --hash=sha256:30d36967ccaded5cbb38d602c433f53600036c79d502f4533a49b60a03bbefcd \
    --hash=sha256:9aaaedaefaf06d8b206278cf8b5012bc897f485a874503501e12d776df78951c
typing-extensions==4.16.0 \
    --hash=sha256:481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8 \
    --hash=sha256:dc983d19a509c94dba722ee6abd33940f7c05a89e243c47e907eb4db6f1a43e5
unearth==0.19.0 \
    --hash=sha256:d85a7b164833c1dc8532a590043cbd7159f6ad2b91fc3e74f2a16ff25ed098c8 \
    --hash=sha256:f12c65341303ece9bee986db35ac8aa0d17df4fa000c728a76c8c3798b1f4cf1
urllib3==2.8.0 \
    --hash=sha256:0cf3cae568d36aa9576b28dfb35f11328f1cb974ca7647d9475ebb86c75ac6e3 \
    --hash=sha256:63bf2ead4c879426ebf22ef2a781eeb4aa3b4ae798a0435506f8687fd5bb9b63
virtualenv==20.39.1 \
    --hash=sha256:a00332e0b089ba64edefbf94ef34e6db33f45fe5184df0652cf0b754dcd36190 \
    --hash=sha256:c551ea1072d7717a273dd9a4a0adad8f45571af134b0f63a12430e85f6ac1c08
PYDOCK_LOCK
python -m venv /opt/pydock/pdm && /opt/pydock/pdm/bin/pip install --disable-pip-version-check --no-compile --require-hashes --no-deps -r /tmp/pydock-pdm-2.29.4.txt'
EOF

# [venv 3/9] python -m venv --copies /app/.venv
RUN --mount=type=tmpfs,target=/tmp \
    python -m venv --copies --without-pip /app/.venv && cd /app/.venv/bin && real=$(ls python3.* | head -n 1) && ln -sf "$real" python && ln -sf "$real" python3

# [venv 4/9] copy pyproject.toml
COPY pyproject.toml /usr/src/pydock/pyproject.toml

# [venv 5/9] copy pdm.lock
COPY pdm.lock /usr/src/pydock/pdm.lock

# [venv 6/9] pdm lock --check && pdm export --prod | pip install
WORKDIR /usr/src/pydock
RUN --mount=type=cache,id=pydock-pdm,target=/root/.cache/pdm,sharing=locked \
    --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp \
    export PATH=/opt/pydock/pdm/bin:"${PATH}" VIRTUAL_ENV=/app/.venv CFLAGS=-g0 PDM_CACHE_DIR=/root/.cache/pdm PDM_CHECK_UPDATE=false PDM_NON_INTERACTIVE=1 PDM_PYTHON=/app/.venv/bin/python PDM_IGNORE_SAVED_PYTHON=1 PDM_USE_VENV=false PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore; \
    /opt/pydock/bin/pydock-run /bin/sh -c '{ pdm lock --check || { echo '\''pdm.lock is out of date with pyproject.toml (pdm lock --check): run `pdm lock` and commit pdm.lock'\'' >&2; exit 1; }; } && pdm export --format requirements --output /tmp/pydock-requirements.txt --prod && pip --python /app/.venv/bin/python install --no-deps --no-compile -r /tmp/pydock-requirements.txt'

# [venv 7/9] copy . /usr/src/pydock
COPY . /usr/src/pydock

# [venv 8/9] pip install --no-deps .
RUN --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp \
    export PATH=/opt/pydock/pdm/bin:"${PATH}" VIRTUAL_ENV=/app/.venv CFLAGS=-g0 PDM_CACHE_DIR=/root/.cache/pdm PDM_CHECK_UPDATE=false PDM_NON_INTERACTIVE=1 PDM_PYTHON=/app/.venv/bin/python PDM_IGNORE_SAVED_PYTHON=1 PDM_USE_VENV=false PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore; \
    /opt/pydock/bin/pydock-run /bin/sh -c 'pip --python /app/.venv/bin/python install --no-deps --no-compile /usr/src/pydock'

# [venv 9/9] find the shared libraries the venv links that the runtime image lacks
WORKDIR /
RUN --mount=type=bind,from=python:3.11-slim-bookworm,target=/run/pydock/runtime-image \
    --mount=type=tmpfs,target=/tmp <<'EOF'
/app/.venv/bin/python -I -c 'import glob, mmap, os, re, struct, subprocess, sys, sysconfig
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
' /app/.venv /run/pydock/runtime-image /usr/share/pydock/auto-system-packages
EOF

FROM scratch AS git
ARG REVISION

# [git 1/1] write .version (0123456789ab)
COPY --link <<EOF /app/.version
${REVISION}
EOF

FROM python:3.11-slim-bookworm AS runtime
ARG SOURCE_DATE_EPOCH

# [runtime 1/5] apt-get install the packages the venv needs, set up user app, timezone UTC
RUN --mount=type=cache,id=pydock-apt-cache-runtime,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,id=pydock-apt-lists-runtime,target=/var/lib/apt/lists,sharing=locked \
    --mount=type=bind,from=venv,source=/usr/share/pydock/auto-system-packages,target=/tmp/pydock-auto-system-packages \
    --mount=type=tmpfs,target=/tmp \
    export DEBIAN_FRONTEND=noninteractive; \
    found=$(cat /tmp/pydock-auto-system-packages); echo "pydock: auto-system-packages: ${found:-none}"; if [ -n "$found" ]; then { rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -q && apt-get install -y -q --no-install-recommends -o APT::Keep-Downloaded-Packages=true $found && for f in /var/log/dpkg.log /var/log/alternatives.log /var/log/apt/history.log /var/log/apt/term.log /var/cache/ldconfig/aux-cache; do if [ -e "$f" ]; then : > "$f"; fi; done; } || exit 1; fi; if [ -n "$found" ]; then mkdir -p /usr/share/pydock && printf '%s\n' $found > /usr/share/pydock/auto-system-packages; fi; set -e; grep -q '^app:' /etc/group || echo "app:x:10001:" >> /etc/group; grep -q '^app:' /etc/passwd || echo "app:x:10001:10001::/home/app:/usr/sbin/nologin" >> /etc/passwd; mkdir -p /home/app && chown 10001:10001 /home/app; ln -snf /usr/share/zoneinfo/UTC /etc/localtime && echo UTC > /etc/timezone

# [runtime 2/5] copy the venv /app/.venv
COPY --link --from=venv /app/.venv /app/.venv

# [runtime 3/5] copy . /app
COPY --link . /app

# [runtime 4/5] copy .version
COPY --link --from=git /app/.version /app/.version

# [runtime 5/5] directories owned by app (10001:10001): /app
RUN mkdir -p /app && chown 10001:10001 /app

# The image: environment, working directory, command, ports, labels, stop signal, health check, user.
ENV PATH=/app/.venv/bin:${PATH}
ENV VIRTUAL_ENV=/app/.venv
ENV PYTHONUNBUFFERED=1
ENV PYTHONDONTWRITEBYTECODE=1
ENV TZ=UTC
ENV PORT=8000
WORKDIR /app
CMD ["uvicorn", "starlette_app.main:app", "--host", "0.0.0.0", "--port", "8000"]
EXPOSE 8000/tcp
ARG REVISION
LABEL org.opencontainers.image.title=starlette-app
LABEL org.opencontainers.image.version=0.1.0
LABEL org.opencontainers.image.revision=${REVISION}
LABEL org.opencontainers.image.source=https://example.com/repo.git
LABEL org.opencontainers.image.created=1980-01-01T00:00:00Z
LABEL org.opencontainers.image.base.name=docker.io/library/python:3.11-slim-bookworm
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=0s --retries=3 \
    CMD ["/app/.venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(\"http://localhost:8000/health\", timeout=5).status < 400 else 1)"]
USER 10001:10001
