package dev.ddbec.benchmarks;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.spi.Randomness;
import dev.ddbec.core.format.ItemFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The raw cryptography of one item in the format, with no item handling: the physical limit of the
 * format on this JVM, against which ddbec is measured.
 *
 * <p>Per item, for encryption (docs/format.md §3–§5):
 *
 * <ul>
 *   <li>one draw from the thread's own DRBG ({@link Randomness}) for all the item's random bytes;
 *   <li>wrapped providers: 32 of them for a content key, and one key wrap (AES key wrap or
 *       RSA-OAEP, its seed from the same DRBG);
 *   <li>per ENCRYPT_AND_SIGN attribute: 16 of them as its IV, and one AES-CBC encryption of the
 *       attribute's serialized value;
 *   <li>per signed attribute: SHA-256 of its stored value (the ciphertext for encrypted ones); the
 *       SHA-256 of its name is a constant of the table's names, computed once, as ddbec keeps it;
 *   <li>one HMAC-SHA256 or SHA256withRSA signature over the string to sign.
 * </ul>
 *
 * <p>Decryption is the mirror image: one unwrap, the same hashes, one HMAC (compared in constant
 * time) or RSA verification, then one AES-CBC decryption per encrypted attribute. The serialized
 * plaintexts, the attribute-name hashes and the table-name hash (constants of a table) are prepared
 * outside the measured code; nothing is parsed, serialized, copied into maps or encoded.
 *
 * <p>An instance keeps its own DRBG, JCA objects and output buffers: one per thread. Its outputs
 * are kept in fields so that no work can be optimised away.
 */
public final class CryptoFloor {
  private static final int IV_LENGTH = 16;
  private static final String RSA_OAEP = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
  private static final byte[] ENCRYPTED_HASH = sha256("ENCRYPTED");
  private static final byte[] PLAINTEXT_HASH = sha256("PLAINTEXT");

  private final Plan plan;
  private final Randomness random = Randomness.create();
  private final MessageDigest sha256;
  private final Cipher aesCbc;
  private final Cipher keyWrap;
  private final Mac hmac;
  private final Signature rsa;
  private final byte[] itemRandom;
  private final int keyBytes;

  /** The tag and length of a serialized binary value, {@code 00 62 u32(len)}; big-endian. */
  private final ByteBuffer binaryPrefix = ByteBuffer.allocate(6).put(1, (byte) 'b');

  private final byte[] stringToSign;

  /** The stored ciphertexts ({@code IV || ciphertext}) of the last encryption. */
  final byte[][] ciphertexts;

  /** The plaintexts of the last decryption. */
  final byte[][] plaintexts;

  /** The wrapped content key of the last encryption, if the provider wraps keys. */
  byte[] wrappedKey;

  /**
   * A floor engine for one thread.
   *
   * @param plan the shared, precomputed plan
   */
  public CryptoFloor(Plan plan) {
    this.plan = Objects.requireNonNull(plan, "plan");
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
      aesCbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
      keyWrap =
          switch (plan.keyTransport) {
            case NONE -> null;
            case AES_KEY_WRAP -> Cipher.getInstance("AESWrap");
            case RSA_OAEP -> Cipher.getInstance(RSA_OAEP);
          };
      hmac =
          plan.signature == ProviderKind.Signature.HMAC_SHA256
              ? Mac.getInstance("HmacSHA256")
              : null;
      rsa =
          plan.signature == ProviderKind.Signature.SHA256_WITH_RSA
              ? Signature.getInstance("SHA256withRSA")
              : null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCA algorithm missing from this JVM", e);
    }
    keyBytes = plan.keyTransport == ProviderKind.KeyTransport.NONE ? 0 : 32;
    itemRandom = new byte[keyBytes + IV_LENGTH * plan.encryptedCount];
    stringToSign = new byte[32 + 96 * plan.names.length];
    ciphertexts = new byte[plan.encryptedCount][];
    plaintexts = new byte[plan.encryptedCount][];
  }

  /**
   * Encrypts and signs one item's worth of attributes.
   *
   * @return the signature (ciphertexts and wrapped key are kept in fields)
   * @throws GeneralSecurityException never with valid keys
   */
  public byte[] encrypt() throws GeneralSecurityException {
    Plan p = plan;
    byte[] rnd = itemRandom;
    random.nextBytes(rnd, 0, rnd.length);
    SecretKey contentKey;
    if (p.keyTransport == ProviderKind.KeyTransport.NONE) {
      contentKey = p.staticKey;
    } else {
      contentKey = new SecretKeySpec(rnd, 0, keyBytes, "AES");
      keyWrap.init(Cipher.WRAP_MODE, p.wrappingKey, random.secureRandom());
      wrappedKey = keyWrap.wrap(contentKey);
    }
    int ivAt = keyBytes;
    int enc = 0;
    for (int i = 0; i < p.names.length; i++) {
      if (p.encrypted[i]) {
        byte[] value = p.values[i];
        byte[] out = new byte[IV_LENGTH + (value.length / 16 + 1) * 16];
        System.arraycopy(rnd, ivAt, out, 0, IV_LENGTH);
        ivAt += IV_LENGTH;
        aesCbc.init(Cipher.ENCRYPT_MODE, contentKey, new IvParameterSpec(out, 0, IV_LENGTH));
        aesCbc.doFinal(value, 0, value.length, out, IV_LENGTH);
        ciphertexts[enc++] = out;
      }
    }
    byte[] sts = fillStringToSign(ciphertexts);
    if (hmac != null) {
      hmac.init(p.hmacKey);
      return hmac.doFinal(sts);
    }
    rsa.initSign(p.signingKey);
    rsa.update(sts);
    return rsa.sign();
  }

  /**
   * Verifies and decrypts one item's worth of attributes.
   *
   * @param sealed what an encryption produced
   * @return the plaintexts (kept in a field too)
   * @throws GeneralSecurityException if a key is unusable
   * @throws IllegalStateException if the signature does not verify
   */
  public byte[][] decrypt(Sealed sealed) throws GeneralSecurityException {
    Plan p = plan;
    SecretKey contentKey;
    if (p.keyTransport == ProviderKind.KeyTransport.NONE) {
      contentKey = p.staticKey;
    } else {
      keyWrap.init(Cipher.UNWRAP_MODE, p.unwrappingKey);
      contentKey = (SecretKey) keyWrap.unwrap(sealed.wrappedKey(), "AES", Cipher.SECRET_KEY);
    }
    byte[] sts = fillStringToSign(sealed.ciphertexts());
    boolean verified;
    if (hmac != null) {
      hmac.init(p.hmacKey);
      verified = MessageDigest.isEqual(hmac.doFinal(sts), sealed.signature());
    } else {
      rsa.initVerify(p.verificationKey);
      rsa.update(sts);
      verified = rsa.verify(sealed.signature());
    }
    if (!verified) {
      throw new IllegalStateException("floor: signature does not verify");
    }
    for (int j = 0; j < p.encryptedCount; j++) {
      byte[] stored = sealed.ciphertexts()[j];
      aesCbc.init(Cipher.DECRYPT_MODE, contentKey, new IvParameterSpec(stored, 0, IV_LENGTH));
      plaintexts[j] = aesCbc.doFinal(stored, IV_LENGTH, stored.length - IV_LENGTH);
    }
    return plaintexts;
  }

  /**
   * Encrypts once and captures the result, as the input of {@link #decrypt}.
   *
   * @return the sealed item
   * @throws GeneralSecurityException never with valid keys
   */
  public Sealed seal() throws GeneralSecurityException {
    byte[] signature = encrypt();
    byte[][] copy = new byte[ciphertexts.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = ciphertexts[i].clone();
    }
    return new Sealed(copy, wrappedKey == null ? null : wrappedKey.clone(), signature);
  }

  /**
   * Fills the string to sign: the table hash, then per signed attribute its name hash, its action
   * hash and the SHA-256 of its stored value (for an encrypted attribute, of its ciphertext as a
   * serialized binary value {@code 00 62 u32(len) bytes}).
   *
   * @param stored the ciphertexts of the encrypted attributes, in name order
   * @return the buffer holding it
   */
  private byte[] fillStringToSign(byte[][] stored) throws GeneralSecurityException {
    Plan p = plan;
    byte[] out = stringToSign;
    System.arraycopy(p.tableHash, 0, out, 0, 32);
    int pos = 32;
    int enc = 0;
    for (int i = 0; i < p.names.length; i++) {
      System.arraycopy(p.nameHashes[i], 0, out, pos, 32);
      if (p.encrypted[i]) {
        System.arraycopy(ENCRYPTED_HASH, 0, out, pos + 32, 32);
        byte[] ciphertext = stored[enc++];
        binaryPrefix.putInt(2, ciphertext.length);
        sha256.update(binaryPrefix.array());
        sha256.update(ciphertext);
      } else {
        System.arraycopy(PLAINTEXT_HASH, 0, out, pos + 32, 32);
        sha256.update(p.values[i]);
      }
      sha256.digest(out, pos + 64, 32);
      pos += 96;
    }
    return out;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }

  /**
   * What one encryption produced: the stored ciphertexts in signing order, the wrapped content key
   * (null without key wrapping) and the signature.
   *
   * @param ciphertexts {@code IV || ciphertext} of each encrypted attribute, in name order
   * @param wrappedKey the wrapped content key, or null
   * @param signature the item signature
   */
  public record Sealed(byte[][] ciphertexts, byte[] wrappedKey, byte[] signature) {}

  /**
   * The precomputed, immutable inputs of the floor for one shape and provider: the signed
   * attributes in signing order (name bytes, whether encrypted, serialized plaintext value), the
   * table hash and the keys. Shared by all threads.
   */
  public static final class Plan {
    final ProviderKind.KeyTransport keyTransport;
    final ProviderKind.Signature signature;
    final byte[][] names;
    final byte[][] nameHashes;
    final boolean[] encrypted;
    final byte[][] values;
    final int encryptedCount;
    final byte[] tableHash;
    final SecretKey staticKey;
    final Key wrappingKey;
    final Key unwrappingKey;
    final SecretKey hmacKey;
    final PrivateKey signingKey;
    final PublicKey verificationKey;

    private Plan(ItemShape shape, ProviderKind provider, KeyMaterial keys) {
      this.keyTransport = provider.keyTransport();
      this.signature = provider.signature();
      Map<String, AttributeValue> item = shape.item();
      List<String> signed = new ArrayList<>();
      for (String name : item.keySet()) {
        if (ItemShape.actions().actionFor(name) != CryptoAction.DO_NOTHING) {
          signed.add(name);
        }
      }
      signed.sort(null); // the format's name order: String.compareTo
      names = new byte[signed.size()][];
      nameHashes = new byte[signed.size()][];
      encrypted = new boolean[signed.size()];
      values = new byte[signed.size()][];
      int enc = 0;
      for (int i = 0; i < names.length; i++) {
        String name = signed.get(i);
        names[i] = name.getBytes(StandardCharsets.UTF_8);
        nameHashes[i] = sha256(name);
        encrypted[i] = ItemShape.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN;
        values[i] = ItemFormat.serialize(item.get(name));
        enc += encrypted[i] ? 1 : 0;
      }
      encryptedCount = enc;
      tableHash = sha256("TABLE>" + ItemShape.TABLE + "<TABLE");
      staticKey = keyTransport == ProviderKind.KeyTransport.NONE ? keys.aesKey() : null;
      switch (keyTransport) {
        case AES_KEY_WRAP -> {
          wrappingKey = keys.wrappingKey();
          unwrappingKey = keys.wrappingKey();
        }
        case RSA_OAEP -> {
          wrappingKey = keys.rsaEncryptionPair().getPublic();
          unwrappingKey = keys.rsaEncryptionPair().getPrivate();
        }
        default -> {
          wrappingKey = null;
          unwrappingKey = null;
        }
      }
      boolean hmacSigned = signature == ProviderKind.Signature.HMAC_SHA256;
      hmacKey = hmacSigned ? keys.hmacKey() : null;
      signingKey = hmacSigned ? null : keys.rsaSigningPair().getPrivate();
      verificationKey = hmacSigned ? null : keys.rsaSigningPair().getPublic();
    }

    /**
     * Prepares the floor of a shape and provider.
     *
     * @param shape the item shape
     * @param provider the provider, which decides key transport and signature
     * @param keys the trial's keys
     * @return the plan
     */
    public static Plan of(ItemShape shape, ProviderKind provider, KeyMaterial keys) {
      return new Plan(shape, provider, keys);
    }

    /**
     * How many attributes are signed.
     *
     * @return the count
     */
    public int signedCount() {
      return names.length;
    }

    /**
     * How many attributes are encrypted.
     *
     * @return the count
     */
    public int encryptedCount() {
      return encryptedCount;
    }
  }
}
