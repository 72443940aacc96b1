#!/usr/bin/env bash
# Pin the whole dependency tree, with hashes, after any change to pyproject.toml's
# dependencies (and to take newer releases: requirements/lock.sh --upgrade).
#
#   all.txt    every extra (local + dev + ray): development, and CI's real-model and Ray tests
#   dev.txt    the fast test suite, no embedded model
#   local.txt  users: the program with the embedded model
#   pip.txt    pip itself, installed first: pip before 23.3 (what `python3 -m venv` gives on
#              Python 3.11) rejects these hashed files where a package asks for another's extras
#
# dev.txt and local.txt are resolved under all.txt, so a package has one version in all
# three. Needs uv (pip install uv). Install with pip, e.g.
#   pip install -r requirements/dev.txt && pip install --no-deps -e .
set -euo pipefail
cd "$(dirname "$0")/.."
options=(--universal --python-version 3.11 --generate-hashes --quiet
  --custom-compile-command "requirements/lock.sh")
uv pip compile pyproject.toml --extra local --extra dev --extra ray "${options[@]}" "$@" -o requirements/all.txt
uv pip compile pyproject.toml --extra dev -c requirements/all.txt "${options[@]}" -o requirements/dev.txt
uv pip compile pyproject.toml --extra local -c requirements/all.txt "${options[@]}" -o requirements/local.txt
echo "pip>=25" | uv pip compile - "${options[@]}" -o requirements/pip.txt
