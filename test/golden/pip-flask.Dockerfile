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

# [venv 2/7] install pip==25.3 (pinned set, hash-checked)
RUN --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp <<'EOF'
export PIP_ROOT_USER_ACTION=ignore;
/opt/pydock/bin/pydock-run /bin/sh -c 'cat > /tmp/pydock-pip-25.3.txt <<'\''PYDOCK_LOCK'\''
# The pinned set pydock installs pip-25.3 from (Python 3.9 and later): pip install --require-hashes --no-deps.
# Generated by scripts/tool-locks.sh from: pip==25.3
pip==25.3 \
    --hash=sha256:8d0538dbbd7babbd207f261ed969c65de439f6bc9e5dbd3b3b9a77f25d95f343 \
    --hash=sha256:9655943313a94722b7774661c21049070f6bbb0a1516bf02f7c8d5d9201514cd
PYDOCK_LOCK
python -m venv /opt/pydock/pip && /opt/pydock/pip/bin/pip install --disable-pip-version-check --no-compile --require-hashes --no-deps -r /tmp/pydock-pip-25.3.txt'
EOF

# [venv 3/7] python -m venv --copies /app/.venv
RUN --mount=type=tmpfs,target=/tmp \
    python -m venv --copies --without-pip /app/.venv && cd /app/.venv/bin && real=$(ls python3.* | head -n 1) && ln -sf "$real" python && ln -sf "$real" python3

# [venv 4/7] copy pyproject.toml
COPY pyproject.toml /usr/src/pydock/pyproject.toml

# [venv 5/7] copy requirements.txt
COPY requirements.txt /usr/src/pydock/requirements.txt

# [venv 6/7] pip install -r requirements.txt
WORKDIR /usr/src/pydock
RUN --mount=type=cache,id=pydock-pip,target=/root/.cache/pip,sharing=shared \
    --mount=type=secret,id=ca-certificates \
    --mount=type=tmpfs,target=/tmp \
    export PATH=/opt/pydock/pip/bin:"${PATH}" VIRTUAL_ENV=/app/.venv CFLAGS=-g0 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore; \
    /opt/pydock/bin/pydock-run /bin/sh -c 'pip --python /app/.venv/bin/python install --no-compile -r requirements.txt'

# [venv 7/7] find the shared libraries the venv links that the runtime image lacks
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
CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]
EXPOSE 8000/tcp
ARG REVISION
LABEL org.opencontainers.image.revision=${REVISION}
LABEL org.opencontainers.image.source=https://example.com/repo.git
LABEL org.opencontainers.image.created=1980-01-01T00:00:00Z
LABEL org.opencontainers.image.base.name=docker.io/library/python:3.11-slim-bookworm
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=0s --retries=3 \
    CMD ["/app/.venv/bin/python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(\"http://localhost:8000/health\", timeout=5).status < 400 else 1)"]
USER 10001:10001
