/**
 * JMH benchmarks of ddbec side by side with the official Java client ({@code
 * aws-dynamodb-encryption-java} 2.0.3) and a raw-crypto floor; run them with {@code
 * ddbec-benchmarks/run.sh}, never from the build.
 *
 * <ul>
 *   <li>{@link dev.ddbec.benchmarks.ItemEncryptionBenchmark}: encrypt and decrypt per {@link
 *       dev.ddbec.benchmarks.ItemShape} × {@link dev.ddbec.benchmarks.ProviderKind}, ddbec and the
 *       official client on the same item, keys and actions;
 *   <li>{@link dev.ddbec.benchmarks.CryptoFloorBenchmark}: the cryptography alone, the physical
 *       limit of the format;
 *   <li>{@link dev.ddbec.benchmarks.HelperClientBenchmark}: put+get against the local moto server
 *       through each {@link dev.ddbec.benchmarks.ClientKind}.
 * </ul>
 *
 * <p>New providers and clients are added as constants of {@link dev.ddbec.benchmarks.ProviderKind}
 * and {@link dev.ddbec.benchmarks.ClientKind}; the benchmark classes, the floor and the report pick
 * them up without change.
 */
package dev.ddbec.benchmarks;
