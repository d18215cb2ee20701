package org.unesco.aspnet.membership.profile;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;

/**
 * A national status ladder: the stages a school climbs in its country, each mapped onto a global
 * status, and the moves between them. A school enters the first stage when it applies. A move
 * changes the global status to its stage's {@code status} when that differs (it must then be an
 * allowed global move). HQ may make any move; others need one of {@code decidedBy} in the school's
 * scope (a {@link Role#SUBNATIONAL_COORDINATOR} of its unit, a {@link
 * Role#NATIONAL_COORDINATOR} of its country).
 */
public record Ladder(List<Stage> stages, List<Move> moves) {
  public Ladder {
    stages = List.copyOf(stages);
    moves = List.copyOf(moves);
  }

  /** A rung of the ladder; {@code code} is stored with the membership and never renamed. */
  public record Stage(String code, Texts label, MembershipStatus status) {
    public Stage {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * An allowed move; the school must have spent {@code minimumTime} (may be {@link Period#ZERO})
   * in {@code from} first.
   */
  public record Move(String from, String to, Period minimumTime, Set<Role> decidedBy) {
    public Move {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      minimumTime = minimumTime == null ? Period.ZERO : minimumTime;
      decidedBy = Set.copyOf(decidedBy);
    }
  }
}
