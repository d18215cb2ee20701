package org.unesco.aspnet.projects.internal;

import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.projects.Campaign;

/**
 * Who may do what with a campaign (docs/campaign-modules.md, "Who may do what"). What concerns a
 * school (join, leave, submit for it, see its pending submissions) goes through the platform's
 * {@link Authorizer} with the school as target; what concerns a campaign follows its owner: HQ
 * for all, the NC of a national campaign's country, the campaign's coordinators
 * ({@code CAMPAIGN_COORDINATOR} scoped to it), and for moderation also the NC of the submitting
 * school's country.
 */
final class CampaignAccess {
  private CampaignAccess() {}

  static boolean hq(Principal p) {
    return p.has(Role.HQ_OFFICER);
  }

  /** HQ creates global campaigns, an NC national ones of their own country. */
  static boolean mayCreate(Principal p, String country) {
    return hq(p) || (country != null && p.coordinates(country));
  }

  static boolean coordinatesCampaign(Principal p, long campaign) {
    String id = String.valueOf(campaign);
    for (Grant g : p.grants()) {
      if (g.role() == Role.CAMPAIGN_COORDINATOR && id.equals(g.campaign())) {
        return true;
      }
    }
    return false;
  }

  /** Edit the campaign, see every submission and participant, moderate everything. */
  static boolean manages(Principal p, Campaign c) {
    return manages(p, c.id(), c.country());
  }

  /** As above, for campaign {@code id} of {@code country} (null: a global one). */
  static boolean manages(Principal p, long id, String country) {
    return hq(p) || (country != null && p.coordinates(country)) || coordinatesCampaign(p, id);
  }

  /**
   * See every school that takes part, whatever the directory shows them: HQ, and the campaign's
   * coordinators, who run it across countries. Everyone else (the NC of a national campaign too)
   * sees the participants and submissions of the schools the directory shows them
   * ({@code SchoolService.visible}, from the school's current data), so that a candidate moved to
   * another country, or a suspended school, is not named to those who may no longer see it.
   */
  static boolean seesEverySchool(Principal p, Campaign c) {
    return hq(p) || coordinatesCampaign(p, c.id());
  }

  /** Moderate a submission of a school of {@code schoolCountry}. */
  static boolean moderates(Principal p, Campaign c, String schoolCountry) {
    return manages(p, c) || p.coordinates(schoolCountry);
  }

  static Target school(String country, String unit, long school) {
    return Target.school(country, unit, String.valueOf(school));
  }

  /** Act for a school: join, leave, submit. */
  static boolean actsFor(Authorizer authorizer, Principal p, Target school) {
    return authorizer.allows(p, Action.EDIT_SCHOOL, school);
  }

  static ProblemException refused(Principal p, String detail) {
    return p.isAnonymous() ? ProblemException.unauthorized("Sign in to do this") : ProblemException.forbidden(detail);
  }

  /** Where the public sent no revision: their change is refused 401 before any revision is compared. */
  private static final int NONE_READ = -1;

  /**
   * The revision {@code p} read, from If-Match (428 without it), asked of who is signed in only: the
   * public is refused 401 by the change itself (after a body's wrong types, api.md), not told 428
   * about a precondition of a change it may not make.
   */
  static int revisionRead(Principal p, jakarta.servlet.http.HttpServletRequest request) {
    return p.isAnonymous() ? NONE_READ : org.unesco.aspnet.web.Revisions.expected(request);
  }
}
