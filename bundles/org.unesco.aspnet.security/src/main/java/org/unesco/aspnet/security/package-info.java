/**
 * What other bundles may ask of the security bundle (creating accounts with roles), and what they
 * may tell it (the scopes that exist, {@link org.unesco.aspnet.security.ScopeCatalog}).
 */
@Version("1.5.0")
@Export
package org.unesco.aspnet.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
