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
}
