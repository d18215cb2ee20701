package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
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

  @Test
  void aProposalNamesTheProposerWhereItIsAndThePortal() {
    School lyon = new School(7, "Lycée Ampère", "FR", null, "Lyon", null, null, null, List.of(), List.of(), List.of(), null, null, null,
        null, null, null, 9, MembershipStatus.MEMBER, 3);
    School eldoret = new School(10, "Starehe High School", "KE", null, "Eldoret", null, null, null, List.of(), List.of(), List.of(), null,
        null, null, null, null, null, 11, MembershipStatus.MEMBER, 2);
    MailOutbox.Message m =
        NoticeTexts.partnership("PROPOSED", new Accounts.Recipient("a", "Louis", "louis@example.fr", "fr"), lyon, eldoret, "https://x");
    assertEquals("ASPnet : Starehe High School propose un partenariat à Lycée Ampère", m.subject());
    assertTrue(m.text().contains("Starehe High School (Eldoret, Kenya) propose"), m.text());
    assertTrue(m.text().contains("https://x/portal"), m.text());
    assertEquals("partnership.proposed", m.kind());
  }
}
