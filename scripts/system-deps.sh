#!/usr/bin/env bash
# Debian packages the tests use, installed only when missing (needs root, or sudo):
# - fonts-wqy-microhei, poppler-utils: the printed checklist embeds a CJK font; its test reads the PDF back;
# - chromium: the web chat and console browser tests (headless);
# - postgresql: the storage contract and multi-instance tests start a throwaway cluster.
set -euo pipefail
need=()
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${need[*]}" >&2
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${need[@]}"
