package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.canonical;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.testing.AttributeValueArbitraries;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Round-trip properties of the attribute and description codecs. */
class AttributeCodecPropertiesTest {

  @Provide
  Arbitrary<AttributeValue> values() {
    return AttributeValueArbitraries.values();
  }

  @Provide
  Arbitrary<Map<String, String>> descriptions() {
    return Arbitraries.maps(
            AttributeValueArbitraries.strings(), AttributeValueArbitraries.strings())
        .ofMaxSize(8);
  }

  /**
   * Strings of up to 3,000 chars, mostly ASCII (the US-ASCII encoder's path in a reused sink), some
   * with a non-ASCII run inside (the refusal and the UTF-8 fallback).
   */
  @Provide
  Arbitrary<List<String>> longStrings() {
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(3000);
    Arbitrary<String> mixed =
        Combinators.combine(ascii, AttributeValueArbitraries.strings(), ascii)
            .as((a, b, c) -> a + b + c);
    return Arbitraries.oneOf(ascii, mixed).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 300)
  void serializeInto_reusedSink_sameBytesAsOneShotSerialize(
      @ForAll("longStrings") List<String> strings) {
    // a per-thread sink copies long ASCII chunks with the encoder, a one-shot one with the char
    // loop: the bytes must be the same, value after value through the same sink
    ByteSink reused = ByteSink.reusable(16);
    AttributeValue list =
        AttributeValue.fromL(strings.stream().map(AttributeValue::fromS).toList());
    for (AttributeValue value :
        List.of(AttributeValue.fromS(strings.get(0)), list, AttributeValue.fromS(strings.get(0)))) {
      reused.reset();
      AttributeSerializer.serializeInto(reused, value, SetOrdering.JAVA);

      assertThat(Arrays.copyOf(reused.buffer(), reused.size()))
          .isEqualTo(AttributeSerializer.serialize(value));
    }
  }

  @Property(tries = 500)
  void serializeThenDeserialize_anyValue_equalValue(@ForAll("values") AttributeValue value) {
    byte[] bytes = AttributeSerializer.serialize(value);

    AttributeValue back = AttributeDeserializer.deserialize(bytes);

    assertThat(canonical(back)).isEqualTo(canonical(value));
  }

  @Property(tries = 300)
  void serialize_deserializedValue_sameBytes(@ForAll("values") AttributeValue value) {
    byte[] bytes = AttributeSerializer.serialize(value);

    assertThat(AttributeSerializer.serialize(AttributeDeserializer.deserialize(bytes)))
        .isEqualTo(bytes);
  }

  @Property(tries = 300)
  void serialize_javaAndPythonOrdering_sameLengthAndSameValue(
      @ForAll("values") AttributeValue value) {
    byte[] java = AttributeSerializer.serialize(value, SetOrdering.JAVA);
    byte[] python = AttributeSerializer.serialize(value, SetOrdering.PYTHON);

    assertThat(python).hasSameSizeAs(java);
    assertThat(canonical(AttributeDeserializer.deserialize(python)))
        .isEqualTo(canonical(AttributeDeserializer.deserialize(java)));
  }

  @Property(tries = 300)
  void encodeThenDecode_anyDescription_equalMap(
      @ForAll("descriptions") Map<String, String> description) {
    byte[] bytes = MaterialDescriptionCodec.encode(description);

    assertThat(MaterialDescriptionCodec.decode(bytes)).isEqualTo(description);
  }
}
