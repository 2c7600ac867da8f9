/**
 * The JCE KeyStore materials provider: {@link
 * dev.ddbec.provider.keystore.KeyStoreMaterialsProvider} keeps its keys in a PKCS12 or JCEKS file
 * and reads and writes the same items as the official Java client's {@code
 * KeyStoreMaterialsProvider}. {@link dev.ddbec.provider.keystore.KeyStoreMaterialsProviderFactory}
 * builds it from configuration ({@code provider=keystore}).
 */
package dev.ddbec.provider.keystore;
