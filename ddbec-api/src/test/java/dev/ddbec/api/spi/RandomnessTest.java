package dev.ddbec.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.DrbgParameters;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  @Test
  void local_eachThread_hasItsOwn256BitReseedingDrbg() throws Exception {
    Randomness mine = Randomness.local();
    AtomicReference<Randomness> other = new AtomicReference<>();
    Thread t = new Thread(() -> other.set(Randomness.local()));
    t.start();
    t.join();

    assertThat(Randomness.local()).isSameAs(mine);
    assertThat(other.get()).isNotNull().isNotSameAs(mine);
    assertThat(other.get().secureRandom()).isNotSameAs(mine.secureRandom());
    assertThat(mine.secureRandom().getAlgorithm()).isEqualTo("DRBG");
    DrbgParameters.Instantiation p =
        (DrbgParameters.Instantiation) mine.secureRandom().getParameters();
    assertThat(p.getStrength()).isGreaterThanOrEqualTo(256);
    assertThat(p.getCapability().supportsReseeding()).isTrue();
    // Prediction resistance would make every draw a system call through one JVM-wide lock.
    assertThat(p.getCapability().supportsPredictionResistance()).isFalse();
  }

  @Test
  void nextBytes_handedOutBytes_areZeroedInThePoolAndNeverRepeated() {
    Randomness r = Randomness.create();
    Set<String> seen = new HashSet<>();
    byte[] out = new byte[48];
    // several pool refills, with requests that do not divide the pool evenly
    for (int i = 0; i < 3 * Randomness.POOL_BYTES / 16; i++) {
      int len = i % 3 == 0 ? 48 : 16;
      r.nextBytes(out, 0, len);
      assertThat(seen.add(Arrays.toString(Arrays.copyOf(out, 16)))).as("draw %d", i).isTrue();
      assertThat(Arrays.copyOf(r.pool, r.handedOut())).as("pool after draw %d", i).containsOnly(0);
    }
  }

  @Test
  void nextBytes_largeRequest_isFilledAndWritesOnlyItsRange() {
    Randomness r = Randomness.create();
    byte[] out = new byte[Randomness.POOL_BYTES + 32];

    r.nextBytes(out, 16, Randomness.POOL_BYTES);

    assertThat(Arrays.copyOfRange(out, 0, 16)).containsOnly(0);
    assertThat(Arrays.copyOfRange(out, 16 + Randomness.POOL_BYTES, out.length)).containsOnly(0);
    // 512 random bytes with no non-zero byte: probability 2^-4096
    assertThat(Arrays.copyOfRange(out, 16, 16 + Randomness.POOL_BYTES)).isNotEqualTo(new byte[512]);
  }

  @Test
  void create_personalization_carriesFreshBytesFromTheSystem() {
    byte[] a = personalization(Randomness.create());
    byte[] b = personalization(Randomness.create());

    assertThat(a.length).isGreaterThan(Randomness.FRESH_BYTES);
    assertThat(Arrays.copyOfRange(a, a.length - Randomness.FRESH_BYTES, a.length))
        .isNotEqualTo(Arrays.copyOfRange(b, b.length - Randomness.FRESH_BYTES, b.length));
  }

  @Test
  void nextBytes_afterTheReseedInterval_reseeds() {
    Randomness r = Randomness.create();
    byte[] out = new byte[Randomness.POOL_BYTES];

    for (int i = 0; i < Randomness.RESEED_REFILLS; i++) {
      r.nextBytes(out, 0, out.length); // one generate call each
    }
    assertThat(r.reseeds).isZero();
    r.nextBytes(out, 0, out.length);

    assertThat(r.reseeds).isEqualTo(1);
  }

  private static byte[] personalization(Randomness r) {
    return ((DrbgParameters.Instantiation) r.secureRandom().getParameters())
        .getPersonalizationString();
  }

  @Test
  void create_twoInstances_drawDifferentBytes() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    Randomness.create().nextBytes(a, 0, 32);
    Randomness.create().nextBytes(b, 0, 32);

    assertThat(a).isNotEqualTo(b);
  }
}
