/**
 * Shared API of the ASPnet Platform: problem details (RFC 9457), health checks, who is acting
 * ({@link org.unesco.aspnet.core.Principal}), the authorization policy and the audit log.
 */
@Version("1.4.0")
@Export
package org.unesco.aspnet.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
