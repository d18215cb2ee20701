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
    MailOutbox.Message pt = MailTexts.invitation("pt", "a@example.br", "HQ", Role.NATIONAL_COORDINATOR, "BR", null, null,
        "https://x/accept-invitation#token=y", 14, "https://x");
    assertEquals("ASPnet: you are invited as National Coordinator of Brazil", pt.subject(),
        "a language without texts gets English throughout, the country's name too");
  }

  @Test
  void aGermanAccountGetsItsEmailsInGerman() {
    MailOutbox.Message nc = MailTexts.invitation("de", "a@example.de", "HQ <hq@unesco.org>", Role.NATIONAL_COORDINATOR, "DE", null, null,
        "https://x/accept-invitation#token=y", 14, "https://x");
    assertEquals("ASPnet: Einladung – Nationale Koordination für Deutschland", nc.subject());
    assertTrue(nc.text().startsWith("Guten Tag,\n\nHQ <hq@unesco.org> lädt Sie in folgender Rolle auf die ASPnet-Plattform des Netzwerks der "
        + "UNESCO-Projektschulen ein: Nationale Koordination für Deutschland.\n"), nc.text());
    assertTrue(nc.text().contains("innerhalb von 14 Tagen") && nc.text().contains("\n\nhttps://x/accept-invitation#token=y\n"), nc.text());
    assertTrue(nc.text().endsWith("\n-- \nASPnet-Plattform, https://x\n"), nc.text());
    MailOutbox.Message staff = MailTexts.invitation("de-AT", "b@example.at", "HQ", Role.SCHOOL_STAFF, "AT", null, "BG Wien",
        "https://x/accept-invitation#token=z", 14, "https://x");
    assertEquals("ASPnet: Einladung – Personal der Schule „BG Wien“", staff.subject(), "de-AT is written in German");
    MailOutbox.Message snc = MailTexts.invitation("de", "s@example.de", "HQ", Role.SUBNATIONAL_COORDINATOR, "FR", "Bretagne", null,
        "https://x/accept-invitation#token=s", 14, "https://x");
    assertEquals("ASPnet: Einladung – Koordination für Bretagne (Frankreich)", snc.subject(), "the country named in German");

    MailOutbox.Message reset = MailTexts.reset("de", "z@example.de", "Zoë", "HQ <hq@example.org>", "https://x/reset-password#token=z", 2, "https://x");
    assertEquals("ASPnet: Neues Passwort wählen", reset.subject());
    assertTrue(reset.text().startsWith("Guten Tag Zoë,\n\nHQ <hq@example.org> hat das Zurücksetzen des Passworts Ihres ASPnet-Kontos "
        + "(z@example.de) veranlasst.\nÖffnen Sie innerhalb von 2 Stunden diesen Link"), reset.text());
    MailOutbox.Message self = MailTexts.selfReset("de", "z@example.de", "Zoë", "https://x/reset-password#token=w", 2, "https://x");
    assertTrue(self.text().startsWith("Guten Tag Zoë,\n\njemand (vermutlich Sie) hat"), self.text());
    assertTrue(self.text().contains("Ihr Passwort bleibt unverändert."), self.text());
    assertEquals("password.reset.request", self.kind());
  }

  @Test
  void everyLanguageHasEnglishsKeysWithTheSameArguments() {
    java.util.Map<String, String> english = MailTexts.PATTERNS.get("en");
    assertEquals(java.util.Set.of("en", "fr", "es", "de"), MailTexts.PATTERNS.keySet());
    MailTexts.PATTERNS.forEach((lang, patterns) -> {
      assertEquals(english.keySet(), patterns.keySet(), lang);
      patterns.forEach((key, pattern) -> {
        new java.text.MessageFormat(pattern); // a valid pattern
        assertEquals(arguments(english.get(key)), arguments(pattern), lang + " " + key);
      });
    });
  }

  /** The argument numbers {@code pattern} uses. */
  private static java.util.Set<String> arguments(String pattern) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\d+)").matcher(pattern);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
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
