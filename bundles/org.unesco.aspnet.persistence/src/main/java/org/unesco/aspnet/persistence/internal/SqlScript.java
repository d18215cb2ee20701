package org.unesco.aspnet.persistence.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements: at semicolons outside quotes, dropping {@code --}
 * comments. JDBC runs one statement at a time, and Derby rejects a trailing semicolon.
 */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inString = false;
    boolean inQuotedName = false;
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (!inString && !inQuotedName && c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        current.append('\n');
        continue;
      }
      if (c == '\'' && !inQuotedName) {
        inString = !inString;
      } else if (c == '"' && !inString) {
        inQuotedName = !inQuotedName;
      } else if (c == ';' && !inString && !inQuotedName) {
        add(statements, current);
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String text = statement.toString().strip();
    if (!text.isEmpty()) {
      statements.add(text);
    }
  }
}
