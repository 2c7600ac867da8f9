package dev.ddbec.api.spi;

import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.SecretKey;

/**
 * A key whose operations happen elsewhere (an HSM session, a remote signer, a key service): the
 * item encryptor hands it the bytes instead of running a JCE cipher or MAC itself. The official
 * Java client's {@code DelegatedKey} and the Python client's {@code DelegatedKey}, with the same
 * contract, so items are the same bytes as with a local key.
 *
 * <p>Materials carry a delegated key where they carry a key: as the encryption or decryption key
 * ({@link #encrypt} / {@link #decrypt} of each {@code ENCRYPT_AND_SIGN} attribute, algorithm {@code
 * AES/CBC/PKCS5Padding}, output and input {@code IV || ciphertext}), as the signing or verification
 * key ({@link #sign} / {@link #verify} of the string to sign, algorithm e.g. {@code HmacSHA256}),
 * or as a wrapping key of a wrapped provider ({@link #wrap}). Additional associated data is always
 * null in this format (as in the official clients).
 *
 * <p>A delegated key has no encoding ({@link #getEncoded()} returns null), so it never leaves the
 * delegate. Failures: a delegate throwing {@link javax.crypto.BadPaddingException} or {@link
 * javax.crypto.IllegalBlockSizeException} on decryption means the item's ciphertext is bad ({@link
 * dev.ddbec.api.ItemIntegrityException}); any other exception means the key is unavailable ({@link
 * dev.ddbec.api.MaterialsUnavailableException}). Implementations must be thread-safe.
 */
public interface DelegatedKey extends SecretKey {
  /**
   * Encrypts.
   *
   * @param plainText the bytes to encrypt (the serialized attribute)
   * @param additionalAssociatedData always null in this format
   * @param algorithm the transformation, {@code AES/CBC/PKCS5Padding}
   * @return the IV followed by the ciphertext
   * @throws GeneralSecurityException if the delegate fails
   */
  byte[] encrypt(byte[] plainText, byte[] additionalAssociatedData, String algorithm)
      throws GeneralSecurityException;

  /**
   * Decrypts.
   *
   * @param cipherText the IV followed by the ciphertext
   * @param additionalAssociatedData always null in this format
   * @param algorithm the transformation, {@code AES/CBC/PKCS5Padding}
   * @return the plaintext
   * @throws GeneralSecurityException if the delegate fails, or the ciphertext is bad ({@code
   *     BadPaddingException}, {@code IllegalBlockSizeException})
   */
  byte[] decrypt(byte[] cipherText, byte[] additionalAssociatedData, String algorithm)
      throws GeneralSecurityException;

  /**
   * Wraps a content key. By default not supported.
   *
   * @param key the key to wrap
   * @param additionalAssociatedData always null in this format
   * @param algorithm the wrapping transformation, e.g. {@code AESWrap}
   * @return the wrapped key
   * @throws GeneralSecurityException if the delegate fails
   */
  default byte[] wrap(Key key, byte[] additionalAssociatedData, String algorithm)
      throws GeneralSecurityException {
    throw new UnsupportedOperationException("this DelegatedKey does not wrap keys");
  }

  /**
   * Unwraps a content key. By default not supported. The item encryptor uses the content key
   * locally (as the official clients do), so return an extractable key ({@code getEncoded()} not
   * null); a failure here makes the item fail verification, like a wrong wrapping key.
   *
   * @param wrappedKey the wrapped key
   * @param wrappedKeyAlgorithm the algorithm of the wrapped key, e.g. {@code AES}
   * @param wrappedKeyType {@link javax.crypto.Cipher#SECRET_KEY}
   * @param additionalAssociatedData always null in this format
   * @param algorithm the wrapping transformation
   * @return the key
   * @throws GeneralSecurityException if the delegate fails
   */
  default Key unwrap(
      byte[] wrappedKey,
      String wrappedKeyAlgorithm,
      int wrappedKeyType,
      byte[] additionalAssociatedData,
      String algorithm)
      throws GeneralSecurityException {
    throw new UnsupportedOperationException("this DelegatedKey does not unwrap keys");
  }

  /**
   * Signs. By default not supported.
   *
   * @param dataToSign the string to sign
   * @param algorithm the signature algorithm, e.g. {@code HmacSHA256}
   * @return the signature
   * @throws GeneralSecurityException if the delegate fails
   */
  default byte[] sign(byte[] dataToSign, String algorithm) throws GeneralSecurityException {
    throw new UnsupportedOperationException("this DelegatedKey does not sign");
  }

  /**
   * Verifies a signature. By default not supported.
   *
   * @param dataToSign the string to sign
   * @param signature the stored signature
   * @param algorithm the signature algorithm
   * @return true if the signature matches
   * @throws GeneralSecurityException if the delegate fails
   */
  default boolean verify(byte[] dataToSign, byte[] signature, String algorithm)
      throws GeneralSecurityException {
    throw new UnsupportedOperationException("this DelegatedKey does not verify");
  }

  /** Delegated keys have no encoding. */
  @Override
  default String getFormat() {
    return null;
  }

  /** Delegated keys never give out key bytes. */
  @Override
  default byte[] getEncoded() {
    return null;
  }
}
