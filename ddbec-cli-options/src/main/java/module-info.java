/**
 * The command-line options that {@code ddbec} (dev.ddbec.cli) and the Spark job (dev.ddbec.spark)
 * share, as picocli mixins.
 */
module dev.ddbec.cli.options {
  // Mixins are picocli types; BulkOptions.Builder, CryptoAction and AttributeActions are in their
  // signatures.
  requires transitive info.picocli;
  requires transitive dev.ddbec.bulk;

  exports dev.ddbec.cli.options;

  // picocli sets the options' fields.
  opens dev.ddbec.cli.options to
      info.picocli;
}
