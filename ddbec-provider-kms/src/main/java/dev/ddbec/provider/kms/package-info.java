/**
 * The Direct KMS materials provider: {@link dev.ddbec.provider.kms.KmsMaterialsProvider} (one AWS
 * KMS call per item) and its {@code kms} factory for configuration by name.
 */
package dev.ddbec.provider.kms;
