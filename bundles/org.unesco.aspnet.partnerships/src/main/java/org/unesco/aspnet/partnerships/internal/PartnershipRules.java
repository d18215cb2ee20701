package org.unesco.aspnet.partnerships.internal;

import java.util.ArrayList;
import java.util.List;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipStatus;
import org.unesco.aspnet.web.Json;

/**
 * The rules of docs/partnerships.md that need no database: what a proposal and a move must hold,
 * who is concerned by a partnership (sees its message), and who may make which move. Only a
 * school's own people act for it: unlike a school's profile, which its NC may edit too, a
 * partnership is the schools' own word, so the platform's {@code EDIT_SCHOOL} is not asked.
 */
final class PartnershipRules {
  /** The most characters (code points) of a message or a comment. */
  static final int TEXT_MAX = 2000;

  private PartnershipRules() {}

  /** Every mistake of a proposal's fields as they stand, without looking at the schools. */
  static List<FieldError> errors(String language, PartnershipInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in.proposer() == null) {
      errors.add(new FieldError("proposer", PartnershipMessages.get(language, "required")));
    }
    if (in.partner() == null) {
      errors.add(new FieldError("partner", PartnershipMessages.get(language, "required")));
    } else if (in.partner().equals(in.proposer())) {
      errors.add(new FieldError("partner", PartnershipMessages.get(language, "self")));
    }
    if (in.theme() == null) {
      errors.add(new FieldError("theme", PartnershipMessages.get(language, "theme")));
    }
    if (in.message() == null) {
      errors.add(new FieldError("message", PartnershipMessages.get(language, "required")));
    } else {
      text(language, "message", in.message(), true).ifPresent(errors::add);
    }
    return errors;
  }

  /**
   * Every mistake of a move's fields: {@code to} missing or no move (PROPOSED, as {@code moveTo}
   * passes on a value that is no status), and the comment's; so that one 400 tells both.
   */
  static List<FieldError> moveErrors(String language, PartnershipStatus to, String comment) {
    List<FieldError> errors = new ArrayList<>();
    if (to == null || to == PartnershipStatus.PROPOSED) {
      errors.add(new FieldError("to", PartnershipMessages.get(language, to == null ? "required" : "to")));
    }
    errors.addAll(commentErrors(language, comment));
    return errors;
  }

  /** A comment's mistake: longer than {@link #TEXT_MAX}. An empty or invisible comment is no comment. */
  static List<FieldError> commentErrors(String language, String comment) {
    return comment == null ? List.of() : text(language, "comment", comment, false).stream().toList();
  }

  /** A comment as stored: null when it shows nothing. */
  static String comment(String comment) {
    return comment == null || Json.showsNothing(comment) ? null : comment.strip();
  }

  private static java.util.Optional<FieldError> text(String language, String field, String value, boolean required) {
    if (required && Json.showsNothing(value)) {
      return java.util.Optional.of(new FieldError(field, PartnershipMessages.get(language, "blank")));
    }
    if (value.strip().codePointCount(0, value.strip().length()) > TEXT_MAX) {
      return java.util.Optional.of(new FieldError(field, PartnershipMessages.get(language, "length", String.valueOf(TEXT_MAX))));
    }
    return java.util.Optional.empty();
  }

  /** Throws one 400 with {@code errors} unless there are none. */
  static void require(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /** Staff or focal point of school {@code school}, or the platform itself (the demo data). */
  static boolean actsFor(Principal actor, long school) {
    return actor.isSystem() || actor.worksAt(String.valueOf(school));
  }

  /**
   * The two schools' staff, their countries' NCs and HQ: those who read the message and comment
   * and see the partnership whatever its status.
   */
  static boolean concerned(Principal actor, Partnership p) {
    return actor.has(Role.HQ_OFFICER)
        || actsFor(actor, p.proposer().id()) || actsFor(actor, p.partner().id())
        || actor.coordinates(p.proposer().country()) || actor.coordinates(p.partner().country());
  }

  /**
   * Whether {@code actor} may move {@code p} to {@code to}, whatever its current status: the
   * partner school accepts or declines, the proposer withdraws, either school or HQ ends.
   * Null when allowed, else the key of the refusal's message.
   */
  static String refusal(Principal actor, Partnership p, PartnershipStatus to) {
    boolean proposer = actsFor(actor, p.proposer().id());
    boolean partner = actsFor(actor, p.partner().id());
    return switch (to) {
      case ACCEPTED, DECLINED -> partner ? null : "notPartnerStaff";
      case WITHDRAWN -> proposer ? null : "notProposerWithdraw";
      case ENDED -> proposer || partner || actor.has(Role.HQ_OFFICER) ? null : "notEnder";
      case PROPOSED -> "to";
    };
  }

  /** The list's (and the export's) {@code school} filter: a school id, null when blank, else 400 naming it. */
  static Long schoolFilter(String value) {
    return value == null || value.isBlank() ? null : org.unesco.aspnet.web.ApiServlet.idParameter("school", value);
  }

  /** The list's (and the export's) {@code status} filter, as the API writes it; null when blank, else 400 naming it. */
  static PartnershipStatus statusFilter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return PartnershipStatus.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("status", "must be PROPOSED, ACCEPTED, DECLINED, WITHDRAWN or ENDED");
    }
  }

  /** Whether the move to {@code to} is allowed from {@code from}. */
  static boolean allowed(PartnershipStatus from, PartnershipStatus to) {
    return to.from().contains(from);
  }
}
