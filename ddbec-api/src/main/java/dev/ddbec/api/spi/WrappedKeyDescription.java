package dev.ddbec.api.spi;

import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.UnsupportedFormatException;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The material description entries of wrapped (envelope) materials (docs/format.md §5.2): the
 * wrapped content key ({@value #ENV_KEY}, Base64), the content key's algorithm and length ({@value
 * #ENV_ALG}, e.g. {@code AES/256}) and the wrapping transformation ({@value #WRAP_ALG}).
 *
 * <p>For provider authors whose providers wrap a fresh AES content key per item under a long-lived
 * key: {@link #withWrappedKey} writes the three entries when encrypting, {@link #parse} reads them
 * back when decrypting. Unwrap with {@link ContentKeyUnwrapper}, which reads the entries itself and
 * fails uniformly (no padding oracle).
 *
 * <pre>{@code
 * // encryptionMaterials
 * Map<String, String> d = WrappedKeyDescription.withWrappedKey(description, wrapped, "AESWrap");
 * // decryptionMaterials
 * SecretKey key = unwrapper.unwrap(context);   // a ContentKeyUnwrapper built once
 * }</pre>
 *
 * <p>A parsed description is immutable and thread-safe.
 */
public final class WrappedKeyDescription {
  /** The entry holding the wrapped content key, Base64-encoded. */
  public static final String ENV_KEY = FormatNames.ENV_KEY;

  /** The entry naming the content key's algorithm and, after a slash, its length in bits. */
  public static final String ENV_ALG = FormatNames.ENV_ALG;

  /** The entry naming the transformation that wrapped the content key. */
  public static final String WRAP_ALG = FormatNames.WRAP_ALG;

  /** The {@value #ENV_ALG} value written by {@link #withWrappedKey}: a 256-bit AES content key. */
  public static final String AES_256 = "AES/256";

  /** What {@value #ENV_ALG} means when an item (of an old writer) has none. */
  private static final String DEFAULT_ENV_ALG = "AES";

  private final byte[] wrappedKey;
  private final String contentKeyAlgorithm;
  private final String keyLength;
  private final String wrapAlgorithm;

  private WrappedKeyDescription(
      byte[] wrappedKey, String contentKeyAlgorithm, String keyLength, String wrapAlgorithm) {
    this.wrappedKey = wrappedKey;
    this.contentKeyAlgorithm = contentKeyAlgorithm;
    this.keyLength = keyLength;
    this.wrapAlgorithm = wrapAlgorithm;
  }

  /**
   * Tells whether a material description holds a wrapped content key ({@value #ENV_KEY}).
   *
   * @param description an item's material description
   * @return true if the description has the entry
   */
  public static boolean hasWrappedKey(Map<String, String> description) {
    return description.get(ENV_KEY) != null;
  }

  /**
   * Reads the wrapped content key entries of an item's material description.
   *
   * <p>A missing {@value #ENV_ALG} means {@code AES} (of any length), as old writers omitted it.
   *
   * @param context the context of the item being decrypted (its material description and table)
   * @return the parsed entries
   * @throws ItemIntegrityException if the description has no {@value #ENV_KEY} (the item was not
   *     written by a wrapped provider) or its value is not valid Base64
   * @throws UnsupportedFormatException if {@value #ENV_ALG} names a content key algorithm other
   *     than AES
   */
  public static WrappedKeyDescription parse(EncryptionContext context) {
    Map<String, String> d = context.materialDescription();
    String envKey = d.get(ENV_KEY);
    if (envKey == null) {
      throw new ItemIntegrityException(
          "Item in table "
              + context.tableName()
              + " has no wrapped content key ("
              + ENV_KEY
              + "): it was not written by a wrapped provider");
    }
    byte[] wrapped;
    try {
      wrapped = Base64.getMimeDecoder().decode(envKey);
    } catch (IllegalArgumentException e) {
      throw new ItemIntegrityException("The item's " + ENV_KEY + " is not valid Base64");
    }
    String envAlg = d.getOrDefault(ENV_ALG, DEFAULT_ENV_ALG);
    int slash = envAlg.indexOf('/');
    String contentAlg = slash < 0 ? envAlg : envAlg.substring(0, slash);
    if (!"AES".equals(contentAlg)) {
      throw new UnsupportedFormatException(
          "Unsupported content key algorithm in " + ENV_ALG + "; ddbec reads AES content keys");
    }
    return new WrappedKeyDescription(
        wrapped, contentAlg, slash < 0 ? null : envAlg.substring(slash + 1), d.get(WRAP_ALG));
  }

  /**
   * Returns a material description with the three wrapped-key entries added: {@value #ENV_KEY} (the
   * wrapped key in Base64), {@value #ENV_ALG} = {@value #AES_256} and {@value #WRAP_ALG}.
   *
   * @param description the provider's own entries (not changed)
   * @param wrappedKey the wrapped 256-bit AES content key
   * @param wrapAlgorithm the transformation that wrapped it, e.g. {@code AESWrap} or {@code
   *     RSA/ECB/OAEPWithSHA-256AndMGF1Padding}
   * @return a new unmodifiable map
   */
  public static Map<String, String> withWrappedKey(
      Map<String, String> description, byte[] wrappedKey, String wrapAlgorithm) {
    Objects.requireNonNull(wrapAlgorithm, "wrapAlgorithm");
    Map<String, String> d = new HashMap<>(description);
    d.put(ENV_KEY, Base64.getEncoder().encodeToString(wrappedKey));
    d.put(ENV_ALG, AES_256);
    d.put(WRAP_ALG, wrapAlgorithm);
    return Collections.unmodifiableMap(d);
  }

  /**
   * Checks that a provider's configured description entries leave the three wrapped-key entries to
   * the provider. Narrower than {@link FormatNames#requireNoReservedKeys}: for a provider whose
   * owner adds further format entries itself (the MetaStore adds {@value FormatNames#META_ID}).
   *
   * @param description the entries a provider was configured to write
   * @throws InvalidConfigurationException if the map sets {@value #ENV_KEY}, {@value #ENV_ALG} or
   *     {@value #WRAP_ALG}
   */
  public static void requireNoWrappedKeyEntries(Map<String, String> description) {
    for (String reserved : new String[] {ENV_KEY, ENV_ALG, WRAP_ALG}) {
      if (description.containsKey(reserved)) {
        throw new InvalidConfigurationException(
            "'" + reserved + "' is written by the provider and cannot be set in the description");
      }
    }
  }

  /**
   * The wrapped content key, decoded from Base64.
   *
   * @return a copy of the bytes
   */
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  /**
   * The content key's JCE algorithm: the part of {@value #ENV_ALG} before the slash.
   *
   * @return {@code AES}
   */
  public String contentKeyAlgorithm() {
    return contentKeyAlgorithm;
  }

  /**
   * The content key length in bits that {@value #ENV_ALG} names after the slash ({@code 256} in
   * {@code AES/256}).
   *
   * @return the length; empty when {@value #ENV_ALG} names none, or names it other than as a plain
   *     decimal number (then {@link #checkKeyLength(int)} fails for every key)
   */
  public OptionalInt keyBits() {
    if (keyLength == null || !keyLength.matches("[1-9][0-9]{0,8}")) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(keyLength));
  }

  /** The length text after the slash of {@value #ENV_ALG}, or null when it names none. */
  String keyLengthText() {
    return keyLength;
  }

  /**
   * The transformation named by {@value #WRAP_ALG}. Old writers omitted it; the provider then picks
   * the default for its key (the official clients read RSA PKCS#1 v1.5 for RSA keys and AES key
   * wrap for AES keys).
   *
   * @return the transformation, or empty when the item names none
   */
  public Optional<String> wrapAlgorithm() {
    return Optional.ofNullable(wrapAlgorithm);
  }

  /**
   * Checks the unwrapped content key against the length named by {@value #ENV_ALG}, if it names
   * one.
   *
   * @param keyBytes the length of the unwrapped content key in bytes
   * @throws ItemIntegrityException if {@value #ENV_ALG} names a length other than {@code keyBytes *
   *     8}
   */
  public void checkKeyLength(int keyBytes) {
    if (keyLength != null && !keyLength.equals(String.valueOf(keyBytes * 8))) {
      throw new ItemIntegrityException(
          "The unwrapped content key length does not match " + ENV_ALG);
    }
  }

  @Override
  public String toString() {
    return "WrappedKeyDescription{contentKey="
        + contentKeyAlgorithm
        + (keyLength == null ? "" : "/" + keyLength)
        + ", wrapAlgorithm="
        + (wrapAlgorithm == null ? "unnamed" : wrapAlgorithm)
        + ", wrappedKey="
        + wrappedKey.length
        + " bytes}";
  }
}
