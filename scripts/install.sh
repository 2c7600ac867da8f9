#!/usr/bin/env bash
# Installs ddbec's published artifacts into the local Maven repository (~/.m2 unless
# -Dmaven.repo.local=DIR is passed), without running the tests, so that your own project can
# depend on them (docs/getting-started.md): the BOM, the parent POM, ddbec-api, ddbec-core,
# ddbec-enhanced, the three providers, ddbec-testing, ddbec-vectors, ddbec-bulk, ddbec-micrometer,
# ddbec-opentelemetry, ddbec-cli-options, ddbec-cli and ddbec-spark, each with its sources and Javadoc jars (the release profile).
# Not the examples, interop tests or benchmarks. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
exec mvn -B install -Prelease -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true \
  -pl ddbec-bom,ddbec-api,ddbec-core,ddbec-enhanced,ddbec-provider-keystore,ddbec-provider-kms,ddbec-provider-pkcs11,ddbec-testing,ddbec-vectors,ddbec-bulk,ddbec-micrometer,ddbec-opentelemetry,ddbec-cli-options,ddbec-cli,ddbec-spark \
  -am "$@"
