#!/usr/bin/env sh
# Prints the path of a working Python 3.10 (Rasa 3.6 supports 3.8-3.10), or explains what to install.
for candidate in "${PYTHON310:-}" python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10 \
    "$HOME"/.pyenv/versions/3.10*/bin/python3.10; do
  [ -n "$candidate" ] || continue
  if "$candidate" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "Erreur : Python 3.10 est introuvable. Installez-le (Debian/Ubuntu : « apt-get install python3.10 python3.10-venv »," >&2
echo "ou « pyenv install 3.10 »), ou indiquez son chemin dans la variable PYTHON310." >&2
exit 1
