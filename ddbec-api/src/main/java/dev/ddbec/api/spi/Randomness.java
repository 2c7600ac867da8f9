package dev.ddbec.api.spi;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The randomness of the item path (content keys, IVs, RSA-OAEP seeds): one SP 800-90A DRBG per
 * thread, so that threads never wait for each other to draw (docs/performance.md, "Randomness").
 * The item encryptor and every materials provider that makes per-item content keys draw from it; a
 * provider should too, rather than from a {@link SecureRandom} shared by all threads (whose {@code
 * nextBytes} takes a JVM-wide lock on Linux).
 *
 * <p>Each instance is a JDK {@code DRBG} (the mechanism the JVM's {@code securerandom.drbg.config}
 * names, Hash_DRBG with SHA-256 by default) instantiated at 256-bit strength. The JDK seeds it from
 * its own seeder DRBG, itself seeded from the operating system once per JVM; ddbec adds {@value
 * #FRESH_BYTES} bytes read from the operating system's non-blocking random device to the
 * personalization string, and reseeds after {@link #RESEED_REFILLS} generate calls or {@link
 * #RESEED_NANOS} nanoseconds, whichever comes first, with {@value #FRESH_BYTES} new bytes from the
 * operating system as additional input. Every generate call also passes the monotonic and wall
 * clocks as SP 800-90A additional input, so that copies of one JVM (a restored VM snapshot) diverge
 * at their next call. Prediction resistance (fresh system entropy on every call) is not requested:
 * it would make every draw a system call through one JVM-wide lock, the serialization point this
 * class removes.
 *
 * <p>Bytes are generated {@link #POOL_BYTES} at a time and handed out in order; handed-out and
 * discarded bytes are zeroed in the pool at once, so the pool only ever holds bytes not yet used.
 *
 * <p>An instance is confined to one thread: {@link #local()} is the calling thread's, {@link
 * #create()} a new one for a caller that keeps one per thread itself.
 */
public final class Randomness {
  /** Bytes generated per DRBG call. */
  static final int POOL_BYTES = 512;

  /** Generate calls between reseeds. */
  static final int RESEED_REFILLS = 1 << 14;

  /** Longest time between reseeds. */
  static final long RESEED_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Bytes from the operating system at instantiation and at every reseed. */
  static final int FRESH_BYTES = 32;

  private static final int STRENGTH = 256;
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final ThreadLocal<Randomness> LOCAL = ThreadLocal.withInitial(Randomness::create);

  private final SecureRandom drbg;
  private final boolean isDrbg;
  final byte[] pool = new byte[POOL_BYTES];
  private final byte[] additionalInput = new byte[16];
  private int next = POOL_BYTES;
  private int refills;
  int reseeds;
  private long reseededAt = System.nanoTime();

  private Randomness(SecureRandom drbg, boolean isDrbg) {
    this.drbg = drbg;
    this.isDrbg = isDrbg;
  }

  /**
   * The calling thread's instance. Use it on this thread only: do not keep it in a field that
   * another thread reads.
   *
   * @return the instance, created on first use
   */
  public static Randomness local() {
    return LOCAL.get();
  }

  /**
   * A new instance, for one thread.
   *
   * @return the instance
   */
  public static Randomness create() {
    byte[] label =
        ("dev.ddbec/"
                + INSTANCES.incrementAndGet()
                + "/"
                + Thread.currentThread().getId()
                + "/"
                + System.nanoTime()
                + "/"
                + ProcessHandle.current().pid()
                + "/")
            .getBytes(StandardCharsets.UTF_8);
    byte[] personalization = Arrays.copyOf(label, label.length + FRESH_BYTES);
    byte[] fresh = OsEntropy.read(FRESH_BYTES);
    System.arraycopy(fresh, 0, personalization, label.length, FRESH_BYTES);
    Arrays.fill(fresh, (byte) 0);
    try {
      return new Randomness(
          SecureRandom.getInstance(
              "DRBG",
              DrbgParameters.instantiation(
                  STRENGTH, DrbgParameters.Capability.RESEED_ONLY, personalization)),
          true);
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      // A JVM configured without a 256-bit DRBG: its default SecureRandom, as before this class.
      return new Randomness(new SecureRandom(), false);
    } finally {
      Arrays.fill(personalization, (byte) 0);
    }
  }

  /**
   * The thread's random bytes.
   *
   * @param n how many
   * @return a new array of {@code n} random bytes
   */
  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    local().nextBytes(b, 0, n);
    return b;
  }

  /**
   * Fills part of an array with random bytes.
   *
   * @param out the array
   * @param off where to start
   * @param len how many bytes
   */
  public void nextBytes(byte[] out, int off, int len) {
    if (len > POOL_BYTES / 2) {
      generate(out, off, len);
      return;
    }
    if (POOL_BYTES - next < len) {
      Arrays.fill(pool, next, POOL_BYTES, (byte) 0);
      generate(pool, 0, POOL_BYTES);
      next = 0;
    }
    System.arraycopy(pool, next, out, off, len);
    Arrays.fill(pool, next, next + len, (byte) 0);
    next += len;
  }

  /**
   * The DRBG itself, for a JCA call that draws its own randomness (an RSA-OAEP seed): use it on
   * this instance's thread only.
   *
   * @return the DRBG
   */
  public SecureRandom secureRandom() {
    return drbg;
  }

  /** How many bytes at the start of the pool have been handed out (and zeroed). */
  int handedOut() {
    return next;
  }

  private void generate(byte[] out, int off, int len) {
    long now = System.nanoTime();
    if (isDrbg && (++refills > RESEED_REFILLS || now - reseededAt > RESEED_NANOS)) {
      byte[] fresh = OsEntropy.read(FRESH_BYTES);
      drbg.reseed(DrbgParameters.reseed(false, fresh));
      Arrays.fill(fresh, (byte) 0);
      reseeds++;
      refills = 0;
      reseededAt = now;
    }
    byte[] target = off == 0 && len == out.length ? out : new byte[len];
    if (isDrbg) {
      long wall = System.currentTimeMillis();
      for (int i = 0; i < 8; i++) {
        additionalInput[i] = (byte) (now >>> (8 * i));
        additionalInput[8 + i] = (byte) (wall >>> (8 * i));
      }
      drbg.nextBytes(target, DrbgParameters.nextBytes(STRENGTH, false, additionalInput));
    } else {
      drbg.nextBytes(target);
    }
    if (target != out) {
      System.arraycopy(target, 0, out, off, len);
      Arrays.fill(target, (byte) 0);
    }
  }

  /**
   * Bytes from the operating system's non-blocking random device ({@code /dev/urandom} through
   * {@code NativePRNGNonBlocking}), or from the JDK's seed generator where there is none. Used once
   * per instance and once per reseed, so its JVM-wide lock is not on the item path.
   */
  private static final class OsEntropy {
    private static final SecureRandom DEVICE = device();

    private static SecureRandom device() {
      try {
        return SecureRandom.getInstance("NativePRNGNonBlocking");
      } catch (NoSuchAlgorithmException e) {
        return null;
      }
    }

    static byte[] read(int n) {
      return DEVICE != null ? DEVICE.generateSeed(n) : SeedHolder.SEED.generateSeed(n);
    }
  }

  /** The JDK's seed generator, through the one {@code SecureRandom} method that reaches it. */
  private static final class SeedHolder {
    private static final SecureRandom SEED = new SecureRandom();
  }
}
