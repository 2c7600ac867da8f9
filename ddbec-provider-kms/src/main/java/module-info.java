/**
 * ddbec Direct KMS provider: {@link dev.ddbec.provider.kms.KmsMaterialsProvider} on the AWS SDK for
 * Java v2 {@code KmsClient}, and the {@code kms} materials-provider factory.
 */
module dev.ddbec.provider.kms {
  requires transitive dev.ddbec.api;
  requires transitive software.amazon.awssdk.services.kms;
  requires transitive software.amazon.awssdk.regions;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;

  exports dev.ddbec.provider.kms;

  provides dev.ddbec.api.spi.MaterialsProviderFactory with
      dev.ddbec.provider.kms.KmsMaterialsProviderFactory;
}
