package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;

/**
 * Two emails that read the same are one account: a fullwidth or a decomposed spelling is
 * normalised to the plain one, and an invisible character inside is refused rather than making a
 * look-alike account beside the real one.
 */
class EmailLookAlikeTest {
  private static final String EXISTING = "applicant1@example.org";

  @Test
  void fullwidthCaseAndDecomposedSpellingsAreTheSameEmail() {
    assertEquals(EXISTING, SecurityStore.normaliseEmail("\uFF21\uFF30\uFF30\uFF2C\uFF29\uFF23\uFF21\uFF2E\uFF34\uFF11@example.org"));
    assertEquals(EXISTING, SecurityStore.normaliseEmail("applicant1\uFF20example\uFF0Eorg"), "a fullwidth @ and dot too");
    assertEquals(SecurityStore.normaliseEmail("jos\u00e9@ex\u00e1mple.org"), SecurityStore.normaliseEmail("jose\u0301@exa\u0301mple.org"));
    assertEquals("jos\u00e9@ex\u00e1mple.org", SecurityStore.normaliseEmail("Jose\u0301@EXA\u0301MPLE.org"), "NFC, lower case");
  }

  @Test
  void storedEmailsAreTheirOwnNormalFormSoExistingAccountsKeepMatching() {
    // what registrations stored before NFKC: ASCII or NFC, lower case
    for (String stored : List.of(EXISTING, "admin@aspnet.local", "focal.point@example.org", "jos\u00e9@ex\u00e1mple.org",
        "\u674e\u56db@\u4f8b\u5b50.\u4e2d\u56fd")) {
      assertEquals(stored, SecurityStore.normaliseEmail(stored), stored);
      assertEquals(stored, SecurityStore.normaliseEmail(" " + stored.toUpperCase(java.util.Locale.ROOT) + "\t"), "trimmed, any case");
    }
  }

  @Test
  void anInvisibleCharacterOrASpaceInsideIsRefused() {
    for (String hidden : List.of("\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060", "\u00AD", "\u0000", "\u0007", "\u007F",
        "\u0085", " ", "\u00A0", "\u3000", "\u2028", "\t")) {
      String codePoint = String.format("U+%04X", (int) hidden.charAt(0));
      assertFalse(AccountsServlet.isEmail("applicant1" + hidden + "@example.org"), codePoint + " in the local part");
      assertFalse(AccountsServlet.isEmail("applicant1@exam" + hidden + "ple.org"), codePoint + " in the domain");
      if (!Character.isWhitespace(hidden.charAt(0))) {
        assertFalse(AccountsServlet.isEmail(EXISTING + hidden), codePoint + " at the end");
        assertFalse(AccountsServlet.isEmail(hidden + EXISTING), codePoint + " at the start");
      }
    }
  }

  @Test
  void aLetterOrSymbolThatLooksBlankIsRefusedToo() {
    // letters and symbols by their category, blank or nothing on the screen
    for (String blank : List.of("\u3164", "\u115F", "\u1160", "\uFFA0", "\u2800", "\u180E", "\u034F", "\uFE0F", "\u17B4",
        "\uDB40\uDC20", "\uDB40\uDD00", "\uD82F\uDCA0", "\uD834\uDD73")) {
      String codePoint = String.format("U+%04X", blank.codePointAt(0));
      assertFalse(AccountsServlet.isEmail("applicant1" + blank + "@example.org"), codePoint + " in the local part");
      assertFalse(AccountsServlet.isEmail("applicant1@exam" + blank + "ple.org"), codePoint + " in the domain");
      assertFalse(AccountsServlet.isEmail(EXISTING + blank), codePoint + " at the end");
      assertFalse(AccountsServlet.isEmail(blank + EXISTING), codePoint + " at the start");
      assertFalse(AccountsServlet.isEmail(blank + "@example.org"), codePoint + " as the whole local part");
    }
    // Korean, Braille that shows and accents are letters that show
    assertTrue(AccountsServlet.isEmail("\uD64D\uAE38\uB3D9@example.org"));
    assertTrue(AccountsServlet.isEmail("\u2801\u2803@example.org"));
    assertTrue(AccountsServlet.isEmail("jos\u00e9@example.org"));
  }

  @Test
  void plainFullwidthAndAccentedEmailsAreStillEmails() {
    assertTrue(AccountsServlet.isEmail(EXISTING));
    assertTrue(AccountsServlet.isEmail("  " + EXISTING + "\n"), "spaces at either end are trimmed, as before");
    assertTrue(AccountsServlet.isEmail("\uFF21\uFF30\uFF30\uFF2C\uFF29\uFF23\uFF21\uFF2E\uFF34\uFF11@example.org"), "it is the same account: a 409");
    assertTrue(AccountsServlet.isEmail("jose\u0301@exa\u0301mple.org"));
    assertFalse(AccountsServlet.isEmail("a\uFE6Bb@example.org"), "a small @ is a second @ once normalised");
    assertFalse(AccountsServlet.isEmail("a@" + "\uFDFA".repeat(20) + ".org"), "254 at most once normalised (NFKC lengthens this one 18 times)");
    assertFalse(AccountsServlet.isEmail(null));
  }

  @Test
  void aRegistrationWithAZeroWidthSpaceIsRefusedNamingTheEmail() {
    List<FieldError> errors = AccountsServlet.validate(
        new AccountsServlet.Registration(EXISTING + "\u200B", "Amina", "a long enough password", "fr"), "fr");
    assertEquals(List.of(new FieldError("email", SecurityMessages.get("fr", "email"))), errors);
  }
}
