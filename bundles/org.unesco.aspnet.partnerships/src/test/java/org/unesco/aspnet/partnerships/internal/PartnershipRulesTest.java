package org.unesco.aspnet.partnerships.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.partnerships.PartnerSchool;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipStatus;

/** The rules without a database: the moves, who makes them, who is concerned, what a proposal must hold. */
class PartnershipRulesTest {
  private static final Partnership FR_DE = new Partnership(1, new PartnerSchool(7, "Lycée", "FR", "Lyon"),
      new PartnerSchool(20, "Gymnasium", "DE", "Köln"), Theme.ESD, "Hello", PartnershipStatus.PROPOSED, Instant.EPOCH,
      null, null, null, 1);

  static Principal staffOf(long school, String country) {
    return staffOf(school, country, "en");
  }

  static Principal staffOf(long school, String country, String language) {
    return new Principal("staff-" + school, null, null, language,
        List.of(Grant.school(Role.SCHOOL_STAFF, country, String.valueOf(school))));
  }

  static Principal nc(String country) {
    return new Principal("nc-" + country, null, null, "en", List.of(Grant.country(Role.NATIONAL_COORDINATOR, country)));
  }

  static final Principal HQ = new Principal("hq", null, null, "en", List.of(Grant.global(Role.HQ_OFFICER)));

  @Test
  void theMovesAreTheContractsTable() {
    Set<String> allowed = new java.util.TreeSet<>();
    for (PartnershipStatus from : PartnershipStatus.values()) {
      for (PartnershipStatus to : PartnershipStatus.values()) {
        if (PartnershipRules.allowed(from, to)) {
          allowed.add(from + ">" + to);
        }
      }
    }
    assertEquals(Set.of("PROPOSED>ACCEPTED", "PROPOSED>DECLINED", "PROPOSED>WITHDRAWN", "ACCEPTED>ENDED"), allowed);
    assertEquals(EnumSet.of(PartnershipStatus.PROPOSED, PartnershipStatus.ACCEPTED),
        EnumSet.copyOf(List.of(PartnershipStatus.values()).stream().filter(PartnershipStatus::isOpen).toList()));
  }

  @Test
  void thePartnerAnswersTheProposerWithdrawsEitherOrHqEnds() {
    Principal proposer = staffOf(7, "FR");
    Principal partner = staffOf(20, "DE");
    Principal focalPoint = new Principal("fp", null, null, "en", List.of(Grant.school(Role.SCHOOL_FOCAL_POINT, "DE", "20")));
    for (PartnershipStatus answer : List.of(PartnershipStatus.ACCEPTED, PartnershipStatus.DECLINED)) {
      assertNull(PartnershipRules.refusal(partner, FR_DE, answer));
      assertNull(PartnershipRules.refusal(focalPoint, FR_DE, answer));
      assertEquals("notPartnerStaff", PartnershipRules.refusal(proposer, FR_DE, answer));
      assertEquals("notPartnerStaff", PartnershipRules.refusal(HQ, FR_DE, answer));
      assertEquals("notPartnerStaff", PartnershipRules.refusal(nc("DE"), FR_DE, answer));
    }
    assertNull(PartnershipRules.refusal(proposer, FR_DE, PartnershipStatus.WITHDRAWN));
    assertEquals("notProposerWithdraw", PartnershipRules.refusal(partner, FR_DE, PartnershipStatus.WITHDRAWN));
    assertEquals("notProposerWithdraw", PartnershipRules.refusal(HQ, FR_DE, PartnershipStatus.WITHDRAWN));
    assertNull(PartnershipRules.refusal(proposer, FR_DE, PartnershipStatus.ENDED));
    assertNull(PartnershipRules.refusal(partner, FR_DE, PartnershipStatus.ENDED));
    assertNull(PartnershipRules.refusal(HQ, FR_DE, PartnershipStatus.ENDED));
    assertEquals("notEnder", PartnershipRules.refusal(nc("FR"), FR_DE, PartnershipStatus.ENDED));
    assertEquals("notEnder", PartnershipRules.refusal(staffOf(8, "FR"), FR_DE, PartnershipStatus.ENDED));
    assertEquals("notEnder", PartnershipRules.refusal(Principal.anonymous(), FR_DE, PartnershipStatus.ENDED));
  }

  @Test
  void theTwoSchoolsTheirNcsAndHqAreConcernedNobodyElse() {
    assertTrue(PartnershipRules.concerned(staffOf(7, "FR"), FR_DE));
    assertTrue(PartnershipRules.concerned(staffOf(20, "DE"), FR_DE));
    assertTrue(PartnershipRules.concerned(nc("FR"), FR_DE));
    assertTrue(PartnershipRules.concerned(nc("DE"), FR_DE));
    assertTrue(PartnershipRules.concerned(HQ, FR_DE));
    assertTrue(PartnershipRules.concerned(Principal.system(), FR_DE));
    assertFalse(PartnershipRules.concerned(nc("IT"), FR_DE));
    assertFalse(PartnershipRules.concerned(staffOf(8, "FR"), FR_DE));
    assertFalse(PartnershipRules.concerned(Principal.anonymous(), FR_DE));
  }

  @Test
  void aProposalHearsEveryMistakeAtOnce() {
    List<FieldError> errors = PartnershipRules.errors("en", new PartnershipInput(null, null, null, null));
    assertEquals(List.of("proposer", "partner", "theme", "message"), errors.stream().map(FieldError::field).toList());
    assertEquals(List.of("partner", "message"), PartnershipRules.errors("en",
        new PartnershipInput(7L, 7L, Theme.ESD, "\u200b \u202e\n")).stream().map(FieldError::field).toList());
    assertEquals("doit être une autre école que celle qui propose", PartnershipRules.errors("fr",
        new PartnershipInput(7L, 7L, Theme.ESD, "Bonjour")).get(0).message());
    assertEquals(List.of(), PartnershipRules.errors("en", new PartnershipInput(7L, 20L, Theme.PEACE_GCED, "Hello")));
  }

  @Test
  void aMessageAndACommentHoldTwoThousandCharactersEvenBeyondTheBasicPlane() {
    String emoji = "\uD83C\uDF0D"; // one character, two UTF-16 units
    String most = emoji.repeat(PartnershipRules.TEXT_MAX);
    assertEquals(List.of(), PartnershipRules.errors("en", new PartnershipInput(7L, 20L, Theme.ESD, most)));
    assertEquals("must be at most 2000 characters", PartnershipRules.errors("en",
        new PartnershipInput(7L, 20L, Theme.ESD, most + "x")).get(0).message());
    assertEquals(List.of(), PartnershipRules.commentErrors("en", most));
    assertEquals(List.of("comment"), PartnershipRules.commentErrors("en", "a".repeat(2001)).stream().map(FieldError::field).toList());
    assertEquals(List.of(), PartnershipRules.commentErrors("en", null));
    assertNull(PartnershipRules.comment("\u200b "), "an invisible comment is no comment");
    assertEquals("Thanks", PartnershipRules.comment("  Thanks \n"));
  }

  @Test
  void everyMessageIsWrittenInEveryLanguage() throws Exception {
    java.lang.reflect.Field field = PartnershipMessages.class.getDeclaredField("MESSAGES");
    field.setAccessible(true);
    java.lang.reflect.Field table = org.unesco.aspnet.core.Messages.class.getDeclaredField("byLanguage");
    table.setAccessible(true);
    @SuppressWarnings("unchecked")
    java.util.Map<String, java.util.Map<String, String>> all =
        (java.util.Map<String, java.util.Map<String, String>>) table.get(field.get(null));
    for (String language : List.of("fr", "de", "es")) {
      assertEquals(all.get("en").keySet(), all.get(language).keySet(), language);
    }
    assertEquals("Les écoles 7 et 1234 ont déjà un partenariat proposé ou accepté (partenariat 5)",
        PartnershipMessages.get("fr-CA", "duplicate", "7", "1234", "5"));
  }
}
