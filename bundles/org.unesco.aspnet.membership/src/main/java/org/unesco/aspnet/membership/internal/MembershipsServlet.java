package org.unesco.aspnet.membership.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/memberships/{id}}, {@code GET .../history} and {@code POST .../transitions}
 * with {@code {to, comment}}; {@code POST .../stages} with {@code {stage, comment}} where the
 * country has a national ladder.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/memberships/*")
@OpenApiFragment("openapi/membership.json")
public final class MembershipsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a transition. */
  public record TransitionRequest(MembershipStatus to, String comment) {}

  /** The body of a move on a national ladder. */
  public record StageRequest(String stage, String comment) {}

  private final transient MembershipService memberships;

  @Activate
  public MembershipsServlet(@Reference MembershipService memberships) {
    this.memberships = memberships;
  }

  /** A membership and its history GET; its transitions and national stages POST. */
  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = Requests.segments(request);
    if (path.size() == 1) {
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
    if (path.size() == 1) {
      long id = Requests.id(path.get(0), "membership");
      Json.write(response, 200, memberships.membership(Requests.actor(request), id));
    } else if (path.size() == 2 && path.get(1).equals("history")) {
      long id = Requests.id(path.get(0), "membership");
      // A history has a handful of lines: one page.
      Json.writePage(response, memberships.history(Requests.actor(request), id), null);
    } else {
      throw Requests.noSuchPath(request);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() == 2 && path.get(1).equals("stages")) {
      long id = Requests.id(path.get(0), "membership");
      StageRequest move = Json.read(request, StageRequest.class);
      Json.write(
          response, 200, memberships.moveStage(Requests.actor(request), id, move.stage(), move.comment()));
      return;
    }
    if (path.size() != 2 || !path.get(1).equals("transitions")) {
      throw Requests.noSuchPath(request);
    }
    long id = Requests.id(path.get(0), "membership");
    TransitionRequest move = Json.read(request, TransitionRequest.class);
    Json.write(
        response, 200, memberships.transition(Requests.actor(request), id, move.to(), move.comment()));
  }
}
