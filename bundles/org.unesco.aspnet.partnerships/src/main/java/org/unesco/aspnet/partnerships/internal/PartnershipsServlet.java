package org.unesco.aspnet.partnerships.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipService;
import org.unesco.aspnet.partnerships.PartnershipStatus;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;
import org.unesco.aspnet.web.Revisions;

/**
 * {@code /api/v1/partnerships}: list (GET) and propose (POST); {@code /{id}} read; {@code
 * /{id}/transitions} one move (POST, If-Match honoured). See docs/partnerships.md.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/partnerships", "/api/v1/partnerships/*"})
@OpenApiFragment("openapi/partnerships.json")
public final class PartnershipsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> LIST_PARAMETERS = Set.of("school", "country", "status", "limit", "cursor");

  /** The body of a move; {@code to} as text, so that a value that is no move ({@code "accepted"}) gets the moves' own message. */
  public record TransitionRequest(String to, String comment) {}

  private final transient PartnershipService partnerships;
  private final transient CountryService countries;

  @Activate
  public PartnershipsServlet(@Reference PartnershipService partnerships, @Reference CountryService countries) {
    this.partnerships = partnerships;
    this.countries = countries;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = pathSegments(request);
    return switch (path.size()) {
      case 0 -> Set.of("GET", "POST");
      case 1 -> Set.of("GET");
      case 2 -> path.get(1).equals("transitions") ? Set.of("POST") : Set.of();
      default -> Set.of();
    };
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    Principal actor = principal(request);
    if (path.isEmpty()) {
      onlyParameters(request, LIST_PARAMETERS, "; use school, country, status, limit or cursor");
      Page<Partnership> page = partnerships.partnerships(actor, PartnershipRules.schoolFilter(request.getParameter("school")),
          country(request), PartnershipRules.statusFilter(request.getParameter("status")),
          intParameter(request, "limit", 50, 1, 500), request.getParameter("cursor"));
      Json.writePage(response, page.items(), page.next());
    } else if (path.size() == 1) {
      onlyParameters(request, java.util.Set.of(), "");
      // no 304: the schools' copies change without a revision, and the texts are the two schools'
      write(response, 200, partnerships.partnership(actor, pathId(path.get(0), "partnership")));
    } else {
      throw noSuchPath(request);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    Principal actor = principalSpeaking(request); // messages in the request's language
    String language = actor.language();
    if (actor.isAnonymous() && (path.isEmpty() || path.size() == 2 && path.get(1).equals("transitions"))) {
      // every write is a signed-in school's (or HQ's): the public learns nothing of its body's mistakes
      throw ProblemException.unauthorized(PartnershipMessages.get(language, "signIn"));
    }
    if (path.isEmpty()) {
      PartnershipInput in = Json.read(request, PartnershipInput.class, rest -> {
        if (rest.proposer() != null && !PartnershipRules.actsFor(actor, rest.proposer())) {
          // who may propose comes first, as in propose(): nothing of the schools for anyone else
          throw ProblemException.forbidden(PartnershipMessages.get(language, "notProposerStaff", String.valueOf(rest.proposer())));
        }
        // a wrong type elsewhere hides none of the other mistakes, the schools' included
        List<FieldError> errors = new java.util.ArrayList<>(PartnershipRules.errors(language, rest));
        if (partnerships instanceof PartnershipStore store) { // ours: this bundle registers it
          errors.addAll(store.schoolErrors(language, rest));
        }
        PartnershipRules.require(errors);
      });
      Partnership p = partnerships.propose(actor, in);
      response.setHeader("Location", "/api/v1/partnerships/" + p.id());
      write(response, 201, p);
    } else if (path.size() == 2 && path.get(1).equals("transitions")) {
      long id = pathId(path.get(0), "partnership");
      Integer revision = Revisions.expectedIfPresent(request);
      // a wrong type or an unknown member hides none of the other mistakes, to's included
      TransitionRequest move = Json.read(request, TransitionRequest.class,
          rest -> PartnershipRules.require(PartnershipRules.moveErrors(language, moveTo(rest.to()), rest.comment())));
      write(response, 200, partnerships.move(actor, id, moveTo(move.to()), move.comment(), revision));
    } else {
      throw noSuchPath(request);
    }
  }

  /**
   * The status a move names; one that is none (a wrong case, a typo) is passed on as PROPOSED, which
   * no move leads to, so that it is refused with the list of the moves, not of every status.
   */
  static PartnershipStatus moveTo(String to) {
    if (to == null) {
      return null;
    }
    try {
      return PartnershipStatus.valueOf(to);
    } catch (IllegalArgumentException notAStatus) {
      return PartnershipStatus.PROPOSED;
    }
  }

  private static void write(HttpServletResponse response, int status, Partnership p) throws IOException {
    response.setHeader("ETag", Revisions.etag(p.revision()));
    response.setHeader("Cache-Control", "private, no-cache");
    Json.write(response, status, p);
  }

  /** {@code ?country=}: any case, blank for none; not a known country: 400 naming it, rather than an empty list. */
  private String country(HttpServletRequest request) {
    String value = request.getParameter("country");
    if (value == null || value.isBlank()) {
      return null;
    }
    String code = value.strip().toUpperCase(Locale.ROOT);
    if (!code.matches("[A-Z]{2}") || !countries.exists(code)) {
      throw ProblemException.validation("country", "must be the ISO 3166-1 alpha-2 code of a known country, such as FR");
    }
    return code;
  }

  private static ProblemException noSuchPath(HttpServletRequest request) {
    return ProblemException.notFound("No endpoint at " + request.getRequestURI());
  }
}
