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
    assertTrue(text(30, "pt").startsWith("Hello Zoë,"), "a language without texts gets English: " + text(30, "pt"));
    assertTrue(text(30, "pt").contains("is due on March 31, 2026"), "its date too: " + text(30, "pt"));
    assertTrue(text(30, "en").contains("The platform sends this reminder by itself."), text(30, "en"));
    assertFalse(text(30, "en").contains("2,025"), "a year is no number with a thousands separator");
  }

  @Test
  void aGermanAccountIsRemindedInGermanWithAGermanDate() {
    assertTrue(text(30, "de").startsWith("Guten Tag Zoë,\n\nder ASPnet-Jahresbericht von Lycée Ampère für 2025 ist am 31. März 2026 fällig "
        + "(in 30 Tagen). Verfassen und senden Sie ihn im Portal Ihrer Schule:\n\nhttps://aspnet.unesco.fr/portal?year=2025\n"), text(30, "de"));
    assertTrue(text(1, "de").contains("(morgen)"), text(1, "de"));
    assertTrue(text(0, "de-CH").contains("ist am 31. März 2026 fällig (heute)"), text(0, "de-CH"));
    assertTrue(text(30, "de").contains("\nDie Plattform sendet diese Erinnerung automatisch.\n"), text(30, "de"));
    assertTrue(text(30, "de").endsWith("\n-- \nASPnet-Plattform, https://aspnet.unesco.fr\nSie erhalten diese Nachricht aufgrund Ihrer Rolle "
        + "auf der Plattform; diese Hinweise abbestellen: https://aspnet.unesco.fr/account\n"), text(30, "de"));
    MailOutbox.Message due = NoticeTexts.reminder(new NoticeTexts.ReportDue("Goethe-Gymnasium", 2025, DUE, false, 30, null),
        "goethe@example.de", "Jonas", "de", false, SITE);
    assertEquals("ASPnet: Der Jahresbericht 2025 von Goethe-Gymnasium ist am 31. März 2026 fällig", due.subject());

    MailOutbox.Message overdue = NoticeTexts.reminder(new NoticeTexts.ReportDue("Goethe-Gymnasium", 2025, DUE, true, -20,
        "Jonas Weber <jonas@example.de>"), "goethe@example.de", null, "de", true, SITE);
    assertEquals("ASPnet: Der Jahresbericht 2025 von Goethe-Gymnasium ist nicht eingegangen", overdue.subject());
    assertTrue(overdue.text().startsWith("Guten Tag,\n\nder ASPnet-Jahresbericht von Goethe-Gymnasium für 2025 war am 31. März 2026 fällig "
        + "und ist noch nicht eingegangen."), overdue.text());
    assertTrue(overdue.text().contains("\nJonas Weber <jonas@example.de> hat Ihnen diese Erinnerung gesendet.\n"), overdue.text());
    assertTrue(overdue.text().contains("die im ASPnet-Verzeichnis für Goethe-Gymnasium angegeben ist."), overdue.text());
  }

  @Test
  void everyLanguageHasEnglishsKeysWithTheSameArguments() {
    java.util.Map<String, String> english = NoticeTexts.PATTERNS.get("en");
    assertEquals(java.util.Set.of("en", "fr", "es", "de"), NoticeTexts.PATTERNS.keySet());
    NoticeTexts.PATTERNS.forEach((lang, patterns) -> {
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
            "si nadie tiene todavía una cuenta, pida una invitación a su coordinador nacional"),
        "de", java.util.List.of("weil an Ihrer Schule niemand die E-Mails der Plattform erhält", "kann sie unter „Mein Konto“ (E-Mails der Plattform) einschalten",
            "hat noch niemand ein Konto, bitten Sie Ihre nationale Koordination um eine Einladung"));
    said.forEach((lang, words) -> {
      String text = NoticeTexts.reminder(report, "ampere@example.fr", null, lang, true, SITE).text();
      words.forEach(w -> assertTrue(text.contains(w), lang + ": " + text));
      // not the old words, which told a school whose people have accounts (and turned notices off) to ask for one
      assertFalse(text.contains("has an account on the platform yet") || text.contains("n'a encore de compte sur la plateforme")
          || text.contains("tiene todavía una cuenta en la plataforma"), lang + ": " + text);
    });
  }
}
