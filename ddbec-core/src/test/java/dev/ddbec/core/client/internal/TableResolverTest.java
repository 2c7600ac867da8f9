package dev.ddbec.core.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.core.client.PlaintextPolicy;
import dev.ddbec.core.client.ProtectionSettings;
import dev.ddbec.core.client.TableConfig;
import dev.ddbec.core.client.TableKeySchema;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The rounds in which both clients and the Streams helper resolve the tables of a request: what to
 * describe, and what happens when a cached key schema is dropped meanwhile.
 */
class TableResolverTest {
  private static final StaticMaterialsProvider PROVIDER =
      StaticMaterialsProvider.builder()
          .hmacKey(new SecretKeySpec(new byte[32], "HmacSHA256"))
          .build();
  private static final TableKeySchema SCHEMA = TableKeySchema.of("pk", "sk");

  private final TableResolver resolver =
      TableResolver.create(
          new ProtectionSettings(
              PROVIDER,
              AttributeActions.of(CryptoAction.SIGN_ONLY),
              PlaintextPolicy.REJECT,
              List.of(
                  TableConfig.builder("Logs")
                      .attributeActions(AttributeActions.of(CryptoAction.DO_NOTHING))
                      .build())));

  @Test
  void resolve_schemaDroppedWhileAnotherTableIsDescribed_describesItAgainInTheNextRound() {
    resolver.resolve(Set.of("B"), name -> SCHEMA); // B's schema is cached
    List<String> described = new ArrayList<>();

    Tables tables =
        resolver.resolve(
            names("A", "B"),
            name -> {
              described.add(name);
              if (name.equals("A")) {
                resolver.forget("B"); // an UpdateTable of B through the client, meanwhile
              }
              return SCHEMA;
            });

    assertThat(described).containsExactly("A", "B");
    assertThat(tables.get("A").schema()).isSameAs(SCHEMA);
    assertThat(tables.get("B").schema()).isSameAs(SCHEMA);
  }

  @Test
  void resolve_oneRound_emptyWhenANeededSchemaWasNeitherCachedNorDescribed() {
    Set<String> names = names("A");
    assertThat(resolver.toDescribe(names, 1)).containsExactly("A");

    assertThat(resolver.resolve(names, Map.of())).isEmpty();
    assertThat(resolver.resolve(names, Map.of("A", SCHEMA))).isPresent();
  }

  @Test
  void toDescribe_lastRound_describesEveryProtectedTableWithoutLookingAtTheCache() {
    resolver.resolve(Set.of("A"), name -> SCHEMA);
    Set<String> names = names("A", "Logs", "C");

    assertThat(resolver.toDescribe(names, 1)).containsExactly("C");
    assertThat(resolver.toDescribe(names, TableResolver.RESOLVE_ATTEMPTS))
        .containsExactly("A", "C");
  }

  @Test
  void resolve_unprotectedTable_neverDescribed() {
    Tables tables =
        resolver.resolve(
            names("Logs"),
            name -> {
              throw new AssertionError("described " + name);
            });

    assertThat(tables.get("Logs").isProtected()).isFalse();
  }

  @Test
  void requestTables_missingOrEmptyName_throwsInvalidConfigurationException() {
    assertThat(TableResolver.requestTables(List.of("A", "B", "A"))).containsExactly("A", "B");
    assertThatThrownBy(() -> TableResolver.requestTables(Arrays.asList("A", null)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("names no table");
    assertThatThrownBy(() -> TableResolver.requestTables(List.of("")))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  private static Set<String> names(String... names) {
    return new LinkedHashSet<>(List.of(names));
  }
}
