package dev.ddbec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeActionsTest {

  @Test
  void builder_noDefaultGiven_defaultIsEncryptAndSign() {
    AttributeActions actions = AttributeActions.builder().build();

    assertThat(actions.defaultAction()).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(actions.overrides()).isEmpty();
    assertThat(actions.actionFor("anything")).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
  }

  /** SIGN_ONLY by default, {@code ISBN} DO_NOTHING, {@code Title} ENCRYPT_AND_SIGN. */
  private static AttributeActions overridden() {
    return AttributeActions.builder()
        .defaultAction(CryptoAction.SIGN_ONLY)
        .action("ISBN", CryptoAction.DO_NOTHING)
        .action("Title", CryptoAction.ENCRYPT_AND_SIGN)
        .build();
  }

  @Test
  void actionFor_overriddenAndOtherAttributes_returnsOverrideOrDefault() {
    AttributeActions actions = overridden();

    assertThat(actions.actionFor("ISBN")).isEqualTo(CryptoAction.DO_NOTHING);
    assertThat(actions.actionFor("Title")).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(actions.actionFor("Author")).isEqualTo(CryptoAction.SIGN_ONLY);
  }

  @Test
  void overrides_afterBuild_sortedByNameAndUnmodifiable() {
    AttributeActions actions =
        AttributeActions.builder()
            .action("b", CryptoAction.SIGN_ONLY)
            .action("a", CryptoAction.DO_NOTHING)
            .build();

    assertThat(actions.overrides().keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> actions.overrides().put("c", CryptoAction.SIGN_ONLY))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void build_builderChangedAfterwards_builtActionsUnchanged() {
    AttributeActions.Builder builder =
        AttributeActions.builder().action("a", CryptoAction.SIGN_ONLY);
    AttributeActions built = builder.build();

    builder.action("a", CryptoAction.DO_NOTHING).defaultAction(CryptoAction.DO_NOTHING);

    assertThat(built.actionFor("a")).isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(built.defaultAction()).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
  }

  /** Index keys are never encrypted: ENCRYPT_AND_SIGN becomes SIGN_ONLY, weaker actions stay. */
  @ParameterizedTest
  @CsvSource({"ENCRYPT_AND_SIGN, SIGN_ONLY", "SIGN_ONLY, SIGN_ONLY", "DO_NOTHING, DO_NOTHING"})
  void withIndexKeys_keysAtMostSignOnly_otherAttributesKeepTheDefault(
      CryptoAction defaultAction, CryptoAction keyAction) {
    AttributeActions actions = AttributeActions.of(defaultAction).withIndexKeys("pk", "sk");

    assertThat(actions.actionFor("pk")).isEqualTo(keyAction);
    assertThat(actions.actionFor("sk")).isEqualTo(keyAction);
    assertThat(actions.actionFor("other")).isEqualTo(defaultAction);
    assertThat(actions.allDoNothing()).isEqualTo(defaultAction == CryptoAction.DO_NOTHING);
  }

  /** SIGN_ONLY under a DO_NOTHING default; DO_NOTHING under the ENCRYPT_AND_SIGN default. */
  @ParameterizedTest
  @CsvSource({"DO_NOTHING, SIGN_ONLY", "ENCRYPT_AND_SIGN, DO_NOTHING"})
  void withIndexKeys_explicitNonEncryptingActionOnKey_keyKeepsIt(
      CryptoAction defaultAction, CryptoAction explicit) {
    AttributeActions actions =
        AttributeActions.builder()
            .defaultAction(defaultAction)
            .action("pk", explicit)
            .build()
            .withIndexKeys("pk");

    assertThat(actions.actionFor("pk")).isEqualTo(explicit);
  }

  @Test
  void withIndexKeys_explicitEncryptAndSignOnKey_throwsInvalidConfigurationException() {
    AttributeActions actions =
        AttributeActions.builder().action("pk", CryptoAction.ENCRYPT_AND_SIGN).build();

    assertThatThrownBy(() -> actions.withIndexKeys("pk", "sk"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("pk");
  }

  @Test
  void withIndexKeys_nullKeyNames_ignored() {
    AttributeActions actions =
        AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys(Arrays.asList("pk", null));

    assertThat(actions.overrides()).containsOnlyKeys("pk");
  }

  @Test
  void withIndexKeys_called_originalUnchanged() {
    AttributeActions original = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);

    AttributeActions withKeys = original.withIndexKeys("pk");

    assertThat(original.actionFor("pk")).isEqualTo(CryptoAction.ENCRYPT_AND_SIGN);
    assertThat(original.overrides()).isEmpty();
    assertThat(withKeys).isNotEqualTo(original);
  }

  @Test
  void withIndexKeys_appliedTwice_sameResult() {
    AttributeActions once = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN).withIndexKeys("pk");

    assertThat(once.withIndexKeys("pk")).isEqualTo(once);
  }

  @ParameterizedTest
  @ValueSource(strings = {ReservedAttributes.MATERIAL_DESCRIPTION, ReservedAttributes.SIGNATURE})
  void action_reservedName_throwsInvalidConfigurationException(String reserved) {
    for (CryptoAction action : CryptoAction.values()) {
      assertThatThrownBy(() -> AttributeActions.builder().action(reserved, action))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining(reserved);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ReservedAttributes.MATERIAL_DESCRIPTION, ReservedAttributes.SIGNATURE})
  void actions_mapWithReservedName_throwsInvalidConfigurationException(String reserved) {
    Map<String, CryptoAction> map =
        Map.of("ok", CryptoAction.SIGN_ONLY, reserved, CryptoAction.DO_NOTHING);

    assertThatThrownBy(() -> AttributeActions.builder().actions(map))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {ReservedAttributes.MATERIAL_DESCRIPTION, ReservedAttributes.SIGNATURE})
  void withIndexKeys_reservedName_throwsInvalidConfigurationException(String reserved) {
    assertThatThrownBy(() -> AttributeActions.of(CryptoAction.SIGN_ONLY).withIndexKeys(reserved))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void allDoNothing_anySignedOverride_false() {
    assertThat(AttributeActions.of(CryptoAction.DO_NOTHING).allDoNothing()).isTrue();
    assertThat(
            AttributeActions.builder()
                .defaultAction(CryptoAction.DO_NOTHING)
                .action("a", CryptoAction.SIGN_ONLY)
                .build()
                .allDoNothing())
        .isFalse();
    assertThat(
            AttributeActions.builder()
                .defaultAction(CryptoAction.SIGN_ONLY)
                .action("a", CryptoAction.DO_NOTHING)
                .build()
                .allDoNothing())
        .isFalse();
  }

  @Test
  void requireKeysNotEncrypted_keyWouldBeEncrypted_throwsInvalidConfigurationException() {
    AttributeActions actions = AttributeActions.of(CryptoAction.ENCRYPT_AND_SIGN);

    assertThatThrownBy(() -> actions.requireKeysNotEncrypted(List.of("pk")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("pk");
    assertThatNoException()
        .isThrownBy(() -> actions.withIndexKeys("pk").requireKeysNotEncrypted(List.of("pk")));
    assertThatNoException()
        .isThrownBy(() -> actions.requireKeysNotEncrypted(Arrays.asList((String) null)));
  }

  @Test
  void builderSetters_nullArguments_throwNullPointerException() {
    assertThatThrownBy(() -> AttributeActions.builder().defaultAction(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AttributeActions.builder().action(null, CryptoAction.SIGN_ONLY))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AttributeActions.builder().action("a", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toBuilder_rebuilt_equalAndSameHashCode() {
    AttributeActions actions = overridden();

    AttributeActions rebuilt = actions.toBuilder().build();

    assertThat(rebuilt).isEqualTo(actions).hasSameHashCodeAs(actions);
    assertThat(rebuilt.toString()).contains("SIGN_ONLY", "ISBN");
  }

  @ParameterizedTest
  @EnumSource(CryptoAction.class)
  void weakest_withDoNothing_returnsDoNothing(CryptoAction action) {
    assertThat(action.weakest(CryptoAction.DO_NOTHING)).isEqualTo(CryptoAction.DO_NOTHING);
    assertThat(CryptoAction.DO_NOTHING.weakest(action)).isEqualTo(CryptoAction.DO_NOTHING);
    assertThat(action.weakest(action)).isEqualTo(action);
  }

  @Test
  void weakest_encryptAndSignWithSignOnly_returnsSignOnly() {
    assertThat(CryptoAction.ENCRYPT_AND_SIGN.weakest(CryptoAction.SIGN_ONLY))
        .isEqualTo(CryptoAction.SIGN_ONLY);
    assertThat(CryptoAction.SIGN_ONLY.weakest(CryptoAction.ENCRYPT_AND_SIGN))
        .isEqualTo(CryptoAction.SIGN_ONLY);
  }
}
