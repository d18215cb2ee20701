package org.unesco.aspnet.security.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * Finds out who sends each API request: a bearer token (a session token or an API token) or the
 * session cookie; nobody else is the anonymous public. A cookie-authenticated write must carry
 * the session's CSRF token in {@code X-CSRF-Token}: another site can make a browser send the
 * cookie, but cannot read the token.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=100")
@HttpWhiteboardFilterPattern("/api/*")
public final class AuthenticationFilter implements Filter {
  static final String COOKIE = "ASPNET_SESSION";
  static final String CSRF_HEADER = "X-CSRF-Token";
  /** The CSRF token of a cookie session, for GET /api/v1/me to hand to the UI. */
  static final String CSRF_ATTRIBUTE = "aspnet.csrfToken";
  /** Set when the request was authenticated by an API token (not a session): see TokensServlet. */
  static final String API_TOKEN_ATTRIBUTE = "aspnet.apiToken";
  static final String LOGIN_PATH = "/api/v1/auth/login";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final Authentication authentication;

  @Activate
  public AuthenticationFilter(@Reference Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    try {
      Principal principal = identify(request, response);
      request.setAttribute(ApiServlet.PRINCIPAL_ATTRIBUTE, principal);
      if (request.getAttribute(CSRF_ATTRIBUTE) != null && !hasCookie(request, AuthServlet.SIGNED_IN_COOKIE)) {
        // a session opened before the UI's marker existed (or the marker was lost): without it the
        // UI would not ask who is signed in. At most the longest a session lasts; if it ends
        // sooner, /me answers 401 once and the UI drops the marker.
        response.addHeader("Set-Cookie",
            AuthServlet.signedInCookie(authentication.sessionLifetime().toSeconds(), request.isSecure()));
      }
    } catch (ProblemException problem) {
      Json.writeProblem(request, response, problem); // a 401 with its WWW-Authenticate
      return;
    }
    chain.doFilter(request, response);
  }

  private Principal identify(HttpServletRequest request, HttpServletResponse response) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && moreThanOne(request)) {
      // which one would count depends on who reads it (a proxy, a log, this filter): none does
      throw ProblemException.badRequest("Send one Authorization header, not several");
    }
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ProblemException.unauthorized("Only Bearer tokens are accepted in Authorization");
      }
      String token = authorization.substring(7).strip();
      boolean apiToken = token.startsWith(Authentication.API_TOKEN_PREFIX);
      if (apiToken) {
        request.setAttribute(API_TOKEN_ATTRIBUTE, Boolean.TRUE);
      }
      Optional<Map.Entry<Principal, Boolean>> p = apiToken
          ? authentication.apiToken(token)
          : authentication.session(token).map(s -> Map.entry(s.getKey(), false));
      // A client that sends a token must hear that it no longer works, not be served as public.
      Map.Entry<Principal, Boolean> holder =
          p.orElseThrow(() -> ProblemException.unauthorized("The token is unknown, expired or revoked"));
      if (holder.getValue() && !SAFE_METHODS.contains(request.getMethod())) {
        throw ProblemException.forbidden("This API token only reads (it was made with readOnly): "
            + request.getMethod() + " needs a token made without it");
      }
      return holder.getKey();
    }
    String cookie = sessionCookie(request);
    // Signing in needs no identity (the login servlet ends the cookie's old session itself), and
    // a stale cookie must not stand between a person and a fresh sign-in.
    if (cookie == null || LOGIN_PATH.equals(request.getRequestURI())) {
      return Principal.anonymous();
    }
    Optional<Map.Entry<Principal, String>> session = authentication.session(cookie);
    if (session.isEmpty()) {
      // an old cookie (ended, expired, revoked): the public view, and the UI's marker cleared, so
      // that it sees it is signed out instead of showing the public view as the person's own. Not
      // the session cookie: a shared cache keeping this public answer would end others' sessions
      response.addHeader("Set-Cookie", AuthServlet.signedInCookie(0, request.isSecure()));
      return Principal.anonymous();
    }
    if (!SAFE_METHODS.contains(request.getMethod()) && !matches(request.getHeader(CSRF_HEADER), session.get().getValue())) {
      // a type of its own: a page whose token went stale (a password change in another tab renewed
      // the session) asks GET /api/v1/me for the current one and tries once more
      throw new ProblemException(403, ProblemException.TYPE_BASE + "csrf-token", "Forbidden",
          "A write with the session cookie needs the " + CSRF_HEADER + " header from sign-in (or GET /api/v1/me)");
    }
    request.setAttribute(CSRF_ATTRIBUTE, session.get().getValue());
    return session.get().getKey();
  }

  private static boolean moreThanOne(HttpServletRequest request) {
    java.util.Enumeration<String> all = request.getHeaders("Authorization");
    all.nextElement();
    return all.hasMoreElements();
  }

  static String sessionCookie(HttpServletRequest request) {
    return cookie(request, COOKIE);
  }

  /** The token the request came with: its Bearer token, else its session cookie; null for none. */
  static String requestToken(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).strip()
        : sessionCookie(request);
  }

  private static boolean hasCookie(HttpServletRequest request, String name) {
    return cookie(request, name) != null;
  }

  private static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (name.equals(c.getName())) {
        return c.getValue();
      }
    }
    return null;
  }

  private static boolean matches(String given, String expected) {
    return given != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
