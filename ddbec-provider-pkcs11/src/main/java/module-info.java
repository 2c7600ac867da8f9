/**
 * ddbec PKCS#11 provider: wrapped materials with keys on a PKCS#11 token (SunPKCS11) or an HSM's
 * JCE provider (AWS CloudHSM). Depends on ddbec-api only.
 */
@SuppressWarnings("module") // "pkcs11" ends in digits by nature
module dev.ddbec.provider.pkcs11 {
  requires transitive dev.ddbec.api;
  // SunPKCS11 is looked up by name at run time; requiring its module keeps it in jlink images.
  requires jdk.crypto.cryptoki;

  exports dev.ddbec.provider.pkcs11;

  provides dev.ddbec.api.spi.MaterialsProviderFactory with
      dev.ddbec.provider.pkcs11.Pkcs11MaterialsProviderFactory;
}
