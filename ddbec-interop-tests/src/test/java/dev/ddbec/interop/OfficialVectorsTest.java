package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.cli.vectors.VectorResult;
import dev.ddbec.cli.vectors.VectorResult.Status;
import dev.ddbec.cli.vectors.VectorSuite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every offline public vector of the official clients passes. The expected scenario list is spelled
 * out here, so a scenario that goes missing, fails, or is not run is a test failure.
 */
class OfficialVectorsTest {
  /** Scenarios ddbec must verify and decrypt, for both writers. */
  private static final Set<String> STATIC_AND_WRAPPED =
      Set.of(
          "static-aes-hmac-1.json",
          "static-aes-hmac-2.json",
          "static-aes-hmac-3.json",
          "wrapped-rsa-rsa-1.json",
          "wrapped-rsa-rsa-2.json",
          "wrapped-rsa-rsa-3.json",
          "wrapped-aes-hmac-1.json");

  /** Scenarios that need the official AWS test account's KMS key and cannot run anywhere else. */
  private static final Set<String> NETWORK =
      Set.of(
          "ciphertext/python/aws-kms-direct-1.json",
          "ciphertext/java/aws-kms-direct-1.json",
          "ciphertext/python/metastore-data-tables-3.json",
          "ciphertext/java/metastore-data-tables-3.json");

  /** MetaStore scenarios: run by the most-recent provider (added with the MetaStore). */
  private static final Set<String> METASTORE =
      Set.of(
          "ciphertext/python/metastore-data-tables-1.json",
          "ciphertext/python/metastore-data-tables-2.json",
          "ciphertext/java/metastore-data-tables-1.json",
          "ciphertext/java/metastore-data-tables-2.json");

  private static VectorSuite suite;

  @BeforeAll
  static void load() {
    suite = VectorSuite.of(Vectors.directory());
  }

  @Test
  void serializeAttribute_all22Cases_byteIdentical() {
    assertAllPass(suite.runSerialize(), 22);
  }

  @Test
  void deserializeAttribute_all15Cases_equal() {
    assertAllPass(suite.runDeserialize(), 15);
  }

  @Test
  void materialDescription_all3Cases_bothDirections() {
    assertAllPass(suite.runMaterialDescription(), 3);
  }

  @Test
  void stringToSign_all4Cases_byteIdentical() {
    assertAllPass(suite.runStringToSign(), 4);
  }

  @Test
  void encryptedItems_everyOfflineStaticAndWrappedScenario_verifiesAndDecrypts() {
    List<VectorResult> results = suite.runEncryptedItems();
    Map<String, VectorResult> byName = new TreeMap<>();
    results.forEach(r -> byName.put(r.name(), r));
    // Print the list of scenarios run, so the build log shows exactly what was proven.
    results.forEach(
        r -> System.out.printf("[vectors] %-8s %s  %s%n", r.status(), r.name(), r.detail()));

    Set<String> expectedPass = new TreeSet<>();
    for (String producer : List.of("python", "java")) {
      for (String file : STATIC_AND_WRAPPED) {
        expectedPass.add("ciphertext/" + producer + "/" + file);
      }
    }
    Set<String> all = new TreeSet<>(expectedPass);
    all.addAll(NETWORK);
    all.addAll(METASTORE);
    assertThat(byName.keySet()).as("scenarios in scenarios.json").isEqualTo(all);

    for (String name : expectedPass) {
      assertThat(byName.get(name).status())
          .as(name + ": " + byName.get(name).detail())
          .isEqualTo(Status.PASS);
      assertThat(byName.get(name).detail()).doesNotStartWith("0 items");
    }
    for (String name : NETWORK) {
      assertThat(byName.get(name).status()).as(name).isEqualTo(Status.NOT_RUN);
    }
    for (String name : METASTORE) {
      assertThat(byName.get(name).status())
          .as(name + " needs the MetaStore provider")
          .isEqualTo(Status.NOT_RUN);
    }
  }

  private static void assertAllPass(List<VectorResult> results, int expectedCount) {
    assertThat(results).hasSize(expectedCount);
    List<String> failures =
        results.stream()
            .filter(r -> r.status() != Status.PASS)
            .map(r -> r.name() + ": " + r.detail())
            .collect(Collectors.toList());
    assertThat(failures).isEmpty();
  }
}
