# Shared by scripts/run and scripts/test: installs what the build needs when it
# is missing, so a fresh machine needs nothing done by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Builds are kept outside the clone so a fresh clone (and CI) reuses them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ashyq/target}"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$CARGO_TARGET_DIR"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "Please install: $*" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ "$APT_UPDATED" = 0 ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
    say "installing cargo-leptos 0.3.10 (about 20 minutes, once)"
    cargo install cargo-leptos --version 0.3.10 --locked
  fi
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# The test command's gates: formatting of view! macros and a licence and source
# check of every dependency.
ensure_check_tools() {
  if ! leptosfmt --version 2>/dev/null | grep -q '0\.1\.33'; then
    say "installing leptosfmt 0.1.33 (formats view! macros)"
    cargo install leptosfmt --version 0.1.33 --locked
  fi
  if ! cargo deny --version >/dev/null 2>&1; then
    say "installing cargo-deny (licence and source checks)"
    cargo install cargo-deny --version 0.20.2 --locked
  fi
}

# cargo-leptos runs wasm-opt on release bundles. Debian's binaryen (108) rewrites
# the externref table that wasm-bindgen emits, and the optimised bundle then
# fails to start in the browser (WebAssembly.Table.set error). The npm package
# `binaryen` ships version 132 compiled to JavaScript; its wasm-opt runs under
# node, handles that table, and is what release builds use.
BINARYEN_VERSION=132.0.0
ensure_wasm_opt() {
  local dir="$HOME/.cache/ashyq/tools/binaryen"
  if ! "$dir/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    command -v npm >/dev/null || apt_install nodejs npm
    say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION")
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

# The test command's API check: schemathesis (PyPI) in a virtual environment of
# its own, so the machine's Python is left as it is.
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  local venv="$HOME/.cache/ashyq/venv"
  if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (checks the API against its OpenAPI document)"
    python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$venv"; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  SCHEMATHESIS="$venv/bin/schemathesis"
}
