package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void aSubmissionNeedsAPastDateAKnownPhaseAndConsentForPupilsOnCamera() {
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now().plusDays(3), "dance", " ", -1, null, Map.of(),
        List.of(new MediaLink("ftp://x", "sound", true, null), new MediaLink("https://example.org/v", "video", false, null)));
    assertEquals(List.of("date", "phase", "text", "pupils", "teachers", "media[0].url", "media[0].type",
        "media[0].parentalConsent"), fields(CampaignForm.submission(in, Set.of("act"), true)));
  }

  @Test
  void aValidSubmission() {
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now().minusDays(1), "act", "We cleaned the beach", 30, 2,
        Map.of("waste", List.of()), List.of(new MediaLink("https://example.org/p.jpg", "photo", true, true)));
    assertEquals(List.of(), CampaignForm.submission(in, Set.of("act"), true));
  }

  @Test
  void metricsNeedAModule() {
    SubmissionInput in = new SubmissionInput(1L, LocalDate.now(), null, "x", 0, 0, Map.of("kg", 1), null);
    assertEquals(List.of("metrics"), fields(CampaignForm.submission(in, Set.of(), false)));
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
}
