/**
 * The options of whole-table and item commands that {@code ddbec} and the {@code spark-submit} job
 * {@code DdbecSparkJob} both take, as picocli {@link picocli.CommandLine.Mixin mixins}: each
 * option's name, parameter label, default and description is declared here once, and both command
 * lines add the mixins to their commands.
 *
 * <p>Whole tables ({@code ddbec table verify|reencrypt|protect}, and the Spark job's {@code
 * verify}, {@code reencrypt}, {@code protect}): {@link
 * dev.ddbec.cli.options.DynamoDbEndpointOptions}, {@link dev.ddbec.cli.options.TableOptions},
 * {@link dev.ddbec.cli.options.CurrentProtectionOptions}, {@link
 * dev.ddbec.cli.options.TargetProtectionOptions} and {@link dev.ddbec.cli.options.WriteOptions}.
 * {@code --checkpoint} is not here: a checkpoint file for {@code ddbec table}, a directory (Hadoop
 * path) of one file per segment for the Spark job.
 *
 * <p>Items ({@code ddbec encrypt|decrypt}, the Spark job's {@code decrypt-export}): {@link
 * dev.ddbec.cli.options.TableKeyOptions} and {@link dev.ddbec.cli.options.MaterialsOptions}.
 */
package dev.ddbec.cli.options;
