/**
 * ddbec examples: one small class per way of using ddbec, each with a {@code main} method for a
 * real AWS account and a {@code run} method that the tests call against a local moto server
 * (DynamoDB and KMS) or a SoftHSM2 token. The docs' code snippets are regions of these files.
 */
package dev.ddbec.examples;
