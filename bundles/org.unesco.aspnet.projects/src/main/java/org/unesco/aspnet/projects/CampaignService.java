package org.unesco.aspnet.projects;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.membership.Page;

/**
 * Campaigns, participation, submissions and moderation. Every change is audited in its own
 * transaction. Problems: 401/403 when the actor may not, 404 for what does not exist (or is not
 * visible), 400 with field errors, 409 for a state that forbids the request, 412 for a stale
 * revision, 503 when the campaign's module is not installed or fails.
 */
@ProviderType
public interface CampaignService {

  /** Campaigns, oldest first; {@code country} and {@code module} filter when not null. */
  Page<Campaign> campaigns(Principal actor, String country, String module, int limit, String cursor);

  Campaign campaign(Principal actor, long id);

  /** HQ creates global campaigns (country null), an NC national ones of their country. */
  Campaign create(Principal actor, CampaignInput input);

  /** Changes the non-null fields of {@code changes} if the campaign is still at {@code expectedRevision}. */
  Campaign update(Principal actor, long id, int expectedRevision, CampaignInput changes);

  /** The campaign's coordinators by name (their emails for signed-in people only). */
  List<Coordinator> coordinators(Principal actor, long campaign);

  /**
   * The participating schools {@code actor} may see, with the directory's current name, city and
   * country; {@code country} filters on the current country when not null.
   */
  Page<Participant> participants(Principal actor, long campaign, String country, int limit, String cursor);

  /**
   * Whether {@code school} takes part in {@code campaign}, as {@code actor} may see it: empty when
   * it does not, or when the school is not visible to them (as in {@link #participants}).
   *
   * @since 1.1
   */
  java.util.Optional<Participant> participant(Principal actor, long campaign, long school);

  /** A school joins (its staff, its coordinators or HQ); the campaign must be open and the school eligible. */
  Participant join(Principal actor, long campaign, long school);

  /** A school leaves; its submissions stay. */
  void leave(Principal actor, long campaign, long school);

  /**
   * Submissions, newest first: the approved ones for everyone, the others for the school's people
   * and the campaign's moderators; never those of a school {@code actor} may not see (a candidate,
   * a suspended school for the public), which also answer 404 one by one.
   */
  Page<Submission> submissions(
      Principal actor, long campaign, SubmissionStatus status, String country, Long school, int limit, String cursor);

  Submission submission(Principal actor, long campaign, long id);

  /**
   * A participating school reports an activity; it waits for moderation. Without a school, nothing
   * is written: the answer is a 400 listing every error of the report, the missing school among them.
   */
  Submission submit(Principal actor, long campaign, SubmissionInput input);

  /**
   * The school's people (or its coordinators) take back a report that is not public: pending, or
   * rejected. An approved report stays; a moderator may reject it. The removal is audited with
   * what the report said.
   *
   * @param expectedRevision the revision read, or null; a stale one is a 412
   * @since 1.2
   */
  void withdraw(Principal actor, long campaign, long id, Integer expectedRevision);

  /**
   * A moderator approves or rejects (with a comment) a submission.
   *
   * @param expectedRevision the revision read, or null: then a pending submission is decided, and a
   *     decided one only restated (the same decision and comment leave it as it is; anything else
   *     is a 428, since the caller has not seen what was decided)
   */
  Submission moderate(
      Principal actor, long campaign, long id, SubmissionStatus decision, String comment, Integer expectedRevision);

  /**
   * The public aggregates of the approved submissions {@code actor} may see (those of the schools
   * their list shows): the whole campaign, per UNESCO region, per country and, when {@code
   * perSchool}, per school; plus the module's public summary.
   */
  Map<String, Object> summary(Principal actor, long campaign, Locale language, boolean perSchool);

  /**
   * The campaign module of a campaign as clients see it (phases, submission schema); null for a
   * campaign without a module.
   *
   * @throws org.unesco.aspnet.core.ProblemException 503 when the module is not installed or fails
   */
  CampaignModuleInfo moduleOf(Principal actor, long campaign, Locale language);

  /** The installed campaign modules. */
  List<CampaignModuleInfo> modules(Locale language);
}
