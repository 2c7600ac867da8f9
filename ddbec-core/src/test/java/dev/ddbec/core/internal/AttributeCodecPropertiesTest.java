package dev.ddbec.core.internal;

import static dev.ddbec.core.internal.AttributeValues.canonical;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.core.format.SetOrdering;
import dev.ddbec.testing.AttributeValueArbitraries;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
