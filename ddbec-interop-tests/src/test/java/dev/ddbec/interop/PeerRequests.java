package dev.ddbec.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds requests for {@link PythonPeer}. Items and attribute values are DynamoDB JSON in the
 * low-level form ({@code {"S":"x"}}, {@code {"N":"1"}}, {@code {"B":"<base64>"}}, ...) with binary
 * values (B, and BS members at any depth) as standard Base64.
 *
 * <p>Actions are {@code "encrypt"}, {@code "sign"} or {@code "nothing"}; the names of {@code
 * dev.ddbec.api.CryptoAction} constants ({@code ENCRYPT_AND_SIGN}, ...) are accepted too.
 */
public final class PeerRequests {

  public static final String ENCRYPT = "encrypt";
  public static final String SIGN = "sign";
  public static final String NOTHING = "nothing";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private PeerRequests() {}

  /** {@code {"op":"ping"}}; answered with {@code {"ok":true,"version":"3.3.0",...}}. */
  public static ObjectNode ping() {
    return op("ping");
  }

  /**
   * Items of one table as the peer protects them: the table, its key attribute names, the provider
   * spec and the actions. Builds encrypt and decrypt requests.
   *
   * @param sortKey sort key attribute name, or null for a table without one
   */
  public record ItemTable(
      String table, String partitionKey, String sortKey, ObjectNode provider, ObjectNode actions) {

    /**
     * An encrypt request; answered with {@code {"item":{...}}} (the item as stored, with the two
     * reserved attributes).
     */
    public ObjectNode encrypt(JsonNode item) {
      return request("encrypt").set("item", item);
    }

    /** A decrypt request for a stored item; answered with {@code {"item":{...}}}. */
    public ObjectNode decrypt(JsonNode item) {
      return request("decrypt").set("item", item);
    }

    private ObjectNode request(String op) {
      ObjectNode request =
          op(op).put("table", table).put("partition_key", partitionKey).put("sort_key", sortKey);
      return withProviderAndActions(request, provider, actions);
    }
  }

  /** The official helper clients, for {@link HelperTable}. */
  public enum Helper {
    /** {@code dynamodb_encryption_sdk.encrypted.table.EncryptedTable} (boto3 resource). */
    TABLE("table"),
    /** {@code dynamodb_encryption_sdk.encrypted.client.EncryptedClient} (boto3 client). */
    CLIENT("client");

    private final String wire;

    Helper(String wire) {
      this.wire = wire;
    }
  }

  /**
   * A table read and written through an official helper client talking to a local DynamoDB endpoint
   * (dummy credentials, region us-west-2). The helper reads the key schema with DescribeTable and
   * protects the primary keys itself.
   */
  public record HelperTable(
      Helper helper, String endpointUrl, String table, ObjectNode provider, ObjectNode actions) {

    /** A request of another helper operation on this table (items or key set by the caller). */
    public ObjectNode request(String op) {
      ObjectNode request =
          op(op)
              .put("helper", helper.wire)
              .put("endpoint_url", endpointUrl)
              .put("region", "us-west-2")
              .put("table", table);
      return withProviderAndActions(request, provider, actions);
    }

    /** Puts an item; answered with {@code {"ok":true}}. */
    public ObjectNode put(JsonNode item) {
      return request("helper_put").set("item", item);
    }

    /**
     * Gets an item; answered with {@code {"item":{...}}}, or {@code {"item":null}} when there is
     * none.
     */
    public ObjectNode get(JsonNode key) {
      return request("helper_get").set("key", key);
    }

    /** Scans the table; answered with {@code {"items":[...]}}. */
    public ObjectNode scan() {
      return request("helper_scan");
    }
  }

  private static ObjectNode withProviderAndActions(
      ObjectNode request, ObjectNode provider, ObjectNode actions) {
    request.set("provider", provider);
    return request.set("actions", actions);
  }

  /** Python's attribute serializer; answered with {@code {"serialized":"<base64>"}}. */
  public static ObjectNode serialize(JsonNode attribute) {
    return op("serialize").set("attribute", attribute);
  }

  /** Python's attribute deserializer; answered with {@code {"attribute":{...}}}. */
  public static ObjectNode deserialize(byte[] serialized) {
    return op("deserialize").put("serialized", B64.encodeToString(serialized));
  }

  /** Static provider: raw AES content key and HMAC-SHA256 key, no key wrapping. */
  public static ObjectNode staticProvider(byte[] aesKey, byte[] hmacKey) {
    return provider("static").put("aes", b64(aesKey)).put("hmac", b64(hmacKey));
  }

  /** Wrapped provider: per-item AES-256 content key, AES key wrap, HMAC-SHA256 signature. */
  public static ObjectNode wrappedProvider(byte[] wrappingAesKey, byte[] hmacKey) {
    return provider("wrapped").put("wrap_aes", b64(wrappingAesKey)).put("hmac", b64(hmacKey));
  }

  /**
   * Wrapped provider with one RSA key pair: content key wrapped with the public key
   * (RSA/ECB/OAEPWithSHA-256AndMGF1Padding unless the description names another wrap-alg),
   * unwrapped with the private key; SHA256withRSA signatures by the private key, verified with the
   * public key.
   *
   * @param privateKeyPkcs8Der PKCS#8 DER private key
   * @param publicKeyX509Der X.509 SubjectPublicKeyInfo DER public key
   */
  public static ObjectNode wrappedRsaProvider(byte[] privateKeyPkcs8Der, byte[] publicKeyX509Der) {
    return provider("wrapped_rsa")
        .put("rsa_private_der", b64(privateKeyPkcs8Der))
        .put("rsa_public_der", b64(publicKeyX509Der));
  }

  /**
   * Direct KMS provider against a local KMS endpoint (moto_server); the peer uses dummy credentials
   * for it.
   */
  public static ObjectNode awsKmsProvider(String keyId, String endpointUrl, String region) {
    return provider("aws_kms")
        .put("key_id", keyId)
        .put("endpoint_url", endpointUrl)
        .put("region", region);
  }

  /**
   * The library's {@code CachingMostRecentProvider} over its {@code MetaStore} on a DynamoDB table
   * (the moto server; the peer uses dummy credentials for the endpoint).
   *
   * @param meta the meta provider's spec (static, wrapped or aws_kms)
   */
  public static ObjectNode mostRecentProvider(
      String endpointUrl,
      String region,
      String table,
      String materialName,
      double versionTtlSeconds,
      ObjectNode meta) {
    ObjectNode p =
        provider("most_recent")
            .put("endpoint_url", endpointUrl)
            .put("region", region)
            .put("table", table)
            .put("material_name", materialName)
            .put("version_ttl", versionTtlSeconds);
    p.set("meta", meta);
    return p;
  }

  /**
   * A MetaStore administration request on the MetaStore of a {@link #mostRecentProvider} spec (its
   * endpoint, region, table, material name and meta provider): {@code create_table} (answered
   * {@code {"ok":true}}), {@code new_version} or {@code max_version} (answered {@code
   * {"version":N}}, N null when there is none).
   */
  public static ObjectNode metastore(String action, ObjectNode mostRecentProvider) {
    ObjectNode request = op("metastore").put("action", action);
    for (String field : List.of("endpoint_url", "region", "table", "material_name", "meta")) {
      request.set(field, mostRecentProvider.get(field));
    }
    return request;
  }

  /** Calls {@code refresh()} on the peer's cached provider for this spec. */
  public static ObjectNode refresh(ObjectNode provider) {
    return op("refresh").set("provider", provider);
  }

  /** Adds a material description to a provider spec (returns the same node). */
  public static ObjectNode withMaterialDescription(
      ObjectNode provider, Map<String, String> description) {
    ObjectNode node = provider.putObject("material_description");
    description.forEach(node::put);
    return provider;
  }

  /** Actions with a default and no overrides. */
  public static ObjectNode actions(String defaultAction) {
    return actions(defaultAction, Map.of());
  }

  /**
   * Actions: a default plus per-attribute overrides. The peer then applies the library's {@code
   * set_index_keys} to the key attributes (encrypt becomes sign; an explicit conflicting override
   * is an error).
   */
  public static ObjectNode actions(String defaultAction, Map<String, String> overrides) {
    ObjectNode actions = NODES.objectNode().put("default", defaultAction);
    ObjectNode override = actions.putObject("override");
    overrides.forEach(override::put);
    return actions;
  }

  private static ObjectNode op(String op) {
    return NODES.objectNode().put("op", op);
  }

  private static ObjectNode provider(String type) {
    return NODES.objectNode().put("type", type);
  }

  private static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }
}
