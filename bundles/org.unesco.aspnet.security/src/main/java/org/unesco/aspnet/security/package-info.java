/** What other bundles may ask of the security bundle: creating accounts with roles. */
@Version("1.0.0")
@Export
package org.unesco.aspnet.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
