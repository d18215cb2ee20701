package org.unesco.aspnet.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.Locale;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.unesco.aspnet.core.ConfigValues;

/** The mail server and the platform's public address, as read and checked once per change of {@code org.unesco.aspnet.mail}. */
record MailSettings(String publicUrl, String host, int port, Security security, String username, String password,
    InternetAddress from, int maxAttempts) {

  enum Security { STARTTLS, SSL, NONE }

  @ObjectClassDefinition(name = "ASPnet mail", description = "Outgoing email (SMTP) and the platform's address in links")
  @interface Config {
    @AttributeDefinition(description = "The address people reach the platform at, for links in messages (http or https, no path)")
    String publicUrl() default "http://localhost:8080";

    @AttributeDefinition(description = "SMTP server; empty: no email leaves, and whoever makes a reset or invitation link hands it over")
    String host() default "";

    @AttributeDefinition(description = "SMTP port: 587 for STARTTLS, 465 for SSL, 25 for a relay in the same network")
    int port() default 587;

    @AttributeDefinition(description = "How the connection is protected", options = {
        @Option(value = "STARTTLS", label = "STARTTLS (required, port 587)"),
        @Option(value = "SSL", label = "TLS from the first byte (port 465)"),
        @Option(value = "NONE", label = "None: only for a relay on the same host or network")})
    String security() default "STARTTLS";

    @AttributeDefinition(description = "SMTP user; empty: no authentication")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password")
    String password() default "";

    @AttributeDefinition(name = "from", description = "Sender, e.g. ASPnet France <aspnet@unesco.fr>")
    String from() default "ASPnet Platform <no-reply@localhost>";

    @AttributeDefinition(description = "Attempts before a message is given up (the waits double from 1 minute to at most an hour)")
    int maxAttempts() default 8;
  }

  static final MailSettings DEFAULTS = new MailSettings("http://localhost:8080", "", 587, Security.STARTTLS, "", "",
      address("ASPnet Platform <no-reply@localhost>"), 8);

  static MailSettings of(Config c, MailSettings previous, ConfigValues values) {
    String url = values.get("publicUrl", () -> c.publicUrl().strip().replaceAll("/+$", ""), MailSettings::isPublicUrl,
        "an http or https address without a path, e.g. https://aspnet.example.org", previous.publicUrl());
    String host = values.get("host", () -> c.host().strip(), h -> h.isEmpty() || h.matches("[A-Za-z0-9.\\-\\[\\]:]{1,253}"),
        "a host name or address, or empty", previous.host());
    int port = values.get("port", c::port, p -> p >= 1 && p <= 65535, "a port, 1-65535", previous.port());
    Security security = values.get("security", () -> Security.valueOf(c.security().strip().toUpperCase(Locale.ROOT)),
        s -> true, "STARTTLS, SSL or NONE", previous.security());
    String username = values.get("username", () -> c.username().strip(), u -> true, "", previous.username());
    String password = values.get("password", c::password, p -> true, "", previous.password());
    InternetAddress from = values.get("from", () -> address(c.from()), a -> true,
        "an email address, with a name if you like: ASPnet France <aspnet@unesco.fr>", previous.from());
    int attempts = values.get("maxAttempts", c::maxAttempts, n -> n >= 1 && n <= 50, "a number, 1-50", previous.maxAttempts());
    return new MailSettings(url, host, port, security, username, password, from, attempts);
  }

  boolean delivers() {
    return !host.isEmpty();
  }

  private static boolean isPublicUrl(String url) {
    try {
      URI u = new URI(url);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
          && (u.getPath() == null || u.getPath().isEmpty()) && u.getQuery() == null && u.getFragment() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** Parsed strictly, so that a typo is refused (and the previous sender kept) rather than sent to. */
  static InternetAddress address(String text) {
    try {
      InternetAddress a = new InternetAddress(text.strip(), true);
      if (a.getAddress() == null || !a.getAddress().contains("@")) {
        throw new IllegalArgumentException("no domain in " + text);
      }
      // the address as SMTP carries it (IDNA domain, ASCII mailbox: never cut to 8 bits on MAIL FROM),
      // the name encoded for a header (RFC 2047): "ASPnet Frànce" is not sent as raw 8-bit text
      String ascii = SmtpSender.deliverable(a.getAddress());
      return a.getPersonal() == null ? new InternetAddress(ascii, true) : new InternetAddress(ascii, a.getPersonal(), "UTF-8");
    } catch (SmtpSender.Failure e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (AddressException | java.io.UnsupportedEncodingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return describe().toString(); // never the password, in a log line either
  }

  /** For the operators' view: never the password. */
  java.util.Map<String, Object> describe() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("delivers", delivers());
    m.put("publicUrl", publicUrl);
    m.put("host", host.isEmpty() ? null : host);
    m.put("port", port);
    m.put("security", security.name());
    m.put("authenticated", !username.isEmpty());
    m.put("from", from.toUnicodeString());
    m.put("maxAttempts", maxAttempts);
    return m;
  }
}
