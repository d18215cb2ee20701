package org.unesco.aspnet.membership.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/stats}: public counts of members and candidates by region, country, level
 * and theme, and certifications per year. Counts only, nothing about any one school. The counts
 * are {@link DirectoryCounts}' snapshot: at a million schools counting reads the whole table.
 * {@code ?country=FR}: that country's counts by sub-national unit, level, theme and status, and its
 * certifications per year, counted when asked.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/stats")
@OpenApiFragment("openapi/membership.json")
public final class StatsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private record Body(DirectoryCounts.Counts counts, byte[] bytes) {}

  private final transient DirectoryCounts counts;
  private final transient org.unesco.aspnet.membership.CountryService countries;
  private transient volatile Body body;

  @Activate
  public StatsServlet(@Reference DirectoryCounts counts, @Reference org.unesco.aspnet.membership.CountryService countries) {
    this.counts = counts;
    this.countries = countries;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ApiServlet.onlyParameters(request, java.util.Set.of("country"), ": the statistics take a country, or nothing for the whole network");
    String country = request.getParameter("country");
    byte[] bytes;
    if (country != null) {
      // a country's own figures (a National Coordinator's network), counted when asked
      String iso2 = country.strip().toUpperCase(java.util.Locale.ROOT);
      String lang = principalSpeaking(request).language(); // the directory's words, in the request's language
      if (iso2.isEmpty()) {
        throw org.unesco.aspnet.core.ProblemException.validation("country", FieldMessages.get(lang, "countryOrNetwork"));
      }
      if (!countries.exists(iso2)) {
        throw org.unesco.aspnet.core.ProblemException.validation("country", FieldMessages.get(lang, "countryUnknown", country.strip()));
      }
      bytes = Json.MAPPER.writeValueAsBytes(countryDocument(iso2, counts.country(iso2)));
    } else {
      bytes = body();
    }
    response.setContentType(Json.MEDIA_TYPE);
    response.setHeader("Cache-Control", "public, max-age=60");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The statistics document of the current counts, written once per snapshot. */
  byte[] body() throws IOException {
    DirectoryCounts.Counts now = counts.current();
    Body b = body;
    if (b == null || b.counts() != now) {
      b = new Body(now, Json.MAPPER.writeValueAsBytes(document(now)));
      body = b;
    }
    return b.bytes();
  }

  static Map<String, Object> document(DirectoryCounts.Counts counts) {
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Map<String, Object>> byCountry = rows(counts.byCountry(), "country");
    doc.put("members", byCountry.stream().mapToLong(m -> (Long) m.get("members")).sum());
    doc.put("candidates", byCountry.stream().mapToLong(m -> (Long) m.get("candidates")).sum());
    doc.put("byRegion", rows(counts.byRegion(), "region"));
    doc.put("byCountry", byCountry);
    doc.put("byLevel", rows(counts.byLevel(), "level"));
    doc.put("byTheme", rows(counts.byTheme(), "theme"));
    doc.put("certificationsByYear", perYear(counts.certificationsByYear()));
    return doc;
  }

  static Map<String, Object> countryDocument(String iso2, DirectoryCounts.CountryCounts counts) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("country", iso2);
    doc.put("members", counts.total()[0]);
    doc.put("candidates", counts.total()[1]);
    List<Map<String, Object>> byStatus = new ArrayList<>();
    counts.byStatus().forEach((status, n) -> byStatus.add(Map.of("status", status, "schools", n)));
    doc.put("byStatus", byStatus);
    doc.put("byUnit", rows(counts.byUnit(), "unit"));
    doc.put("byLevel", rows(counts.byLevel(), "level"));
    doc.put("byTheme", rows(counts.byTheme(), "theme"));
    doc.put("certificationsByYear", perYear(counts.certificationsByYear()));
    return doc;
  }

  /** One row per year, oldest first. */
  private static List<Map<String, Object>> perYear(Map<Integer, Long> certifications) {
    List<Map<String, Object>> rows = new ArrayList<>();
    certifications.forEach((year, n) -> rows.add(Map.of("year", year, "certifications", n)));
    return rows;
  }

  /** One row per key, in the map's order. */
  private static List<Map<String, Object>> rows(Map<?, long[]> counts, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    counts.forEach((k, n) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(key, k instanceof Enum<?> e ? e.name() : k.toString());
      m.put("members", n[0]);
      m.put("candidates", n[1]);
      out.add(m);
    });
    return out;
  }
}
