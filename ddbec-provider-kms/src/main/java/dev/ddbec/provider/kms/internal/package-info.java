/**
 * Implementation of the Direct KMS provider: HKDF, key specs and KMS key ARNs. Not public API: it
 * is not exported from the module and may change in any release.
 */
package dev.ddbec.provider.kms.internal;
