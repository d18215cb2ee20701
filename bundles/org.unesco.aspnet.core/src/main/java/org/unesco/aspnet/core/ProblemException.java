package org.unesco.aspnet.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request that cannot be served, described as an RFC 9457 problem. Thrown anywhere below an API
 * endpoint; the web layer turns it into an {@code application/problem+json} response with the
 * status, and nothing thrown this way is logged as a server fault.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Base of the problem type URIs; each type is documented in docs/api.md. */
  public static final String TYPE_BASE = "https://aspnet.unesco.org/problems/";

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;

  public ProblemException(
      int status,
      String type,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extensions) {
    super(detail);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
    }
    this.status = status;
    this.type = Objects.requireNonNull(type, "type");
    this.title = Objects.requireNonNull(title, "title");
    this.errors = List.copyOf(errors == null ? List.of() : errors);
    this.extensions = Map.copyOf(extensions == null ? Map.of() : extensions);
  }

  public ProblemException(int status, String type, String title, String detail) {
    this(status, type, title, detail, List.of(), Map.of());
  }

  public int status() {
    return status;
  }

  /** Full type URI, {@link #TYPE_BASE} + a short name such as {@code validation}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Field-by-field errors; empty when the problem is not about fields. */
  public List<FieldError> errors() {
    return errors;
  }

  /** Extra members of the problem object (RFC 9457 extensions), e.g. likely duplicates. */
  public Map<String, Object> extensions() {
    return extensions;
  }

  // Why static factories: every bundle then uses the same type URIs and titles for the same
  // situation, which is what lets a client switch on "type".

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, TYPE_BASE + "bad-request", "Bad request", detail);
  }

  public static ProblemException validation(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are not valid";
    return new ProblemException(
        400, TYPE_BASE + "validation", "Validation failed", detail, errors, Map.of());
  }

  public static ProblemException validation(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  /**
   * What {@code check} reads, or {@code refused} with the field errors of its validation problem
   * added to {@code errors}: so that a request's mistakes are told together, in one 400, however
   * many of its parameters are read by checks that throw. Any other problem is thrown on.
   *
   * @since 1.12
   */
  public static <T> T collected(List<FieldError> errors, java.util.function.Supplier<T> check, T refused) {
    try {
      return check.get();
    } catch (ProblemException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      errors.addAll(e.errors());
      return refused;
    }
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(401, TYPE_BASE + "unauthorized", "Sign-in required", detail);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, TYPE_BASE + "forbidden", "Not allowed", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, TYPE_BASE + "not-found", "Not found", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, TYPE_BASE + "conflict", "Conflict", detail);
  }

  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(
        412, TYPE_BASE + "precondition-failed", "Precondition failed", detail);
  }

  public static ProblemException preconditionRequired(String detail) {
    return new ProblemException(
        428, TYPE_BASE + "precondition-required", "Precondition required", detail);
  }
}
