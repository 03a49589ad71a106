# The pydock frontend image. Build it from the repository root:
#   docker build -f frontend.Dockerfile -t pydock/pydock:0.1 .
# or for several platforms (what scripts/release.sh publishes):
#   docker buildx build --platform linux/amd64,linux/arm64 -f frontend.Dockerfile ...
#
# The bundle is JavaScript, the same for every platform: it is made once, on the machine that builds.
FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,id=pydock-npm npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# BuildKit pulls this image on every machine's first build: ship Node and the bundle only. The node binary
# and the shared libraries it links (found with ldd, so this works for any architecture) go into /rootfs:
# this stage runs on the target platform (emulated when it is not the build machine's).
FROM node:22-bookworm-slim AS rootfs
RUN set -e; mkdir -p /rootfs/pydock /rootfs/tmp; node=$(command -v node); \
    for f in "$node" $(ldd "$node" | grep -o '/[^ ]*'); do mkdir -p "/rootfs$(dirname "$f")"; cp -L "$f" "/rootfs$f"; done; \
    chmod 1777 /rootfs/tmp
# Node's compile cache, made here by loading the bundle once at the path and as the user it runs with (both
# are part of the cache's key): every build then skips parsing and compiling the bundle's code (about 10 ms
# of a 70 ms start, measured in the image).
COPY --from=build /src/dist/frontend.cjs /pydock/frontend.cjs
RUN set -e; mkdir -p /pydock/.cache; chown 65534:65534 /pydock/.cache; \
    NODE_COMPILE_CACHE=/pydock/.cache setpriv --reuid=65534 --regid=65534 --clear-groups node /pydock/frontend.cjs --version; \
    cp -a /pydock/. /rootfs/pydock/

FROM scratch
COPY --from=rootfs /rootfs/ /
# Caps this frontend handles; BuildKit refuses --call/--build-context/inputs without them. The frontend needs no
# network (everything goes through BuildKit's gateway): without the label BuildKit sets one up for its
# container on every build (about 70 ms measured on a no-op rebuild).
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts" \
      moby.buildkit.frontend.network.none="true" \
      org.opencontainers.image.title="pydock" \
      org.opencontainers.image.description="BuildKit frontend: pydock.toml to a Python application image"
USER 65534:65534
ENV NODE_COMPILE_CACHE=/pydock/.cache
ENTRYPOINT ["/usr/local/bin/node", "/pydock/frontend.cjs"]
