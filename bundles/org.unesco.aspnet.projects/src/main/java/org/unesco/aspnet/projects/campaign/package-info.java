/**
 * The campaign module extension point: what a global initiative such as Trash Hack or Sandwatch
 * adds to the platform's campaigns (the metrics of a submission, their validation, their
 * aggregation, the phases and the public summary). A plugin registers a {@link
 * org.unesco.aspnet.projects.campaign.CampaignModule} service with {@code
 * @CampaignModule.Campaign("trash-hack")}; the platform keeps storage, permissions, moderation
 * and exports. See docs/campaign-modules.md.
 */
@Version("1.2.0")
@Export
package org.unesco.aspnet.projects.campaign;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
