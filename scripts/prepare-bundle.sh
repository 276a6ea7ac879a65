#!/usr/bin/env bash
# Builds the backend bundle (`yarn build:backend`, which builds packages/app into it) and lays it
# out in a folder exactly as packages/backend/Dockerfile does in the image: the skeleton, a
# production install (`yarn workspaces focus --all --production`), the bundle, the configs and the
# catalog's YAML. Prints the folder; start it as the image's CMD does:
#   cd <folder> && NODE_ENV=production NODE_OPTIONS=--no-node-snapshot \
#     node packages/backend --config app-config.yaml --config app-config.production.yaml
# Usage: scripts/prepare-bundle.sh <folder>     (PP_SKIP_BUILD=1 reuses packages/backend/dist)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
out="${1:?usage: scripts/prepare-bundle.sh <folder>}"

if [ "${PP_SKIP_BUILD:-}" != 1 ] || [ ! -f packages/backend/dist/bundle.tar.gz ]; then
  echo "[bundle] yarn build:backend (backend bundle and the frontend it serves)" >&2
  yarn build:backend >&2
fi

rm -rf "$out"
mkdir -p "$out/.yarn"
# COPY .yarn .yarnrc.yml backstage.json; COPY yarn.lock package.json skeleton.tar.gz
cp -r .yarn/releases "$out/.yarn/"
[ -d .yarn/plugins ] && cp -r .yarn/plugins "$out/.yarn/"
cp .yarnrc.yml backstage.json yarn.lock package.json "$out/"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$out"
# RUN yarn workspaces focus --all --production
echo "[bundle] yarn workspaces focus --all --production" >&2
(cd "$out" && NODE_ENV=production yarn workspaces focus --all --production >"$out/.install.log" 2>&1) ||
  { tail -30 "$out/.install.log" >&2; exit 1; }
# COPY bundle.tar.gz app-config*.yaml; RUN tar xzf bundle.tar.gz; COPY catalog-info.yaml catalog templates
tar xzf packages/backend/dist/bundle.tar.gz -C "$out"
cp app-config.yaml app-config.production.yaml catalog-info.yaml "$out/"
cp -r catalog "$out/catalog"
cp -r templates "$out/templates"
[ -f "$out/packages/app/dist/index.html" ] || { echo "[bundle] the frontend is missing from the bundle" >&2; exit 1; }
echo "$out"
