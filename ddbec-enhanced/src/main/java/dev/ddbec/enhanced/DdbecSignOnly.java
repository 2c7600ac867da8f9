package dev.ddbec.enhanced;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.BeanTableSchemaAttributeTag;

/**
 * On the getter of a bean or immutable attribute: the attribute is signed but stored in plaintext
 * ({@link dev.ddbec.api.CryptoAction#SIGN_ONLY}), like the official Java client's
 * {@code @DoNotEncrypt}. For static table schemas use {@link DdbecTags#signOnly()}.
 *
 * <p>Needs {@link DynamoDbEncryptionExtension} registered on the Enhanced Client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@BeanTableSchemaAttributeTag(DdbecTags.class)
public @interface DdbecSignOnly {}
