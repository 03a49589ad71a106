# The pydock frontend image. Build it from the repository root:
#   docker build -f frontend.Dockerfile -t pydock/pydock:0.1 .
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,id=pydock-npm npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim
COPY --from=build /src/dist/frontend.cjs /pydock/frontend.cjs
# Caps this frontend handles; BuildKit refuses --call/--build-context/inputs without them.
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts" \
      org.opencontainers.image.title="pydock" \
      org.opencontainers.image.description="BuildKit frontend: pydock.toml to a Python application image"
USER 65534:65534
ENTRYPOINT ["node", "/pydock/frontend.cjs"]
