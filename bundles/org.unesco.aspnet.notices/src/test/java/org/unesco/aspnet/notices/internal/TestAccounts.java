package org.unesco.aspnet.notices.internal;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.security.Accounts;

/** Accounts for this bundle's tests: only who wants notices is asked; anything else is a mistake of the test. */
final class TestAccounts implements Accounts {
  @Override
  public java.util.Optional<org.unesco.aspnet.core.Principal> active(String accountId) {
    return java.util.Optional.empty();
  }

  /** The people who hold {@code role} in {@code country} and {@code school} (null: any) and want notices. */
  @FunctionalInterface
  interface Recipients {
    List<Recipient> of(Role role, String country, String school);
  }

  private final Recipients recipients;

  TestAccounts(Recipients recipients) {
    this.recipients = recipients;
  }

  @Override
  public List<Recipient> noticeRecipients(Role role, String country, String school) {
    return recipients.of(role, country, school);
  }

  @Override
  public String ensure(Principal actor, String email, String name, String language, String password, List<Grant> grants) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void grant(Principal actor, String accountId, Grant grant) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Holder> campaignHolders(Role role, String campaign) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, String> names(Collection<String> accountIds) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void schoolMoved(Connection c, String school, String country, String unit) {
    throw new UnsupportedOperationException();
  }
}
