package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignKind;
import org.unesco.aspnet.projects.CampaignResource;
import org.unesco.aspnet.projects.CampaignResourceInput;
import org.unesco.aspnet.projects.CampaignResources;
import org.unesco.aspnet.projects.ResourceKind;
import org.unesco.aspnet.security.internal.PolicyAuthorizer;

/** A campaign's resources over a real database: who keeps them, what is checked, what is audited. */
class ResourceStoreTest {
  private static final Principal HQ = person("hq", Grant.global(Role.HQ_OFFICER));
  private static final Principal NC_FR = person("nc-fr", Grant.country(Role.NATIONAL_COORDINATOR, "FR"));
  private static final Principal NC_DE = person("nc-de", Grant.country(Role.NATIONAL_COORDINATOR, "DE"));
  private static final Principal STAFF = person("staff", Grant.school(Role.SCHOOL_STAFF, "FR", "1"));
  private static final String GUIDE = "https://www.unesco.org/en/aspnet";

  private final CampaignModules modules = new CampaignModules();
  private final List<String> audited = new ArrayList<>();
  private CampaignStore campaigns;
  private CampaignResources resources;

  private static Principal person(String id, Grant... grants) {
    return new Principal(id, id + "@example.org", id, "fr", List.of(grants));
  }

  @BeforeEach
  void start() {
    TestDatabase database = new TestDatabase();
    database.run("V3__resources.sql");
    AuditLog audit = (c, who, action, entity, id, country, before, after) -> {
      if (action.startsWith("campaign.resource.")) {
        audited.add(action + " " + id + " " + (before == null ? "-" : before.get("url")) + " " + (after == null ? "-" : after.get("url")));
      }
    };
    campaigns = new CampaignStore(database, new PolicyAuthorizer(), audit, new CampaignStoreTest.Directory(),
        CampaignStoreTest.COUNTRIES, modules);
    resources = new ResourceStore(database, audit);
  }

  @AfterEach
  void stop() {
    modules.deactivate();
  }
  /** A resource's title is one line that reads as written; its description may have several. */
  @Test
  void aTitleIsOneLine() {
    ProblemException bad = assertThrows(ProblemException.class, () -> ResourceStore.checked(new CampaignResourceInput(
        ResourceKind.GUIDE, GUIDE, Map.of("en", "Guide \u202egnp.exe\nsecond line"), Map.of("en", "Read\nthis"), null), true, "en"));
    assertEquals(List.of("title.en"), bad.errors().stream().map(FieldError::field).toList());
    assertEquals("must be one line, without control or text-direction characters", bad.errors().get(0).message());
  }


  private long frenchCampaign() {
    return campaigns.create(NC_FR, new CampaignInput(CampaignKind.PROJECT, null, "FR", Map.of("fr", "Jardins"), null, null,
        false, List.of(), true)).id();
  }

  private static CampaignResourceInput guide(String url) {
    return new CampaignResourceInput(ResourceKind.GUIDE, url, Map.of("en", "Teacher's guide", "fr", "Guide de l'enseignant"),
        null, List.of("EN", "fr", "fr"));
  }

  private static ProblemException problem(Supplier<?> call) {
    return assertThrows(ProblemException.class, call::get);
  }

  @Test
  void theNationalCoordinatorKeepsTheResourcesOfTheirCountrysCampaignAndEveryoneReadsThem() {
    long id = frenchCampaign();
    CampaignResource added = resources.add(NC_FR, id, guide(" " + GUIDE + " "));
    assertEquals(GUIDE, added.url(), "the address is kept without the spaces pasted around it");
    assertEquals(List.of("en", "fr"), added.languages(), "codes in lower case, each once");
    assertEquals(Map.of(), added.description());
    assertEquals(List.of(added), resources.resources(Principal.anonymous(), id));
    assertEquals(403, problem(() -> resources.add(NC_DE, id, guide("https://example.org/a"))).status());
    assertEquals(403, problem(() -> resources.add(STAFF, id, guide("https://example.org/a"))).status());
    assertEquals(401, problem(() -> resources.add(Principal.anonymous(), id, guide("https://example.org/a"))).status());
    assertEquals(List.of("campaign.resource.add " + id + " - " + GUIDE), audited);
    assertEquals(404, problem(() -> resources.resources(HQ, 999)).status());
  }

  @Test
  void theSameLinkTwiceIsAConflictNamingTheFirst() {
    long id = frenchCampaign();
    CampaignResource first = resources.add(HQ, id, guide(GUIDE));
    ProblemException again = problem(() -> resources.add(HQ, id, guide(GUIDE)));
    assertEquals(409, again.status());
    assertEquals(first.id(), again.extensions().get("resource"));
    assertEquals(1, resources.resources(HQ, id).size(), "nothing written");
    // an edit onto another resource's address is refused the same way
    CampaignResource second = resources.add(HQ, id, guide("https://example.org/video"));
    assertEquals(409, problem(() -> resources.update(HQ, id, second.id(), second.revision(),
        new CampaignResourceInput(null, GUIDE, null, null, null))).status());
  }

  @Test
  void everyFieldErrorIsToldAtOnceInTheCallersLanguage() {
    long id = frenchCampaign();
    Map<String, String> title = new HashMap<>();
    title.put("xx-!", "Guide");
    ProblemException wrong = problem(() -> resources.add(NC_FR, id,
        new CampaignResourceInput(null, "javascript:alert(1)", title, Map.of("fr", "x".repeat(1001)), List.of("french"))));
    assertEquals(400, wrong.status());
    assertEquals(List.of("kind", "url", "title.xx-!", "description.fr", "languages[0]"),
        wrong.errors().stream().map(FieldError::field).toList());
    assertTrue(wrong.errors().get(1).message().startsWith("doit être une adresse http ou https"), wrong.errors().get(1).message());
    assertEquals(400, problem(() -> resources.add(NC_FR, id,
        new CampaignResourceInput(ResourceKind.VIDEO, GUIDE, Map.of(), null, null))).status(), "a title in one language at least");
    assertTrue(resources.resources(HQ, id).isEmpty());
  }

  @Test
  void anEditMergesTextsByLanguageNeedsTheRevisionReadAndChangesNothingWhenNothingChanges() {
    long id = frenchCampaign();
    CampaignResource r = resources.add(HQ, id, guide(GUIDE));
    Map<String, String> title = new HashMap<>();
    title.put("es", "Guía del docente");
    title.put("en", null);
    CampaignResource edited = resources.update(HQ, id, r.id(), r.revision(),
        new CampaignResourceInput(ResourceKind.TOOLKIT, null, title, Map.of("fr", "Fiches à imprimer"), null));
    assertEquals(Map.of("fr", "Guide de l'enseignant", "es", "Guía del docente"), edited.title());
    assertEquals(ResourceKind.TOOLKIT, edited.kind());
    assertEquals(GUIDE, edited.url());
    assertEquals(r.revision() + 1, edited.revision());
    assertEquals(412, problem(() -> resources.update(HQ, id, r.id(), r.revision(),
        new CampaignResourceInput(ResourceKind.VIDEO, null, null, null, null))).status());
    CampaignResource same = resources.update(HQ, id, r.id(), edited.revision(),
        new CampaignResourceInput(ResourceKind.TOOLKIT, GUIDE, null, null, List.of("en", "fr")));
    assertEquals(edited.revision(), same.revision(), "the same values make no revision");
    assertEquals(2, audited.size(), "nor an audit entry");
  }

  @Test
  void aRemovalIsAuditedWithWhatItWasAndAStaleRevisionKeepsIt() {
    long id = frenchCampaign();
    CampaignResource r = resources.add(HQ, id, guide(GUIDE));
    resources.update(HQ, id, r.id(), r.revision(), new CampaignResourceInput(ResourceKind.OTHER, null, null, null, null));
    assertEquals(412, problem(() -> { resources.remove(NC_FR, id, r.id(), r.revision()); return null; }).status());
    assertEquals(1, resources.resources(HQ, id).size());
    resources.remove(NC_FR, id, r.id(), null);
    assertTrue(resources.resources(HQ, id).isEmpty());
    assertEquals("campaign.resource.remove " + id + " " + GUIDE + " -", audited.get(audited.size() - 1));
    assertEquals(404, problem(() -> { resources.remove(NC_FR, id, r.id(), null); return null; }).status());
    long other = frenchCampaign();
    CampaignResource elsewhere = resources.add(HQ, other, guide(GUIDE));
    assertEquals(404, problem(() -> resources.resource(HQ, id, elsewhere.id())).status(), "read through its own campaign only");
  }

  @Test
  void aCampaignListsAHundredResourcesAtMost() {
    long id = frenchCampaign();
    for (int i = 0; i < CampaignResources.MAX_PER_CAMPAIGN; i++) {
      resources.add(HQ, id, guide("https://example.org/" + i));
    }
    assertEquals(409, problem(() -> resources.add(HQ, id, guide("https://example.org/more"))).status());
  }
}
