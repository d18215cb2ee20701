package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code GET/PUT /api/v1/me/preferences} {language, membershipNotices}: the language the platform
 * writes to the account in (its email) and whether it wants the membership notices its roles
 * bring (a new application for an NC, a recommendation for HQ, a decision for a school). Either
 * may be left out of a PUT; the answer is the preferences as they now are. Audited.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/me/preferences")
@OpenApiFragment("openapi/security.json")
public final class PreferencesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a change: what is left out stays as it is. */
  public record Change(String language, Boolean membershipNotices) {}

  private final transient SecurityStore store;
  private final transient AuditLog audit;

  @Activate
  public PreferencesServlet(@Reference SecurityStore store, @Reference AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  @Override
  protected java.util.Set<String> methodsAt(HttpServletRequest request) {
    return java.util.Set.of("GET", "HEAD", "PUT", "OPTIONS");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = person(request);
    onlyParameters(request, List.of(), "");
    SecurityStore.Preferences now = store.database().read(c -> store.preferences(c, me.accountId()));
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, body(now));
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = person(request);
    String lang = principalSpeaking(request).language();
    Change change = Json.read(request, Change.class, rest -> AccountsServlet.require(errors(rest, lang)));
    AccountsServlet.require(errors(change, lang));
    SecurityStore.Preferences after = store.database().inTransaction(c -> {
      SecurityStore.Preferences before = store.preferences(c, me.accountId());
      SecurityStore.Preferences wanted = new SecurityStore.Preferences(
          change.language() == null ? before.language() : change.language(),
          change.membershipNotices() == null ? before.membershipNotices() : change.membershipNotices());
      if (!wanted.equals(before)) {
        store.updatePreferences(c, me.accountId(), wanted);
        audit.record(c, me, "account.preferences", "account", me.accountId(), OneTimeLinksServlet.countryOf(me), body(before), body(wanted));
      }
      return wanted;
    });
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, body(after));
  }

  private static Principal person(HttpServletRequest request) {
    Principal me = principal(request);
    if (me.isAnonymous()) {
      throw ProblemException.unauthorized("Not signed in");
    }
    if (me.isSystem() || me.accountId() == null) {
      throw ProblemException.forbidden("Only a person's account has preferences");
    }
    return me;
  }

  /** What is wrong with a change, in {@code lang}: a language the platform does not write, nothing to change. */
  static List<FieldError> errors(Change change, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (change.language() != null && !AccountsServlet.LANGUAGES.contains(change.language())) {
      errors.add(new FieldError("language",
          SecurityMessages.get(lang, "oneOf", String.join(", ", AccountsServlet.LANGUAGES.stream().sorted().toList()))));
    }
    if (change.language() == null && change.membershipNotices() == null) {
      errors.add(new FieldError("membershipNotices", SecurityMessages.get(lang, "required")));
    }
    return errors;
  }

  private static Map<String, Object> body(SecurityStore.Preferences p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("language", p.language());
    m.put("membershipNotices", p.membershipNotices());
    return m;
  }
}
