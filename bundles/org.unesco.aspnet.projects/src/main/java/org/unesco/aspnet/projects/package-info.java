/**
 * Projects, initiatives and campaigns of the ASPnet Platform: participation of schools,
 * submissions and their moderation, public summaries. Every service operation takes the acting
 * {@link org.unesco.aspnet.core.Principal} first. The extension point for campaign plugins is
 * {@link org.unesco.aspnet.projects.campaign.CampaignModule}. The calendar of international days
 * ({@link org.unesco.aspnet.projects.InternationalDays}) is read by all and kept by HQ.
 */
@Version("1.4.0")
@Export
package org.unesco.aspnet.projects;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
