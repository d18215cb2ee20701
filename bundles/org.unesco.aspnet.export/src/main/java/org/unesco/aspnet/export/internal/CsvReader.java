package org.unesco.aspnet.export.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.TableReader;

/**
 * Reads RFC 4180 CSV in UTF-8 (a byte order mark is skipped): quoted fields may hold commas,
 * doubled quotes and line breaks; CRLF or LF line ends. A semicolon-separated file (what Excel
 * writes in French or Spanish settings) is recognised from its header line.
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
    return rows(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  static Rows rows(Reader source) throws IOException {
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
              throw new IOException("line " + start + ": a quoted field is not closed");
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
