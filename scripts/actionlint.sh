#!/usr/bin/env bash
# Installs actionlint (the GitHub Actions workflow checker) from its Go module into the user's cache
# (~/.cache/pydock/bin) and prints its path; test/cli/workflows.test.ts runs it on .github/workflows.
# Nothing is built when the right version is already there.
set -euo pipefail
version=${ACTIONLINT_VERSION:-v1.7.12}
bin=${XDG_CACHE_HOME:-$HOME/.cache}/pydock/bin
out=$bin/actionlint
if [ ! -x "$out" ] || [ "$("$out" -version 2>/dev/null | head -n 1)" != "$version" ]; then
  echo "installing actionlint $version from its Go module" >&2
  mkdir -p "$bin"
  GOBIN=$bin go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi
echo "$out"
