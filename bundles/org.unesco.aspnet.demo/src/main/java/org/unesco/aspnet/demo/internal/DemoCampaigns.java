package org.unesco.aspnet.demo.internal;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.projects.Campaign;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignKind;
import org.unesco.aspnet.projects.CampaignResourceInput;
import org.unesco.aspnet.projects.CampaignResources;
import org.unesco.aspnet.projects.CampaignService;
import org.unesco.aspnet.projects.ResourceKind;
import org.unesco.aspnet.projects.MediaLink;
import org.unesco.aspnet.projects.Phase;
import org.unesco.aspnet.projects.Submission;
import org.unesco.aspnet.projects.SubmissionInput;
import org.unesco.aspnet.projects.SubmissionStatus;

/**
 * With {@code ASPNET_DEMO=true}, once the demo schools are loaded and while there is no campaign
 * yet: a global Trash Hack campaign, a Sandwatch campaign (when their plugins are installed) and a
 * national French project, with member schools taking part and moderated submissions.
 */
@Component(
    immediate = true,
    reference = {
      @Reference(name = "campaigns", service = CampaignService.class),
      @Reference(name = "resources", service = CampaignResources.class),
      @Reference(name = "schools", service = SchoolService.class)
    })
public class DemoCampaigns {
  private final Logger log;
  private final ComponentContext context;
  private volatile boolean stopped;

  @Activate
  public DemoCampaigns(ComponentContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    this.context = context;
    if (DemoData.enabled()) {
      DemoData.inBackground("aspnet-demo-campaigns", this::run);
    }
  }

  @Deactivate
  void deactivate() {
    stopped = true;
  }

  private void run() {
    try {
      CampaignService campaigns = context.locateService("campaigns");
      CampaignResources resources = context.locateService("resources");
      SchoolService schools = context.locateService("schools");
      Principal system = Principal.system();
      // Each demo campaign is made once, by its English title: a load that was stopped half-way (a
      // SIGTERM during the first start) is finished by the next start, not left half-made.
      java.util.Set<String> made = new java.util.HashSet<>();
      campaigns.campaigns(system, null, null, 100, null).items().forEach(c -> made.add(c.title().get("en")));
      int year0 = Year.now().getValue();
      if (made.containsAll(List.of("Trash Hack " + year0, "Sandwatch " + year0, "Peace week " + year0))) {
        log.info("Demo campaigns loaded: 0 campaigns (all there already)");
        return;
      }
      // The schools are loaded by DemoData on its own thread: wait until they are all in.
      Optional<List<Long>> ids = DemoData.awaitSchools(() -> stopped, log, "campaigns");
      if (ids.isEmpty()) {
        return;
      }
      // The shipped campaign modules start from plugins/ at about the same time: a little patience.
      long deadline = System.currentTimeMillis() + DemoData.SCHOOLS_WAIT_MILLIS;
      while (campaigns.modules(java.util.Locale.ENGLISH).size() < 2 && System.currentTimeMillis() < deadline && !stopped) {
        Thread.sleep(1000);
      }
      List<School> members = new ArrayList<>();
      for (long id : ids.get()) {
        try {
          School s = schools.school(system, id);
          if (s.status() == MembershipStatus.MEMBER) {
            members.add(s);
          }
        } catch (ProblemException gone) {
          // removed since: skipped
        }
      }
      Random random = new Random(DemoSchools.SEED);
      int year = Year.now().getValue();
      int created = 0;
      List<String> installed = campaigns.modules(java.util.Locale.ENGLISH).stream().map(m -> m.key()).toList();
      if (installed.contains("trash-hack") && !made.contains("Trash Hack " + year)) {
        Campaign trash = campaigns.create(system, new CampaignInput(CampaignKind.CAMPAIGN, "trash-hack", null,
            Map.of("en", "Trash Hack " + year, "fr", "Trash Hack " + year, "es", "Trash Hack " + year, "de", "Trash Hack " + year),
            Map.of("en", "Schools observe the waste around them, act, reflect and celebrate.",
                "fr", "Les écoles observent les déchets autour d'elles, agissent, réfléchissent et célèbrent.",
                "es", "Las escuelas observan los residuos a su alrededor, actúan, reflexionan y celebran.",
                "de", "Schulen beobachten den Abfall in ihrer Umgebung, handeln, denken nach und feiern."),
            trashHackPhases(year), true, List.of(), true));
        created++;
        resources.add(system, trash.id(), new CampaignResourceInput(ResourceKind.WEBSITE, "https://www.unesco.org/en/aspnet",
            Map.of("en", "UNESCO Associated Schools Network", "fr", "Réseau du système des écoles associées de l'UNESCO",
                "es", "Red del Sistema de Escuelas Asociadas de la UNESCO"),
            Map.of("en", "What the network is, its themes and how schools take part.",
                "fr", "Ce qu'est le réseau, ses thèmes et comment les écoles y participent."),
            List.of("en", "fr", "es", "ar", "ru", "zh")));
        for (School s : members.subList(0, Math.min(24, members.size()))) {
          campaigns.join(system, trash.id(), s.id());
          for (int n = 0; n < 1 + random.nextInt(3); n++) {
            List<Object> waste = new ArrayList<>();
            for (String type : List.of("PLASTIC", "PAPER", "GLASS", "METAL", "ORGANIC")) {
              if (random.nextInt(3) == 0 || waste.isEmpty() && type.equals("ORGANIC")) {
                waste.add(Map.of("type", type, "mass", Math.round(random.nextDouble() * 4000) / 100.0, "unit", "kg"));
              }
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("waste", waste);
            metrics.put("actions", List.of("Clean-up of the school grounds", "Sorting bins in the canteen"));
            metrics.put("itemsRecycled", random.nextInt(400));
            report(campaigns, trash.id(), s.id(), trash.phases(), "Our pupils collected and sorted the waste around the school.",
                metrics, random);
          }
        }
      }
      if (installed.contains("sandwatch") && !made.contains("Sandwatch " + year)) {
        Campaign sandwatch = campaigns.create(system, new CampaignInput(CampaignKind.CAMPAIGN, "sandwatch", null,
            Map.of("en", "Sandwatch " + year, "fr", "Sandwatch " + year, "es", "Sandwatch " + year, "de", "Sandwatch " + year),
            Map.of("en", "Monitor a beach, analyse and share what you find, and take action.",
                "fr", "Observez une plage, analysez et partagez vos constats, et agissez.",
                "es", "Monitoreen una playa, analicen y compartan lo que encuentren, y actúen.",
                "de", "Einen Strand beobachten, die Ergebnisse auswerten und teilen, und handeln."),
            List.of(new Phase("monitor", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))),
            true, List.of(), true));
        created++;
        resources.add(system, sandwatch.id(), new CampaignResourceInput(ResourceKind.WEBSITE,
            "https://www.sandwatchfoundation.org/", Map.of("en", "The Sandwatch Foundation"),
            Map.of("en", "Methods, manuals and stories of schools monitoring their beaches."), List.of("en")));
        for (School s : members.subList(Math.min(24, members.size()), Math.min(32, members.size()))) {
          campaigns.join(system, sandwatch.id(), s.id());
          double width = 10 + random.nextInt(30);
          for (int n = 0; n < 3; n++) {
            width += random.nextInt(5) - 3;
            Map<String, Object> metrics = Map.of(
                "site", Map.of("name", "Beach near " + s.city()),
                "measurements", List.of(Map.of(
                    "date", LocalDate.now().minusDays(90 - 30L * n).toString(),
                    "beachWidth", Math.max(1, width), "unit", "m",
                    "change", n == 0 ? "STABLE" : width < 20 ? "EROSION" : "ACCRETION",
                    "water", Map.of("temperature", 20 + random.nextInt(10), "ph", 8.1))));
            report(campaigns, sandwatch.id(), s.id(), sandwatch.phases(), "Monthly measurement of our beach.", metrics, random);
          }
        }
      }
      List<School> french = members.stream().filter(s -> s.country().equals("FR")).limit(6).toList();
      if (made.contains("Peace week " + year)) {
        log.info("Demo campaigns loaded: {} campaigns", created);
        return;
      }
      Campaign peace = campaigns.create(system, new CampaignInput(CampaignKind.PROJECT, null, "FR",
          Map.of("fr", "Semaine de la paix " + year, "en", "Peace week " + year),
          Map.of("fr", "Une semaine d'activités pour la paix dans les écoles du réseau français."),
          List.of(), false, List.of(), true));
      created++;
      for (School s : french) {
        campaigns.join(system, peace.id(), s.id());
      }
      log.info("Demo campaigns loaded: {} campaigns", created);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Demo campaigns not loaded: {}", e.toString(), e);
    }
  }

  /** The Trash Hack phases of a calendar year. */
  static List<Phase> trashHackPhases(int year) {
    return List.of(new Phase("observe", LocalDate.of(year, 1, 1), LocalDate.of(year, 3, 31)),
        new Phase("act", LocalDate.of(year, 4, 1), LocalDate.of(year, 9, 30)),
        new Phase("reflect", LocalDate.of(year, 10, 1), LocalDate.of(year, 11, 30)),
        new Phase("celebrate", LocalDate.of(year, 12, 1), LocalDate.of(year, 12, 31)));
  }

  /**
   * A day of the last two months, but not before the campaign began, and the phase it falls in:
   * the platform refuses an activity dated outside the phase it names.
   */
  static Phase phaseOf(List<Phase> phases, LocalDate day) {
    return phases.stream().filter(p -> !day.isBefore(p.starts()) && !day.isAfter(p.ends())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no phase on " + day));
  }

  /** A submission, then mostly approved, a few rejected, some left for the coordinators. */
  private static void report(CampaignService campaigns, long campaign, long school, List<Phase> phases, String text,
      Map<String, Object> metrics, Random random) {
    Principal system = Principal.system();
    LocalDate day = LocalDate.now().minusDays(1 + random.nextInt(60));
    if (day.isBefore(phases.get(0).starts())) {
      day = phases.get(0).starts(); // early January: the campaign of the year began on the 1st
    }
    Submission s = campaigns.submit(system, campaign, new SubmissionInput(school,
        day, phaseOf(phases, day).key(), text, 10 + random.nextInt(60), 1 + random.nextInt(4),
        metrics, List.of(new MediaLink("https://example.org/demo/" + school + ".jpg", "photo", true, true))));
    int fate = random.nextInt(10);
    if (fate < 7) {
      campaigns.moderate(system, campaign, s.id(), SubmissionStatus.APPROVED, null, null);
    } else if (fate == 7) {
      campaigns.moderate(system, campaign, s.id(), SubmissionStatus.REJECTED, "Please describe what the pupils did.", null);
    }
  }
}
