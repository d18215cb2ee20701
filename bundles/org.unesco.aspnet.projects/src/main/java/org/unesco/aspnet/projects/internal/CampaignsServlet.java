package org.unesco.aspnet.projects.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.unesco.aspnet.projects.Campaign;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignModuleInfo;
import org.unesco.aspnet.projects.CampaignResource;
import org.unesco.aspnet.projects.CampaignResourceInput;
import org.unesco.aspnet.projects.CampaignResources;
import org.unesco.aspnet.projects.CampaignService;
import org.unesco.aspnet.projects.Participant;
import org.unesco.aspnet.projects.Submission;
import org.unesco.aspnet.projects.SubmissionInput;
import org.unesco.aspnet.projects.SubmissionStatus;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;
import org.unesco.aspnet.web.Revisions;

/**
 * {@code /api/v1/campaigns}: list and create; {@code /{id}} read and PATCH (If-Match); {@code
 * /{id}/participants} list and join, {@code /{id}/participants/{school}} leave (DELETE); {@code
 * /{id}/submissions} list and submit, {@code /{id}/submissions/{sid}} read, {@code
 * /{id}/submissions/{sid}/decision} moderate; {@code /{id}/summary} and {@code /{id}/schema}; {@code
 * /{id}/resources} list and add, {@code /{id}/resources/{rid}} read, PATCH (If-Match) and DELETE.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/campaigns", "/api/v1/campaigns/*"})
@OpenApiFragment("openapi/projects.json")
public final class CampaignsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a join. */
  public record JoinRequest(Long school) {}

  /** The body of a moderation decision. */
  public record DecisionRequest(Decision decision, String comment) {}

  /**
   * What a moderator decides: a submission's statuses but PENDING, so that a wrong value is told
   * the two it may be ({@code 'MAYBE' is not one of APPROVED, REJECTED}), not three.
   */
  public enum Decision {
    APPROVED, REJECTED;

    SubmissionStatus status() {
      return SubmissionStatus.valueOf(name());
    }

    static SubmissionStatus statusOf(Decision d) {
      return d == null ? null : d.status();
    }
  }

  private final transient CampaignService campaigns;
  private final transient CampaignResources resources;
  private final transient CountryService countries;
  /** The store's checks alone, run on the rest of a body some of whose members have the wrong type. */
  private final transient CampaignRules rules;

  @Activate
  public CampaignsServlet(@Reference CampaignService campaigns, @Reference CampaignResources resources,
      @Reference CountryService countries, @Reference CampaignRules rules) {
    this.campaigns = campaigns;
    this.resources = resources;
    this.countries = countries;
    this.rules = rules;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = pathSegments(request);
    return switch (path.size()) {
      case 0 -> Set.of("GET", "POST");
      case 1 -> Set.of("GET", "PATCH");
      case 2 -> switch (path.get(1)) {
        case "participants", "submissions", "resources" -> Set.of("GET", "POST");
        case "summary", "coordinators", "schema" -> Set.of("GET");
        default -> Set.of();
      };
      case 3 -> switch (path.get(1)) {
        case "participants" -> Set.of("DELETE");
        case "submissions" -> Set.of("GET", "DELETE");
        case "resources" -> Set.of("GET", "PATCH", "DELETE");
        default -> Set.of();
      };
      case 4 -> path.get(1).equals("submissions") && path.get(3).equals("decision") ? Set.of("POST") : Set.of();
      default -> Set.of();
    };
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    Principal actor = principal(request);
    int limit = intParameter(request, "limit", 50, 1, 500);
    String cursor = request.getParameter("cursor");
    // Each list refuses a parameter it does not have: a filter silently ignored would pass the
    // whole list off as a filtered one.
    if (path.isEmpty()) {
      onlyParameters(request, Set.of("country", "module", "limit", "cursor"), "; use country, module, limit or cursor");
      Page<Campaign> page = campaigns.campaigns(actor, country(request, "country"), request.getParameter("module"), limit, cursor);
      Json.writePage(response, page.items(), page.next());
      return;
    }
    long id = pathId(path.get(0), "campaign");
    if (path.size() == 1) {
      onlyParameters(request, Set.of(), "");
      Campaign c = campaigns.campaign(actor, id);
      // the ETag names the revision an edit sends back; the count of participants is not in it,
      // so it is no validator of the whole answer: no 304
      response.setHeader("ETag", Revisions.etag(c.revision()));
      response.setHeader("Cache-Control", "private, no-cache");
      Json.write(response, 200, c);
    } else if (path.size() == 2 && path.get(1).equals("participants")) {
      onlyParameters(request, Set.of("school", "country", "limit", "cursor"), "; use school, country, limit or cursor");
      String school = request.getParameter("school");
      if (school != null) {
        // "does this school take part?": one row or none, whatever the campaign's size
        long schoolId = idParameter("school", school);
        String country = country(request, "country");
        List<Participant> one = campaigns.participant(actor, id, schoolId).stream()
            .filter(p -> country == null || country.equals(p.country())).toList();
        Json.writePage(response, one, null);
        return;
      }
      Page<Participant> page = campaigns.participants(actor, id, country(request, "country"), limit, cursor);
      Json.writePage(response, page.items(), page.next());
    } else if (path.size() == 2 && path.get(1).equals("submissions")) {
      onlyParameters(request, Set.of("status", "country", "school", "limit", "cursor"),
          "; use status, country, school, limit or cursor");
      String school = request.getParameter("school");
      Page<Submission> page = campaigns.submissions(actor, id, status(request), country(request, "country"),
          school == null ? null : idParameter("school", school), limit, cursor);
      Json.writePage(response, page.items(), page.next());
    } else if (path.size() == 3 && path.get(1).equals("submissions")) {
      onlyParameters(request, Set.of(), "");
      Submission s = campaigns.submission(actor, id, pathId(path.get(2), "submission"));
      // as a campaign's: the school's name and country copies change without a revision
      response.setHeader("ETag", Revisions.etag(s.revision()));
      response.setHeader("Cache-Control", "private, no-cache");
      Json.write(response, 200, s);
    } else if (path.size() == 2 && path.get(1).equals("resources")) {
      // limit and cursor are taken, as by every list, though a campaign's resources come whole (100 at most)
      onlyParameters(request, Set.of("limit", "cursor"), "; the resources come whole, in the order they were added");
      if (cursor != null && !cursor.isBlank()) {
        throw ProblemException.validation("cursor", "there is no next page: this list comes whole (next is null)");
      }
      Json.writePage(response, resources.resources(principalSpeaking(request), id), null);
    } else if (path.size() == 3 && path.get(1).equals("resources")) {
      onlyParameters(request, Set.of(), "");
      CampaignResource r = resources.resource(principalSpeaking(request), id, pathId(path.get(2), "resource"));
      response.setHeader("ETag", Revisions.etag(r.revision()));
      response.setHeader("Cache-Control", "private, no-cache");
      Json.write(response, 200, r);
    } else if (path.size() == 2 && path.get(1).equals("summary")) {
      // the summary is the whole campaign's: ?country=FR would pass it off as France's
      onlyParameters(request, Set.of("per"), "; the summary is the campaign's as a whole, with per=school for each school");
      boolean perSchool = perSchool(request);
      Object summary = campaigns.summary(actor, id, requestLanguage(request), perSchool);
      // a coordinator's summary counts the candidates' reports the public's leaves out: no shared cache keeps it
      Json.privateToReader(response);
      Json.write(response, 200, summary);
    } else if (path.size() == 2 && path.get(1).equals("coordinators")) {
      onlyParameters(request, Set.of(), "");
      // their emails are for signed-in readers only (see CountriesServlet)
      Json.privateToReader(response);
      Json.writePage(response, campaigns.coordinators(actor, id), null);
    } else if (path.size() == 2 && path.get(1).equals("schema")) {
      onlyParameters(request, Set.of(), "");
      CampaignModuleInfo module = campaigns.moduleOf(actor, id, requestLanguage(request));
      Json.write(response, 200, module != null ? module
          : Map.of("key", "", "phases", List.of(), "schema", Map.of("metrics", List.of(), "mediaRequired", false)));
    } else {
      throw noSuchPath(request);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    Principal actor = principalSpeaking(request); // field messages in the request's language
    if (path.isEmpty()) {
      // a wrong type is told with every other field's error, as the store checks them
      Campaign c = campaigns.create(actor, Json.read(request, CampaignInput.class, rest -> rules.checkCreate(actor, rest)));
      response.setHeader("Location", "/api/v1/campaigns/" + c.id());
      response.setHeader("ETag", Revisions.etag(c.revision()));
      Json.write(response, 201, c);
      return;
    }
    long id = pathId(path.get(0), "campaign");
    if (path.size() == 2 && path.get(1).equals("participants")) {
      JoinRequest join = Json.read(request, JoinRequest.class, CampaignsServlet::requireSchool);
      requireSchool(join);
      Json.write(response, 201, campaigns.join(actor, id, join.school()));
    } else if (path.size() == 2 && path.get(1).equals("submissions")) {
      Submission s = campaigns.submit(actor, id, Json.read(request, SubmissionInput.class, rest -> checkOnly(actor, id, rest)));
      response.setHeader("Location", "/api/v1/campaigns/" + id + "/submissions/" + s.id());
      response.setHeader("ETag", Revisions.etag(s.revision()));
      Json.write(response, 201, s);
    } else if (path.size() == 2 && path.get(1).equals("resources")) {
      String language = actor.language();
      CampaignResource r = resources.add(actor, id,
          Json.read(request, CampaignResourceInput.class, rest -> ResourceStore.checked(rest, true, language)));
      response.setHeader("Location", "/api/v1/campaigns/" + id + "/resources/" + r.id());
      response.setHeader("ETag", Revisions.etag(r.revision()));
      Json.write(response, 201, r);
    } else if (path.size() == 4 && path.get(1).equals("submissions") && path.get(3).equals("decision")) {
      Integer revision = Revisions.expectedIfPresent(request);
      DecisionRequest d = Json.read(request, DecisionRequest.class,
          rest -> rules.checkDecision(actor, id, pathId(path.get(2), "submission"), Decision.statusOf(rest.decision()),
              rest.comment()));
      Submission s = campaigns.moderate(actor, id, pathId(path.get(2), "submission"), Decision.statusOf(d.decision()),
          d.comment(), revision);
      response.setHeader("ETag", Revisions.etag(s.revision()));
      Json.write(response, 200, s);
    } else {
      throw noSuchPath(request);
    }
  }

  @Override
  protected void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    if (path.size() == 3 && path.get(1).equals("resources")) {
      long campaign = pathId(path.get(0), "campaign");
      long resource = pathId(path.get(2), "resource");
      Principal actor = principalSpeaking(request);
      int revision = CampaignAccess.revisionRead(actor, request);
      String language = actor.language();
      CampaignResource r = resources.update(actor, campaign, resource, revision,
          Json.read(request, CampaignResourceInput.class, rest -> ResourceStore.checked(rest, false, language)));
      response.setHeader("ETag", Revisions.etag(r.revision()));
      Json.write(response, 200, r);
      return;
    }
    if (path.size() != 1) {
      throw noSuchPath(request);
    }
    long id = pathId(path.get(0), "campaign");
    Principal actor = principal(request);
    int revision = CampaignAccess.revisionRead(actor, request);
    com.fasterxml.jackson.databind.node.ObjectNode patch = Json.read(request, com.fasterxml.jackson.databind.node.ObjectNode.class);
    // module and country are fixed at creation: a null sent for one that has a value (a merge patch's
    // "remove") would otherwise bind as "not given" and be answered 200 with nothing changed; a null
    // for one that has none (a client sending back what it read) changes nothing and is taken
    boolean moduleCleared = patch.has("module") && patch.get("module").isNull();
    boolean countryCleared = patch.has("country") && patch.get("country").isNull();
    if (moduleCleared || countryCleared) {
      Campaign now = campaigns.campaign(actor, id);
      List<org.unesco.aspnet.core.FieldError> fixed = new java.util.ArrayList<>();
      if (moduleCleared && now.module() != null) {
        fixed.add(new org.unesco.aspnet.core.FieldError("module", "cannot be changed (it is fixed when the campaign is created)"));
      }
      if (countryCleared && now.country() != null) {
        fixed.add(new org.unesco.aspnet.core.FieldError("country",
            "cannot be changed (it is fixed when the campaign is created): a national campaign stays national"));
      }
      if (!fixed.isEmpty() && CampaignAccess.manages(actor, now)) { // else the update's 403 says more
        throw ProblemException.validation(fixed);
      }
    }
    CampaignInput changes = Json.convert(patch, CampaignInput.class, rest -> rules.checkUpdate(actor, id, rest));
    Campaign c = campaigns.update(actor, id, revision, changes);
    response.setHeader("ETag", Revisions.etag(c.revision()));
    Json.write(response, 200, c);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    if (path.size() == 3 && path.get(1).equals("participants")) {
      campaigns.leave(principal(request), pathId(path.get(0), "campaign"), pathId(path.get(2), "school"));
    } else if (path.size() == 3 && path.get(1).equals("resources")) {
      resources.remove(principalSpeaking(request), pathId(path.get(0), "campaign"), pathId(path.get(2), "resource"),
          Revisions.expectedIfPresent(request));
    } else if (path.size() == 3 && path.get(1).equals("submissions")) {
      campaigns.withdraw(principal(request), pathId(path.get(0), "campaign"), pathId(path.get(2), "submission"),
          Revisions.expectedIfPresent(request));
    } else {
      throw noSuchPath(request);
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  /** A join names its school: a 400 otherwise (what else is wrong with it is the store's to say). */
  private static void requireSchool(JoinRequest join) {
    if (join.school() == null) {
      throw ProblemException.validation("school", "is required");
    }
  }

  /**
   * The rules of a report whose other members have the wrong type, so that one 400 tells them all:
   * without a school, {@link CampaignService#submit} checks the report and writes nothing. The
   * school's own error ("is required") is dropped when the body named one.
   */
  private void checkOnly(Principal actor, long campaign, SubmissionInput rest) {
    try {
      campaigns.submit(actor, campaign, new SubmissionInput(null, rest.date(), rest.phase(), rest.text(), rest.pupils(),
          rest.teachers(), rest.metrics(), rest.media()));
    } catch (ProblemException p) {
      if (p.status() == 400 && !p.errors().isEmpty()) {
        List<FieldError> errors = p.errors().stream().filter(e -> rest.school() == null || !e.field().equals("school")).toList();
        if (!errors.isEmpty()) {
          throw ProblemException.validation(errors);
        }
      }
    }
  }

  /**
   * A country filter as the directory reads it: any case ({@code fr} is {@code FR}), blank for
   * none; a code that is not a known country is a 400 naming the parameter, on every campaign
   * endpoint alike, rather than an empty list.
   */
  private String country(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    String code = value.strip().toUpperCase(Locale.ROOT);
    if (!CampaignForm.COUNTRY.matcher(code).matches() || !countries.exists(code)) {
      throw ProblemException.validation(name, "must be the ISO 3166-1 alpha-2 code of a known country, such as FR");
    }
    return code;
  }

  /** {@code ?per=school} adds the schools to a summary; nothing else is a grouping. */
  static boolean perSchool(HttpServletRequest request) {
    String per = request.getParameter("per");
    if (per == null) {
      return false;
    }
    if (!per.strip().equalsIgnoreCase("school")) {
      throw ProblemException.validation("per", "must be school (the other groupings are always there)");
    }
    return true;
  }

  private static SubmissionStatus status(HttpServletRequest request) {
    String value = request.getParameter("status");
    if (value == null) {
      return null;
    }
    try {
      return SubmissionStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("status", "must be PENDING, APPROVED or REJECTED");
    }
  }

  private static ProblemException noSuchPath(HttpServletRequest request) {
    return ProblemException.notFound("No endpoint at " + request.getRequestURI());
  }
}
