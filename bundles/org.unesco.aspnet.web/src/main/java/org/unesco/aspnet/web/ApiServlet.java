package org.unesco.aspnet.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;

/**
 * Base class of every JSON endpoint. Override the {@code doXxx} methods you serve (including
 * {@link #doPatch}); throw {@link ProblemException} for anything the client got wrong. This class
 * turns it into {@code application/problem+json}, answers 405 with an {@code Allow} header for
 * methods you do not serve and 406 to a client that accepts no JSON. Any other exception
 * propagates to the platform's error page, which logs it with an incident id and answers 500
 * without a stack trace.
 */
public abstract class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Request attribute where the authentication filter leaves the {@link Principal}. */
  public static final String PRINCIPAL_ATTRIBUTE = Principal.class.getName();

  /**
   * Request attribute set by {@link #answerHoldsASecret}: the answer is shown once (a new token, a
   * secret, a link), so nothing may keep a copy of it.
   *
   * @since 1.13
   */
  public static final String SECRET_ANSWER_ATTRIBUTE = "org.unesco.aspnet.web.secretAnswer";

  /**
   * Marks the answer about to be written as holding a secret shown once: {@code Cache-Control:
   * no-store} for every cache, and the attribute that tells the platform's own filters to keep no
   * copy (a POST sent again with its {@code Idempotency-Key} is then told it was done, without the
   * secret). Call it before writing the body.
   *
   * @since 1.13
   */
  public static void answerHoldsASecret(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    request.setAttribute(SECRET_ANSWER_ATTRIBUTE, Boolean.TRUE);
  }

  /** Who sent the request: the signed-in account, or the anonymous public. */
  public static Principal principal(HttpServletRequest request) {
    return request.getAttribute(PRINCIPAL_ATTRIBUTE) instanceof Principal p ? p : Principal.anonymous();
  }

  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

  /**
   * {@code ?lang=} as given, or null: Jetty parses the whole query on the first parameter asked
   * for, 2 % of the CPU of a school's page, and most requests have no query at all.
   */
  private static String langParameter(HttpServletRequest request) {
    String query = request.getQueryString();
    return query == null || !query.contains("lang") ? null : queryParameters(request).get("lang");
  }

  /**
   * The parameters of the query string alone, never of the body: asked for any parameter, Jetty
   * reads a POST body sent as a form (curl's default Content-Type) as parameters too, so an
   * endpoint whose body is a file (an import) would lose it, and a refusal of an unknown
   * parameter would echo it. Each name once: a malformed query, or a name given twice, is a 400
   * (the guard filter refuses both before any servlet); a name without {@code =} has the value "".
   *
   * @since 1.9
   */
  public static java.util.Map<String, String> queryParameters(HttpServletRequest request) {
    return org.unesco.aspnet.web.internal.RequestGuardFilter.parameters(request.getQueryString());
  }

  /**
   * The language the request states: {@code ?lang=} (a well-formed tag) first, then a
   * well-formed Accept-Language; null when it states none, so that the caller's own default (a
   * national profile's language, say) applies rather than English.
   *
   * @since 1.1
   */
  public static Locale statedLanguage(HttpServletRequest request) {
    String lang = langParameter(request);
    if (lang != null) {
      return LANGUAGE_TAG.matcher(lang).matches() ? Locale.forLanguageTag(lang) : null;
    }
    String accept = request.getHeader("Accept-Language");
    // Jetty reads a malformed header as English, and "zz, fr;q=0.5" as "zz" (then English): the
    // first range that names a language, or nothing stated
    String tag = org.unesco.aspnet.web.internal.ProblemTitles.firstLanguage(accept);
    return tag == null ? null : Locale.forLanguageTag(tag);
  }

  /**
   * The language to answer in: {@code ?lang=} (400 naming {@code lang} when it is no language
   * tag), then a well-formed Accept-Language, then English.
   *
   * @since 1.1
   */
  public static Locale requestLanguage(HttpServletRequest request) {
    String lang = langParameter(request);
    if (lang != null && !LANGUAGE_TAG.matcher(lang).matches()) {
      throw ProblemException.validation("lang", "must be a language tag such as fr or es-MX");
    }
    Locale stated = statedLanguage(request);
    return stated == null ? Locale.ENGLISH : stated;
  }

  /**
   * Refuses (400, on the parameter) a query parameter not in {@code allowed}; {@code lang}, taken
   * by every endpoint, always is. {@code hint} follows "is not a parameter" and says what to use: a
   * filter silently ignored would pass an unfiltered answer off as a filtered one.
   *
   * @since 1.4
   */
  public static void onlyParameters(HttpServletRequest request, java.util.Collection<String> allowed, String hint) {
    for (String name : queryParameters(request).keySet()) { // a form body's fields are not parameters
      if (!name.equals("lang") && !allowed.contains(name)) {
        throw ProblemException.validation(name, "is not a parameter" + hint);
      }
    }
  }

  /**
   * {@link #principal}, speaking the request's stated language, for messages written for them
   * (validation of national fields, for instance).
   *
   * @since 1.1
   */
  public static Principal principalSpeaking(HttpServletRequest request) {
    Principal p = principal(request);
    Locale stated = statedLanguage(request);
    String language = stated == null ? "" : stated.getLanguage();
    return language.isEmpty() || language.equals(p.language())
        ? p
        : new Principal(p.accountId(), p.email(), p.name(), language, p.grants());
  }

  private volatile String allow;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Set<String> served = null;
    try {
      requireAcceptable(request);
      served = methodsAt(request);
      if (served != null && refuse(request, response, served)) {
        return;
      }
      switch (request.getMethod()) {
        case "GET" -> doGet(request, response);
        case "HEAD" -> doHead(request, response);
        case "POST" -> doPost(request, response);
        case "PUT" -> doPut(request, response);
        case "PATCH" -> doPatch(request, response);
        case "DELETE" -> doDelete(request, response);
        case "OPTIONS" -> doOptions(request, response);
        default -> throw methodNotAllowed(request);
      }
    } catch (ProblemException problem) {
      if (problem.status() == 405) {
        response.setHeader("Allow", served != null ? allowHeader(served) : allowedMethods());
      }
      Json.writeProblem(request, response, problem);
    }
  }

  /**
   * For a servlet that serves several paths, each with methods of its own: the methods served at
   * the request's path (upper case, e.g. {@code Set.of("GET", "PATCH")}), or an empty set where
   * nothing is. Another method then answers 405 with these in {@code Allow}, an empty set 404,
   * and OPTIONS lists them, before any {@code doXxx} runs. The default, null, stands for the
   * {@code doXxx} methods the class overrides, at every path it serves.
   *
   * @since 1.1
   */
  protected Set<String> methodsAt(HttpServletRequest request) {
    return null;
  }

  /** Answers OPTIONS or refuses the request when its method is not {@code served}; true when done. */
  private static boolean refuse(HttpServletRequest request, HttpServletResponse response, Set<String> served) {
    String method = request.getMethod();
    if (served.isEmpty()) {
      throw ProblemException.notFound("No endpoint at " + request.getRequestURI());
    }
    if (method.equals("OPTIONS")) {
      response.setHeader("Allow", allowHeader(served));
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return true;
    }
    if (!served.contains(method) && !(method.equals("HEAD") && served.contains("GET"))) {
      throw new ProblemException(
          405,
          ProblemException.TYPE_BASE + "method-not-allowed",
          "Method not allowed",
          method + " is not supported at " + request.getRequestURI() + "; allowed: " + allowHeader(served));
    }
    return false;
  }

  private static String allowHeader(Set<String> served) {
    List<String> methods = new ArrayList<>();
    for (String m : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
      if (served.contains(m) || m.equals("HEAD") && served.contains("GET")) {
        methods.add(m);
      }
    }
    methods.add("OPTIONS");
    return String.join(", ", methods);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    throw methodNotAllowed(req);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    throw methodNotAllowed(req);
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    throw methodNotAllowed(req);
  }

  /** PATCH, which {@link HttpServlet} does not dispatch. */
  protected void doPatch(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    throw methodNotAllowed(req);
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    throw methodNotAllowed(req);
  }

  @Override
  protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
    resp.setHeader("Allow", allowedMethods());
    resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  private ProblemException methodNotAllowed(HttpServletRequest request) {
    return new ProblemException(
        405,
        ProblemException.TYPE_BASE + "method-not-allowed",
        "Method not allowed",
        request.getMethod() + " is not supported here; allowed: " + allowedMethods());
  }

  /** The methods this servlet overrides, computed once. */
  private String allowedMethods() {
    String result = allow;
    if (result == null) {
      List<String> methods = new ArrayList<>();
      for (String name : List.of("Get", "Post", "Put", "Patch", "Delete")) {
        if (overrides("do" + name)) {
          methods.add(name.toUpperCase(Locale.ROOT));
          if (name.equals("Get")) {
            methods.add("HEAD");
          }
        }
      }
      methods.add("OPTIONS");
      result = String.join(", ", methods);
      allow = result;
    }
    return result;
  }

  private boolean overrides(String method) {
    for (Class<?> c = getClass(); c != ApiServlet.class; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod(method, HttpServletRequest.class, HttpServletResponse.class);
        return m != null;
      } catch (NoSuchMethodException notHere) {
        // look further up
      }
    }
    return false;
  }

  /** 406 unless the client accepts JSON (or anything); an absent Accept header accepts all. */
  private void requireAcceptable(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    if (accept == null || accept.isBlank()) {
      return;
    }
    // application/problem+json, like any +json range, counts as asking for JSON (see quality)
    if (quality(accept, Json.MEDIA_TYPE) > 0) {
      return;
    }
    for (String type : alsoProduces()) {
      if (quality(accept, type) > 0) {
        return;
      }
    }
    throw notAcceptable("This endpoint answers application/json; the request accepts only " + accept);
  }

  /**
   * The 406 of an answer the request's Accept turns down ({@link #refuses}), saying which.
   *
   * @since 1.12
   */
  protected static ProblemException notAcceptable(String detail) {
    return new ProblemException(406, ProblemException.TYPE_BASE + "not-acceptable", "Not acceptable", detail);
  }

  /**
   * Whether the request's Accept header refuses {@code mediaType} by name: {@code text/csv;q=0} or
   * {@code text/*;q=0}, even beside {@code *}{@code /*} or {@code application/json}. For an endpoint
   * whose path, not Accept, chooses among the types it answers ({@link #alsoProduces()}): a client
   * that names JSON or any type still gets the file, one that turns this type down gets a 406.
   *
   * @since 1.12
   */
  protected static boolean refuses(HttpServletRequest request, String mediaType) {
    String accept = request.getHeader("Accept");
    if (accept == null || accept.isBlank()) {
      return false;
    }
    String type = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    String major = type.substring(0, type.indexOf('/') + 1);
    String naming = java.util.Arrays.stream(accept.split(","))
        .filter(range -> {
          String r = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
          return r.equals(type) || r.equals(major + "*");
        })
        .collect(java.util.stream.Collectors.joining(","));
    return !naming.isEmpty() && quality(naming, type) == 0;
  }

  /**
   * How much {@code accept} wants {@code type}, by RFC 9110: the q of its most specific range
   * ({@code application/json} over {@code application/*} over {@code *}{@code /*}; a {@code +json}
   * type counts as JSON), 0 when none matches. {@code application/json;q=0} refuses JSON even
   * beside {@code *}{@code /*}.
   */
  static double quality(String accept, String type) {
    int best = -1;
    double q = 0;
    String major = type.substring(0, type.indexOf('/') + 1);
    for (String range : accept.split(",")) {
      String[] parts = range.split(";", -1); // ";" alone is one empty range, not none (it was a 500)
      String r = parts[0].strip().toLowerCase(Locale.ROOT);
      int specificity;
      if (r.equals(type) || r.endsWith("+json") && type.equals(Json.MEDIA_TYPE)) {
        specificity = 2;
      } else if (r.equals(major + "*")) {
        specificity = 1;
      } else if (r.equals("*/*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > best) {
        best = specificity;
        q = qOf(parts);
      } else if (specificity == best) {
        q = Math.max(q, qOf(parts)); // application/json beside application/problem+json;q=0
      }
    }
    return q;
  }

  private static double qOf(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          return Double.parseDouble(p.substring(2).strip());
        } catch (NumberFormatException e) {
          return 1; // a q we cannot read: the range as if it had none
        }
      }
    }
    return 1;
  }

  /**
   * The path below the servlet's pattern, split into segments: {@code /42/history} is {@code [42,
   * history]}, nothing or {@code /} is none. Empty segments stay ({@code /42/} is {@code [42, ""]}),
   * so that such a path names no endpoint.
   *
   * @since 1.6
   */
  public static List<String> pathSegments(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.equals("/")) {
      return List.of();
    }
    return List.of(info.substring(1).split("/", -1));
  }

  /**
   * The id in a path segment ({@code /schools/42}), written as the platform writes ids: ASCII
   * digits, no sign, no leading zero. Anything else ({@code 07}, {@code +7}, a full-width {@code ７} or an
   * Arabic-Indic {@code ٧}) names no resource, so that one resource has one address.
   *
   * @param what what the id names, for the message ("school")
   * @throws ProblemException 404 "There is no school 07" otherwise
   * @since 1.5
   */
  public static long pathId(String segment, String what) {
    if (segment.length() <= 18 && CANONICAL_ID.matcher(segment).matches()) {
      return Long.parseLong(segment);
    }
    throw ProblemException.notFound("There is no " + what + " " + segment);
  }

  private static final java.util.regex.Pattern CANONICAL_ID = java.util.regex.Pattern.compile("[1-9][0-9]*");

  /**
   * The path of {@code requestUri} as Jetty routes it to a servlet: decoded, dot segments resolved,
   * each segment's {@code ;parameters} dropped ({@code /api;x=1/v1/%61uth/login} is served by the
   * sign-in's servlet). A filter that decides by path reads it so, or a path spelled otherwise
   * passes it by. A URI that does not parse keeps its spelling, parameters dropped.
   *
   * @since 1.14
   */
  public static String routedPath(String requestUri) {
    if (requestUri.indexOf('%') < 0 && requestUri.indexOf(';') < 0 && !requestUri.contains("/.")
        && !requestUri.contains("//")) {
      return requestUri; // nothing to decode, drop or resolve (nearly every request): no parse on the way
    }
    String path;
    try {
      path = java.net.URI.create(requestUri).normalize().getPath();
    } catch (IllegalArgumentException e) {
      path = null;
    }
    return SEGMENT_PARAMETERS.matcher(path == null ? requestUri : path).replaceAll("");
  }

  private static final Pattern SEGMENT_PARAMETERS = Pattern.compile(";[^/]*");

  /**
   * A query parameter that names a resource by its id ({@code ?school=7}), written as ids in paths
   * are: {@code 07}, {@code %207} or {@code +7} is refused, not read as 7 (since 1.14; blanks and a
   * leading zero were taken before).
   *
   * @param name the parameter, which is also what the id names ("school")
   * @throws ProblemException 400 naming the parameter when it is not a whole number above 0
   * @since 1.7
   */
  public static long idParameter(String name, String value) {
    Long id = value != null && CANONICAL_ID.matcher(value).matches() ? wholeNumber(value) : null;
    if (id != null) {
      return id;
    }
    throw ProblemException.validation(name, "must be a " + name + " id (a whole number above 0)" + otherDigits(value));
  }

  /**
   * {@code value} (surrounding blanks allowed) as a whole number written in ASCII digits, at most
   * 18 of them and without a sign; null otherwise. {@code Long.parseLong} also reads other
   * scripts' digits ({@code ١٠}, {@code １０}) and a {@code +}: a parameter, a cursor or an id in a
   * body is read the one way the platform writes it.
   *
   * @since 1.10
   */
  public static Long wholeNumber(String value) {
    if (value == null) {
      return null;
    }
    String digits = value.strip();
    if (digits.isEmpty() || digits.length() > 18) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(digits);
  }

  /** What to add to the refusal of {@code value} when it is written with other digits than 0 to 9. */
  private static String otherDigits(String value) {
    return value != null && value.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'))
        ? ", written with the digits 0 to 9" : "";
  }

  /** A number as the platform writes it: no sign, no leading zero, nothing around it. */
  private static final java.util.regex.Pattern CANONICAL_NUMBER = java.util.regex.Pattern.compile("0|[1-9][0-9]*");

  /**
   * A whole-number query parameter within {@code [min, max]}, {@code fallback} when absent or
   * empty; written as the platform writes numbers, in the digits 0 to 9 ({@link #wholeNumber}),
   * without blanks around it or a leading zero ({@code ?limit=%205}, {@code ?limit=05} are refused
   * as {@code ?limit=%2B5} is: a value is never converted).
   *
   * @throws ProblemException 400 naming the parameter when it is not such a number
   */
  public static int intParameter(HttpServletRequest request, String name, int fallback, int min, int max) {
    String value = request.getParameter(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    Long n = CANONICAL_NUMBER.matcher(value).matches() ? wholeNumber(value) : null;
    if (n != null && n >= min && n <= max) {
      return n.intValue();
    }
    throw ProblemException.validation(name, "must be a whole number from " + min + " to " + max + otherDigits(value));
  }

  /**
   * Media types this endpoint answers besides JSON (e.g. {@code text/csv} for an export); a
   * request that accepts only those is not refused with 406.
   */
  protected List<String> alsoProduces() {
    return List.of();
  }
}
