package dev.ddbec.core.internal;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.core.format.SetOrdering;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Verifies the signature of a stored item (docs/format.md §4), for the item encryptor. */
public final class ItemVerifier {
  private ItemVerifier() {}

  /**
   * Verifies the signature of a stored item, bound to the first of {@code signedTables} that makes
   * it verify.
   *
   * @param stored the stored item without the two reserved attributes
   * @param table the table named in messages
   * @param signedTables the table names the signature may be bound to, in the order to try
   * @param actions the attribute actions
   * @param signature the stored signature
   * @param materials the decryption materials
   * @param signingAlgorithmKey the description entry naming the signature algorithm
   * @param description the item's material description
   * @throws ItemIntegrityException if the signature does not verify or the item is malformed
   */
  public static void verify(
      Map<String, AttributeValue> stored,
      String table,
      List<String> signedTables,
      AttributeActions actions,
      byte[] signature,
      DecryptionMaterials materials,
      String signingAlgorithmKey,
      Map<String, String> description) {
    String algorithm = verificationAlgorithm(materials, description, signingAlgorithmKey);
    Provider provider = materials.signingProvider().orElse(null);
    try {
      for (String signedTable : signedTables) {
        if (verifies(stored, signedTable, actions, signature, materials, algorithm, provider)) {
          return;
        }
      }
    } catch (InvalidItemException e) {
      throw new ItemIntegrityException(
          "Item in table " + table + " is malformed: " + e.getMessage(), e);
    }
    throw new ItemIntegrityException(
        "Signature verification failed for an item in table "
            + table
            + ": the item was modified, or the table name, attribute actions or verification key"
            + " differ from those used to write it");
  }

  /**
   * Verifies in the official Java client's order, then, when the item holds values the two orders
   * sort differently, in the official Python client's.
   */
  private static boolean verifies(
      Map<String, AttributeValue> stored,
      String signedTable,
      AttributeActions actions,
      byte[] signature,
      DecryptionMaterials materials,
      String algorithm,
      Provider provider) {
    byte[] sts = ItemSigner.stringToSign(stored, signedTable, actions, SetOrdering.JAVA);
    if (ItemSigner.verify(sts, signature, materials.verificationKey(), algorithm, provider)) {
      return true;
    }
    if (ItemSigner.orderingSensitive(stored, actions)) {
      byte[] python = ItemSigner.stringToSign(stored, signedTable, actions, SetOrdering.PYTHON);
      return ItemSigner.verify(python, signature, materials.verificationKey(), algorithm, provider);
    }
    return false;
  }

  /**
   * The algorithm to verify with: the configured one, or the one the item names in {@code
   * amzn-ddb-map-signingAlg} if the provider accepts it ({@link
   * DecryptionMaterials#acceptedSigningAlgorithms()}, by default the configured one only). The item
   * cannot pick an algorithm the provider was not configured to accept.
   */
  private static String verificationAlgorithm(
      DecryptionMaterials materials, Map<String, String> description, String signingAlgorithmKey) {
    String configured = materials.signingAlgorithm();
    String stored = description.get(signingAlgorithmKey);
    if (stored == null || stored.equals(configured)) {
      return configured;
    }
    if (materials.acceptedSigningAlgorithms().contains(stored)) {
      return stored;
    }
    throw new ItemIntegrityException(
        "Item was signed with "
            + (SigningAlgorithms.isHmac(stored) || SigningAlgorithms.isRsa(stored)
                ? stored
                : "an unknown algorithm")
            + " (its "
            + signingAlgorithmKey
            + ") but the provider accepts only "
            + new TreeSet<>(materials.acceptedSigningAlgorithms())
            + "; add it to the provider's accepted signing algorithms if it is expected");
  }
}
