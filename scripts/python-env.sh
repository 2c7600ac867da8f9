#!/usr/bin/env bash
# Creates (or refreshes) the Python venv used by the tests, the benchmarks and `./ddbec demo`.
#
# The venv holds the official Python DynamoDB Encryption Client (dynamodb-encryption-sdk 3.3.0),
# which ddbec_peer.py drives on behalf of the Java tests, and moto (the local DynamoDB, DynamoDB
# Streams and KMS server of every test and the demo: dev.ddbec.testing.MotoServer).
# Pinned versions live in ddbec-interop-tests/src/test/python/requirements.txt.
#
# Usage: scripts/python-env.sh [--force]
#   --force   reinstall even if the venv is up to date
# Environment:
#   DDBEC_VENV    venv location (default: <repo>/.venv)
#   DDBEC_PYTHON  interpreter used to create the venv (default: python3); needs Python >= 3.8
#
# Idempotent: when the venv's stamp file matches the requirement list and the interpreter, it
# does nothing. Prints the venv's python path on stdout as its last line.
set -euo pipefail

log() { echo "[python-env] $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="${repo_root}/ddbec-interop-tests/src/test/python/requirements.txt"
venv="${DDBEC_VENV:-${repo_root}/.venv}"
base_python="${DDBEC_PYTHON:-python3}"
force=0

for arg in "$@"; do
  case "${arg}" in
    --force) force=1 ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: ${arg} (try --help)" ;;
  esac
done

[[ -f "${requirements}" ]] || die "requirement list not found: ${requirements}"
command -v "${base_python}" > /dev/null 2>&1 ||
  die "'${base_python}' not found; install Python >= 3.8 or set DDBEC_PYTHON"
"${base_python}" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)' ||
  die "'${base_python}' is older than Python 3.8"
"${base_python}" -c 'import venv, ensurepip' > /dev/null 2>&1 ||
  die "'${base_python}' lacks the venv/ensurepip modules (on Debian: apt-get install python3-venv)"

base_version="$("${base_python}" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
sha256() {
  if command -v sha256sum > /dev/null 2>&1; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}
# The stamp covers the requirement list and the interpreter's minor version.
wanted_stamp="$( (
  cat "${requirements}"
  echo "python=${base_version}"
) | sha256)"
stamp_file="${venv}/.ddbec-requirements.sha256"
venv_python="${venv}/bin/python"

mkdir -p "$(dirname "${venv}")"
# Serialize concurrent runs (e.g. parallel test JVMs) when flock is available.
if command -v flock > /dev/null 2>&1; then
  exec 9> "${venv}.lock"
  flock 9
fi

venv_works() {
  [[ -x "${venv_python}" ]] && "${venv_python}" -c 'import sys' > /dev/null 2>&1
}

if [[ "${force}" -eq 0 ]] && venv_works && [[ -f "${stamp_file}" ]] &&
  [[ "$(cat "${stamp_file}")" == "${wanted_stamp}" ]]; then
  log "venv is up to date: ${venv}"
  echo "${venv_python}"
  exit 0
fi

if venv_works; then
  venv_version="$("${venv_python}" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  if [[ "${venv_version}" != "${base_version}" ]]; then
    log "venv uses Python ${venv_version}, wanted ${base_version}: recreating ${venv}"
    rm -rf "${venv}"
  fi
elif [[ -e "${venv}" ]]; then
  log "venv at ${venv} is broken: recreating it"
  rm -rf "${venv}"
fi

if [[ ! -e "${venv}" ]]; then
  log "creating venv ${venv} with $("${base_python}" --version 2>&1)"
  "${base_python}" -m venv "${venv}"
fi

rm -f "${stamp_file}"
log "installing pinned packages from ${requirements#"${repo_root}"/}"
"${venv_python}" -m pip install --quiet --disable-pip-version-check --no-input -r "${requirements}"
"${venv_python}" -m pip check >&2 || die "pip check found inconsistent dependencies in ${venv}"

# Prove the reference library imports and is the pinned version.
"${venv_python}" - << 'EOF' >&2 || die "the installed dynamodb-encryption-sdk is not usable"
import importlib.metadata as md
import dynamodb_encryption_sdk.encrypted.item  # noqa: F401
import dynamodb_encryption_sdk.material_providers.aws_kms  # noqa: F401
import moto.kms.models  # noqa: F401  (the tests' local server; see MotoServer)
import moto.dynamodb.models  # noqa: F401
import moto.server  # noqa: F401
version = md.version("dynamodb-encryption-sdk")
assert version == "3.3.0", "dynamodb-encryption-sdk is %s, expected 3.3.0" % version
print("[python-env] dynamodb-encryption-sdk %s, boto3 %s, moto %s"
      % (version, md.version("boto3"), md.version("moto")))
EOF

[[ -x "${venv}/bin/moto_server" ]] || die "moto_server is missing from ${venv}/bin (moto[server] did not install)"

echo "${wanted_stamp}" > "${stamp_file}.tmp"
mv "${stamp_file}.tmp" "${stamp_file}"
log "venv ready: ${venv}"
echo "${venv_python}"
