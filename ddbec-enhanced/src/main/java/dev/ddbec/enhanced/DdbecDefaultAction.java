package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a bean or immutable class: the action of every attribute without {@link DdbecSignOnly} or
 * {@link DdbecDoNothing}, instead of the extension's default ({@link CryptoAction#ENCRYPT_AND_SIGN}
 * unless configured otherwise). {@code @DdbecDefaultAction(CryptoAction.SIGN_ONLY)} matches the
 * official Java client's class-level {@code @DoNotEncrypt}; {@code DO_NOTHING} its class-level
 * {@code @DoNotTouch}. For static table schemas use {@link DdbecTags#defaultAction(CryptoAction)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DdbecDefaultAction {
  /**
   * The default action of the class's attributes.
   *
   * @return the action
   */
  CryptoAction value();
}
