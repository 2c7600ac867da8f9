/**
 * Implementation of the Direct KMS provider: HKDF, key specs, KMS key ARNs, the checks on KMS
 * answers and on key numbers. Not public API: it is not exported from the module and may change in
 * any release.
 */
package dev.ddbec.provider.kms.internal;
