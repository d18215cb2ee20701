package org.unesco.aspnet.profile.fr.internal;

/**
 * The UAI (unité administrative immatriculée) of a French school: seven digits and a check letter,
 * the remainder of the seven digits divided by 23 as a letter of an alphabet without I, O and Q
 * (0750654D: 750654 mod 23 = 3, D).
 */
final class Uai {
  private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

  enum Result {
    VALID,
    MALFORMED,
    WRONG_LETTER
  }

  private Uai() {}

  static Result check(String uai) {
    if (uai == null || !uai.matches("[0-9]{7}[A-Za-z]")) {
      return Result.MALFORMED;
    }
    return withCheckLetter(uai.substring(0, 7)).equalsIgnoreCase(uai) ? Result.VALID : Result.WRONG_LETTER;
  }

  /** The seven digits with their check letter. */
  static String withCheckLetter(String digits) {
    return digits + LETTERS.charAt((int) (Long.parseLong(digits) % 23));
  }
}
