package dev.ddbec.enhanced;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.BeanTableSchemaAttributeTag;

/**
 * On the getter of a bean or immutable attribute: the attribute is neither encrypted nor signed
 * ({@link dev.ddbec.api.CryptoAction#DO_NOTHING}), like the official Java client's
 * {@code @DoNotTouch}. Such attributes can change without breaking the item signature. For static
 * table schemas use {@link DdbecTags#doNothing()}.
 *
 * <p>Needs {@link DynamoDbEncryptionExtension} registered on the Enhanced Client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@BeanTableSchemaAttributeTag(DdbecTags.class)
public @interface DdbecDoNothing {}
