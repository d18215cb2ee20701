/**
 * The export SPI of the ASPnet Platform. A plugin adds a file format with an {@link Exporter}
 * service ({@code @ExportFormat("xlsx")}), a dataset with a {@link Dataset} service ({@code
 * @ExportDataset("participations")}), and a file type that imports read with a {@link
 * TableReader} service. Rows stream from the database to the response: nothing here holds a whole
 * dataset.
 */
@Version("1.2.0")
@Export
package org.unesco.aspnet.export;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
