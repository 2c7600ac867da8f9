/**
 * Implementation of the Direct KMS provider: the Direct KMS wire format (description entries, KMS
 * encryption context, HKDF), key specs and key ids, client selection, the KMS calls with the checks
 * on their answers, and the translation of their failures. Not public API: it is not exported from
 * the module and may change in any release.
 */
package dev.ddbec.provider.kms.internal;
