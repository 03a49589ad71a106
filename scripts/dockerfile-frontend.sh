#!/usr/bin/env bash
# Builds BuildKit's own Dockerfile frontend from its Go module into a frontend image, for the benchmark's
# third column: the hand-written Dockerfile through a frontend that, like pydock, is a container BuildKit
# starts for every build (`--build-arg BUILDKIT_SYNTAX=IMAGE`). The image is a static binary FROM scratch
# with the labels BuildKit reads; it goes into the Docker Engine's image store and, when a registry answers
# at 127.0.0.1:5000, there too (a standalone buildkitd pulls frontends from a registry).
#   scripts/dockerfile-frontend.sh [IMAGE]      (default pydock-bench/dockerfile-frontend:v0.32.2)
set -euo pipefail
version=${BUILDKIT_VERSION:-v0.32.2}
image=${1:-pydock-bench/dockerfile-frontend:$version}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/moby/buildkit@$version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
(cd "$dir" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$work/dockerfile-frontend" \
  -ldflags "-s -w" ./frontend/dockerfile/cmd/dockerfile-frontend)
cat > "$work/Dockerfile" <<DOCKERFILE
FROM scratch
COPY dockerfile-frontend /bin/dockerfile-frontend
LABEL moby.buildkit.frontend.network.none="true"
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts,moby.buildkit.frontend.gitquerystring"
ENTRYPOINT ["/bin/dockerfile-frontend"]
DOCKERFILE
docker build -q -t "$image" "$work" >/dev/null
echo "$image"
