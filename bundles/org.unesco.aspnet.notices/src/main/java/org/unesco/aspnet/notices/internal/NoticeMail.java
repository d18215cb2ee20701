package org.unesco.aspnet.notices.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.security.Accounts;

/**
 * What every notice handler of this bundle does around its texts: whether an event is anyone's
 * news at all, who holds the roles it concerns (each person once, those who want notices), a
 * school as the platform reads it, and the messages queued together.
 */
@Component(service = NoticeMail.class)
public final class NoticeMail {
  private static final String SYSTEM_ID = Principal.system().accountId();

  private final Accounts accounts;
  private final SchoolService schools;
  private final Database database;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile MailOutbox mail;

  @Activate
  public NoticeMail(@Reference Accounts accounts, @Reference SchoolService schools, @Reference Database database) {
    this.accounts = accounts;
    this.schools = schools;
    this.database = database;
  }

  /**
   * The outbox to tell {@code event} through; null while the platform sends no email, and for the
   * platform's own moves (the demo data, a data migration), which are nobody's news. An event
   * without an actor (an anonymous application) is news like any other; a partnership's, which only
   * people and the platform move, is the platform's ({@link PartnershipNotices}).
   */
  MailOutbox outboxFor(Event event) {
    return SYSTEM_ID.equals(event.getProperty("actor")) ? null : delivering();
  }

  /** The outbox while the platform sends email; null while it sends none. */
  MailOutbox delivering() {
    MailOutbox outbox = mail;
    return outbox == null || !outbox.delivers() ? null : outbox;
  }

  /**
   * Whether a message to {@code address} could ever leave ({@link MailOutbox#canSendTo}): an
   * address the mail bundle gives up at once is no address. Without the mail bundle, any that is
   * not blank (a preview, whose addresses are copied by hand).
   */
  boolean canSendTo(String address) {
    MailOutbox outbox = mail;
    return outbox == null ? address != null && !address.isBlank() : outbox.canSendTo(address);
  }

  /** The people who hold any of {@code roles} in the scope ({@code country}, {@code school}; null: any), each once, by account id. */
  Map<String, Accounts.Recipient> recipients(List<Role> roles, String country, String school) {
    Map<String, Accounts.Recipient> found = new LinkedHashMap<>();
    for (Role role : roles) {
      accounts.noticeRecipients(role, country, school).forEach(r -> found.putIfAbsent(r.accountId(), r));
    }
    return found;
  }

  School school(long id) {
    return schools.school(Principal.system(), id);
  }

  /** Queues {@code messages} in one transaction: all of them or, when it fails, none. */
  void queue(MailOutbox outbox, Collection<MailOutbox.Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    database.inTransaction(c -> {
      for (MailOutbox.Message m : messages) {
        outbox.enqueue(c, m);
      }
      return null;
    });
  }
}
