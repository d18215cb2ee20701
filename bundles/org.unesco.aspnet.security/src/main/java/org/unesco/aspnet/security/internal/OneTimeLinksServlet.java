package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.SchoolDirectory;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * Invitations and password resets: single-use, expiring links. Until the platform sends email,
 * whoever creates a link receives it in the answer and passes it on.
 *
 * <ul>
 *   <li>{@code POST /api/v1/invitations} {email, role, country, unit, school, campaign}: HQ
 *       invites coordinators; an NC invites staff of a school of their country.
 *   <li>{@code POST /api/v1/invitations/accept} {token, name, password}: creates the account (or
 *       adds the role to the invitee's existing account).
 *   <li>{@code POST /api/v1/password-resets} {email}: HQ or an administrator starts a reset.
 *   <li>{@code POST /api/v1/password-resets/accept} {token, password}: sets the password and ends
 *       every session of the account.
 * </ul>
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({
  "/api/v1/invitations", "/api/v1/invitations/accept",
  "/api/v1/password-resets", "/api/v1/password-resets/accept"
})
@OpenApiFragment("openapi/security.json")
public final class OneTimeLinksServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final Duration INVITATION_LIFETIME = Duration.ofDays(14);
  static final Duration RESET_LIFETIME = Duration.ofHours(2);

  /** The body of an invitation. */
  public record Invitation(String email, Role role, String country, String unit, String school, String campaign) {}

  /** The body of an acceptance; name only for a new account. */
  public record Acceptance(String token, String name, String password) {}

  /** The body of a reset request. */
  public record ResetRequest(String email) {}

  private final transient SecurityStore store;
  private final transient Authentication authentication;
  private final transient Authorizer authorizer;
  private final transient AuditLog audit;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private transient volatile SchoolDirectory schools;

  @Activate
  public OneTimeLinksServlet(@Reference SecurityStore store, @Reference Authentication authentication,
      @Reference Authorizer authorizer, @Reference AuditLog audit) {
    this.store = store;
    this.authentication = authentication;
    this.authorizer = authorizer;
    this.audit = audit;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (request.getServletPath()) {
      case "/api/v1/invitations" -> invite(request, response);
      case "/api/v1/invitations/accept" -> acceptInvitation(request, response);
      case "/api/v1/password-resets" -> startReset(request, response);
      default -> finishReset(request, response);
    }
  }

  private void invite(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    if (me.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to invite");
    }
    Invitation inv = Json.read(request, Invitation.class);
    List<FieldError> errors = new ArrayList<>();
    if (inv.email() == null || !AccountsServlet.EMAIL.matcher(inv.email().strip()).matches()) {
      errors.add(new FieldError("email", "is not an email address"));
    }
    if (inv.role() == null) {
      errors.add(new FieldError("role", "is required"));
    }
    Grant grant = inv.role() == null ? null : grantOf(inv, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    if (!handsOverFocalPoint(me, grant)) {
      authorizer.require(me, actionFor(grant.role()), targetOf(grant));
    }
    String secret = Tokens.newSecret("");
    Instant expires = Instant.now().plus(INVITATION_LIFETIME);
    store.database().inTransaction(c -> {
      store.createLink(c, Tokens.hash(secret), "INVITATION", inv.email(), grant, me.accountId(), expires);
      audit.record(c, me, "invitation.create", "invitation", SecurityStore.normaliseEmail(inv.email()), grant.country(), null,
          describe(grant, inv.email()));
      return null;
    });
    Json.write(response, 201, link("/accept-invitation#token=" + secret, secret, expires));
  }

  /** Checks that the role's scope is complete and sensible, e.g. a school role names its school. */
  private Grant grantOf(Invitation inv, List<FieldError> errors) {
    Role role = inv.role();
    String country = inv.country();
    switch (role) {
      case NATIONAL_COORDINATOR, SUBNATIONAL_COORDINATOR -> {
        if (country == null || !country.matches("[A-Z]{2}")) {
          errors.add(new FieldError("country", "is required for this role (ISO 3166-1 alpha-2)"));
        }
        if (role == Role.SUBNATIONAL_COORDINATOR && (inv.unit() == null || inv.unit().isBlank())) {
          errors.add(new FieldError("unit", "is required for a sub-national coordinator"));
        }
      }
      case SCHOOL_STAFF, SCHOOL_FOCAL_POINT -> {
        if (inv.school() == null || inv.school().isBlank()) {
          errors.add(new FieldError("school", "is required for school staff"));
        } else {
          SchoolDirectory directory = schools;
          Optional<Target> where = directory == null ? Optional.empty() : directory.locate(inv.school());
          if (where.isEmpty()) {
            errors.add(new FieldError("school", "is not a known school"));
          } else {
            country = where.get().country(); // the school's real country decides the scope
          }
        }
      }
      case CAMPAIGN_COORDINATOR -> {
        if (inv.campaign() == null || inv.campaign().isBlank()) {
          errors.add(new FieldError("campaign", "is required for a campaign coordinator"));
        }
      }
      default -> { }
    }
    return new Grant(role, country, inv.unit(), inv.campaign(), inv.school());
  }

  /** A school's focal point may hand the role to a colleague of the same school. */
  private static boolean handsOverFocalPoint(Principal me, Grant grant) {
    return grant.role() == Role.SCHOOL_FOCAL_POINT
        && me.grants().stream().anyMatch(g -> g.role() == Role.SCHOOL_FOCAL_POINT && grant.school().equals(g.school()));
  }

  private static Action actionFor(Role role) {
    return switch (role) {
      case PLATFORM_ADMIN -> Action.MANAGE_PLATFORM;
      case SCHOOL_STAFF, SCHOOL_FOCAL_POINT -> Action.INVITE_SCHOOL_STAFF;
      default -> Action.MANAGE_COORDINATORS;
    };
  }

  private static Target targetOf(Grant g) {
    return g.school() != null ? Target.school(g.country(), g.unit(), g.school())
        : g.country() != null ? Target.country(g.country()) : Target.everything();
  }

  private void acceptInvitation(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Acceptance a = Json.read(request, Acceptance.class);
    if (a.token() == null || a.token().isBlank()) {
      throw ProblemException.validation("token", "is required");
    }
    String passwordHash = a.password() == null ? null : authentication.hasher().hash(a.password());
    Map<String, Object> result = store.database().inTransaction(c -> {
      SecurityStore.OneTimeLink link = store.useLink(c, Tokens.hash(a.token()), "INVITATION")
          .orElseThrow(() -> ProblemException.notFound("This invitation is unknown, used or expired; ask for a new one"));
      Optional<SecurityStore.Account> existing = store.accountByEmail(c, link.email());
      String accountId;
      if (existing.isPresent()) {
        accountId = existing.get().id();
      } else {
        List<FieldError> errors = AccountsServlet.validate(new AccountsServlet.Registration(link.email(), a.name(), a.password(), null));
        if (!errors.isEmpty()) {
          throw ProblemException.validation(errors); // rolls the use of the link back too
        }
        accountId = store.createAccount(c, link.email(), a.name().strip(), "en", passwordHash);
      }
      store.addGrant(c, accountId, link.grant(), null);
      if (link.grant().role() == Role.SCHOOL_FOCAL_POINT) {
        // A hand-over: the previous focal point stays on as staff; the school keeps its history.
        int handedOver = store.demoteFocalPoints(c, link.grant().school(), accountId);
        if (handedOver > 0) {
          audit.record(c, Principal.system(), "school.focalPoint.handover", "school", link.grant().school(),
              link.grant().country(), Map.of("previousFocalPoints", handedOver), Map.of("focalPoint", link.email()));
        }
      }
      Principal who = store.principal(c, accountId).orElseThrow();
      audit.record(c, who, "invitation.accept", "account", accountId, link.grant().country(), null, describe(link.grant(), link.email()));
      return MeServlet.describe(who);
    });
    Json.write(response, 200, result);
  }

  private void startReset(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    if (!authorizer.allows(me, Action.MANAGE_COORDINATORS, Target.everything())) {
      authorizer.require(me, Action.MANAGE_PLATFORM, Target.everything());
    }
    ResetRequest r = Json.read(request, ResetRequest.class);
    if (r.email() == null || r.email().isBlank()) {
      throw ProblemException.validation("email", "is required");
    }
    if (store.accountByEmail(r.email()).isEmpty()) {
      throw ProblemException.notFound("No account has this email");
    }
    String secret = Tokens.newSecret("");
    Instant expires = Instant.now().plus(RESET_LIFETIME);
    store.database().inTransaction(c -> {
      store.createLink(c, Tokens.hash(secret), "RESET", r.email(), null, me.accountId(), expires);
      audit.record(c, me, "password.reset.start", "account", SecurityStore.normaliseEmail(r.email()), null, null,
          Map.of("expiresAt", expires.toString()));
      return null;
    });
    Json.write(response, 201, link("/reset-password#token=" + secret, secret, expires));
  }

  private void finishReset(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Acceptance a = Json.read(request, Acceptance.class);
    if (a.password() == null || a.password().length() < AccountsServlet.MIN_PASSWORD || a.password().length() > 200) {
      throw ProblemException.validation("password", "must be " + AccountsServlet.MIN_PASSWORD + " to 200 characters");
    }
    String hash = authentication.hasher().hash(a.password());
    store.database().inTransaction(c -> {
      SecurityStore.OneTimeLink link = store.useLink(c, Tokens.hash(a.token() == null ? "" : a.token()), "RESET")
          .orElseThrow(() -> ProblemException.notFound("This reset link is unknown, used or expired; ask for a new one"));
      SecurityStore.Account account = store.accountByEmail(c, link.email()).orElseThrow(
          () -> ProblemException.notFound("The account of this link no longer exists"));
      store.updatePasswordHash(c, account.id(), hash);
      store.deleteSessions(c, account.id());
      Principal who = store.principal(c, account.id()).orElseThrow();
      audit.record(c, who, "password.reset", "account", account.id(), null, null, Map.of("sessionsEnded", true));
      return null;
    });
    response.setStatus(204);
  }

  private static Map<String, Object> link(String path, String secret, Instant expires) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("link", path);
    body.put("token", secret);
    body.put("expiresAt", expires);
    return body;
  }

  private static Map<String, Object> describe(Grant g, String email) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("email", SecurityStore.normaliseEmail(email));
    m.put("role", g.role().name());
    if (g.country() != null) {
      m.put("country", g.country());
    }
    if (g.unit() != null) {
      m.put("unit", g.unit());
    }
    if (g.school() != null) {
      m.put("school", g.school());
    }
    if (g.campaign() != null) {
      m.put("campaign", g.campaign());
    }
    return m;
  }
}
