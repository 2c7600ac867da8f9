/**
 * Core vocabulary of ddbec: {@link dev.ddbec.api.CryptoAction}, {@link
 * dev.ddbec.api.AttributeActions}, {@link dev.ddbec.api.EncryptionContext} and the {@link
 * dev.ddbec.api.DdbecException} family.
 */
package dev.ddbec.api;
