#!/usr/bin/env bash
# The test command (README "Run the tests"; CI runs exactly this through .ci/run).
# Installs what the tests need on a fresh machine, then runs the whole build with every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need_cmd() { command -v "$1" >/dev/null 2>&1; }
for tool in java mvn python3; do
  need_cmd "$tool" || { echo "test.sh: '$tool' is required (Java 17, Maven 3.8+, Python 3)" >&2; exit 1; }
done

# Python side of the tests: a venv with the official Python client (interop peer) and moto (the
# local KMS server of ddbec-provider-kms and the Direct KMS interop tests). Required: those tests
# fail rather than skip without it.
scripts/python-env.sh

mvn -B verify "$@"
