package org.unesco.aspnet.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;

/**
 * The platform's error page for every status and exception: answers problem+json. An unexpected
 * exception is logged with a fresh incident id, and only that id goes on the wire.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("aspnet-error-page")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx", "java.lang.Throwable"})
public final class ErrorPageServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** What a 503 asks a client to wait: a lock wait or a full pool usually clears within seconds. */
  static final int RETRY_AFTER_SECONDS = 5;

  private final transient Logger log;

  @Activate
  public ErrorPageServlet(@Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    int status = code instanceof Integer i ? i : 500;
    write(new ErrorUriRequest(request, uri), response, problemFor(error, status, uri, request.getMethod()));
  }

  /** Writes {@code problem}; a 503 asks the client to come back in {@value #RETRY_AFTER_SECONDS} s. */
  static void write(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
      throws IOException {
    if (problem.status() == 503) {
      response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
    Json.writeProblem(request, response, problem);
  }

  private ProblemException problemFor(Throwable error, int status, String uri, String method) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) {
        return p;
      }
    }
    ProblemException database = databaseProblem(error, uri, method, log);
    if (database != null) {
      return database;
    }
    ProblemException refused = containerProblem(error, uri, method);
    if (refused != null) {
      return refused;
    }
    if (error != null || status >= 500) {
      String incident = UUID.randomUUID().toString();
      // Felix HTTP has just logged the stack trace of a servlet's exception; this line ties it
      // to the id the client sees.
      log.error("Incident {}: {} {} failed: {}", incident, method, uri, error == null ? "HTTP " + status : error.toString());
      return internalError(incident);
    }
    return statusProblem(status, uri, method);
  }

  /** The 500 of incident {@code incident}: only its id goes on the wire, the rest is in the log. */
  static ProblemException internalError(String incident) {
    return new ProblemException(
        500,
        ProblemException.TYPE_BASE + "internal-error",
        "Internal error",
        "Something went wrong on our side. Quote incident " + incident + " when you report it.",
        List.of(),
        Map.of("incident", incident));
  }

  /**
   * The problem of the container's refusal of what the client sent (see {@link
   * #containerRefusal}), or null when {@code error} is no such refusal.
   */
  static ProblemException containerProblem(Throwable error, String uri, String method) {
    int refused = containerRefusal(error);
    if (refused == 400) {
      return ProblemException.badRequest("The request could not be read: its URL or body is malformed (a %"
          + " must be followed by two hex digits, and text must be UTF-8)");
    }
    return refused > 0 ? statusProblem(refused, uri, method) : null; // 414 URI too long, 431 headers too large...
  }

  private static ProblemException statusProblem(int status, String uri, String method) {
    return switch (status) {
      case 404 -> ProblemException.notFound("There is nothing at " + uri);
      case 405 -> new ProblemException(
          405, ProblemException.TYPE_BASE + "method-not-allowed", "Method not allowed",
          method + " is not supported at " + uri);
      case 413 -> new ProblemException(
          413, ProblemException.TYPE_BASE + "payload-too-large", "Request too large",
          "The request body is larger than the server accepts");
      default -> new ProblemException(
          status, ProblemException.TYPE_BASE + "http-" + status, "HTTP " + status, null);
    };
  }

  /**
   * The database error in {@code error}'s causes that a retry may get past: a lock wait that timed
   * out, a deadlock victim, no free connection (JDBC's transient exceptions; SQLState class 40,
   * and PostgreSQL's 55P03 lock_not_available, which its driver does not map to a subclass).
   */
  /**
   * The problem of a database refusal that is nobody's bug, or null: 503 {@code database-busy}
   * when a lock wait timed out or a deadlock was broken. Logged as a warning, not as an incident.
   * (A unique key that refuses a row is a 500: where two requests may race for one, the service
   * says what happened itself.)
   */
  static ProblemException databaseProblem(Throwable error, String uri, String method, Logger log) {
    SQLException busy = transientDatabaseError(error);
    if (busy != null) {
      log.warn("{} {} answered 503, the database is busy: {} (SQLState {})", method, uri, busy.getMessage(), busy.getSQLState());
      return new ProblemException(
          503,
          ProblemException.TYPE_BASE + "database-busy",
          "Database busy",
          "The data this request needs is locked by other work (for example a large import)."
              + " Try again in a few seconds.",
          List.of(),
          Map.of());
    }
    return null;
  }

  static SQLException transientDatabaseError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        String state = e.getSQLState();
        // X0X02: Derby's LOCK TABLE that waited past the lock timeout (its 40XL1 is inside, as
        // Derby's own exception, not an SQLException)
        if (e instanceof SQLTransientException
            || state != null && (state.startsWith("40") || state.equals("55P03") || state.equals("X0X02"))) {
          return e;
        }
      }
    }
    return null;
  }

  /**
   * The 4xx status of the container's refusal of what the client sent, raised while a servlet
   * reads it, or 0: Jetty throws its HttpException (BadMessageException "400: Bad query" for a
   * stray %, an IllegalArgumentException of its own for a query that is not UTF-8), wherever it is
   * wrapped. Matched by name, since this bundle does not import Jetty; our code never throws it.
   */
  static int containerRefusal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (implementsJettyHttpException(t.getClass())) {
        try {
          Object code = t.getClass().getMethod("getCode").invoke(t);
          if (code instanceof Integer status && status >= 400 && status < 500) {
            return status;
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          return 400; // Jetty's, and about the request: still not our fault
        }
      }
    }
    return 0;
  }

  private static boolean implementsJettyHttpException(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals("org.eclipse.jetty.http.HttpException")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Makes the problem's "instance" the URI of the failed request, not of this error page. */
  private static final class ErrorUriRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
    private final String uri;

    ErrorUriRequest(HttpServletRequest request, String uri) {
      super(request);
      this.uri = uri;
    }

    @Override
    public String getRequestURI() {
      return uri == null ? super.getRequestURI() : uri;
    }
  }
}
