package org.unesco.aspnet.projects.internal;

import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.SubmissionStatus;

/**
 * What {@link CampaignStore} checks before it creates or changes a campaign or decides on a
 * submission, checked alone: nothing is written, whatever the answer. {@link CampaignsServlet} runs
 * these rules on the rest of a body some of whose members have the wrong type ({@code
 * Json.read(request, type, rules)}), so that one 400 tells those types with every other field's
 * error. Each check answers as the write would, in the same order: a 400 with the field errors, or
 * the 401, 403 or 404 that comes before them for someone who may not act, who thus learns no more
 * of the rules than the wrong types.
 */
public interface CampaignRules {

  /** What {@code CampaignService.create(actor, input)} would refuse. */
  void checkCreate(Principal actor, CampaignInput input);

  /** What {@code CampaignService.update(actor, id, revision, changes)} would refuse, the revision aside. */
  void checkUpdate(Principal actor, long id, CampaignInput changes);

  /**
   * What {@code CampaignService.moderate(actor, campaign, submission, decision, comment, revision)}
   * would refuse, the revision aside.
   */
  void checkDecision(Principal actor, long campaign, long submission, SubmissionStatus decision, String comment);
}
