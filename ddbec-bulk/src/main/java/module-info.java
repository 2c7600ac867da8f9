/**
 * ddbec bulk: whole-table verify, re-encrypt and protect with DynamoDB's parallel scan, conditional
 * writes, resumable checkpoints and a capacity budget.
 */
module dev.ddbec.bulk {
  requires transitive dev.ddbec.core;
  // RateLimiter for the capacity budget; internal only.
  requires com.google.common;
  // Throttling errors (AwsServiceException) and SdkBytes.
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;

  exports dev.ddbec.bulk;
}
