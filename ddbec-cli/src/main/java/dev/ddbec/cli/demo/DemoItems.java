package dev.ddbec.cli.demo;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The demo's table, its attribute actions and its items: an online shop's customers. */
public final class DemoItems {
  /** The table the demo creates. */
  public static final String TABLE = "Customers";

  /** Its partition key (type S). */
  public static final String PARTITION_KEY = "customer_id";

  /** Signed, stored readable: can be used in queries and filters, cannot be changed unnoticed. */
  public static final String SIGN_ONLY_ATTRIBUTE = "tier";

  /** Neither encrypted nor signed: updated often, not sensitive. */
  public static final String DO_NOTHING_ATTRIBUTE = "last_login";

  private DemoItems() {}

  /**
   * Everything encrypted and signed, except {@value #SIGN_ONLY_ATTRIBUTE} (signed only) and {@value
   * #DO_NOTHING_ATTRIBUTE} (not protected); the encrypted client keeps the partition key signed but
   * readable.
   *
   * @return the actions
   */
  public static AttributeActions actions() {
    return AttributeActions.builder()
        .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
        .action(SIGN_ONLY_ATTRIBUTE, CryptoAction.SIGN_ONLY)
        .action(DO_NOTHING_ATTRIBUTE, CryptoAction.DO_NOTHING)
        .build();
  }

  /**
   * Four customers.
   *
   * @return the items, in the order they are written
   */
  public static List<Map<String, AttributeValue>> customers() {
    return List.of(
        customer(
            "C-1001",
            "Ada Lovelace",
            "ada@example.com",
            "12 St James's Square",
            "London",
            "25000",
            "platinum",
            "2025-11-20T09:14:03Z"),
        customer(
            "C-1002",
            "Alan Turing",
            "alan.turing@example.org",
            "Hollymeade, Adlington Road",
            "Wilmslow",
            "5000",
            "silver",
            "2025-11-19T17:42:51Z"),
        customer(
            "C-1003",
            "Grace Hopper",
            "grace@example.net",
            "1 Navy Yard",
            "Arlington",
            "12000",
            "gold",
            "2025-11-18T08:03:12Z"),
        customer(
            "C-1004",
            "Katherine Johnson",
            "kjohnson@example.com",
            "4 Langley Boulevard",
            "Hampton",
            "8000",
            "gold",
            "2025-11-21T06:30:00Z"));
  }

  private static Map<String, AttributeValue> customer(
      String id,
      String name,
      String email,
      String street,
      String city,
      String creditLimit,
      String tier,
      String lastLogin) {
    Map<String, AttributeValue> address = new LinkedHashMap<>();
    address.put("street", AttributeValue.fromS(street));
    address.put("city", AttributeValue.fromS(city));
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PARTITION_KEY, AttributeValue.fromS(id));
    item.put("name", AttributeValue.fromS(name));
    item.put("email", AttributeValue.fromS(email));
    item.put("address", AttributeValue.fromM(address));
    item.put("credit_limit", AttributeValue.fromN(creditLimit));
    item.put(SIGN_ONLY_ATTRIBUTE, AttributeValue.fromS(tier));
    item.put(DO_NOTHING_ATTRIBUTE, AttributeValue.fromS(lastLogin));
    return item;
  }

  /**
   * A short, readable form of a value: its type and its value, binary values as the first and last
   * bytes in hex with their length.
   *
   * @param v the value
   * @return e.g. {@code S Ada Lovelace}, {@code B 9f3a0c..e21b (48 bytes)}
   */
  public static String describe(AttributeValue v) {
    return switch (v.type()) {
      case S -> "S " + v.s();
      case N -> "N " + v.n();
      case B -> "B " + hex(v.b().asByteArrayUnsafe());
      case BOOL -> "BOOL " + v.bool();
      case NUL -> "NULL";
      case SS -> "SS " + v.ss();
      case NS -> "NS " + v.ns();
      case BS -> "BS (" + v.bs().size() + " values)";
      case L -> "L " + v.l().stream().map(DemoItems::inner).collect(Collectors.toList());
      case M ->
          "M "
              + v.m().entrySet().stream()
                  .map(e -> e.getKey() + "=" + inner(e.getValue()))
                  .collect(Collectors.joining(", ", "{", "}"));
      default -> v.type().toString();
    };
  }

  private static String inner(AttributeValue v) {
    String s = describe(v);
    return v.type() == AttributeValue.Type.S || v.type() == AttributeValue.Type.N
        ? s.substring(2)
        : s;
  }

  private static String hex(byte[] bytes) {
    HexFormat hex = HexFormat.of();
    if (bytes.length <= 6) {
      return hex.formatHex(bytes) + " (" + bytes.length + " bytes)";
    }
    return hex.formatHex(bytes, 0, 4)
        + ".."
        + hex.formatHex(bytes, bytes.length - 2, bytes.length)
        + " ("
        + bytes.length
        + " bytes)";
  }
}
