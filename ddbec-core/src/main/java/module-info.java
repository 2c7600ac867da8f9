/**
 * ddbec core: the DynamoDB Encryption Client item format, the item encryptor, the JDK-only
 * materials providers, the SDK v2 helper clients, and the MetaStore with its most-recent provider.
 * The Enhanced Client extension is in {@code dev.ddbec.enhanced} (artifact ddbec-enhanced).
 */
module dev.ddbec.core {
  requires transitive dev.ddbec.api;
  // The most-recent provider's cache; internal only (no Guava type in the exported packages).
  requires com.google.common;
  // Region, for the most-recent factory's DynamoDB client option.
  requires software.amazon.awssdk.regions;
  // Logging: configuration at start-up, refusals, integrity failures (docs/observability.md).
  requires org.slf4j;

  exports dev.ddbec.core;
  exports dev.ddbec.core.providers;
  exports dev.ddbec.core.client;
  exports dev.ddbec.core.format;
  exports dev.ddbec.core.metastore;

  provides dev.ddbec.api.spi.MaterialsProviderFactory with
      dev.ddbec.core.providers.StaticMaterialsProviderFactory,
      dev.ddbec.core.providers.WrappedMaterialsProviderFactory,
      dev.ddbec.core.metastore.MostRecentMaterialsProviderFactory;
}
