/**
 * ddbec KeyStore provider: a {@link dev.ddbec.api.spi.MaterialsProvider} over the entries of a JCE
 * {@link java.security.KeyStore} (PKCS12 or JCEKS file), configured by name as {@code
 * provider=keystore}.
 */
module dev.ddbec.provider.keystore {
  requires transitive dev.ddbec.api;

  exports dev.ddbec.provider.keystore;

  provides dev.ddbec.api.spi.MaterialsProviderFactory with
      dev.ddbec.provider.keystore.KeyStoreMaterialsProviderFactory;
}
