package dev.ddbec.benchmarks;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.ReservedAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SDK v2 objects of one item that any item encryptor speaking the SDK's object model has to
 * hand back, built as cheaply as we know how: with {@link CryptoFloor}, the floor of a library
 * whose API is {@code Map<String, AttributeValue>} (docs/performance.md, "The floor of an SDK v2
 * API").
 *
 * <ul>
 *   <li>encrypted item: a new map holding the plaintext attributes (keys, DO_NOTHING) as they are,
 *       one binary value over each encrypted attribute's stored bytes, and the two reserved
 *       attributes (material description and signature) as binary values;
 *   <li>decrypted item: a new map holding the attributes that were not encrypted as they are, and
 *       each encrypted attribute's value built anew from its decoded parts — strings, number texts,
 *       bytes, set members — with new nested maps and lists, as a decryption must return new
 *       objects.
 * </ul>
 *
 * <p>The decoded parts are prepared outside the measured code: nothing is parsed, serialized or
 * UTF-8 coded here, so this is a strict lower bound of what any decryption through the SDK's types
 * costs beyond its cryptography. Values are built through one reusable SDK builder per value type
 * per item (a fresh builder per value costs an allocation and an {@code EnumSet}); the SDK copies
 * every list and map handed to a builder, which no caller can avoid.
 *
 * <p>Immutable and shared by all threads; each call builds its own builders.
 */
public final class SdkItemFloor {
  private static final int TYPES = AttributeValue.Type.values().length;

  private final String[] keptNames;
  private final AttributeValue[] keptValues;
  private final String[] encryptedNames;
  private final AttributeValue[] decoded;
  private final byte[] description;
  private final int capacity;

  private SdkItemFloor(ItemShape shape) {
    Map<String, AttributeValue> item = shape.item();
    List<String> kept = new ArrayList<>();
    List<String> encrypted = new ArrayList<>();
    for (String name : item.keySet()) {
      boolean enc = ItemShape.actions().actionFor(name) == CryptoAction.ENCRYPT_AND_SIGN;
      (enc ? encrypted : kept).add(name);
    }
    encrypted.sort(null); // the order of CryptoFloor's ciphertexts: the signing order
    keptNames = kept.toArray(String[]::new);
    keptValues = kept.stream().map(item::get).toArray(AttributeValue[]::new);
    encryptedNames = encrypted.toArray(String[]::new);
    decoded = encrypted.stream().map(item::get).toArray(AttributeValue[]::new);
    description = new byte[64];
    capacity = (int) ((item.size() + 2) / 0.75f) + 1;
  }

  /**
   * Prepares the SDK objects of a shape.
   *
   * @param shape the item shape
   * @return the floor
   */
  public static SdkItemFloor of(ItemShape shape) {
    return new SdkItemFloor(shape);
  }

  /**
   * The encrypted item over {@code ciphertexts} (in {@link CryptoFloor}'s order) and a signature.
   *
   * @param ciphertexts the stored bytes of each encrypted attribute
   * @param signature the signature
   * @return a new item
   */
  public Map<String, AttributeValue> encrypted(byte[][] ciphertexts, byte[] signature) {
    AttributeValue.Builder[] builders = new AttributeValue.Builder[TYPES];
    Map<String, AttributeValue> out = keptAttributes();
    for (int i = 0; i < encryptedNames.length; i++) {
      out.put(encryptedNames[i], binary(builders, ciphertexts[i]));
    }
    out.put(ReservedAttributes.MATERIAL_DESCRIPTION, binary(builders, description));
    out.put(ReservedAttributes.SIGNATURE, binary(builders, signature));
    return out;
  }

  /**
   * The decrypted item: the plaintext attributes as they are, the encrypted ones built anew.
   *
   * @return a new item
   */
  public Map<String, AttributeValue> decrypted() {
    AttributeValue.Builder[] builders = new AttributeValue.Builder[TYPES];
    Map<String, AttributeValue> out = keptAttributes();
    for (int i = 0; i < encryptedNames.length; i++) {
      out.put(encryptedNames[i], build(builders, decoded[i]));
    }
    return out;
  }

  /** A new item map holding the attributes that are not encrypted, room for the rest. */
  private Map<String, AttributeValue> keptAttributes() {
    Map<String, AttributeValue> out = new HashMap<>(capacity);
    for (int i = 0; i < keptNames.length; i++) {
      out.put(keptNames[i], keptValues[i]);
    }
    return out;
  }

  private static AttributeValue binary(AttributeValue.Builder[] builders, byte[] bytes) {
    return of(builders, AttributeValue.Type.B).b(SdkBytes.fromByteArrayUnsafe(bytes)).build();
  }

  /** A new value equal to {@code v}, from its parts; nested maps and lists are new too. */
  private static AttributeValue build(AttributeValue.Builder[] builders, AttributeValue v) {
    AttributeValue.Type type = v.type();
    AttributeValue.Builder b = of(builders, type);
    return switch (type) {
      case S -> b.s(v.s()).build();
      case N -> b.n(v.n()).build();
      case B -> b.b(SdkBytes.fromByteArrayUnsafe(v.b().asByteArrayUnsafe())).build();
      case BOOL -> b.bool(v.bool()).build();
      case NUL -> b.nul(Boolean.TRUE).build();
      case SS -> b.ss(v.ss()).build();
      case NS -> b.ns(v.ns()).build();
      case BS -> b.bs(v.bs()).build();
      case L -> {
        List<AttributeValue> elements = new ArrayList<>(v.l().size());
        for (AttributeValue e : v.l()) {
          elements.add(build(builders, e));
        }
        yield b.l(elements).build();
      }
      case M -> {
        Map<String, AttributeValue> entries = new HashMap<>((int) (v.m().size() / 0.75f) + 1);
        for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
          entries.put(e.getKey(), build(builders, e.getValue()));
        }
        yield b.m(entries).build();
      }
      default -> throw new IllegalArgumentException("unknown value type " + type);
    };
  }

  private static AttributeValue.Builder of(
      AttributeValue.Builder[] builders, AttributeValue.Type type) {
    AttributeValue.Builder b = builders[type.ordinal()];
    if (b == null) {
      b = AttributeValue.builder();
      builders[type.ordinal()] = b;
    }
    return b;
  }
}
