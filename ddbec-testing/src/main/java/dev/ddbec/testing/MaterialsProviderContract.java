package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbec.api.DdbecException;
import dev.ddbec.api.EncryptionContext;
import dev.ddbec.api.spi.DecryptionMaterials;
import dev.ddbec.api.spi.EncryptionMaterials;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.api.spi.SigningAlgorithms;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contract every {@link MaterialsProvider} must meet. Provider modules (and authors of other
 * providers) extend this class in their tests and supply a configured provider; it needs JUnit 5
 * and AssertJ on the test class path.
 *
 * <p>Checked: encryption materials are non-null and usable; decryption materials obtained with the
 * description stored by encryption decrypt and verify what the encryption materials produced; the
 * context is not mutated; eight threads can share one provider; and (where the provider has keys to
 * look up) an unknown key is an exception, never null.
 */
public abstract class MaterialsProviderContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final byte[] SAMPLE = "contract sample".getBytes(StandardCharsets.UTF_8);

  /**
   * The provider under test; called once per test.
   *
   * @return a configured provider
   */
  protected abstract MaterialsProvider provider();

  /**
   * A context the provider can encrypt for. Providers that read key attributes (KMS) need both.
   *
   * @return the context
   */
  protected EncryptionContext context() {
    return EncryptionContext.builder()
        .tableName("ContractTable")
        .partitionKeyName("pk")
        .sortKeyName("sk")
        .attributes(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("1")))
        .build();
  }

  /**
   * A material description that names a key this provider does not have, or empty when the provider
   * has fixed keys (static providers decrypt any description).
   *
   * @param stored a description the provider wrote
   * @return the unknown-key description
   */
  protected Optional<Map<String, String>> unknownKeyDescription(Map<String, String> stored) {
    return Optional.empty();
  }

  /**
   * An {@link #unknownKeyDescription} for providers that wrap content keys: {@code stored} with a
   * random wrapped content key ({@code amzn-ddb-env-key}) that no key of the provider wrapped. Its
   * first byte is zero, so that as an RSA ciphertext it is below any modulus and the private key
   * really tries it.
   *
   * @param stored a description the provider wrote
   * @param length the length of the wrapped key (the modulus length for RSA wrapping)
   * @return the description
   */
  protected static Optional<Map<String, String>> withForeignWrappedKey(
      Map<String, String> stored, int length) {
    byte[] foreign = new byte[length];
    RANDOM.nextBytes(foreign);
    foreign[0] = 0;
    Map<String, String> d = new HashMap<>(stored);
    d.put("amzn-ddb-env-key", Base64.getEncoder().encodeToString(foreign));
    return Optional.of(d);
  }

  @Test
  void encryptionMaterials_anyContext_nonNullWithUsableKeys() throws Exception {
    EncryptionMaterials m = provider().encryptionMaterials(context());
    assertThat(m).isNotNull();
    assertThat(m.signingKey()).isNotNull();
    assertThat(
            SigningAlgorithms.isHmac(m.signingAlgorithm())
                || SigningAlgorithms.isRsa(m.signingAlgorithm()))
        .isTrue();
    assertThat(m.toString())
        .doesNotContain(hex(m.encryptionKey().map(SecretKey::getEncoded).orElse(null)));
  }

  @Test
  void decryptionMaterials_descriptionFromEncryption_decryptsAndVerifies() throws Exception {
    MaterialsProvider p = provider();
    roundTrip(p);
  }

  @Test
  void materials_calls_doNotMutateTheContext() {
    EncryptionContext ctx = context();
    Map<String, AttributeValue> before = new HashMap<>(ctx.attributes());
    MaterialsProvider p = provider();
    EncryptionMaterials m = p.encryptionMaterials(ctx);
    p.decryptionMaterials(ctx.withMaterialDescription(m.materialDescription()));
    assertThat(ctx.attributes()).isEqualTo(before);
    assertThat(ctx.materialDescription()).isEmpty();
  }

  @Test
  void provider_eightThreads_shareOneInstance() throws Exception {
    MaterialsProvider p = provider();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    roundTrip(p);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void decryptionMaterials_unknownKey_throwsOrYieldsAnotherKeyNeverNull() {
    MaterialsProvider p = provider();
    EncryptionMaterials enc = p.encryptionMaterials(context());
    Optional<Map<String, String>> unknown = unknownKeyDescription(enc.materialDescription());
    if (unknown.isEmpty()) {
      // Fixed-key provider: any description decrypts; the contract is that the result is usable.
      assertThat(p.decryptionMaterials(context().withMaterialDescription(Map.of()))).isNotNull();
      return;
    }
    DecryptionMaterials dec;
    try {
      dec = p.decryptionMaterials(context().withMaterialDescription(unknown.get()));
    } catch (DdbecException e) {
      return; // the provider tells the key is unknown
    }
    // Providers that unwrap content keys reject implicitly (ContentKeyUnwrapper): a key that is
    // not the item's, so that decryption fails later like any wrong key.
    assertThat(dec).isNotNull();
    assertThat(dec.decryptionKey()).isPresent();
    assertThat(dec.decryptionKey().get().getEncoded())
        .isNotEqualTo(enc.encryptionKey().map(SecretKey::getEncoded).orElse(null));
  }

  private void roundTrip(MaterialsProvider p) throws Exception {
    EncryptionContext ctx = context();
    EncryptionMaterials enc = p.encryptionMaterials(ctx);
    DecryptionMaterials dec =
        p.decryptionMaterials(ctx.withMaterialDescription(enc.materialDescription()));
    assertThat(dec).isNotNull();
    assertThat(dec.signingAlgorithm()).isEqualTo(enc.signingAlgorithm());
    if (enc.encryptionKey().isPresent()) {
      byte[] iv = new byte[16];
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, enc.encryptionKey().get(), new IvParameterSpec(iv));
      byte[] ct = c.doFinal(SAMPLE);
      Cipher d = Cipher.getInstance("AES/CBC/PKCS5Padding");
      d.init(Cipher.DECRYPT_MODE, dec.decryptionKey().orElseThrow(), new IvParameterSpec(iv));
      assertThat(d.doFinal(ct)).isEqualTo(SAMPLE);
    }
    String alg = enc.signingAlgorithm();
    if (SigningAlgorithms.isHmac(alg)) {
      // The provider named by the materials, as the item encryptor uses it.
      Mac a = mac(alg, enc.signingProvider().orElse(null));
      a.init(enc.signingKey());
      Mac b = mac(alg, dec.signingProvider().orElse(null));
      b.init(dec.verificationKey());
      assertThat(b.doFinal(SAMPLE)).isEqualTo(a.doFinal(SAMPLE));
    } else {
      Signature s = signature(alg, enc.signingProvider().orElse(null));
      s.initSign((PrivateKey) enc.signingKey());
      s.update(SAMPLE);
      byte[] sig = s.sign();
      Signature v = signature(alg, dec.signingProvider().orElse(null));
      v.initVerify((PublicKey) dec.verificationKey());
      v.update(SAMPLE);
      assertThat(v.verify(sig)).isTrue();
    }
  }

  private static Mac mac(String alg, java.security.Provider provider) throws Exception {
    return provider == null ? Mac.getInstance(alg) : Mac.getInstance(alg, provider);
  }

  private static Signature signature(String alg, java.security.Provider provider) throws Exception {
    return provider == null ? Signature.getInstance(alg) : Signature.getInstance(alg, provider);
  }

  private static String hex(byte[] b) {
    return b == null ? "\u0000no-key\u0000" : java.util.HexFormat.of().formatHex(b);
  }
}
