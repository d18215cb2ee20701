package org.unesco.aspnet.core;

/** What someone wants to do; {@link Authorizer} decides, against the table in docs/security.md. */
public enum Action {
  /** See a member school's public profile, public projects and statistics. Anyone. */
  VIEW_PUBLIC,
  /** See contacts, candidates and other non-public data of a school. */
  VIEW_SCHOOL,
  /** Edit a school's profile, submit its reports. */
  EDIT_SCHOOL,
  /** Put an application under national review, recommend or reject it. */
  REVIEW_APPLICATION,
  /** Certify, send back, suspend, mark dormant, withdraw or reinstate a membership. */
  DECIDE_MEMBERSHIP,
  /** Export or list the non-public data of a country. */
  VIEW_COUNTRY,
  /** Keep a country's National Commission and coordinator contacts (HQ; the country's NC). */
  EDIT_NATIONAL_NETWORK,
  /** Correct reference data such as a country's UNESCO region. */
  EDIT_REFERENCE_DATA,
  /** Read the audit log (HQ: all; NC: their country). */
  VIEW_AUDIT,
  /** Install, update, remove plugins; see their list. */
  MANAGE_PLATFORM,
  /** Invite National Coordinators, manage coordinators. */
  MANAGE_COORDINATORS,
  /** Invite staff of a school of a country. */
  INVITE_SCHOOL_STAFF
}
