package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.spi.MaterialsProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProvidersExampleTest {
  private static final Map<String, AttributeValue> BOOK =
      Map.of(
          "isbn", AttributeValue.fromS("0-19-283355-8"),
          "title", AttributeValue.fromS("Persuasion"),
          "genre", AttributeValue.fromS("novel"));

  @Test
  void providers_eachRoundTripsThroughTheItemEncryptor() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair wrapping = rsa.generateKeyPair();
    KeyPair signing = rsa.generateKeyPair();
    List<MaterialsProvider> providers =
        List.of(
            ProvidersExample.staticProvider(LocalAws.randomKey(), LocalAws.randomKey()),
            ProvidersExample.wrappedProvider(
                new SecretKeySpec(LocalAws.randomKey(), "AES"),
                new SecretKeySpec(LocalAws.randomKey(), "HmacSHA256")),
            ProvidersExample.wrappedRsaProvider(wrapping, signing));

    for (MaterialsProvider keys : providers) {
      ItemEncryptorExample.Books books = new ItemEncryptorExample.Books(keys);
      Map<String, AttributeValue> stored = books.encrypt(BOOK);
      assertThat(stored.get("title").type()).as(keys.toString()).isEqualTo(AttributeValue.Type.B);
      assertThat(books.decrypt(stored)).as(keys.toString()).isEqualTo(BOOK);
    }
  }
}
