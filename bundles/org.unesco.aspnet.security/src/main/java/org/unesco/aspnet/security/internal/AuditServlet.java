package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.security.ScopeCatalog;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/audit?country=FR&action=&entity=&entityId=&actor=&limit=50&cursor=...}: the
 * audit log, newest first. HQ reads
 * all of it; an NC reads their country's entries (without ?country=, those of the one country they
 * coordinate). Read-only: no
 * endpoint edits or deletes an entry.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/audit")
@OpenApiFragment("openapi/security.json")
public final class AuditServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient AuditLogService audit;
  private final transient Authorizer authorizer;

  /** The bundles that know which countries exist: ?country=ZZ is a 400, not an empty log. */
  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
  private final transient List<ScopeCatalog> catalogs = new CopyOnWriteArrayList<>();

  @Activate
  public AuditServlet(@Reference AuditLogService audit, @Reference Authorizer authorizer) {
    this.audit = audit;
    this.authorizer = authorizer;
  }

  /** The one country whose audit {@code me} may read, or null for none or several. */
  private String ownCountry(Principal me) {
    List<String> readable = me.grants().stream()
        .map(g -> g.country())
        .filter(c -> c != null && authorizer.allows(me, Action.VIEW_AUDIT, Target.country(c)))
        .distinct()
        .toList();
    return readable.size() == 1 ? readable.get(0) : null;
  }

  /**
   * The log's other filters, each a value as the log holds it: {@code action} (school.update),
   * {@code entity} (school) and {@code entityId} (42, only with its entity), {@code actor} (an
   * email, in any case); all of them field by field in one 400.
   */
  private static AuditLogService.Filter filter(HttpServletRequest request, String country) {
    List<FieldError> errors = new java.util.ArrayList<>();
    String action = text(request, "action", 100, errors);
    String entity = text(request, "entity", 100, errors);
    String entityId = text(request, "entityId", 100, errors);
    String actor = text(request, "actor", Authentication.EMAIL_MAX, errors);
    if (entityId != null && entity == null) {
      errors.add(new FieldError("entityId", "needs its entity (school, campaign, account...): give entity too"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return new AuditLogService.Filter(country, action, entity, entityId, actor == null ? null : SecurityStore.normaliseEmail(actor));
  }

  private static String text(HttpServletRequest request, String name, int max, List<FieldError> errors) {
    String value = request.getParameter(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.strip().length() > max) {
      errors.add(new FieldError(name, "must be at most " + max + " characters"));
    }
    return value.strip();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    // ?countries=DE, a typo, read the caller's own country as if it were Germany's
    onlyParameters(request, java.util.Set.of("country", "action", "entity", "entityId", "actor", "limit", "cursor"),
        "; use country, action, entity, entityId, actor, limit or cursor");
    String country = OneTimeLinksServlet.countryCode(request.getParameter("country")); // fr as FR, as /schools takes it
    if (country != null && !country.matches("[A-Z]{2}")) {
      throw ProblemException.validation("country", "must be an ISO 3166-1 alpha-2 code such as FR");
    }
    if (country != null && !me.isAnonymous()) {
      // a country that does not exist is the same 400 for an NC as for HQ (which countries exist is no secret)
      List<FieldError> unknown = OneTimeLinksServlet.unknownParts(Target.country(country), catalogs);
      if (!unknown.isEmpty()) {
        throw ProblemException.validation(unknown);
      }
    }
    if (country == null && !authorizer.allows(me, Action.VIEW_AUDIT, Target.everything())) {
      country = ownCountry(me); // an NC of one country reads that country's entries
    }
    // Without a country only HQ may read (everything).
    authorizer.require(me, Action.VIEW_AUDIT, country == null ? Target.everything() : Target.country(country));
    int limit = intParameter(request, "limit", 50, 1, 500);
    Long cursor = null;
    String c = request.getParameter("cursor");
    if (c != null) {
      cursor = wholeNumber(c); // as the list writes it: 0 to 9, not ١٠
      if (cursor == null) {
        throw ProblemException.validation("cursor", "is not a cursor of this list");
      }
    }
    List<Map<String, Object>> items = audit.entries(filter(request, country), cursor, limit + 1);
    String next = null;
    if (items.size() > limit) {
      items = items.subList(0, limit);
      next = String.valueOf(items.get(limit - 1).get("id"));
    }
    response.setHeader("Cache-Control", "no-store");
    Json.writePage(response, items, next);
  }
}
