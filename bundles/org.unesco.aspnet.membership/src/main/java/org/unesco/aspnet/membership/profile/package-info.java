/**
 * The NationalProfile extension point: what a national network adds to the core membership model
 * (extra school fields, cross-field rules, a national status ladder, sub-national units, label
 * overrides, extra annual-report questions). A plugin registers one {@link
 * org.unesco.aspnet.membership.profile.NationalProfile} service per country; the core stores and
 * validates the values, so a profile needs no schema of its own. See docs/national-profiles.md.
 */
@Version("1.1.0")
@Export
package org.unesco.aspnet.membership.profile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
