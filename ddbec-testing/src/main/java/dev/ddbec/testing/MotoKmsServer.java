package dev.ddbec.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * KMS on the JVM's shared moto server ({@link MotoServer#shared()}, the same server the DynamoDB
 * tests use), for one test class.
 *
 * <pre>{@code
 * @RegisterExtension static final MotoKmsServer MOTO = new MotoKmsServer();
 * ...
 * KmsClient kms = MOTO.client(Region.US_EAST_1);
 * String keyArn = MOTO.createKey(kms);
 * }</pre>
 *
 * <p>{@link MotoServer} says where the venv comes from and which two KMS behaviours its launcher
 * adds to moto (key state, multi-Region key decryption). A missing venv fails the test class with a
 * message saying how to create it — tests never skip.
 *
 * <p>Keys live per region (and account, always {@code 123456789012}): clients for different regions
 * on the same server see different keys, as with AWS. The server is shared by every test class of
 * the JVM, so a class creates its own keys and never assumes the key or alias lists are empty.
 * Clients made by {@link #client} use dummy credentials and are closed after the class.
 */
// "exports": JUnit and the KMS SDK are optional dependencies: whoever uses this class has them.
@SuppressWarnings("exports")
public final class MotoKmsServer implements BeforeAllCallback, AfterAllCallback {
  /** System property naming the venv directory. */
  public static final String VENV_PROPERTY = MotoServer.VENV_PROPERTY;

  private final List<KmsClient> clients = new ArrayList<>();
  private URI endpoint;

  /** Creates the extension; the server is looked up (started on first use) before the class. */
  public MotoKmsServer() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /**
   * The server's endpoint, e.g. {@code http://127.0.0.1:41234}.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("the moto server is not running");
    }
    return endpoint;
  }

  /**
   * A KMS client for a region on this server, with dummy credentials; closed after the class.
   *
   * @param region the region (moto keeps keys per region)
   * @param interceptors interceptors to add, e.g. a {@link KmsCallCounter}
   * @return the client
   */
  public synchronized KmsClient client(Region region, ExecutionInterceptor... interceptors) {
    KmsClient c =
        KmsClient.builder()
            .region(region)
            .endpointOverride(endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                o -> {
                  for (ExecutionInterceptor i : interceptors) {
                    o.addExecutionInterceptor(i);
                  }
                })
            .build();
    clients.add(c);
    return c;
  }

  /**
   * Creates a symmetric encryption key.
   *
   * @param kms a client of this server
   * @return the key ARN
   */
  public static String createKey(KmsClient kms) {
    return kms.createKey(r -> r.description("ddbec test key")).keyMetadata().arn();
  }

  /**
   * Creates a multi-Region key and replicates it.
   *
   * @param primary a client of the primary region
   * @param replicaRegions regions to replicate to
   * @return the primary key's ARN
   */
  public static String createMultiRegionKey(KmsClient primary, Region... replicaRegions) {
    KeyMetadata key =
        primary.createKey(r -> r.multiRegion(true).description("ddbec test mrk")).keyMetadata();
    for (Region replica : replicaRegions) {
      primary.replicateKey(r -> r.keyId(key.keyId()).replicaRegion(replica.id()));
    }
    return key.arn();
  }

  /**
   * The key id part of a key ARN (moto's DisableKey and EnableKey want the bare id).
   *
   * @param keyArn a key ARN
   * @return the id after {@code key/}
   */
  public static String keyIdOf(String keyArn) {
    return keyArn.substring(keyArn.lastIndexOf('/') + 1);
  }

  /**
   * Creates (or repoints) an alias.
   *
   * @param kms a client of the key's region
   * @param alias the alias name, {@code alias/...}
   * @param keyId the target key
   */
  public static void alias(KmsClient kms, String alias, String keyId) {
    String id = keyIdOf(keyId);
    boolean exists =
        kms.listAliases(r -> r.limit(100)).aliases().stream()
            .anyMatch(a -> a.aliasName().equals(alias));
    if (exists) {
      kms.updateAlias(r -> r.aliasName(alias).targetKeyId(id));
    } else {
      kms.createAlias(r -> r.aliasName(alias).targetKeyId(id));
    }
  }

  /** Looks up the shared server (done by {@link #beforeAll}); also usable without JUnit. */
  public synchronized void start() {
    endpoint = MotoServer.shared().endpoint();
  }

  /** Closes the clients (done by {@link #afterAll}); the shared server runs until the JVM exits. */
  public synchronized void stop() {
    clients.forEach(KmsClient::close);
    clients.clear();
    endpoint = null;
  }
}
