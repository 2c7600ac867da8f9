/**
 * ddbec test vectors: runs a directory of DynamoDB Encryption Client test vectors against ddbec
 * ({@code dev.ddbec.vectors}), and converts DynamoDB JSON to and from SDK v2 items ({@code
 * dev.ddbec.vectors.json}). Used by the {@code ddbec vectors} command and by ddbec's interop tests.
 */
module dev.ddbec.vectors {
  requires transitive dev.ddbec.core;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.ddbec.vectors;
  exports dev.ddbec.vectors.json;
}
