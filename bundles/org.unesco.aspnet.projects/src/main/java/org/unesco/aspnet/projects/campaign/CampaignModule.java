package org.unesco.aspnet.projects.campaign;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.service.component.annotations.ComponentPropertyType;
import org.unesco.aspnet.core.FieldError;

/**
 * A campaign module: the part of a global initiative that differs from one campaign to another.
 * Register it as an OSGi service with its key:
 *
 * <pre>{@code
 * @Component
 * @CampaignModule.Campaign("trash-hack")
 * public final class TrashHack implements CampaignModule { ... }
 * }</pre>
 *
 * The platform stores submissions (their metrics as JSON, whatever the module), enforces who may
 * submit and moderate, and keeps everything when the module leaves: its campaigns become
 * read-only and come back to life with it. Every call is isolated: a module that throws or takes
 * too long fails only its own campaigns' requests (503), never another campaign or the core.
 *
 * <p>Metrics arrive as plain JSON values: {@link Map} (objects), {@link List} (arrays), {@link
 * String}, {@link Number}, {@link Boolean} or null. Methods must be thread-safe and fast.
 */
@ConsumerType
public interface CampaignModule {

  /** The service property that names a module's key, e.g. {@code trash-hack}. */
  String KEY_PROPERTY = "aspnet.campaign";

  /**
   * The key of a campaign module: {@code @CampaignModule.Campaign("trash-hack")} sets the service
   * property {@value CampaignModule#KEY_PROPERTY}. Lower case letters, digits and dashes.
   */
  @ComponentPropertyType
  @Retention(RetentionPolicy.CLASS)
  @java.lang.annotation.Target(ElementType.TYPE)
  @interface Campaign {
    String PREFIX_ = "aspnet.";

    String value();
  }

  /** The module's name for people, in {@code language} when it can (English otherwise). */
  String name(Locale language);

  /**
   * The phases a campaign of this module goes through, in order (Trash Hack: observe, act,
   * reflect, celebrate). A campaign gives each its dates; a submission names the phase it belongs
   * to. Empty when the module has no phases.
   */
  List<PhaseDefinition> phases();

  /** What a submission's {@code metrics} object holds; published to clients as a form description. */
  SubmissionSchema schema();

  /**
   * Checks the metrics of a submission (and anything else of it the module cares about). The
   * platform has checked already what it owns: the school takes part, the date is not in the
   * future, the media links and the parental consent.
   *
   * @return every problem found, each naming its field as a path below {@code metrics} such as
   *     {@code metrics.waste[0].mass}; empty when the submission is valid
   */
  List<FieldError> validate(Report report);

  /**
   * The totals of a group of approved submissions: one school, one country, one UNESCO region or
   * the whole campaign (the platform does the grouping and calls this once per group). Values
   * must be JSON values (maps, lists, strings, numbers, booleans).
   */
  Map<String, Object> aggregate(Collection<Report> approved);

  /**
   * The public summary of a campaign: a short set of headline figures derived from the
   * campaign's totals (what {@link #aggregate} returned for all of its approved submissions).
   * By default the totals themselves.
   */
  default Map<String, Object> summary(Map<String, Object> totals, Locale language) {
    return totals;
  }
}
