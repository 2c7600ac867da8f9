package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.testing.LocalDynamoDbExtension;
import dev.ddbec.vectors.MetaStoreScenarios;
import dev.ddbec.vectors.VectorResult;
import dev.ddbec.vectors.VectorResult.Status;
import dev.ddbec.vectors.VectorSuite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every offline public vector of the official clients passes. The expected scenario list is spelled
 * out here, so a scenario that goes missing, fails, or is not run is a test failure: only the four
 * that need the official AWS test account's KMS key may be NOT_RUN.
 *
 * <p>The MetaStore scenarios load their MetaStore rows into the test DynamoDB (moto) and decrypt
 * the data items with {@link dev.ddbec.core.metastore.CachingMostRecentProvider}.
 */
class OfficialVectorsTest {
  @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();

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

  /** MetaStore scenarios: the most-recent provider over rows loaded into the test DynamoDB. */
  private static final Set<String> METASTORE =
      Set.of(
          "ciphertext/python/metastore-data-tables-1.json",
          "ciphertext/python/metastore-data-tables-2.json",
          "ciphertext/java/metastore-data-tables-1.json",
          "ciphertext/java/metastore-data-tables-2.json");

  private static VectorSuite suite;

  @BeforeAll
  static void load() {
    suite =
        VectorSuite.of(
            Vectors.directory(),
            Map.of(MetaStoreScenarios.KIND, MetaStoreScenarios.on(DDB.local().client())));
  }

  /**
   * Serialize: 22 cases, byte-identical; deserialize: 15, equal; material descriptions: 3, both
   * directions; strings to sign: 4, byte-identical.
   */
  @Test
  void offlineSections_allCasesPass() {
    Vectors.assertOfflineSectionsPass(suite, 22, 15, 3, 4);
  }

  @Test
  void encryptedItems_everyOfflineScenario_verifiesAndDecrypts() {
    List<VectorResult> results = suite.runEncryptedItems();
    Map<String, VectorResult> byName = new TreeMap<>();
    results.forEach(r -> byName.put(r.name(), r));
    // Print the list of scenarios run, so the build log shows exactly what was proven.
    results.forEach(
        r -> System.out.printf("[vectors] %-8s %s  %s%n", r.status(), r.name(), r.detail()));

    Set<String> expectedPass = new TreeSet<>(METASTORE);
    for (String producer : List.of("python", "java")) {
      for (String file : STATIC_AND_WRAPPED) {
        expectedPass.add("ciphertext/" + producer + "/" + file);
      }
    }
    Set<String> all = new TreeSet<>(expectedPass);
    all.addAll(NETWORK);
    assertThat(byName.keySet()).as("scenarios in scenarios.json").isEqualTo(all);
    assertThat(expectedPass).hasSize(18);

    for (String name : expectedPass) {
      assertThat(byName.get(name).status())
          .as(name + ": " + byName.get(name).detail())
          .isEqualTo(Status.PASS);
      assertThat(byName.get(name).detail()).doesNotStartWith("0 items");
    }
    // Nothing offline is skipped: the only scenarios not run are the network ones.
    Set<String> notPassed =
        results.stream()
            .filter(r -> r.status() != Status.PASS)
            .map(VectorResult::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(notPassed).isEqualTo(new TreeSet<>(NETWORK));
    for (String name : NETWORK) {
      assertThat(byName.get(name).status()).as(name).isEqualTo(Status.NOT_RUN);
    }
    // The MetaStore scenarios remove the tables and rows they loaded.
    assertThat(DDB.local().client().listTables().tableNames())
        .doesNotContain("metastore", "MetaTable", "java-rsa-metatable");
  }

  @Test
  void cliVectorsRun_withDynamoDbEndpoint_passesEveryOfflineScenario() {
    CliProcess.Result out =
        CliProcess.run(
            "vectors",
            "run",
            Vectors.directory().toString(),
            "--dynamodb-endpoint",
            DDB.local().endpoint().toString());

    assertThat(out.exitCode()).as(out.output()).isZero();
    for (String name : METASTORE) {
      assertThat(out.output()).containsPattern("(?m)^PASS +" + Pattern.quote(name) + " ");
    }
    assertThat(out.output()).contains("62 passed, 0 failed, 4 not run");
  }

  @Test
  void cliVectorsRun_withoutDynamoDbEndpoint_reportsMetaStoreScenariosNotRunWithTheReason() {
    CliProcess.Result out = CliProcess.run("vectors", "run", Vectors.directory().toString());

    assertThat(out.exitCode()).isZero();
    for (String name : METASTORE) {
      assertThat(out.output())
          .containsPattern(
              "(?m)^NOT_RUN +"
                  + Pattern.quote(name)
                  + " +needs a DynamoDB endpoint: pass --dynamodb-endpoint URL$");
    }
    assertThat(out.output()).contains("58 passed, 0 failed, 8 not run");
  }
}
