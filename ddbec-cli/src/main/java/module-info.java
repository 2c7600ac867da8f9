/** The ddbec command line. */
module dev.ddbec.cli {
  requires dev.ddbec.core;
  requires dev.ddbec.vectors;
  requires dev.ddbec.provider.keystore;
  requires dev.ddbec.provider.pkcs11;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires java.net.http; // ddbec vectors fetch
  requires org.apache.commons.compress;
  // DynamoDB clients: the metastore commands, the vector runner's MetaStore scenarios, and the
  // demo's client of DynamoDB Local (which itself is reached by reflection at run time).
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.auth;

  opens dev.ddbec.cli to
      info.picocli;
}
