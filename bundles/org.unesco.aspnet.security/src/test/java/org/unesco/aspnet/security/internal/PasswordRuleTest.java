package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;

/** A password's length is counted in characters as people see them (code points), not UTF-16 units. */
class PasswordRuleTest {
  private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16 units

  @Test
  void sixEmojiAreSixCharactersNotTwelve() {
    String six = EMOJI.repeat(6);
    assertEquals(12, six.length());
    assertEquals("must be at least " + AccountsServlet.MIN_PASSWORD + " characters", AccountsServlet.passwordProblem(six, "en"));
    assertNull(AccountsServlet.passwordProblem(EMOJI.repeat(AccountsServlet.MIN_PASSWORD), "en"));
    assertEquals(List.of(new FieldError("password", "must be at least 12 characters")),
        AccountsServlet.validate(new AccountsServlet.Registration("a@example.org", "A", six, null), "en"));
  }

  @Test
  void theMaximumCountsCharactersToo() {
    assertNull(AccountsServlet.passwordProblem(EMOJI.repeat(AccountsServlet.MAX_PASSWORD), "en"), "400 UTF-16 units");
    assertEquals("must be at most 200 characters", AccountsServlet.passwordProblem(EMOJI.repeat(AccountsServlet.MAX_PASSWORD + 1), "en"));
    assertEquals("must be at least 12 characters", AccountsServlet.passwordProblem(null, "en"));
    assertNull(AccountsServlet.passwordProblem("correct horse battery", "en"));
  }

  @Test
  void aPasswordOfSpacesOrInvisibleCharactersIsRefused() {
    assertEquals("must have something besides spaces", AccountsServlet.passwordProblem(" ".repeat(12), "en"));
    assertEquals("must have something besides spaces", AccountsServlet.passwordProblem("\u200b".repeat(6) + "\u3164".repeat(6), "en"));
    assertNull(AccountsServlet.passwordProblem("   spaces and words   ", "en"), "spaces among others are fine");
  }
}
