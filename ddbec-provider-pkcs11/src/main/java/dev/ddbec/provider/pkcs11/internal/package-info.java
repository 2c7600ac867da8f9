/**
 * Implementation of the PKCS#11 provider: RFC 3394 key wrap over a token's AES block operation,
 * RSA-OAEP and PKCS#1 v1.5 decoding over a token's raw RSA operation, RFC 7512 URI parsing, slot
 * lookup by token label and the self-signed certificates that hold RSA public keys on a token.
 *
 * <p>Not public API: nothing here is exported and it may change in any release.
 */
package dev.ddbec.provider.pkcs11.internal;
