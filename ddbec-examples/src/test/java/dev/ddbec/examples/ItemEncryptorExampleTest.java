package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.MaterialsProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemEncryptorExampleTest {
  private static final Map<String, AttributeValue> BOOK =
      Map.of(
          "isbn", AttributeValue.fromS("978-0547928227"),
          "title", AttributeValue.fromS("The Hobbit"),
          "genre", AttributeValue.fromS("fantasy"),
          "views", AttributeValue.fromN("12"));

  @Test
  void books_encryptThenDecrypt_roundTripsAndProtects() {
    MaterialsProvider keys = LocalAws.wrappedKeys();
    ItemEncryptorExample.Books books = new ItemEncryptorExample.Books(keys);

    Map<String, AttributeValue> stored = books.encrypt(BOOK);

    assertThat(stored.get("title").type()).isEqualTo(AttributeValue.Type.B);
    assertThat(stored.get("isbn")).isEqualTo(BOOK.get("isbn"));
    assertThat(stored.get("genre")).isEqualTo(BOOK.get("genre"));
    assertThat(books.decrypt(stored)).isEqualTo(BOOK);
    assertThat(ItemEncryptorExample.roundTrip(keys, BOOK)).isEqualTo(BOOK);
    Map<String, AttributeValue> tampered = new HashMap<>(stored);
    tampered.put("genre", AttributeValue.fromS("horror"));
    assertThatThrownBy(() -> books.decrypt(tampered)).isInstanceOf(ItemIntegrityException.class);
  }
}
