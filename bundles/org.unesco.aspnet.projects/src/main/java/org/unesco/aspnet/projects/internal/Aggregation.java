package org.unesco.aspnet.projects.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.Report;

/**
 * A campaign's summary: the platform groups the approved submissions (whole campaign, UNESCO
 * region, country, school) and counts what it owns (submissions, schools, pupils, teachers); the
 * module totals its metrics for each group.
 */
final class Aggregation {
  /** An approved submission with the school's name, for the per-school list. */
  record Approved(Report report, String schoolName) {}

  private Aggregation() {}

  /**
   * @param module null for a campaign without a module (no {@code metrics} then)
   * @param regionOf the UNESCO region of a country
   */
  static Map<String, Object> summarize(
      CampaignModule module, List<Approved> approved, Function<String, String> regionOf, boolean perSchool,
      Locale language) {
    Map<String, List<Approved>> byRegion = new TreeMap<>();
    Map<String, List<Approved>> byCountry = new TreeMap<>();
    Map<Long, List<Approved>> bySchool = new TreeMap<>();
    for (Approved a : approved) {
      String country = a.report().country();
      byRegion.computeIfAbsent(regionOf.apply(country), k -> new ArrayList<>()).add(a);
      byCountry.computeIfAbsent(country, k -> new ArrayList<>()).add(a);
      bySchool.computeIfAbsent(a.report().school(), k -> new ArrayList<>()).add(a);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("countries", byCountry.size());
    totals.putAll(group(module, approved));
    result.put("totals", totals);
    if (module != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> metrics = (Map<String, Object>) totals.get("metrics");
      result.put("summary", module.summary(metrics, language));
    }
    List<Map<String, Object>> regions = new ArrayList<>();
    byRegion.forEach((region, list) -> {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("region", region);
      g.putAll(group(module, list));
      regions.add(g);
    });
    result.put("regions", regions);
    List<Map<String, Object>> countries = new ArrayList<>();
    byCountry.forEach((country, list) -> {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("country", country);
      g.put("region", regionOf.apply(country));
      g.putAll(group(module, list));
      countries.add(g);
    });
    result.put("countries", countries);
    if (perSchool) {
      List<Map<String, Object>> schools = new ArrayList<>();
      bySchool.forEach((school, list) -> {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("school", school);
        g.put("name", list.get(0).schoolName());
        g.put("country", list.get(0).report().country());
        g.putAll(group(module, list));
        schools.add(g);
      });
      result.put("schools", schools);
    }
    return result;
  }

  private static Map<String, Object> group(CampaignModule module, List<Approved> list) {
    Set<Long> schools = new HashSet<>();
    long pupils = 0;
    long teachers = 0;
    List<Report> reports = new ArrayList<>(list.size());
    for (Approved a : list) {
      schools.add(a.report().school());
      pupils += a.report().pupils();
      teachers += a.report().teachers();
      reports.add(a.report());
    }
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("submissions", list.size());
    g.put("schools", schools.size());
    g.put("pupils", pupils);
    g.put("teachers", teachers);
    if (module != null) {
      g.put("metrics", module.aggregate(List.copyOf(reports)));
    }
    return g;
  }
}
