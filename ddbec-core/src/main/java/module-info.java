/**
 * ddbec core: the DynamoDB Encryption Client item format, the item encryptor, the JDK-only
 * materials providers, the SDK v2 helper clients and the Enhanced Client extension.
 */
// "module": the qualified export below names the CLI, which is not on this module's path.
@SuppressWarnings("module")
module dev.ddbec.core {
  requires transitive dev.ddbec.api;
  // Optional: only dev.ddbec.core.enhanced uses it, and only applications using it load that.
  requires static software.amazon.awssdk.enhanced.dynamodb;

  exports dev.ddbec.core;
  exports dev.ddbec.core.providers;
  exports dev.ddbec.core.client;
  exports dev.ddbec.core.enhanced;

  provides dev.ddbec.api.spi.MaterialsProviderFactory with
      dev.ddbec.core.providers.StaticMaterialsProviderFactory,
      dev.ddbec.core.providers.WrappedMaterialsProviderFactory;

  // The CLI's test-vector runner exercises the format codecs directly.
  exports dev.ddbec.core.internal to
      dev.ddbec.cli;
}
