package org.unesco.aspnet.security;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;

/**
 * Accounts for other bundles: the demo data set, an application that names its focal point, a
 * campaign that lists its coordinators.
 */
@ProviderType
public interface Accounts {

  /**
   * Creates an account with the given roles, or adds the roles it lacks to the account that has
   * this email already (its password stays as it is); audited as done by {@code actor}. Nothing
   * is written when the account exists with every role, so calling it again is harmless.
   *
   * @return the account id
   */
  String ensure(Principal actor, String email, String name, String language, String password, List<Grant> grants);

  /** Adds a role to an existing account, audited as done by {@code actor}. */
  void grant(Principal actor, String accountId, Grant grant);

  /** Someone who holds a role, as other bundles may show them (a campaign's coordinators). */
  record Holder(String accountId, String name, String email) {}

  /**
   * The people who hold {@code role} for {@code campaign}, by name; disabled accounts are left out.
   * The caller decides what of them it shows to whom (emails are not for the public).
   */
  List<Holder> campaignHolders(org.unesco.aspnet.core.Role role, String campaign);

  /**
   * The names of accounts by id, e.g. to say who made each move of a membership's history; ids
   * of accounts that no longer exist (or of the platform itself) are left out.
   *
   * @since 1.2
   */
  java.util.Map<String, String> names(java.util.Collection<String> accountIds);

  /** Someone to tell about a change, in their language (an email notice). @since 1.3 */
  record Recipient(String accountId, String name, String email, String language) {}

  /**
   * The people who hold {@code role}, narrowed to {@code country} and to {@code school} when they
   * are given (null: any), and who want membership notices (their preference, {@code PUT
   * /api/v1/me/preferences}): a country's National Coordinators, a school's staff, every HQ officer.
   * Disabled accounts are left out.
   *
   * @since 1.3
   */
  List<Recipient> noticeRecipients(org.unesco.aspnet.core.Role role, String country, String school);

  /**
   * Moves the roles held for {@code school} (its focal point and staff), and the invitations to
   * them not yet accepted, to the school's new {@code country} and {@code unit}, on the connection
   * of the move so that both commit together: the coordinators who may invite, reset or read the
   * audit of a school's people are those of where the school is now, not of where it was.
   *
   * @since 1.4
   */
  void schoolMoved(java.sql.Connection c, String school, String country, String unit) throws java.sql.SQLException;

  /**
   * Who acts as the account now, with the roles it holds now: for work done later on someone's
   * behalf (a webhook delivers only what its owner may still read). Empty when the account no
   * longer exists or is disabled.
   *
   * @since 1.5
   */
  java.util.Optional<Principal> active(String accountId);
}
