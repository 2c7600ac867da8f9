package dev.ddbec.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.core.providers.StaticMaterialsProvider;
import dev.ddbec.core.providers.WrappedMaterialsProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.function.Function;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The suite's keys: loading one from {@code encrypted_item/keys.json}, and the {@code static} and
 * {@code wrapped} providers a scenario's {@code keys} object names (see {@link
 * VectorSuite#keyedProvider} and {@link VectorSuite#key}).
 */
final class VectorKeys {
  private VectorKeys() {}

  /** Builds a {@code static} or {@code wrapped} provider; {@code key} loads a key by name. */
  static MaterialsProvider keyedProvider(Function<String, Key> key, String kind, JsonNode keys) {
    Key decrypt = key.apply(keys.get("decrypt").textValue());
    Key encrypt = keys.has("encrypt") ? key.apply(keys.get("encrypt").textValue()) : decrypt;
    Key verify = key.apply(keys.get("verify").textValue());
    Key sign = keys.has("sign") ? key.apply(keys.get("sign").textValue()) : verify;
    if ("static".equals(kind)) {
      StaticMaterialsProvider.Builder b =
          StaticMaterialsProvider.builder().encryptionKey((SecretKey) decrypt);
      return signing(b, verify, sign).build();
    }
    WrappedMaterialsProvider.Builder b =
        WrappedMaterialsProvider.builder().wrappingKey(encrypt).unwrappingKey(decrypt);
    if (decrypt instanceof PrivateKey) {
      // The official vectors are old writers' items: the Java client's wrapped-rsa-rsa-1 names no
      // wrap algorithm (PKCS#1 v1.5), and every RSA scenario uses one key pair to wrap and sign.
      // Both are refused by default; reading them needs these explicit opt-ins.
      b.legacyPkcs1Unwrap(true).legacySharedRsaKey(true);
    }
    if (verify instanceof SecretKey hmac) {
      b.hmacKey(hmac);
    } else {
      b.signingKeyPair(new KeyPair((PublicKey) verify, (PrivateKey) sign));
    }
    return b.build();
  }

  private static StaticMaterialsProvider.Builder signing(
      StaticMaterialsProvider.Builder b, Key verify, Key sign) {
    if (verify instanceof SecretKey hmac) {
      return b.hmacKey(hmac);
    }
    return b.signingKeyPair(new KeyPair((PublicKey) verify, (PrivateKey) sign));
  }

  /** Loads a key from the parsed {@code keys.json}. */
  static Key key(JsonNode keysJson, String name) {
    JsonNode k = keysJson.get(name);
    if (k == null || !k.has("material")) {
      throw new IllegalArgumentException("keys.json has no key material named " + name);
    }
    byte[] material = VectorSuite.b64(k.get("material"));
    String algorithm = k.get("algorithm").textValue();
    try {
      switch (k.get("type").textValue()) {
        case "symmetric":
          return new SecretKeySpec(material, algorithm);
        case "public":
          return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(material));
        case "private":
          return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(material));
        default:
          throw new IllegalArgumentException("unknown key type for " + name);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load key " + name, e);
    }
  }
}
