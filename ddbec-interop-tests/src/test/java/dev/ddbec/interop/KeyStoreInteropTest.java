package dev.ddbec.interop;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers.EncryptionMaterialsProvider;
import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.ReservedAttributes;
import dev.ddbec.core.CryptoConfig;
import dev.ddbec.core.ItemEncryptor;
import dev.ddbec.interop.OfficialJavaClient.Actions;
import dev.ddbec.provider.keystore.KeyStoreMaterialsProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ddbec's {@link KeyStoreMaterialsProvider} and the official Java client's {@code
 * KeyStoreMaterialsProvider}, both reading the same key store file, read each other's items: for
 * AES + HMAC secret key entries (static symmetric materials) and for RSA key pairs (RSA-OAEP
 * wrapped content keys, SHA256withRSA signatures). Files come from the JDK KeyStore API, from
 * {@code ddbec keystore create} (run as its own process) and from {@code keytool -genkeypair}. Both
 * providers are configured with the same description entry, which each requires in the items it
 * decrypts.
 */
class KeyStoreInteropTest {
  private static final String TABLE = "ddbec-keystore-interop";
  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final String PASSWORD = "interop-Pa55word";
  private static final Map<String, String> DESCRIPTION = Map.of("app", "interop");
  private static final int ITEMS_PER_DIRECTION = 25;
  private static final Actions OFFICIAL_ACTIONS =
      Actions.of("encrypt").with("signOnly", "sign").with("untouched", "nothing");
  private static final CryptoConfig DDBEC_CONFIG =
      CryptoConfig.of(
          EncryptionContext.builder().tableName(TABLE).partitionKeyName(PK).sortKeyName(SK).build(),
          AttributeActions.builder()
              .defaultAction(CryptoAction.ENCRYPT_AND_SIGN)
              .action("signOnly", CryptoAction.SIGN_ONLY)
              .action("untouched", CryptoAction.DO_NOTHING)
              .build()
              .withIndexKeys(PK, SK));

  @TempDir static Path dir;

  /** A key store file, its type and aliases. */
  record Store(Path file, String type, String encryptionAlias, String signingAlias) {}

  /** Builds a store file in a directory. */
  interface StoreFactory {
    Store create(Path dir) throws Exception;
  }

  static Stream<Arguments> stores() {
    return Stream.of(
        Arguments.of(
            Named.of("AES + HMAC, PKCS12 (JDK KeyStore API)", (StoreFactory) d -> jdk(d, "PKCS12")),
            true),
        Arguments.of(
            Named.of("AES + HMAC, JCEKS (JDK KeyStore API)", (StoreFactory) d -> jdk(d, "JCEKS")),
            true),
        Arguments.of(
            Named.of(
                "AES + HMAC, PKCS12 (ddbec keystore create)", (StoreFactory) d -> cli(d, false)),
            true),
        Arguments.of(
            Named.of(
                "RSA pairs, PKCS12 (ddbec keystore create --rsa)",
                (StoreFactory) d -> cli(d, true)),
            false),
        Arguments.of(
            Named.of(
                "RSA pairs, PKCS12 (keytool -genkeypair)",
                (StoreFactory) KeyStoreInteropTest::keytool),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void itemsWrittenByEitherProvider_decryptWithTheOther(StoreFactory factory, boolean symmetric)
      throws Exception {
    Path d = Files.createTempDirectory(dir, "store");
    Store store = factory.create(d);
    ItemEncryptor ddbec = ItemEncryptor.create(ddbecProvider(store));
    EncryptionMaterialsProvider official = officialProvider(store);
    Random random = new Random(store.file().hashCode());

    for (int i = 0; i < ITEMS_PER_DIRECTION; i++) {
      Map<String, AttributeValue> item = randomItem(random, i);

      Map<String, AttributeValue> byOfficial =
          OfficialJavaClient.encrypt(item, TABLE, PK, SK, OFFICIAL_ACTIONS, official);
      assertThat(canonical(ddbec.decryptItem(byOfficial, DDBEC_CONFIG)))
          .as("official -> ddbec")
          .isEqualTo(canonical(item));

      Map<String, AttributeValue> byDdbec = ddbec.encryptItem(item, DDBEC_CONFIG);
      assertThat(byDdbec.get("secret").type()).isEqualTo(AttributeValue.Type.B);
      assertThat(
              canonical(
                  OfficialJavaClient.decrypt(byDdbec, TABLE, PK, SK, OFFICIAL_ACTIONS, official)))
          .as("ddbec -> official")
          .isEqualTo(canonical(item));

      if (i == 0) {
        String wrapAlg = "amzn-ddb-wrap-alg";
        for (Map<String, AttributeValue> stored : List.of(byOfficial, byDdbec)) {
          Map<String, String> description = description(stored);
          assertThat(description).containsEntry("app", "interop");
          if (symmetric) {
            assertThat(description).doesNotContainKey(wrapAlg);
          } else {
            assertThat(description).containsEntry(wrapAlg, "RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Providers
  // ---------------------------------------------------------------------------------------------

  private static KeyStoreMaterialsProvider ddbecProvider(Store s) {
    return KeyStoreMaterialsProvider.builder()
        .path(s.file())
        .type(s.type())
        .password(PASSWORD::toCharArray)
        .encryptionAlias(s.encryptionAlias())
        .signingAlias(s.signingAlias())
        .materialDescription(DESCRIPTION)
        .build();
  }

  private static EncryptionMaterialsProvider officialProvider(Store s) throws Exception {
    KeyStore ks = KeyStore.getInstance(s.type());
    try (InputStream in = Files.newInputStream(s.file())) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyStore.PasswordProtection protection =
        new KeyStore.PasswordProtection(PASSWORD.toCharArray());
    return new com.amazonaws.services.dynamodbv2.datamodeling.encryption.providers
        .KeyStoreMaterialsProvider(
        ks, s.encryptionAlias(), s.signingAlias(), protection, protection, DESCRIPTION);
  }

  // ---------------------------------------------------------------------------------------------
  // Key store files
  // ---------------------------------------------------------------------------------------------

  private static Store jdk(Path d, String type) throws Exception {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    KeyStore.PasswordProtection protection =
        new KeyStore.PasswordProtection(PASSWORD.toCharArray());
    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256);
    ks.setEntry("enc", new KeyStore.SecretKeyEntry(aes.generateKey()), protection);
    KeyGenerator hmac = KeyGenerator.getInstance("HmacSHA256");
    hmac.init(256);
    ks.setEntry("sig", new KeyStore.SecretKeyEntry(hmac.generateKey()), protection);
    Path file = d.resolve("keys." + type.toLowerCase(java.util.Locale.ROOT));
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    return new Store(file, type, "enc", "sig");
  }

  private static Store cli(Path d, boolean rsa) throws Exception {
    Path file = d.resolve("keys.p12");
    List<String> args =
        new ArrayList<>(
            List.of(
                "keystore",
                "create",
                file.toString(),
                "--password-file",
                passwordFile(d).toString(),
                "--encryption-alias",
                "ddbec-enc",
                "--signing-alias",
                "ddbec-sig"));
    if (rsa) {
      args.add("--rsa");
    }
    CliProcess.Result created = CliProcess.run(args.toArray(String[]::new));
    assertThat(created.exitCode()).as(created.output()).isZero();
    return new Store(file, "PKCS12", "ddbec-enc", "ddbec-sig");
  }

  private static Store keytool(Path d) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assertThat(keytool)
        .as("keytool ships with the JDK running the tests (java.home/bin/keytool)")
        .isExecutable();
    Path file = d.resolve("keytool.p12");
    Path pw = passwordFile(d);
    for (String alias : List.of("kt-enc", "kt-sig")) {
      Process p =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-keystore",
                  file.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass:file",
                  pw.toString(),
                  "-alias",
                  alias,
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-validity",
                  "30",
                  "-dname",
                  "CN=" + alias)
              .redirectErrorStream(true)
              .start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      p.getInputStream().transferTo(output);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output.toString(StandardCharsets.UTF_8)).isZero();
    }
    return new Store(file, "PKCS12", "kt-enc", "kt-sig");
  }

  private static Path passwordFile(Path d) throws Exception {
    Path pw = d.resolve("password");
    Files.writeString(pw, PASSWORD + "\n");
    return pw;
  }

  // ---------------------------------------------------------------------------------------------
  // Items
  // ---------------------------------------------------------------------------------------------

  private static Map<String, AttributeValue> randomItem(Random r, int i) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, AttributeValue.fromS("item-" + i));
    item.put(SK, AttributeValue.fromN(Integer.toString(r.nextInt(1000))));
    item.put("secret", AttributeValue.fromS(randomString(r)));
    item.put("signOnly", randomValue(r, 2));
    item.put("untouched", AttributeValue.fromS("plain " + i));
    int extra = r.nextInt(5);
    for (int a = 0; a < extra; a++) {
      item.put("attr" + a, randomValue(r, 2));
    }
    return item;
  }

  private static AttributeValue randomValue(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 10 : 8);
    switch (kind) {
      case 0:
        return AttributeValue.fromS(randomString(r));
      case 1:
        return AttributeValue.fromN(randomNumber(r));
      case 2:
        return AttributeValue.fromB(SdkBytes.fromByteArray(randomBytes(r)));
      case 3:
        return AttributeValue.fromBool(r.nextBoolean());
      case 4:
        return AttributeValue.fromNul(true);
      case 5:
        return AttributeValue.fromSs(distinct(1 + r.nextInt(4), () -> randomString(r), v -> v));
      case 6:
        return AttributeValue.fromNs(
            distinct(
                1 + r.nextInt(4),
                () -> randomNumber(r),
                v -> new BigDecimal(v).stripTrailingZeros()));
      case 7:
        return AttributeValue.fromBs(
            distinct(1 + r.nextInt(3), () -> nonEmptyBytes(r), java.util.HexFormat.of()::formatHex)
                .stream()
                .map(SdkBytes::fromByteArray)
                .toList());
      case 8:
        {
          List<AttributeValue> l = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            l.add(randomValue(r, depth - 1));
          }
          return AttributeValue.fromL(l);
        }
      default:
        {
          Map<String, AttributeValue> m = new LinkedHashMap<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            m.put(randomString(r), randomValue(r, depth - 1));
          }
          return AttributeValue.fromM(m);
        }
    }
  }

  private static String randomString(Random r) {
    String alphabet = "abcXYZ019 _-\u00e9\u20ac\u4e2d";
    StringBuilder b = new StringBuilder();
    for (int i = 1 + r.nextInt(12); i > 0; i--) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    if (r.nextInt(10) == 0) {
      b.appendCodePoint(0x1F600); // outside the BMP
    }
    return b.toString();
  }

  /** Canonical DynamoDB numbers (as stored and returned by DynamoDB). */
  private static String randomNumber(Random r) {
    BigDecimal v = BigDecimal.valueOf(r.nextLong() % 1_000_000_000L, r.nextInt(6));
    return v.stripTrailingZeros().toPlainString();
  }

  private static byte[] randomBytes(Random r) {
    byte[] b = new byte[r.nextInt(20)];
    r.nextBytes(b);
    return b;
  }

  /** Equal DynamoDB values compare equal: sets unordered, numbers by value. */
  private static Object canonical(Map<String, AttributeValue> item) {
    Map<String, Object> out = new java.util.TreeMap<>();
    item.forEach((k, v) -> out.put(k, canonical(v)));
    return out;
  }

  private static Object canonical(AttributeValue v) {
    switch (v.type()) {
      case N:
        return List.of("N", number(v.n()));
      case SS:
        return List.of("SS", Set.copyOf(v.ss()));
      case NS:
        return List.of("NS", v.ns().stream().map(KeyStoreInteropTest::number).collect(toSet()));
      case BS:
        return List.of("BS", v.bs().stream().map(SdkBytes::asByteBuffer).collect(toSet()));
      case L:
        return List.of("L", v.l().stream().map(KeyStoreInteropTest::canonical).toList());
      case M:
        return List.of("M", canonical(v.m()));
      default:
        return v; // S, B, BOOL, NULL compare by value
    }
  }

  private static String number(String n) {
    BigDecimal d = new BigDecimal(n);
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  private static Map<String, String> description(Map<String, AttributeValue> stored) {
    java.nio.ByteBuffer buf =
        stored.get(ReservedAttributes.MATERIAL_DESCRIPTION).b().asByteBuffer();
    buf.getInt(); // version 0
    Map<String, String> out = new LinkedHashMap<>();
    while (buf.hasRemaining()) {
      byte[] k = new byte[buf.getInt()];
      buf.get(k);
      byte[] v = new byte[buf.getInt()];
      buf.get(v);
      out.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** {@code n} values from {@code next}, distinct by {@code key}, in the order drawn. */
  private static <T> List<T> distinct(int n, Supplier<T> next, Function<T, Object> key) {
    Set<Object> seen = new HashSet<>();
    List<T> values = new ArrayList<>();
    while (values.size() < n) {
      T v = next.get();
      if (seen.add(key.apply(v))) {
        values.add(v);
      }
    }
    return values;
  }

  private static byte[] nonEmptyBytes(Random r) {
    byte[] b = randomBytes(r);
    while (b.length == 0) {
      b = randomBytes(r);
    }
    return b;
  }
}
