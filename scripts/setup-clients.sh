#!/usr/bin/env bash
# Installs the real clients the tests drive into ignored folders under .cache/:
#   .cache/venv   Python: every clients/requirements*.txt (boto3, the AWS CLI, PyJWT, …)
#   .cache/npm    npm: clients/package.json + package-lock.json (amazon-cognito-identity-js);
#                 Node itself from apt when it is missing
# Re-running is cheap: nothing is reinstalled unless a requirements or lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "setup-clients: installing python3-venv"
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >/dev/null
fi

venv=.cache/venv
requirements=(clients/requirements*.txt)
wanted=$(cat "${requirements[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$wanted" ]; then
  args=()
  for file in "${requirements[@]}"; do args+=(-r "$file"); done
  echo "setup-clients: installing ${requirements[*]} into $venv"
  "$venv/bin/pip" install --disable-pip-version-check --no-input -q "${args[@]}"
  echo "$wanted" > "$venv/.installed"
fi
"$venv/bin/python" -c 'import boto3, botocore, jwt; print("setup-clients: boto3", boto3.__version__, "botocore", botocore.__version__, "PyJWT", jwt.__version__)'

if [ -f clients/package.json ] && ! command -v npm >/dev/null 2>&1; then
  echo "setup-clients: installing nodejs and npm"
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
if [ -f clients/package.json ]; then
  npm_dir=.cache/npm
  mkdir -p "$npm_dir"
  wanted=$(cat clients/package.json clients/package-lock.json | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$npm_dir/.installed" 2>/dev/null)" != "$wanted" ]; then
    cp clients/package.json clients/package-lock.json "$npm_dir/"
    echo "setup-clients: npm ci in $npm_dir"
    (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$wanted" > "$npm_dir/.installed"
  fi
fi
