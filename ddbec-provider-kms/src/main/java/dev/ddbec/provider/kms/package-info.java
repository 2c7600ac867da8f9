/**
 * The Direct KMS materials provider: {@link dev.ddbec.provider.kms.KmsMaterialsProvider} (one AWS
 * KMS call per item) and its {@code kms} factory for configuration by name.
 *
 * <p><b>Which KMS client.</b> A provider with one key id sends every call to one client, chosen
 * when it is built (with a {@code keyIdSelector}, each selected key is served the same way):
 *
 * <ul>
 *   <li>a key ARN names its region: the client registered for that region with {@link
 *       KmsMaterialsProvider.Builder#kmsClient(software.amazon.awssdk.regions.Region,
 *       software.amazon.awssdk.services.kms.KmsClient)} (or the default client when it is
 *       configured for that region);
 *   <li>a multi-Region key ({@code key/mrk-...}) works in every region that holds a replica: the
 *       provider prefers the <em>local</em> region (the builder's {@code region}, else the default
 *       client's region) and sends {@code GenerateDataKey} to the replica there; items written in
 *       any region decrypt in any other;
 *   <li>a key id or alias name without a region: the default client;
 *   <li>no client at all: the provider builds one (region from the key ARN, the builder's {@code
 *       region} or the SDK's default region chain; credentials from the SDK's default chain;
 *       URLConnection HTTP client) and closes it in {@code close()}.
 * </ul>
 *
 * <p><b>Checked responses.</b> Every KMS answer is checked before use (data key length, non-empty
 * wrapped key, key id; in strict mode the reported key), and the plaintext data key is zeroed once
 * the content and signing keys are derived from it. Key numbers must be in DynamoDB's canonical
 * form on encryption ({@code 10.5}, not {@code 10.50}): the KMS encryption context binds them as
 * written, as in the official clients, while DynamoDB stores them canonicalised.
 *
 * <p><b>Failures.</b> Every KMS failure (access denied, disabled key, throttling, invalid
 * ciphertext, network) is a {@link dev.ddbec.api.MaterialsUnavailableException} whose message names
 * the operation, the KMS error code, the key id and the table, with the SDK exception as the cause.
 * An unusable KMS answer is one too, except a {@code Decrypt} plaintext that is not a 32-byte data
 * key: no Direct KMS writer made that wrapped key, so it is an {@link
 * dev.ddbec.api.ItemIntegrityException}. Messages never contain key material.
 *
 * <p><b>Strict key id</b> ({@link KmsMaterialsProvider.Builder#strictKeyId(boolean)}; on by default
 * for a key ARN or key id, off for an alias). The official clients send {@code Decrypt} without a
 * key id, so KMS unwraps with whatever key the item's wrapped data key names, as long as the caller
 * may use it: an item can make its reader use a key the item chose. In strict mode this provider
 * sends the configured key (for a multi-Region key: its replica in the local region) as {@code
 * Decrypt}'s {@code KeyId}, so KMS itself refuses every other key, and it also checks the key KMS
 * reports. Items written by any client under this key, including through an alias that pointed to
 * it, read fine (KMS records the key, not the alias). An alias configuration stays lenient by
 * default: repointing an alias is how aliases rotate keys, and strict mode would make every item
 * written before unreadable.
 */
package dev.ddbec.provider.kms;
