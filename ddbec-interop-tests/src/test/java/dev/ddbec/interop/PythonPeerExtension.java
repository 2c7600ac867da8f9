package dev.ddbec.interop;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link PythonPeer} before a test class's tests and closes it after them. Register as
 * {@code @RegisterExtension static final PythonPeerExtension PEER = new PythonPeerExtension();}.
 */
final class PythonPeerExtension implements BeforeAllCallback, AfterAllCallback {
  private PythonPeer peer;

  @Override
  public void beforeAll(ExtensionContext context) {
    peer = PythonPeer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (peer != null) {
      peer.close();
      peer = null;
    }
  }

  /** The running peer (between the class's {@code beforeAll} and {@code afterAll}). */
  PythonPeer peer() {
    return peer;
  }
}
