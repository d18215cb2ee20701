package org.unesco.aspnet.membership.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.profile.Ladder;

/** The rules of one move on a national ladder, each failing with the reason a person can act on. */
final class StageRules {
  private StageRules() {}

  /** The ladder's move from {@code at} to {@code target}; 409 when there is none (a skipped stage). */
  static Ladder.Move move(Ladder ladder, Ladder.Stage at, Ladder.Stage target, String lang) {
    if (at.code().equals(target.code())) {
      throw ProblemException.conflict(LifecycleMessages.get(lang, "alreadyInStage", label(at, lang)));
    }
    return ladder.moves().stream()
        .filter(m -> m.from().equals(at.code()) && m.to().equals(target.code()))
        .findFirst()
        .orElseThrow(
            () -> {
              String next =
                  ladder.moves().stream()
                      .filter(m -> m.from().equals(at.code()))
                      .map(m -> label(stage(ladder, m.to()), lang))
                      .collect(Collectors.joining(LifecycleMessages.get(lang, "or")));
              return ProblemException.conflict(next.isEmpty()
                  ? LifecycleMessages.get(lang, "lastStage", label(at, lang), label(target, lang))
                  : LifecycleMessages.get(lang, "skipsStage", label(at, lang), label(target, lang), next));
            });
  }

  /**
   * HQ may make any move; otherwise the actor needs a role the move names, in the school's scope:
   * a sub-national coordinator of its unit, a National Coordinator of its country.
   */
  static void requireDecider(Principal actor, Ladder.Move move, Ladder.Stage target, School school, String lang) {
    if (actor.has(Role.HQ_OFFICER)) {
      return;
    }
    for (Grant g : actor.grants()) {
      if (move.decidedBy().contains(g.role()) && inScope(g, school)) {
        return;
      }
    }
    String deciders = move.decidedBy().stream()
        .map(role -> LifecycleMessages.role(lang, role))
        .sorted()
        .collect(Collectors.joining(LifecycleMessages.get(lang, "or")));
    // the unit only when a unit's coordinator may decide: an NC decides for the whole country
    boolean unitDecides = move.decidedBy().contains(Role.SUBNATIONAL_COORDINATOR) && school.unit() != null;
    throw ProblemException.forbidden(LifecycleMessages.get(lang, "stageDeciders", label(target, lang), deciders,
        unitDecides ? school.country() + "-" + school.unit() : school.country()));
  }

  /** 409 when the school has not yet spent the move's minimum time in its stage. */
  static void requireTimeServed(Ladder.Move move, Ladder.Stage at, Instant since, Instant now, String lang) {
    Period minimum = move.minimumTime();
    if (minimum.isZero()) {
      return;
    }
    LocalDate entered = since.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate earliest = entered.plus(minimum);
    if (now.atZone(ZoneOffset.UTC).toLocalDate().isBefore(earliest)) {
      throw ProblemException.conflict(FieldMessages.get(lang, "timeInStage", describe(minimum, lang), label(at, lang),
          entered.toString(), earliest.toString()));
    }
  }

  private static boolean inScope(Grant g, School school) {
    return switch (g.role()) {
      case NATIONAL_COORDINATOR -> Objects.equals(g.country(), school.country());
      case SUBNATIONAL_COORDINATOR ->
          Objects.equals(g.country(), school.country()) && g.unit() != null && g.unit().equals(school.unit());
      case HQ_OFFICER -> true;
      default -> false;
    };
  }

  private static Ladder.Stage stage(Ladder ladder, String code) {
    return ladder.stages().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
  }

  private static String label(Ladder.Stage s, String lang) {
    return "'" + s.label().in(Locale.forLanguageTag(lang), null) + "' (" + s.code() + ")";
  }

  /** "2 years", "1 year and 6 months", "6 months": in words, not as ISO's P1Y6M. */
  static String describe(Period p, String lang) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (p.getYears() != 0) {
      parts.add(FieldMessages.get(lang, "years", p.getYears()));
    }
    if (p.getMonths() != 0) {
      parts.add(FieldMessages.get(lang, "months", p.getMonths()));
    }
    if (p.getDays() != 0 || parts.isEmpty()) {
      parts.add(FieldMessages.get(lang, "days", p.getDays()));
    }
    String last = parts.remove(parts.size() - 1);
    return parts.isEmpty() ? last : String.join(", ", parts) + " " + FieldMessages.get(lang, "and") + " " + last;
  }
}
