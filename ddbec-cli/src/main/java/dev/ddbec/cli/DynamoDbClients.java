package dev.ddbec.cli;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.cli.options.DynamoDbEndpointOptions;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * DynamoDB clients of the commands that talk to DynamoDB ({@code --endpoint}, {@code --region}).
 * Credentials come from the SDK's default chain (environment, system properties, profile, container
 * or instance role).
 */
final class DynamoDbClients {
  private DynamoDbClients() {}

  /**
   * Builds a client for {@code --endpoint} and {@code --region} (the caller closes it).
   *
   * @param options the options
   * @return the client
   * @throws InvalidConfigurationException if the endpoint or region is unusable, or the default
   *     chain finds no credentials
   */
  static DynamoDbClient client(DynamoDbEndpointOptions options) {
    return client(
        options.endpoint(),
        options.region(),
        DynamoDbEndpointOptions.ENDPOINT,
        DynamoDbEndpointOptions.REGION);
  }

  static DynamoDbClient client(
      URI endpoint, String region, String endpointOption, String regionOption) {
    if (endpoint != null
        && (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
            || endpoint.getHost() == null)) {
      throw new InvalidConfigurationException(
          endpointOption + " must be an http(s) URL such as http://localhost:8000");
    }
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    try {
      credentials.resolveCredentials();
    } catch (SdkException e) {
      // The chain's own message lists every provider it tried (about 1.5 KB); say what to do.
      throw new InvalidConfigurationException(
          "no AWS credentials found for "
              + (endpoint != null ? endpointOption + " " + endpoint : "DynamoDB")
              + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"
              + (endpoint != null ? " (moto and other local endpoints accept any values)" : ""),
          e);
    }
    try {
      DynamoDbClientBuilder b =
          DynamoDbClient.builder()
              .httpClient(UrlConnectionHttpClient.create())
              .credentialsProvider(credentials);
      if (region != null) {
        b.region(Region.of(region));
      }
      if (endpoint != null) {
        b.endpointOverride(endpoint);
      }
      return b.build();
    } catch (SdkException e) {
      throw new InvalidConfigurationException(
          "cannot set up the DynamoDB client: "
              + e.getMessage()
              + " (pass "
              + regionOption
              + " or set AWS_REGION)",
          e);
    }
  }
}
