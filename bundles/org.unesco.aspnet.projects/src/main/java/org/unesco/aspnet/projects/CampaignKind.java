package org.unesco.aspnet.projects;

/** What HQ or an NC runs: all three work the same way; the word is what the network calls it. */
public enum CampaignKind {
  PROJECT,
  INITIATIVE,
  CAMPAIGN
}
