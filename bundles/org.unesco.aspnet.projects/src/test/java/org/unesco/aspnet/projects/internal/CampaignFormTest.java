package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignKind;
import org.unesco.aspnet.projects.MediaLink;
import org.unesco.aspnet.projects.Phase;
import org.unesco.aspnet.projects.SubmissionInput;

class CampaignFormTest {
  private static final List<Phase> ACT_THIS_YEAR =
      List.of(new Phase("act", LocalDate.now().minusYears(1), LocalDate.now().plusYears(1)));

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aSubmissionNeedsAPastDateAKnownPhaseAndConsentForPupilsOnCamera() {
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now().plusDays(3), "dance", " ", -1, null, Map.of(),
        List.of(new MediaLink("ftp://x", "sound", true, null), new MediaLink("https://example.org/v", "video", false, null)));
    assertEquals(List.of("date", "phase", "text", "pupils", "teachers", "media[0].url", "media[0].type",
        "media[0].parentalConsent"), fields(CampaignForm.submission(in, ACT_THIS_YEAR, true, "en")));
  }

  /** A media link passes a resource's checks: approved, it is shown to the public as resources are. */
  @Test
  void aMediaLinkIsCheckedAsAResourcesLink() {
    List<String> refused = List.of("https://www.unesco.org@evil.example/x.jpg", "https://127.0.0.1/x.jpg",
        "https://localhost/x.jpg", "https://example.org:99999/x.jpg", "https://[::1]/x.jpg", "ftp://example.org/x.jpg");
    List<MediaLink> media = refused.stream().map(url -> new MediaLink(url, "photo", false, null)).toList();
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now().minusDays(1), "act", "We cleaned the beach", 30, 2,
        Map.of(), media);
    assertEquals(List.of("media[0].url", "media[1].url", "media[2].url", "media[3].url", "media[4].url", "media[5].url"),
        fields(CampaignForm.submission(in, ACT_THIS_YEAR, true, "en")));
    assertEquals(List.of("https://example.org/x.jpg"), CampaignForm.normalizedMedia(
        List.of(new MediaLink(" HTTPS://Example.ORG:443/x.jpg", "photo", false, null))).stream().map(MediaLink::url).toList());
  }

  /** A title and a phase key are one line that reads as written: no override turning the text round, no line break. */
  @Test
  void aCampaignsTitleAndPhaseKeysAreOneLine() {
    Map<String, String> title = new java.util.LinkedHashMap<>();
    title.put("en", "Gardens \u202esnedrag");
    title.put("fr", "Jardins\nseconde ligne");
    title.put("es", "Jardines \u2066escolares\u2069");
    title.put("de", "Schulgärten \u200e"); // a direction mark is fine
    CampaignInput in = new CampaignInput(CampaignKind.CAMPAIGN, null, null, title, Map.of("en", "Two\nlines are fine here"),
        List.of(new Phase("act\u202e", LocalDate.now(), LocalDate.now())), null, null, null);
    assertEquals(List.of("title.en", "title.fr", "title.es", "phases[0].key"), fields(CampaignForm.create(in, Set.of(), c -> true)));
    assertEquals("doit tenir sur une ligne, sans caractère de contrôle ni de sens du texte",
        CampaignForm.update(in, Set.of(), c -> true, "fr").get(0).message());
  }

  @Test
  void aValidSubmission() {
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now().minusDays(1), "act", "We cleaned the beach", 30, 2,
        Map.of("waste", List.of()), List.of(new MediaLink("https://example.org/p.jpg", "photo", true, true)));
    assertEquals(List.of(), CampaignForm.submission(in, ACT_THIS_YEAR, true, "en"));
  }

  /** A text of zero-width spaces shows nothing; a long one counts characters, not UTF-16 units (an emoji is one). */
  @Test
  void anActivitysTextMustShowSomethingAndIsCountedInCharacters() {
    assertEquals(List.of("text"), fields(CampaignForm.submission(withText("\u200b\u2060"), ACT_THIS_YEAR, true, "en")));
    String emoji = "\uD83C\uDF0A";
    assertEquals(List.of(), CampaignForm.submission(withText(emoji.repeat(CampaignForm.TEXT_MAX)), ACT_THIS_YEAR, true, "en"));
    assertEquals(List.of("text"), fields(CampaignForm.submission(withText(emoji.repeat(CampaignForm.TEXT_MAX + 1)), ACT_THIS_YEAR, true, "en")));
  }

  private static SubmissionInput withText(String text) {
    return new SubmissionInput(1L, LocalDate.now().minusDays(1), "act", text, 30, 2, Map.of("waste", List.of()), List.of());
  }

  @Test
  void theDateLiesWithinThePhaseItNames() {
    LocalDate today = LocalDate.now();
    List<Phase> phases = List.of(new Phase("observe", today.minusDays(60), today.minusDays(31)),
        new Phase("act", today.minusDays(30), today.plusDays(30)));
    assertEquals(List.of(), CampaignForm.submission(activity(today.minusDays(40), "observe"), phases, true, "en"));
    assertEquals(List.of(), CampaignForm.submission(activity(today.minusDays(30), "act"), phases, true, "en"), "first day");
    assertEquals(List.of(), CampaignForm.submission(activity(today.minusDays(31), "observe"), phases, true, "en"), "last day");
    List<FieldError> early = CampaignForm.submission(activity(today.minusDays(40), "act"), phases, true, "en");
    assertEquals(List.of("date"), fields(early));
    assertEquals("must be within the phase act: " + today.minusDays(30) + " to " + today.plusDays(30), early.get(0).message());
    // named as the module labels it in the request's language
    assertEquals("muss in der Phase Handeln liegen: " + today.minusDays(30) + " bis " + today.plusDays(30),
        CampaignForm.submission(activity(today.minusDays(40), "act"), phases, true, "de", k -> k.equals("act") ? "Handeln" : k)
            .get(0).message());
    assertEquals(List.of("date"), fields(CampaignForm.submission(activity(today.minusDays(10), "observe"), phases, true, "en")), "late");
    assertEquals(List.of("date"), fields(CampaignForm.submission(activity(today.minusDays(61), "observe"), phases, true, "en")), "early");
  }

  private static SubmissionInput activity(LocalDate date, String phase) {
    return new SubmissionInput(1L, date, phase, "We cleaned the beach", 30, 2, Map.of(), List.of());
  }

  @Test
  void metricsNeedAModule() {
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now(), null, "x", 0, 0, Map.of("kg", 1), null);
    assertEquals(List.of("metrics"), fields(CampaignForm.submission(in, List.of(), false, "en")));
  }

  @Test
  void aCampaignNeedsKindTitleAndPhasesOfItsModule() {
    CampaignInput in = new CampaignInput(null, "Trash Hack!", "XX", Map.of(), Map.of("english", "x"),
        List.of(new Phase("party", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1))), null, List.of("ZZ"), null);
    assertEquals(List.of("kind", "module", "country", "title", "description.english", "phases[0].key", "phases[0].ends",
        "countries[0]"), fields(CampaignForm.create(in, Set.of("observe", "act"), c -> Set.of("FR", "KE").contains(c))));
    CampaignInput ok = new CampaignInput(CampaignKind.CAMPAIGN, "trash-hack", null, Map.of("en", "Trash Hack"), null,
        List.of(new Phase("act", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1))), false, List.of("FR"), true);
    assertEquals(List.of(), CampaignForm.create(ok, Set.of("observe", "act"), c -> Set.of("FR", "KE").contains(c)));
  }

  @Test
  void aCampaignsErrorsAreWrittenInTheRequestsLanguage() {
    CampaignInput in = new CampaignInput(CampaignKind.CAMPAIGN, "trash-hack", null, Map.of("fr", " "), null,
        List.of(new Phase("party", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1))), null, List.of("ZZ"), null);
    Map<String, String> fr = new java.util.LinkedHashMap<>();
    CampaignForm.create(in, Set.of("observe", "act"), c -> false, "fr").forEach(e -> fr.put(e.field(), e.message()));
    assertEquals("ne doit pas être vide", fr.get("title.fr"));
    assertEquals("doit être l'une des phases du module : observe, act", fr.get("phases[0].key").replace("act, observe", "observe, act"));
    assertEquals("ne doit pas précéder le début", fr.get("phases[0].ends"));
    assertEquals("doit être le code ISO 3166-1 alpha-2 d'un État membre de l'UNESCO", fr.get("countries[0]"));
    assertEquals("darf nicht vor dem Beginn liegen", CampaignForm.update(in, Set.of("observe", "act"), c -> false, "de").stream()
        .filter(e -> e.field().equals("phases[0].ends")).findFirst().orElseThrow().message());
    assertEquals("is required, e.g. {\"en\": \"Trash Hack 2026\"}", CampaignForm.create(
        new CampaignInput(CampaignKind.CAMPAIGN, null, null, null, null, null, null, null, null), Set.of(), c -> true).get(0).message());
  }

  @Test
  void anActivitysErrorsAreWrittenInTheRequestsLanguage() {
    SubmissionInput in = new SubmissionInput(1L, null, null, " ", -1, null, null,
        List.of(new MediaLink("ftp://x", "photo", true, false)));
    Map<String, String> fr = new java.util.LinkedHashMap<>();
    CampaignForm.submission(in, List.of(), true, "fr").forEach(e -> fr.put(e.field(), e.message()));
    assertEquals("est obligatoire (AAAA-MM-JJ)", fr.get("date"));
    assertEquals("est obligatoire : ce qui s'est passé", fr.get("text"));
    assertEquals("doit être compris entre 0 et 100000", fr.get("pupils"));
    assertEquals("est obligatoire (0 ou plus)", fr.get("teachers"));
    assertTrue(fr.get("media[0].url").startsWith("doit être une adresse http ou https comme"), fr.toString());
    assertTrue(fr.get("media[0].parentalConsent").startsWith("doit valoir true"), fr.toString());
    assertEquals("must be true: pupils appear on it, so confirm that the school holds their parents' consent",
        CampaignForm.submission(in, List.of(), true, "en").stream().filter(e -> e.field().equals("media[0].parentalConsent"))
            .findFirst().orElseThrow().message(), "English as before");
    assertEquals("es un dato obligatorio (AAAA-MM-DD)", CampaignForm.submission(in, List.of(), true, "es-AR").get(0).message());
  }
}
