/**
 * The pieces of {@code ddbec demo}: its DynamoDB (a local moto server, or an endpoint the user
 * names), the demo's items, its keys, what it prints and a plain-text table renderer. Not public
 * API.
 */
package dev.ddbec.cli.demo;
