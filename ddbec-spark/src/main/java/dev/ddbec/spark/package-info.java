/**
 * ddbec on Apache Spark: {@link dev.ddbec.spark.TableJob} verifies, re-encrypts and protects live
 * tables with one task per parallel-scan segment, {@link dev.ddbec.spark.DynamoDbExports} verifies,
 * decrypts and encrypts DynamoDB table exports, and {@link dev.ddbec.spark.DdbecSparkJob} is the
 * {@code spark-submit} entry point. Configuration ({@link dev.ddbec.spark.SparkMaterials}, {@link
 * dev.ddbec.spark.SparkProtection}, {@link dev.ddbec.spark.DynamoDbSettings}) is serializable and
 * holds no secret: secrets are {@code env:} / {@code file:} references resolved on the executors.
 */
package dev.ddbec.spark;
