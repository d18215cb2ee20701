package org.unesco.aspnet.notices.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.security.Accounts;

/**
 * Emails a school's staff when the other school of a partnership moves it (Event Admin topic
 * {@code org/unesco/aspnet/partnerships/*}, after its commit): a proposal to the partner school,
 * its acceptance or refusal to the proposer, a withdrawn proposal to the partner, an end to both.
 * The school whose person made the move is not told, nor anyone of the platform's own moves (the
 * demo data); nothing is sent while the platform sends no email. Read by topic and properties only: the partnerships bundle need not be there.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + PartnershipNotices.TOPIC_PREFIX + "*")
public final class PartnershipNotices implements EventHandler {
  static final String TOPIC_PREFIX = "org/unesco/aspnet/partnerships/";
  private static final List<Role> STAFF = List.of(Role.SCHOOL_FOCAL_POINT, Role.SCHOOL_STAFF);

  private final NoticeMail mail;
  private final Logger log;

  @Activate
  public PartnershipNotices(@Reference NoticeMail mail, @Reference(service = LoggerFactory.class) Logger log) {
    this.mail = mail;
    this.log = log;
  }

  /** Which side hears of a move to {@code status}: the partner, the proposer, or both (ended); null: nobody. */
  static List<String> told(String status) {
    return switch (status) {
      case "PROPOSED", "WITHDRAWN" -> List.of("partner");
      case "ACCEPTED", "DECLINED" -> List.of("proposer");
      case "ENDED" -> List.of("proposer", "partner");
      default -> List.of();
    };
  }

  @Override
  public void handleEvent(Event event) {
    // only people and the platform move partnerships, and the platform's moves (the demo data) carry
    // no actor (PartnershipService.TOPIC_PREFIX): nobody's news, as NoticeMail.outboxFor says
    MailOutbox outbox = event.getProperty("actor") == null ? null : mail.outboxFor(event);
    if (outbox == null) {
      return;
    }
    try {
      String status = String.valueOf(event.getProperty("status"));
      School proposer = mail.school(((Number) event.getProperty("proposerId")).longValue());
      School partner = mail.school(((Number) event.getProperty("partnerId")).longValue());
      Object actor = event.getProperty("actor");
      List<MailOutbox.Message> messages = new ArrayList<>();
      for (String side : told(status)) {
        School to = side.equals("partner") ? partner : proposer;
        School other = side.equals("partner") ? proposer : partner;
        Map<String, Accounts.Recipient> recipients = mail.recipients(STAFF, null, String.valueOf(to.id()));
        if (actor != null && recipients.containsKey(actor.toString())) {
          continue; // this school's own move (an end by one of its staff): it knows
        }
        recipients.values().forEach(r -> messages.add(NoticeTexts.partnership(status, r, to, other, outbox.publicUrl())));
      }
      mail.queue(outbox, messages);
    } catch (RuntimeException e) {
      log.warn("No notice of {} for partnership {}: {}", event.getTopic(), event.getProperty("partnershipId"), e.toString());
    }
  }
}
