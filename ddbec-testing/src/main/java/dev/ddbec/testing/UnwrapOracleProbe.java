package dev.ddbec.testing;

import static dev.ddbec.api.spi.FormatNames.ENV_ALG;
import static dev.ddbec.api.spi.FormatNames.ENV_KEY;
import static dev.ddbec.api.spi.FormatNames.MATERIAL_DESCRIPTION_ATTRIBUTE;
import static dev.ddbec.api.spi.FormatNames.WRAP_ALG;

import dev.ddbec.api.spi.ContentKeyUnwrapper;
import dev.ddbec.api.spi.RsaOaepWrapping;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Bleichenbacher-style probe of a provider's key unwrap: an attacker who can write to a table
 * replaces the wrapped content key ({@code amzn-ddb-env-key}) of a validly signed item — the
 * material description is not signed — and watches how the reader fails. The probe builds the three
 * classes of wrapped key such an attack tells apart (a padding that does not decode; one that
 * decodes to a key of the wrong length; one that decodes to a key of the right length, not the
 * item's) and reports how decryption failed for each, for every envelope provider's tests.
 */
public final class UnwrapOracleProbe {
  /** RSA PKCS#1 v1.5 ({@link ContentKeyUnwrapper#RSA_PKCS1}). */
  public static final String PKCS1 = ContentKeyUnwrapper.RSA_PKCS1;

  /** RSA-OAEP with SHA-256 and MGF1-SHA1 ({@link ContentKeyUnwrapper#RSA_OAEP_SHA256}). */
  public static final String OAEP_SHA256 = ContentKeyUnwrapper.RSA_OAEP_SHA256;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The classes of forged wrapped key. */
  public enum EnvKeyClass {
    /** The RSA result is not a valid padding. */
    NON_CONFORMING,
    /** A valid padding around a 20-byte message (no AES key length). */
    CONFORMING_WRONG_LENGTH,
    /** A valid padding around a random 32-byte key (not the item's content key). */
    CONFORMING_RIGHT_LENGTH
  }

  private UnwrapOracleProbe() {}

  /**
   * Decrypts the item with each forged wrapped key and records how it failed.
   *
   * @param stored a validly encrypted and signed item
   * @param publicKey the provider's RSA wrapping public key
   * @param wrapAlgorithm the padding to forge ({@link #PKCS1} or {@link #OAEP_SHA256}) and the
   *     {@code amzn-ddb-wrap-alg} to write; for {@link #PKCS1} with {@code nameWrapAlgorithm} false
   *     the entry is removed (old writers named none)
   * @param nameWrapAlgorithm whether the forged description names the wrap algorithm
   * @param decrypt decrypts an item with the provider under test
   * @return for each class, {@code exception class: message}, or {@code "decrypted"}
   */
  public static Map<EnvKeyClass, String> outcomes(
      Map<String, AttributeValue> stored,
      RSAPublicKey publicKey,
      String wrapAlgorithm,
      boolean nameWrapAlgorithm,
      Consumer<Map<String, AttributeValue>> decrypt) {
    Map<EnvKeyClass, String> out = new EnumMap<>(EnvKeyClass.class);
    for (EnvKeyClass c : EnvKeyClass.values()) {
      byte[] envKey = envKey(publicKey, wrapAlgorithm, c);
      Map<String, AttributeValue> forged =
          withEnvKey(stored, envKey, nameWrapAlgorithm ? wrapAlgorithm : null);
      String outcome;
      try {
        decrypt.accept(forged);
        outcome = "decrypted";
      } catch (RuntimeException e) {
        outcome = e.getClass().getName() + ": " + e.getMessage();
      }
      out.put(c, outcome);
    }
    return out;
  }

  /**
   * Encrypts {@code item}, checks that it decrypts back, then {@linkplain #outcomes probes} the
   * stored item.
   *
   * @param item a plaintext item
   * @param encrypt encrypts an item with the provider under test
   * @param decrypt decrypts an item with the provider under test
   * @param publicKey the provider's RSA wrapping public key
   * @param wrapAlgorithm as for {@link #outcomes}
   * @param nameWrapAlgorithm as for {@link #outcomes}
   * @return for each class, {@code exception class: message}, or {@code "decrypted"}
   * @throws AssertionError if the item does not decrypt to itself
   */
  public static Map<EnvKeyClass, String> roundTripThenOutcomes(
      Map<String, AttributeValue> item,
      UnaryOperator<Map<String, AttributeValue>> encrypt,
      UnaryOperator<Map<String, AttributeValue>> decrypt,
      RSAPublicKey publicKey,
      String wrapAlgorithm,
      boolean nameWrapAlgorithm) {
    Map<String, AttributeValue> stored = encrypt.apply(item);
    if (!item.equals(decrypt.apply(stored))) {
      throw new AssertionError("the item does not decrypt to itself");
    }
    return outcomes(stored, publicKey, wrapAlgorithm, nameWrapAlgorithm, decrypt::apply);
  }

  /**
   * Checks that no forged class can be told apart: every outcome of both probes is the one of
   * {@link EnvKeyClass#NON_CONFORMING}.
   *
   * @param named the outcomes of a probe that names the wrap algorithm
   * @param unnamed the outcomes of the same probe without it
   * @return that one outcome, for further assertions
   * @throws AssertionError if the outcomes differ
   */
  public static String assertIndistinguishable(
      Map<EnvKeyClass, String> named, Map<EnvKeyClass, String> unnamed) {
    String first = assertIndistinguishable(named);
    if (unnamed.isEmpty() || !unnamed.values().stream().allMatch(first::equals)) {
      throw new AssertionError("the forged keys fail differently: " + named + " / " + unnamed);
    }
    return first;
  }

  /**
   * Checks that no forged class can be told apart in one probe: there is an outcome for every
   * class, and all are the one of {@link EnvKeyClass#NON_CONFORMING}.
   *
   * @param outcomes the outcomes of one probe
   * @return that one outcome, for further assertions
   * @throws AssertionError if the outcomes differ or a class is missing
   */
  public static String assertIndistinguishable(Map<EnvKeyClass, String> outcomes) {
    String first = outcomes.get(EnvKeyClass.NON_CONFORMING);
    if (outcomes.size() != EnvKeyClass.values().length
        || !outcomes.values().stream().allMatch(first::equals)) {
      throw new AssertionError("the forged keys fail differently: " + outcomes);
    }
    return first;
  }

  /**
   * The material description an old writer (the official Java client before 1.x's OAEP default)
   * stored: the AES content key wrapped with RSA PKCS#1 v1.5 and no {@code amzn-ddb-wrap-alg}.
   *
   * @param publicKey the RSA wrapping public key
   * @param contentKey the raw AES content key
   * @return {@code amzn-ddb-env-key} and {@code amzn-ddb-env-alg} ({@code AES})
   */
  public static Map<String, String> legacyPkcs1Description(
      RSAPublicKey publicKey, byte[] contentKey) {
    try {
      Cipher c = Cipher.getInstance(PKCS1);
      c.init(Cipher.ENCRYPT_MODE, publicKey);
      return Map.of(
          ENV_KEY, Base64.getEncoder().encodeToString(c.doFinal(contentKey)), ENV_ALG, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA PKCS#1 v1.5 is not available", e);
    }
  }

  /**
   * A forged wrapped key of one class.
   *
   * @param publicKey the RSA public key
   * @param wrapAlgorithm {@link #PKCS1} or {@link #OAEP_SHA256}
   * @param c the class
   * @return the wrapped bytes (modulus length)
   */
  public static byte[] envKey(RSAPublicKey publicKey, String wrapAlgorithm, EnvKeyClass c) {
    int k = (publicKey.getModulus().bitLength() + 7) / 8;
    if (PKCS1.equals(wrapAlgorithm)) {
      byte[] em = new byte[k];
      em[1] = 2;
      int messageLength =
          switch (c) {
            case NON_CONFORMING -> 32;
            case CONFORMING_WRONG_LENGTH -> 20;
            case CONFORMING_RIGHT_LENGTH -> 32;
          };
      for (int i = 2; i < k - messageLength - 1; i++) {
        em[i] = (byte) (1 + RANDOM.nextInt(255));
      }
      byte[] message = random(messageLength);
      System.arraycopy(message, 0, em, k - messageLength, messageLength);
      if (c == EnvKeyClass.NON_CONFORMING) {
        em[1] = 1; // block type 1 (signature padding) instead of 2
      }
      return rawEncrypt(publicKey, em);
    }
    if (OAEP_SHA256.equals(wrapAlgorithm)) {
      if (c == EnvKeyClass.NON_CONFORMING) {
        byte[] em = random(k);
        em[0] = 0;
        return rawEncrypt(publicKey, em);
      }
      try {
        return RsaOaepWrapping.wrap(
            random(c == EnvKeyClass.CONFORMING_WRONG_LENGTH ? 20 : 32), publicKey, OAEP_SHA256);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalArgumentException(wrapAlgorithm);
  }

  /**
   * A copy of a stored item whose material description holds another wrapped key.
   *
   * @param stored the stored item
   * @param envKey the wrapped key to put in
   * @param wrapAlgorithm the {@code amzn-ddb-wrap-alg} to write, or null to remove it
   * @return the forged item
   */
  public static Map<String, AttributeValue> withEnvKey(
      Map<String, AttributeValue> stored, byte[] envKey, String wrapAlgorithm) {
    Map<String, String> description =
        decodeDescription(stored.get(MATERIAL_DESCRIPTION_ATTRIBUTE).b().asByteArray());
    description.put(ENV_KEY, Base64.getEncoder().encodeToString(envKey));
    if (wrapAlgorithm == null) {
      description.remove(WRAP_ALG);
    } else {
      description.put(WRAP_ALG, wrapAlgorithm);
    }
    Map<String, AttributeValue> forged = new LinkedHashMap<>(stored);
    forged.put(
        MATERIAL_DESCRIPTION_ATTRIBUTE,
        AttributeValue.fromB(SdkBytes.fromByteArray(encode(description))));
    return forged;
  }

  private static byte[] rawEncrypt(RSAPublicKey publicKey, byte[] em) {
    int k = em.length;
    byte[] c =
        new BigInteger(1, em)
            .modPow(publicKey.getPublicExponent(), publicKey.getModulus())
            .toByteArray();
    byte[] out = new byte[k];
    int n = Math.min(c.length, k);
    System.arraycopy(c, c.length - n, out, k - n, n);
    return out;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The description format: a 4-byte version 0, then length-prefixed UTF-8 keys and values. */
  private static Map<String, String> decodeDescription(byte[] data) {
    ByteBuffer in = ByteBuffer.wrap(data);
    if (in.getInt() != 0) {
      throw new IllegalArgumentException("description version");
    }
    Map<String, String> out = new LinkedHashMap<>();
    while (in.hasRemaining()) {
      String key = string(in);
      out.put(key, string(in));
    }
    return out;
  }

  private static String string(ByteBuffer in) {
    byte[] b = new byte[in.getInt()];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] encode(Map<String, String> description) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0);
      for (Map.Entry<String, String> e : description.entrySet()) {
        for (String s : new String[] {e.getKey(), e.getValue()}) {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Arrays.copyOf(bytes.toByteArray(), bytes.size());
  }
}
