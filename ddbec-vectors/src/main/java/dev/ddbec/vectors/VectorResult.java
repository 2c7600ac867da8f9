package dev.ddbec.vectors;

/**
 * The outcome of one vector case or scenario.
 *
 * @param name the case, e.g. {@code serialize_attribute.json#3} or a scenario's ciphertext file
 * @param status pass, fail, or not run (with the reason in {@code detail})
 * @param detail what was checked, or why it failed or was not run
 */
public record VectorResult(String name, Status status, String detail) {
  /** Outcome kinds. */
  public enum Status {
    /** Checked and matched. */
    PASS,
    /** Checked and did not match, or could not be checked. */
    FAIL,
    /** Not run here, e.g. it needs the real AWS KMS key of the official test account. */
    NOT_RUN
  }
}
