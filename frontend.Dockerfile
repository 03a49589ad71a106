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
# A V8 startup snapshot of the bundle (src/frontend/main.ts): `node --build-snapshot` runs the bundle's module
# code here, once, and every build starts from the heap it left instead of loading the bundle (a start of
# about 38 ms instead of 66, measured in this image). Made with the node binary that ships, at the path the
# frontend runs from. Compiling the examples first (src/frontend/warm-up.ts) leaves the compile path
# compiled in it; they are not shipped.
COPY --from=build /src/dist/frontend.cjs /pydock/frontend.cjs
COPY examples /tmp/warm-up
RUN PYDOCK_WARM_UP=/tmp/warm-up node --snapshot-blob /pydock/frontend.blob --build-snapshot /pydock/frontend.cjs && cp -a /pydock/. /rootfs/pydock/

FROM scratch
COPY --from=rootfs /rootfs/ /
# Caps this frontend handles; BuildKit refuses --call/--build-context/inputs without them. The frontend needs no
# network (everything goes through BuildKit's gateway): without the label BuildKit sets one up for its
# container on every build (its first gateway call came about 50 ms later, measured on a no-op rebuild).
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts" \
      moby.buildkit.frontend.network.none="true" \
      org.opencontainers.image.title="pydock" \
      org.opencontainers.image.description="BuildKit frontend: pydock.toml to a Python application image"
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/node", "--snapshot-blob", "/pydock/frontend.blob", "/pydock/frontend.cjs"]
