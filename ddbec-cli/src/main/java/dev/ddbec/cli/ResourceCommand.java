package dev.ddbec.cli;

import dev.ddbec.api.DdbecException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs against one resource it opens from its options (a DynamoDB client, a PKCS#11
 * token) and closes when done; a ddbec error becomes a message and an exit code.
 *
 * @param <R> the resource
 */
abstract class ResourceCommand<R extends AutoCloseable> implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Opens the resource (the command closes it). */
  abstract R open();

  /** Runs the command; the exit code. */
  abstract int run(R resource, PrintWriter out);

  /**
   * Reports a ddbec error (of opening, running or closing); the exit code. By default as {@link
   * DdbecCli#report}: 2 for a configuration error, 1 otherwise.
   */
  int failed(DdbecException e, PrintWriter out, PrintWriter err) {
    return DdbecCli.report(err, e);
  }

  // "try": R's close() may throw InterruptedException as far as javac knows; the resources used
  // (DynamoDbClient, Pkcs11Token) declare no checked exception.
  @SuppressWarnings("try")
  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (R resource = open()) {
      int code = run(resource, out);
      out.flush();
      return code;
    } catch (DdbecException e) {
      return failed(e, out, err);
    }
  }
}
