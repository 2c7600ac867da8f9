package dev.ddbec.api.spi;

import java.security.Key;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.crypto.SecretKey;

/**
 * What {@link EncryptionMaterials} and {@link DecryptionMaterials} share: the signature algorithm
 * default and check, constant-time key equality, and the redacted description. Not public API.
 */
final class Keys {
  private Keys() {}

  /**
   * The signature algorithm to use: the given one, or the default for the key; checked against the
   * key.
   *
   * @param key the signing or verification key (not null)
   * @param algorithm the configured algorithm, or null
   * @param signing true for a signing key, false for a verification key
   * @return the algorithm
   * @throws dev.ddbec.api.InvalidConfigurationException if key and algorithm do not belong together
   */
  static String signingAlgorithm(Key key, String algorithm, boolean signing) {
    String a = algorithm != null ? algorithm : SigningAlgorithms.defaultFor(key);
    SigningAlgorithms.check(key, a, signing);
    return a;
  }

  /**
   * Compares two keys by algorithm and encoding, the encodings in constant time. Keys without an
   * encoding equal only themselves.
   *
   * @param a a key or null
   * @param b a key or null
   * @return true if both are null, the same object, or of the same algorithm and encoding
   */
  static boolean equal(Key a, Key b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || !Objects.equals(a.getAlgorithm(), b.getAlgorithm())) {
      return false;
    }
    byte[] ea = a.getEncoded();
    byte[] eb = b.getEncoded();
    return ea != null && eb != null && MessageDigest.isEqual(ea, eb);
  }

  /**
   * A hash code that depends on nothing secret.
   *
   * @param signingAlgorithm the signature algorithm
   * @param materialDescription the description
   * @return a hash of the algorithm and the description's keys
   */
  static int hash(String signingAlgorithm, Map<String, String> materialDescription) {
    return Objects.hash(signingAlgorithm, materialDescription.keySet());
  }

  /**
   * A {@code toString()} that names the keys' algorithms, never their bytes, and lists the
   * description's keys, never its values.
   *
   * @param type the simple class name
   * @param aesKeyName the name of the AES key field
   * @param aesKey the AES key, or null
   * @param signatureKeyName the name of the signing or verification key field
   * @param signatureKey the signing or verification key
   * @param signingAlgorithm the signature algorithm
   * @param materialDescription the description
   * @return the redacted description
   */
  static String describe(
      String type,
      String aesKeyName,
      SecretKey aesKey,
      String signatureKeyName,
      Key signatureKey,
      String signingAlgorithm,
      Map<String, String> materialDescription) {
    return type
        + '{'
        + aesKeyName
        + '='
        + (aesKey == null ? "none" : aesKey.getAlgorithm() + "(redacted)")
        + ", "
        + signatureKeyName
        + '='
        + signatureKey.getAlgorithm()
        + "(redacted), signingAlgorithm="
        + signingAlgorithm
        + ", materialDescriptionKeys="
        + new TreeSet<>(materialDescription.keySet())
        + '}';
  }
}
