package dev.ddbec.provider.kms.internal;

import dev.ddbec.api.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Chooses the one KMS client a Direct KMS provider calls, from the clients it was given (a default
 * client, clients per region) and the key id's region, or builds one when it was given none.
 */
public final class KmsClients {
  /**
   * The chosen client.
   *
   * @param client the client every call goes to
   * @param region the client's region, or null when it reports none
   * @param owned true when the provider built the client and must close it
   */
  public record Choice(KmsClient client, String region, boolean owned) {}

  private KmsClients() {}

  /**
   * Chooses (or builds) the client for a key.
   *
   * @param keyId the configured key id, as given (for messages)
   * @param arn the key id parsed as an ARN, or null when it is not one
   * @param defaultClient the default client, or null
   * @param regionalClients clients per region (may be empty)
   * @param region the configured local region, or null
   * @param customizer applied to a client this method builds
   * @return the choice
   * @throws InvalidConfigurationException when no configured client serves the key's region, or
   *     several could and nothing says which
   */
  public static Choice choose(
      String keyId,
      KmsArn arn,
      KmsClient defaultClient,
      Map<Region, KmsClient> regionalClients,
      Region region,
      Consumer<KmsClientBuilder> customizer) {
    Map<String, KmsClient> clients = new LinkedHashMap<>();
    regionalClients.forEach((r, c) -> clients.put(r.id(), c));
    String defaultRegion = null;
    if (defaultClient != null) {
      defaultRegion = regionOf(defaultClient);
      if (defaultRegion != null) {
        clients.putIfAbsent(defaultRegion, defaultClient);
      }
    }
    String local = region != null ? region.id() : defaultRegion;

    if (defaultClient == null && clients.isEmpty()) {
      // No client given: build one for the one region this provider will call.
      String target;
      if (arn == null) {
        target = local;
      } else if (arn.isMultiRegionKey() && local != null) {
        target = local;
      } else {
        target = arn.region();
      }
      KmsClient built = build(target, customizer);
      return new Choice(built, target != null ? target : regionOf(built), true);
    }
    if (arn == null) {
      if (region != null) {
        KmsClient c = clients.get(region.id());
        if (c == null) {
          throw new InvalidConfigurationException(
              "No KmsClient for region " + region.id() + " (set with region(...))");
        }
        return new Choice(c, region.id(), false);
      }
      if (defaultClient != null) {
        return new Choice(defaultClient, defaultRegion, false);
      }
      if (clients.size() == 1) {
        Map.Entry<String, KmsClient> only = clients.entrySet().iterator().next();
        return new Choice(only.getValue(), only.getKey(), false);
      }
      throw new InvalidConfigurationException(
          "Key id '"
              + keyId
              + "' names no region and there are KmsClients for "
              + clients.keySet()
              + ": use the key ARN, or set region(...) or kmsClient(KmsClient)");
    }
    if (arn.isMultiRegionKey() && local != null && clients.containsKey(local)) {
      return new Choice(clients.get(local), local, false);
    }
    KmsClient c = clients.get(arn.region());
    if (c == null) {
      throw new InvalidConfigurationException(
          "No KmsClient for region "
              + arn.region()
              + ", which key "
              + keyId
              + " lives in; KmsClients are configured for "
              + clients.keySet()
              + ". Add kmsClient(Region.of(\""
              + arn.region()
              + "\"), client)"
              + (arn.isMultiRegionKey() ? " or set region(...) to a region with a replica" : ""));
    }
    return new Choice(c, arn.region(), false);
  }

  private static String regionOf(KmsClient c) {
    try {
      Region r = c.serviceClientConfiguration().region();
      return r == null ? null : r.id();
    } catch (RuntimeException e) {
      // A client implementation without a configuration (e.g. a hand-written stub).
      return null;
    }
  }

  private static KmsClient build(String region, Consumer<KmsClientBuilder> customizer) {
    KmsClientBuilder cb = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    if (region != null) {
      cb.region(Region.of(region));
    }
    customizer.accept(cb);
    try {
      return cb.build();
    } catch (SdkException e) {
      throw new InvalidConfigurationException(
          "Cannot build a KmsClient"
              + (region == null ? " (no region in the key id or configuration)" : " for " + region)
              + ": "
              + e.getMessage()
              + ". Use a key ARN, set the region, or pass your own KmsClient",
          e);
    }
  }
}
