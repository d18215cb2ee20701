package org.unesco.aspnet.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpSenderTest {
  private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  SmtpSenderTest() {
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private MailSettings settings(MailSettings.Security security, String user, String password) {
    return new MailSettings("https://aspnet.example.org", "127.0.0.1", smtp.getSmtp().getPort(), security, user, password,
        MailSettings.address("ASPnet France <aspnet@example.fr>"), 8);
  }

  @Test
  void sendsUtf8SubjectAndTextFromTheConfiguredSender() throws Exception {
    new SmtpSender(settings(MailSettings.Security.NONE, "", ""))
        .send("amira@example.org", "Réinitialisation — إعادة 密码", "Bonjour Zoë,\nمرحبا\n链接: https://aspnet.example.org/x\n");
    assertTrue(smtp.waitForIncomingEmail(5000, 1));
    MimeMessage m = smtp.getReceivedMessages()[0];
    assertEquals("Réinitialisation — إعادة 密码", m.getSubject());
    assertEquals("ASPnet France <aspnet@example.fr>", m.getFrom()[0].toString());
    assertEquals("Bonjour Zoë,\nمرحبا\n链接: https://aspnet.example.org/x", m.getContent().toString().replace("\r\n", "\n").strip());
    assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
  }

  @Test
  void authenticatesWhenAUserIsSet() throws Exception {
    smtp.setUser("aspnet@example.fr", "relay-user", "relay-secret");
    new SmtpSender(settings(MailSettings.Security.NONE, "relay-user", "relay-secret")).send("a@example.org", "s", "t");
    assertTrue(smtp.waitForIncomingEmail(5000, 1));
    SmtpSender.Failure f = assertThrows(SmtpSender.Failure.class,
        () -> new SmtpSender(settings(MailSettings.Security.NONE, "relay-user", "wrong")).send("a@example.org", "s", "t"));
    assertFalse(f.permanent, "a wrong password in the settings is fixed by the operator, then tried again");
  }

  @Test
  void requiredStartTlsIsNotSkippedWhenTheServerOffersNone() {
    SmtpSender.Failure f = assertThrows(SmtpSender.Failure.class,
        () -> new SmtpSender(settings(MailSettings.Security.STARTTLS, "", "")).send("a@example.org", "s", "t"));
    assertFalse(f.permanent);
    assertEquals(0, smtp.getReceivedMessages().length, "nothing crosses the network in clear");
  }

  @Test
  void anAddressThatIsNoneIsGivenUpAtOnce() {
    SmtpSender.Failure f = assertThrows(SmtpSender.Failure.class,
        () -> new SmtpSender(settings(MailSettings.Security.NONE, "", "")).send("not an address", "s", "t"));
    assertTrue(f.permanent);
  }

  @Test
  void aServerThatIsDownIsTriedAgain() {
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    MailSettings down = new MailSettings("https://aspnet.example.org", "127.0.0.1", port, MailSettings.Security.NONE, "", "",
        MailSettings.address("a@example.fr"), 8);
    SmtpSender.Failure f = assertThrows(SmtpSender.Failure.class, () -> new SmtpSender(down).send("a@example.org", "s", "t"));
    assertFalse(f.permanent);
    assertTrue(f.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect"), f.getMessage());
  }

  @Test
  void sslSpeaksTlsToTheConfiguredServerAndPort() throws Exception {
    GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
    smtps.start();
    try {
      MailSettings ssl = new MailSettings("https://aspnet.example.org", "127.0.0.1", smtps.getSmtps().getPort(),
          MailSettings.Security.SSL, "", "", MailSettings.address("a@example.fr"), 8);
      java.util.Properties trustGreenMail = new java.util.Properties();
      trustGreenMail.put("mail.smtps.ssl.trust", "127.0.0.1");
      trustGreenMail.put("mail.smtps.ssl.checkserveridentity", "false");
      new SmtpSender(ssl, trustGreenMail).send("tls@example.org", "over TLS", "t");
      assertTrue(smtps.waitForIncomingEmail(5000, 1));
      assertEquals("over TLS", smtps.getReceivedMessages()[0].getSubject());
      // without trusting it, a certificate no authority signed is refused: nothing is sent in the clear instead
      SmtpSender.Failure f = assertThrows(SmtpSender.Failure.class, () -> new SmtpSender(ssl).send("tls@example.org", "s", "t"));
      assertFalse(f.permanent);
      assertEquals(1, smtps.getReceivedMessages().length);
      assertEquals(0, smtp.getReceivedMessages().length, "nothing went to another server");
    } finally {
      smtps.stop();
    }
  }

  @Test
  void anInternationalDomainGoesAsItsAsciiFormAndNothingIsCutToEightBits() throws Exception {
    assertEquals("ana@xn--exaple-rmb.org", SmtpSender.deliverable("ana@exaŭple.org"));
    // characters whose low bytes are CR, LF and spaces: the domain's ASCII form carries none of them
    for (String smuggled : new String[] {"victim@x.org\u4E3E\u4E0Arcpt\u4E20to\u4E3A\u4E3Cattacker\u4E40evil.org",
        "victim@x.org举不上rcpt丠to为丼attacker乀evil.org"}) {
      String ascii = SmtpSender.deliverable(smuggled);
      assertTrue(ascii.chars().allMatch(c -> c > 0x20 && c < 0x7f) && ascii.startsWith("victim@x.xn--"), ascii);
    }
    for (String refused : new String[] {"josé@exemple.fr", "user@straße.de", "x@faς.gr", "u@exa\u3002mple.org",
        "Bob <bob@example.org>", "grp: a@example.org;",
        "victim.org,mallory@evil.org", "a@", "@b.org", "a b@example.org"}) {
      SmtpSender.Failure f = assertThrows(SmtpSender.Failure.class, () -> SmtpSender.deliverable(refused), refused);
      assertTrue(f.permanent, refused);
    }
    new SmtpSender(settings(MailSettings.Security.NONE, "", "")).send("ana@exaŭple.org", "s", "t");
    assertTrue(smtp.waitForIncomingEmail(5000, 1));
    assertEquals("ana@xn--exaple-rmb.org", smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());
  }

  @Test
  void aSendersNameInAnyScriptIsEncodedForItsHeader() throws Exception {
    MailSettings named = new MailSettings("https://aspnet.example.org", "127.0.0.1", smtp.getSmtp().getPort(),
        MailSettings.Security.NONE, "", "", MailSettings.address("ASPnet Frànce <aspnet@example.fr>"), 8);
    assertTrue(named.from().toString().contains("=?UTF-8?"), named.from().toString());
    new SmtpSender(named).send("a@example.org", "s", "t");
    assertTrue(smtp.waitForIncomingEmail(5000, 1));
    MimeMessage m = smtp.getReceivedMessages()[0];
    assertTrue(String.join(",", m.getHeader("From")).contains("=?UTF-8?"), "not raw 8-bit: " + String.join(",", m.getHeader("From")));
    assertEquals("ASPnet Frànce", ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getPersonal());
  }

  @Test
  void aSenderAddressIsCheckedAsARecipientIs() {
    assertEquals("aspnet@xn--bcher-kva.de", MailSettings.address("ASPnet <aspnet@bücher.de>").getAddress());
    assertTrue(MailSettings.address("ASPnet <aspnet@unescő.fr>").getAddress().startsWith("aspnet@xn--"), "an IDN sender goes in ASCII");
    assertThrows(IllegalArgumentException.class, () -> MailSettings.address("x <aspnét@unesco.fr>"));
    assertThrows(IllegalArgumentException.class, () -> MailSettings.address("x <a\nRSET@unesco.fr>"));
  }
}
