package org.unesco.aspnet.partnerships;

import org.unesco.aspnet.membership.Theme;

/** A proposal: the proposing school, the school it proposes to, the theme and a message (1 to 2000 characters). */
public record PartnershipInput(Long proposer, Long partner, Theme theme, String message) {}
