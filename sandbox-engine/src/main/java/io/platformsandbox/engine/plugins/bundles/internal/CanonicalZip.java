package io.platformsandbox.engine.plugins.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The one ZIP layout bundles use, written and read without {@code java.util.zip}'s streams so
 * that every byte of the file is accounted for.
 *
 * <p>The layout is canonical: entries sorted by name, stored (not compressed, so the bytes do not
 * depend on the zlib a JDK ships), no directory entries, no extra fields, no comments, no data
 * descriptors, every entry a regular file {@code 0644} made on Unix, every time 1980-01-01 00:00.
 * The same names and contents therefore always give the same bytes, and {@link
 * #canonicalDifference} can prove that a file is exactly that layout, so a change to any byte of a
 * bundle is noticed even where no checksum covers it (a header, a time, an attribute).
 *
 * <p>Stateless; thread-safe.
 */
public final class CanonicalZip {
  /** Bundles stay under the classic ZIP limits: no ZIP64. */
  public static final long MAX_SIZE = 0xFFFF_FFFEL;

  public static final int MAX_ENTRIES = 10_000;

  private static final int LOC_SIG = 0x04034b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int END_SIG = 0x06054b50;
  private static final int LOC_SIZE = 30;
  private static final int CEN_SIZE = 46;
  private static final int END_SIZE = 22;
  private static final int MADE_BY_UNIX = (3 << 8) | 10;
  private static final int VERSION_NEEDED = 10;
  private static final int FLAG_UTF8 = 0x0800;
  private static final int DOS_TIME = 0;
  private static final int DOS_DATE = (1 << 5) | 1;
  private static final long REGULAR_FILE_0644 = 0100644L << 16;
  private static final int MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

  private CanonicalZip() {}

  /** Opens an entry's bytes; called once, while writing. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  /** An entry to write: its size and CRC-32 must be known before its header is written. */
  public record Source(String name, long size, long crc, Content content) {}

  /** A file of the ZIP is not what a reader can use; the message says why. */
  public static final class FormatException extends IOException {
    public FormatException(String message) {
      super(message);
    }
  }

  /**
   * One entry as the central directory describes it, with the name its local header gives.
   *
   * @param dataOffset where the entry's (stored) bytes start in the file
   */
  public record Entry(
      String name,
      byte[] rawName,
      int madeBy,
      int flags,
      int method,
      long crc,
      long compressedSize,
      long size,
      long externalAttributes,
      long localOffset,
      String localName,
      long dataOffset) {

    /** A symbolic link as Info-ZIP's {@code zip --symlinks} records one: Unix mode {@code 0120000}. */
    public boolean isSymbolicLink() {
      return (madeBy >>> 8) == 3 && ((externalAttributes >>> 16) & 0170000) == 0120000;
    }

    public boolean isEncrypted() {
      return (flags & 1) != 0;
    }
  }

  /** What the central directory of a file says. */
  public record Layout(List<Entry> entries, long centralOffset, long centralSize, long endOffset, long fileSize) {}

  // ---- writing --------------------------------------------------------------------------------

  /**
   * Writes the canonical ZIP of {@code sources} (sorted here by name) to {@code out}.
   *
   * @throws IOException also when an entry's bytes are not the size and CRC it was announced with
   *     (its file changed while it was being written)
   */
  public static void write(OutputStream out, List<Source> sources) throws IOException {
    List<Source> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparing(Source::name));
    if (sorted.size() > MAX_ENTRIES) {
      throw new IOException("too many files for a bundle (" + sorted.size() + "; at most " + MAX_ENTRIES + ")");
    }
    long[] offsets = new long[sorted.size()];
    long offset = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Source s = sorted.get(i);
      if (i > 0 && s.name().equals(sorted.get(i - 1).name())) {
        throw new IOException("two entries are named '" + s.name() + "'");
      }
      byte[] name = s.name().getBytes(StandardCharsets.UTF_8);
      byte[] local = localHeader(name, s.crc(), s.size());
      offsets[i] = offset;
      out.write(local);
      offset += local.length;
      CRC32 crc = new CRC32();
      long copied = 0;
      try (InputStream in = s.content().open()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          crc.update(buffer, 0, n);
          copied += n;
          if (copied > s.size()) {
            break;
          }
          out.write(buffer, 0, n);
        }
      }
      if (copied != s.size() || crc.getValue() != s.crc()) {
        throw new IOException(s.name() + " changed while it was being packaged; package again");
      }
      offset += s.size();
      checkSize(offset);
    }
    long centralOffset = offset;
    for (int i = 0; i < sorted.size(); i++) {
      Source s = sorted.get(i);
      byte[] central = centralHeader(s.name().getBytes(StandardCharsets.UTF_8), s.crc(), s.size(), offsets[i]);
      out.write(central);
      offset += central.length;
      checkSize(offset);
    }
    out.write(end(sorted.size(), offset - centralOffset, centralOffset));
  }

  private static void checkSize(long offset) throws IOException {
    if (offset > MAX_SIZE) {
      throw new IOException("the bundle would be over 4 GiB, which the bundle format does not support");
    }
  }

  private static byte[] localHeader(byte[] name, long crc, long size) {
    ByteBuffer b = ByteBuffer.allocate(LOC_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(LOC_SIG)
        .putShort((short) VERSION_NEEDED)
        .putShort((short) FLAG_UTF8)
        .putShort((short) 0) // stored
        .putShort((short) DOS_TIME)
        .putShort((short) DOS_DATE)
        .putInt((int) crc)
        .putInt((int) size)
        .putInt((int) size)
        .putShort((short) name.length)
        .putShort((short) 0) // no extra field
        .put(name);
    return b.array();
  }

  private static byte[] centralHeader(byte[] name, long crc, long size, long localOffset) {
    ByteBuffer b = ByteBuffer.allocate(CEN_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(CEN_SIG)
        .putShort((short) MADE_BY_UNIX)
        .putShort((short) VERSION_NEEDED)
        .putShort((short) FLAG_UTF8)
        .putShort((short) 0)
        .putShort((short) DOS_TIME)
        .putShort((short) DOS_DATE)
        .putInt((int) crc)
        .putInt((int) size)
        .putInt((int) size)
        .putShort((short) name.length)
        .putShort((short) 0) // extra
        .putShort((short) 0) // comment
        .putShort((short) 0) // disk
        .putShort((short) 0) // internal attributes
        .putInt((int) REGULAR_FILE_0644)
        .putInt((int) localOffset)
        .put(name);
    return b.array();
  }

  private static byte[] end(int count, long centralSize, long centralOffset) {
    ByteBuffer b = ByteBuffer.allocate(END_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(END_SIG)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) count)
        .putShort((short) count)
        .putInt((int) centralSize)
        .putInt((int) centralOffset)
        .putShort((short) 0);
    return b.array();
  }

  // ---- reading --------------------------------------------------------------------------------

  /** Reads the central directory and every entry's local header name; checks only what reading needs. */
  public static Layout read(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < END_SIZE) {
      throw new FormatException("it is not a ZIP file (too short)");
    }
    int tailLength = (int) Math.min(size, END_SIZE + 0xFFFF);
    ByteBuffer tail = read(ch, size - tailLength, tailLength);
    int endPos = -1;
    for (int p = tailLength - END_SIZE; p >= 0; p--) {
      if (tail.getInt(p) == END_SIG && p + END_SIZE + u16(tail, p + 20) == tailLength) {
        endPos = p;
        break;
      }
    }
    if (endPos < 0) {
      throw new FormatException("it is not a ZIP file, or it is truncated (no end-of-central-directory record)");
    }
    long endOffset = size - tailLength + endPos;
    int count = u16(tail, endPos + 10);
    long centralSize = u32(tail, endPos + 12);
    long centralOffset = u32(tail, endPos + 16);
    if (u16(tail, endPos + 4) != 0 || u16(tail, endPos + 6) != 0 || u16(tail, endPos + 8) != count) {
      throw new FormatException("it is a multi-part ZIP, which bundles never are");
    }
    if (count == 0xFFFF || centralSize == 0xFFFF_FFFFL || centralOffset == 0xFFFF_FFFFL) {
      throw new FormatException("it is a ZIP64 file, which bundles never are");
    }
    if (count > MAX_ENTRIES) {
      throw new FormatException("it has " + count + " entries; a bundle has at most " + MAX_ENTRIES);
    }
    if (centralOffset + centralSize > endOffset || centralSize > MAX_CENTRAL_DIRECTORY) {
      throw new FormatException("its central directory lies outside the file: truncated or damaged");
    }
    ByteBuffer cd = read(ch, centralOffset, (int) centralSize);
    List<Entry> entries = new ArrayList<>(count);
    int p = 0;
    for (int i = 0; i < count; i++) {
      if (p + CEN_SIZE > centralSize || cd.getInt(p) != CEN_SIG) {
        throw new FormatException("central directory record " + (i + 1) + " is damaged");
      }
      int nameLength = u16(cd, p + 28);
      int extraLength = u16(cd, p + 30);
      int commentLength = u16(cd, p + 32);
      if (p + CEN_SIZE + nameLength + extraLength + commentLength > centralSize) {
        throw new FormatException("central directory record " + (i + 1) + " is damaged");
      }
      byte[] rawName = new byte[nameLength];
      cd.get(p + CEN_SIZE, rawName);
      String name = utf8(rawName, "entry " + (i + 1));
      long localOffset = u32(cd, p + 42);
      long compressedSize = u32(cd, p + 20);
      if (localOffset + LOC_SIZE > centralOffset) {
        throw new FormatException("entry '" + name + "' points outside the file: truncated or damaged");
      }
      ByteBuffer local = read(ch, localOffset, LOC_SIZE);
      if (local.getInt(0) != LOC_SIG) {
        throw new FormatException("entry '" + name + "' has no local header where the directory says: damaged");
      }
      int localNameLength = u16(local, 26);
      int localExtraLength = u16(local, 28);
      long dataOffset = localOffset + LOC_SIZE + localNameLength + localExtraLength;
      if (dataOffset + compressedSize > centralOffset) {
        throw new FormatException("entry '" + name + "' runs past its end: truncated or damaged");
      }
      ByteBuffer localNameBytes = read(ch, localOffset + LOC_SIZE, localNameLength);
      byte[] localRaw = new byte[localNameLength];
      localNameBytes.get(0, localRaw);
      String localName = Arrays.equals(localRaw, rawName) ? name : new String(localRaw, StandardCharsets.UTF_8);
      entries.add(
          new Entry(
              name,
              rawName,
              u16(cd, p + 4),
              u16(cd, p + 8),
              u16(cd, p + 10),
              u32(cd, p + 16),
              compressedSize,
              u32(cd, p + 24),
              u32(cd, p + 38),
              localOffset,
              localName,
              dataOffset));
      p += CEN_SIZE + nameLength + extraLength + commentLength;
    }
    return new Layout(List.copyOf(entries), centralOffset, centralSize, endOffset, size);
  }

  /** The stored bytes of an entry (call only for entries with method 0). */
  public static InputStream data(FileChannel ch, Entry entry) {
    return new Region(ch, entry.dataOffset(), entry.compressedSize());
  }

  /**
   * Where the file first differs from the canonical ZIP of its own entries, or empty when it is
   * exactly that. {@code crcs[i]} is the CRC-32 computed over entry {@code i}'s bytes.
   */
  public static Optional<String> canonicalDifference(FileChannel ch, Layout layout, long[] crcs) throws IOException {
    List<Entry> entries = layout.entries();
    long offset = 0;
    long[] offsets = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (i > 0 && e.name().compareTo(entries.get(i - 1).name()) <= 0) {
        return Optional.of("its entries are not in sorted order ('" + e.name() + "' after '" + entries.get(i - 1).name() + "')");
      }
      if (e.method() != 0 || e.compressedSize() != e.size()) {
        return Optional.of("entry '" + e.name() + "' is compressed; bundles store their entries uncompressed");
      }
      if (e.crc() != crcs[i]) {
        return Optional.of("the bytes of entry '" + e.name() + "' do not match its CRC-32: damaged or changed");
      }
      byte[] expected = localHeader(e.rawName(), crcs[i], e.size());
      if (e.localOffset() != offset) {
        return Optional.of("entry '" + e.name() + "' does not start where it should (byte " + e.localOffset() + ", not " + offset + ")");
      }
      Optional<String> diff = compare(ch, offset, expected, "the local header of '" + e.name() + "'");
      if (diff.isPresent()) {
        return diff;
      }
      offsets[i] = offset;
      offset += expected.length + e.size();
    }
    if (layout.centralOffset() != offset) {
      return Optional.of("there are " + (layout.centralOffset() - offset) + " unexpected bytes before the central directory");
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      byte[] expected = centralHeader(e.rawName(), crcs[i], e.size(), offsets[i]);
      Optional<String> diff = compare(ch, offset, expected, "the central directory record of '" + e.name() + "'");
      if (diff.isPresent()) {
        return diff;
      }
      offset += expected.length;
    }
    if (layout.endOffset() != offset) {
      return Optional.of("there are unexpected bytes after the central directory");
    }
    Optional<String> diff = compare(ch, offset, end(entries.size(), offset - layout.centralOffset(), layout.centralOffset()), "the end record");
    if (diff.isPresent()) {
      return diff;
    }
    if (layout.fileSize() != offset + END_SIZE) {
      return Optional.of("there are unexpected bytes after the end record");
    }
    return Optional.empty();
  }

  private static Optional<String> compare(FileChannel ch, long offset, byte[] expected, String what) throws IOException {
    ByteBuffer actual = read(ch, offset, expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (actual.get(i) != expected[i]) {
        return Optional.of(what + " differs at byte " + (offset + i));
      }
    }
    return Optional.empty();
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    if (position < 0 || position + length > ch.size()) {
      throw new FormatException("it is truncated");
    }
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new FormatException("it is truncated");
      }
    }
    return b.flip();
  }

  private static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }

  private static String utf8(byte[] raw, String what) throws FormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FormatException("the name of " + what + " is not UTF-8");
    }
  }

  /** A window of the file, read by position so that several readers can share the channel. */
  private static final class Region extends InputStream {
    private final FileChannel ch;
    private long position;
    private long remaining;

    Region(FileChannel ch, long position, long length) {
      this.ch = ch;
      this.position = position;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
      if (n < 0) {
        throw new FormatException("it is truncated");
      }
      position += n;
      remaining -= n;
      return n;
    }
  }
}
