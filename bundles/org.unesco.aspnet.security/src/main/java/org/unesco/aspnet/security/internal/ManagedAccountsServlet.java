package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.PlainText;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.TimeParameter;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code /api/v1/accounts/{id}}: an account as whoever looks after it sees it, and disabling or
 * enabling it ({@code PATCH {"disabled": true, "reason": ...}}). Whoever may reset an account's
 * password may disable it: HQ and administrators any account (an HQ officer's or an
 * administrator's only an administrator), an NC the accounts of their country's schools' people.
 * A disabled account signs in no more; its sessions end, its API tokens are revoked and its
 * unused reset links spent at once; its roles stay for when it is enabled again. The listing
 * ({@code GET /api/v1/accounts}) is {@link #list}, served by {@link AccountsServlet}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/accounts/*")
@OpenApiFragment("openapi/security.json")
public final class ManagedAccountsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_LIMIT = 100;
  static final int REASON_MAX = 500;

  /** The body of a PATCH: whether the account is to be disabled, and why (required to disable). */
  public record AccountPatch(Boolean disabled, String reason) {}

  private final transient SecurityStore store;
  private final transient Authorizer authorizer;
  private final transient AuditLog audit;

  @Activate
  public ManagedAccountsServlet(@Reference SecurityStore store, @Reference Authorizer authorizer, @Reference AuditLog audit) {
    this.store = store;
    this.authorizer = authorizer;
    this.audit = audit;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    String path = request.getPathInfo();
    return path != null && path.length() > 1 && path.indexOf('/', 1) < 0 ? Set.of("GET", "PATCH") : Set.of();
  }

  private static Principal signedIn(HttpServletRequest request) {
    Principal p = principal(request);
    if (p.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to see the accounts you look after");
    }
    return p;
  }

  /**
   * {@code GET /api/v1/accounts}: every account, for HQ and administrators (who look after accounts
   * without a role too), in email order. Filters: {@code q} (part of the email or name), {@code
   * disabled} (true or false), {@code role} (a role's name, or {@code none}), {@code notSignedInSince}
   * (a time or a day: the accounts unused since then, or never signed in); cursor paging.
   */
  static void list(HttpServletRequest request, HttpServletResponse response, SecurityStore store, Authorizer authorizer)
      throws IOException {
    Principal me = signedIn(request);
    if (!OneTimeLinksServlet.resetsEverywhere(authorizer, me)) {
      throw ProblemException.forbidden("Only UNESCO HQ and platform administrators list accounts; a National Coordinator"
          + " finds the people of their country's schools in GET /api/v1/roles");
    }
    onlyParameters(request, Set.of("q", "disabled", "role", "notSignedInSince", "limit", "cursor"), "");
    List<FieldError> errors = new ArrayList<>();
    String q = blankToNull(request.getParameter("q"));
    if (q != null && q.length() > 100) {
      errors.add(new FieldError("q", "must be at most 100 characters"));
    }
    String disabledText = blankToNull(request.getParameter("disabled"));
    Boolean disabled = null;
    if (disabledText != null) {
      if (disabledText.equals("true") || disabledText.equals("false")) {
        disabled = Boolean.valueOf(disabledText);
      } else {
        errors.add(new FieldError("disabled", "must be true or false"));
      }
    }
    String role = blankToNull(request.getParameter("role"));
    if (role != null) {
      role = role.toUpperCase(Locale.ROOT);
      if (!role.equals("NONE")) {
        role = validRole(role, errors);
      }
    }
    Instant notSignedInSince = ProblemException.collected(errors, () -> TimeParameter.parse("notSignedInSince", request.getParameter("notSignedInSince")), null);
    Integer limit = ProblemException.collected(errors, () -> intParameter(request, "limit", 20, 1, MAX_LIMIT), null);
    String cursor = ProblemException.collected(errors, () -> accountCursor(request.getParameter("cursor")), null);
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    ManagedAccounts.Filter filter = new ManagedAccounts.Filter(
        ManagedAccounts.Search.of(q), disabled, role, notSignedInSince);
    List<ManagedAccounts.Listed> page = store.database().read(c -> ManagedAccounts.page(c, filter, cursor, limit + 1));
    boolean more = page.size() > limit;
    Json.writePage(response, (more ? page.subList(0, limit) : page).stream().map(ManagedAccounts.Listed::json).toList(),
        more ? page.get(limit - 1).email() : null);
  }

  /**
   * A cursor this list gave, null for none: the email of the last account of a page, as accounts
   * are stored (lower case, with an @). Anything else (abc, -5) would start the list at an
   * arbitrary place, so it is refused as the other lists refuse a cursor they did not make.
   */
  private static String accountCursor(String value) {
    String cursor = blankToNull(value);
    if (cursor == null || cursor.indexOf('@') > 0 && cursor.length() <= Authentication.EMAIL_MAX
        && cursor.equals(cursor.toLowerCase(Locale.ROOT))) {
      return cursor;
    }
    throw ProblemException.validation("cursor", "is not a cursor of this list");
  }

  /** The role's name when it is one (or {@code NONE}); else an error on {@code role}. */
  private static String validRole(String role, List<FieldError> errors) {
    for (Role r : Role.values()) {
      if (r.name().equals(role)) {
        return role;
      }
    }
    errors.add(new FieldError("role", "must be none or one of "
        + String.join(", ", java.util.Arrays.stream(Role.values()).map(Role::name).toList())));
    return null;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    String id = request.getPathInfo().substring(1);
    ManagedAccounts.Listed account = store.database().read(c -> lookedAfter(c, me, id));
    Json.privateToReader(response);
    Json.write(response, 200, account.json());
  }

  /**
   * The account of {@code id} when {@code me} may reset its password (and so disable it); 404
   * otherwise, as for an unknown id: an NC learns nothing of accounts beyond their country.
   */
  private ManagedAccounts.Listed lookedAfter(java.sql.Connection c, Principal me, String id) throws java.sql.SQLException {
    java.util.Optional<Principal> account = store.principal(c, id);
    if (account.isEmpty() || !OneTimeLinksServlet.mayReset(authorizer, me, account.get())) {
      throw ProblemException.notFound("No account " + id + " that you look after");
    }
    return ManagedAccounts.one(c, id).orElseThrow(() -> ProblemException.notFound("No account " + id + " that you look after"));
  }

  @Override
  protected void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    if (request.getAttribute(AuthenticationFilter.API_TOKEN_ATTRIBUTE) != null) {
      // a sync job's token, leaked, must not lock a country's people out
      throw ProblemException.forbidden("An API token cannot disable or enable an account: sign in to do it");
    }
    String id = request.getPathInfo().substring(1);
    AccountPatch patch = Json.read(request, AccountPatch.class, rest -> require(errors(rest)));
    require(errors(patch));
    ManagedAccounts.Listed changed = store.database().inTransaction(c -> {
      ManagedAccounts.Listed before = lookedAfter(c, me, id);
      if (patch.disabled() == before.disabled()) {
        return before; // as asked already: nothing to write, nothing to audit
      }
      if (patch.disabled()) {
        disable(c, me, before, patch.reason().strip());
      } else {
        ManagedAccounts.enable(c, id);
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("disabled", true);
        was.put("reason", before.disabledReason());
        audit.record(c, me, "account.enable", "account", id, countryOf(c, id), was, Map.of("disabled", false));
      }
      return ManagedAccounts.one(c, id).orElseThrow();
    });
    Json.privateToReader(response);
    Json.write(response, 200, changed.json());
  }

  private void disable(java.sql.Connection c, Principal me, ManagedAccounts.Listed account, String reason)
      throws java.sql.SQLException {
    if (account.id().equals(me.accountId())) {
      throw ProblemException.conflict("You cannot disable your own account: ask another administrator or HQ officer");
    }
    boolean administrator = account.roles().stream().anyMatch(r -> r.role().equals(Role.PLATFORM_ADMIN.name()));
    if (administrator && ManagedAccounts.otherActiveAdministrators(c, account.id()) == 0) {
      throw ProblemException.conflict("This is the last enabled platform administrator: give the role to another"
          + " account first, so that someone can still run the platform");
    }
    if (!ManagedAccounts.disable(c, account.id(), me.accountId(), reason, Instant.now())) {
      return; // disabled meanwhile by someone else: theirs stands
    }
    int sessions = store.deleteSessions(c, account.id());
    int tokens = store.revokeApiTokens(c, account.id());
    // a link made before must not open the account once it is enabled again, and the links it
    // made (invitations, resets for others) must not outlive it
    int links = store.spendResetLinks(c, account.email());
    int made = ManagedAccounts.spendLinksMadeBy(c, account.id(), Instant.now());
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("disabled", true);
    after.put("reason", reason);
    after.put("sessionsEnded", sessions);
    after.put("apiTokensRevoked", tokens);
    after.put("resetLinksSpent", links);
    after.put("linksMadeSpent", made);
    audit.record(c, me, "account.disable", "account", account.id(), countryOf(c, account.id()), Map.of("disabled", false), after);
  }

  /** The account's country for its audit entries (so that its NC reads them), as a reset's. */
  private String countryOf(java.sql.Connection c, String id) throws java.sql.SQLException {
    return store.principal(c, id).map(OneTimeLinksServlet::countryOf).orElse(null);
  }

  /** Every error of a PATCH at once. */
  static List<FieldError> errors(AccountPatch patch) {
    List<FieldError> errors = new ArrayList<>();
    if (patch.disabled() == null) {
      errors.add(new FieldError("disabled", "is required: true to disable the account, false to enable it"));
    }
    String reason = patch.reason();
    if (Boolean.TRUE.equals(patch.disabled()) && (reason == null || reason.isBlank())) {
      errors.add(new FieldError("reason", "is required to disable an account: it is kept with it and in the audit log"));
    } else if (reason != null && reason.codePointCount(0, reason.length()) > REASON_MAX) { // the column holds twice that in UTF-16 units
      errors.add(new FieldError("reason", "must be at most " + REASON_MAX + " characters"));
    } else if (reason != null && !PlainText.oneLine(reason)) {
      errors.add(new FieldError("reason", "must be one line, without control or text-direction characters"));
    } else if (reason != null && Boolean.FALSE.equals(patch.disabled())) {
      errors.add(new FieldError("reason", "is only for disabling: leave it out to enable the account"));
    }
    return errors;
  }

  private static void require(List<FieldError> errors) {
    AccountsServlet.require(errors);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
