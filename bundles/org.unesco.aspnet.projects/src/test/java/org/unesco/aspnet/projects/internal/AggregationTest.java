package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

/** The grouping the platform does around a module's aggregate, against sums computed here. */
class AggregationTest {
  /** Sums metrics.kg. */
  private static final CampaignModule SUM = new CampaignModule() {
    @Override
    public String name(Locale language) {
      return "sum";
    }

    @Override
    public List<PhaseDefinition> phases() {
      return List.of();
    }

    @Override
    public SubmissionSchema schema() {
      return new SubmissionSchema(List.of(), false);
    }

    @Override
    public List<FieldError> validate(Report report) {
      return List.of();
    }

    @Override
    public Map<String, Object> aggregate(Collection<Report> approved) {
      long kg = 0;
      for (Report r : approved) {
        kg += ((Number) r.metrics().get("kg")).longValue();
      }
      return Map.of("kg", kg);
    }
  };

  private static final Map<String, String> REGIONS = Map.of("FR", "Europe", "DE", "Europe", "KE", "Africa", "BR", "Americas");

  @Test
  @SuppressWarnings("unchecked")
  void groupsPerRegionCountryAndSchool() {
    Random random = new Random(7);
    List<String> countries = List.of("FR", "DE", "KE", "BR");
    List<Aggregation.Approved> approved = new ArrayList<>();
    Map<String, Long> kgByCountry = new HashMap<>();
    Map<String, Long> kgByRegion = new HashMap<>();
    Map<String, Set<Long>> schoolsByCountry = new HashMap<>();
    Map<Long, Long> pupilsBySchool = new HashMap<>();
    long kg = 0;
    long pupils = 0;
    for (int i = 0; i < 500; i++) {
      String country = countries.get(random.nextInt(countries.size()));
      long school = countries.indexOf(country) * 100L + random.nextInt(10);
      int p = random.nextInt(60);
      long k = random.nextInt(1000);
      approved.add(new Aggregation.Approved(
          new Report(i + 1, school, country, LocalDate.of(2026, 1, 1), null, p, 1, Map.of("kg", k)), "School " + school));
      kg += k;
      pupils += p;
      kgByCountry.merge(country, k, Long::sum);
      kgByRegion.merge(REGIONS.get(country), k, Long::sum);
      schoolsByCountry.computeIfAbsent(country, c -> new HashSet<>()).add(school);
      pupilsBySchool.merge(school, (long) p, Long::sum);
    }
    Map<String, Object> s = Aggregation.summarize(SUM, approved, REGIONS::get, true, Locale.ENGLISH);
    Map<String, Object> totals = (Map<String, Object>) s.get("totals");
    assertEquals(500, totals.get("submissions"));
    assertEquals(4, totals.get("countries"));
    assertEquals(pupils, totals.get("pupils"));
    assertEquals(Map.of("kg", kg), totals.get("metrics"));
    assertEquals(Map.of("kg", kg), s.get("summary"));
    for (Map<String, Object> c : (List<Map<String, Object>>) s.get("countries")) {
      String country = (String) c.get("country");
      assertEquals(Map.of("kg", kgByCountry.get(country)), c.get("metrics"), country);
      assertEquals(schoolsByCountry.get(country).size(), c.get("schools"), country);
      assertEquals(REGIONS.get(country), c.get("region"));
    }
    for (Map<String, Object> r : (List<Map<String, Object>>) s.get("regions")) {
      assertEquals(Map.of("kg", kgByRegion.get((String) r.get("region"))), r.get("metrics"));
    }
    List<Map<String, Object>> schools = (List<Map<String, Object>>) s.get("schools");
    assertEquals(pupilsBySchool.size(), schools.size());
    for (Map<String, Object> school : schools) {
      assertEquals(pupilsBySchool.get((Long) school.get("school")), school.get("pupils"));
    }
  }

  @Test
  void aCampaignWithoutModuleCountsWhatThePlatformOwns() {
    Map<String, Object> s = Aggregation.summarize(null, List.of(), c -> "?", false, Locale.ENGLISH);
    assertEquals(Map.of("countries", 0, "submissions", 0, "schools", 0, "pupils", 0L, "teachers", 0L), s.get("totals"));
    assertEquals(null, s.get("schools"));
  }
}
