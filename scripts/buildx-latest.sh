#!/usr/bin/env bash
# Builds a current buildx (the `--call=check`, `--check`, `--call=outline|targets` client the e2e suite uses)
# from its Go module into the user's cache (~/.cache/pydock/bin), and prints the binary's path. The Docker CLI plugin a
# machine ships is often older than `--call` (buildx 0.15); this one runs standalone as `docker-buildx` and
# reads the same builders (`docker buildx ls`). Nothing is built when the right version is already there.
set -euo pipefail
version=${BUILDX_VERSION:-v0.38.2}
bin=${XDG_CACHE_HOME:-$HOME/.cache}/pydock/bin
out=$bin/docker-buildx
if [ ! -x "$out" ] || ! "$out" version 2>/dev/null | grep -q " ${version} "; then
  echo "building buildx $version from its Go module (a few minutes)" >&2
  dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/docker/buildx@$version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  mkdir -p "$bin"
  (cd "$dir" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o "$out.tmp" \
    -ldflags "-X github.com/docker/buildx/version.Version=$version" ./cmd/buildx)
  mv "$out.tmp" "$out"
fi
"$out" version >&2
echo "$out"
