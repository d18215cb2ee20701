package org.unesco.aspnet.core;

import java.lang.Character.UnicodeScript;
import java.util.HashMap;
import java.util.Map;

/**
 * Letters of Latin and of Cyrillic or Greek that look alike ("o" and "о"), for {@link SearchKey}: a
 * word that mixes those scripts is someone typing with the wrong keyboard layout for a letter or
 * two, or a name made to pass for another. Unicode's confusables (UTS #39) list far more; these are
 * the letters that the keyboards of the countries writing those scripts put within reach.
 */
final class LookAlikes {
  private LookAlikes() {}

  /** Each Latin letter, then the Cyrillic letter that looks like it, pair by pair. */
  private static final Pairs CYRILLIC = new Pairs(
      "AaBCcEeHIiJjKkMOoPpSsTXxYyhdqwWQl",
      "АаВСсЕеНІіЈјКкМОоРрЅѕТХхУуһԁԛԝԜԚӏ");

  /** Each Latin letter, then the Greek letter that looks like it. */
  private static final Pairs GREEK = new Pairs(
      "ABEZHIKMNOPTYXoivupxka",
      "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινυρχκα");

  /** Latin letters and another script's look-alikes, both ways. */
  private record Pairs(Map<Integer, Integer> toLatin, Map<Integer, Integer> fromLatin) {
    Pairs(String latin, String other) {
      this(new HashMap<>(), new HashMap<>());
      int[] l = latin.codePoints().toArray();
      int[] o = other.codePoints().toArray();
      if (l.length != o.length) {
        throw new IllegalStateException("unpaired look-alikes");
      }
      for (int i = 0; i < l.length; i++) {
        toLatin.put(o[i], l[i]);
        fromLatin.put(l[i], o[i]);
      }
    }
  }

  /**
   * Rewrites the first {@code length} code points of {@code word} in its main script when it mixes
   * Latin with Cyrillic (or Greek): its look-alike letters of the other script become the main
   * script's. The main script is the one with more letters that have no look-alike ("Vоltaire":
   * V, l, t and r are only Latin), then the one with more letters, then Latin. Letters without a
   * look-alike stay as they are; a word in one script is left alone.
   */
  static void inMainScript(int[] word, int length) {
    int latin = 0;
    int cyrillic = 0;
    int greek = 0;
    for (int i = 0; i < length; i++) {
      switch (script(word[i])) {
        case LATIN -> latin++;
        case CYRILLIC -> cyrillic++;
        case GREEK -> greek++;
        default -> { } // digits, other scripts
      }
    }
    if (latin == 0 || cyrillic + greek == 0) {
      return;
    }
    UnicodeScript other = cyrillic >= greek ? UnicodeScript.CYRILLIC : UnicodeScript.GREEK;
    Pairs pairs = other == UnicodeScript.CYRILLIC ? CYRILLIC : GREEK;
    int latinOnly = 0;
    int otherOnly = 0;
    for (int i = 0; i < length; i++) {
      UnicodeScript script = script(word[i]);
      if (script == UnicodeScript.LATIN && alike(pairs.fromLatin(), word[i]) == null) {
        latinOnly++;
      } else if (script == other && alike(pairs.toLatin(), word[i]) == null) {
        otherOnly++;
      }
    }
    int others = other == UnicodeScript.CYRILLIC ? cyrillic : greek;
    boolean toLatin = latinOnly != otherOnly ? latinOnly > otherOnly : latin >= others;
    for (int i = 0; i < length; i++) {
      Integer alike = toLatin
          ? (script(word[i]) == other ? alike(pairs.toLatin(), word[i]) : null)
          : alike(pairs.fromLatin(), word[i]);
      if (alike != null) {
        word[i] = alike;
      }
    }
  }

  /**
   * The look-alike of {@code cp} in {@code pairs}, whatever its case: a letter pairs as its own case
   * does, else as its other case does ("т" as "Т" is "T": "t"), so that a word's key does not depend
   * on the case it was typed in, as no key does.
   */
  private static Integer alike(Map<Integer, Integer> pairs, int cp) {
    Integer same = pairs.get(cp);
    if (same != null) {
      return same;
    }
    int upper = Character.toUpperCase(cp);
    Integer fromUpper = upper == cp ? null : pairs.get(upper);
    if (fromUpper != null) {
      return Character.toLowerCase(fromUpper);
    }
    int lower = Character.toLowerCase(cp);
    Integer fromLower = lower == cp ? null : pairs.get(lower);
    return fromLower == null ? null : Character.toUpperCase(fromLower);
  }

  private static UnicodeScript script(int cp) {
    return cp < 0x80
        ? (Character.isLetter(cp) ? UnicodeScript.LATIN : UnicodeScript.COMMON)
        : UnicodeScript.of(cp);
  }
}
