/**
 * Runs the official DynamoDB Encryption Client test vectors (a directory laid out like the official
 * clients' {@code test/vectors}) against ddbec.
 */
package dev.ddbec.vectors;
