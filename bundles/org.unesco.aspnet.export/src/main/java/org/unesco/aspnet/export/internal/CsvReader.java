package org.unesco.aspnet.export.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.TableReader;

/**
 * Reads RFC 4180 CSV in UTF-8 (a byte order mark is skipped): quoted fields may hold commas,
 * doubled quotes and line breaks; CRLF or LF line ends. A semicolon-separated file (what Excel
 * writes in French or Spanish settings) is recognised from its header line. Bytes that are not
 * UTF-8 (a file saved in Windows-1252, as Excel's plain "CSV" is) are an IOException naming
 * their line and how to save the file, never text with U+FFFD in place of each accent. Those
 * messages are in the importer's language when it opens the file with one ({@link ImportMessages}).
 */
@Component
@ExportFormat("csv")
public final class CsvReader implements TableReader {

  @Override
  public List<String> mediaTypes() {
    return List.of("text/csv", "application/csv", "text/plain");
  }

  @Override
  public Rows open(InputStream in) throws IOException {
    return open(in, null);
  }

  @Override
  public Rows open(InputStream in, String language) throws IOException {
    return rows(new Utf8(in, language), language);
  }

  /**
   * UTF-8, strictly: a byte sequence that is not UTF-8 (a Windows-1252 {@code é}, an overlong
   * form, an encoded surrogate, a sequence cut short) is an IOException saying at which line,
   * where an InputStreamReader puts U+FFFD and the file is imported with it. Lines are counted
   * as decoded, since the CSV reader reads ahead.
   */
  static final class Utf8 extends Reader {
    private final InputStream in;
    private final String language;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 13).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 13).flip();
    private boolean end;
    private boolean flushed;
    /** The line of the next character decoded. */
    private int line = 1;

    Utf8(InputStream in, String language) {
      this.in = in;
      this.language = language;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (!chars.hasRemaining()) {
        if (!decode()) {
          return -1;
        }
      }
      int n = Math.min(length, chars.remaining());
      chars.get(buffer, offset, n);
      return n;
    }

    /** Decodes the next characters into {@code chars}; false at the end of the file. */
    private boolean decode() throws IOException {
      chars.clear();
      try {
        while (chars.position() == 0) {
          if (flushed) {
            return false;
          }
          if (!end) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
              end = true;
            } else {
              bytes.position(bytes.position() + n);
            }
            bytes.flip();
          }
          int from = chars.position();
          CoderResult result = decoder.decode(bytes, chars, end);
          count(from);
          if (result.isError()) {
            throw notUtf8(result.length());
          }
          if (end && !bytes.hasRemaining()) {
            from = chars.position();
            decoder.flush(chars);
            count(from);
            flushed = true;
          }
        }
        return true;
      } finally {
        chars.flip();
      }
    }

    private void count(int from) {
      for (int i = from; i < chars.position(); i++) {
        if (chars.get(i) == '\n') {
          line++;
        }
      }
    }

    private IOException notUtf8(int length) {
      StringBuilder seen = new StringBuilder();
      for (int i = 0; i < length && i < 4; i++) {
        seen.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xff));
      }
      int at = bytes.position();
      int b0 = bytes.get(at) & 0xff;
      int b1 = at + 1 < bytes.limit() ? bytes.get(at + 1) & 0xff : -1;
      // FF FE or FE FF, bytes UTF-8 never has: the byte order mark of UTF-16 (Excel's "Unicode Text")
      boolean utf16 = line == 1 && (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF);
      return new IOException(ImportMessages.get(language, utf16 ? "utf16" : "notUtf8", String.valueOf(line), length,
          seen.toString()));
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The rows of {@code source}; {@code language}: that of its messages (null for English). */
  static Rows rows(Reader source, String language) throws IOException {
    PushbackReader r = new PushbackReader(new BufferedReader(source, 1 << 16), 1 << 14);
    int first = r.read();
    if (first != '\uFEFF' && first != -1) {
      r.unread(first);
    }
    // The separator: whichever of , and ; comes first outside quotes on the header line.
    char[] head = new char[1 << 14];
    int n = r.read(head, 0, head.length);
    char separator = ',';
    if (n > 0) {
      boolean quoted = false;
      for (int i = 0; i < n; i++) {
        char c = head[i];
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == ',' || c == ';' || c == '\n')) {
          separator = c == ';' ? ';' : ',';
          break;
        }
      }
      r.unread(head, 0, n);
    }
    char sep = separator;
    return new Rows() {
      private int line = 1;
      private int start = 1;

      @Override
      public List<String> next() throws IOException {
        int c = r.read();
        // skip blank lines
        while (c == '\r' || c == '\n') {
          if (c == '\n') {
            line++;
          }
          c = r.read();
        }
        if (c == -1) {
          return null;
        }
        start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
          if (quoted) {
            if (c == -1) {
              throw new IOException(ImportMessages.get(language, "notClosed", String.valueOf(start)));
            }
            if (c == '"') {
              int d = r.read();
              if (d == '"') {
                cell.append('"');
              } else {
                quoted = false;
                c = d;
                continue;
              }
            } else {
              if (c == '\n') {
                line++;
              }
              cell.append((char) c);
            }
          } else if (c == '"' && cell.length() == 0 && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
          } else if (c == sep) {
            cells.add(cell.toString());
            cell.setLength(0);
            wasQuoted = false;
          } else if (c == '\r' || c == '\n' || c == -1) {
            if (c == '\r') {
              int d = r.read();
              if (d != '\n' && d != -1) {
                r.unread(d);
              }
            }
            line++;
            cells.add(cell.toString());
            return cells;
          } else {
            cell.append((char) c);
          }
          c = r.read();
        }
      }

      @Override
      public int line() {
        return start;
      }

      @Override
      public void close() throws IOException {
        r.close();
      }
    };
  }
}
