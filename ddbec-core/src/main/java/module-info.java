/**
 * ddbec core: the DynamoDB Encryption Client item format, the item encryptor and the JDK-only
 * materials providers.
 */
module dev.ddbec.core {
  requires transitive dev.ddbec.api;

  exports dev.ddbec.core;
  exports dev.ddbec.core.providers;
  exports dev.ddbec.core.client;

  provides dev.ddbec.api.spi.MaterialsProviderFactory with
      dev.ddbec.core.providers.StaticMaterialsProviderFactory,
      dev.ddbec.core.providers.WrappedMaterialsProviderFactory;

  // The CLI's test-vector runner exercises the format codecs directly.
  exports dev.ddbec.core.internal to
      dev.ddbec.cli;
}
