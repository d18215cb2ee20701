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
   * Whether a message to {@code address} could ever leave: false for an address the outbox gives
   * up at once whatever the mail server says (not one plain address, a mailbox name that is not
   * ASCII, a domain with no ASCII form of its own), so that a caller does not count such a message
   * as sent. True says nothing of whether the mailbox exists. The default takes any address that is
   * not blank; the mail bundle checks as it does when it sends.
   *
   * @since 1.7
   */
  default boolean canSendTo(String address) {
    return address != null && !address.isBlank();
  }

  /**
   * The address people reach the platform at, for links in messages, e.g. {@code
   * https://aspnet.example.org} (no trailing slash).
   */
  String publicUrl();
}
