/** DynamoDB JSON (the form {@code aws dynamodb get-item} prints) to and from SDK v2 items. */
package dev.ddbec.vectors.json;
