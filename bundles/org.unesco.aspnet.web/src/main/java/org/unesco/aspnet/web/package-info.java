/**
 * What a bundle needs to add HTTP endpoints: {@link org.unesco.aspnet.web.ApiServlet}, the
 * shared {@link org.unesco.aspnet.web.Json} mapping and {@link
 * org.unesco.aspnet.web.OpenApiFragment}. See docs/extending.md.
 */
@Version("1.14.0")
@Export
package org.unesco.aspnet.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
