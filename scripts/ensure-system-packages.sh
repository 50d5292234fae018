#!/bin/sh
# Install the system packages the test suite needs, on Debian as root; elsewhere,
# stop and name them. Chromium drives the browser tests, PostgreSQL's server runs
# the suite's second pass, Node.js/npm install axe-core.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
    || missing="$missing postgresql"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi

echo "Masthead's tests need these system packages:$missing" >&2
echo "Install them with your package manager (Debian: apt-get install$missing), then run make test again." >&2
exit 1
