/** The ddbec command line. */
module dev.ddbec.cli {
  requires dev.ddbec.core;
  requires dev.ddbec.vectors;
  requires dev.ddbec.bulk; // ddbec table
  // The options of ddbec table, encrypt and decrypt (shared with the Spark job).
  requires dev.ddbec.cli.options;
  requires me.tongfei.progressbar;
  requires dev.ddbec.provider.keystore;
  requires dev.ddbec.provider.pkcs11;
  // The demo's local moto server (MotoServer).
  requires dev.ddbec.testing;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires java.net.http; // ddbec vectors fetch
  requires org.apache.commons.compress;
  // DynamoDB clients: the metastore commands, the vector runner's MetaStore scenarios, and the
  // demo's client of its DynamoDB.
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.auth;

  opens dev.ddbec.cli to
      info.picocli;
}
