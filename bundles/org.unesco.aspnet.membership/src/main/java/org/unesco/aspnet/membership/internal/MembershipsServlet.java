package org.unesco.aspnet.membership.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.StatusChange;
import org.unesco.aspnet.security.Accounts;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;
import org.unesco.aspnet.web.Revisions;

/**
 * {@code GET /api/v1/memberships?ids=1,2,3} (the memberships of a page of the directory at once),
 * {@code GET /api/v1/memberships/{id}} (its ETag: the revision), {@code GET .../history} and {@code
 * POST .../transitions} with {@code {to, comment}}; {@code POST .../stages} with {@code {stage,
 * comment}} where the country has a national ladder. A move may send If-Match (412 when stale).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/memberships/*")
@OpenApiFragment("openapi/membership.json")
public final class MembershipsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a transition. */
  public record TransitionRequest(MembershipStatus to, String comment, java.time.LocalDate certifiedOn) {}

  /** The body of a move on a national ladder. */
  public record StageRequest(String stage, String comment) {}

  /** A page of the directory holds at most 100 schools. */
  static final int IDS_MAX = 100;

  private final transient MembershipService memberships;

  // Optional: without the security bundle a history names account ids only.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  transient volatile Accounts accounts;

  @Activate
  public MembershipsServlet(@Reference MembershipService memberships) {
    this.memberships = memberships;
  }

  /** A membership and its history GET; its transitions and national stages POST. */
  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = Requests.segments(request);
    if (path.size() <= 1) {
      return Set.of("GET");
    }
    if (path.size() == 2) {
      return switch (path.get(1)) {
        case "history" -> Set.of("GET");
        case "transitions", "stages" -> Set.of("POST");
        default -> Set.of();
      };
    }
    return Set.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    // ?limit= on a history of a handful of lines, or a filter on one membership, would be ignored
    ApiServlet.onlyParameters(request, path.isEmpty() ? Set.of("ids") : Set.of(), path.isEmpty()
        ? "; use ids (up to " + IDS_MAX + " membership ids)" : "");
    if (path.isEmpty()) {
      Principal actor = Requests.actor(request);
      if (actor.isAnonymous()) {
        // as GET /memberships/{id}: memberships are for signed-in readers (not an empty list)
        throw ProblemException.unauthorized("Sign in to see or change memberships");
      }
      List<Membership> items = new ArrayList<>();
      for (long id : ids(request, actor.language())) {
        try {
          items.add(memberships.membership(actor, id));
        } catch (ProblemException notVisible) {
          // 404 or 401: left out, as the directory leaves out schools the caller may not see
          if (notVisible.status() != 404 && notVisible.status() != 401) {
            throw notVisible;
          }
        }
      }
      Json.writePage(response, items, null);
    } else if (path.size() == 1) {
      long id = pathId(path.get(0), "membership");
      Membership m = memberships.membership(Requests.actor(request), id);
      // The ETag is the revision a move sends back in If-Match. It is no validator of the whole
      // answer (`next` is the reader's moves, `country` follows the school), so no 304 for it.
      response.setHeader("ETag", Revisions.etag(m.revision()));
      response.setHeader("Cache-Control", "private, no-cache");
      Json.write(response, 200, m);
    } else if (path.size() == 2 && path.get(1).equals("history")) {
      long id = pathId(path.get(0), "membership");
      // A history has a handful of lines: one page.
      Json.writePage(response, named(memberships.history(Requests.actor(request), id)), null);
    } else {
      throw Requests.noSuchPath(request);
    }
  }

  /**
   * Each line of a history with {@code actorName}, the name of whoever made the move (null for the
   * platform, an account since deleted, or without the security bundle): a coordinator reads "by
   * whom", not an account id.
   */
  private List<Map<String, Object>> named(List<StatusChange> history) {
    Accounts directory = accounts;
    Map<String, String> names = directory == null ? Map.of()
        : directory.names(history.stream().map(StatusChange::actor).filter(Objects::nonNull).collect(Collectors.toSet()));
    List<Map<String, Object>> lines = new ArrayList<>(history.size());
    for (StatusChange change : history) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("from", change.from());
      line.put("to", change.to());
      line.put("actor", change.actor());
      line.put("actorName", change.actor() == null ? null : names.get(change.actor()));
      line.put("at", change.at());
      line.put("comment", change.comment());
      line.put("fromStage", change.fromStage());
      line.put("toStage", change.toStage());
      lines.add(line);
    }
    return lines;
  }

  /** {@code ?ids=}: up to {@value #IDS_MAX} membership ids, comma-separated. */
  static Set<Long> ids(HttpServletRequest request, String lang) {
    String[] values = request.getParameterValues("ids");
    if (values == null || values.length != 1 || values[0].isBlank()) {
      throw ProblemException.validation("ids", FieldMessages.get(lang, "required"));
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (String part : values[0].split(",", -1)) {
      Long id = ApiServlet.wholeNumber(part); // 0 to 9, not ١٠
      if (id == null || id <= 0) {
        throw ProblemException.validation("ids", FieldMessages.get(lang, "ids", String.valueOf(IDS_MAX)));
      }
      ids.add(id);
    }
    if (ids.size() > IDS_MAX) {
      throw ProblemException.validation("ids", FieldMessages.get(lang, "ids", String.valueOf(IDS_MAX)));
    }
    return ids;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() == 2 && path.get(1).equals("stages")) {
      long id = pathId(path.get(0), "membership");
      Principal actor = Requests.actor(request);
      // a wrong type is told with what is wrong with the other fields
      Integer revision = Revisions.expectedIfPresent(request);
      StageRequest move = Json.read(request, StageRequest.class,
          rest -> MembershipLifecycle.require(MembershipLifecycle.stageErrors(rest.stage(), rest.comment(), actor.language())));
      moved(response, memberships.moveStage(actor, id, move.stage(), move.comment(), revision));
      return;
    }
    if (path.size() != 2 || !path.get(1).equals("transitions")) {
      throw Requests.noSuchPath(request);
    }
    long id = pathId(path.get(0), "membership");
    Principal actor = Requests.actor(request);
    // If-Match is optional: the lifecycle refuses a move that is no longer allowed anyway; with it,
    // a move decided on what was read is refused once someone else moved the membership
    Integer revision = Revisions.expectedIfPresent(request);
    TransitionRequest move = Json.read(request, TransitionRequest.class, rest -> MembershipLifecycle.require(
        MembershipLifecycle.transitionErrors(rest.to(), rest.comment(), rest.certifiedOn(), actor.language())));
    moved(response, memberships.transition(actor, id, move.to(), move.comment(), move.certifiedOn(), revision));
  }

  /** A membership just moved, with its new ETag for the next move. */
  private static void moved(HttpServletResponse response, Membership m) throws IOException {
    response.setHeader("ETag", Revisions.etag(m.revision()));
    Json.write(response, 200, m);
  }
}
