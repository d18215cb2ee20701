package org.unesco.aspnet.export.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.export.TableReader;
import org.unesco.aspnet.membership.CountryService;

/**
 * The export service: the datasets, formats and import readers that bundles register (they come
 * and go with their plugins), and one export run from a dataset through a format to a stream. A
 * format that throws fails its own download and nothing else.
 */
@Component(service = Exports.class)
public final class Exports {
  // keys as the URL /api/v1/exports/{dataset}.{format} reads them (exporters.md)
  private static final Pattern FORMAT_KEY = Pattern.compile("[a-z0-9]+");
  private static final String FORMAT_RULE = "lower-case letters and digits";
  private final Registered<Dataset> datasets = new Registered<>("export dataset", ExportDataset.PROPERTY,
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*"), FORMAT_RULE + ", words joined by dashes");
  private final Registered<Exporter> exporters = new Registered<>("export format", ExportFormat.PROPERTY, FORMAT_KEY, FORMAT_RULE);
  private final Registered<TableReader> readers = new Registered<>("import format", ExportFormat.PROPERTY, FORMAT_KEY, FORMAT_RULE);

  /** Given to the constructor, so that it is there before the first format arrives (two named csv are warned about). */
  final Logger log;

  @org.osgi.service.component.annotations.Activate
  public Exports(@Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
  }

  /** For tests: without a log service. */
  Exports() {
    this(null);
  }

  // Optional as the datasets are: to refuse a country that does not exist ("UK" for GB) rather
  // than export an empty file that looks like a country without schools.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile CountryService countries;

  /** Where a file goes: told the exporter and the file name before the first byte. */
  public interface Destination {
    OutputStream open(Exporter exporter, String fileName) throws IOException;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDataset(Dataset dataset, Map<String, Object> properties) {
    datasets.add(dataset, properties, this::warn);
  }

  void removeDataset(Dataset dataset, Map<String, Object> properties) {
    datasets.remove(dataset, properties);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addExporter(Exporter exporter, Map<String, Object> properties) {
    exporters.add(exporter, properties, this::warn);
  }

  void removeExporter(Exporter exporter, Map<String, Object> properties) {
    exporters.remove(exporter, properties);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addReader(TableReader reader, Map<String, Object> properties) {
    readers.add(reader, properties, this::warn);
  }

  void removeReader(TableReader reader, Map<String, Object> properties) {
    readers.remove(reader, properties);
  }

  private void warn(String message) {
    Logger l = log;
    if (l != null) {
      l.warn(message);
    }
  }

  Map<String, Dataset> datasets() {
    return datasets.current();
  }

  Map<String, Exporter> exporters() {
    return exporters.current();
  }

  Map<String, TableReader> readers() {
    return readers.current();
  }

  /** What {@code GET /api/v1/exports} shows. */
  Map<String, Object> catalogue() {
    List<Map<String, Object>> ds = datasets().entrySet().stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.getKey());
      m.put("description", e.getValue().description());
      m.put("filters", new TreeSet<>(e.getValue().filters()));
      m.put("formats", formats(e.getKey(), e.getValue()));
      m.put("href", "/api/v1/exports/" + e.getKey() + ".{format}");
      return m;
    }).toList();
    List<Map<String, Object>> fs = exporters().entrySet().stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.getKey());
      m.put("mediaType", e.getValue().mediaType());
      m.put("extension", e.getValue().extension());
      m.put("description", e.getValue().description());
      m.put("options", new TreeSet<>(e.getValue().options()));
      return m;
    }).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("datasets", ds);
    body.put("formats", fs);
    body.put("importFormats", new TreeSet<>(readers().keySet()));
    return body;
  }

  /** The formats that write {@code dataset}, judged by the columns it declares: what the listing shows. */
  Set<String> formats(String name, Dataset dataset) {
    Sheet declared = declared(name, dataset);
    Set<String> formats = new TreeSet<>();
    exporters().forEach((format, exporter) -> {
      try {
        if (writes(format, exporter, declared)) {
          formats.add(format);
        }
      } catch (ProblemException failed) {
        // logged: a format that cannot answer is left out of the listing, the others stay
      }
    });
    return formats;
  }

  /** The sheet a dataset promises to every caller: its declared columns, no options. */
  private Sheet declared(String name, Dataset dataset) {
    List<Column> columns;
    try {
      columns = dataset.columns();
    } catch (RuntimeException e) {
      Logger l = log;
      if (l != null) {
        l.error("Export dataset {} failed to declare its columns: {}", name, e.toString(), e);
      }
      columns = null; // then it is listed in the formats that write any dataset
    }
    return new Sheet(name, columns == null ? List.of() : columns, Map.of());
  }

  /**
   * Whether {@code exporter} writes {@code sheet}, as it says: the one check of the listing and
   * the download.
   *
   * @throws ProblemException 500 when the exporter fails to answer
   */
  private boolean writes(String format, Exporter exporter, Sheet sheet) {
    return safe(format, () -> exporter.writes(sheet), false);
  }

  /** The 400 for a dataset that a format does not write, naming the formats that do. */
  private ProblemException notWritten(String name, Dataset dataset, String format, Exporter exporter) {
    return ProblemException.validation("format", format + " cannot write " + name + " ("
        + safe(format, exporter::description, format) + "); " + name + " comes as "
        + String.join(", ", formats(name, dataset).stream().filter(f -> !f.equals(format)).toList()));
  }

  /** A media type string any format answers, for the Accept check. */
  List<String> mediaTypes() {
    return exporters().values().stream().map(e -> e.mediaType().split(";", 2)[0].strip()).distinct().toList();
  }

  /**
   * Streams {@code dataset} in {@code format} to {@code destination}.
   *
   * @return the number of rows written
   * @throws ProblemException 404 for an unknown dataset or format, 400 for an unknown parameter
   */
  long export(Principal actor, String dataset, String format, Map<String, String> parameters, Destination destination)
      throws IOException {
    Dataset d = datasets().get(dataset);
    if (d == null) {
      throw ProblemException.notFound("There is no dataset " + dataset + "; available: " + String.join(", ", datasets().keySet()));
    }
    Exporter exporter = exporters().get(format);
    if (exporter == null) {
      throw ProblemException.notFound("There is no export format " + format + "; available: " + String.join(", ", exporters().keySet()));
    }
    if (!writes(format, exporter, declared(dataset, d))) {
      throw notWritten(dataset, d, format, exporter);
    }
    Set<String> options = safe(format, exporter::options, Set.of());
    Map<String, String> filters = new HashMap<>();
    Map<String, String> chosen = new TreeMap<>();
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      if (d.filters().contains(p.getKey())) {
        filters.put(p.getKey(), p.getValue());
      } else if (options.contains(p.getKey())) {
        chosen.put(p.getKey(), p.getValue());
      } else if (!p.getKey().equals("lang")) {
        TreeSet<String> known = new TreeSet<>(d.filters());
        known.addAll(options);
        throw ProblemException.validation(p.getKey(), "is not a filter of " + dataset + " or an option of " + format
            + "; use " + String.join(", ", known));
      }
    }
    String country = filters.get("country");
    CountryService known = countries;
    if (known != null && country != null && !country.isBlank() && country.strip().matches("[A-Za-z]{2}")
        && !known.exists(country.strip().toUpperCase(Locale.ROOT))) {
      throw ProblemException.validation("country", country.strip() + " is not a UNESCO Member State or Associate Member");
    }
    // the CSV for Excel (bom=true) is named apart: downloaded beside the plain one, it must not replace it
    String bom = chosen.get("bom");
    boolean forExcel = "csv".equals(format) && bom != null && (bom.isBlank() || bom.strip().equalsIgnoreCase("true"));
    String fileName = "aspnet-" + dataset + (country == null || country.isBlank() ? "" : "-" + country.strip().toUpperCase())
        + "-" + LocalDate.now() + (forExcel ? "-excel" : "") + "." + safe(format, exporter::extension, format);
    long[] count = new long[1];
    RowWriter[] open = new RowWriter[1];
    d.export(actor, filters, columns -> {
      if (open[0] != null) {
        throw new IllegalStateException("begin called twice by dataset " + dataset);
      }
      Sheet sheet = new Sheet(dataset, columns, chosen);
      if (!writes(format, exporter, sheet)) {
        throw notWritten(dataset, d, format, exporter); // fewer columns than it declared
      }
      OutputStream out = destination.open(exporter, fileName);
      RowWriter w = guarded(format, () -> exporter.open(sheet, out));
      int[] times = java.util.stream.IntStream.range(0, columns.size())
          .filter(i -> columns.get(i).type() == Column.Type.TIMESTAMP).toArray();
      RowWriter counting = new RowWriter() {
        @Override
        public void row(Object[] values) throws IOException {
          count[0]++;
          for (int i : times) {
            // to the second, in every dataset and format: what a spreadsheet shows and sorts by
            // (stored times carry nanoseconds)
            if (i < values.length && values[i] instanceof java.time.Instant at) {
              values[i] = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            }
          }
          try {
            w.row(values);
          } catch (RuntimeException e) {
            throw failure(format, e);
          }
        }

        @Override
        public void close() throws IOException {
          try {
            w.close();
          } catch (RuntimeException e) {
            throw failure(format, e);
          }
        }
      };
      open[0] = counting;
      return counting;
    });
    if (open[0] != null) {
      open[0].close();
    }
    return count[0];
  }

  private interface Call<T> {
    T call() throws IOException;
  }

  private <T> T guarded(String format, Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (ProblemException p) {
      throw p;
    } catch (RuntimeException e) {
      throw failure(format, e);
    }
  }

  private <T> T safe(String format, java.util.function.Supplier<T> call, T fallback) {
    try {
      T v = call.get();
      return v == null ? fallback : v;
    } catch (RuntimeException e) {
      throw failure(format, e);
    }
  }

  /** A plugin's fault: logged with an incident id, answered 500 for this format only. */
  private ProblemException failure(String format, RuntimeException e) {
    if (e instanceof ProblemException p) {
      return p;
    }
    String incident = UUID.randomUUID().toString().substring(0, 8);
    Logger l = log;
    if (l != null) {
      l.error("Export format {} failed (incident {}): {}", format, incident, e.toString(), e);
    }
    return new ProblemException(500, ProblemException.TYPE_BASE + "internal-error", "Export format failed",
        "The " + format + " exporter failed; other formats are not affected. Incident " + incident,
        List.of(), Map.of("incident", incident, "format", format));
  }

}
