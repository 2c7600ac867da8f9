package dev.ddbec.core.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddbec.api.ItemIntegrityException;
import java.util.Map;

/**
 * Fuzzes {@link MaterialDescriptionCodec#decode(byte[])}: for any input the only exception that may
 * escape is {@link ItemIntegrityException} (including its subclass {@code
 * UnsupportedFormatException}), and whatever decodes encodes and decodes back to the same map.
 *
 * <p>Runs the seeds in {@code MaterialDescriptionCodecFuzzTestInputs/} as regression tests in every
 * build; fuzzes when {@code JAZZER_FUZZ=1} (the {@code fuzz-material-description} surefire
 * execution, see docs/fuzzing.md).
 */
class MaterialDescriptionCodecFuzzTest {

  @FuzzTest
  void decode_arbitraryBytes_onlyItemIntegrityExceptionEscapes(byte[] data) {
    Map<String, String> description;
    try {
      description = MaterialDescriptionCodec.decode(data);
    } catch (ItemIntegrityException expected) {
      return;
    }
    Map<String, String> back =
        MaterialDescriptionCodec.decode(MaterialDescriptionCodec.encode(description));
    if (!back.equals(description)) {
      throw new AssertionError("re-encoded description differs from the decoded one");
    }
  }
}
