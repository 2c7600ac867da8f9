package dev.ddbec.provider.pkcs11;

import java.util.Collections;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a token says about one of its keys (no key material).
 *
 * @param label the key's label (CKA_LABEL), which ddbec uses to name it
 * @param type {@code secret-key} or {@code private-key} (RFC 7512 type names)
 * @param algorithm the JCE algorithm the provider reports, e.g. {@code AES}, {@code RSA}; SunPKCS11
 *     reports HMAC keys stored on a token as {@code Generic Secret}
 * @param bits the key size, when the token reveals it
 * @param extractable whether the key's value can be read from the token
 * @param uses what ddbec can do with the key: {@code wrapping} (AES secret key, RSA private key)
 *     and/or {@code signing} (HMAC secret key, RSA private key), sorted; empty when ddbec cannot
 *     use it
 */
public record Pkcs11KeyInfo(
    String label,
    String type,
    String algorithm,
    OptionalInt bits,
    boolean extractable,
    Set<String> uses) {
  /**
   * Validates and copies.
   *
   * @param label the key's label
   * @param type {@code secret-key} or {@code private-key}
   * @param algorithm the JCE algorithm name
   * @param bits the key size, when known
   * @param extractable whether the key's value can be read from the token
   * @param uses what ddbec can do with the key
   */
  public Pkcs11KeyInfo {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(bits, "bits");
    uses = Collections.unmodifiableSortedSet(new TreeSet<>(uses));
  }
}
