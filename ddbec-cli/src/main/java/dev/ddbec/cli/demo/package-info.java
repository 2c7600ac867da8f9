/**
 * The pieces of {@code ddbec demo}: an in-process DynamoDB Local server, the demo's items and a
 * plain-text table renderer. Not public API.
 */
package dev.ddbec.cli.demo;
