package org.unesco.aspnet.core;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Email the platform sends: password reset links, invitations, notices. A message is queued on
 * the connection of the change that causes it, so that it leaves only if that change commits,
 * and is delivered afterwards with retries: a slow or absent mail server never fails or slows a
 * request. Optional: without it (or while {@link #delivers()} is false) callers hand links over
 * the way they did before.
 *
 * @since 1.5
 */
@ProviderType
public interface MailOutbox {

  /**
   * One plain-text message. {@code kind} names what it is for ({@code password.reset}), for the
   * operators' view; the text is kept only until it is sent, as it may carry a secret link.
   */
  record Message(String to, String subject, String text, String kind) {}

  /** Queues {@code message} in the caller's transaction. */
  void enqueue(Connection connection, Message message) throws SQLException;

  /** Whether queued messages leave the platform: a mail server is configured. */
  boolean delivers();

  /**
   * The address people reach the platform at, for links in messages, e.g. {@code
   * https://aspnet.example.org} (no trailing slash).
   */
  String publicUrl();
}
