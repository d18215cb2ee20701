package org.unesco.aspnet.membership.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/schools/points}: the member schools with coordinates, for the public map, in
 * one answer instead of a walk through the directory's pages: {@code {"points": [[id, latitude,
 * longitude, name, city, country], ...], "count": n, "truncated": false}}. The directory's filters
 * mean the same here; status is not one, since the map shows members to everybody, signed in or
 * not, and never a contact. Written from one forward-only result set as it is read (Jetty gzips it
 * for a client that accepts it), at most {@value #MAX_POINTS} points.
 * The exact pattern wins over {@code /api/v1/schools/*} of {@link SchoolsServlet}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/schools/points")
@OpenApiFragment("openapi/membership.json")
public final class SchoolPointsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_POINTS = 50_000;
  private static final Set<String> FILTERS = Set.of("country", "unit", "region", "level", "theme", "language", "q");
  /** Five decimals: about a metre, more than a school's marker needs. */
  private static final double PRECISION = 1e5;

  private final transient Database database;
  private final transient CountryService countries;
  private final transient NationalProfiles profiles;

  @Activate
  public SchoolPointsServlet(@Reference Database database, @Reference CountryService countries, @Reference NationalProfiles profiles) {
    this.database = database;
    this.countries = countries;
    this.profiles = profiles;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String lang = Requests.actor(request).language();
    SchoolQuery query = SchoolsServlet.withKnownUnit(profiles, SchoolsServlet.query(request, FILTERS, countries::exists, lang), lang);
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ID, LATITUDE, LONGITUDE, NAME, CITY, COUNTRY FROM MEM_SCHOOL");
    if (query.country() != null) {
      // As in the directory: Derby would otherwise walk the primary key through every country.
      sql.append(" --DERBY-PROPERTIES index=MEM_SCHOOL_COUNTRY\n");
    }
    sql.append(" WHERE STATUS = ? AND LATITUDE IS NOT NULL AND LONGITUDE IS NOT NULL");
    params.add(MembershipStatus.MEMBER.name());
    DirectoryFilter.place(sql, params, query, "");
    DirectoryFilter.attributes(sql, params, query, ""); // may refuse q: before anything is written
    sql.append(" ORDER BY ID FETCH FIRST ? ROWS ONLY");
    params.add(MAX_POINTS + 1);

    response.setStatus(200);
    response.setContentType(Json.MEDIA_TYPE_UTF_8);
    response.setHeader("Cache-Control", "public, max-age=60");
    OutputStream out = response.getOutputStream(); // Jetty's gzip handler compresses it for browsers
    // Not closed when the read fails half-way: the answer then ends broken (an aborted
    // connection) instead of as well-formed JSON that silently lacks points.
    JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    json.writeStartObject();
    json.writeArrayFieldStart("points");
    int[] rows = {0};
    DirectoryRows.stream(database, sql.toString(), params, rs -> {
      if (++rows[0] > MAX_POINTS) {
        return; // the one row more than is sent: the answer is truncated
      }
      json.writeStartArray();
      json.writeNumber(rs.getLong(1));
      json.writeNumber(Math.round(rs.getDouble(2) * PRECISION) / PRECISION);
      json.writeNumber(Math.round(rs.getDouble(3) * PRECISION) / PRECISION);
      json.writeString(rs.getString(4));
      json.writeString(rs.getString(5));
      json.writeString(rs.getString(6).strip());
      json.writeEndArray();
    });
    json.writeEndArray();
    json.writeNumberField("count", Math.min(rows[0], MAX_POINTS));
    json.writeBooleanField("truncated", rows[0] > MAX_POINTS);
    json.writeEndObject();
    json.close(); // and the response's
  }
}
