/**
 * Implementation of the KeyStore provider: RSA content-key wrapping, self-signed certificates and
 * the key store generator behind {@code ddbec keystore create}. <b>Not public API</b>: it may
 * change in any release; it is exported only to the ddbec CLI.
 */
package dev.ddbec.provider.keystore.internal;
