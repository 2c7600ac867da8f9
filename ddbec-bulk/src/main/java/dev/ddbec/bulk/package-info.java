/**
 * Whole tables: {@link dev.ddbec.bulk.TableVerifier} classifies every item of a table, {@link
 * dev.ddbec.bulk.TableRewriter} re-encrypts it under a new configuration (or protects a plaintext
 * table), one worker per parallel-scan segment, resumable from a checkpoint file.
 */
package dev.ddbec.bulk;
