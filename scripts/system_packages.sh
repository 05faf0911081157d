#!/usr/bin/env bash
# The system programs the tests use (Debian packages): installs the missing ones when this
# user may (root, or sudo without a password), else says in one line what to run.
set -uo pipefail
packages=(chromium postgresql redis-server nginx)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
  exec "$(dirname "$0")/step.sh" system "Paquets système des tests (${missing[*]})" \
    "$(dirname "$0")/ci_system_packages.sh" "${missing[@]}"
fi
echo "Paquets système manquants pour certains tests (${missing[*]}) : lancez « sudo scripts/ci_system_packages.sh ${missing[*]} »."
