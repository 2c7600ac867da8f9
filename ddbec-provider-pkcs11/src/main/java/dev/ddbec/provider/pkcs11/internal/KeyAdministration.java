package dev.ddbec.provider.pkcs11.internal;

import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.MaterialsUnavailableException;
import dev.ddbec.api.spi.SelfSignedCertificates;
import dev.ddbec.provider.pkcs11.Pkcs11KeyInfo;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The key administration side of a PKCS#11 token: lists the keys on it, generates ddbec keys
 * (token-resident; sensitive and non-extractable unless asked otherwise) and deletes them, on a
 * {@link Pkcs11Session}. Thread-safe.
 */
public final class KeyAdministration {
  private static final Pattern P11_BITS = Pattern.compile("(\\d+) bits");

  private final Pkcs11Session session;

  /**
   * Administers the keys of one session's token.
   *
   * @param session the session
   */
  public KeyAdministration(Pkcs11Session session) {
    this.session = session;
  }

  /**
   * Lists the keys on the token, sorted by label. Certificates alone are not listed.
   *
   * @return one entry per key
   * @throws MaterialsUnavailableException if the token cannot be read
   */
  public List<Pkcs11KeyInfo> listKeys() {
    session.ensureOpen();
    try {
      KeyStore ks = session.keyStore();
      List<Pkcs11KeyInfo> out = new ArrayList<>();
      for (String alias : Collections.list(ks.aliases())) {
        if (!ks.isKeyEntry(alias)) {
          continue;
        }
        Key k = ks.getKey(alias, null);
        if (k == null) {
          continue;
        }
        out.add(describeKey(alias, k, ks.getCertificate(alias)));
      }
      out.sort(Comparator.comparing(Pkcs11KeyInfo::label));
      return out;
    } catch (GeneralSecurityException | ProviderException e) {
      throw new MaterialsUnavailableException("Cannot list the keys on " + session.describe(), e);
    }
  }

  private static Pkcs11KeyInfo describeKey(String label, Key k, Certificate cert) {
    String alg = k.getAlgorithm();
    boolean extractable = k.getEncoded() != null;
    Set<String> uses = new LinkedHashSet<>();
    if (k instanceof SecretKey) {
      String upper = alg.toUpperCase(Locale.ROOT);
      if (upper.equals("AES")) {
        uses.add("wrapping");
      } else if (upper.startsWith("HMAC") || upper.equals("GENERIC SECRET")) {
        uses.add("signing");
      }
      return new Pkcs11KeyInfo(
          label, "secret-key", alg, secretKeyBits((SecretKey) k), extractable, uses);
    }
    OptionalInt bits = OptionalInt.empty();
    if (k instanceof RSAKey rsa && rsa.getModulus() != null) {
      bits = OptionalInt.of(rsa.getModulus().bitLength());
    } else if (cert != null && cert.getPublicKey() instanceof RSAPublicKey pub) {
      bits = OptionalInt.of(pub.getModulus().bitLength());
    }
    if ("RSA".equalsIgnoreCase(alg)) {
      uses.add("wrapping");
      uses.add("signing");
    }
    return new Pkcs11KeyInfo(label, "private-key", alg, bits, extractable, uses);
  }

  private static OptionalInt secretKeyBits(SecretKey k) {
    byte[] enc = k.getEncoded();
    if (enc != null) {
      int bits = enc.length * 8;
      Arrays.fill(enc, (byte) 0);
      return OptionalInt.of(bits);
    }
    if (k.getClass().getName().startsWith("sun.security.pkcs11.")) {
      Matcher m = P11_BITS.matcher(k.toString());
      if (m.find()) {
        int v = Integer.parseInt(m.group(1));
        // SunPKCS11 (JDK 17) reports CKA_VALUE_LEN, a byte count, as "bits" for secret keys it
        // loads from a token; real bit sizes of usable keys are all above 64.
        return OptionalInt.of(v <= 64 ? v * 8 : v);
      }
    }
    return OptionalInt.empty();
  }

  public Pkcs11KeyInfo generateAesKey(String label, int bits, boolean extractable) {
    if (bits != 128 && bits != 192 && bits != 256) {
      throw new InvalidConfigurationException("AES keys are 128, 192 or 256 bits, not " + bits);
    }
    return generateSecret(label, "AES", bits, extractable);
  }

  /**
   * Generates an HMAC key on the token (for signing; SunPKCS11 stores it as a generic secret).
   *
   * @param label the new key's label; must not be in use
   * @param bits key size, at least 128 (256 recommended for HmacSHA256)
   * @param extractable true only for tests that need the key bytes outside the token
   * @return the new key's description
   */
  public Pkcs11KeyInfo generateHmacKey(String label, int bits, boolean extractable) {
    if (bits < 128 || bits % 8 != 0) {
      throw new InvalidConfigurationException(
          "HMAC keys must be a whole number of bytes and at least 128 bits, not " + bits);
    }
    return generateSecret(label, "HmacSHA256", bits, extractable);
  }

  private Pkcs11KeyInfo generateSecret(
      String label, String algorithm, int bits, boolean extractable) {
    return generate(
        label,
        extractable,
        (p, ks) -> {
          KeyGenerator g = KeyGenerator.getInstance(algorithm, p);
          g.init(bits);
          ks.setEntry(label, new KeyStore.SecretKeyEntry(g.generateKey()), null);
        });
  }

  /**
   * Generates an RSA key pair on the token (for key wrapping or signing). The public key is kept in
   * a self-signed certificate under the same label, where ddbec finds it.
   *
   * @param label the new key's label; must not be in use
   * @param bits modulus size, at least 2048
   * @param extractable true only for tests that need the private key outside the token
   * @return the new key's description
   */
  public Pkcs11KeyInfo generateRsaKeyPair(String label, int bits, boolean extractable) {
    if (bits < 2048) {
      throw new InvalidConfigurationException("RSA keys must be at least 2048 bits, not " + bits);
    }
    return generate(
        label,
        extractable,
        (p, ks) -> {
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", p);
          g.initialize(bits);
          KeyPair kp = g.generateKeyPair();
          X509Certificate cert =
              SelfSignedCertificates.create(
                  kp,
                  "ddbec " + label,
                  SelfSignedCertificates.DIGITAL_SIGNATURE
                      | SelfSignedCertificates.KEY_ENCIPHERMENT,
                  p);
          ks.setEntry(
              label, new KeyStore.PrivateKeyEntry(kp.getPrivate(), new Certificate[] {cert}), null);
        });
  }

  private interface Generation {
    void run(Provider p, KeyStore ks) throws GeneralSecurityException;
  }

  private Pkcs11KeyInfo generate(String label, boolean extractable, Generation g) {
    session.ensureOpen();
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new InvalidConfigurationException("A key label must not be blank");
    }
    if (session.library() == null) {
      throw new InvalidConfigurationException(
          "ddbec generates keys only on tokens it configures from a PKCS#11 library; create keys"
              + " for JCE provider '"
              + session.provider().getName()
              + "' with the HSM's own tools (for AWS CloudHSM: CloudHSM CLI 'key"
              + " generate-symmetric aes' / 'key generate-asymmetric-pair rsa')");
    }
    synchronized (session.lock()) {
      try {
        if (session.keyStore().containsAlias(label)) {
          throw new InvalidConfigurationException(
              "A key labelled '" + label + "' already exists on " + session.describe());
        }
        // A provider instance whose generation template has the requested extractability; it
        // shares the library and the token login with this one.
        Provider generator =
            Pkcs11Session.configureSunPkcs11(
                session.library(), session.slotSelector(), extractable);
        session.login(generator);
        KeyStore ks = KeyStore.getInstance("PKCS11", generator);
        ks.load(null, null);
        g.run(generator, ks);
        KeyStore fresh = session.reloadKeyStore();
        Key k = fresh.getKey(label, null);
        if (k == null) {
          throw new MaterialsUnavailableException(
              "The token did not keep the new key '" + label + "' on " + session.describe());
        }
        Pkcs11KeyInfo info = describeKey(label, k, fresh.getCertificate(label));
        if (info.extractable() != extractable) {
          fresh.deleteEntry(label);
          throw new MaterialsUnavailableException(
              "The token made key '"
                  + label
                  + "' "
                  + (info.extractable() ? "extractable" : "non-extractable")
                  + " against the request; it was deleted");
        }
        return info;
      } catch (GeneralSecurityException | java.io.IOException | ProviderException e) {
        throw new MaterialsUnavailableException(
            "Cannot generate key '"
                + label
                + "' on "
                + session.describe()
                + ": "
                + Pkcs11Session.safeMessage(e),
            e);
      }
    }
  }

  /**
   * Deletes a key (and its certificate) from the token.
   *
   * @param label the key's label
   * @return true if something was deleted
   */
  public boolean deleteKey(String label) {
    session.ensureOpen();
    synchronized (session.lock()) {
      try {
        if (!session.keyStore().containsAlias(label)) {
          return false;
        }
        session.keyStore().deleteEntry(label);
        return true;
      } catch (GeneralSecurityException | ProviderException e) {
        throw new MaterialsUnavailableException(
            "Cannot delete key '" + label + "' on " + session.describe(), e);
      }
    }
  }
}
