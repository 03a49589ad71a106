#!/usr/bin/env bash
# Starts a current standalone buildkitd as the buildx builder "pydock-latest", for the e2e suite's second
# daemon. `go install github.com/moby/buildkit/cmd/buildkitd@VERSION` is refused by Go because BuildKit's
# go.mod has exclude directives, so this builds the binaries from the downloaded module instead and then
# lets the sandbox tool start them.
set -euo pipefail
sandbox=${1:?usage: buildkit-latest.sh PATH/TO/buildkit-sandbox}
version=${BUILDKIT_VERSION:-v0.32.2}
bin=${SANDBOX_DIR:-/var/lib/buildkit-sandbox}/bin
if [ ! -x "$bin/buildkitd" ] || ! "$bin/buildkitd" --version | grep -q "${version#v}"; then
  echo "building buildkitd $version from its Go module (a few minutes)" >&2
  dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/moby/buildkit@$version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  mkdir -p "$bin"
  for cmd in buildkitd buildctl; do
    (cd "$dir" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o "$bin/$cmd" \
      -ldflags "-X github.com/moby/buildkit/version.Version=$version" "./cmd/$cmd")
  done
fi
bash "$sandbox" latest
