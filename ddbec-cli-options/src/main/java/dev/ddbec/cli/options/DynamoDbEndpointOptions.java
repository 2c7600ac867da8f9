package dev.ddbec.cli.options;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * {@code --endpoint} and {@code --region}: where the DynamoDB clients of a command connect.
 * Credentials are not options: they come from the AWS SDK's default chain.
 */
public final class DynamoDbEndpointOptions {
  /** The endpoint option's name, for messages. */
  public static final String ENDPOINT = "--endpoint";

  /** The region option's name, for messages. */
  public static final String REGION = "--region";

  @Option(
      names = ENDPOINT,
      paramLabel = "URL",
      description =
          "DynamoDB endpoint, e.g. http://127.0.0.1:5000 for a local moto server (default: the"
              + " region's).")
  private URI endpoint;

  @Option(
      names = REGION,
      description = "AWS region (default: AWS_REGION, then the profile's region).")
  private String region;

  /** No endpoint, no region; picocli sets them from the command line. */
  public DynamoDbEndpointOptions() {}

  /**
   * The {@code --endpoint}.
   *
   * @return the endpoint; null for the region's
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The {@code --region}.
   *
   * @return the region; null for the SDK's default chain's
   */
  public String region() {
    return region;
  }
}
