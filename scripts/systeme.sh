#!/usr/bin/env bash
# Paquets Debian nécessaires : Chromium (images des graphiques par Kaleido, tests navigateur) et les polices
# DejaVu (PDF) ; avec l'argument « tests », nginx aussi (test du proxy devant deux serveurs). Installés seulement
# s'ils manquent ; root, ou sudo sinon.
set -euo pipefail
manque=()
command -v chromium >/dev/null || manque+=(chromium)
command -v chromedriver >/dev/null || manque+=(chromium-driver)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || manque+=(fonts-dejavu-core)
if [ "${1:-}" = "tests" ]; then
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || manque+=(nginx-light)
fi
if [ ${#manque[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${manque[@]}" >/dev/null
fi
