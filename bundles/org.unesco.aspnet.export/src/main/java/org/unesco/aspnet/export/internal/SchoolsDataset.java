package org.unesco.aspnet.export.internal;

import java.util.LinkedHashMap;
import org.unesco.aspnet.membership.ProfileService;
import org.unesco.aspnet.membership.profile.Field;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Column.Type;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.bulk.SchoolRow;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.bulk.SchoolRows;

/**
 * The school directory: every profile field, the current status and membership. The public gets
 * the member schools without the email column; coordinators and schools their scope; HQ all.
 */
@Component
@ExportDataset("schools")
public final class SchoolsDataset implements Dataset {
  static final List<Column> COLUMNS = List.of(
      new Column("id", "ID", Type.INTEGER),
      new Column("name", "Name", Type.TEXT),
      new Column("country", "Country", Type.TEXT),
      new Column("unit", "Unit", Type.TEXT),
      new Column("city", "City", Type.TEXT),
      new Column("address", "Address", Type.TEXT),
      new Column("latitude", "Latitude", Type.DECIMAL),
      new Column("longitude", "Longitude", Type.DECIMAL),
      new Column("levels", "Levels", Type.LIST),
      new Column("themes", "Themes", Type.LIST),
      new Column("languages", "Languages", Type.LIST),
      new Column("students", "Students", Type.INTEGER),
      new Column("teachers", "Teachers", Type.INTEGER),
      new Column("email", "Email", Type.TEXT),
      new Column("website", "Website", Type.TEXT),
      new Column("nationalId", "National ID", Type.TEXT),
      new Column("status", "Status", Type.TEXT),
      new Column("membershipId", "Membership ID", Type.INTEGER));
  private static final int EMAIL = 13;

  private final SchoolRows rows;
  private final ProfileService profiles;

  @Activate
  public SchoolsDataset(@Reference SchoolRows rows, @Reference ProfileService profiles) {
    this.rows = rows;
    this.profiles = profiles;
  }

  /**
   * The extra fields of the national profiles as columns {@code fields.<key>}: those of the
   * filtered country, or of every country with an active profile. Values of a profile that was
   * removed are not columns until it returns (they stay stored).
   */
  List<Field> extraFields(SchoolQuery query, Set<String> mixed) {
    Map<String, Field> byKey = new LinkedHashMap<>();
    for (String country : query.country() != null ? Set.of(query.country().toUpperCase(java.util.Locale.ROOT)) : profiles.countries()) {
      try {
        profiles.fields(country).forEach(f -> {
          Field first = byKey.putIfAbsent(f.key(), f);
          if (first != null && first.type() != f.type()) {
            mixed.add(f.key()); // one key, two countries, two types: one column, as text (below)
          }
        });
      } catch (org.unesco.aspnet.core.ProblemException unavailable) {
        // a failing profile costs its columns, not the export
      }
    }
    return List.copyOf(byKey.values());
  }

  /**
   * The column of {@code f}; a text column when countries give its key different types
   * ({@code mixed}: Kenya's {@code secteur} a number, France's a choice), so that each country's
   * values are written as they are, not read as the first country's type.
   */
  static Column column(Field f, boolean mixed) {
    String label = f.label().in(java.util.Locale.ENGLISH, null);
    return new Column("fields." + f.key(), label, mixed ? Type.TEXT : switch (f.type()) {
      case NUMBER -> Type.DECIMAL;
      case MULTI_CHOICE -> Type.LIST;
      default -> Type.TEXT;
    });
  }

  static Object value(Field f, Object v, boolean mixed) {
    if (v == null) {
      return null;
    }
    if (mixed) {
      return v instanceof Number n ? Cells.decimal(n.doubleValue()) : Cells.text(v);
    }
    return switch (f.type()) {
      case NUMBER -> v instanceof Number n ? n.doubleValue() : null;
      case MULTI_CHOICE -> v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
      default -> String.valueOf(v);
    };
  }

  @Override
  public String description() {
    return "Schools: profile, status and membership (the public: member schools, without contacts)";
  }

  /** The fixed columns; the public gets them without {@code email} and {@code membershipId}, coordinates included. */
  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Set<String> filters() {
    return DirectoryFilters.NAMES;
  }

  @Override
  public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
    SchoolQuery query = DirectoryFilters.query(filters, profiles, actor.language());
    boolean open = rows.view(actor) != SchoolRows.View.PUBLIC;
    List<Column> columns = new ArrayList<>(COLUMNS);
    if (!open) {
      columns.remove(COLUMNS.size() - 1); // membershipId: not public
      columns.remove(EMAIL);
    }
    Set<String> mixedKeys = new java.util.HashSet<>();
    List<Field> extra = extraFields(query, mixedKeys);
    boolean[] mixed = new boolean[extra.size()];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = mixedKeys.contains(extra.get(i).key());
      columns.add(column(extra.get(i), mixed[i]));
    }
    int core = columns.size() - extra.size();
    RowWriter[] writer = new RowWriter[1];
    Object[] values = new Object[columns.size()];
    rows.schools(actor, query, s -> {
      if (writer[0] == null) {
        writer[0] = output.begin(columns);
      }
      fill(values, s, open);
      if (!extra.isEmpty()) {
        Map<String, Object> fields = s.fields();
        for (int i = 0; i < extra.size(); i++) {
          values[core + i] = value(extra.get(i), fields.get(extra.get(i).key()), mixed[i]);
        }
      }
      writer[0].row(values);
    });
    if (writer[0] == null) {
      output.begin(columns); // no rows: a file with its header only
    }
  }

  static void fill(Object[] v, SchoolRow s, boolean open) {
    int i = 0;
    v[i++] = s.id();
    v[i++] = s.name();
    v[i++] = s.country();
    v[i++] = s.unit();
    v[i++] = s.city();
    v[i++] = s.address();
    v[i++] = s.latitude();
    v[i++] = s.longitude();
    v[i++] = s.levels();
    v[i++] = s.themes();
    v[i++] = s.languages();
    v[i++] = s.students();
    v[i++] = s.teachers();
    if (open) {
      v[i++] = s.email();
    }
    v[i++] = s.website();
    v[i++] = s.nationalId();
    v[i++] = s.status();
    if (open) {
      v[i] = s.membershipId();
    }
  }

}
