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
import java.util.Set;
import java.util.UUID;
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
 * {@code /api/v1/tokens}: API tokens for integrators. A token acts with its owner's rights (or reads
 * only, when made with {@code readOnly}), expires, can be revoked, is shown once and stored only as a hash.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/tokens", "/api/v1/tokens/*"})
@OpenApiFragment("openapi/security.json")
public final class TokensServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_DAYS = 365;

  /** The body of a token request. */
  public record TokenRequest(String name, Integer days, Boolean readOnly) {}

  private final transient SecurityStore store;
  private final transient AuditLog audit;

  @Activate
  public TokensServlet(@Reference SecurityStore store, @Reference AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  private static Principal signedIn(HttpServletRequest request) {
    Principal p = principal(request);
    if (p.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to manage API tokens");
    }
    return p;
  }

  /** The list takes GET and POST, one token ({@code /tokens/{id}}) DELETE. */
  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      return Set.of("GET", "POST");
    }
    return path.indexOf('/', 1) < 0 ? Set.of("DELETE") : Set.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    onlyParameters(request, java.util.Set.of(), ": the list holds all your tokens, in one page");
    var tokens = store.database().read(c -> store.apiTokens(c, me.accountId()));
    Json.writePage(response, tokens, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    if (request.getAttribute(AuthenticationFilter.API_TOKEN_ATTRIBUTE) != null) {
      // else a leaked token of a day would make itself one of a year, which revoking it leaves alive
      throw ProblemException.forbidden("An API token cannot make API tokens: sign in to make one");
    }
    TokenRequest r = Json.read(request, TokenRequest.class, rest -> AccountsServlet.require(errors(rest)));
    AccountsServlet.require(errors(r));
    int days = r.days() == null ? 90 : r.days();
    boolean readOnly = Boolean.TRUE.equals(r.readOnly());
    String secret = Tokens.newSecret(Authentication.API_TOKEN_PREFIX);
    String id = UUID.randomUUID().toString();
    Instant expires = Instant.now().plus(Duration.ofDays(days));
    store.database().inTransaction(c -> {
      store.createApiToken(c, id, me.accountId(), r.name().strip(), Tokens.hash(secret), expires, readOnly);
      audit.record(c, me, "token.create", "apiToken", id, null, null,
          Map.of("name", r.name().strip(), "expiresAt", expires.toString(), "readOnly", readOnly));
      return null;
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("name", r.name().strip());
    body.put("token", secret);
    body.put("expiresAt", expires);
    body.put("readOnly", readOnly);
    answerHoldsASecret(request, response);
    Json.write(response, 201, body);
  }

  /** Every error of a token request at once: a name of at most 100 characters, 1 to {@value #MAX_DAYS} days. */
  static List<FieldError> errors(TokenRequest r) {
    List<FieldError> errors = new ArrayList<>();
    // the column holds 100 UTF-16 units: 50 emoji at most
    if (r.name() == null || Json.showsNothing(r.name()) || r.name().length() > 100) {
      errors.add(new FieldError("name", "is required, at most 100 characters"));
    }
    if (r.days() != null && (r.days() < 1 || r.days() > MAX_DAYS)) {
      errors.add(new FieldError("days", "must be between 1 and " + MAX_DAYS));
    }
    return errors;
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
    Principal me = signedIn(request);
    String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
    boolean revoked = store.database().inTransaction(c -> {
      boolean done = store.revokeApiToken(c, id, me.accountId());
      if (done) {
        audit.record(c, me, "token.revoke", "apiToken", id, null, Map.of("revoked", false), Map.of("revoked", true));
      }
      return done;
    });
    if (!revoked) {
      throw ProblemException.notFound("You have no live API token " + id);
    }
    response.setStatus(204);
  }
}
