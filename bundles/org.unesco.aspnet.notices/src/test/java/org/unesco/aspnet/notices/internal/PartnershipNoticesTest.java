package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.log.Logger;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.security.Accounts;

class PartnershipNoticesTest {

  @Test
  void eachMoveIsToldToTheSchoolThatDidNotMakeIt() {
    assertEquals(List.of("partner"), PartnershipNotices.told("PROPOSED"));
    assertEquals(List.of("proposer"), PartnershipNotices.told("ACCEPTED"));
    assertEquals(List.of("proposer"), PartnershipNotices.told("DECLINED"));
    assertEquals(List.of("partner"), PartnershipNotices.told("WITHDRAWN"));
    assertEquals(List.of("proposer", "partner"), PartnershipNotices.told("ENDED"));
    assertTrue(PartnershipNotices.told("SOMETHING_NEW").isEmpty());
  }

  private static final School LYON = new School(7, "Lycée Ampère", "FR", null, "Lyon", null, null, null, List.of(), List.of(), List.of(),
      null, null, null, null, null, null, 9, MembershipStatus.MEMBER, 3);
  private static final School ELDORET = new School(10, "Starehe High School", "KE", null, "Eldoret", null, null, null, List.of(), List.of(),
      List.of(), null, null, null, null, null, null, 11, MembershipStatus.MEMBER, 2);

  @Test
  void aProposalNamesTheProposerWhereItIsAndThePortal() {
    School lyon = LYON;
    School eldoret = ELDORET;
    MailOutbox.Message m =
        NoticeTexts.partnership("PROPOSED", new Accounts.Recipient("a", "Louis", "louis@example.fr", "fr"), lyon, eldoret, "https://x");
    assertEquals("ASPnet : Starehe High School propose un partenariat à Lycée Ampère", m.subject());
    assertTrue(m.text().contains("Starehe High School (Eldoret, Kenya) propose"), m.text());
    assertTrue(m.text().contains("https://x/portal"), m.text());
    assertEquals("partnership.proposed", m.kind());
  }

  @Test
  void aGermanAccountIsToldInGermanWithTheCountryInGerman() {
    MailOutbox.Message m =
        NoticeTexts.partnership("PROPOSED", new Accounts.Recipient("a", "Jonas", "jonas@example.de", "de"), LYON, ELDORET, "https://x");
    assertEquals("ASPnet: Starehe High School schlägt Lycée Ampère eine Partnerschaft vor", m.subject());
    assertTrue(m.text().startsWith("Guten Tag Jonas,\n\nStarehe High School (Eldoret, Kenia) schlägt Lycée Ampère eine Partnerschaft vor."),
        m.text());
    assertTrue(m.text().contains("im Portal Ihrer Schule an oder lehnen Sie ihn ab:\n\nhttps://x/portal\n"), m.text());
    MailOutbox.Message ended =
        NoticeTexts.partnership("ENDED", new Accounts.Recipient("a", "Jonas", "jonas@example.de", "de"), LYON, ELDORET, "https://x");
    assertEquals("ASPnet: Die Partnerschaft zwischen Lycée Ampère und Starehe High School ist beendet", ended.subject());
    assertEquals("partnership.ended", ended.kind());
  }

  @Test
  void thePlatformsOwnMovesWhichCarryNoActorAreToldToNobody() {
    List<MailOutbox.Message> queued = new CopyOnWriteArrayList<>();
    List<String> warned = new CopyOnWriteArrayList<>();
    NoticeMail mail = new NoticeMail(stub(Accounts.class, (method, args) -> method.getName().equals("noticeRecipients")
        ? List.of(new Accounts.Recipient("staff-" + args[2], "Staff of " + args[2], "staff" + args[2] + "@example.org", "en")) : null),
        stub(SchoolService.class, (method, args) -> method.getName().equals("school") ? ((Long) args[1] == 7L ? LYON : ELDORET) : null),
        new TestDatabase());
    mail.mail = new MailOutbox() {
      @Override
      public void enqueue(Connection connection, Message message) {
        queued.add(message);
      }

      @Override
      public boolean delivers() {
        return true;
      }

      @Override
      public String publicUrl() {
        return "https://aspnet.example.org";
      }
    };
    PartnershipNotices notices = new PartnershipNotices(mail, stub(Logger.class, (method, args) -> {
      warned.add(method.getName() + " " + Arrays.toString(args));
      return null;
    }));

    // the demo data: school.7's school proposes to school.10's, which accepts, both as the platform (PartnershipService: no actor)
    notices.handleEvent(move("PROPOSED", null));
    notices.handleEvent(move("ACCEPTED", null));
    assertEquals(List.of(), queued, "the demo's partnerships are nobody's news");

    // the same moves by people are told to the other school
    notices.handleEvent(move("PROPOSED", "staff-7"));
    notices.handleEvent(move("ACCEPTED", "staff-10"));
    assertEquals(List.of("staff10@example.org partnership.proposed", "staff7@example.org partnership.accepted"),
        queued.stream().map(m -> m.to() + " " + m.kind()).toList());
    assertEquals(List.of(), warned);
  }

  /** A partnership of school 7 (the proposer) and school 10 moved to {@code status} by {@code actor} (null: the platform). */
  private static Event move(String status, String actor) {
    Map<String, Object> properties = new HashMap<>(Map.of("partnershipId", 1L, "proposerId", 7L, "partnerId", 10L, "status", status,
        "proposerCountry", "FR", "partnerCountry", "KE"));
    if (actor != null) {
      properties.put("actor", actor);
    }
    return new Event(PartnershipNotices.TOPIC_PREFIX + status, properties);
  }

  private interface Answer {
    Object answer(Method method, Object[] args);
  }

  /** {@code type} answering {@code answer} (void and Object's methods: nothing). */
  private static <T> T stub(Class<T> type, Answer answer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
        method.getDeclaringClass() == Object.class ? null : answer.answer(method, args)));
  }
}
