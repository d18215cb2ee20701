package org.unesco.aspnet.demo.internal;

import java.util.List;
import java.util.Optional;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipService;
import org.unesco.aspnet.partnerships.PartnershipStatus;

/**
 * With {@code ASPNET_DEMO=true}, once the demo schools are loaded: two partnerships of school.7's
 * French school, so that its screens are not empty. One ACCEPTED with the Kenyan member school of
 * school.10, which school.7 proposed; one PROPOSED to it by the Mexican member school of school.19,
 * for school.7 to accept or decline (and school.19 to withdraw). Each is made once, by its pair of
 * schools; nothing is made when the partnerships bundle is absent (this component stays
 * unsatisfied, its package import is optional).
 */
@Component(
    immediate = true,
    reference = {
      @Reference(name = "partnerships", service = PartnershipService.class),
      @Reference(name = "schools", service = SchoolService.class)
    })
public class DemoPartnerships {
  /** The demo schools of the two rows: {@code school.<n>}'s school is the n-th demo school. */
  static final int FRENCH = 7;
  static final int KENYAN = 10;
  static final int MEXICAN = 19;

  private final Logger log;
  private final ComponentContext context;
  private volatile boolean stopped;

  @Activate
  public DemoPartnerships(ComponentContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    this.context = context;
    if (DemoData.enabled()) {
      DemoData.inBackground("aspnet-demo-partnerships", this::run);
    }
  }

  @Deactivate
  void deactivate() {
    stopped = true;
  }

  private void run() {
    try {
      PartnershipService partnerships = context.locateService("partnerships");
      SchoolService schools = context.locateService("schools");
      Optional<List<Long>> ids = DemoData.awaitSchools(() -> stopped, log, "partnerships");
      if (ids.isEmpty()) {
        return;
      }
      List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
      School french = member(schools, demo, ids.get(), FRENCH);
      School kenyan = member(schools, demo, ids.get(), KENYAN);
      School mexican = member(schools, demo, ids.get(), MEXICAN);
      if (french == null || kenyan == null || mexican == null) {
        log.info("Demo partnerships loaded: 0 partnerships (the demo schools are not as the demo left them)");
        return;
      }
      Principal system = Principal.system();
      List<Partnership> present = partnerships.partnerships(system, french.id(), null, null, 100, null).items();
      int created = 0;
      Partnership accepted = between(present, french, kenyan);
      if (accepted == null) {
        accepted = partnerships.propose(system, new PartnershipInput(french.id(), kenyan.id(), Theme.ESD,
            "Our pupils in " + french.city() + " are planting a school garden and measuring the water it needs."
                + " Would your pupils in " + kenyan.city() + " compare notes with them every month?"));
        created++;
      }
      if (accepted.status() == PartnershipStatus.PROPOSED) {
        partnerships.move(system, accepted.id(), PartnershipStatus.ACCEPTED, "With pleasure: our garden club starts in March.", null);
      }
      if (between(present, mexican, french) == null) {
        partnerships.propose(system, new PartnershipInput(mexican.id(), french.id(), Theme.INTERCULTURAL,
            "Nuestros alumnos de " + mexican.city() + " quieren intercambiar cartas y recetas con una escuela francesa."
                + " Our pupils would like to exchange letters and recipes with yours."));
        created++;
      }
      log.info("Demo partnerships loaded: {} partnerships", created);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Demo partnerships not loaded: {}", e.toString(), e);
    }
  }

  /** The n-th demo school (1-based; {@code ids} in the demo's order) when it is there as a member. */
  private static School member(SchoolService schools, List<DemoSchool> demo, List<Long> ids, int n) {
    try {
      School s = schools.school(Principal.system(), ids.get(n - 1));
      DemoSchool expected = demo.get(n - 1);
      return s.name().equals(expected.input().name()) && s.status() == MembershipStatus.MEMBER ? s : null;
    } catch (ProblemException notThere) {
      return null;
    }
  }

  /** The partnership of {@code present} that {@code proposer} proposed to {@code partner}, or null. */
  private static Partnership between(List<Partnership> present, School proposer, School partner) {
    return present.stream()
        .filter(p -> p.proposer().id() == proposer.id() && p.partner().id() == partner.id())
        .findFirst().orElse(null);
  }
}
