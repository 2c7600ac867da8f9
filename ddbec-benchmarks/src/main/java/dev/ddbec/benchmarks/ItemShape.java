package dev.ddbec.benchmarks;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items measured: three sizes, each generated deterministically (same bytes in every fork and
 * on every machine).
 *
 * <p>Every shape has the partition key {@value #PARTITION_KEY} and sort key {@value #SORT_KEY}
 * (SIGN_ONLY), one DO_NOTHING attribute {@value #DO_NOTHING_ATTRIBUTE} (a TTL, which DynamoDB must
 * read in plaintext), and everything else ENCRYPT_AND_SIGN, the default.
 */
public enum ItemShape {
  /** 5 attributes, about 200 bytes: a session or lookup row. */
  SMALL(5) {
    @Override
    void fill(Map<String, AttributeValue> item, Random random) {
      item.put("email", s("jane.doe.1977@example.com"));
      item.put("status", s(text(random, 100)));
    }
  },
  /** 20 attributes of mixed types, with a nested map and a set, about 1 KB: an order. */
  TYPICAL(20) {
    @Override
    void fill(Map<String, AttributeValue> item, Random random) {
      item.put("customerName", s("Jane Q. Doe"));
      item.put("email", s("jane.doe.1977@example.com"));
      item.put("phone", s("+1-206-555-0142"));
      item.put("status", s("SHIPPED"));
      item.put("total", n("1234.56"));
      item.put("quantity", n("3"));
      item.put("createdAt", s("2024-06-01T12:00:00.123Z"));
      item.put("isGift", AttributeValue.fromBool(true));
      item.put("giftMessage", s(text(random, 140)));
      item.put(
          "tags", AttributeValue.fromSs(List.of("priority", "fragile", "gift", "eu", "repeat")));
      item.put("scores", AttributeValue.fromNs(List.of("1", "2.5", "42", "-7", "1000000")));
      item.put("thumbnail", b(bytes(random, 96)));
      Map<String, AttributeValue> geo = new LinkedHashMap<>();
      geo.put("lat", n("47.6062"));
      geo.put("lon", n("-122.3321"));
      Map<String, AttributeValue> address = new LinkedHashMap<>();
      address.put("street", s("1200 Example Avenue, Suite 400"));
      address.put("city", s("Seattle"));
      address.put("zip", s("98101"));
      address.put("country", s("US"));
      address.put("geo", AttributeValue.fromM(geo));
      item.put("shippingAddress", AttributeValue.fromM(address));
      List<AttributeValue> lines = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Map<String, AttributeValue> line = new LinkedHashMap<>();
        line.put("sku", s("SKU-" + (10_000 + 137 * i)));
        line.put("qty", n(Integer.toString(1 + i)));
        line.put("price", n((19 + 7 * i) + ".99"));
        lines.add(AttributeValue.fromM(line));
      }
      item.put("lines", AttributeValue.fromL(lines));
      item.put("notes", s(text(random, 250)));
      item.put("deletedAt", AttributeValue.fromNul(true));
      item.put("version", n("7"));
    }
  },
  /** 100 attributes, about 40 KB: a document-like item. */
  LARGE(100) {
    @Override
    void fill(Map<String, AttributeValue> item, Random random) {
      for (int i = 0; item.size() < attributeCount(); i++) {
        String name = String.format("field%03d", i);
        switch (i % 8) {
          case 4 -> item.put(name, b(bytes(random, 400)));
          case 5 -> item.put(name, n(Long.toString(random.nextLong())));
          case 6 -> {
            List<String> members = new ArrayList<>();
            for (int m = 0; m < 8; m++) {
              members.add(m + ":" + text(random, 48));
            }
            item.put(name, AttributeValue.fromSs(members));
          }
          case 7 -> {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            for (int e = 0; e < 4; e++) {
              m.put("k" + e, s(text(random, 96)));
            }
            item.put(name, AttributeValue.fromM(m));
          }
          default -> item.put(name, s(text(random, 500)));
        }
      }
    }
  };

  /** The table name in every encryption context. */
  public static final String TABLE = "ddbec-bench";

  /** Partition key attribute (SIGN_ONLY). */
  public static final String PARTITION_KEY = "pk";

  /** Sort key attribute (SIGN_ONLY). */
  public static final String SORT_KEY = "sk";

  /** The one DO_NOTHING attribute. */
  public static final String DO_NOTHING_ATTRIBUTE = "expiresAt";

  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;-";

  private final int attributeCount;

  ItemShape(int attributeCount) {
    this.attributeCount = attributeCount;
  }

  /**
   * How many attributes the plaintext item has.
   *
   * @return the count
   */
  public int attributeCount() {
    return attributeCount;
  }

  /**
   * A new copy of the plaintext item, identical on every call.
   *
   * @return a mutable map in a fixed order
   */
  public Map<String, AttributeValue> item() {
    Random random = new Random(0x5eed_0000L + ordinal());
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PARTITION_KEY, s("customer#" + (100_000 + random.nextInt(900_000))));
    item.put(SORT_KEY, s("order#2024-06-01T12:00:00Z#" + random.nextInt(10_000)));
    item.put(DO_NOTHING_ATTRIBUTE, n("1767225600"));
    fill(item, random);
    if (item.size() != attributeCount) {
      throw new IllegalStateException(this + " item has " + item.size() + " attributes");
    }
    return item;
  }

  /**
   * ddbec's attribute actions for every shape: ENCRYPT_AND_SIGN by default, the keys SIGN_ONLY,
   * {@value #DO_NOTHING_ATTRIBUTE} DO_NOTHING.
   *
   * @return the actions
   */
  public static AttributeActions actions() {
    return AttributeActions.builder()
        .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
        .action(DO_NOTHING_ATTRIBUTE, CryptoAction.DO_NOTHING)
        .build()
        .withIndexKeys(PARTITION_KEY, SORT_KEY);
  }

  /**
   * ddbec's encryption context for every shape.
   *
   * @return table {@value #TABLE}, keys {@value #PARTITION_KEY} and {@value #SORT_KEY}
   */
  public static EncryptionContext context() {
    return EncryptionContext.builder()
        .tableName(TABLE)
        .partitionKeyName(PARTITION_KEY)
        .sortKeyName(SORT_KEY)
        .build();
  }

  /**
   * The item's size by DynamoDB's sizing rules (names and values in UTF-8, numbers about one byte
   * per two digits, 3 bytes per map or list plus one per element), as a reader would estimate it.
   *
   * @param item an item
   * @return its approximate stored size in bytes
   */
  public static long itemSize(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + valueSize(e.getValue());
    }
    return size;
  }

  abstract void fill(Map<String, AttributeValue> item, Random random);

  private static long valueSize(AttributeValue v) {
    return switch (v.type()) {
      case S -> utf8(v.s());
      case N -> numberSize(v.n());
      case B -> v.b().asByteArrayUnsafe().length;
      case SS -> v.ss().stream().mapToLong(ItemShape::utf8).sum();
      case NS -> v.ns().stream().mapToLong(ItemShape::numberSize).sum();
      case BS -> v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
      case M ->
          3
              + v.m().entrySet().stream()
                  .mapToLong(e -> utf8(e.getKey()) + valueSize(e.getValue()) + 1)
                  .sum();
      case L -> 3 + v.l().stream().mapToLong(x -> valueSize(x) + 1).sum();
      case BOOL, NUL -> 1;
      default -> throw new IllegalArgumentException("unknown attribute value type " + v.type());
    };
  }

  private static long numberSize(String n) {
    long digits = n.chars().filter(Character::isDigit).count();
    return (digits + 1) / 2 + 1;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static AttributeValue s(String s) {
    return AttributeValue.fromS(s);
  }

  private static AttributeValue n(String n) {
    return AttributeValue.fromN(n);
  }

  private static AttributeValue b(byte[] b) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(b));
  }

  private static String text(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  private static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
