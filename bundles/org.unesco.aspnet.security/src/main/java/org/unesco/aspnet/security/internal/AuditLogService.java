package org.unesco.aspnet.security.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.web.Json;

/** The audit log in the AUDIT_LOG table: insert-only from here, read by {@link AuditServlet}. */
@Component(service = {AuditLog.class, AuditLogService.class})
public final class AuditLogService implements AuditLog {
  private static final int MAX_STATE_CHARS = 8000;

  private final SecurityStore store;

  @Activate
  public AuditLogService(@Reference SecurityStore store) {
    this.store = store; // its activation migrated the table
  }

  @Override
  public void record(Connection c, Principal who, String action, String entity, String entityId,
      String country, Map<String, ?> before, Map<String, ?> after) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO AUDIT_LOG (OCCURRED_AT, ACTOR_ID, ACTOR_EMAIL, ACTION, ENTITY, ENTITY_ID, COUNTRY, BEFORE_STATE, AFTER_STATE)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setString(2, who.accountId());
      ps.setString(3, who.email());
      ps.setString(4, action);
      ps.setString(5, entity);
      ps.setString(6, entityId);
      ps.setString(7, country);
      ps.setString(8, json(before));
      ps.setString(9, json(after));
      ps.executeUpdate();
    }
  }

  static String json(Map<String, ?> state) {
    if (state == null) {
      return null;
    }
    try {
      String text = Json.MAPPER.writeValueAsString(state);
      if (text.length() <= MAX_STATE_CHARS) {
        return text;
      }
      // Too long for its column: still a JSON object, its largest values said by their size, one
      // after the other until it fits (a cut in the middle would be no JSON, or half an emoji).
      Map<String, Object> fitted = new java.util.LinkedHashMap<>(state);
      List<String> bySize = new ArrayList<>(fitted.keySet());
      bySize.sort(java.util.Comparator.comparingInt((String k) -> size(fitted.get(k))).reversed());
      for (String key : bySize) {
        fitted.put(key, "(" + size(fitted.get(key)) + " characters, too long for the audit log)");
        text = Json.MAPPER.writeValueAsString(fitted);
        if (text.length() <= MAX_STATE_CHARS) {
          return text;
        }
      }
      return Json.MAPPER.writeValueAsString(Map.of("tooLong", true));
    } catch (JsonProcessingException e) {
      return String.valueOf(state);
    }
  }

  private static int size(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value).length();
    } catch (JsonProcessingException e) {
      return String.valueOf(value).length();
    }
  }

  /**
   * Which entries to read; null parts are any. {@code actorEmail} is normalised as accounts' are;
   * {@code entityId} is one thing of {@code entity}'s kind.
   */
  record Filter(String country, String action, String entity, String entityId, String actorEmail) {}

  /** Newest first, the entries {@code filter} keeps with ID below {@code before} (a cursor). */
  List<Map<String, Object>> entries(Filter filter, Long before, int limit) {
    return store.database().read(c -> {
      StringBuilder sql = new StringBuilder(
          "SELECT ID, OCCURRED_AT, ACTOR_ID, ACTOR_EMAIL, ACTION, ENTITY, ENTITY_ID, COUNTRY, BEFORE_STATE, AFTER_STATE FROM AUDIT_LOG WHERE 1 = 1");
      List<Object> args = new ArrayList<>();
      String[][] equal = {{"COUNTRY", filter.country()}, {"ACTION", filter.action()}, {"ENTITY", filter.entity()},
          {"ENTITY_ID", filter.entityId()}, {"ACTOR_EMAIL", filter.actorEmail()}};
      for (String[] column : equal) {
        if (column[1] != null) {
          sql.append(" AND ").append(column[0]).append(" = ?");
          args.add(column[1]);
        }
      }
      if (before != null) {
        sql.append(" AND ID < ?");
        args.add(before);
      }
      sql.append(" ORDER BY ID DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getLong(1));
            row.put("at", rs.getTimestamp(2).toInstant());
            row.put("actorId", rs.getString(3));
            row.put("actorEmail", rs.getString(4));
            row.put("action", rs.getString(5));
            row.put("entity", rs.getString(6));
            row.put("entityId", rs.getString(7));
            row.put("country", rs.getString(8));
            row.put("before", tree(rs.getString(9)));
            row.put("after", tree(rs.getString(10)));
            rows.add(row);
          }
        }
        return rows;
      }
    });
  }

  private static Object tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException truncated) {
      return json;
    }
  }
}
