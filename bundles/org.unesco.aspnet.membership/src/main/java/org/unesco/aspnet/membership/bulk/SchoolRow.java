package org.unesco.aspnet.membership.bulk;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One school as a whole-directory read sees it: a view of the current database row, valid only
 * while the {@link SchoolRows.Handler} runs (copy what you keep). Lighter than {@link
 * org.unesco.aspnet.membership.School}: nothing is built that an export does not write.
 */
@ProviderType
public interface SchoolRow {
  long id();

  String name();

  String country();

  String unit();

  String city();

  String address();

  Double latitude();

  Double longitude();

  /** Level codes such as {@code SECONDARY}. */
  List<String> levels();

  /** Theme codes such as {@code ESD}. */
  List<String> themes();

  List<String> languages();

  Integer students();

  Integer teachers();

  String email();

  String website();

  String nationalId();

  /** The current membership status, e.g. {@code MEMBER}. */
  String status();

  /** The current membership, null for none. */
  Long membershipId();

  /** The values of the extra fields of national profiles, by key (empty for none). */
  java.util.Map<String, Object> fields();
}
