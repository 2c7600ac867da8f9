package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.CryptoAction;
import dev.ddbec.testing.UnwrapOracleProbe.EnvKeyClass;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The small helpers of this module: keys, the sample table, the probe's assertions. */
class TestSupportHelpersTest {
  @Test
  void testKeys_sizesAndAlgorithms_freshEachTime() {
    assertThat(TestKeys.aes256().getEncoded()).hasSize(32);
    assertThat(TestKeys.aes256().getAlgorithm()).isEqualTo("AES");
    assertThat(TestKeys.hmacSha256().getAlgorithm()).isEqualTo("HmacSHA256");
    assertThat(TestKeys.aes256().getEncoded()).isNotEqualTo(TestKeys.aes256().getEncoded());
    assertThat(((RSAPublicKey) TestKeys.rsa().getPublic()).getModulus().bitLength())
        .isEqualTo(2048);
  }

  @Test
  void sampleTable_partitionKeySignedOnly_secretEncrypted() {
    assertThat(SampleTable.context("T").tableName()).isEqualTo("T");
    assertThat(SampleTable.context("T").partitionKeyName()).isEqualTo("pk");
    assertThat(SampleTable.actions().actionFor("pk")).isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(SampleTable.actions().actionFor("secret")).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(SampleTable.item("k", "v"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("pk", AttributeValue.fromS("k"), "secret", AttributeValue.fromS("v")));
  }

  @Test
  void sampleTable_numberedItem_keyTitleYearAndSecret() {
    Map<String, AttributeValue> item = SampleTable.numberedItem(42);
    assertThat(item)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "pk", AttributeValue.fromS("item-00042"),
                "title", AttributeValue.fromS("title 42"),
                "year", AttributeValue.fromN("1942"),
                "secret", AttributeValue.fromS("secret 42")));
    item.put("extra", AttributeValue.fromS("x"));
    assertThat(SampleTable.numberedItem(42)).doesNotContainKey("extra");
  }

  @Test
  void writerRace_writerRunsDuringTheJob_latestIsTheLastValueWritten() throws Exception {
    Map<String, String> table = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);

    WriterRace<String> race =
        WriterRace.run(
            3,
            SampleTable::numberedItem,
            SampleTable.SECRET,
            item -> table.put(item.get("pk").s(), item.get(SampleTable.SECRET).s()),
            () -> {
              while (table.size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
              return "done";
            });

    assertThat(race.result()).isEqualTo("done");
    assertThat(race.writes()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < 3; i++) {
      String stored = table.get(String.format("item-%05d", i));
      assertThat(stored).startsWith("updated ");
      assertThat(race.latest(i, "secret " + i)).isEqualTo(stored);
    }
    assertThat(race.latest(7, "never written")).isEqualTo("never written");
  }

  @Test
  void assertIndistinguishable_oneOutcome_returnsIt() {
    Map<EnvKeyClass, String> all = outcomes("x", "x", "x");
    assertThat(UnwrapOracleProbe.assertIndistinguishable(all, all)).isEqualTo("x");
  }

  @Test
  void assertIndistinguishable_anyOtherOutcome_fails() {
    Map<EnvKeyClass, String> same = outcomes("x", "x", "x");
    assertThatThrownBy(
            () -> UnwrapOracleProbe.assertIndistinguishable(outcomes("x", "y", "x"), same))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> UnwrapOracleProbe.assertIndistinguishable(same, outcomes("x", "x", "z")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> UnwrapOracleProbe.assertIndistinguishable(same, Map.of()))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertIndistinguishable_oneProbe_allAlikeReturnsTheOutcome_otherwiseFails() {
    assertThat(UnwrapOracleProbe.assertIndistinguishable(outcomes("x", "x", "x"))).isEqualTo("x");
    assertThatThrownBy(() -> UnwrapOracleProbe.assertIndistinguishable(outcomes("x", "x", "y")))
        .isInstanceOf(AssertionError.class);
    Map<EnvKeyClass, String> missing = new EnumMap<>(EnvKeyClass.class);
    missing.put(EnvKeyClass.NON_CONFORMING, "x");
    assertThatThrownBy(() -> UnwrapOracleProbe.assertIndistinguishable(missing))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void roundTripThenOutcomes_itemDoesNotDecryptToItself_fails() {
    Map<String, AttributeValue> item = SampleTable.item("k", "v");
    assertThatThrownBy(
            () ->
                UnwrapOracleProbe.roundTripThenOutcomes(
                    item,
                    i -> i,
                    i -> SampleTable.item("k", "other"),
                    (RSAPublicKey) TestKeys.rsa().getPublic(),
                    UnwrapOracleProbe.OAEP_SHA256,
                    true))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void legacyPkcs1Description_unwrapsToTheContentKeyAndNamesNoWrapAlgorithm() throws Exception {
    KeyPair rsa = TestKeys.rsa();
    byte[] contentKey = TestKeys.aes256().getEncoded();
    Map<String, String> d =
        UnwrapOracleProbe.legacyPkcs1Description((RSAPublicKey) rsa.getPublic(), contentKey);

    assertThat(d).containsOnlyKeys("amzn-ddb-env-key", "amzn-ddb-env-alg");
    assertThat(d).containsEntry("amzn-ddb-env-alg", "AES");
    Cipher c = Cipher.getInstance(UnwrapOracleProbe.PKCS1);
    c.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
    assertThat(c.doFinal(Base64.getDecoder().decode(d.get("amzn-ddb-env-key"))))
        .isEqualTo(contentKey);
  }

  private static Map<EnvKeyClass, String> outcomes(String a, String b, String c) {
    Map<EnvKeyClass, String> m = new HashMap<>();
    m.put(EnvKeyClass.NON_CONFORMING, a);
    m.put(EnvKeyClass.CONFORMING_WRONG_LENGTH, b);
    m.put(EnvKeyClass.CONFORMING_RIGHT_LENGTH, c);
    return m;
  }
}
