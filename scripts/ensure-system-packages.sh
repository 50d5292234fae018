#!/bin/sh
# Install the system packages Masthead needs, on Debian as root; elsewhere, stop
# and name them.
#   scripts/ensure-system-packages.sh run   what `make run` needs: ffmpeg and
#                                           espeak-ng for the radio station
#   scripts/ensure-system-packages.sh test  all of the above, plus Chromium (browser
#                                           tests), PostgreSQL's server (the second
#                                           pass), npm (axe-core, hls.js) and Icecast
#   scripts/ensure-system-packages.sh bench what `make run` needs, plus wrk and nginx
#                                           (the load generator and same-run reference)
set -eu

purpose="${1:-test}"
missing=""
command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ "$purpose" = "test" ]; then
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
        || missing="$missing postgresql"
    command -v icecast2 >/dev/null 2>&1 || [ -x /usr/bin/icecast2 ] || missing="$missing icecast2"
fi
if [ "$purpose" = "bench" ]; then
    command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi

echo "Masthead needs these system packages:$missing" >&2
echo "Install them with your package manager (Debian: apt-get install$missing), then run make again." >&2
exit 1
