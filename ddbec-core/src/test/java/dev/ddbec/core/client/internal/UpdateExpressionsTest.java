package dev.ddbec.core.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateExpressionsTest {

  @Test
  void modifiedAttributes_allFourClauses_returnsTargetsOnly() throws Exception {
    assertThat(
            UpdateExpressions.modifiedAttributes(
                "SET a = b, c = :v REMOVE d ADD e :one DELETE f :set", Map.of()))
        .containsExactly("a", "c", "d", "e", "f");
  }

  @Test
  void modifiedAttributes_clausesInAnyOrderAndCase_returnsTargets() throws Exception {
    assertThat(
            UpdateExpressions.modifiedAttributes("remove x, y  set z = :v  add n :one", Map.of()))
        .containsExactly("x", "y", "z", "n");
  }

  @Test
  void modifiedAttributes_placeholders_resolvedToAttributeNames() throws Exception {
    assertThat(
            UpdateExpressions.modifiedAttributes(
                "SET #a = :v, #b.#c[2] = :w REMOVE #d",
                Map.of("#a", "first name", "#b", "nested", "#c", "inner", "#d", "gone.with.dots")))
        .containsExactly("first name", "nested", "gone.with.dots");
  }

  @Test
  void modifiedAttributes_nestedPathsAndIndexes_reportTopLevelName() throws Exception {
    assertThat(UpdateExpressions.modifiedAttributes("SET m.n.o[3][0] = :v", Map.of()))
        .containsExactly("m");
  }

  @Test
  void modifiedAttributes_functionsAndArithmetic_argumentsAreReadsNotTargets() throws Exception {
    assertThat(
            UpdateExpressions.modifiedAttributes(
                "SET counter = if_not_exists(secret, :zero) + :one,"
                    + " log = list_append(if_not_exists(log, :empty), :entry),"
                    + " copy = other - :d",
                Map.of()))
        .containsExactly("counter", "log", "copy");
  }

  @Test
  void modifiedAttributes_undefinedPlaceholder_throws() {
    assertThatThrownBy(() -> UpdateExpressions.modifiedAttributes("SET #x = :v", Map.of()))
        .isInstanceOf(UpdateExpressions.MalformedExpressionException.class)
        .hasMessageContaining("#x");
  }

  @Test
  void modifiedAttributes_undefinedPlaceholderInNestedPath_throws() {
    assertThatThrownBy(
            () -> UpdateExpressions.modifiedAttributes("SET a.#x = :v", Map.of("#y", "y")))
        .isInstanceOf(UpdateExpressions.MalformedExpressionException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "SET",
        "SET a",
        "SET a =",
        "SET a = :v,",
        "UPSERT a = :v",
        "SET a = :v b = :w",
        "ADD a",
        "ADD a b",
        "DELETE a",
        "REMOVE :v",
        "SET a = f(:v",
        "SET a[x] = :v",
        "SET a = :v; REMOVE b",
        "SET a = :v REMOVE"
      })
  void modifiedAttributes_malformed_throws(String expression) {
    assertThatThrownBy(() -> UpdateExpressions.modifiedAttributes(expression, Map.of()))
        .isInstanceOf(UpdateExpressions.MalformedExpressionException.class);
  }

  @Test
  void comparedAttributes_comparisonsAndFunctions_reportTopLevelNamesExceptExistenceTests()
      throws Exception {
    assertThat(
            UpdateExpressions.comparedAttributes(
                "attribute_exists(a) AND attribute_not_exists(#b.c[2]) AND (d.e = :v OR #f <> :v)"
                    + " AND NOT begins_with(g, :v) AND size(h) >= :n AND i BETWEEN :x AND :y"
                    + " AND j IN (:v, k) AND contains(l, m) and attribute_type(o, :t)",
                Map.of("#b", "b", "#f", "f")))
        .containsExactly("d", "f", "g", "h", "i", "j", "k", "l", "m", "o");
  }

  @Test
  void comparedAttributes_existenceTestOfAFunctionResult_stillReported() throws Exception {
    assertThat(UpdateExpressions.comparedAttributes("attribute_exists(size(a))", Map.of()))
        .containsExactly("a");
  }

  @Test
  void comparedAttributes_undefinedPlaceholder_throws() {
    assertThatThrownBy(() -> UpdateExpressions.comparedAttributes("#x = :v", Map.of()))
        .isInstanceOf(UpdateExpressions.MalformedExpressionException.class)
        .hasMessageContaining("#x");
    assertThatThrownBy(() -> UpdateExpressions.comparedAttributes("attribute_exists(#x)", Map.of()))
        .isInstanceOf(UpdateExpressions.MalformedExpressionException.class);
  }

  @Test
  void comparedAttributes_characterOutsideTheSyntax_throws() {
    assertThatThrownBy(() -> UpdateExpressions.comparedAttributes("a = :v; b", Map.of()))
        .isInstanceOf(UpdateExpressions.MalformedExpressionException.class);
  }
}
