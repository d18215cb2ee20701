package org.unesco.aspnet.membership.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;

/** What the membership endpoints read from every request: who, in which language, which id. */
final class Requests {

  private Requests() {}

  /**
   * Who sent the request, as the authentication filter found out, speaking the language the
   * request names ({@code ?lang=}, Accept-Language) if it names one: messages written for this
   * request (such as a national profile's field errors) follow it.
   */
  static Principal actor(HttpServletRequest request) {
    return ApiServlet.principalSpeaking(request);
  }

  /** {@code ?lang=} first, then Accept-Language, then English. */
  static Locale language(HttpServletRequest request, HttpServletResponse response) {
    Locale locale = ApiServlet.requestLanguage(request);
    response.setHeader("Content-Language", locale.toLanguageTag());
    response.addHeader("Vary", "Accept-Language");
    return locale;
  }

  /** The language the request names ({@code ?lang=}, then Accept-Language), or null (also for a malformed one). */
  static Locale statedLanguage(HttpServletRequest request) {
    return ApiServlet.statedLanguage(request); // a bad ?lang= is refused by language()
  }

  /** The path below the servlet's pattern split into segments: {@code /42/history} -> [42, history]. */
  static List<String> segments(HttpServletRequest request) {
    return org.unesco.aspnet.web.ApiServlet.pathSegments(request);
  }

  static ProblemException noSuchPath(HttpServletRequest request) {
    return ProblemException.notFound("No endpoint at " + request.getRequestURI());
  }
}
