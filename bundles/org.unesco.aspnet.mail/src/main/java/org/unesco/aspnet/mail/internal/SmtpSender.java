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

  /** The longest address: SMTP's (RFC 5321, a path of 256 with its brackets), the outbox's column. */
  static final int ADDRESS_MAX = 254;

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
    this.session = withOwnClassLoader(() -> Session.getInstance(p));
  }

  /**
   * {@code to} as SMTP may carry it without SMTPUTF8: the domain in ASCII (IDNA, {@code
   * exaŭple.org} as {@code xn--exaple-...}), a local part that is ASCII already, and nothing but
   * one plain address (no name, group or list), at most {@link #ADDRESS_MAX} characters. Anything else is refused, never cut to 8 bits:
   * Jakarta Mail would send the low byte of each character, another mailbox, or a line break that
   * starts another SMTP command.
   */
  static String deliverable(String to) throws Failure {
    String address = to == null ? "" : to.strip();
    if (address.length() > ADDRESS_MAX) {
      throw new Failure("an email address has at most " + ADDRESS_MAX + " characters: " + address.substring(0, 40) + "...", true, null);
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw new Failure("not an email address: " + address, true, null);
    }
    String local = address.substring(0, at);
    String domain;
    try {
      domain = java.net.IDN.toASCII(address.substring(at + 1), java.net.IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new Failure("the domain of " + address + " is no internet domain: " + e.getMessage(), true, e);
    }
    // IDNA2003 (the JDK's) maps some letters to others (ß to ss, ς to σ): another domain, another
    // mailbox. Only a domain whose ASCII form reads back as written is sent.
    // (lower case compared, not equalsIgnoreCase: that takes ς and σ for the same letter)
    if (!java.net.IDN.toUnicode(domain).toLowerCase(java.util.Locale.ROOT)
        .equals(address.substring(at + 1).toLowerCase(java.util.Locale.ROOT))) {
      throw new Failure("the domain of " + address + " has no ASCII form of its own (IDNA would send it to "
          + java.net.IDN.toUnicode(domain) + ")", true, null);
    }
    if (local.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new Failure("the mailbox name of " + address + " has a space or a control character", true, null);
    }
    if (!local.chars().allMatch(c -> c < 0x7f)) {
      throw new Failure("the mailbox name of " + address + " is not ASCII: this platform does not send SMTPUTF8", true, null);
    }
    String ascii = local + "@" + domain;
    if (ascii.length() > ADDRESS_MAX) { // a domain's ASCII form is longer than its letters
      throw new Failure("the ASCII form of " + address + " is longer than " + ADDRESS_MAX + " characters", true, null);
    }
    try {
      InternetAddress parsed = new InternetAddress(ascii, true);
      if (!ascii.equals(parsed.getAddress()) || parsed.getPersonal() != null || parsed.isGroup()) {
        throw new Failure("not one plain email address: " + address, true, null);
      }
    } catch (AddressException e) {
      throw new Failure("not an email address: " + e.getMessage(), true, e);
    }
    return ascii;
  }

  void send(String to, String subject, String text) throws Failure {
    InternetAddress recipient;
    try {
      recipient = new InternetAddress(deliverable(to), true);
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
          // Angus goes on without authenticating when the server offers no AUTH: credentials that
          // were configured are required, or the relay may not be the one meant
          if (!settings.username().isEmpty() && transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtp
              && !smtp.supportsExtension("AUTH")) {
            throw new MessagingException("the server offers no AUTH, and a username is configured: not sent unauthenticated");
          }
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

  private interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Jakarta Mail finds its providers and Activation its mailcap through the context class loader:
   * in OSGi that is whatever the calling thread had, so it is this bundle's, which holds both.
   */
  private static <T, E extends Exception> T withOwnClassLoader(Work<T, E> work) throws E {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(SmtpSender.class.getClassLoader());
    try {
      return work.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
