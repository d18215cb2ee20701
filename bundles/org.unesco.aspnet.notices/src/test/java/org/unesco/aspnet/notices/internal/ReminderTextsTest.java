package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.MailOutbox;

class ReminderTextsTest {
  private static final LocalDate DUE = LocalDate.of(2026, 3, 31);
  private static final String SITE = "https://aspnet.unesco.fr";

  @Test
  void aMissingReportIsSaidToHaveBeenDueWithThePortalAndWhoAsked() {
    NoticeTexts.ReportDue report = new NoticeTexts.ReportDue("Lycée Ampère", 2025, DUE, true, -245, "Nadia Benali <nadia@example.fr>");
    MailOutbox.Message m = NoticeTexts.reminder(report, "zoe@example.fr", "Zoë", "fr", false, SITE);
    assertEquals("zoe@example.fr", m.to());
    assertEquals("report.reminder", m.kind());
    assertEquals("ASPnet : le rapport annuel 2025 de Lycée Ampère n'a pas été reçu", m.subject());
    assertTrue(m.text().startsWith("Bonjour Zoë,\n\nLe rapport annuel ASPnet de Lycée Ampère pour 2025 était attendu le 31 mars 2026"), m.text());
    assertTrue(m.text().contains("\n\nhttps://aspnet.unesco.fr/portal?year=2025\n"), "the portal, on the year's report: " + m.text());
    assertTrue(m.text().contains("Ce rappel vous est envoyé par Nadia Benali <nadia@example.fr>."), m.text());
    assertTrue(m.text().contains("https://aspnet.unesco.fr/account"), "where to stop notices: " + m.text());
  }

  @Test
  void aReportStillOpenIsSaidToBeDueInSoManyDays() {
    assertTrue(text(30, "en").contains("is due on March 31, 2026 (in 30 days)"), text(30, "en"));
    assertTrue(text(1, "en").contains("(tomorrow)"), text(1, "en"));
    assertTrue(text(0, "fr").contains("est attendu le 31 mars 2026 (aujourd'hui)"), text(0, "fr"));
    assertTrue(text(12, "es-MX").contains("vence el 31 de marzo de 2026 (dentro de 12 días)"), text(12, "es-MX"));
    assertTrue(text(30, "de").startsWith("Hello Zoë,"), "a language without texts gets English: " + text(30, "de"));
    assertTrue(text(30, "en").contains("The platform sends this reminder by itself."), text(30, "en"));
    assertFalse(text(30, "en").contains("2,025"), "a year is no number with a thousands separator");
  }

  private static String text(long daysLeft, String lang) {
    return NoticeTexts.reminder(new NoticeTexts.ReportDue("Lycée Ampère", 2025, DUE, false, daysLeft, null), "zoe@example.fr", "Zoë",
        lang, false, SITE).text();
  }

  @Test
  void aSchoolsContactAddressIsToldWhyItGetsItAndHowToGetAnAccount() {
    NoticeTexts.ReportDue report = new NoticeTexts.ReportDue("Colegio Sol", 2025, DUE, true, -20, "HQ <hq@unesco.org>");
    MailOutbox.Message m = NoticeTexts.reminder(report, "sol@example.mx", null, "es", true, "https://aspnet.example.org");
    assertEquals("ASPnet: no se ha recibido el informe anual 2025 de Colegio Sol", m.subject());
    assertTrue(m.text().startsWith("Hola:\n\n"), m.text());
    assertTrue(m.text().contains("pida una invitación a su coordinador nacional"), m.text());
    assertTrue(m.text().contains("la dirección de contacto de Colegio Sol"), m.text());
    assertFalse(m.text().contains("/account"), "it has no account whose notices to stop: " + m.text());
  }

  @Test
  void aSchoolsContactAddressIsToldWhatIsTrueWhetherItsPeopleHaveNoAccountOrTurnedNoticesOff() {
    NoticeTexts.ReportDue report = new NoticeTexts.ReportDue("Lycée Ampère", 2025, DUE, true, -20, null);
    java.util.Map<String, java.util.List<String>> said = java.util.Map.of(
        "en", java.util.List.of("because nobody at your school receives the platform's emails", "can turn them on in My account",
            "if nobody has an account yet, ask your National Coordinator for an invitation"),
        "fr", java.util.List.of("parce que personne dans votre école ne reçoit les courriels de la plateforme", "dans Mon compte",
            "si personne n'a encore de compte, demandez une invitation à votre coordinateur national"),
        "es", java.util.List.of("porque nadie de su escuela recibe los correos de la plataforma", "puede activarlos en Mi cuenta",
            "si nadie tiene todavía una cuenta, pida una invitación a su coordinador nacional"));
    said.forEach((lang, words) -> {
      String text = NoticeTexts.reminder(report, "ampere@example.fr", null, lang, true, SITE).text();
      words.forEach(w -> assertTrue(text.contains(w), lang + ": " + text));
      // not the old words, which told a school whose people have accounts (and turned notices off) to ask for one
      assertFalse(text.contains("has an account on the platform yet") || text.contains("n'a encore de compte sur la plateforme")
          || text.contains("tiene todavía una cuenta en la plataforma"), lang + ": " + text);
    });
  }
}
