package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.canonical;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddbec.api.ItemIntegrityException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fuzzes {@link AttributeDeserializer#deserialize(byte[])}: for any input the only exception that
 * may escape is {@link ItemIntegrityException}, and whatever parses serializes again and parses
 * back to the same value.
 *
 * <p>Runs the seeds in {@code AttributeDeserializerFuzzTestInputs/} as regression tests in every
 * build; fuzzes when {@code JAZZER_FUZZ=1} (the {@code fuzz-attribute-deserializer} surefire
 * execution, see docs/fuzzing.md).
 */
class AttributeDeserializerFuzzTest {

  @FuzzTest
  void deserialize_arbitraryBytes_onlyItemIntegrityExceptionEscapes(byte[] data) {
    AttributeValue value;
    try {
      value = AttributeDeserializer.deserialize(data);
    } catch (ItemIntegrityException expected) {
      return;
    }
    // Anything the parser accepts is a valid value: it re-serializes and round-trips.
    byte[] again = AttributeSerializer.serialize(value);
    AttributeValue back = AttributeDeserializer.deserialize(again);
    if (!canonical(back).equals(canonical(value))) {
      throw new AssertionError("re-serialized value differs from the parsed one");
    }
  }
}
