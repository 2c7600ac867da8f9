package dev.ddbec.cli.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbec.vectors.json.DynamoDbJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The official DynamoDB Encryption Client test vectors, as published: the {@code test/vectors/}
 * folder of the {@code dynamodb-encryption-sdk} 3.3.0 source distribution on PyPI. The archive is
 * found through the package index's JSON API (PEP 691, what pip uses), and must have the SHA-256
 * pinned here (the index's own hash is checked against it too), so neither the index nor a mirror
 * can substitute other files. Only regular files under {@code test/vectors/} are unpacked, each to
 * a path inside the target directory.
 */
public final class OfficialVectors {
  /** The distribution. */
  public static final String DISTRIBUTION = "dynamodb-encryption-sdk";

  /** Its version. */
  public static final String VERSION = "3.3.0";

  /** The source distribution's file name on PyPI. */
  public static final String FILE_NAME = DISTRIBUTION + "-" + VERSION + ".tar.gz";

  /** SHA-256 of {@link #FILE_NAME} as published on PyPI (hex). */
  public static final String SHA256 =
      "242183b146cd04b40e2c91aa9d2da02b6797c389a7d7c618d6db84563e8c55ce";

  /** The default package index (PyPI's simple API). */
  public static final URI PYPI = URI.create("https://pypi.org/simple/");

  /** The folder of the source distribution that holds the vectors. */
  static final String VECTORS_FOLDER = "test/vectors/";

  private static final long MAX_ARCHIVE_BYTES = 16L << 20;
  private static final long MAX_UNPACKED_BYTES = 64L << 20;
  private static final int MAX_FILES = 10_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private OfficialVectors() {}

  /**
   * Downloads the source distribution and unpacks its vectors into a new directory.
   *
   * @param index the package index's simple API root, e.g. {@link #PYPI}
   * @param target a directory that does not exist yet or is empty
   * @return the number of files unpacked
   * @throws IOException if the index or the archive cannot be fetched or read, or the archive is
   *     not the published one
   */
  public static int fetch(URI index, Path target) throws IOException {
    return fetch(index, target, FILE_NAME, SHA256);
  }

  /** {@link #fetch(URI, Path)} for another archive (tests serve one of their own). */
  static int fetch(URI index, Path target, String fileName, String sha256) throws IOException {
    requireNewOrEmpty(target);
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    URI page = index.resolve(DISTRIBUTION + "/");
    byte[] json =
        get(
            http,
            HttpRequest.newBuilder(page).header("Accept", "application/vnd.pypi.simple.v1+json"),
            1L << 22);
    URI archive = archiveUri(page, json, fileName, sha256);
    byte[] tarGz = get(http, HttpRequest.newBuilder(archive), MAX_ARCHIVE_BYTES);
    verify(tarGz, fileName, sha256);
    return unpack(new ByteArrayInputStream(tarGz), target);
  }

  private static byte[] get(HttpClient http, HttpRequest.Builder request, long maxBytes)
      throws IOException {
    HttpRequest r = request.timeout(TIMEOUT).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + r.uri(), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("GET " + r.uri() + " answered HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new IOException("GET " + r.uri() + ": response larger than " + maxBytes + " bytes");
      }
      return bytes;
    }
  }

  /**
   * Finds the source distribution in a PEP 691 project page.
   *
   * @param page the page's URI (relative file URLs resolve against it)
   * @param json the page
   * @param fileName the archive's name
   * @param sha256 its published SHA-256 (hex)
   * @return the archive's URI
   * @throws IOException if the page does not list the archive with that SHA-256
   */
  static URI archiveUri(URI page, byte[] json, String fileName, String sha256) throws IOException {
    JsonNode files;
    try {
      files = DynamoDbJson.MAPPER.readTree(json).path("files");
    } catch (JsonProcessingException e) {
      throw new IOException("the package index answered " + page + " with something not JSON");
    }
    for (JsonNode f : files) {
      if (!fileName.equals(f.path("filename").asText())) {
        continue;
      }
      String listed = f.path("hashes").path("sha256").asText("");
      if (!sha256.equalsIgnoreCase(listed)) {
        throw new IOException(
            "the package index lists "
                + fileName
                + " with SHA-256 "
                + (listed.isEmpty() ? "(none)" : listed)
                + ", not the published "
                + sha256);
      }
      URI uri = page.resolve(f.path("url").asText());
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new IOException("the package index gives no http(s) URL for " + fileName);
      }
      return uri;
    }
    throw new IOException("the package index at " + page + " does not list " + fileName);
  }

  /**
   * Checks an archive against the pinned SHA-256.
   *
   * @param tarGz the archive's bytes
   * @param fileName the archive's name
   * @param sha256 its published SHA-256 (hex)
   * @throws IOException if it is not the published archive
   */
  static void verify(byte[] tarGz, String fileName, String sha256) throws IOException {
    byte[] actual;
    try {
      actual = MessageDigest.getInstance("SHA-256").digest(tarGz);
    } catch (NoSuchAlgorithmException e) { // every Java platform has SHA-256
      throw new IllegalStateException(e);
    }
    if (!MessageDigest.isEqual(actual, HexFormat.of().parseHex(sha256))) {
      throw new IOException(
          "the downloaded "
              + fileName
              + " has SHA-256 "
              + HexFormat.of().formatHex(actual)
              + ", not the published "
              + sha256
              + "; nothing was unpacked");
    }
  }

  /**
   * Unpacks the {@code test/vectors/} folder of a source distribution into a new directory: the
   * files go to a temporary directory beside the target, which is then renamed, so the target is
   * either complete or not there.
   *
   * @param tarGz the archive: one top-level folder holding {@code test/vectors/}
   * @param target a directory that does not exist yet or is empty
   * @return the number of files unpacked
   * @throws IOException if the target is not empty, the archive cannot be read or holds no vectors,
   *     or an entry would land outside the target
   */
  public static int unpack(InputStream tarGz, Path target) throws IOException {
    requireNewOrEmpty(target);
    Path dir = target.toAbsolutePath().normalize();
    Path parent = dir.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, ".ddbec-vectors-");
    try {
      int count = extract(tarGz, tmp);
      if (count == 0) {
        throw new IOException("the archive holds no " + VECTORS_FOLDER + " files");
      }
      Files.deleteIfExists(dir); // empty, checked above
      Files.move(tmp, dir);
      return count;
    } finally {
      deleteTree(tmp);
    }
  }

  /**
   * Checks that a directory can take the vectors.
   *
   * @param target the directory
   * @throws IOException if it exists and is not an empty directory
   */
  public static void requireNewOrEmpty(Path target) throws IOException {
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new IOException(target + " exists and is not a directory");
      }
      try (Stream<Path> s = Files.list(target)) {
        if (s.findAny().isPresent()) {
          throw new IOException(target + " is not empty; give a new or empty directory");
        }
      }
    }
  }

  private static int extract(InputStream tarGz, Path into) throws IOException {
    int count = 0;
    long total = 0;
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(tarGz))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String rel = vectorsPath(e.getName());
        if (rel == null || !isRegularFile(e)) {
          continue; // outside test/vectors/, a folder, a link (never followed) or a device
        }
        Path dest = into.resolve(rel).normalize();
        if (!dest.startsWith(into) || dest.equals(into)) {
          throw new IOException("archive entry " + e.getName() + " would land outside the target");
        }
        if (++count > MAX_FILES) {
          throw new IOException("the archive holds more than " + MAX_FILES + " vector files");
        }
        Files.createDirectories(dest.getParent());
        try (OutputStream out = Files.newOutputStream(dest)) {
          total += copy(tar, out, MAX_UNPACKED_BYTES - total);
        }
      }
    }
    return count;
  }

  /** A plain file; commons-compress's isFile() also holds for links and devices. */
  private static boolean isRegularFile(TarArchiveEntry e) {
    byte flag = e.getLinkFlag();
    return flag == TarArchiveEntry.LF_NORMAL
        || flag == TarArchiveEntry.LF_OLDNORM
        || flag == TarArchiveEntry.LF_CONTIG;
  }

  /**
   * The path of an entry below {@code test/vectors/}, or null for any other entry.
   *
   * @param name the entry name, {@code <top folder>/test/vectors/...}
   * @return the rest of the path, or null
   * @throws IOException if the rest is absolute or has {@code .} or {@code ..} parts
   */
  static String vectorsPath(String name) throws IOException {
    int slash = name.indexOf('/');
    if (slash < 0 || !name.startsWith(VECTORS_FOLDER, slash + 1)) {
      return null;
    }
    String rel = name.substring(slash + 1 + VECTORS_FOLDER.length());
    if (rel.isEmpty() || rel.endsWith("/")) {
      return null;
    }
    for (String p : rel.split("/", -1)) {
      if (p.isEmpty() || p.equals(".") || p.equals("..") || p.contains("\\") || p.contains(":")) {
        throw new IOException("archive entry " + name + " has an unsafe path");
      }
    }
    return rel;
  }

  private static long copy(InputStream in, OutputStream out, long budget) throws IOException {
    byte[] buf = new byte[8192];
    long n = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      n += r;
      if (n > budget) {
        throw new IOException("the vectors unpack to more than " + MAX_UNPACKED_BYTES + " bytes");
      }
      out.write(buf, 0, r);
    }
    return n;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
