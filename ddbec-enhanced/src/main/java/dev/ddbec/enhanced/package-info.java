/**
 * The Enhanced Client extension: {@link dev.ddbec.enhanced.DynamoDbEncryptionExtension} encrypts
 * and signs items written through a {@code DynamoDbEnhancedClient} and verifies and decrypts items
 * read, with actions from annotations ({@link dev.ddbec.enhanced.DdbecSignOnly}, {@link
 * dev.ddbec.enhanced.DdbecDoNothing}, {@link dev.ddbec.enhanced.DdbecDefaultAction}) or static
 * schema tags ({@link dev.ddbec.enhanced.DdbecTags}). Needs {@code
 * software.amazon.awssdk:dynamodb-enhanced} on the class path, which this module (ddbec-enhanced)
 * depends on.
 */
package dev.ddbec.enhanced;
