/**
 * Whole-directory work for exports and imports: streaming reads of schools, memberships and
 * annual reports within the caller's scope, and the checked, all-or-none import of schools.
 * Separate from the paged API so that a million rows never sit in memory.
 */
@Version("1.2.0")
@Export
package org.unesco.aspnet.membership.bulk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
