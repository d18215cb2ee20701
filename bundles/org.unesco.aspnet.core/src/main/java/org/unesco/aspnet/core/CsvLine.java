package org.unesco.aspnet.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one line of a reference list a bundle ships (the UNESCO regions, the international
 * days): RFC 4180 quoting, a doubled quote inside a quoted cell, no line breaks inside cells. Not an
 * import parser: a user's file goes through the export bundle's.
 *
 * @since 1.8
 */
public final class CsvLine {
  private CsvLine() {}

  public static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
