package org.unesco.aspnet.export;

/**
 * Guards spreadsheet cells against formula injection (CSV injection): a text that starts with
 * {@code = + - @}, a tab or a carriage return is written with a leading apostrophe, so that Excel
 * and LibreOffice show it as text instead of running it. Imports take the apostrophe off again.
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
    return risky(text) ? "'" + text : text;
  }

  /** The text a guarded cell stood for. */
  public static String unguard(String text) {
    return text != null && text.length() > 1 && text.charAt(0) == '\'' && risky(text.substring(1))
        ? text.substring(1) : text;
  }
}
