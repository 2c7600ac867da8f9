package dev.ddbec.testing;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An RSA private key that counts how often its private exponent is read: the JDK's RSA cipher reads
 * it for every private-key operation on a key of a foreign class. Not a mock: it performs every
 * operation of the key it wraps.
 */
public final class CountingRsaPrivateKey implements RSAPrivateCrtKey {
  private static final long serialVersionUID = 1L;
  private final transient RSAPrivateCrtKey key;
  private final transient AtomicInteger uses = new AtomicInteger();

  /**
   * Wraps a key.
   *
   * @param key a JDK RSA private CRT key
   */
  public CountingRsaPrivateKey(RSAPrivateCrtKey key) {
    this.key = key;
  }

  /**
   * How many private-key operations used this key so far.
   *
   * @return the count
   */
  public int uses() {
    return uses.get();
  }

  @Override
  public BigInteger getPrivateExponent() {
    uses.incrementAndGet();
    return key.getPrivateExponent();
  }

  @Override
  public BigInteger getPublicExponent() {
    return key.getPublicExponent();
  }

  @Override
  public BigInteger getPrimeP() {
    return key.getPrimeP();
  }

  @Override
  public BigInteger getPrimeQ() {
    return key.getPrimeQ();
  }

  @Override
  public BigInteger getPrimeExponentP() {
    return key.getPrimeExponentP();
  }

  @Override
  public BigInteger getPrimeExponentQ() {
    return key.getPrimeExponentQ();
  }

  @Override
  public BigInteger getCrtCoefficient() {
    return key.getCrtCoefficient();
  }

  @Override
  public BigInteger getModulus() {
    return key.getModulus();
  }

  @Override
  public String getAlgorithm() {
    return key.getAlgorithm();
  }

  @Override
  public String getFormat() {
    return key.getFormat();
  }

  @Override
  public byte[] getEncoded() {
    uses.incrementAndGet(); // the encoding holds the private exponent too
    return key.getEncoded();
  }
}
