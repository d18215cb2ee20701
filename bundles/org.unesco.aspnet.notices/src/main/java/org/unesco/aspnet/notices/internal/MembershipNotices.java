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
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.security.Accounts;

/**
 * Emails the people who must act on, or hear of, a move of a membership (Event Admin, after its
 * commit): a new application to the country's National Coordinators, one sent back by HQ to them
 * too, a recommendation to HQ officers, and a decision on a school (certified, rejected,
 * suspended, dormant, withdrawn) to its focal point and staff. Recommendations reach HQ in a daily
 * digest unless configured otherwise ({@link RecommendationDigest}). Whoever made the move is not told
 * of it, and the platform's own moves (the demo data) are told to nobody. Nothing is sent while the platform sends no email; a notice that cannot be prepared is
 * logged and the move stands.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + MembershipService.TOPIC_PREFIX + "*")
public final class MembershipNotices implements EventHandler {
  private final NoticeMail mail;
  private final RecommendationDigest digest;
  private final Logger log;

  @Activate
  public MembershipNotices(@Reference NoticeMail mail, @Reference RecommendationDigest digest,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.mail = mail;
    this.digest = digest;
    this.log = log;
  }

  /** Who hears of a move to {@code to} (from {@code from}, null for a new application), and as what notice. */
  record Audience(List<Role> roles, boolean ofTheSchool, String notice) {}

  static Audience audience(MembershipStatus from, MembershipStatus to) {
    return switch (to) {
      case APPLIED -> new Audience(List.of(Role.NATIONAL_COORDINATOR), false, "applied");
      case UNDER_NATIONAL_REVIEW -> from == MembershipStatus.RECOMMENDED || from == MembershipStatus.UNDER_HQ_REVIEW
          ? new Audience(List.of(Role.NATIONAL_COORDINATOR), false, "sentBack") : null;
      case RECOMMENDED -> new Audience(List.of(Role.HQ_OFFICER), false, "recommended");
      case MEMBER, REJECTED, SUSPENDED, DORMANT, WITHDRAWN ->
          new Audience(List.of(Role.SCHOOL_FOCAL_POINT, Role.SCHOOL_STAFF), true, "decision");
      default -> null;
    };
  }

  @Override
  public void handleEvent(Event event) {
    MailOutbox outbox = mail.outboxFor(event);
    if (outbox == null) {
      return;
    }
    try {
      MembershipStatus to = MembershipStatus.valueOf(String.valueOf(event.getProperty("to")));
      Object fromProperty = event.getProperty("from");
      MembershipStatus from = fromProperty == null ? null : MembershipStatus.valueOf(fromProperty.toString());
      Audience audience = audience(from, to);
      if (audience == null) {
        return;
      }
      long schoolId = ((Number) event.getProperty("schoolId")).longValue();
      if (audience.notice().equals("recommended") && digest.daily()) {
        digest.hold(schoolId, (String) event.getProperty("actor")); // HQ hears of it in the day's digest
        return;
      }
      // a school's staff by its school; coordinators by their country; HQ officers everywhere
      String country = audience.ofTheSchool() || audience.roles().contains(Role.HQ_OFFICER) ? null : (String) event.getProperty("country");
      Map<String, Accounts.Recipient> recipients =
          mail.recipients(audience.roles(), country, audience.ofTheSchool() ? String.valueOf(schoolId) : null);
      recipients.remove(String.valueOf(event.getProperty("actor"))); // who made the move knows of it
      if (recipients.isEmpty()) {
        return;
      }
      School school = mail.school(schoolId);
      List<MailOutbox.Message> messages = new ArrayList<>();
      for (Accounts.Recipient r : recipients.values()) {
        messages.add(NoticeTexts.notice(audience.notice(), r, school, from, to, (String) event.getProperty("certificateNumber"),
            outbox.publicUrl()));
      }
      mail.queue(outbox, messages);
    } catch (RuntimeException e) {
      log.warn("No notice of {} for school {}: {}", event.getTopic(), event.getProperty("schoolId"), e.toString());
    }
  }
}
