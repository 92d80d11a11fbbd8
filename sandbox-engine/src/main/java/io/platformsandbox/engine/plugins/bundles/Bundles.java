package io.platformsandbox.engine.plugins.bundles;

import io.platformsandbox.engine.plugins.bundles.internal.CanonicalZip;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Signed plugin bundles (DESIGN §7): {@link #pack} writes one from a validated plugin folder,
 * {@link #verify} proves one, {@link #unpack} extracts a verified one safely.
 *
 * <p>A bundle {@code <id>-<version>.plugin.zip} holds the package files, {@value #REPORT}, {@value
 * #CHECKSUMS} ({@code sha256sum} lines for all of those, sorted), {@value #SIGNATURE} (base64 of the
 * raw Ed25519 signature over {@value #CHECKSUMS}, then a newline) and {@value #PUBLIC_KEY}. Its ZIP
 * layout is canonical ({@link CanonicalZip}), so packing is deterministic and any changed byte is
 * refused.
 *
 * <p>Stateless; thread-safe. Methods throw {@link BundleException} with a one-line reason.
 */
public final class Bundles {
  public static final String EXTENSION = ".plugin.zip";
  public static final String CHECKSUMS = "CHECKSUMS.sha256";
  public static final String SIGNATURE = "SIGNATURE";
  public static final String PUBLIC_KEY = "publisher.pub";
  public static final String REPORT = "validation/report.json";

  private static final long MAX_SMALL_ENTRY = 16L * 1024 * 1024;
  private static final Pattern CHECKSUM_LINE = Pattern.compile("([0-9a-f]{64})  (.+)");
  private static final Set<String> SIGNED_BY_ITSELF = Set.of(CHECKSUMS, SIGNATURE, PUBLIC_KEY);

  private Bundles() {}

  /** Where {@code sandbox validate DIR} writes its report by default. */
  public static Path defaultReport(Path pluginDir) {
    return pluginDir.resolve(PackageFiles.STATE_DIR).resolve("report").resolve("report.json");
  }

  /** Where {@code sandbox package DIR} writes the bundle by default. */
  public static Path defaultOutDir(Path pluginDir) {
    return pluginDir.resolve(PackageFiles.STATE_DIR).resolve("dist");
  }

  // ---- pack -----------------------------------------------------------------------------------

  /**
   * Packs, signs and writes {@code outDir/<id>-<version>.plugin.zip} (atomically; an earlier bundle
   * of the same name is replaced), after checking that {@code report} passed and belongs to the
   * folder's current manifest and files. The written bundle is verified before it gets its name.
   *
   * @param report the report file, or a folder holding {@code report.json}
   */
  public static VerifiedBundle pack(Path pluginDir, Path report, PublisherKeys keys, Path outDir) {
    byte[] manifest = readSmall(pluginDir.resolve(PackageFiles.MANIFEST), "there is no " + PackageFiles.MANIFEST + " in " + pluginDir);
    BundleSource source = BundleSource.parse(pluginDir, manifest);
    List<String> files = PackageFiles.resolve(pluginDir, source.include());

    Path reportFile = Files.isDirectory(report) ? report.resolve("report.json") : report;
    if (!Files.isRegularFile(reportFile)) {
      throw new BundleException(
          "there is no validation report at " + reportFile + ": run 'sandbox validate " + pluginDir
              + "' first (only a plugin that passed validation is packaged)");
    }
    byte[] reportBytes = readSmall(reportFile, "cannot read " + reportFile);

    Map<String, FileFacts> facts = new LinkedHashMap<>();
    StringBuilder fileLines = new StringBuilder();
    for (String path : files) {
      FileFacts f = FileFacts.of(pluginDir.resolve(path));
      facts.put(path, f);
      fileLines.append(PackageFiles.checksumLine(f.sha256, path));
    }
    String manifestSha256 = Digests.sha256Hex(manifest);
    if (!facts.get(PackageFiles.MANIFEST).sha256.equals(manifestSha256)) {
      throw new BundleException(PackageFiles.MANIFEST + " changed while it was being packaged; package again");
    }
    String filesSha256 = Digests.sha256Hex(fileLines.toString().getBytes(StandardCharsets.UTF_8));
    Reports.check(reportBytes, reportFile.toString(), Reports.Where.BEFORE_PACKAGING, source.id(), source.version(), manifestSha256, filesSha256);

    TreeMap<String, String> listed = new TreeMap<>();
    facts.forEach((path, f) -> listed.put(path, f.sha256));
    listed.put(REPORT, Digests.sha256Hex(reportBytes));
    StringBuilder checksums = new StringBuilder();
    listed.forEach((path, sha) -> checksums.append(PackageFiles.checksumLine(sha, path)));
    byte[] checksumBytes = checksums.toString().getBytes(StandardCharsets.UTF_8);
    byte[] signature = keys.sign(checksumBytes);
    if (!PublisherKeys.verify(keys.publicKey(), checksumBytes, signature)) {
      throw new BundleException(
          "the private key in " + keys.dir() + " does not belong to " + PublisherKeys.PUBLIC_FILE + " there; generate a new pair");
    }
    byte[] signatureText = (Base64.getEncoder().encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] publicKey = keys.publicPem().getBytes(StandardCharsets.US_ASCII);

    List<CanonicalZip.Source> sources = new ArrayList<>();
    facts.forEach(
        (path, f) ->
            sources.add(
                new CanonicalZip.Source(
                    path, f.size, f.crc, () -> Files.newInputStream(pluginDir.resolve(path), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))));
    sources.add(bytesSource(REPORT, reportBytes));
    sources.add(bytesSource(CHECKSUMS, checksumBytes));
    sources.add(bytesSource(SIGNATURE, signatureText));
    sources.add(bytesSource(PUBLIC_KEY, publicKey));

    Path target = outDir.resolve(source.bundleFileName());
    Path tmp = null;
    try {
      Files.createDirectories(outDir);
      tmp = Files.createTempFile(outDir, "." + source.bundleFileName(), ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
        CanonicalZip.write(out, sources);
        out.flush();
        ch.force(true);
      }
      VerifiedBundle verified;
      try {
        verified = verify(tmp);
      } catch (BundleException e) {
        throw new BundleException("the bundle just written does not verify (" + e.getMessage() + "); package again");
      }
      move(tmp, target);
      return verified.withFile(target);
    } catch (IOException e) {
      throw new BundleException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // best effort: a leftover temp file does not hurt the bundle
        }
      }
    }
  }

  private static CanonicalZip.Source bytesSource(String name, byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return new CanonicalZip.Source(name, bytes.length, crc.getValue(), () -> new ByteArrayInputStream(bytes));
  }

  /** Size, CRC-32 and SHA-256 of a file, read once. */
  private record FileFacts(long size, long crc, String sha256) {
    static FileFacts of(Path file) {
      MessageDigest sha = Digests.sha256();
      CRC32 crc = new CRC32();
      long size = 0;
      try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
          crc.update(buffer, 0, n);
          size += n;
        }
      } catch (IOException e) {
        throw new BundleException("cannot read " + file + ": " + e.getMessage());
      }
      if (size > CanonicalZip.MAX_SIZE) {
        throw new BundleException(file + " is over 4 GiB, more than a bundle can hold");
      }
      return new FileFacts(size, crc.getValue(), HexFormat.of().formatHex(sha.digest()));
    }
  }

  // ---- verify ---------------------------------------------------------------------------------

  /**
   * Proves a bundle: a safe, canonical ZIP; every entry listed in {@value #CHECKSUMS} and matching
   * its hash; the Ed25519 signature over {@value #CHECKSUMS} made by {@value #PUBLIC_KEY}; a report
   * that passed, for this plugin id and version, whose {@code manifest_sha256} and {@code
   * files_sha256} are this bundle's.
   */
  public static VerifiedBundle verify(Path bundle) {
    try (FileChannel ch = FileChannel.open(bundle, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return verify(bundle, ch);
    } catch (NoSuchFileException e) {
      throw new BundleException("there is no bundle at " + bundle);
    } catch (CanonicalZip.FormatException e) {
      throw new BundleException("it is not a valid bundle: " + e.getMessage());
    } catch (IOException e) {
      throw new BundleException("cannot read " + bundle + ": " + e.getMessage(), e);
    }
  }

  private static VerifiedBundle verify(Path bundle, FileChannel ch) throws IOException {
    CanonicalZip.Layout layout = CanonicalZip.read(ch);
    List<CanonicalZip.Entry> entries = layout.entries();
    Set<String> lowerCase = new HashSet<>();
    for (CanonicalZip.Entry e : entries) {
      checkEntryName(e.name());
      if (!e.localName().equals(e.name())) {
        checkEntryName(e.localName());
        throw new BundleException(
            "entry '" + e.name() + "' has another name in its local header ('" + e.localName() + "'); refused");
      }
      if (e.isSymbolicLink()) {
        throw new BundleException("entry '" + e.name() + "' is a symbolic link; a bundle holds regular files only");
      }
      if (e.isEncrypted()) {
        throw new BundleException("entry '" + e.name() + "' is encrypted; bundles are never encrypted");
      }
      if (!lowerCase.add(e.name().toLowerCase(Locale.ROOT))) {
        throw new BundleException("two entries are named '" + e.name() + "' (or differ only in case)");
      }
    }

    long[] crcs = new long[entries.size()];
    SortedMap<String, String> sha = new TreeMap<>();
    Map<String, byte[]> small = new TreeMap<>();
    Set<String> keep = Set.of(CHECKSUMS, SIGNATURE, PUBLIC_KEY, REPORT, PackageFiles.MANIFEST);
    for (int i = 0; i < entries.size(); i++) {
      CanonicalZip.Entry e = entries.get(i);
      boolean kept = keep.contains(e.name());
      if (kept && e.compressedSize() > MAX_SMALL_ENTRY) {
        throw new BundleException("entry '" + e.name() + "' is implausibly large (" + e.compressedSize() + " bytes)");
      }
      MessageDigest digest = Digests.sha256();
      CRC32 crc = new CRC32();
      ByteArrayOutputStream copy = kept ? new ByteArrayOutputStream() : null;
      try (InputStream in = CanonicalZip.data(ch, e)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          crc.update(buffer, 0, n);
          if (copy != null) {
            copy.write(buffer, 0, n);
          }
        }
      }
      crcs[i] = crc.getValue();
      sha.put(e.name(), HexFormat.of().formatHex(digest.digest()));
      if (copy != null) {
        small.put(e.name(), copy.toByteArray());
      }
    }
    CanonicalZip.canonicalDifference(ch, layout, crcs)
        .ifPresent(
            diff -> {
              throw new BundleException(
                  "its ZIP layout is not the one 'sandbox package' writes: " + diff + " (changed after packaging, or re-packed)");
            });
    for (String required : List.of(CHECKSUMS, SIGNATURE, PUBLIC_KEY, PackageFiles.MANIFEST, REPORT)) {
      if (!small.containsKey(required)) {
        throw new BundleException("it has no " + required + "; it is not a complete bundle");
      }
    }

    byte[] checksumBytes = small.get(CHECKSUMS);
    TreeMap<String, String> listed = parseChecksums(checksumBytes);
    PublicKey key = parseCanonicalPublicKey(small.get(PUBLIC_KEY));
    byte[] signature = parseSignature(small.get(SIGNATURE));
    if (!PublisherKeys.verify(key, checksumBytes, signature)) {
      throw new BundleException(
          "the signature does not verify: " + CHECKSUMS + " was changed after signing, or " + SIGNATURE
              + " was not made with the key in " + PUBLIC_KEY);
    }
    for (Map.Entry<String, String> line : listed.entrySet()) {
      String actual = sha.get(line.getKey());
      if (actual == null) {
        throw new BundleException(CHECKSUMS + " lists " + line.getKey() + ", which the bundle lacks");
      }
      if (!actual.equals(line.getValue())) {
        throw new BundleException(line.getKey() + " does not match its checksum in " + CHECKSUMS + ": it was changed after signing");
      }
    }
    for (String name : sha.keySet()) {
      if (!listed.containsKey(name) && !SIGNED_BY_ITSELF.contains(name)) {
        throw new BundleException("entry '" + name + "' is not listed in " + CHECKSUMS + ", so nothing vouches for it");
      }
    }
    for (String required : List.of(PackageFiles.MANIFEST, REPORT)) {
      if (!listed.containsKey(required)) {
        throw new BundleException(CHECKSUMS + " does not list " + required);
      }
    }

    BundleSource manifest = BundleSource.parse(null, small.get(PackageFiles.MANIFEST));
    StringBuilder fileLines = new StringBuilder();
    listed.forEach(
        (path, hash) -> {
          if (!path.equals(REPORT)) {
            fileLines.append(PackageFiles.checksumLine(hash, path));
          }
        });
    String sandboxVersion =
        Reports.check(
            small.get(REPORT),
            REPORT,
            Reports.Where.IN_BUNDLE,
            manifest.id(),
            manifest.version(),
            sha.get(PackageFiles.MANIFEST),
            Digests.sha256Hex(fileLines.toString().getBytes(StandardCharsets.UTF_8)));

    MessageDigest whole = Digests.sha256();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (long position = 0; position < layout.fileSize(); ) {
      buffer.clear();
      int n = ch.read(buffer, position);
      if (n < 0) {
        break;
      }
      whole.update(buffer.array(), 0, n);
      position += n;
    }
    String publicPem = new String(small.get(PUBLIC_KEY), StandardCharsets.US_ASCII);
    return new VerifiedBundle(
        bundle,
        manifest.id(),
        manifest.version(),
        manifest.name(),
        manifest.publisher(),
        manifest.description(),
        publicPem,
        PublisherKeys.fingerprint(key),
        HexFormat.of().formatHex(whole.digest()),
        layout.fileSize(),
        sandboxVersion,
        sha);
  }

  /**
   * Refuses entry names that could write outside the folder they are unpacked into, or that the
   * checksum format cannot carry.
   */
  static void checkEntryName(String name) {
    String shown = name.replaceAll("\\p{Cntrl}", "?");
    if (name.isEmpty()) {
      throw new BundleException("an entry has an empty name; refused");
    }
    if (name.indexOf('\\') >= 0) {
      throw new BundleException("entry '" + shown + "' contains a backslash, which some tools read as a folder separator; refused");
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new BundleException("entry '" + shown + "' is an absolute path; refused");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw new BundleException("entry '" + shown + "' leaves the bundle's folder ('..' in its path); refused");
      }
    }
    if (name.endsWith("/")) {
      throw new BundleException("entry '" + shown + "' is a folder entry; a bundle lists files only");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        throw new BundleException("entry '" + shown + "' has an empty or '.' path segment; refused");
      }
    }
    if (!shown.equals(name)) {
      throw new BundleException("entry '" + shown + "' has a control character in its name; refused");
    }
  }

  private static TreeMap<String, String> parseChecksums(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BundleException(CHECKSUMS + " is not UTF-8 text");
    }
    if (!text.endsWith("\n")) {
      throw new BundleException(CHECKSUMS + " does not end with a newline");
    }
    TreeMap<String, String> listed = new TreeMap<>();
    String previous = null;
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = CHECKSUM_LINE.matcher(lines[i]);
      if (!m.matches()) {
        throw new BundleException(CHECKSUMS + " line " + (i + 1) + " is not '<sha256 hex>  <path>'");
      }
      String path = m.group(2);
      checkEntryName(path);
      if (SIGNED_BY_ITSELF.contains(path)) {
        throw new BundleException(CHECKSUMS + " line " + (i + 1) + " lists " + path + ", which it cannot cover");
      }
      if (previous != null && path.compareTo(previous) <= 0) {
        throw new BundleException(CHECKSUMS + " is not sorted by path, or lists " + path + " twice");
      }
      previous = path;
      listed.put(path, m.group(1));
    }
    return listed;
  }

  private static PublicKey parseCanonicalPublicKey(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    PublicKey key;
    try {
      key = PublisherKeys.parsePublic(text);
    } catch (BundleException e) {
      throw new BundleException(PUBLIC_KEY + " is " + e.getMessage());
    }
    if (!PublisherKeys.publicPem(key).equals(text)) {
      throw new BundleException(PUBLIC_KEY + " is not written as 'sandbox package' writes a PEM PUBLIC KEY; it was changed");
    }
    return key;
  }

  private static byte[] parseSignature(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    byte[] signature = null;
    if (text.endsWith("\n")) {
      try {
        signature = Base64.getDecoder().decode(text.substring(0, text.length() - 1));
      } catch (IllegalArgumentException e) {
        signature = null;
      }
    }
    // Re-encoding catches changes a lenient decoder would ignore (the unused bits of the last character).
    if (signature == null || signature.length != 64 || !(Base64.getEncoder().encodeToString(signature) + "\n").equals(text)) {
      throw new BundleException(SIGNATURE + " is not the base64 of a 64-byte Ed25519 signature followed by a newline");
    }
    return signature;
  }

  // ---- unpack ---------------------------------------------------------------------------------

  /**
   * Verifies {@code bundle}, then extracts all of its entries into {@code dir}, which must not exist
   * or be an empty folder. Entries are written into a temporary sibling folder, re-hashed against
   * what was verified, and the folder is renamed into place, so {@code dir} appears complete or not
   * at all.
   */
  public static VerifiedBundle unpack(Path bundle, Path dir) {
    VerifiedBundle verified = verify(bundle);
    Path target = dir.toAbsolutePath().normalize();
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new BundleException("cannot unpack into " + dir + ": it is not a folder");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
          if (children.iterator().hasNext()) {
            throw new BundleException("cannot unpack into " + dir + ": it is not empty");
          }
        }
      }
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new BundleException("cannot unpack into " + dir + ": " + e.getMessage(), e);
    }
    Path staging = null;
    try (FileChannel ch = FileChannel.open(bundle, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".unpack-");
      CanonicalZip.Layout layout = CanonicalZip.read(ch);
      List<String> names = layout.entries().stream().map(CanonicalZip.Entry::name).toList();
      if (!names.equals(List.copyOf(verified.entrySha256().keySet()))) {
        throw new BundleException("the bundle changed while it was being unpacked; nothing was unpacked");
      }
      for (CanonicalZip.Entry e : layout.entries()) {
        checkEntryName(e.name());
        Path out = staging.resolve(e.name()).normalize();
        if (!out.startsWith(staging) || out.equals(staging)) {
          throw new BundleException("entry '" + e.name() + "' would land outside " + dir + "; refused");
        }
        Files.createDirectories(out.getParent());
        MessageDigest digest = Digests.sha256();
        try (InputStream in = CanonicalZip.data(ch, e);
            OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          byte[] buffer = new byte[64 * 1024];
          for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
            os.write(buffer, 0, n);
          }
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(verified.entrySha256().get(e.name()))) {
          throw new BundleException("the bundle changed while it was being unpacked; nothing was unpacked");
        }
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(target);
      }
      move(staging, target);
      staging = null;
      return verified;
    } catch (CanonicalZip.FormatException e) {
      throw new BundleException("it is not a valid bundle: " + e.getMessage());
    } catch (IOException e) {
      throw new BundleException("cannot unpack into " + dir + ": " + e.getMessage(), e);
    } finally {
      if (staging != null) {
        deleteTree(staging);
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static byte[] readSmall(Path file, String missing) {
    try {
      if (Files.size(file) > MAX_SMALL_ENTRY) {
        throw new BundleException(file + " is implausibly large");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BundleException(missing);
    } catch (IOException e) {
      throw new BundleException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a folder tree without following links; best effort. */
  public static void deleteTree(Path root) {
    try {
      if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
