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

# SoftHSM2 for the PKCS#11 provider tests (they create their own token under target/softhsm).
if ! need_cmd softhsm2-util; then
  echo "test.sh: SoftHSM2 is missing; installing it (apt-get install softhsm2)" >&2
  as_root=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if need_cmd sudo; then
      as_root=(sudo)
    else
      echo "test.sh: cannot install SoftHSM2: not root and no sudo. Install it as root:" \
        "apt-get update && apt-get install -y softhsm2" >&2
      exit 1
    fi
  fi
  if ! need_cmd apt-get \
    || ! ${as_root[@]+"${as_root[@]}"} apt-get update \
    || ! ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y softhsm2 \
    || ! need_cmd softhsm2-util; then
    echo "test.sh: could not install SoftHSM2 with apt-get. Install it with your package manager" \
      "(Debian/Ubuntu: softhsm2; Fedora: softhsm; macOS: brew install softhsm) and run again" >&2
    exit 1
  fi
fi

# Python side of the tests: a venv with the official Python client (interop peer) and moto (the
# local DynamoDB and KMS server of every module's tests, dev.ddbec.testing.MotoServer). Required:
# those tests fail rather than skip without it.
scripts/python-env.sh

mvn -B verify "$@"
