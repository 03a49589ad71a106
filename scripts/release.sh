#!/usr/bin/env bash
# Publishes the frontend image of this checkout, the way docker/dockerfile is published: one image index
# for every platform, under three tags — MAJOR (floating), MAJOR.MINOR (what `pydock init` writes in
# `# syntax=`) and the full version from package.json — with a provenance attestation (and an SBOM one with
# --sbom, which needs BuildKit's SBOM scanner image from Docker Hub).
#
#   usage: scripts/release.sh [--registry HOST[:PORT]] [--repository NAME] [--platforms LIST]
#                             [--builder NAME] [--sbom]
#   npm run release -- --registry 127.0.0.1:5000 --builder pydock-latest
#
# The builder must push multi-platform images (a standalone buildkitd or a docker-container builder, with
# qemu binfmt emulation for the foreign platforms: the image's last stage runs on each target platform).
# The last line of output is the index's digest reference, REGISTRY/REPOSITORY@sha256:…, the one to sign
# and to pin in `# syntax=`.
set -euo pipefail
cd "$(dirname "$0")/.."

registry=docker.io
repository=pydock/pydock
platforms=linux/amd64,linux/arm64
builder=
sbom=false
while [ $# -gt 0 ]; do
  case $1 in
    --registry) registry=${2:?--registry needs a value}; shift 2 ;;
    --repository) repository=${2:?--repository needs a value}; shift 2 ;;
    --platforms) platforms=${2:?--platforms needs a value}; shift 2 ;;
    --builder) builder=${2:?--builder needs a value}; shift 2 ;;
    --sbom) sbom=true; shift ;;
    -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

version=$(node -p 'require("./package.json").version')
if ! [[ $version =~ ^([0-9]+)\.([0-9]+)\.[0-9]+$ ]]; then
  echo "release.sh: package.json's version $version is not MAJOR.MINOR.PATCH" >&2
  exit 1
fi
major=${BASH_REMATCH[1]}
minor=${BASH_REMATCH[1]}.${BASH_REMATCH[2]}
image=$registry/$repository
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)

metadata=$(mktemp)
trap 'rm -f "$metadata"' EXIT
docker buildx build ${builder:+--builder "$builder"} \
  --platform "$platforms" \
  -f frontend.Dockerfile \
  --provenance=mode=max --sbom="$sbom" \
  --label "org.opencontainers.image.version=$version" \
  --label "org.opencontainers.image.revision=$revision" \
  -t "$image:$major" -t "$image:$minor" -t "$image:$version" \
  --metadata-file "$metadata" --push .

digest=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))["containerimage.digest"]' "$metadata")
echo "pushed $image:$version ($image:$minor, $image:$major) for $platforms"
echo "$image@$digest"
