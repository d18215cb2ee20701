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
 *   <li>{@code PUT /api/v1/me/password} {currentPassword, password}: changes the password; every
 *       other session of the account ends, the one that asked goes on. The current password is
 *       checked and throttled as a sign-in is, so a session left open on a shared computer does
 *       not let a passer-by take the account over.
 *   <li>{@code DELETE /api/v1/me/sessions}: signs out everywhere, this session too (a phone that
 *       was lost, a computer at a conference).
 * </ul>
 *
 * API tokens are left alone by both: they are revoked one by one ({@code /api/v1/tokens}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/me/password", "/api/v1/me/sessions"})
@OpenApiFragment("openapi/security.json")
public final class MyAccountServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a password change. */
  public record PasswordChange(String currentPassword, String password) {}

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
    if (!account.id().equals(me.accountId())) {
      throw new IllegalStateException("an email names one account");
    }
    String hash = authentication.hasher().hash(change.password());
    String current = sessionToken(request);
    store.database().inTransaction(c -> {
      store.updatePasswordHash(c, me.accountId(), hash);
      int ended = store.deleteOtherSessions(c, me.accountId(), current == null ? "" : Tokens.hash(current));
      audit.record(c, me, "password.change", "account", me.accountId(), OneTimeLinksServlet.countryOf(me), null, Map.of("otherSessionsEnded", ended));
      return null;
    });
    response.setStatus(204);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    store.database().inTransaction(c -> {
      int ended = store.deleteOtherSessions(c, me.accountId(), "");
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
    if (me.isSystem() || me.email() == null) {
      throw ProblemException.forbidden("Only a person's account has a password and sessions");
    }
    return me;
  }

  /** The session token this request came with (a cookie or a Bearer session), or null (an API token). */
  private static String sessionToken(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).strip()
        : AuthenticationFilter.sessionCookie(request);
    return token != null && token.startsWith(Authentication.SESSION_PREFIX) ? token : null;
  }

  /** What a password change lacks, in {@code lang}: the current password, and a new one by the rule. */
  static List<FieldError> errors(PasswordChange change, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (change.currentPassword() == null || change.currentPassword().isEmpty()) {
      errors.add(new FieldError("currentPassword", SecurityMessages.get(lang, "required")));
    }
    String invalid = AccountsServlet.passwordProblem(change.password(), lang);
    if (invalid != null) {
      errors.add(new FieldError("password", invalid));
    } else if (change.password().equals(change.currentPassword())) {
      errors.add(new FieldError("password", SecurityMessages.get(lang, "passwordUnchanged")));
    }
    return errors;
  }

}
