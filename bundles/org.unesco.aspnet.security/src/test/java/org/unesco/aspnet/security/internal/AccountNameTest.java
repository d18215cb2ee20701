package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;

/**
 * An account's name goes into the emails the platform sends for its owner ("X invites you..."): a
 * name of several lines wrote a phishing text into an invitation from the platform's own address.
 */
class AccountNameTest {
  private static List<FieldError> nameErrors(String name, String lang) {
    return AccountsServlet.validate(new AccountsServlet.Registration("a@example.org", name, "correct horse battery", null), lang)
        .stream().filter(e -> e.field().equals("name")).toList();
  }

  @Test
  void aNameOfSeveralLinesOrTurnedRoundIsRefusedInTheCallersLanguage() {
    for (String name : new String[] {"ASPnet team\n\nACTION REQUIRED", "Tab\there", "Line\u2028separator", "Bidi \u202eloohcS\u202c",
        "Isolate \u2066x\u2069"}) {
      assertEquals(List.of(new FieldError("name", "must be one line, without control or text-direction characters")),
          nameErrors(name, "en"), name);
    }
    assertEquals("doit tenir sur une ligne, sans caractère de contrôle ni de sens du texte",
        nameErrors("a\nb", "fr").get(0).message());
  }

  @Test
  void namesInEveryScriptStayWelcome() {
    for (String name : new String[] {"Amina Wanjiru", "Zoë Müller-Lüdenscheidt", "محمد الأحمد", "李小龙", "O'Brien, Seán"}) {
      assertEquals(List.of(), nameErrors(name, "en"), name);
    }
  }
}
