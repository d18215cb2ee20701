package org.unesco.aspnet.projects;

import java.util.List;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

/** An installed campaign module as clients see it: key, name, phases and submission schema. */
public record CampaignModuleInfo(String key, String name, List<PhaseDefinition> phases, SubmissionSchema schema) {}
