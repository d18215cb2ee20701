package org.unesco.aspnet.core;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The form of a name or city that search and duplicate detection compare: lower case, without
 * accents or diacritics, punctuation folded to single spaces. "École Saint-Exupéry" and "ecole
 * saint exupery" have the same key; scripts without case (Arabic, Chinese) keep their letters.
 * The directory's search and duplicate checks use it, and so does the search of accounts by name:
 * one fold for everything a person types to find something.
 */
public final class SearchKey {
  private SearchKey() {}

  /** The key of {@code text}; empty for null or a text without letters or digits. */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder key = new StringBuilder(decomposed.length());
    boolean space = true; // no leading space
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK
          || Character.getType(cp) == Character.ENCLOSING_MARK
          || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
        continue; // the accent of a decomposed letter
      }
      if (Character.isLetterOrDigit(cp)) {
        key.append(fold(cp));
        space = false;
      } else if (!space) {
        key.append(' ');
        space = true;
      }
    }
    int end = key.length();
    if (end > 0 && key.charAt(end - 1) == ' ') {
      key.setLength(end - 1);
    }
    return key.toString();
  }

  /** The words of a search text, each a key; empty for a text without letters or digits. */
  public static List<String> words(String text) {
    String key = of(text);
    return key.isEmpty() ? List.of() : Arrays.asList(key.split(" "));
  }

  // Letters that NFKD does not decompose but that people type without their stroke or ligature.
  private static String fold(int cp) {
    return switch (cp) {
      case 'ß', 'ẞ' -> "ss";
      case 'æ', 'Æ' -> "ae";
      case 'œ', 'Œ' -> "oe";
      case 'ø', 'Ø' -> "o";
      case 'ł', 'Ł' -> "l";
      case 'đ', 'Đ', 'ð', 'Ð' -> "d";
      case 'þ', 'Þ' -> "th";
      case 'ı' -> "i";
      default -> new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
    };
  }
}
