package dev.ddbec.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.ddbec.vectors.VectorResult;
import dev.ddbec.vectors.VectorResult.Status;
import dev.ddbec.vectors.VectorSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the official clients' test vectors for the build. In order: {@code -Dddbec.vectors.dir};
 * the copy the build unpacked from the {@code dynamodb-encryption-sdk} 3.3.0 source distribution on
 * PyPI ({@code fetch_vectors.py}). If neither exists the tests fail with instructions: they never
 * skip.
 */
final class Vectors {
  private Vectors() {}

  static Path directory() {
    String override = System.getProperty("ddbec.vectors.dir", "");
    if (!override.isBlank()) {
      return require(Path.of(override), "-Dddbec.vectors.dir");
    }
    String sdist = System.getProperty("ddbec.sdist.dir", "target/pypi-sdist");
    Path fetched = Path.of(sdist, "vectors");
    if (isVectorDir(fetched)) {
      return fetched;
    }
    throw new IllegalStateException(
        "No DynamoDB Encryption Client test vectors found. The build downloads them from PyPI"
            + " (dynamodb-encryption-sdk==3.3.0 source distribution) with"
            + " ddbec-interop-tests/fetch_vectors.py; run `python3"
            + " ddbec-interop-tests/fetch_vectors.py ddbec-interop-tests/target/pypi-sdist`, or"
            + " pass -Dddbec.vectors.dir=/path/to/test/vectors");
  }

  /**
   * Runs the four offline sections of a suite and checks each has the expected number of results,
   * all passing (every section is checked even when another fails).
   */
  static void assertOfflineSectionsPass(
      VectorSuite suite,
      int serialize,
      int deserialize,
      int materialDescription,
      int stringToSign) {
    assertAll(
        () -> assertAllPass(suite.runSerialize(), serialize),
        () -> assertAllPass(suite.runDeserialize(), deserialize),
        () -> assertAllPass(suite.runMaterialDescription(), materialDescription),
        () -> assertAllPass(suite.runStringToSign(), stringToSign));
  }

  /** The results number {@code expectedCount} and all pass (failures listed with their detail). */
  static void assertAllPass(List<VectorResult> results, int expectedCount) {
    assertThat(results).hasSize(expectedCount);
    assertThat(
            results.stream()
                .filter(r -> r.status() != Status.PASS)
                .map(r -> r.name() + ": " + r.detail())
                .toList())
        .isEmpty();
  }

  private static Path require(Path p, String source) {
    if (!isVectorDir(p)) {
      throw new IllegalStateException(source + " = " + p + " does not hold the test vectors");
    }
    return p;
  }

  private static boolean isVectorDir(Path p) {
    return Files.isRegularFile(p.resolve("encrypted_item/scenarios.json"));
  }
}
