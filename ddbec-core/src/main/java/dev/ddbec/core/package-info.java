/**
 * The item encryptor: {@link dev.ddbec.core.ItemEncryptor} encrypts and signs items, and verifies
 * and decrypts them, in the DynamoDB Encryption Client format.
 */
package dev.ddbec.core;
