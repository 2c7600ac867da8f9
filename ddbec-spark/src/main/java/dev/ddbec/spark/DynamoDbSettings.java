package dev.ddbec.spark;

import dev.ddbec.api.InvalidConfigurationException;
import java.io.Serializable;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where the executors' DynamoDB clients connect: an optional endpoint and region. Credentials are
 * never carried: every JVM takes them from the SDK's default chain (on EMR and Glue, the instance's
 * or job's role).
 *
 * @param endpoint the endpoint, e.g. {@code http://127.0.0.1:5000} for a local moto server; null
 *     for the region's
 * @param region the region; null for the default chain's ({@code AWS_REGION}, profile, instance)
 */
public record DynamoDbSettings(URI endpoint, String region) implements Serializable {
  /**
   * Validates.
   *
   * @param endpoint the endpoint or null
   * @param region the region or null
   */
  public DynamoDbSettings {
    if (endpoint != null
        && (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
            || endpoint.getHost() == null)) {
      throw new InvalidConfigurationException(
          "the DynamoDB endpoint must be an http(s) URL such as http://localhost:8000");
    }
  }

  /**
   * The region's endpoint, region from the default chain.
   *
   * @return the settings
   */
  public static DynamoDbSettings defaults() {
    return new DynamoDbSettings(null, null);
  }

  /**
   * A new client (the caller closes it).
   *
   * @return the client
   */
  public DynamoDbClient newClient() {
    DynamoDbClientBuilder b =
        DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    if (region != null) {
      b.region(Region.of(region));
    }
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    return b.build();
  }
}
