/**
 * SDK v2 helper clients: {@link dev.ddbec.core.client.EncryptedDynamoDbClient} wraps a {@code
 * DynamoDbClient} so that items are encrypted and signed on write and verified and decrypted on
 * read, with key attributes protected automatically from the table's key schema.
 */
package dev.ddbec.core.client;
