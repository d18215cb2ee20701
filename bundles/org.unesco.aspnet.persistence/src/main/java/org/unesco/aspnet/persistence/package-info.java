/**
 * The platform's database: one pooled {@link javax.sql.DataSource}, transactions, and schema
 * migrations that each bundle carries for its own tables.
 */
@Version("1.1.0")
@Export
package org.unesco.aspnet.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
