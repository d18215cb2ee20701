package org.unesco.aspnet.core;

/**
 * What a text shows when it is printed, for the checks of required texts: a name, a comment or a
 * campaign's metric made only of characters that print nothing would pass {@code isBlank()} and
 * print as an empty line on a certificate or in a summary. Here, in the core, so that an SPI helper
 * such as a campaign module's checks uses it without the web bundle.
 *
 * @since 1.4
 */
public final class PlainText {
  private PlainText() {}

  /**
   * Whether {@code text} shows nothing when printed: only spaces, format characters (a zero-width
   * space, a direction mark), combining marks alone, and what {@link #blankLooking} names.
   */
  public static boolean showsNothing(CharSequence text) {
    return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || blankLooking(c)
        || switch (Character.getType(c)) {
          case Character.FORMAT, Character.CONTROL, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> true;
          default -> false;
        });
  }

  /**
   * Whether {@code text} is one line that reads as written: no line or paragraph break, no control
   * character, and none of the bidirectional overrides and isolates that turn the text after them
   * round ({@code "Bidi \u202eloohcS"} prints as "Bidi School"). For names that are printed where
   * the platform speaks: a certificate, a list, an email.
   *
   * @since 1.9
   */
  public static boolean oneLine(CharSequence text) {
    return text.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
        || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069);
  }

  /**
   * Letters, symbols and marks that print as a blank or as nothing though their category says
   * otherwise: the Hangul fillers (letters: {@code "\u3164"} would pass for a message, and an email
   * with one in it look like the same email without), the blank Braille pattern (a symbol), and the
   * rest of Unicode's default-ignorable code points that are no format character (the combining
   * grapheme joiner, variation selectors, tags). A combining accent is no such mark: it shows.
   */
  public static boolean blankLooking(int c) {
    return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 // Hangul fillers
        || c == 0x2800 // Braille pattern blank
        || c == 0x034F || c == 0x17B4 || c == 0x17B5 // combining grapheme joiner, Khmer inherent vowels
        || c >= 0x180B && c <= 0x180F // Mongolian free variation selectors and vowel separator
        || c >= 0xFE00 && c <= 0xFE0F // variation selectors
        || c >= 0xFFF0 && c <= 0xFFF8 // reserved, ignored by default
        || c >= 0x1BCA0 && c <= 0x1BCA3 || c >= 0x1D173 && c <= 0x1D17A // shorthand and musical format controls
        || c >= 0xE0000 && c <= 0xE0FFF; // tags and supplementary variation selectors
  }
}
