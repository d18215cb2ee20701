package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * What a signed-in person does to their own account, without asking anybody:
 *
 * <ul>
 *   <li>{@code PUT /api/v1/me/password} {currentPassword, password, revokeApiTokens}: changes the
 *       password. Every session of the account ends; the one that asked gets a new one (its
 *       token, CSRF token and cookies in the answer, as a sign-in's), so a copy of the old cookie
 *       opens nothing. API tokens stay unless {@code revokeApiTokens} is true. The current password
 *       is checked and throttled as a sign-in is.
 *   <li>{@code DELETE /api/v1/me/sessions}: signs out everywhere, this session too (a phone that
 *       was lost, a computer at a conference).
 * </ul>
 *
 * Both need a signed-in session: an API token is refused (403), as it is for making tokens, so a
 * leaked token can neither change the password nor sign its owner out.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/me/password", "/api/v1/me/sessions"})
@OpenApiFragment("openapi/security.json")
public final class MyAccountServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a password change. */
  public record PasswordChange(String currentPassword, String password, Boolean revokeApiTokens) {}

  private final transient Authentication authentication;
  private final transient SecurityStore store;
  private final transient AuditLog audit;

  @Activate
  public MyAccountServlet(@Reference Authentication authentication, @Reference SecurityStore store, @Reference AuditLog audit) {
    this.authentication = authentication;
    this.store = store;
    this.audit = audit;
  }

  @Override
  protected java.util.Set<String> methodsAt(HttpServletRequest request) {
    return request.getServletPath().endsWith("/password") ? java.util.Set.of("PUT") : java.util.Set.of("DELETE");
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    String lang = principalSpeaking(request).language();
    PasswordChange change = Json.read(request, PasswordChange.class, rest -> AccountsServlet.require(errors(rest, lang)));
    AccountsServlet.require(errors(change, lang));
    SecurityStore.Account account;
    try {
      account = authentication.requirePassword(me.email(), change.currentPassword(), request.getRemoteAddr(), lang);
    } catch (ProblemException wrong) {
      if (wrong.status() != 401) {
        throw wrong; // 429: wait, as for a sign-in
      }
      // a 401 would read as "signed out" to the UI: the field is what is wrong
      throw ProblemException.validation("currentPassword", SecurityMessages.get(lang, "notYourPassword"));
    }
    String hash = authentication.hasher().hash(change.password());
    boolean revokeTokens = Boolean.TRUE.equals(change.revokeApiTokens());
    String asking = AuthenticationFilter.requestToken(request); // a session's: an API token was refused
    Authentication.SignedIn renewed = store.database().inTransaction(c -> {
      // a session ended meanwhile (signed out everywhere) renews nothing; ended here, it is ours to renew
      if (asking == null || !store.deleteSession(c, Tokens.hash(asking))) {
        throw ProblemException.unauthorized("Your session has ended: sign in again");
      }
      // as checked: a change made meanwhile (another tab) is not overwritten unseen
      if (!store.replacePasswordHash(c, account.id(), account.passwordHash(), hash)) {
        throw ProblemException.conflict(SecurityMessages.get(lang, "passwordChangedMeanwhile"));
      }
      int ended = store.deleteSessions(c, account.id());
      int tokens = revokeTokens ? store.revokeApiTokens(c, account.id()) : 0;
      store.spendResetLinks(c, account.email()); // an older link must not undo the owner's change
      audit.record(c, me, "password.change", "account", account.id(), OneTimeLinksServlet.countryOf(me), null,
          Map.of("sessionsEnded", ended, "apiTokensRevoked", tokens));
      return authentication.openSession(c, account.id());
    });
    AuthServlet.writeSession(request, response, renewed);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    store.database().inTransaction(c -> {
      int ended = store.deleteSessions(c, me.accountId());
      audit.record(c, me, "sessions.end", "account", me.accountId(), OneTimeLinksServlet.countryOf(me), null, Map.of("sessionsEnded", ended));
      return null;
    });
    response.addHeader("Set-Cookie", AuthServlet.cookie("", 0, request.isSecure()));
    response.addHeader("Set-Cookie", AuthServlet.signedInCookie(0, request.isSecure()));
    response.setStatus(204);
  }

  private static Principal signedIn(HttpServletRequest request) {
    Principal me = principal(request);
    if (me.isAnonymous()) {
      throw ProblemException.unauthorized("Not signed in");
    }
    if (request.getAttribute(AuthenticationFilter.API_TOKEN_ATTRIBUTE) != null) {
      throw ProblemException.forbidden("An API token cannot change its owner's password or sessions: sign in to do it");
    }
    if (me.isSystem() || me.email() == null) {
      throw ProblemException.forbidden("Only a person's account has a password and sessions");
    }
    return me;
  }

  /** What a password change lacks, in {@code lang}: the current password, and a new one by the rule. */
  static List<FieldError> errors(PasswordChange change, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (change.currentPassword() == null || change.currentPassword().isEmpty()) {
      errors.add(new FieldError("currentPassword", SecurityMessages.get(lang, "required")));
    }
    String invalid = change.password() == null || change.password().isEmpty() ? SecurityMessages.get(lang, "required")
        : AccountsServlet.passwordProblem(change.password(), lang);
    if (invalid != null) {
      errors.add(new FieldError("password", invalid));
    } else if (change.currentPassword() != null
        && PasswordHasher.normalised(change.password()).equals(PasswordHasher.normalised(change.currentPassword()))) {
      errors.add(new FieldError("password", SecurityMessages.get(lang, "passwordUnchanged")));
    }
    return errors;
  }

}
