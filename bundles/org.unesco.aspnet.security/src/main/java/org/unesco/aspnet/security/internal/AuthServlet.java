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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code POST /api/v1/auth/login} and {@code POST /api/v1/auth/logout}. Sign-in always opens a
 * new session (a fresh id, against session fixation) and hands back both a cookie for browsers
 * and the same token for API clients.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/auth/login", "/api/v1/auth/logout"})
@OpenApiFragment("openapi/security.json")
public final class AuthServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  /** Read by the UI: see {@link #signedInCookie}. */
  static final String SIGNED_IN_COOKIE = "aspnet_signed_in";

  /** The body of a sign-in. */
  public record Credentials(String email, String password) {}

  private final transient Authentication authentication;

  @Activate
  public AuthServlet(@Reference Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getServletPath().endsWith("/logout")) {
      logout(request, response);
      return;
    }
    String language = principalSpeaking(request).language();
    Credentials credentials = Json.read(request, Credentials.class, rest -> AccountsServlet.require(errors(rest, language)));
    AccountsServlet.require(errors(credentials, language));
    String previous = AuthenticationFilter.sessionCookie(request);
    // a 429 carries retryAfter, which Json.writeProblem also sends as Retry-After
    Authentication.SignedIn in = authentication.signIn(credentials.email(), credentials.password(), request.getRemoteAddr(), language);
    if (previous != null) {
      authentication.signOut(previous); // the old session id never lives on after a sign-in
    }
    writeSession(request, response, in);
  }

  /** A session just opened: its cookies, and the same token with its CSRF token for API clients. */
  static void writeSession(HttpServletRequest request, HttpServletResponse response, Authentication.SignedIn in)
      throws IOException {
    long maxAge = Duration.between(Instant.now(), in.expiresAt()).toSeconds();
    response.addHeader("Set-Cookie", cookie(in.token(), maxAge, request.isSecure()));
    response.addHeader("Set-Cookie", signedInCookie(maxAge, request.isSecure()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", in.token());
    body.put("csrfToken", in.csrfToken());
    body.put("expiresAt", in.expiresAt());
    body.put("account", MeServlet.describe(in.principal()));
    // a live session: no copy kept anywhere, whichever path led here (an Idempotency-Key included)
    ApiServlet.answerHoldsASecret(request, response);
    Json.write(response, 200, body);
  }

  /** What a sign-in lacks, in {@code language}: an email and a password. */
  static List<FieldError> errors(Credentials credentials, String language) {
    List<FieldError> errors = new ArrayList<>();
    if (credentials.email() == null || credentials.email().isBlank()) {
      errors.add(new FieldError("email", SecurityMessages.get(language, "required")));
    }
    if (credentials.password() == null || credentials.password().isEmpty()) {
      errors.add(new FieldError("password", SecurityMessages.get(language, "required")));
    }
    return errors;
  }

  private void logout(HttpServletRequest request, HttpServletResponse response) {
    String token = AuthenticationFilter.requestToken(request);
    if (token != null && token.startsWith(Authentication.API_TOKEN_PREFIX)) {
      // a 204 would say it ended, and the token would go on working: said so, and how to end it
      throw ProblemException.badRequest("An API token is no session and is not signed out: revoke it with"
          + " DELETE /api/v1/tokens/{id} (GET /api/v1/tokens lists them)");
    }
    if (token != null && token.startsWith(Authentication.SESSION_PREFIX)) {
      authentication.signOut(token);
    }
    response.addHeader("Set-Cookie", cookie("", 0, request.isSecure()));
    response.addHeader("Set-Cookie", signedInCookie(0, request.isSecure()));
    response.setStatus(204);
  }

  /**
   * A cookie the UI can read (it holds no secret) that says a session cookie was set and until
   * when: the UI asks {@code /api/v1/me} only then, so an anonymous visit makes no 401.
   */
  static String signedInCookie(long maxAgeSeconds, boolean secure) {
    return SIGNED_IN_COOKIE + "=" + (maxAgeSeconds > 0 ? "1" : "") + "; Path=/; Max-Age=" + maxAgeSeconds
        + "; SameSite=Lax" + (secure ? "; Secure" : "");
  }

  static String cookie(String value, long maxAgeSeconds, boolean secure) {
    return AuthenticationFilter.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
  }

}
