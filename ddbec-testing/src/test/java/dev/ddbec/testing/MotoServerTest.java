package dev.ddbec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoServerTest {

  @Test
  void shared_twice_isOneRunningServerOnLoopback() throws IOException {
    MotoServer first = MotoServer.shared();
    MotoServer second = MotoServer.shared();

    assertThat(second).isSameAs(first);
    assertThat(first.isShared()).isTrue();
    assertThat(first.endpoint().getHost()).isEqualTo("127.0.0.1");
    first.close(); // does nothing on the shared server
    assertThat(status(first.endpoint())).isEqualTo(200);
  }

  @Test
  void start_ownServer_closeStopsIt() throws IOException {
    MotoServer own = MotoServer.start(0);
    URI endpoint = own.endpoint();
    assertThat(own.isShared()).isFalse();
    assertThat(own.port()).isNotEqualTo(MotoServer.shared().port());
    assertThat(status(endpoint)).isEqualTo(200);

    own.close();
    own.close();

    assertThatThrownBy(() -> status(endpoint)).isInstanceOf(IOException.class);
  }

  @Test
  void start_venvWithoutMoto_saysHowToCreateIt(@TempDir Path emptyVenv) {
    assertThatThrownBy(() -> MotoServer.start(emptyVenv, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("moto is not installed")
        .hasMessageContaining(MotoServer.SETUP_SCRIPT);
  }

  private static int status(URI endpoint) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
    c.setConnectTimeout(1000);
    c.setReadTimeout(2000);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }
}
