# Node.js runtimes for CI and for developers whose machine has another Node: the `node` package of the npm
# registry (its preinstall puts the official binary of this platform in place), installed once per major version
# into a cache folder outside the project. `use_node 24` puts that Node first on PATH; npm, npx and every script
# started by them then run on it. Native addons are not a concern: the project has none that is built against
# Node's headers (node:sqlite is built in; @napi-rs/canvas ships N-API binaries that any Node version loads).
NODE_CACHE="${YANBAO_NODE_CACHE:-$HOME/.cache/yanbao-node}"

use_node() {
  local major="$1" dir="$NODE_CACHE/$1"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    mkdir -p "$dir"
    (cd "$dir" && [ -f package.json ] || echo '{"private":true}' > package.json)
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$major" >&2
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  echo "using Node $(node --version) from $dir" >&2
}
