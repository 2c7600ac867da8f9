package dev.ddbec.core.internal;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.InvalidItemException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.api.spi.DelegatedKey;
import dev.ddbec.api.spi.SigningAlgorithms;
import dev.ddbec.core.format.SetOrdering;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The string to sign and the item signature (docs/format.md §4). */
public final class ItemSigner {
  static final byte[] ENCRYPTED_HASH =
      HexFormat.of().parseHex("394115ac4eb09aa49429348816b2038127b0f9e3a520372ae100ca19fb08fd50");
  static final byte[] PLAINTEXT_HASH =
      HexFormat.of().parseHex("cb40e7dadc86161b9798de48512f332d21c141fcc1e28a086fde4a3375aab1b5");

  private static final int TABLE_HASH_CACHE_LIMIT = 1024;
  private static final Map<String, byte[]> TABLE_HASHES = new ConcurrentHashMap<>();

  private static final int NAME_HASH_CACHE_LIMIT = 4096;
  private static final Map<String, byte[]> NAME_HASHES = new ConcurrentHashMap<>();

  private static final ThreadLocal<ByteSink> SINK =
      ThreadLocal.withInitial(() -> ByteSink.reusable(512));

  private ItemSigner() {}

  /**
   * Builds the string to sign: SHA-256 of the table prefix, then for each signed attribute in name
   * order the hashes of its name, its action and its serialized value.
   *
   * @param item the item as stored (after encryption); reserved attributes are ignored
   * @param tableName the table name
   * @param actions the attribute actions
   * @param ordering name, set and map ordering
   * @return 32 + 96 × (signed attributes) bytes
   */
  public static byte[] stringToSign(
      Map<String, AttributeValue> item,
      String tableName,
      AttributeActions actions,
      SetOrdering ordering) {
    String[] names = new String[item.size()];
    int count = 0;
    for (String name : item.keySet()) {
      if (!ReservedAttributes.isReserved(name)
          && actions.actionFor(name) != CryptoAction.DO_NOTHING) {
        names[count++] = name;
      }
    }
    java.util.Arrays.sort(names, 0, count, ordering.strings());
    byte[] out = new byte[32 + 96 * count];
    System.arraycopy(tableHash(tableName), 0, out, 0, 32);
    MessageDigest md = Primitives.sha256();
    ByteSink sink = SINK.get();
    int pos = 32;
    int used = 0;
    for (int i = 0; i < count; i++) {
      String name = names[i];
      System.arraycopy(nameHash(md, name), 0, out, pos, 32);
      byte[] flag =
          actions.actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN
              ? ENCRYPTED_HASH
              : PLAINTEXT_HASH;
      System.arraycopy(flag, 0, out, pos + 32, 32);
      AttributeValue value = item.get(name);
      if (value != null && value.type() == AttributeValue.Type.B) {
        // A binary value (every encrypted attribute's ciphertext) is hashed where it is rather
        // than copied into the buffer first: the same bytes as its serialization.
        byte[] bytes = value.b().asByteArrayUnsafe();
        sink.reset();
        AttributeSerializer.writeBinaryHeader(sink, bytes.length);
        md.update(sink.buffer(), 0, sink.size());
        md.update(bytes);
      } else {
        sink.reset();
        try {
          AttributeSerializer.serializeInto(sink, value, ordering);
        } catch (InvalidItemException e) {
          throw new InvalidItemException("Attribute '" + name + "': " + e.getMessage(), e);
        }
        md.update(sink.buffer(), 0, sink.size());
        used = Math.max(used, sink.size());
      }
      digestInto(md, out, pos + 64);
      pos += 96;
    }
    // SIGN_ONLY values are plaintext: leave none behind in the reused buffer.
    java.util.Arrays.fill(sink.buffer(), 0, used, (byte) 0);
    return out;
  }

  /**
   * Tells whether the Python ordering could produce a different string to sign for this item.
   *
   * @param item the stored item
   * @param actions the actions
   * @return true if a retry with {@link SetOrdering#PYTHON} is worth trying
   */
  public static boolean orderingSensitive(
      Map<String, AttributeValue> item, AttributeActions actions) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      if (ReservedAttributes.isReserved(e.getKey())
          || actions.actionFor(e.getKey()) == CryptoAction.DO_NOTHING) {
        continue;
      }
      names.add(e.getKey());
      if (actions.actionFor(e.getKey()) == CryptoAction.SIGN_ONLY
          && AttributeSerializer.orderingSensitive(e.getValue())) {
        return true;
      }
    }
    List<String> java = new ArrayList<>(names);
    java.sort(SetOrdering.JAVA.strings());
    names.sort(SetOrdering.PYTHON.strings());
    return !java.equals(names);
  }

  private static void digestInto(MessageDigest md, byte[] out, int pos) {
    try {
      md.digest(out, pos, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] tableHash(String tableName) {
    byte[] h = TABLE_HASHES.get(tableName);
    if (h == null) {
      h = Primitives.sha256(("TABLE>" + tableName + "<TABLE").getBytes(StandardCharsets.UTF_8));
      if (TABLE_HASHES.size() < TABLE_HASH_CACHE_LIMIT) {
        TABLE_HASHES.put(tableName, h);
      }
    }
    return h;
  }

  /**
   * SHA-256 of an attribute name's UTF-8 bytes. A table's items repeat the same few names, so the
   * hashes of the first {@value #NAME_HASH_CACHE_LIMIT} names seen are kept (names are not secret;
   * the hash is a function of the name alone); later names are hashed every time, so items with
   * ever new names cost what they cost without the cache and hold no more memory. Never written to
   * after it is put in the map.
   */
  private static byte[] nameHash(MessageDigest md, String name) {
    byte[] h = NAME_HASHES.get(name);
    if (h == null) {
      md.reset();
      h = md.digest(name.getBytes(StandardCharsets.UTF_8));
      if (NAME_HASHES.size() < NAME_HASH_CACHE_LIMIT) {
        NAME_HASHES.putIfAbsent(name, h);
      }
    }
    return h;
  }

  /**
   * Signs a string to sign.
   *
   * @param stringToSign the bytes
   * @param key HMAC secret key or RSA private key
   * @param algorithm HmacSHA224..512 or SHA224..512withRSA
   * @return the signature
   */
  public static byte[] sign(byte[] stringToSign, Key key, String algorithm) {
    return sign(stringToSign, key, algorithm, null);
  }

  /**
   * Signs a string to sign with a named JCA provider.
   *
   * @param stringToSign the bytes
   * @param key HMAC secret key or RSA private key
   * @param algorithm HmacSHA224..512 or SHA224..512withRSA
   * @param provider the JCA provider that holds the key, or null for the installed providers
   * @return the signature
   */
  public static byte[] sign(byte[] stringToSign, Key key, String algorithm, Provider provider) {
    if (key instanceof DelegatedKey dk) {
      return Delegation.sign(dk, stringToSign, algorithm);
    }
    try {
      if (SigningAlgorithms.isHmac(algorithm)) {
        Mac mac = Primitives.mac(algorithm, key, provider);
        mac.init((SecretKey) key);
        return mac.doFinal(stringToSign);
      }
      if (SigningAlgorithms.isRsa(algorithm)) {
        Signature s = Primitives.signature(algorithm, key, provider);
        s.initSign((PrivateKey) key);
        s.update(stringToSign);
        return s.sign();
      }
    } catch (GeneralSecurityException | ClassCastException | ProviderException e) {
      throw keyRefused("sign", key, algorithm, e);
    }
    throw new InvalidConfigurationException("Unsupported signature algorithm " + algorithm);
  }

  /**
   * Verifies a signature; MACs are compared in constant time.
   *
   * @param stringToSign the bytes
   * @param signature the stored signature
   * @param key HMAC secret key or RSA public key
   * @param algorithm HmacSHA224..512 or SHA224..512withRSA
   * @return true if it matches
   */
  public static boolean verify(byte[] stringToSign, byte[] signature, Key key, String algorithm) {
    return verify(stringToSign, signature, key, algorithm, null);
  }

  /**
   * Verifies a signature with a named JCA provider; MACs are compared in constant time.
   *
   * @param stringToSign the bytes
   * @param signature the stored signature
   * @param key HMAC secret key or RSA public key
   * @param algorithm HmacSHA224..512 or SHA224..512withRSA
   * @param provider the JCA provider that holds the key, or null for the installed providers
   * @return true if it matches
   */
  public static boolean verify(
      byte[] stringToSign, byte[] signature, Key key, String algorithm, Provider provider) {
    if (key instanceof DelegatedKey dk) {
      return Delegation.verify(dk, stringToSign, signature, algorithm);
    }
    try {
      if (SigningAlgorithms.isHmac(algorithm)) {
        Mac mac = Primitives.mac(algorithm, key, provider);
        mac.init((SecretKey) key);
        return MessageDigest.isEqual(mac.doFinal(stringToSign), signature);
      }
      if (SigningAlgorithms.isRsa(algorithm)) {
        Signature s = Primitives.signature(algorithm, key, provider);
        s.initVerify((PublicKey) key);
        s.update(stringToSign);
        return s.verify(signature);
      }
    } catch (java.security.SignatureException e) {
      return false; // malformed signature bytes: not a match
    } catch (GeneralSecurityException | ClassCastException | ProviderException e) {
      throw keyRefused("verify", key, algorithm, e);
    }
    throw new InvalidConfigurationException("Unsupported signature algorithm " + algorithm);
  }

  /**
   * What a JCA failure to {@code use} ("sign", "verify") a key means. A key held by another JCA
   * provider (an HSM) that failed inside that provider, e.g. because its session was lost: the
   * materials provider's keys are unavailable for now, not misconfigured ({@link
   * MaterialsUnavailableException}). A JDK key the algorithm refuses, or a key of the wrong kind:
   * the configuration is wrong ({@link InvalidConfigurationException}).
   */
  private static RuntimeException keyRefused(String use, Key key, String algorithm, Exception e) {
    if (e instanceof ProviderException
        || (e instanceof GeneralSecurityException && !Primitives.isJdkKey(key))) {
      return new MaterialsUnavailableException(
          algorithm
              + " with the materials provider's "
              + key.getAlgorithm()
              + " key failed in its JCA provider (HSM session lost?); retry, or refresh the"
              + " materials provider",
          e);
    }
    return new InvalidConfigurationException(
        "Cannot " + use + " with a " + key.getAlgorithm() + " key and " + algorithm, e);
  }
}
