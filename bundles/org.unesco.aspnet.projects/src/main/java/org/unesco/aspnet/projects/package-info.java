/**
 * Projects, initiatives and campaigns of the ASPnet Platform: participation of schools,
 * submissions and their moderation, public summaries. Every service operation takes the acting
 * {@link org.unesco.aspnet.core.Principal} first. The extension point for campaign plugins is
 * {@link org.unesco.aspnet.projects.campaign.CampaignModule}.
 */
@Version("1.3.0")
@Export
package org.unesco.aspnet.projects;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
