package dev.ddbec.cli.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddbec vectors fetch} without the network: archives built here, served by a local HTTP
 * server in the role of the package index.
 */
class OfficialVectorsTest {
  @TempDir Path dir;
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A source distribution: name → content; a null content makes a symbolic link. */
  private static byte[] tarGz(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(b))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> e : entries.entrySet()) {
        if (e.getValue() == null) {
          TarArchiveEntry link = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
          link.setLinkName("/etc/passwd");
          tar.putArchiveEntry(link);
          tar.closeArchiveEntry();
          continue;
        }
        byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return b.toByteArray();
  }

  private static final String TOP = "dynamodb-encryption-sdk-3.3.0/";
  private static final String LONG =
      "encrypted_item/ciphertext/python/a-file-name-long-enough-to-need-a-pax-header-in-the-archive"
          + "-because-it-is-over-a-hundred-characters.json";

  private static Map<String, String> sdist() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put(TOP + "setup.py", "not a vector");
    m.put(TOP + "test/vectors/deserialize_attribute.json", "[]");
    m.put(TOP + "test/vectors/" + LONG, "{}");
    m.put(TOP + "test/vectors/link.json", null);
    return m;
  }

  @Test
  void unpack_sourceDistribution_writesOnlyRegularFilesUnderTestVectors() throws Exception {
    Path target = dir.resolve("vectors");
    int n = OfficialVectors.unpack(new ByteArrayInputStream(tarGz(sdist())), target);
    assertThat(n).isEqualTo(2);
    assertThat(target.resolve("deserialize_attribute.json")).hasContent("[]");
    assertThat(target.resolve(LONG)).hasContent("{}");
    assertThat(target.resolve("link.json")).doesNotExist();
    assertThat(target.resolve("setup.py")).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).containsExactly(target); // no temporary directory left behind
    }
  }

  @Test
  void unpack_entryEscapingTheTarget_refusedAndNothingCreated() throws Exception {
    Map<String, String> evil = sdist();
    evil.put(TOP + "test/vectors/../../../outside.json", "x");
    Path target = dir.resolve("vectors");
    assertThatThrownBy(() -> OfficialVectors.unpack(new ByteArrayInputStream(tarGz(evil)), target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unsafe path");
    assertThat(target).doesNotExist();
    assertThat(dir.getParent().resolve("outside.json")).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void unpack_notEmptyTarget_refused() throws Exception {
    Files.writeString(dir.resolve("mine.txt"), "keep");
    assertThatThrownBy(() -> OfficialVectors.unpack(new ByteArrayInputStream(tarGz(sdist())), dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not empty");
    assertThat(dir.resolve("mine.txt")).hasContent("keep");
  }

  @Test
  void unpack_archiveWithoutVectors_refused() throws Exception {
    Path target = dir.resolve("vectors");
    assertThatThrownBy(
            () ->
                OfficialVectors.unpack(
                    new ByteArrayInputStream(tarGz(Map.of(TOP + "setup.py", "x"))), target))
        .hasMessageContaining("holds no test/vectors/ files");
    assertThat(target).doesNotExist();
  }

  @Test
  void verify_otherBytes_refusedNamingBothHashes() {
    assertThatThrownBy(
            () ->
                OfficialVectors.verify(
                    "not the archive".getBytes(StandardCharsets.UTF_8),
                    OfficialVectors.FILE_NAME,
                    OfficialVectors.SHA256))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(OfficialVectors.SHA256)
        .hasMessageContaining("nothing was unpacked");
  }

  @Test
  void archiveUri_pep691Page_resolvesTheSdistWithThePinnedHash() throws Exception {
    URI page = URI.create("https://pypi.org/simple/dynamodb-encryption-sdk/");
    String json =
        "{\"files\":[{\"filename\":\"dynamodb_encryption_sdk-3.3.0-py3-none-any.whl\","
            + "\"hashes\":{\"sha256\":\"00\"},\"url\":\"https://files.example/w.whl\"},"
            + "{\"filename\":\""
            + OfficialVectors.FILE_NAME
            + "\",\"hashes\":{\"sha256\":\""
            + OfficialVectors.SHA256
            + "\"},\"url\":\"../../packages/x/"
            + OfficialVectors.FILE_NAME
            + "\"}]}";
    assertThat(
            OfficialVectors.archiveUri(
                page,
                json.getBytes(StandardCharsets.UTF_8),
                OfficialVectors.FILE_NAME,
                OfficialVectors.SHA256))
        .isEqualTo(URI.create("https://pypi.org/packages/x/" + OfficialVectors.FILE_NAME));
    String otherHash = json.replace(OfficialVectors.SHA256, "ab".repeat(32));
    assertThatThrownBy(
            () ->
                OfficialVectors.archiveUri(
                    page,
                    otherHash.getBytes(StandardCharsets.UTF_8),
                    OfficialVectors.FILE_NAME,
                    OfficialVectors.SHA256))
        .hasMessageContaining("not the published");
  }

  private URI serve(byte[] archive, String listedSha256) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String page =
        "{\"files\":[{\"filename\":\"v.tar.gz\",\"hashes\":{\"sha256\":\""
            + listedSha256
            + "\"},\"url\":\"/files/v.tar.gz\"}]}";
    server.createContext(
        "/simple/dynamodb-encryption-sdk/",
        x -> {
          byte[] b = page.getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/vnd.pypi.simple.v1+json");
          x.sendResponseHeaders(200, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    server.createContext(
        "/files/v.tar.gz",
        x -> {
          x.sendResponseHeaders(200, archive.length);
          x.getResponseBody().write(archive);
          x.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simple/");
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void fetch_localIndex_downloadsVerifiesAndUnpacks() throws Exception {
    byte[] archive = tarGz(sdist());
    String sha = sha256(archive);
    URI index = serve(archive, sha);
    Path target = dir.resolve("v");
    assertThat(OfficialVectors.fetch(index, target, "v.tar.gz", sha)).isEqualTo(2);
    assertThat(target.resolve("deserialize_attribute.json")).hasContent("[]");
  }

  @Test
  void fetch_indexServesOtherBytesThanPublished_refusedAndNothingCreated() throws Exception {
    byte[] archive = tarGz(sdist());
    String published = "cd".repeat(32);
    URI index = serve(archive, published); // the index lies about the hash
    Path target = dir.resolve("v");
    assertThatThrownBy(() -> OfficialVectors.fetch(index, target, "v.tar.gz", published))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not the published");
    assertThat(target).doesNotExist();
  }
}
