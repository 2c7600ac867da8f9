/**
 * Versioned key material in DynamoDB: the {@link dev.ddbec.core.metastore.MetaStore} table (rows
 * protected by a "meta" materials provider such as KMS) and the {@link
 * dev.ddbec.core.metastore.CachingMostRecentProvider}, which encrypts with the newest version and
 * decrypts with the version each item names, one MetaStore read per version and cache period.
 * Compatible with the official clients' {@code MetaStore} and {@code CachingMostRecentProvider}.
 */
package dev.ddbec.core.metastore;
