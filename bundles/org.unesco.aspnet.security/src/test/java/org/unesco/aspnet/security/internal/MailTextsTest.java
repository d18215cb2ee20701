package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Role;

class MailTextsTest {

  @Test
  void anInvitationNamesTheRoleItsCountryAndItsSchoolInTheTextsLanguage() {
    MailOutbox.Message fr = MailTexts.invitation("fr", "a@example.fr", "Nadia <nc@example.fr>", Role.SCHOOL_STAFF, "FR", null,
        "École Jules Ferry", "https://aspnet.example.org/accept-invitation#token=x", 14, "https://aspnet.example.org");
    assertEquals("ASPnet : vous êtes invité(e) comme membre de l'équipe de « École Jules Ferry »", fr.subject());
    assertTrue(fr.text().contains("https://aspnet.example.org/accept-invitation#token=x"), fr.text());
    assertTrue(fr.text().contains("dans les 14 jours"), fr.text());
    MailOutbox.Message de = MailTexts.invitation("de", "a@example.de", "HQ", Role.NATIONAL_COORDINATOR, "DE", null, null,
        "https://x/accept-invitation#token=y", 14, "https://x");
    assertEquals("ASPnet: you are invited as National Coordinator of Germany", de.subject(),
        "a language without texts gets English throughout, the country's name too");
  }

  @Test
  void aResetLinkSaysWhoStartedItAndForHowLong() {
    MailOutbox.Message m = MailTexts.reset("es", "z@example.org", "Zoë", "HQ <hq@example.org>", "https://x/reset-password#token=z", 2, "https://x");
    assertEquals("ASPnet: elija una contraseña nueva", m.subject());
    assertTrue(m.text().startsWith("Hola Zoë:"), m.text());
    assertTrue(m.text().contains("HQ <hq@example.org> inició") && m.text().contains("en un plazo de 2 horas"), m.text());
    assertEquals("password.reset", m.kind());
  }

  @Test
  void aCampaignOrAUnitIsNamedAsItsCatalogSaysIt() {
    MailOutbox.Message cc = MailTexts.invitation("en", "c@example.org", "HQ", Role.CAMPAIGN_COORDINATOR, null, "Sandwatch 2027", null,
        "https://x/accept-invitation#token=c", 14, "https://x");
    assertEquals("ASPnet: you are invited as coordinator of the campaign \u201cSandwatch 2027\u201d", cc.subject());
    MailOutbox.Message snc = MailTexts.invitation("fr", "s@example.de", "HQ", Role.SUBNATIONAL_COORDINATOR, "DE", "Bayern", null,
        "https://x/accept-invitation#token=s", 14, "https://x");
    assertEquals("ASPnet : vous êtes invité(e) comme coordinateur de Bayern (Allemagne)", snc.subject());
  }
}
