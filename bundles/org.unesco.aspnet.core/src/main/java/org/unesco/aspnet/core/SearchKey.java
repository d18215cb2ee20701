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
 *
 * <p>A word that mixes Latin letters with Cyrillic or Greek ones is a word typed partly in the
 * wrong keyboard layout ("Vоltaire" with a Cyrillic о), or made to look like another: its letters
 * that have a look-alike in the word's main script are read as that script's, so that it has the
 * key of the word it looks like. A word in one script keeps its letters.
 */
public final class SearchKey {
  private SearchKey() {}

  /**
   * Changes whenever the key of some text changes, so that a bundle that stores keys knows to
   * make them again: 2 since words of mixed scripts are read in their main script.
   */
  public static int version() {
    return 2;
  }

  /** The key of {@code text}; empty for null or a text without letters or digits. */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder key = new StringBuilder(decomposed.length());
    int[] word = new int[decomposed.length()];
    int length = 0;
    boolean nonAscii = false;
    for (int i = 0; i <= decomposed.length(); ) {
      int cp = i < decomposed.length() ? decomposed.codePointAt(i) : ' ';
      i += i < decomposed.length() ? Character.charCount(cp) : 1;
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK) {
        continue; // the accent of a decomposed letter
      }
      if (Character.isLetterOrDigit(cp)) {
        word[length++] = cp;
        nonAscii |= cp > 0x7f;
      } else if (length > 0) {
        if (nonAscii) {
          LookAlikes.inMainScript(word, length);
        }
        if (!key.isEmpty()) {
          key.append(' ');
        }
        for (int k = 0; k < length; k++) {
          key.append(fold(word[k]));
        }
        length = 0;
        nonAscii = false;
      }
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
