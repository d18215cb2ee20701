package org.unesco.aspnet.mail.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one plain-text UTF-8 message over SMTP with Jakarta Mail (Eclipse Angus, inside this
 * bundle). Short timeouts: a mail server that does not answer holds the outbox's one thread, never
 * a request.
 */
final class SmtpSender {
  /** Why a message cannot be sent; {@code permanent} when trying again cannot help (a bad address). */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean permanent;

    Failure(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }
  }

  private final MailSettings settings;
  private final Session session;
  private final String protocol;

  SmtpSender(MailSettings settings) {
    this(settings, new Properties());
  }

  /** {@code extra}: more Jakarta Mail properties (the tests trust GreenMail's own certificate). */
  SmtpSender(MailSettings settings, Properties extra) {
    this.settings = settings;
    Properties p = new Properties();
    protocol = settings.security() == MailSettings.Security.SSL ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", settings.host());
    p.put("mail." + protocol + ".port", String.valueOf(settings.port()));
    p.put("mail." + protocol + ".connectiontimeout", "10000");
    p.put("mail." + protocol + ".timeout", "20000");
    p.put("mail." + protocol + ".writetimeout", "20000");
    p.put("mail." + protocol + ".auth", String.valueOf(!settings.username().isEmpty()));
    if (settings.security() == MailSettings.Security.STARTTLS) {
      // required, not hoped for: credentials and reset links never cross the network in clear
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (settings.security() != MailSettings.Security.NONE) {
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    p.put("mail.mime.charset", "UTF-8");
    p.putAll(extra);
    this.session = sessionOf(p);
  }

  void send(String to, String subject, String text) throws Failure {
    InternetAddress recipient;
    try {
      recipient = new InternetAddress(to, true);
    } catch (AddressException e) {
      throw new Failure("not an email address: " + e.getMessage(), true, e);
    }
    try {
      withOwnClassLoader(() -> {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(settings.from());
        m.setRecipient(Message.RecipientType.TO, recipient);
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setText(text, StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies
        m.saveChanges();
        // The transport of the configured protocol, to the configured server: Transport.send would
        // pick "smtp" from the address type and, for SSL, miss the mail.smtps.* settings.
        try (Transport transport = session.getTransport(protocol)) {
          transport.connect(settings.host(), settings.port(),
              settings.username().isEmpty() ? null : settings.username(), settings.username().isEmpty() ? null : settings.password());
          transport.sendMessage(m, m.getAllRecipients());
        }
        return null;
      });
    } catch (SendFailedException e) {
      // the server refused the address itself (5xx to RCPT TO): no retry will change that
      boolean refusedAddress = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
      throw new Failure(describe(e), refusedAddress, e);
    } catch (MessagingException e) {
      throw new Failure(describe(e), false, e);
    }
  }

  /** The exception's message with its causes', on one line (the operators' view shows it). */
  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && b.length() < OutboxStore.ERROR_MAX; t = t.getCause()) {
      if (b.length() > 0) {
        b.append(": ");
      }
      b.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip());
    }
    return b.toString().replaceAll("\\s+", " ");
  }

  private interface MailWork<T> {
    T run() throws MessagingException;
  }

  /**
   * Jakarta Mail finds its providers and Activation its mailcap through the context class loader:
   * in OSGi that is whatever the calling thread had, so it is this bundle's, which holds both.
   */
  private static <T> T withOwnClassLoader(MailWork<T> work) throws MessagingException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(SmtpSender.class.getClassLoader());
    try {
      return work.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static Session sessionOf(Properties p) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(SmtpSender.class.getClassLoader());
    try {
      return Session.getInstance(p);
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
