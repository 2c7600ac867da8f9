package dev.ddbec.enhanced;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.BeanTableSchemaAttributeTag;

/**
 * On the getter of a bean or immutable attribute: the attribute is encrypted and signed ({@link
 * dev.ddbec.api.CryptoAction#ENCRYPT_AND_SIGN}) whatever the class's {@link DdbecDefaultAction}, so
 * a class can opt in to encryption attribute by attribute:
 * {@code @DdbecDefaultAction(CryptoAction.SIGN_ONLY)} (or {@code DO_NOTHING}) on the class and this
 * on what to encrypt. The official Java client's mapper has no such annotation (its issue #69 asks
 * for it); static table schemas use {@link DdbecTags#encryptAndSign()}. Key and version attributes
 * cannot carry it ({@link dev.ddbec.api.InvalidConfigurationException}).
 *
 * <p>Needs {@link DynamoDbEncryptionExtension} registered on the Enhanced Client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@BeanTableSchemaAttributeTag(DdbecTags.class)
public @interface DdbecEncryptAndSign {}
