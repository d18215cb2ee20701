package org.unesco.aspnet.core;

/** What a person does in the network; each role holds within a scope (see {@link Grant}). */
public enum Role {
  /** Installs plugins and configures the installation. */
  PLATFORM_ADMIN,
  /** UNESCO HQ: certifies members, runs global projects, sees everything. */
  HQ_OFFICER,
  /** Runs one country's national network. Scope: country. */
  NATIONAL_COORDINATOR,
  /** Runs one unit (a Land, an académie) of a country. Scope: country and unit. */
  SUBNATIONAL_COORDINATOR,
  /** Moderates one campaign or project. Scope: campaign. */
  CAMPAIGN_COORDINATOR,
  /** The school's contact person, who can hand the role on. Scope: school (and its country). */
  SCHOOL_FOCAL_POINT,
  /** A teacher of the school. Scope: school (and its country). */
  SCHOOL_STAFF
}
