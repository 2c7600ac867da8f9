package dev.ddbec.interop;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import java.net.URI;

/**
 * AWS SDK for Java v1 clients (what the official Java client runs on) pointed at the local moto
 * server, with dummy credentials.
 */
public final class SdkV1Clients {
  private SdkV1Clients() {}

  /** A KMS client for moto's KMS at {@code endpoint}. */
  public static AWSKMS kms(URI endpoint, String region) {
    return local(AWSKMSClientBuilder.standard(), endpoint, region, "testing");
  }

  /**
   * A DynamoDB client for moto's DynamoDB at {@code endpoint}. Moto keeps one database per account
   * and region, whatever the (dummy) access key: this one is the Python peer's.
   */
  public static AmazonDynamoDB dynamoDb(URI endpoint, String region) {
    return local(AmazonDynamoDBClientBuilder.standard(), endpoint, region, "ddbeclocal");
  }

  private static <B extends AwsClientBuilder<B, T>, T> T local(
      B builder, URI endpoint, String region, String accessKey) {
    return builder
        .withEndpointConfiguration(new EndpointConfiguration(endpoint.toString(), region))
        .withCredentials(
            new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, accessKey)))
        .build();
  }
}
