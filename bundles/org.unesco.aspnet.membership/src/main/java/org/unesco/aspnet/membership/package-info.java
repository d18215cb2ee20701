/**
 * Membership API of the ASPnet Platform: countries, schools, applications and the membership
 * lifecycle. Every service operation takes the acting {@link org.unesco.aspnet.core.Principal}
 * first, so that permissions are decided in the services and not only in the UI.
 */
@Version("1.12.0")
@Export
package org.unesco.aspnet.membership;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
