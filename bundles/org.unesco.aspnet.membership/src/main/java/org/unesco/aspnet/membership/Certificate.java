package org.unesco.aspnet.membership;

import java.time.Instant;

/**
 * What a membership certificate number stands for, as anyone holding the certificate may check
 * it (a partner school, a funder, a parent). {@code valid} while the membership that got the
 * number is {@link MembershipStatus#MEMBER}; otherwise {@code status} and {@code endedAt} (when it
 * stopped being valid: the move out of membership, a suspension too) say why not. {@code school} names the holder while the certificate is valid, and for a caller who may see
 * the school in the directory; otherwise it is null, so that numbers cannot be tried one after
 * another to list suspended or withdrawn schools.
 */
public record Certificate(
    String number,
    boolean valid,
    MembershipStatus status,
    Instant certifiedAt,
    Instant endedAt,
    Holder school) {

  /** The school that holds a certificate, as the directory shows it now. */
  public record Holder(long id, String name, String city, String country) {}
}
