package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code /api/v1/roles}: the roles people hold, for those who look after them, and taking one
 * away ({@code DELETE /api/v1/roles/{id}}) when a coordinator hands over their post or a teacher
 * leaves a school. Whoever could give a role by invitation may take it away (HQ the coordinators'
 * and every school's people, a platform administrator HQ's and administrators', an NC the people
 * of their country's schools), and sees only those; the last platform administrator stays. The
 * account keeps working with the roles it has left, from its next request.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/roles", "/api/v1/roles/*"})
@OpenApiFragment("openapi/security.json")
public final class RolesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_LIMIT = 100;
  private static final int BATCH = 500;
  /** A role and its account, as {@link #held} reads them. */
  private static final String HELD = "SELECT G.ID, G.ROLE, G.COUNTRY, G.UNIT, G.CAMPAIGN, G.SCHOOL, G.GRANTED_AT,"
      + " A.ID, A.EMAIL, A.NAME, A.DISABLED_AT, A.DISABLED_REASON, A.LAST_SIGNED_IN_AT FROM SEC_GRANT G JOIN SEC_ACCOUNT A ON A.ID = G.ACCOUNT_ID";

  private final transient SecurityStore store;
  private final transient Authorizer authorizer;
  private final transient AuditLog audit;

  @Activate
  public RolesServlet(@Reference SecurityStore store, @Reference Authorizer authorizer, @Reference AuditLog audit) {
    this.store = store;
    this.authorizer = authorizer;
    this.audit = audit;
  }

  /** A role as held: the grant and its account. */
  record Held(String id, Grant grant, java.time.Instant grantedAt, String accountId, String email, String name,
      java.time.Instant disabledAt, String disabledReason, java.time.Instant lastSignedInAt) {
    boolean accountDisabled() {
      return disabledAt != null;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("role", grant.role().name());
      m.put("country", grant.country());
      m.put("unit", grant.unit());
      m.put("school", grant.school());
      m.put("campaign", grant.campaign());
      m.put("grantedAt", grantedAt.toString());
      Map<String, Object> account = new LinkedHashMap<>();
      account.put("id", accountId);
      account.put("email", email);
      account.put("name", name);
      account.put("disabled", accountDisabled());
      if (accountDisabled()) { // why, said in the row of whoever looks after it
        account.put("disabledAt", disabledAt.toString());
        account.put("disabledReason", disabledReason);
      }
      if (lastSignedInAt != null) { // only in the rows of whoever looks after the account
        account.put("lastSignedInAt", lastSignedInAt.toString());
      }
      m.put("account", account);
      return m;
    }
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      return Set.of("GET");
    }
    return path.indexOf('/', 1) < 0 ? Set.of("DELETE") : Set.of();
  }

  private static Principal signedIn(HttpServletRequest request) {
    Principal p = principal(request);
    if (p.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to see the roles you look after");
    }
    return p;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    onlyParameters(request, Set.of("country", "role", "school", "q", "limit", "cursor"), "");
    List<org.unesco.aspnet.core.FieldError> errors = new ArrayList<>();
    String country = blankToNull(request.getParameter("country"));
    if (country != null && !country.matches("[A-Za-z]{2}")) {
      errors.add(new org.unesco.aspnet.core.FieldError("country", "must be a two-letter code"));
    }
    String roleName = blankToNull(request.getParameter("role"));
    Role role = null;
    if (roleName != null) {
      try {
        role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new org.unesco.aspnet.core.FieldError("role",
            "must be one of " + String.join(", ", java.util.Arrays.stream(Role.values()).map(Role::name).toList())));
      }
    }
    // a school as grants name it: 7, read as /schools and /partnerships read it (not ٧, +7 or -1)
    String schoolParameter = request.getParameter("school");
    Long school = schoolParameter == null || schoolParameter.isBlank() ? null
        : ProblemException.collected(errors, () -> idParameter("school", schoolParameter), null);
    String q = blankToNull(request.getParameter("q"));
    if (q != null && q.length() > 100) {
      errors.add(new org.unesco.aspnet.core.FieldError("q", "must be at most 100 characters"));
    }
    Integer limit = ProblemException.collected(errors, () -> intParameter(request, "limit", 20, 1, MAX_LIMIT), null);
    String cursor = ProblemException.collected(errors, () -> grantCursor(request.getParameter("cursor")), null);
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    Filter filter = new Filter(country == null ? null : country.toUpperCase(Locale.ROOT), role,
        school == null ? null : String.valueOf(school),
        ManagedAccounts.Search.of(q),
        OneTimeLinksServlet.resetsEverywhere(authorizer, me) ? null : countriesOf(me));
    List<Held> page = store.database().read(c -> withDetailsForWhoLooksAfterThem(c, me, page(c, me, filter, cursor, limit + 1)));
    boolean more = page.size() > limit;
    List<Map<String, Object>> items = (more ? page.subList(0, limit) : page).stream().map(Held::json).toList();
    Json.writePage(response, items, more ? page.get(limit - 1).id() : null);
  }

  /**
   * A cursor this list gave, null for none: the id of the last role of a page, a UUID as the store
   * makes them. Anything else (abc, -5) is refused, as the other lists refuse a cursor they did not make.
   */
  private static String grantCursor(String value) {
    String cursor = blankToNull(value);
    try {
      if (cursor == null || java.util.UUID.fromString(cursor).toString().equals(cursor)) {
        return cursor;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below
    }
    throw ProblemException.validation("cursor", "is not a cursor of this list");
  }

  /** The filters of a listing; {@code countries}: only these (an NC's), null for every country. */
  record Filter(String country, Role role, String school, ManagedAccounts.Search search, Set<String> countries) {}

  /**
   * The countries whose schools' people {@code me} looks after: a National Coordinator's. A teacher's
   * or a focal point's role gives none (they take no one's role away), so their listing reads nothing.
   */
  private static Set<String> countriesOf(Principal me) {
    Set<String> countries = new TreeSet<>();
    me.grants().forEach(g -> {
      if (g.role() == Role.NATIONAL_COORDINATOR && g.country() != null) {
        countries.add(g.country());
      }
    });
    return countries;
  }

  /** Up to {@code n} roles after {@code cursor} (in id order) that {@code me} may take away. */
  private List<Held> page(Connection c, Principal me, Filter f, String cursor, int n) throws SQLException {
    List<Held> found = new ArrayList<>();
    if (f.countries() != null && f.countries().isEmpty()) {
      return found; // no country of one's own: nothing of anyone's to take away
    }
    String after = cursor == null ? "" : cursor;
    while (found.size() < n) {
      StringBuilder sql = new StringBuilder(HELD + " WHERE G.ID > ?");
      List<Object> params = new ArrayList<>(List.of(after));
      if (f.country() != null) {
        sql.append(" AND G.COUNTRY = ?");
        params.add(f.country());
      }
      if (f.countries() != null) {
        sql.append(" AND G.COUNTRY IN (").append("?, ".repeat(f.countries().size() - 1)).append("?)");
        params.addAll(f.countries());
      }
      if (f.role() != null) {
        sql.append(" AND G.ROLE = ?");
        params.add(f.role().name());
      }
      if (f.school() != null) {
        sql.append(" AND G.SCHOOL = ?");
        params.add(f.school());
      }
      if (f.search() != null) {
        f.search().appendTo(sql, params);
      }
      sql.append(" ORDER BY G.ID FETCH FIRST ").append(BATCH).append(" ROWS ONLY");
      int read = 0;
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < params.size(); i++) {
          ps.setString(i + 1, (String) params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            read++;
            Held held = held(rs);
            after = held.id();
            if (held.grant() != null && OneTimeLinksServlet.mayRevoke(authorizer, me, held.grant())) {
              found.add(held);
              if (found.size() == n) {
                return found;
              }
            }
          }
        }
      }
      if (read < BATCH) {
        break;
      }
    }
    return found;
  }

  /**
   * The rows, with a disabled account's reason and the account's last sign-in kept only where
   * {@code me} may see the account itself ({@code GET /api/v1/accounts/{id}}: whoever may reset its
   * password). A row shows one of its roles; the reason, written by whoever disabled it, and when
   * its owner was last here are for those who look after all of them (a school's staff reading
   * their colleagues' roles learn neither).
   */
  private List<Held> withDetailsForWhoLooksAfterThem(Connection c, Principal me, List<Held> rows) throws SQLException {
    java.util.Set<String> detailed = new java.util.LinkedHashSet<>();
    for (Held h : rows) {
      if (h.disabledReason() != null || h.lastSignedInAt() != null) {
        detailed.add(h.accountId());
      }
    }
    // every grant of those accounts at once (a row holds one role; who may reset an account
    // depends on all of them): not one query per row
    Map<String, List<ManagedAccounts.HeldRole>> roles = ManagedAccounts.rolesOf(c, new ArrayList<>(detailed));
    Map<String, List<Grant>> grants = new java.util.HashMap<>();
    roles.forEach((account, held) -> grants.put(account,
        held.stream().map(ManagedAccounts.HeldRole::grant).filter(java.util.Objects::nonNull).toList()));
    List<Held> shown = new ArrayList<>(rows.size());
    for (Held h : rows) {
      boolean may = !detailed.contains(h.accountId()) || OneTimeLinksServlet.mayReset(authorizer, me,
          new Principal(h.accountId(), h.email(), h.name(), null, grants.getOrDefault(h.accountId(), List.of())));
      shown.add(may ? h : new Held(h.id(), h.grant(), h.grantedAt(), h.accountId(), h.email(), h.name(), h.disabledAt(), null, null));
    }
    return shown;
  }

  private static Held held(ResultSet rs) throws SQLException {
    Role role;
    try {
      role = Role.valueOf(rs.getString(2));
    } catch (IllegalArgumentException e) {
      role = null;
    }
    Timestamp at = rs.getTimestamp(7);
    return new Held(rs.getString(1), role == null ? null
        : new Grant(role, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
        at == null ? java.time.Instant.EPOCH : at.toInstant(), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12),
        rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant());
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
    Principal me = signedIn(request);
    String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
    store.database().inTransaction(c -> {
      Held held = null;
      try (PreparedStatement ps = c.prepareStatement(HELD + " WHERE G.ID = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            held = held(rs);
          }
        }
      }
      if (held == null || held.grant() == null || !OneTimeLinksServlet.mayRevoke(authorizer, me, held.grant())) {
        // beyond one's reach answers as an unknown id: an NC learns nothing of other countries' people
        throw ProblemException.notFound("No role " + id + " that you look after");
      }
      // a disabled administrator's role may go: it runs nothing (read again once the rows are held)
      if (held.grant().role() == Role.PLATFORM_ADMIN && ManagedAccounts.otherActiveAdministrators(c, held.accountId()) == 0
          && !ManagedAccounts.disabled(c, held.accountId())) {
        throw ProblemException.conflict("This is the last platform administrator's role: give the role to another"
            + " account first, so that someone can still run the platform");
      }
      int deleted;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_GRANT WHERE ID = ?")) {
        ps.setString(1, id);
        deleted = ps.executeUpdate();
      }
      if (deleted == 0) { // taken away by someone else since it was read
        throw ProblemException.notFound("No role " + id + " that you look after");
      }
      Map<String, Object> before = new LinkedHashMap<>();
      before.put("role", held.grant().role().name());
      before.put("email", held.email());
      putIfSet(before, "country", held.grant().country());
      putIfSet(before, "unit", held.grant().unit());
      putIfSet(before, "school", held.grant().school());
      putIfSet(before, "campaign", held.grant().campaign());
      audit.record(c, me, "role.revoke", "account", held.accountId(), held.grant().country(), before, null);
      return null;
    });
    response.setStatus(204);
  }

  private static void putIfSet(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
