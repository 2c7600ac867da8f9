/**
 * The Enhanced Client extension: {@link dev.ddbec.core.enhanced.DynamoDbEncryptionExtension}
 * encrypts and signs items written through a {@code DynamoDbEnhancedClient} and verifies and
 * decrypts items read, with actions from annotations ({@link
 * dev.ddbec.core.enhanced.DdbecSignOnly}, {@link dev.ddbec.core.enhanced.DdbecDoNothing}, {@link
 * dev.ddbec.core.enhanced.DdbecDefaultAction}) or static schema tags ({@link
 * dev.ddbec.core.enhanced.DdbecTags}). Needs {@code software.amazon.awssdk:dynamodb-enhanced} on
 * the class path (an optional dependency of ddbec-core).
 */
package dev.ddbec.core.enhanced;
