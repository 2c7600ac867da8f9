package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pass-through operations of both helper clients are one list, {@code
 * src/build/pass-through-operations.txt}; the build generates {@link PassThroughDynamoDbClient} and
 * {@link PassThroughDynamoDbAsyncClient} from it. This test fails when a compiled class does not
 * pass exactly the listed operations through, or when the list names an operation the clients
 * protect or refuse.
 */
class PassThroughSourcesTest {
  private static final Path LIST = Path.of("src/build/pass-through-operations.txt");

  @Test
  void syncPassThroughs_generatedFromTheList() throws IOException {
    assertThat(operations(PassThroughDynamoDbClient.class))
        .as("%s is generated from %s", PassThroughDynamoDbClient.class.getSimpleName(), LIST)
        .containsExactlyInAnyOrderElementsOf(passThroughs());
  }

  @Test
  void asyncPassThroughs_generatedFromTheList() throws IOException {
    assertThat(operations(PassThroughDynamoDbAsyncClient.class))
        .as("%s is generated from %s", PassThroughDynamoDbAsyncClient.class.getSimpleName(), LIST)
        .containsExactlyInAnyOrderElementsOf(passThroughs());
  }

  @Test
  void list_hasNoOperationTheClientsProtectOrRefuse() throws IOException {
    List<String> listed = passThroughs();
    assertThat(listed)
        .isNotEmpty()
        .doesNotHaveDuplicates()
        .doesNotContain(
            "putItem",
            "getItem",
            "deleteItem",
            "updateItem",
            "query",
            "scan",
            "batchGetItem",
            "batchWriteItem",
            "transactGetItems",
            "transactWriteItems",
            "executeStatement",
            "batchExecuteStatement",
            "executeTransaction",
            "searchVectors",
            "updateTable",
            "deleteTable");
  }

  /** The public methods a generated class declares, each one operation passed through. */
  private static List<String> operations(Class<?> generated) {
    return Arrays.stream(generated.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
        .map(Method::getName)
        .toList();
  }

  static List<String> passThroughs() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(LIST, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      out.add(line.strip().split("\\s+", 2)[0]);
    }
    return out;
  }
}
