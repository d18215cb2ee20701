/**
 * The UI extension point: a plugin registers a {@link org.unesco.aspnet.ui.UiPage} service and
 * the web UI adds its page and navigation entry. See docs/ui.md.
 */
@Version("1.0.0")
@Export
package org.unesco.aspnet.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
