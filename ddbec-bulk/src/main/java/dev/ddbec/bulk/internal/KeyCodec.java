package dev.ddbec.bulk.internal;

import dev.ddbec.api.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Key attribute values (S, N or B) as text for checkpoint files: {@code TYPE:base64}. */
public final class KeyCodec {
  private KeyCodec() {}

  public static String encode(AttributeValue v) {
    return switch (v.type()) {
      case S -> "S:" + b64(v.s().getBytes(StandardCharsets.UTF_8));
      case N -> "N:" + b64(v.n().getBytes(StandardCharsets.UTF_8));
      case B -> "B:" + b64(v.b().asByteArray());
      default ->
          throw new InvalidConfigurationException(
              "A key attribute must be a string, number or binary, not " + v.type());
    };
  }

  public static AttributeValue decode(String text) {
    if (text.length() < 2 || text.charAt(1) != ':') {
      throw new InvalidConfigurationException("The checkpoint file holds a malformed key value");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.substring(2));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("The checkpoint file holds a malformed key value", e);
    }
    return switch (text.charAt(0)) {
      case 'S' -> AttributeValue.fromS(new String(bytes, StandardCharsets.UTF_8));
      case 'N' -> AttributeValue.fromN(new String(bytes, StandardCharsets.UTF_8));
      case 'B' -> AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
      default ->
          throw new InvalidConfigurationException(
              "The checkpoint file holds a key value of unknown type");
    };
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
