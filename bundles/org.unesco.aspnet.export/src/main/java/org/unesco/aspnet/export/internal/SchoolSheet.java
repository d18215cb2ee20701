package org.unesco.aspnet.export.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.FormulaGuard;
import org.unesco.aspnet.export.TableReader;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.membership.bulk.ImportRow;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.web.Json;

/**
 * A school import file on disk, read as rows of schools as many times as needed (count, check,
 * write) without holding it in memory. Columns are matched by header ({@link Headers}); lists are
 * separated by {@code ;} (or {@code ,} or {@code |}); a cell guarded against formula injection
 * comes back without its apostrophe. A row without a country (no column, or an empty cell) takes
 * {@code defaultCountry}.
 * A row with more cells than the header is an error of that row (empty cells at its end aside).
 * Each row carries the columns the file has: a row with the id of a known school updates only those.
 * What it says of a cell, a row or the header is in the importer's language ({@link ImportMessages}).
 */
final class SchoolSheet implements SchoolImport.Source {
  static final List<String> REQUIRED = List.of("name", "city", "address", "levels", "email");

  private final TableReader reader;
  private final Path file;
  private final String defaultCountry;
  /** The importer's language (a code such as fr, or null): the words of every error found reading the file. */
  private final String language;
  /** Column index of each field found, in header order. */
  private final Map<String, Integer> columns = new LinkedHashMap<>();
  private final List<String> ignored = new ArrayList<>();
  /** Each field found, by the header the file gives it ("Numéro UAI" for nationalId): the report's words. */
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final int headerCells;
  /** Columns whose header is empty: a value under one would be dropped unseen. */
  private final List<Integer> unnamed = new ArrayList<>();
  /** The fields the file has a column for, as each row carries them ({@link ImportRow#columns}). */
  private final java.util.Set<String> present;

  SchoolSheet(TableReader reader, Path file, String defaultCountry) throws IOException {
    this(reader, file, defaultCountry, Map.of());
  }

  /** As above; {@code profileHeaders}: the national profiles' labels a header may use ({@link Headers#field}). */
  SchoolSheet(TableReader reader, Path file, String defaultCountry, Map<String, String> profileHeaders) throws IOException {
    this(reader, file, defaultCountry, profileHeaders, null);
  }

  /**
   * As above, for an importer who reads {@code language} (a code such as fr, from the request; null
   * for English): the file is read and its errors told in it.
   */
  SchoolSheet(TableReader reader, Path file, String defaultCountry, Map<String, String> profileHeaders, String language)
      throws IOException {
    this.reader = reader;
    this.file = file;
    this.defaultCountry = defaultCountry;
    this.language = language;
    try (InputStream in = Files.newInputStream(file); TableReader.Rows rows = reader.open(in, language)) {
      List<String> header = rows.next();
      if (header == null) {
        throw ProblemException.badRequest(ImportMessages.get(language, "empty"));
      }
      headerCells = header.size();
      List<FieldError> twice = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        String field = Headers.field(header.get(i), profileHeaders);
        if (field != null && columns.containsKey(field)) {
          // students and Élèves: which one holds the value? Reading the first would drop the other's
          twice.add(new FieldError(field, ImportMessages.get(language, "twice", header.get(columns.get(field)),
              String.valueOf(columns.get(field) + 1), header.get(i), String.valueOf(i + 1))));
        } else if (field != null) {
          columns.put(field, i);
          headers.put(field, header.get(i).strip());
        } else if (!header.get(i).isBlank()) {
          ignored.add(header.get(i));
        } else {
          unnamed.add(i);
        }
      }
      if (!twice.isEmpty()) {
        throw ProblemException.validation(twice);
      }
    }
    present = java.util.Set.copyOf(columns.keySet());
    List<String> missing = new ArrayList<>(REQUIRED.stream().filter(f -> !columns.containsKey(f)).toList());
    if (!columns.containsKey("country") && defaultCountry == null) {
      missing.add("country");
    }
    // A file with ids may be the few columns an NC corrects (id, name, city): a row updating a school
    // keeps what the file has no column for, and a row creating one is told each missing value.
    if (!missing.isEmpty() && !columns.containsKey("id")) {
      throw ProblemException.validation(missing.stream()
          .map(f -> new FieldError(f, ImportMessages.get(language, f.equals("country") ? "noCountryColumn" : "noColumn", f)))
          .toList());
    }
  }

  Map<String, Integer> columns() {
    return columns;
  }

  List<String> ignored() {
    return ignored;
  }

  /** The file's header of each field found, in header order. */
  Map<String, String> headers() {
    return headers;
  }

  /** The number of data rows. */
  int count() throws IOException {
    int n = 0;
    try (InputStream in = Files.newInputStream(file); TableReader.Rows rows = reader.open(in, language)) {
      rows.next();
      for (List<String> r = rows.next(); r != null; r = rows.next()) {
        if (!blank(r)) {
          n++;
        }
      }
    }
    return n;
  }

  /** The passes not read to their end (one stopped by an error): closed with the sheet. */
  private final java.util.Set<java.io.Closeable> unfinished = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Closes what passes that stopped half-way left open (a reader may hold a temporary file). */
  void close() {
    for (java.io.Closeable c : unfinished) {
      try {
        c.close();
      } catch (IOException | RuntimeException ignored) {
        // the job is over; the reader's file goes with the temporary folder
      }
    }
    unfinished.clear();
  }

  @Override
  public Iterator<ImportRow> open() {
    InputStream in;
    TableReader.Rows rows;
    java.io.Closeable pass;
    try {
      in = Files.newInputStream(file);
      try {
        rows = reader.open(in, language);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
      pass = () -> {
        try (in) {
          rows.close();
        }
      };
      unfinished.add(pass);
      rows.next(); // header
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Iterator<>() {
      private ImportRow next = advance();

      private ImportRow advance() {
        try {
          for (List<String> r = rows.next(); r != null; r = rows.next()) {
            if (!blank(r)) {
              return row(rows.line(), r);
            }
          }
          unfinished.remove(pass);
          pass.close();
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public ImportRow next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        ImportRow r = next;
        next = advance();
        return r;
      }
    };
  }

  ImportRow row(int line, List<String> cells) {
    List<FieldError> errors = new ArrayList<>();
    int used = cells.size();
    while (used > 0 && cells.get(used - 1).isBlank()) {
      used--;
    }
    if (used > headerCells) {
      // a cell under no header would be dropped unseen (a comma in an unquoted address, say)
      errors.add(new FieldError("cells", ImportMessages.get(language, "cells", String.valueOf(line), String.valueOf(used),
          String.valueOf(headerCells))));
    }
    for (int i : unnamed) {
      if (i < cells.size() && !cells.get(i).isBlank()) {
        errors.add(new FieldError("cells", ImportMessages.get(language, "unnamed", String.valueOf(line), String.valueOf(i + 1))));
        break;
      }
    }
    for (Map.Entry<String, Integer> column : columns.entrySet()) {
      int i = column.getValue();
      if (i < cells.size() && Json.badCharacter(cells.get(i)) >= 0) {
        // the check of a JSON body: stored, a NUL would end up as a raw byte in every export
        // (unpaired surrogates, which it also finds, do not come out of UTF-8 or XML decoding)
        errors.add(new FieldError(column.getKey(), ImportMessages.get(language, "control")));
      }
    }
    String country = text(cells, "country");
    SchoolInput school = new SchoolInput(
        text(cells, "name"),
        country == null ? defaultCountry : country,
        text(cells, "unit"),
        text(cells, "city"),
        text(cells, "address"),
        decimal(cells, "latitude", errors),
        decimal(cells, "longitude", errors),
        codes(cells, "levels", Level.class, errors),
        codes(cells, "themes", Theme.class, errors),
        list(cells, "languages"),
        whole(cells, "students", errors),
        whole(cells, "teachers", errors),
        text(cells, "email"),
        text(cells, "website"),
        text(cells, "nationalId"),
        extraFields(cells));
    return new ImportRow(line, id(cells, errors), school, errors, present);
  }

  /** Digits 0-9 then a dot or comma and digits: a number as a whole-number column reads one. */
  private static final java.util.regex.Pattern DIGITS_FRACTION = java.util.regex.Pattern.compile("([0-9]+)[.,]([0-9]+)");

  /**
   * The row's id, read as whole-number cells are (40.0 is 40, as a spreadsheet writes it; 40.5 and
   * 1.000 are errors on id). Digits 0-9 only (parseLong would take "+7" and "٧" for 7): any other
   * cell is an id of another system, and the row is a new school.
   */
  private Long id(List<String> cells, List<FieldError> errors) {
    String v = text(cells, "id");
    if (v == null) {
      return null;
    }
    String digits = v;
    java.util.regex.Matcher m = DIGITS_FRACTION.matcher(v);
    if (m.matches()) {
      if (GROUPED.matcher(v).matches()) {
        errors.add(new FieldError("id", ImportMessages.get(language, "ambiguous", shown(v))));
        return null;
      }
      if (!m.group(2).chars().allMatch(ch -> ch == '0')) {
        errors.add(new FieldError("id", ImportMessages.get(language, "notWhole", shown(v))));
        return null;
      }
      digits = m.group(1);
    }
    if (digits.length() <= 18 && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return Long.parseLong(digits);
    }
    return null;
  }

  /** The national profile's fields, as text: the import types them as the profile declares. */
  private Map<String, Object> extraFields(List<String> cells) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> c : columns.entrySet()) {
      if (c.getKey().startsWith(Headers.EXTRA)) {
        String v = text(cells, c.getKey());
        if (v != null) {
          fields.put(c.getKey().substring(Headers.EXTRA.length()), v);
        }
      }
    }
    return fields;
  }

  private String text(List<String> cells, String field) {
    Integer i = columns.get(field);
    if (i == null || i >= cells.size()) {
      return null;
    }
    String v = FormulaGuard.unguard(cells.get(i).strip());
    return v.isEmpty() ? null : v;
  }

  private Double decimal(List<String> cells, String field, List<FieldError> errors) {
    String v = text(cells, field);
    if (v == null) {
      return null;
    }
    try {
      // 48,85 as written with a French or Spanish decimal comma
      double d = Double.parseDouble(v.indexOf('.') < 0 ? v.replace(',', '.') : v);
      if (Double.isNaN(d)) {
        throw new NumberFormatException(v);
      }
      // 1e400 is a number beyond every range: the field's own check says which (-90 to 90), as for JSON
      return Double.isInfinite(d) ? Math.copySign(Double.MAX_VALUE, d) : d;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, ImportMessages.get(language, "notNumber", shown(v))));
      return null;
    }
  }

  /** A cell as a message quotes it: its start when long (a report of a file's errors is kept an hour). */
  static String shown(String cell) {
    return cell.codePointCount(0, cell.length()) <= 60 ? cell : cell.substring(0, cell.offsetByCodePoints(0, 60)) + "…";
  }

  /**
   * A whole number with a dot or a comma before each group of three digits (1.000, 1,000, 12.345.678):
   * a thousands separator in one file (Excel in German or Spanish settings writes 1.000 for a
   * thousand), a decimal point or comma in another, where 1.000 is one.
   */
  private static final java.util.regex.Pattern GROUPED = java.util.regex.Pattern.compile("[+-]?[0-9]{1,3}([.,][0-9]{3})+");

  private Integer whole(List<String> cells, String field, List<FieldError> errors) {
    String v = text(cells, field);
    if (v == null) {
      return null;
    }
    String digits = v.replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
    if (GROUPED.matcher(digits).matches()) {
      // which one is not in the cell: never read silently as 1, nor guessed as 1000
      errors.add(new FieldError(field, ImportMessages.get(language, "ambiguous", shown(v))));
      return null;
    }
    try {
      // 640 or 640.0, and 640,0 with a decimal comma as decimal() reads it
      double d = Double.parseDouble(digits.indexOf('.') < 0 ? digits.replace(',', '.') : digits);
      if (d == Math.rint(d)) {
        // 640 or 640.0 (a spreadsheet number); beyond an int (2147483648, 1e400), the field's own
        // check refuses it with its range, as for JSON, rather than calling it no number. Safe
        // while every whole-number column has a maximum below Integer.MAX_VALUE (students and
        // teachers: SchoolValidator.COUNT_MAX); a column without one must refuse it here instead
        return Math.abs(d) < Integer.MAX_VALUE ? (int) d : d > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      }
    } catch (NumberFormatException e) {
      // below
    }
    errors.add(new FieldError(field, ImportMessages.get(language, "notWhole", shown(v))));
    return null;
  }

  private List<String> list(List<String> cells, String field) {
    String v = text(cells, field);
    if (v == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String part : v.split("[;,|]")) {
      if (!part.isBlank()) {
        items.add(part.strip());
      }
    }
    return items;
  }

  private <E extends Enum<E>> List<E> codes(List<String> cells, String field, Class<E> type, List<FieldError> errors) {
    List<E> values = new ArrayList<>();
    List<String> names = list(cells, field);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      String inWords = Headers.code(names.get(i));
      try {
        values.add(Enum.valueOf(type, inWords != null && isConstant(type, inWords) ? inWords : name));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(field + "[" + i + "]", ImportMessages.get(language, "oneOf", shown(names.get(i)),
            String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()))));
      }
    }
    return values;
  }

  private static <E extends Enum<E>> boolean isConstant(Class<E> type, String name) {
    return java.util.Arrays.stream(type.getEnumConstants()).anyMatch(e -> e.name().equals(name));
  }

  private static boolean blank(List<String> row) {
    for (String c : row) {
      if (!c.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
