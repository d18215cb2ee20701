package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.SchoolDirectory;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.security.ScopeCatalog;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * Invitations and password resets: single-use, expiring links. When the platform sends email (a
 * {@link MailOutbox} that {@link MailOutbox#delivers() delivers}), the link goes to the invitee or
 * the account's owner by email, queued in the transaction that makes it, and the answer says so
 * without the link; otherwise whoever creates a link receives it in the answer and passes it on.
 *
 * <ul>
 *   <li>{@code POST /api/v1/invitations} {email, role, country, unit, school, campaign}: HQ
 *       invites coordinators, a platform administrator HQ officers and administrators; an NC
 *       invites staff of a school of their country. A school the inviter may not see is answered
 *       as an unknown one; a country, unit or campaign that a {@link ScopeCatalog} does not know
 *       is refused.
 *   <li>{@code POST /api/v1/invitations/accept} {token, name, password}: creates the account (or
 *       adds the role to the invitee's existing account).
 *   <li>{@code POST /api/v1/password-resets} {email}: HQ, an administrator or an NC starts a reset, for
 *       an account whose every role they could have given it by invitation.
 *   <li>{@code POST /api/v1/password-resets/request} {email}: anyone asks for a reset link for
 *       their own account, sent by email only (409 while the platform sends none). The answer is
 *       the same 202 whether the email has an account or not.
 *   <li>{@code POST /api/v1/password-resets/accept} {token, password}: sets the password and ends
 *       every session of the account.
 * </ul>
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({
  "/api/v1/invitations", "/api/v1/invitations/accept",
  "/api/v1/password-resets", "/api/v1/password-resets/request", "/api/v1/password-resets/accept"
})
@OpenApiFragment("openapi/security.json")
public final class OneTimeLinksServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final Duration INVITATION_LIFETIME = Duration.ofDays(14);
  static final Duration RESET_LIFETIME = Duration.ofHours(2);
  /** Reset links one account may ask for by email in {@link #ASKED_WINDOW}: a mailbox is not flooded. */
  static final int ASKED_MAX = 3;
  static final Duration ASKED_WINDOW = Duration.ofMinutes(15);
  /** Reset requests waiting for their thread at most; past them one is dropped (each address is throttled anyway). */
  static final int ASKED_QUEUE = 1000;
  /** Invitations one person may send by email until an hour passes without one: the platform's mail is not theirs to spam with. */
  static final int EMAILED_INVITATIONS_MAX = 50;

  /** The body of an invitation; {@code school} and {@code campaign} are ids, as numbers or as text. */
  public record Invitation(String email, Role role, String country, String unit,
      @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = IdText.class) String school,
      @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = IdText.class) String campaign) {}

  /**
   * An id written as a whole number (as every other endpoint takes a school) or as text; anything
   * else is the usual wrong-type error.
   */
  static final class IdText extends com.fasterxml.jackson.databind.JsonDeserializer<String> {
    @Override
    public String deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws IOException {
      com.fasterxml.jackson.core.JsonToken token = p.currentToken();
      if (token == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT || token == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
        return p.getText();
      }
      // not "must be a string": a number is the documented form; invite() says which id, translated
      throw com.fasterxml.jackson.databind.JsonMappingException.from(p, NOT_AN_ID);
    }
  }

  /** The wrong-type message of {@link IdText}, which invite() replaces with the field's own. */
  static final String NOT_AN_ID = "must be an id";

  /** The body of an acceptance; name only for a new account. */
  public record Acceptance(String token, String name, String password) {}

  /** The body of a reset request. */
  public record ResetRequest(String email) {}

  private final transient SecurityStore store;
  private final transient Authentication authentication;
  private final transient Authorizer authorizer;
  private final transient AuditLog audit;
  private final transient Logger log;
  /** Where reset requests are answered after their 202 (one thread, started by the first). */
  private final transient java.util.concurrent.ExecutorService askedResets = new java.util.concurrent.ThreadPoolExecutor(
      1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(ASKED_QUEUE), r -> {
        Thread t = new Thread(r, "aspnet-reset-requests");
        t.setDaemon(true);
        return t;
      });

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private transient volatile SchoolDirectory schools;

  /** Optional: without it (or a mail server) links are handed over by whoever makes them. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private transient volatile MailOutbox mail;

  /** The bundles that know which countries, units and campaigns exist. */
  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
  private final transient List<ScopeCatalog> catalogs = new CopyOnWriteArrayList<>();

  @Activate
  public OneTimeLinksServlet(@Reference SecurityStore store, @Reference Authentication authentication,
      @Reference Authorizer authorizer, @Reference AuditLog audit, @Reference(service = LoggerFactory.class) Logger log) {
    this.store = store;
    this.authentication = authentication;
    this.authorizer = authorizer;
    this.audit = audit;
    this.log = log;
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    askedResets.shutdown();
    askedResets.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (request.getServletPath()) {
      case "/api/v1/invitations" -> invite(request, response);
      case "/api/v1/invitations/accept" -> acceptInvitation(request, response);
      case "/api/v1/password-resets" -> startReset(request, response);
      case "/api/v1/password-resets/request" -> requestReset(request, response);
      default -> finishReset(request, response);
    }
  }

  private void invite(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    if (me.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to invite");
    }
    String lang = principalSpeaking(request).language();
    // a field of the wrong type is told with every other field's error
    Invitation inv;
    try {
      inv = Json.read(request, Invitation.class, rest -> checked(rest, me, lang));
    } catch (ProblemException p) {
      throw withIdsTold(p, lang);
    }
    Grant grant = checked(inv, me, lang);
    if (!mayGrant(authorizer, me, grant)) {
      authorizer.require(me, actionFor(grant.role()), targetOf(grant)); // throws, naming what is missing
    }
    if (grant.role() == Role.SCHOOL_FOCAL_POINT && me.email() != null
        && SecurityStore.normaliseEmail(me.email()).equals(SecurityStore.normaliseEmail(inv.email()))) {
      throw ProblemException.validation("email", SecurityMessages.get(lang, "handOverToYourself"));
    }
    String secret = Tokens.newSecret("");
    Instant expires = Instant.now().plus(INVITATION_LIFETIME);
    String invitee = SecurityStore.normaliseEmail(inv.email());
    String path = "/accept-invitation#token=" + secret;
    MailOutbox outbox = delivering();
    store.database().inTransaction(c -> {
      refuseDisabledInvitee(c, me, invitee, lang);
      if (outbox != null) {
        String key = "invite:" + me.accountId();
        SecurityStore.Failures sent = store.holdFailures(c, key, Duration.ofHours(1));
        if (sent.count() >= EMAILED_INVITATIONS_MAX) {
          throw new ProblemException(429, ProblemException.TYPE_BASE + "too-many-attempts", "Too many invitations",
              SecurityMessages.get(lang, "tooManyInvitations", String.valueOf(EMAILED_INVITATIONS_MAX)), List.of(), Map.of("retryAfter", 3600));
        }
        store.recordFailure(c, key, sent.count() + 1);
      }
      store.createLink(c, Tokens.hash(secret), "INVITATION", invitee, grant, me.accountId(), expires);
      Map<String, Object> after = describe(grant, inv.email());
      after.put("delivery", outbox == null ? "manual" : "email");
      audit.record(c, me, "invitation.create", "invitation", invitee, grant.country(), null, after);
      if (outbox != null) {
        // the invitee has no account to tell their language yet: the inviter's is the likeliest
        SchoolDirectory directory = schools;
        String schoolName = grant.school() == null || directory == null ? null : directory.name(grant.school()).orElse("#" + grant.school());
        // a unit or a campaign by its name ("Bayern", a campaign's title), as the catalog that keeps it says it
        Target part = new Target(grant.country(), grant.unit(), null, grant.campaign());
        String partName = grant.unit() == null && grant.campaign() == null ? null : catalogs.stream()
            .map(catalog -> catalog.name(part, lang)).flatMap(Optional::stream).findFirst()
            .orElse(grant.unit() != null ? grant.unit() : grant.campaign());
        outbox.enqueue(c, MailTexts.invitation(lang, invitee, inviterName(me), grant.role(), grant.country(), partName,
            schoolName, outbox.publicUrl() + path, INVITATION_LIFETIME.toDays(), outbox.publicUrl()));
      }
      return null;
    });
    if (outbox == null) { // the link is in the answer: kept by no cache, nor for a repeat (IdempotencyFilter)
      answerHoldsASecret(request, response);
    }
    Json.write(response, 201, outbox == null ? link(path, secret, expires) : emailed(invitee, expires));
  }

  /**
   * A 409 when the invitee's account is disabled and {@code me} looks after it: its owner could not
   * accept (a disabled account signs in no more), so the inviter is told now, not by a puzzled
   * invitee. Anyone else's invitation goes as before: it tells nobody which accounts exist.
   */
  private void refuseDisabledInvitee(java.sql.Connection c, Principal me, String invitee, String lang) throws java.sql.SQLException {
    Optional<SecurityStore.Account> account = store.accountByEmail(c, invitee);
    if (account.isPresent() && account.get().disabled()
        && store.principal(c, account.get().id()).map(a -> mayReset(authorizer, me, a)).orElse(false)) {
      throw ProblemException.conflict(SecurityMessages.get(lang, "inviteeDisabled", account.get().id()));
    }
  }

  /**
   * The grant {@code inv} asks for, once each of its fields is right; a 400 with every field's
   * error otherwise (an email, a role, its scope: {@link #grantOf}). Whether {@code me} may give
   * it is not checked here. Nothing is written.
   */
  private Grant checked(Invitation inv, Principal me, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (!AccountsServlet.isEmail(inv.email())) {
      errors.add(new FieldError("email", SecurityMessages.get(lang, "email")));
    }
    if (inv.role() == null) {
      errors.add(new FieldError("role", SecurityMessages.get(lang, "required")));
    }
    Grant grant = inv.role() == null ? null : grantOf(inv, me, authorizer, schools, catalogs, errors, lang);
    AccountsServlet.require(errors);
    return grant;
  }

  /**
   * Checks that the role's scope is complete and exists, e.g. a school role names its school, a
   * sub-national coordinator a unit of the country. A school that {@code me} may not see is
   * answered like an unknown one, so that an invitation tells nobody which schools exist beyond
   * their view. Countries, units and campaigns are checked by the {@code catalogs} that keep them,
   * once the scope is complete: what is wrong with the other fields ({@code errors} already there)
   * does not hold that check back.
   */
  static Grant grantOf(Invitation inv, Principal me, Authorizer authorizer, SchoolDirectory directory,
      Collection<ScopeCatalog> catalogs, List<FieldError> errors, String lang) {
    int before = errors.size(); // the caller's errors of other fields (the email) do not stop the scope's check
    Role role = inv.role();
    // A part of a scope the role has no use for is refused, not kept: an NC's grant that also named
    // a unit read as the unit's in some places and the country's in others.
    Set<String> belongs = switch (role) {
      case NATIONAL_COORDINATOR -> Set.of("country");
      case SUBNATIONAL_COORDINATOR -> Set.of("country", "unit");
      case SCHOOL_STAFF, SCHOOL_FOCAL_POINT -> Set.of("school");
      case CAMPAIGN_COORDINATOR -> Set.of("campaign");
      default -> Set.of();
    };
    Map<String, String> given = new LinkedHashMap<>();
    given.put("country", inv.country());
    given.put("unit", inv.unit());
    given.put("school", inv.school());
    given.put("campaign", inv.campaign());
    given.forEach((field, value) -> {
      if (value != null && !value.isBlank() && !belongs.contains(field)) {
        errors.add(new FieldError(field, SecurityMessages.get(lang, "notForRole")));
      }
    });
    String country = countryCode(inv.country());
    String unit = inv.unit();
    String school = inv.school();
    String campaign = inv.campaign();
    switch (role) {
      case NATIONAL_COORDINATOR, SUBNATIONAL_COORDINATOR -> {
        if (country == null || !country.matches("[A-Z]{2}")) {
          errors.add(new FieldError("country", SecurityMessages.get(lang, "countryForRole")));
        }
        if (role == Role.SUBNATIONAL_COORDINATOR && (inv.unit() == null || inv.unit().isBlank())) {
          errors.add(new FieldError("unit", SecurityMessages.get(lang, "unitForSnc")));
        }
      }
      case SCHOOL_STAFF, SCHOOL_FOCAL_POINT -> {
        if (inv.school() == null || inv.school().isBlank()) {
          errors.add(new FieldError("school", SecurityMessages.get(lang, "schoolForStaff")));
        } else if (!writtenAsAnId(inv.school())) {
          errors.add(new FieldError("school", SecurityMessages.get(lang, "schoolId")));
        } else {
          Optional<Target> where = directory == null ? Optional.empty() : directory.locate(inv.school());
          if (where.isEmpty() || !authorizer.allows(me, Action.VIEW_SCHOOL, where.get())) {
            errors.add(new FieldError("school", SecurityMessages.get(lang, "schoolUnknown")));
          } else {
            // the school's real place decides the scope, not the request
            country = where.get().country();
            unit = where.get().unit();
            school = where.get().school();
          }
        }
      }
      case CAMPAIGN_COORDINATOR -> {
        if (inv.campaign() == null || inv.campaign().isBlank()) {
          errors.add(new FieldError("campaign", SecurityMessages.get(lang, "campaignForCc")));
        } else if (!writtenAsAnId(inv.campaign())) {
          errors.add(new FieldError("campaign", SecurityMessages.get(lang, "campaignId")));
        }
      }
      default -> { }
    }
    if (errors.size() == before) {
      Target scope = switch (role) {
        case NATIONAL_COORDINATOR -> Target.country(country);
        case SUBNATIONAL_COORDINATOR -> new Target(country, unit, null, null);
        case CAMPAIGN_COORDINATOR -> new Target(null, null, null, campaign);
        default -> null; // a school's place comes from the directory; global roles have no scope
      };
      if (scope != null) {
        for (ScopeCatalog catalog : catalogs) {
          scope = catalog.canonical(scope); // "by" is Bavaria's BY, as the schools have it
        }
        if (role == Role.SUBNATIONAL_COORDINATOR) {
          unit = scope.unit();
        }
        errors.addAll(unknownParts(scope, catalogs));
      }
    }
    return new Grant(role, country, unit, campaign, school);
  }

  /**
   * {@code p} with a school or campaign of the wrong type ({@code true}, a list) told as a badly
   * written id is: what is expected, a whole number, in the request's language.
   */
  static ProblemException withIdsTold(ProblemException p, String lang) {
    if (p.status() != 400 || p.errors().stream().noneMatch(e -> NOT_AN_ID.equals(e.message()))) {
      return p;
    }
    return ProblemException.validation(p.errors().stream()
        .map(e -> !NOT_AN_ID.equals(e.message()) ? e
            : new FieldError(e.field(), SecurityMessages.get(lang, e.field().equals("campaign") ? "campaignId" : "schoolId")))
        .toList());
  }

  /**
   * Whether {@code id} is written as the platform writes ids (7, not 07, +7, "7 " or ٧), the rule
   * of ids in paths: a grant names its school or campaign as the data do, and is compared as text.
   */
  static boolean writtenAsAnId(String id) {
    try {
      pathId(id, "id");
      return true;
    } catch (ProblemException notAnId) {
      return false;
    }
  }

  /**
   * A country code in either case, upper-cased ({@code "fr"} is France), as query parameters,
   * schools and campaigns take it; anything else is left as sent, to be refused.
   */
  static String countryCode(String code) {
    return code != null && code.strip().matches("[A-Za-z]{2}") ? code.strip().toUpperCase(java.util.Locale.ROOT) : code;
  }

  /** What the catalogs do not know of {@code scope}, one error per field. */
  static List<FieldError> unknownParts(Target scope, Collection<ScopeCatalog> catalogs) {
    List<FieldError> unknown = new ArrayList<>();
    Set<String> fields = new HashSet<>();
    for (ScopeCatalog catalog : catalogs) {
      for (FieldError e : catalog.unknown(scope)) {
        if (fields.add(e.field())) {
          unknown.add(e);
        }
      }
    }
    return unknown;
  }

  /**
   * Who may give a role, the one rule for invitations and password resets: HQ appoints
   * coordinators, a platform administrator HQ officers and administrators, an NC (and HQ) the
   * staff of a school in their scope, and a focal point hands the role on within the school.
   */
  static boolean mayGrant(Authorizer authorizer, Principal me, Grant grant) {
    return handsOverFocalPoint(me, grant) || authorizer.allows(me, actionFor(grant.role()), targetOf(grant));
  }

  /**
   * Who may take a role away: whoever could give it by invitation, but not by a focal point's
   * hand-over (a focal point hands the role on; it does not remove a colleague's).
   */
  static boolean mayRevoke(Authorizer authorizer, Principal me, Grant grant) {
    return authorizer.allows(me, actionFor(grant.role()), targetOf(grant));
  }

  /** HQ and platform administrators: they reset accounts of any scope, those without a role too. */
  static boolean resetsEverywhere(Authorizer authorizer, Principal me) {
    return authorizer.allows(me, Action.MANAGE_COORDINATORS, Target.everything())
        || authorizer.allows(me, Action.MANAGE_PLATFORM, Target.everything());
  }

  /**
   * Who starts password resets at all: HQ, platform administrators and National Coordinators (the
   * teachers of a country's schools ask their NC first).
   */
  private static boolean startsResets(Authorizer authorizer, Principal me) {
    return resetsEverywhere(authorizer, me) || me.grants().stream().anyMatch(g -> g.role() == Role.NATIONAL_COORDINATOR);
  }

  /**
   * A reset link takes over an account, so it is only for someone who could have given the account
   * every role it holds: HQ resets coordinators and school staff, only a platform administrator an
   * HQ officer or another administrator, an NC the staff of the schools of their country. An
   * account without a role belongs to no country: HQ's and administrators' only.
   */
  static boolean mayReset(Authorizer authorizer, Principal me, Principal account) {
    return startsResets(authorizer, me)
        && (!account.grants().isEmpty() || resetsEverywhere(authorizer, me))
        && account.grants().stream().allMatch(g -> mayGrant(authorizer, me, g));
  }

  /** The one country an account's roles are all in, for its audit entries; null otherwise. */
  static String countryOf(Principal account) {
    java.util.Set<String> countries = new java.util.HashSet<>();
    account.grants().forEach(g -> countries.add(g.country()));
    return countries.size() == 1 ? countries.iterator().next() : null;
  }

  /** A school's focal point may hand the role to a colleague of the same school. */
  private static boolean handsOverFocalPoint(Principal me, Grant grant) {
    return grant.role() == Role.SCHOOL_FOCAL_POINT && grant.school() != null
        && me.grants().stream().anyMatch(g -> g.role() == Role.SCHOOL_FOCAL_POINT && grant.school().equals(g.school()));
  }

  private static Action actionFor(Role role) {
    return switch (role) {
      case PLATFORM_ADMIN, HQ_OFFICER -> Action.MANAGE_PLATFORM;
      case SCHOOL_STAFF, SCHOOL_FOCAL_POINT -> Action.INVITE_SCHOOL_STAFF;
      default -> Action.MANAGE_COORDINATORS;
    };
  }

  private static Target targetOf(Grant g) {
    return g.school() != null ? Target.school(g.country(), g.unit(), g.school())
        : g.country() != null ? Target.country(g.country()) : Target.everything();
  }

  private void acceptInvitation(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String lang = principalSpeaking(request).language();
    Acceptance a = Json.read(request, Acceptance.class, rest -> checkAcceptance(rest, lang));
    if (a.token() == null || a.token().isBlank()) {
      throw ProblemException.validation("token", SecurityMessages.get(lang, "required"));
    }
    // The link alone adds a role to a new account only. An existing account's owner proves it is
    // them (signed in as it, or its password): else whoever made the link (an NC) could give any
    // account a role of their country, and then reset its password.
    SecurityStore.OneTimeLink live = store.database().read(c -> store.liveLink(c, Tokens.hash(a.token()), "INVITATION"))
        .orElseThrow(() -> ProblemException.notFound(SecurityMessages.get(lang, "invitationGone")));
    Optional<SecurityStore.Account> invitee = store.database().read(c -> store.accountByEmail(c, live.email()));
    String owner = invitee.map(SecurityStore.Account::id).orElse(null);
    if (owner == null || !owner.equals(principal(request).accountId())) {
      // Whoever holds the link (its maker too) learns nothing of the email's account: the same
      // checks, the same answers, whether it has one or not. A password is always asked, and
      // checked as a new one would be; then an existing account's password, or a new account
      // without its name, is the one throttled 401 of a wrong sign-in.
      AccountsServlet.require(acceptanceErrors(live, a, lang));
      if (owner != null || a.name() == null || a.name().isBlank()) {
        try {
          authentication.requirePassword(live.email(), a.password(), request.getRemoteAddr(), lang);
        } catch (ProblemException e) {
          throw e.status() == 401 ? ProblemException.unauthorized(SecurityMessages.get(lang, "invitationCredentials")) : e;
        }
      }
    }
    String passwordHash = a.password() == null || owner != null ? null : authentication.hasher().hash(a.password());
    Map<String, Object> result = store.database().inTransaction(c -> {
      SecurityStore.OneTimeLink link = store.useLink(c, Tokens.hash(a.token()), "INVITATION")
          .orElseThrow(() -> ProblemException.notFound(SecurityMessages.get(lang, "invitationGone")));
      // Its maker must still be one who may give the role, as for a reset link: a focal point who
      // has handed the role over (and their other hand-over links) gives it no more, nor does an
      // account disabled since (a stolen one's links die with it)
      Optional<Principal> maker = link.createdBy() == null ? Optional.empty() : store.activePrincipal(c, link.createdBy());
      if (maker.isEmpty() || !mayGrant(authorizer, maker.get(), link.grant())) {
        throw ProblemException.forbidden(SecurityMessages.get(lang, "invitationOutdated"));
      }
      Optional<SecurityStore.Account> existing = store.accountByEmail(c, link.email());
      String accountId;
      if (existing.isPresent()) {
        if (!existing.get().id().equals(owner)) {
          // made meanwhile by a registration: its owner has not been asked
          throw ProblemException.unauthorized(SecurityMessages.get(lang, "invitationNeedsOwner"));
        }
        accountId = existing.get().id();
      } else {
        // rolls the use of the link back too
        AccountsServlet.require(newAccountErrors(link, a, lang));
        // the language the invitee accepted in: the platform's mail to them is written in it
        String language = AccountsServlet.LANGUAGES.contains(lang) ? lang : "en";
        accountId = store.createAccount(c, link.email(), a.name().strip(), language, passwordHash);
      }
      store.addGrant(c, accountId, link.grant(), null);
      if (link.grant().role() == Role.SCHOOL_FOCAL_POINT) {
        // A hand-over: the previous focal point stays on as staff; the school keeps its history.
        // Audited as done by whoever made the link (the focal point who handed the role over, or a
        // coordinator), naming the accounts that are staff now.
        List<String> handedOver = store.demoteFocalPoints(c, link.grant().school(), accountId);
        if (!handedOver.isEmpty()) {
          audit.record(c, maker.get(), "school.focalPoint.handover", "school", link.grant().school(),
              link.grant().country(), Map.of("previousFocalPoints", handedOver), Map.of("focalPoint", link.email()));
        }
      }
      Principal who = store.principal(c, accountId).orElseThrow();
      audit.record(c, who, "invitation.accept", "account", accountId, link.grant().country(), null, describe(link.grant(), link.email()));
      return MeServlet.describe(who);
    });
    Json.write(response, 200, result);
  }

  /**
   * What is wrong with an acceptance of which some fields have the wrong type ({@code rest}, the
   * others), as its use would tell it: a token is required, and a live invitation for someone
   * without an account needs their name and password. The link is read, not used: nothing is written.
   */
  private void checkAcceptance(Acceptance rest, String lang) {
    if (rest.token() == null || rest.token().isBlank()) {
      throw ProblemException.validation("token", SecurityMessages.get(lang, "required"));
    }
    List<FieldError> errors = store.database().read(c -> store.liveLink(c, Tokens.hash(rest.token()), "INVITATION")
        .map(link -> acceptanceErrors(link, rest, lang)).orElse(List.of()));
    AccountsServlet.require(errors);
  }

  /**
   * What is wrong with an acceptance whatever account the link's email has, so that the answer
   * says nothing of it: the password as a new account's (required, the one rule), and the name
   * when one is given. A missing name is asked only of a new account, by {@code requirePassword}'s
   * 401, the answer of a wrong password too.
   */
  private static List<FieldError> acceptanceErrors(SecurityStore.OneTimeLink link, Acceptance a, String lang) {
    return newAccountErrors(link, a, lang).stream()
        .filter(e -> !e.field().equals("name") || (a.name() != null && !a.name().isBlank()))
        .toList();
  }

  /** What the invitee of {@code link} who has no account yet must give: a name and a password, as a registration. */
  private static List<FieldError> newAccountErrors(SecurityStore.OneTimeLink link, Acceptance a, String lang) {
    return AccountsServlet.validate(new AccountsServlet.Registration(link.email(), a.name(), a.password(), null), lang);
  }

  private void startReset(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    // Before the email is even read: whoever may not reset learns nothing about accounts.
    if (!startsResets(authorizer, me)) {
      authorizer.require(me, Action.MANAGE_PLATFORM, Target.everything());
    }
    if (request.getAttribute(AuthenticationFilter.API_TOKEN_ATTRIBUTE) != null) {
      // a reset link takes an account over: a sync job's token, leaked, must not hand out such links
      throw ProblemException.forbidden("An API token cannot start a password reset (its link takes an account over):"
          + " sign in to do it");
    }
    String lang = principalSpeaking(request).language();
    ResetRequest r = Json.read(request, ResetRequest.class, rest -> requireEmail(rest, lang));
    requireEmail(r, lang);
    String secret = Tokens.newSecret("");
    Instant expires = Instant.now().plus(RESET_LIFETIME);
    String path = "/reset-password#token=" + secret;
    MailOutbox outbox = delivering();
    String sentTo = store.database().inTransaction(c -> {
      Optional<SecurityStore.Account> found = store.accountByEmail(c, r.email());
      Optional<Principal> held = found.isEmpty() ? Optional.empty() : store.principal(c, found.get().id());
      ProblemException refused = resetRefusal(authorizer, me, held);
      if (refused != null) {
        throw refused;
      }
      Principal account = held.orElseThrow();
      if (found.get().disabled()) {
        // the link would set a password that opens nothing: say why instead
        throw ProblemException.conflict("This account is disabled: enable it first (PATCH /api/v1/accounts/"
            + account.accountId() + "), then reset its password");
      }
      store.createLink(c, Tokens.hash(secret), "RESET", account.email(), null, me.accountId(), expires);
      // filed under the account's country, so that the NC who made it, and HQ, read it
      audit.record(c, me, "password.reset.start", "account", account.accountId(), countryOf(account), null,
          Map.of("email", account.email(), "expiresAt", expires.toString(), "delivery", outbox == null ? "manual" : "email"));
      if (outbox != null) {
        // the link goes to the account's owner only: its maker never holds it
        outbox.enqueue(c, MailTexts.reset(account.language(), account.email(), account.name(), inviterName(me),
            outbox.publicUrl() + path, RESET_LIFETIME.toHours(), outbox.publicUrl()));
      }
      return account.email();
    });
    if (outbox == null) { // the link is in the answer: kept by no cache, nor for a repeat (IdempotencyFilter)
      answerHoldsASecret(request, response);
    }
    Json.write(response, 201, outbox == null ? link(path, secret, expires) : emailed(sentTo, expires));
  }

  /**
   * Why {@code me} may not reset the password of {@code account} (empty: no account has the
   * email), null when they may. Only HQ and administrators, who may reset any account, learn that
   * an email is unknown; anyone else (an NC) gets the very 403 of an account beyond their reach,
   * so that the answer never tells whether an email has an account. The account's roles stay
   * unnamed.
   */
  static ProblemException resetRefusal(Authorizer authorizer, Principal me, Optional<Principal> account) {
    if (account.isEmpty() && resetsEverywhere(authorizer, me)) {
      return ProblemException.notFound("No account has this email");
    }
    if (account.isEmpty() || !mayReset(authorizer, me, account.get())) {
      return ProblemException.forbidden("Your roles do not allow resetting the password of this account");
    }
    return null;
  }

  private static void requireEmail(ResetRequest r, String lang) {
    if (r.email() == null || r.email().isBlank()) {
      throw ProblemException.validation("email", SecurityMessages.get(lang, "required"));
    }
  }

  /**
   * A reset link asked for by its account's owner, who forgot the password: emailed to the
   * account's address, so only its mailbox holds it. Every request counts as a failed attempt of
   * the sender's address (the sign-in throttle), whether the email has an account or not, and the
   * answer is the same 202 at once: the account is looked up, and the link made and queued, on a
   * thread of its own afterwards, so that neither the answer nor its time tells whether an account
   * exists. An email (any, known or not) gets at most {@link #ASKED_MAX} links until {@link
   * #ASKED_WINDOW} passes without a request.
   */
  private void requestReset(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String lang = principalSpeaking(request).language();
    ResetRequest r = Json.read(request, ResetRequest.class, rest -> requireEmail(rest, lang));
    requireEmail(r, lang);
    if (!AccountsServlet.isEmail(r.email())) {
      throw ProblemException.validation("email", SecurityMessages.get(lang, "email"));
    }
    MailOutbox outbox = delivering();
    if (outbox == null) {
      throw ProblemException.conflict(SecurityMessages.get(lang, "resetByEmailOff"));
    }
    authentication.addressFailure(request.getRemoteAddr(), lang); // counted as failed: no answer differs
    String email = r.email();
    String address = request.getRemoteAddr();
    try {
      askedResets.execute(() -> sendAskedReset(email, address, lang, outbox));
    } catch (java.util.concurrent.RejectedExecutionException full) {
      log.warn("Password reset requests: {} wait already; one for an address of {} is dropped", ASKED_QUEUE, address);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "accepted");
    body.put("detail", SecurityMessages.get(lang, "resetRequested"));
    Json.write(response, 202, body);
  }

  /** The work of {@link #requestReset} after its answer: throttled per email under its row, then the link and its message. */
  private void sendAskedReset(String email, String address, String lang, MailOutbox outbox) {
    try {
      store.database().inTransaction(c -> {
        String key = "reset:" + SecurityStore.normaliseEmail(email);
        SecurityStore.Failures asked = store.holdFailures(c, key, ASKED_WINDOW);
        if (asked.count() >= ASKED_MAX) {
          return null; // enough links are on their way
        }
        store.recordFailure(c, key, asked.count() + 1);
        Optional<SecurityStore.Account> found = store.accountByEmail(c, email);
        if (found.isEmpty() || found.get().disabled()) {
          return null; // a disabled account's owner is told so when they sign in, not sent a link
        }
        SecurityStore.Account account = found.get();
        String secret = Tokens.newSecret("");
        Instant expires = Instant.now().plus(RESET_LIFETIME);
        store.createLink(c, Tokens.hash(secret), "RESET", account.email(), null, account.id(), expires);
        Principal owner = store.principal(c, account.id()).orElseThrow();
        audit.record(c, Principal.anonymous(), "password.reset.request", "account", account.id(), countryOf(owner), null,
            Map.of("email", account.email(), "expiresAt", expires.toString(), "address", address));
        outbox.enqueue(c, MailTexts.selfReset(account.language() == null ? lang : account.language(), account.email(),
            account.name(), outbox.publicUrl() + "/reset-password#token=" + secret, RESET_LIFETIME.toHours(), outbox.publicUrl()));
        return null;
      });
    } catch (RuntimeException e) {
      log.error("A password reset asked for from {} could not be prepared: {}", address, e.toString());
    }
  }

  /** The outbox when mail leaves the platform; null when links are to be handed over. */
  private MailOutbox delivering() {
    MailOutbox outbox = mail;
    return outbox != null && outbox.delivers() ? outbox : null;
  }

  /** How a message names who made a link: their name and address, so the recipient can tell who it is. */
  private static String inviterName(Principal me) {
    if (me.email() == null) {
      return "ASPnet";
    }
    // a name from before names had to be one line is said on one line, never as lines of the message
    return me.name() == null || me.name().isBlank() || !AccountsServlet.oneLine(me.name()) ? me.email()
        : me.name() + " <" + me.email() + ">";
  }

  private static Map<String, Object> emailed(String to, Instant expires) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("delivery", "email");
    body.put("sentTo", to);
    body.put("expiresAt", expires);
    return body;
  }

  private void finishReset(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String lang = principalSpeaking(request).language();
    Acceptance a = Json.read(request, Acceptance.class, rest -> requirePassword(rest, lang));
    requirePassword(a, lang);
    String hash = authentication.hasher().hash(a.password());
    store.database().inTransaction(c -> {
      SecurityStore.OneTimeLink link = store.useLink(c, Tokens.hash(a.token() == null ? "" : a.token()), "RESET")
          .orElseThrow(() -> ProblemException.notFound(SecurityMessages.get(lang, "resetGone")));
      SecurityStore.Account account = store.accountByEmail(c, link.email()).orElseThrow(
          () -> ProblemException.notFound("The account of this link no longer exists"));
      // The account may have gained a role since the link was made that its maker could not give.
      // A link its owner asked for by email (made by the account itself) reached its mailbox: it applies.
      boolean askedByOwner = account.id().equals(link.createdBy());
      Optional<Principal> maker = link.createdBy() == null ? Optional.empty() : store.activePrincipal(c, link.createdBy());
      if (!askedByOwner && (maker.isEmpty() || !mayReset(authorizer, maker.get(), store.principal(c, account.id()).orElseThrow()))) {
        throw ProblemException.forbidden(SecurityMessages.get(lang, "resetOutdated"));
      }
      store.updatePasswordHash(c, account.id(), hash);
      // the account's other reset links (the owner may have asked for several) open it no more
      store.spendResetLinks(c, link.email());
      store.deleteSessions(c, account.id());
      // A reset is how a taken-over account is won back: a token its taker made must stop too.
      int tokens = store.revokeApiTokens(c, account.id());
      Principal who = store.principal(c, account.id()).orElseThrow();
      // filed under the account's country, as its start is: the NC who started it reads it ended
      audit.record(c, who, "password.reset", "account", account.id(), countryOf(who), null,
          Map.of("sessionsEnded", true, "apiTokensRevoked", tokens));
      return null;
    });
    response.setStatus(204);
  }

  /** A reset's new password follows the one rule for passwords (a token that is no live link is a 404 once the body binds). */
  private static void requirePassword(Acceptance a, String lang) {
    String invalid = AccountsServlet.passwordProblem(a.password(), lang);
    if (invalid != null) {
      throw ProblemException.validation("password", invalid);
    }
  }

  private static Map<String, Object> link(String path, String secret, Instant expires) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("delivery", "manual");
    body.put("link", path);
    body.put("token", secret);
    body.put("expiresAt", expires);
    return body;
  }

  /** The invitee and the grant, as the audit log keeps a grant everywhere (AccountsService.audited). */
  private static Map<String, Object> describe(Grant g, String email) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("email", SecurityStore.normaliseEmail(email));
    m.putAll(AccountsService.audited(g));
    return m;
  }
}
