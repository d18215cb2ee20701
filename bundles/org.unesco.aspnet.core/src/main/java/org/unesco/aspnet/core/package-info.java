/**
 * Shared API of the ASPnet Platform: problem details (RFC 9457), health checks, who is acting
 * ({@link org.unesco.aspnet.core.Principal}), the authorization policy, the audit log, the mail outbox
 * and the fold that search compares ({@link org.unesco.aspnet.core.SearchKey}).
 */
@Version("1.12.0")
@Export
package org.unesco.aspnet.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
