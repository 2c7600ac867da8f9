package dev.ddbec.cli;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.CryptoAction;
import dev.ddbec.api.DdbecException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.MaterialsProviders;
import dev.ddbec.api.spi.MaterialsProvider;
import dev.ddbec.cli.demo.DemoDynamoDb;
import dev.ddbec.cli.demo.DemoItems;
import dev.ddbec.cli.demo.DemoKeys;
import dev.ddbec.cli.demo.DemoOutput;
import dev.ddbec.core.client.EncryptedDynamoDbClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code ddbec demo}: a local moto server (or {@code --endpoint}), a table, fresh keys, a few items
 * written through {@link EncryptedDynamoDbClient}, what is stored next to what is read, and tamper
 * detection.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows ddbec at work on a local DynamoDB, without an AWS account.",
      "",
      "Starts a moto server (the open-source AWS stand-in, from the project's Python venv) on"
          + " 127.0.0.1, in memory, or uses --endpoint; creates a table and fresh keys (a PKCS12"
          + " key store in a temporary directory, or --materials), writes a few items through"
          + " EncryptedDynamoDbClient, shows what DynamoDB stores next to what the application"
          + " reads, then changes stored items behind the client's back to show tamper detection."
          + " The launcher ./ddbec creates the venv on first use (scripts/python-env.sh).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ddbec demo",
      "  ddbec demo --keep       # then look at the table yourself",
      "  ddbec demo --materials materials.properties",
      "  ddbec demo --endpoint http://localhost:8000   # any DynamoDB (default credentials)",
      "",
      "Exit codes: 0 done, 1 the demo failed, 2 bad arguments or configuration."
    })
final class DemoCommand implements Callable<Integer> {
  private static final String INDENT = "      ";
  private static final int ITEMS_SHOWN = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--keep",
      description =
          "Leave the server (and the table) up afterwards, until Ctrl-C, and print the commands"
              + " to look at the table with the AWS CLI and ddbec decrypt.")
  boolean keep;

  @Option(
      names = "--materials",
      paramLabel = "FILE",
      description =
          "Use this materials provider configuration (see docs/providers.md) instead of a new"
              + " key store.")
  Path materials;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "The local moto server's port on 127.0.0.1 (default: a free port).")
  int port;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "Run against this DynamoDB endpoint instead of a local moto server, with the AWS SDK's"
              + " default credentials. The demo creates table "
              + DemoItems.TABLE
              + " there and deletes it at the end.")
  URI endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-west-2",
      description = "The region to sign --endpoint requests for (default: ${DEFAULT-VALUE}).")
  String region;

  /** Blocks while the server is kept running (--keep); tests replace it. */
  private final KeepRunning keepRunning;

  private PrintWriter out;
  private DemoOutput say;
  private long started;

  /** What {@code --keep} does once everything is printed. */
  interface KeepRunning {
    /**
     * Returns when the demo may stop its DynamoDB.
     *
     * @param local the running server
     * @param decryptArgs the arguments of the printed {@code ddbec decrypt} command
     * @throws Exception if interrupted, or what a test's replacement throws
     */
    void await(DemoDynamoDb local, List<String> decryptArgs) throws Exception;
  }

  DemoCommand() {
    this((local, args) -> new CountDownLatch(1).await()); // until Ctrl-C ends the JVM
  }

  DemoCommand(KeepRunning keepRunning) {
    this.keepRunning = keepRunning;
  }

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    say = new DemoOutput(out);
    PrintWriter err = spec.commandLine().getErr();
    started = System.nanoTime();
    // The SDK logs through SLF4J, which has no binding here: keep its notice
    // about that out of the demo's output.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    if (materials != null && !Files.isReadable(materials)) {
      err.println("ddbec demo: cannot read --materials " + materials);
      err.flush();
      return 2;
    }
    if (port < 0 || port > 65535) {
      err.println("ddbec demo: --port must be between 1 and 65535 (or 0 for a free port)");
      err.flush();
      return 2;
    }
    Resources resources = new Resources(Files.createTempDirectory("ddbec-demo-"));
    try {
      run(resources);
      if (keep) {
        // Ctrl-C ends the JVM without unwinding this thread: clean up in a shutdown hook too.
        Thread hook = new Thread(resources::close, "ddbec-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        keepRunning.await(resources.local, decryptArgs(resources));
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) { // the JVM is shutting down: the hook runs anyway
          // resources.close() is idempotent
        }
      }
      return 0;
    } catch (DdbecException e) {
      out.println();
      out.flush();
      err.println("ddbec demo: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      err.flush();
      return e instanceof ItemIntegrityException ? 1 : 2;
    } catch (IllegalStateException | SdkException e) { // moto did not start, or no answer
      out.println();
      out.flush();
      Throwable cause = e.getCause();
      err.println(
          "ddbec demo: "
              + e.getMessage()
              + (cause == null
                  ? ""
                  : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")"));
      err.flush();
      return 1;
    } finally {
      resources.close();
      out.flush();
    }
  }

  private void run(Resources r) throws IOException {
    out.println(
        "ddbec demo: client-side encryption and signing of DynamoDB items, on "
            + (endpoint == null ? "a local moto server" : endpoint.toString()));
    out.println();

    long t;
    if (endpoint == null) {
      t = say.step(1, "Starting a local DynamoDB (moto, in memory, on 127.0.0.1)");
      r.local = DemoDynamoDb.startLocal(port);
    } else {
      t = say.step(1, "Using DynamoDB at " + endpoint + " (" + region + ")");
      r.local = DemoDynamoDb.connect(endpoint, Region.of(region));
    }
    say.done(t, r.local.endpoint().toString());
    DynamoDbClient plain = r.local.client();

    t = say.step(2, "Creating table " + DemoItems.TABLE + " (partition key " + pk() + ")");
    plain.createTable(
        c ->
            c.tableName(DemoItems.TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(pk())
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName(pk()).keyType(KeyType.HASH).build()));
    r.tableCreated = true;
    if (!r.local.isLocal()) {
      plain.waiter().waitUntilTableExists(w -> w.tableName(DemoItems.TABLE));
    }
    say.done(t, null);

    if (materials == null) {
      t = say.step(3, "Creating keys: a PKCS12 key store, AES-256 + HmacSHA256");
      r.materials = DemoKeys.createKeyStore(r.dir);
      say.done(t, null);
      out.println(INDENT + "key store  " + r.dir.resolve(DemoKeys.KEY_STORE_FILE));
      out.println(INDENT + "materials  " + r.materials + "  (provider=keystore)");
    } else {
      t = say.step(3, "Loading keys from " + materials);
      r.materials = materials.toAbsolutePath().normalize();
      say.done(t, null);
    }
    r.provider = MaterialsProviders.load(r.materials);

    AttributeActions actions = DemoItems.actions();
    List<Map<String, AttributeValue>> customers = DemoItems.customers();
    t = say.step(4, "Writing " + customers.size() + " customers through EncryptedDynamoDbClient");
    // The encrypted client would close its delegate: give it a client of its own.
    r.encrypted =
        EncryptedDynamoDbClient.builder()
            .delegate(r.local.newClient())
            .materialsProvider(r.provider)
            .attributeActions(actions)
            .build();
    for (Map<String, AttributeValue> customer : customers) {
      r.encrypted.putItem(p -> p.tableName(DemoItems.TABLE).item(customer));
    }
    say.done(t, null);
    say.wrap(
        INDENT,
        "actions: ENCRYPT_AND_SIGN by default, "
            + DemoItems.SIGN_ONLY_ATTRIBUTE
            + " SIGN_ONLY, "
            + DemoItems.DO_NOTHING_ATTRIBUTE
            + " DO_NOTHING; the partition key is signed, never encrypted");

    List<Map<String, AttributeValue>> stored = new ArrayList<>();
    for (Map<String, AttributeValue> customer : customers) {
      stored.add(plain.getItem(g -> g.tableName(DemoItems.TABLE).key(key(customer))).item());
    }
    DemoOutput.writeJsonLines(r.dir.resolve("stored.jsonl"), stored);

    t = say.step(5, "Reading them back through EncryptedDynamoDbClient");
    List<Map<String, AttributeValue>> read = new ArrayList<>();
    for (Map<String, AttributeValue> customer : customers.subList(0, ITEMS_SHOWN)) {
      read.add(r.encrypted.getItem(g -> g.tableName(DemoItems.TABLE).key(key(customer))).item());
    }
    say.done(t, null);
    out.println();
    say.sideBySide(customers, stored, read, actions);
    out.println();
    tamper(r, customers, stored);
    out.println();
    say.nextSteps();
    out.println();
    out.printf(Locale.ROOT, "Demo finished in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    if (keep) {
      out.println();
      say.keepInstructions(r.local, decryptArgs(r), r.dir);
    }
    out.flush();
  }

  private void tamper(
      Resources r,
      List<Map<String, AttributeValue>> customers,
      List<Map<String, AttributeValue>> stored) {
    DynamoDbClient plain = r.local.client();
    out.println(
        "Tamper detection: someone who can write to the table, but has no keys, changes stored"
            + " items");
    out.println(
        "with a plain DynamoDbClient; the application reads them through"
            + " EncryptedDynamoDbClient.");

    // 1. A signed (readable) value changed.
    Map<String, AttributeValue> second = customers.get(1);
    String tier = DemoItems.SIGN_ONLY_ATTRIBUTE;
    out.println(
        "  1. "
            + id(second)
            + ": "
            + tier
            + " \""
            + second.get(tier).s()
            + "\" -> \"platinum\"  (SIGN_ONLY: readable, but signed)");
    setString(plain, second, tier, "platinum");
    expectRejected(r, second, true);

    // 2. A valid ciphertext moved from another item.
    Map<String, AttributeValue> third = customers.get(2);
    out.println(
        "  2. "
            + id(third)
            + ": email replaced by the encrypted email of "
            + id(customers.get(0))
            + "  (a valid ciphertext, from another item)");
    Map<String, AttributeValue> swapped = new LinkedHashMap<>(stored.get(2));
    swapped.put("email", stored.get(0).get("email"));
    plain.putItem(p -> p.tableName(DemoItems.TABLE).item(swapped));
    expectRejected(r, third, false);

    // 3. An unprotected value changed: not detected, by design.
    Map<String, AttributeValue> fourth = customers.get(3);
    String login = DemoItems.DO_NOTHING_ATTRIBUTE;
    String forged = "1970-01-01T00:00:00Z";
    out.println(
        "  3. "
            + id(fourth)
            + ": "
            + login
            + " \""
            + fourth.get(login).s()
            + "\" -> \""
            + forged
            + "\"  (DO_NOTHING: not signed)");
    setString(plain, fourth, login, forged);
    Map<String, AttributeValue> read =
        r.encrypted.getItem(g -> g.tableName(DemoItems.TABLE).key(key(fourth))).item();
    say.wrap(
        "     ",
        "read: ACCEPTED, "
            + login
            + " = \""
            + read.get(login).s()
            + "\": DO_NOTHING attributes are not protected; choose actions with care.");
  }

  private void expectRejected(
      Resources r, Map<String, AttributeValue> customer, boolean wholeMessage) {
    try {
      r.encrypted.getItem(g -> g.tableName(DemoItems.TABLE).key(key(customer)));
      out.println("     read: accepted -- this should not happen");
      throw new IllegalStateException("a tampered item was accepted");
    } catch (ItemIntegrityException e) {
      String message = e.getMessage();
      int colon = message.indexOf(':');
      say.wrap(
          "     ",
          "read: REJECTED, ItemIntegrityException: "
              + (wholeMessage || colon < 0 ? message : message.substring(0, colon)));
    }
  }

  private static List<String> decryptArgs(Resources r) {
    AttributeActions actions = DemoItems.actions();
    List<String> args = new ArrayList<>();
    args.add("decrypt");
    args.add("--table");
    args.add(DemoItems.TABLE);
    args.add("--partition-key");
    args.add(pk());
    actions.overrides().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              args.add("--action");
              args.add(e.getKey() + "=" + e.getValue());
            });
    if (actions.defaultAction() != CryptoAction.ENCRYPT_AND_SIGN) {
      args.add("--default-action");
      args.add(actions.defaultAction().name());
    }
    args.add("--materials");
    args.add(r.materials.toString());
    return args;
  }

  private static String pk() {
    return DemoItems.PARTITION_KEY;
  }

  /** Changes one string attribute of a stored item behind the encrypted client's back. */
  private static void setString(
      DynamoDbClient plain, Map<String, AttributeValue> item, String attribute, String value) {
    plain.updateItem(
        u ->
            u.tableName(DemoItems.TABLE)
                .key(key(item))
                .updateExpression("SET #a = :v")
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
  }

  private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
    return Map.of(pk(), item.get(pk()));
  }

  private static String id(Map<String, AttributeValue> item) {
    return item.get(pk()).s();
  }

  /** What the demo holds; closed once, by the command or by the shutdown hook. */
  private static final class Resources {
    final Path dir;
    final AtomicBoolean closed = new AtomicBoolean();
    DemoDynamoDb local;
    boolean tableCreated;
    Path materials;
    MaterialsProvider provider;
    EncryptedDynamoDbClient encrypted;

    Resources(Path dir) {
      this.dir = dir;
    }

    void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (encrypted != null) {
        encrypted.close();
      }
      if (provider instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) { // closing at the end of the demo; nothing left to protect
          // ignored
        }
      }
      if (local != null) {
        if (tableCreated && !local.isLocal()) {
          try {
            local.client().deleteTable(d -> d.tableName(DemoItems.TABLE));
          } catch (SdkException e) { // the user's endpoint: say so, do not fail the demo over it
            System.err.println(
                "ddbec demo: could not delete table " + DemoItems.TABLE + ": " + e.getMessage());
          }
        }
        local.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(DemoCommand::deleteQuietly);
      } catch (IOException | UncheckedIOException e) {
        // A temporary directory left behind is not worth failing the demo for.
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // see Resources.close
    }
  }
}
