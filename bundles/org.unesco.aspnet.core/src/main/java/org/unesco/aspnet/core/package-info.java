/** Shared API of the ASPnet Platform: problem details (RFC 9457) and health checks. */
@Version("1.0.0")
@Export
package org.unesco.aspnet.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
