/**
 * ddbec API: what applications and materials-provider authors program against.
 *
 * <p>{@code dev.ddbec.api} holds the attribute actions, the encryption context and the exception
 * family; {@code dev.ddbec.api.spi} holds the materials-provider SPI; {@code dev.ddbec.api.observe}
 * the observation SPI (metrics, traces).
 */
module dev.ddbec.api {
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires transitive software.amazon.awssdk.core;

  exports dev.ddbec.api;
  exports dev.ddbec.api.spi;
  exports dev.ddbec.api.observe;

  uses dev.ddbec.api.spi.MaterialsProviderFactory;
}
