package org.unesco.aspnet.export;

/**
 * Guards spreadsheet cells against formula injection (CSV injection): a text that starts with
 * {@code = + - @}, a tab or a carriage return is written with a leading apostrophe, so that Excel
 * and LibreOffice show it as text instead of running it. Imports take the apostrophe off again.
 * A text that starts with an apostrophe of its own before what an import would take for a guard
 * ({@code '@home}, {@code ''x}) gets one more, so that {@code '@home} and {@code @home} stay two
 * texts through an export and an import; {@code 's-Hertogenbosch} is written as it is.
 */
public final class FormulaGuard {
  private FormulaGuard() {}

  public static boolean risky(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    char c = text.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** The text as it is safe to put into a spreadsheet cell. */
  public static String guard(String text) {
    // an apostrophe of the text's own is doubled only where an import would take it off ('@home,
    // ''x), not before a letter ('s-Hertogenbosch stays as it is)
    return risky(text) || !unguard(text).equals(text) ? "'" + text : text;
  }

  /** The text a guarded cell stood for: one apostrophe off a cell that {@link #guard} would have written so. */
  public static String unguard(String text) {
    return text != null && text.length() > 1 && text.charAt(0) == '\''
        && (risky(text.substring(1)) || text.charAt(1) == '\'') ? text.substring(1) : text;
  }
}
