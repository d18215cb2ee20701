package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.security.Accounts;

class MembershipNoticesTest {

  @Test
  void eachMoveIsToldToWhoeverActsNext() {
    assertEquals(List.of(Role.NATIONAL_COORDINATOR), MembershipNotices.audience(null, MembershipStatus.APPLIED).roles());
    assertEquals("sentBack", MembershipNotices.audience(MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.UNDER_NATIONAL_REVIEW).notice());
    assertNull(MembershipNotices.audience(MembershipStatus.APPLIED, MembershipStatus.UNDER_NATIONAL_REVIEW),
        "an NC who takes an application up tells nobody");
    assertEquals(List.of(Role.HQ_OFFICER), MembershipNotices.audience(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED).roles());
    for (MembershipStatus decided : List.of(MembershipStatus.MEMBER, MembershipStatus.REJECTED, MembershipStatus.SUSPENDED,
        MembershipStatus.DORMANT, MembershipStatus.WITHDRAWN)) {
      assertTrue(MembershipNotices.audience(MembershipStatus.UNDER_HQ_REVIEW, decided).ofTheSchool(), decided.name());
    }
    assertNull(MembershipNotices.audience(MembershipStatus.RECOMMENDED, MembershipStatus.UNDER_HQ_REVIEW));
  }

  @Test
  void aDecisionIsWrittenInTheRecipientsLanguageWithItsCertificateAndPortal() {
    org.unesco.aspnet.membership.School school = new org.unesco.aspnet.membership.School(7, "Lycée Jean-Moulin", "FR", null, "Lyon",
        null, null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null, 9, MembershipStatus.MEMBER, 3);
    MailOutbox.Message m = NoticeTexts.notice("decision", new Accounts.Recipient("a1", "Zoë", "zoe@example.fr", "fr"), school,
        MembershipStatus.MEMBER, "ASP-FR-0042", "https://aspnet.unesco.fr");
    assertEquals("zoe@example.fr", m.to());
    assertEquals("Adhésion ASPnet de Lycée Jean-Moulin : membre (certifiée)", m.subject());
    assertTrue(m.text().startsWith("Bonjour Zoë,"), m.text());
    assertTrue(m.text().contains("Numéro de certificat : ASP-FR-0042."), m.text());
    assertTrue(m.text().contains("https://aspnet.unesco.fr/portal"), m.text());
    // a suspended school made a member again is told it is reinstated, in every language
    for (String[] lang : new String[][] {{"en", "reinstated (a member again)"}, {"fr", "réintégrée (de nouveau membre)"},
        {"es", "reintegrada (de nuevo miembro)"}, {"de", "wieder aufgenommen (wieder Mitglied)"}}) {
      MailOutbox.Message back = NoticeTexts.notice("decision", new Accounts.Recipient("a1", "Zoë", "zoe@example.fr", lang[0]), school,
          MembershipStatus.SUSPENDED, MembershipStatus.MEMBER, "ASP-FR-0042", "https://aspnet.unesco.fr");
      assertTrue(back.subject().endsWith(lang[1]), back.subject());
      assertTrue(back.text().contains(lang[1]), back.text());
    }
    MailOutbox.Message applied = NoticeTexts.notice("applied", new Accounts.Recipient("a2", "", "nc@example.fr", "pt"), school,
        MembershipStatus.APPLIED, null, "https://aspnet.unesco.fr");
    assertEquals("New ASPnet application: Lycée Jean-Moulin", applied.subject(), "a language without texts gets English");
    assertTrue(applied.text().contains("https://aspnet.unesco.fr/console/nc?tab=applications&country=FR"), applied.text());
    assertTrue(applied.text().startsWith("Hello nc@example.fr,"), applied.text());
  }

  @Test
  void aGermanAccountIsToldInGerman() {
    org.unesco.aspnet.membership.School school = new org.unesco.aspnet.membership.School(8, "Goethe-Gymnasium", "DE", null, "Weimar",
        null, null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null, 9, MembershipStatus.MEMBER, 3);
    Accounts.Recipient jonas = new Accounts.Recipient("a3", "Jonas", "jonas@example.de", "de");
    MailOutbox.Message member = NoticeTexts.notice("decision", jonas, school, MembershipStatus.MEMBER, "ASP-DE-0007", "https://x");
    assertEquals("ASPnet-Mitgliedschaft von Goethe-Gymnasium: Mitglied (zertifiziert)", member.subject());
    assertTrue(member.text().startsWith("Guten Tag Jonas,\n\nder Status der ASPnet-Mitgliedschaft von Goethe-Gymnasium lautet jetzt: "
        + "Mitglied (zertifiziert). Nummer der Mitgliedsurkunde: ASP-DE-0007.\n"), member.text());
    assertTrue(member.text().contains("im Portal Ihrer Schule:\n\nhttps://x/portal\n"), member.text());
    assertEquals("ASPnet-Mitgliedschaft von Goethe-Gymnasium: ausgesetzt",
        NoticeTexts.notice("decision", jonas, school, MembershipStatus.SUSPENDED, "ASP-DE-0007", "https://x").subject());
    assertEquals("ASPnet-Mitgliedschaft von Goethe-Gymnasium: wieder aufgenommen (wieder Mitglied)",
        NoticeTexts.notice("decision", jonas, school, MembershipStatus.SUSPENDED, MembershipStatus.MEMBER, "ASP-DE-0007", "https://x").subject());
    assertEquals("ASPnet-Mitgliedschaft von Goethe-Gymnasium: Mitglied (zertifiziert)",
        NoticeTexts.notice("decision", jonas, school, MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER, "ASP-DE-0007", "https://x").subject());
    assertEquals("ASPnet-Mitgliedschaft von Goethe-Gymnasium: ruhend",
        NoticeTexts.notice("decision", jonas, school, MembershipStatus.DORMANT, null, "https://x").subject());
    MailOutbox.Message applied = NoticeTexts.notice("applied", new Accounts.Recipient("a4", null, "nk@example.de", "de-DE"), school,
        MembershipStatus.APPLIED, null, "https://x");
    assertEquals("Neue ASPnet-Bewerbung: Goethe-Gymnasium", applied.subject());
    assertTrue(applied.text().startsWith("Guten Tag nk@example.de,\n\nGoethe-Gymnasium (Weimar, Deutschland) hat die Aufnahme in ASPnet beantragt."),
        applied.text());
    assertTrue(applied.text().contains("https://x/console/nc?tab=applications&country=DE"), applied.text());
    assertEquals("Zur Zertifizierung empfohlen: Goethe-Gymnasium",
        NoticeTexts.notice("recommended", jonas, school, MembershipStatus.RECOMMENDED, null, "https://x").subject());
    assertEquals("Von der UNESCO-Zentrale zurückgegeben: Goethe-Gymnasium",
        NoticeTexts.notice("sentBack", jonas, school, MembershipStatus.UNDER_NATIONAL_REVIEW, null, "https://x").subject());
  }

  @Test
  void thePlatformsOwnMovesAreToldToNobody() {
    NoticeMail mail = new NoticeMail(null, null, null); // none of them may be asked
    MembershipNotices notices = new MembershipNotices(mail, null, null);
    mail.mail = new MailOutbox() {
      @Override
      public void enqueue(java.sql.Connection connection, Message message) {
        throw new AssertionError("a demo move sent " + message);
      }

      @Override
      public boolean delivers() {
        return true;
      }

      @Override
      public String publicUrl() {
        return "https://aspnet.example.org";
      }
    };
    notices.handleEvent(new org.osgi.service.event.Event("org/unesco/aspnet/membership/RECOMMENDED", java.util.Map.of(
        "to", "RECOMMENDED", "from", "UNDER_NATIONAL_REVIEW", "schoolId", 7L, "country", "FR",
        "actor", org.unesco.aspnet.core.Principal.system().accountId())));
  }
}
