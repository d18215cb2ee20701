package org.unesco.aspnet.projects;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;

/**
 * The teaching resources of a campaign: read by whoever may read the campaign, kept by those who
 * manage it (HQ, its coordinators, the National Coordinator of a national campaign's country).
 * Every change and its audit entry commit together. Problems: 401/403 when the actor may not, 404
 * for a campaign or resource that does not exist, 400 with field errors, 409 for a link the
 * campaign lists already or a full list, 412 for a stale revision.
 *
 * @since 1.3
 */
@ProviderType
public interface CampaignResources {

  /** How many resources a campaign lists at most. */
  int MAX_PER_CAMPAIGN = 100;

  /** The campaign's resources in the order they were added. */
  List<CampaignResource> resources(Principal actor, long campaign);

  CampaignResource resource(Principal actor, long campaign, long id);

  CampaignResource add(Principal actor, long campaign, CampaignResourceInput input);

  /** Changes the non-null fields of {@code changes} if the resource is still at {@code expectedRevision}. */
  CampaignResource update(Principal actor, long campaign, long id, int expectedRevision, CampaignResourceInput changes);

  /**
   * Takes a resource off the list (what it was stays in the audit log).
   *
   * @param expectedRevision the revision read, or null to remove it whatever it became
   */
  void remove(Principal actor, long campaign, long id, Integer expectedRevision);
}
