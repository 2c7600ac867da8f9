package dev.ddbec.cli;

import dev.ddbec.testing.LocalDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/** What the CLI's tests set up again and again: materials files, argument lists, a run. */
final class CliFixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CliFixtures() {}

  /**
   * Writes fresh random wrapping and signing keys to {@code dir} and a {@code provider=wrapped}
   * materials file naming them.
   *
   * @return {@code dir/NAME.properties}
   */
  static Path wrappedMaterials(Path dir, String name) throws IOException {
    Path w = Files.write(dir.resolve(name + ".wrap"), randomKey());
    Path s = Files.write(dir.resolve(name + ".sign"), randomKey());
    return Files.writeString(
        dir.resolve(name + ".properties"),
        "provider=wrapped\nwrapping-key=file:" + w + "\nsigning-key=file:" + s + "\n");
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * {@code COMMAND --table Books --partition-key isbn --materials M --in IN --out OUT EXTRA...}: an
   * item-stream command ({@code encrypt} or {@code decrypt}) on the Books table.
   */
  static String[] itemStreamArgs(
      String command, Path materials, Path in, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--in", in.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return streamArgs(command, "Books", "isbn", materials, args.toArray(String[]::new));
  }

  /** {@code COMMAND --table T --partition-key K --materials M EXTRA...}. */
  static String[] streamArgs(
      String command, String table, String partitionKey, Path materials, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--table",
                table,
                "--partition-key",
                partitionKey,
                "--materials",
                materials.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /**
   * {@code COMMAND SUBCOMMAND --table T --endpoint E --region R EXTRA...} against the local
   * DynamoDB.
   */
  static String[] localTableArgs(
      LocalDynamoDb local, String command, String subcommand, String table, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                subcommand,
                "--table",
                table,
                "--endpoint",
                local.endpoint().toString(),
                "--region",
                LocalDynamoDb.REGION.id()));
    args.addAll(extra);
    return args.toArray(String[]::new);
  }

  /** ddbec's command line, with {@code command} making the instances of {@code type}. */
  static <T> CommandLine withCommand(Class<T> type, Supplier<T> command) {
    return new CommandLine(
        new DdbecCli(),
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == type) {
              return cls.cast(command.get());
            }
            return CommandLine.defaultFactory().create(cls);
          }
        });
  }

  /** Runs {@code cmd} with its output and errors into the given writers; the exit status. */
  static int execute(CommandLine cmd, StringWriter out, StringWriter err, String... args) {
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    cmd.getOut().flush();
    cmd.getErr().flush();
    return code;
  }

  /** The bytes of {@code parts}, one after the other. */
  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    parts.forEach(b::writeBytes);
    return b.toByteArray();
  }
}
