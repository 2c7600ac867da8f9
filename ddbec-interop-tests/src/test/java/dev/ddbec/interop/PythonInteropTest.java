package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.core.format.AttributeEquality;
import dev.ddbec.core.format.ItemFormat;
import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.interop.InteropItems.Case;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Random round trips between ddbec and the official Python client (dynamodb-encryption-sdk 3.3.0,
 * driven through {@link PythonPeer}), for the static, wrapped AES and wrapped RSA providers over
 * the same key material on both sides.
 *
 * <ul>
 *   <li>Python encrypts, ddbec decrypts: always equal to the plaintext, including SIGN_ONLY sets,
 *       maps and attribute names whose Python order differs from Java's (ddbec's verification
 *       retry).
 *   <li>ddbec encrypts, Python decrypts: equal to the plaintext whenever Python serializes the
 *       item's signed attributes to the same bytes as ddbec (asked of the peer's own serializer,
 *       not of ddbec's Python-order code). Otherwise ddbec signed Java order, which Python cannot
 *       verify (docs/interop.md, "Writing Java order"): Python must then reject the item with
 *       {@code SignatureVerificationError}. At least 500 items per provider must take the first
 *       branch.
 * </ul>
 *
 * <p>Items come from {@link InteropItems}; numbers stay within 28 significant digits and are never
 * negative zero ({@code PythonDivergenceTest} covers those).
 */
class PythonInteropTest {
  private static final int TRIES = 600;
  private static final int MIN_PYTHON_DECRYPTED = 500;

  private static PythonPeer peer;
  private static Map<InteropProvider, ItemEncryptor> encryptors;
  private static long startNanos;

  @BeforeContainer
  static void startPeer() {
    startNanos = System.nanoTime();
    peer = PythonPeer.start();
    encryptors = InteropProvider.encryptors();
  }

  @AfterContainer
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
    System.out.printf(
        "[python-interop] PythonInteropTest took %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
  }

  @Provide
  Arbitrary<Case> cases() {
    return InteropItems.cases();
  }

  /** Python encrypts, ddbec decrypts: each case with every provider. */
  @Property(tries = TRIES)
  void decryptItem_pythonEncryptedRandomItem_equalsPlaintext(@ForAll("cases") Case c) {
    for (InteropProvider provider : InteropProvider.values()) {
      pythonToDdbec(provider, c);
    }
  }

  /** ddbec encrypts, Python decrypts: each case with every provider. */
  @Property(tries = TRIES)
  void encryptItem_randomItem_pythonDecryptsToPlaintext(@ForAll("cases") Case c) {
    for (InteropProvider provider : InteropProvider.values()) {
      ddbecToPython(provider, c);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void pythonToDdbec(InteropProvider provider, Case c) {
    JsonNode response =
        peer.callOk(
            new PeerRequests.ItemTable(
                    c.table(), InteropItems.PK, InteropItems.SK, provider.peer(), c.peerActions())
                .encrypt(c.itemJson()));
    Map<String, AttributeValue> stored = DynamoDbJson.item(response.get("item"));
    boolean protectedItem = !c.ddbecActions().allDoNothing();
    assertThat(stored.containsKey(ReservedAttributes.SIGNATURE))
        .as("%s: Python signs unless every action is DO_NOTHING", provider)
        .isEqualTo(protectedItem);

    Map<String, AttributeValue> decrypted =
        encryptors.get(provider).decryptItem(stored, c.config());

    assertThat(AttributeEquality.itemsEqual(c.item(), decrypted))
        .as(
            "%s: ddbec's decryption of %s%nequals the plaintext; got %s",
            provider, c, DynamoDbJson.toJson(decrypted))
        .isTrue();
    Statistics.label("signed bytes")
        .collect(
            pythonOrderDiffersLocally(stored, c)
                ? "Python order differs (verified by the retry)"
                : "same in both orders");
  }

  private static void ddbecToPython(InteropProvider provider, Case c) {
    Map<String, AttributeValue> stored = encryptors.get(provider).encryptItem(c.item(), c.config());
    JsonNode response =
        peer.call(
            new PeerRequests.ItemTable(
                    c.table(), InteropItems.PK, InteropItems.SK, provider.peer(), c.peerActions())
                .decrypt(DynamoDbJson.toJson(stored)));
    String label = "python " + provider;
    if (pythonSerializesSignedAttributesAsDdbec(stored, c)) {
      assertThat(response.has("error"))
          .as("%s: Python decrypts ddbec's item for %s; response %s", provider, c, response)
          .isFalse();
      Map<String, AttributeValue> decrypted = DynamoDbJson.item(response.get("item"));
      assertThat(AttributeEquality.itemsEqual(c.item(), decrypted))
          .as(
              "%s: Python's decryption of %s%nequals the plaintext; got %s",
              provider, c, response.get("item"))
          .isTrue();
      Statistics.label(label).collect("decrypted");
    } else {
      assertThat(response.path("error").path("type").asText())
          .as(
              "%s: Python rejects a ddbec item whose signed values sort differently in Python: %s",
              provider, c)
          .isEqualTo("SignatureVerificationError");
      Statistics.label(label).collect("rejected: Java-order signed set, map or names");
    }
    Statistics.label(label)
        .coverage(
            coverage ->
                coverage.check("decrypted").count((Integer n) -> n >= MIN_PYTHON_DECRYPTED));
  }

  /** The signed attributes of a stored item as one map value (same order rules as signing). */
  private static AttributeValue signedAttributes(Map<String, AttributeValue> stored, Case c) {
    Map<String, AttributeValue> signed = new LinkedHashMap<>();
    stored.forEach(
        (name, value) -> {
          if (!ReservedAttributes.isReserved(name)
              && c.ddbecActions().actionFor(name) != CryptoAction.DO_NOTHING) {
            signed.put(name, value);
          }
        });
    return AttributeValue.fromM(signed);
  }

  /**
   * Whether Python's serializer gives the same bytes as ddbec's for the item's signed attributes
   * taken as one map. Map keys and attribute names are ordered by the same rule in each client, so
   * equal bytes mean an equal string to sign.
   */
  private static boolean pythonSerializesSignedAttributesAsDdbec(
      Map<String, AttributeValue> stored, Case c) {
    AttributeValue signed = signedAttributes(stored, c);
    byte[] python =
        Base64.getDecoder()
            .decode(
                peer.callOk(PeerRequests.serialize(DynamoDbJson.toJson(signed)))
                    .get("serialized")
                    .asText());
    return java.util.Arrays.equals(python, ItemFormat.serialize(signed));
  }

  private static boolean pythonOrderDiffersLocally(Map<String, AttributeValue> stored, Case c) {
    AttributeValue signed = signedAttributes(stored, c);
    return !java.util.Arrays.equals(
        ItemFormat.serialize(signed, SetOrdering.JAVA),
        ItemFormat.serialize(signed, SetOrdering.PYTHON));
  }
}
