/**
 * ddbec's Enhanced Client extension: {@link dev.ddbec.enhanced.DynamoDbEncryptionExtension} and the
 * annotations and static schema tags that set attribute actions.
 */
module dev.ddbec.enhanced {
  requires transitive dev.ddbec.core;
  requires transitive software.amazon.awssdk.enhanced.dynamodb;
  // The bounded cache of resolved tables; internal only (no Guava type in the exported package).
  requires com.google.common;
  requires org.slf4j;

  exports dev.ddbec.enhanced;
}
