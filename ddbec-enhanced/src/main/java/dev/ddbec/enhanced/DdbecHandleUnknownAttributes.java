package dev.ddbec.enhanced;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a bean or immutable class: attributes of a stored item that the class does not model are still
 * verified (and decrypted) under the class's default action ({@link DdbecDefaultAction}, else the
 * extension's), instead of being left alone: the official Java client's
 * {@code @HandleUnknownAttributes}. Items written by a newer version of the class, with attributes
 * this version does not know, then still verify: without it, a reader that does not model a signed
 * attribute leaves it out of the signature, and the item fails verification. The unknown attributes
 * are not handed to the class (the Enhanced Client maps modelled attributes only). Static table
 * schemas use {@link DdbecTags#handleUnknownAttributes()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DdbecHandleUnknownAttributes {}
