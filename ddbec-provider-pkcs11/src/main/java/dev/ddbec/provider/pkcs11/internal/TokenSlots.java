package dev.ddbec.provider.pkcs11.internal;

import dev.ddbec.api.InvalidConfigurationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the slot that holds a token with a given label.
 *
 * <p>The SunPKCS11 configuration selects a slot by id ({@code slot}) or by position ({@code
 * slotListIndex}), never by token label, and slot ids are not stable (SoftHSM derives them from the
 * token serial number when a token is initialised). The label is read with {@code C_GetSlotList} /
 * {@code C_GetTokenInfo} through the JDK's own PKCS#11 wrapper ({@code
 * sun.security.pkcs11.wrapper}, module {@code jdk.crypto.cryptoki}), called reflectively. That
 * package is not exported, so the JVM must be started with {@code --add-exports
 * jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED} (class path) or {@code
 * =dev.ddbec.provider.pkcs11} (module path); the ddbec CLI jar declares it in its manifest. Without
 * it, configure the slot id or slot list index instead. Logging in to every slot to look for keys
 * is deliberately not done: a wrong PIN counts against each token's retry limit.
 */
public final class TokenSlots {
  /** The package whose export enables lookup by label. */
  public static final String WRAPPER_PACKAGE = "sun.security.pkcs11.wrapper";

  /** The JVM option that enables lookup by label on the class path. */
  public static final String ADD_EXPORTS =
      "--add-exports jdk.crypto.cryptoki/" + WRAPPER_PACKAGE + "=ALL-UNNAMED";

  private static final long CKF_OS_LOCKING_OK = 0x00000002L;

  /**
   * One slot with a token.
   *
   * @param slotId the PKCS#11 slot id
   * @param label the token label, trailing blanks removed
   * @param serialNumber the token serial number, trailing blanks removed
   * @param initialized whether the token is initialised (has a label and PINs)
   */
  public record TokenSlot(long slotId, String label, String serialNumber, boolean initialized) {}

  private TokenSlots() {}

  /**
   * Tells whether labels can be read in this JVM.
   *
   * @return true if the wrapper package is exported to this module
   */
  public static boolean labelLookupAvailable() {
    return ModuleLayer.boot()
        .findModule("jdk.crypto.cryptoki")
        .map(m -> m.isExported(WRAPPER_PACKAGE, TokenSlots.class.getModule()))
        .orElse(false);
  }

  /**
   * Lists the slots that hold a token.
   *
   * @param library the PKCS#11 library
   * @return the slots, in the library's order
   * @throws InvalidConfigurationException if labels cannot be read in this JVM or the library fails
   */
  public static List<TokenSlot> list(Path library) {
    if (!labelLookupAvailable()) {
      throw new InvalidConfigurationException(
          "Selecting a PKCS#11 token by label needs the JDK's PKCS#11 wrapper: start the JVM with "
              + ADD_EXPORTS
              + " (or =dev.ddbec.provider.pkcs11 on the module path), or configure the slot id or"
              + " slot list index instead of the token label");
    }
    try {
      Class<?> p11Class = Class.forName(WRAPPER_PACKAGE + ".PKCS11");
      Class<?> argsClass = Class.forName(WRAPPER_PACKAGE + ".CK_C_INITIALIZE_ARGS");
      Object args = argsClass.getConstructor().newInstance();
      argsClass.getField("flags").setLong(args, CKF_OS_LOCKING_OK);
      // Same library path and arguments as SunPKCS11 uses, so both share one initialised module.
      Method getInstance =
          p11Class.getMethod("getInstance", String.class, String.class, argsClass, boolean.class);
      Object p11 = getInstance.invoke(null, library.toString(), "C_GetFunctionList", args, false);
      long[] slots = (long[]) p11Class.getMethod("C_GetSlotList", boolean.class).invoke(p11, true);
      Method tokenInfo = p11Class.getMethod("C_GetTokenInfo", long.class);
      List<TokenSlot> out = new ArrayList<>();
      for (long slot : slots) {
        Object info = tokenInfo.invoke(p11, slot);
        String label =
            new String((char[]) info.getClass().getField("label").get(info)).stripTrailing();
        String serial =
            new String((char[]) info.getClass().getField("serialNumber").get(info)).stripTrailing();
        long flags = info.getClass().getField("flags").getLong(info);
        boolean initialized = (flags & 0x00000400L) != 0; // CKF_TOKEN_INITIALIZED
        out.add(new TokenSlot(slot, label, serial, initialized));
      }
      return out;
    } catch (InvocationTargetException e) {
      throw new InvalidConfigurationException(
          "Cannot list the tokens of PKCS#11 library "
              + library
              + ": "
              + e.getCause().getMessage()
              + ". Check the library path and its configuration (for SoftHSM2: SOFTHSM2_CONF)",
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new InvalidConfigurationException(
          "Cannot read token labels through the JDK's PKCS#11 wrapper on this JDK ("
              + e.getClass().getSimpleName()
              + "); configure the slot id or slot list index instead of the token label",
          e);
    }
  }

  /**
   * Finds the slot of the token with a label.
   *
   * @param library the PKCS#11 library
   * @param label the token label
   * @return the slot id
   * @throws InvalidConfigurationException if no token or more than one token has the label
   */
  public static long find(Path library, String label) {
    List<TokenSlot> slots = list(library);
    List<TokenSlot> matches = slots.stream().filter(s -> s.label().equals(label)).toList();
    if (matches.size() == 1) {
      return matches.get(0).slotId();
    }
    List<String> labels =
        slots.stream().filter(TokenSlot::initialized).map(TokenSlot::label).toList();
    if (matches.isEmpty()) {
      throw new InvalidConfigurationException(
          "No token labelled '"
              + label
              + "' in PKCS#11 library "
              + library
              + "; tokens found: "
              + labels);
    }
    throw new InvalidConfigurationException(
        matches.size()
            + " tokens are labelled '"
            + label
            + "' in PKCS#11 library "
            + library
            + "; give them distinct labels or configure the slot id");
  }

  /**
   * The label of the token in a slot, when labels can be read.
   *
   * @param library the PKCS#11 library
   * @param slotId the slot id
   * @return the label, or empty
   */
  public static Optional<String> labelOf(Path library, long slotId) {
    if (!labelLookupAvailable()) {
      return Optional.empty();
    }
    return list(library).stream()
        .filter(s -> s.slotId() == slotId)
        .map(TokenSlot::label)
        .findFirst();
  }
}
