package org.unesco.aspnet.partnerships.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unesco.aspnet.partnerships.internal.PartnershipRulesTest.HQ;
import static org.unesco.aspnet.partnerships.internal.PartnershipRulesTest.nc;
import static org.unesco.aspnet.partnerships.internal.PartnershipRulesTest.staffOf;
import static org.unesco.aspnet.partnerships.internal.TestDirectory.KOELN;
import static org.unesco.aspnet.partnerships.internal.TestDirectory.LYON;
import static org.unesco.aspnet.partnerships.internal.TestDirectory.NAPOLI;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipStatus;

/**
 * The {@code partnerships} export dataset against the store's SQL on an in-memory Derby: each
 * caller's rows and columns (docs/partnerships.md, "Export"), the filters, and rows streamed a chunk
 * at a time.
 */
class PartnershipsDatasetTest {
  private static final String DE_KE_MESSAGE = "Unsere Schülerinnen pflanzen einen Schulgarten";
  private static final String DE_KE_COMMENT = "Karibu!";

  private final TestDirectory directory = new TestDirectory();
  private final TestDatabase database = new TestDatabase();
  private PartnershipStore store;
  private PartnershipsDataset dataset;
  private long kenyan;
  private long deKeAccepted;
  private long deItProposed;
  private long frDeProposed;
  private long frKeEnded;
  private long itFrDeclined;

  @BeforeEach
  void setUp() {
    store = new PartnershipStore(database, (c, who, action, entity, id, country, before, after) -> { }, directory);
    dataset = new PartnershipsDataset(store);
    kenyan = directory.foreignMember(0); // a Kenyan member school
    assertEquals("KE", directory.get(kenyan).country());
    deKeAccepted = propose(KOELN, kenyan, DE_KE_MESSAGE).id();
    move(kenyan, deKeAccepted, PartnershipStatus.ACCEPTED, DE_KE_COMMENT);
    deItProposed = propose(KOELN, NAPOLI, "Ciao from Köln").id();
    frDeProposed = propose(LYON, KOELN, "Bonjour de Lyon").id();
    frKeEnded = propose(LYON, kenyan, "Jambo from Lyon").id();
    move(kenyan, frKeEnded, PartnershipStatus.ACCEPTED, null);
    move(LYON, frKeEnded, PartnershipStatus.ENDED, "The school year is over");
    itFrDeclined = propose(NAPOLI, LYON, "Da Napoli").id();
    move(LYON, itFrDeclined, PartnershipStatus.DECLINED, "Pas cette année");
  }

  private Partnership propose(long proposer, long partner, String message) {
    return store.propose(staffOf(proposer, directory.get(proposer).country()),
        new PartnershipInput(proposer, partner, Theme.ESD, message));
  }

  private void move(long by, long id, PartnershipStatus to, String comment) {
    store.move(staffOf(by, directory.get(by).country()), id, to, comment, null);
  }

  /** What one export wrote: its column keys and its rows by column key. */
  private record File(List<String> columns, List<Map<String, Object>> rows) {
    List<Long> ids() {
      return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    Map<String, Object> row(long id) {
      return rows.stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElse(null);
    }
  }

  private File export(Principal who, Map<String, String> filters) throws IOException {
    List<String> columns = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    int[] begun = new int[1];
    dataset.export(who, filters, declared -> {
      begun[0]++;
      declared.stream().map(Column::key).forEach(columns::add);
      return new RowWriter() {
        @Override
        public void row(Object[] values) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 0; i < values.length; i++) {
            row.put(columns.get(i), values[i]);
          }
          rows.add(row);
        }

        @Override
        public void close() {}
      };
    });
    assertEquals(1, begun[0], "begun once, even without rows");
    return new File(columns, rows);
  }

  private File export(Principal who) throws IOException {
    return export(who, Map.of());
  }

  private static final List<String> ALL_COLUMNS = List.of("id", "status", "theme", "proposerId", "proposerName",
      "proposerCountry", "partnerId", "partnerName", "partnerCountry", "proposedAt", "acceptedAt", "endedAt", "message",
      "comment");

  @Test
  void hqGetsEveryPartnershipOldestFirstWithItsTexts() throws IOException {
    File file = export(HQ);
    assertEquals(ALL_COLUMNS, file.columns());
    assertEquals(ALL_COLUMNS, dataset.columns().stream().map(Column::key).toList(), "declared: every column");
    assertEquals(List.of(deKeAccepted, deItProposed, frDeProposed, frKeEnded, itFrDeclined), file.ids());
    Map<String, Object> deKe = file.row(deKeAccepted);
    assertEquals("ACCEPTED", deKe.get("status"));
    assertEquals("ESD", deKe.get("theme"));
    assertEquals(KOELN, deKe.get("proposerId"));
    assertEquals("School 20", deKe.get("proposerName"));
    assertEquals("DE", deKe.get("proposerCountry"));
    assertEquals("KE", deKe.get("partnerCountry"));
    assertEquals(DE_KE_MESSAGE, deKe.get("message"));
    assertEquals(DE_KE_COMMENT, deKe.get("comment"));
    assertTrue(deKe.get("proposedAt") instanceof Instant);
    assertNotNull(deKe.get("acceptedAt"));
    assertNull(deKe.get("endedAt"));
    Map<String, Object> ended = file.row(frKeEnded);
    assertNotNull(ended.get("acceptedAt"), "it was accepted before it ended");
    assertNotNull(ended.get("endedAt"));
    assertEquals("The school year is over", ended.get("comment"));
    assertNull(file.row(itFrDeclined).get("acceptedAt"), "declined: never accepted");
    assertNull(file.row(deItProposed).get("acceptedAt"));
  }

  @Test
  void franceNeverGetsARowOfAGermanKenyanPartnershipNorItsMessage() throws IOException {
    File file = export(nc("FR"));
    assertEquals(ALL_COLUMNS, file.columns(), "France's NC reads the texts of France's partnerships");
    // France's, of every status, with their texts; not the public DE-KE one, not the DE-IT proposal
    assertEquals(List.of(frDeProposed, frKeEnded, itFrDeclined), file.ids());
    for (Map<String, Object> row : file.rows()) {
      assertTrue("FR".equals(row.get("proposerCountry")) || "FR".equals(row.get("partnerCountry")), row.toString());
      assertFalse(row.containsValue(DE_KE_MESSAGE) || row.containsValue(DE_KE_COMMENT), row.toString());
    }
    assertEquals("Bonjour de Lyon", file.row(frDeProposed).get("message"));
    assertEquals("Pas cette année", file.row(itFrDeclined).get("comment"));
    // asking for Germany or Kenya gives France's rows with them, no more
    assertEquals(List.of(frDeProposed), export(nc("FR"), Map.of("country", "de")).ids());
    assertEquals(List.of(frKeEnded), export(nc("FR"), Map.of("country", "KE")).ids());
    assertEquals(List.of(), export(nc("FR"), Map.of("school", String.valueOf(kenyan), "status", "ACCEPTED")).ids());
    // Germany's and Kenya's NCs read it, with its message
    assertEquals(DE_KE_MESSAGE, export(nc("DE")).row(deKeAccepted).get("message"));
    assertEquals(List.of(deKeAccepted, frKeEnded), export(nc("KE")).ids());
  }

  @Test
  void thePublicGetsAcceptedPartnershipsOfTwoMembersWithoutTexts() throws IOException {
    File file = export(Principal.anonymous());
    assertEquals(ALL_COLUMNS.subList(0, ALL_COLUMNS.size() - 2), file.columns(), "no message or comment column");
    assertEquals(List.of(deKeAccepted), file.ids(), "accepted only: not proposed, declined or ended ones");
    assertEquals(List.of(), export(Principal.anonymous(), Map.of("status", "PROPOSED")).ids());
    // an account without a role is the public too
    Principal nobody = new Principal("nobody", null, null, "en", List.of());
    assertEquals(List.of(deKeAccepted), export(nobody).ids());
    // a school no longer a member takes it out of the public's file (not out of its NC's)
    directory.change(kenyan, "KE", "Nairobi", MembershipStatus.SUSPENDED);
    assertEquals(List.of(), export(Principal.anonymous()).ids());
    assertEquals(List.of(deKeAccepted, frKeEnded), export(nc("KE")).ids());
  }

  @Test
  void aSchoolsStaffGetTheirSchoolsPartnershipsOnly() throws IOException {
    File file = export(staffOf(LYON, "FR"));
    assertEquals(ALL_COLUMNS, file.columns());
    assertEquals(List.of(frDeProposed, frKeEnded, itFrDeclined), file.ids(), "not the public DE-KE one: not theirs");
    assertEquals(List.of(deKeAccepted, deItProposed, frDeProposed), export(staffOf(KOELN, "DE")).ids());
  }

  @Test
  void aSubNationalCoordinatorGetsThePublicPartnershipsOfTheirUnitWithoutTexts() throws IOException {
    directory.change(KOELN, "DE", "NW", "Köln", MembershipStatus.MEMBER);
    Principal northRhine = new Principal("land-nw", null, null, "en",
        List.of(new Grant(Role.SUBNATIONAL_COORDINATOR, "DE", "NW", null, null)));
    File file = export(northRhine);
    assertEquals(ALL_COLUMNS.subList(0, ALL_COLUMNS.size() - 2), file.columns());
    assertEquals(List.of(deKeAccepted), file.ids());
    Principal bavaria = new Principal("land-by", null, null, "en",
        List.of(new Grant(Role.SUBNATIONAL_COORDINATOR, "DE", "BY", null, null)));
    assertEquals(List.of(), export(bavaria).ids(), "another Land's: nothing");
  }

  @Test
  void theFiltersAreTheLists() throws IOException {
    assertEquals(List.of(deKeAccepted, frKeEnded), export(HQ, Map.of("school", String.valueOf(kenyan))).ids());
    assertEquals(List.of(deItProposed), export(HQ, Map.of("country", "it", "status", "PROPOSED")).ids());
    assertEquals(List.of(frKeEnded), export(HQ, Map.of("status", "ENDED")).ids());
    assertEquals(List.of(deKeAccepted, deItProposed, frDeProposed, frKeEnded, itFrDeclined),
        export(HQ, Map.of("school", " ", "status", "")).ids(), "blank: no filter");
    for (Map<String, String> bad : List.of(Map.of("school", "Lyon"), Map.of("school", "0"), Map.of("status", "OPEN"),
        Map.of("status", "accepted"), Map.of("country", "FRA"))) {
      ProblemException refused = assertThrows(ProblemException.class, () -> export(HQ, bad));
      assertEquals(400, refused.status(), bad.toString());
      assertEquals(List.copyOf(bad.keySet()), refused.errors().stream().map(e -> e.field()).toList());
    }
  }

  @Test
  void rowsComeAChunkAtATimeInIdOrder() throws IOException {
    // many accepted partnerships of member schools, and some of a school that is not: straight into the table
    int n = 2 * PartnershipStore.EXPORT_CHUNK + 7;
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO PSH_PARTNERSHIP (PROPOSER_ID, PROPOSER_NAME,"
          + " PROPOSER_COUNTRY, PROPOSER_CITY, PARTNER_ID, PARTNER_NAME, PARTNER_COUNTRY, PARTNER_CITY, THEME, MESSAGE,"
          + " STATUS, PROPOSED_AT, ANSWERED_AT, REVISION) VALUES (?, 'S', ?, 'C', ?, 'S', ?, 'C', 'ESD', 'm', 'ACCEPTED', ?, ?, 2)")) {
        for (int i = 0; i < n; i++) {
          boolean dormant = i % 10 == 3;
          ps.setLong(1, dormant ? TestDirectory.CANDIDATE_DE : KOELN);
          ps.setString(2, "DE");
          ps.setLong(3, directory.foreignMember(1 + i % 11));
          ps.setString(4, directory.get(directory.foreignMember(1 + i % 11)).country());
          ps.setTimestamp(5, Timestamp.from(Instant.now()));
          ps.setTimestamp(6, Timestamp.from(Instant.now()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
    directory.visibleAsked.clear();
    List<Long> ids = export(Principal.anonymous()).ids();
    long notMember = n / 10 + (n % 10 > 3 ? 1 : 0);
    assertEquals(1 + n - notMember, ids.size(), "the DE-KE one and those of two members");
    assertEquals(ids.stream().sorted().toList(), ids, "by id");
    // the directory was asked once per chunk of rows, never about the whole table at once
    assertEquals(3, directory.visibleAsked.size(), directory.visibleAsked.toString());
    assertTrue(directory.visibleAsked.stream().allMatch(asked -> asked <= 2 * PartnershipStore.EXPORT_CHUNK));
    assertEquals(5 + n, export(HQ).ids().size());
  }
}
