package org.unesco.aspnet.membership.internal;

import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.membership.Country;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.web.Json;

/**
 * Owns the bundle's schema: migrates it on activation and seeds the countries from the UNESCO
 * region list shipped in the bundle. The other membership components reference this one, so
 * they only start on a migrated schema.
 */
@Component(service = {CountryService.class, Countries.class})
public final class Countries implements CountryService {
  static final String REFERENCE = "reference/unesco-regions.csv";

  /** The five UNESCO regions, spelled as in the reference list. */
  static final List<String> REGIONS =
      List.of(
          "Africa",
          "Arab States",
          "Asia and the Pacific",
          "Europe and North America",
          "Latin America and the Caribbean");

  /** The stored part of a country; its name in a language comes from the JDK. */
  record Entry(
      String iso2,
      String englishName,
      String region,
      Country.NationalCommission nationalCommission,
      List<Country.Coordinator> coordinators) {}

  static final int COORDINATORS_MAX = 10;

  private final Authorizer authorizer;
  private final AuditLog audit;
  private final Database database;
  private final DirectoryCounts counts;

  @Activate
  public Countries(
      @Reference Database database,
      @Reference Authorizer authorizer,
      @Reference AuditLog audit,
      @Reference DirectoryCounts counts,
      BundleContext context) {
    this(database, authorizer, audit, counts, context.getBundle());
  }

  Countries(Database database, Authorizer authorizer, AuditLog audit, DirectoryCounts counts, Bundle bundle) {
    this.database = database;
    this.authorizer = authorizer;
    this.audit = audit;
    this.counts = counts;
    database.migrate(bundle);
    seed(readReference());
  }

  @Override
  public List<Country> countries(Principal actor, Locale language) {
    // Every country's counts read every school: the list takes them from DirectoryCounts (exact
    // while counting is quick), one country (below) counts its own schools.
    DirectoryCounts.Counts all = counts.current();
    Collator collator = Collator.getInstance(language);
    List<Country> result = new ArrayList<>();
    for (Entry e : entries()) {
      long[] n = all.country(e.iso2());
      result.add(country(e, language, n, actor));
    }
    result.sort(Comparator.comparing(Country::name, collator));
    return result;
  }

  @Override
  public Country country(Principal actor, String iso2, Locale language) {
    String code = iso2 == null ? "" : iso2.toUpperCase(Locale.ROOT);
    Entry e =
        entries().stream()
            .filter(x -> x.iso2().equals(code))
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        iso2 + " is not a UNESCO Member State or Associate Member"));
    long[] n = database.read(c -> counts(c, code));
    return country(e, language, n, actor);
  }

  /**
   * Emails and phone numbers of the national network are for people of the network only, those
   * with a role (a school's focal point or staff, a coordinator, HQ): a public directory of
   * addresses is what harvesters look for, and anyone may register an account without a role.
   * Names, roles and websites are public.
   */
  private static Country country(Entry e, Locale language, long[] n, Principal actor) {
    Country.NationalCommission nc = e.nationalCommission();
    List<Country.Coordinator> contacts = e.coordinators();
    if (!actor.isSystem() && (actor.isAnonymous() || actor.grants().isEmpty())) {
      nc = nc == null ? null : new Country.NationalCommission(nc.name(), nc.website(), null, nc.address());
      contacts = contacts.stream().map(k -> new Country.Coordinator(k.name(), null, null, k.role())).toList();
    }
    return new Country(e.iso2(), name(e, language), e.region(), n[0], n[1], nc, contacts);
  }

  @Override
  public Country updateNetwork(
      Principal actor,
      String iso2,
      Country.NationalCommission commission,
      List<Country.Coordinator> coordinators,
      Locale language) {
    return change(actor, iso2, false, true, language, null, false, stored -> new Entry(
        stored.iso2(), stored.englishName(), stored.region(), commission, coordinators)).country();
  }

  @Override
  public Country correctRegion(Principal actor, String iso2, String region, Locale language) {
    return change(actor, iso2, true, false, language, null, false, stored -> new Entry(
        stored.iso2(), stored.englishName(), region, stored.nationalCommission(), stored.coordinators())).country();
  }

  /**
   * The body of {@code PATCH /api/v1/countries/{iso2}}, a JSON merge patch (RFC 7396) of what of
   * a country is not reference data from the JDK. Members left out stay as they are; {@code
   * nationalCommission} merges member by member ({@code null} removes a member, and {@code
   * "nationalCommission": null} the whole commission); {@code coordinators} is replaced whole.
   */
  public record Patch(
      String region, Country.NationalCommission nationalCommission, List<Country.Coordinator> coordinators) {}

  /**
   * Applies a {@link Patch}: {@code region} is HQ's to correct, the national network HQ's or the
   * NC's. Every part named is authorised and checked before anything is written, then all of it is
   * written in one transaction: a request refused for one part writes no other.
   *
   * @throws ProblemException 404 for an unknown country, 401/403 when the actor may not change a
   *     part the patch names, 400 with every field error
   */
  Versioned patch(Principal actor, String iso2, ObjectNode patch, Locale language, Integer expectedRevision) {
    // unknown members and wrong types: 400 field by field, with what the rules say of the other members
    Patch typed = Json.convert(patch, Patch.class, rest -> checkOnly(actor, iso2, patch, rest));
    boolean region = patch.has("region");
    boolean network = patch.has("nationalCommission") || patch.has("coordinators");
    return change(actor, iso2, region, network, language, expectedRevision, true, applied(patch, typed));
  }

  /**
   * What {@code patch}, bound as {@code typed}, makes of a stored country. A member {@code typed}
   * lacks although {@code patch} names it (a commission of the wrong type, left out of the rest of
   * the patch by {@link Json#convert(JsonNode, Class, java.util.function.Consumer)}) keeps what is
   * stored: its type is what is wrong with it.
   */
  private static UnaryOperator<Entry> applied(ObjectNode patch, Patch typed) {
    boolean region = patch.has("region");
    JsonNode commission = patch.get("nationalCommission");
    boolean commissionGiven = commission != null && (commission.isNull() || typed.nationalCommission() != null);
    boolean coordinators = patch.has("coordinators");
    return stored -> new Entry(
        stored.iso2(),
        stored.englishName(),
        region ? typed.region() : stored.region(),
        commissionGiven ? merged(stored.nationalCommission(), commission) : stored.nationalCommission(),
        coordinators ? typed.coordinators() : stored.coordinators());
  }

  /**
   * The rules of a patch some of whose members have the wrong type, checked on {@code rest} (the
   * other members) against the stored country, as {@link #change} checks them, so that the 400
   * tells them with the wrong types; nothing is written. Someone who may not change every part the
   * patch names learns nothing more than the types: that patch is refused (401/403) once it binds.
   */
  private void checkOnly(Principal actor, String iso2, ObjectNode patch, Patch rest) {
    String code = iso2 == null ? "" : iso2.toUpperCase(Locale.ROOT);
    boolean region = patch.has("region");
    boolean network = patch.has("nationalCommission") || patch.has("coordinators");
    if (!exists(code)
        || region && !authorizer.allows(actor, Action.EDIT_REFERENCE_DATA, Target.everything())
        || network && !authorizer.allows(actor, Action.EDIT_NATIONAL_NETWORK, Target.country(code))) {
      return;
    }
    Entry after = tidy(applied(withoutWhatRestLacks(patch, rest), rest).apply(database.read(c -> entry(c, code))));
    List<FieldError> errors = errors(after, region, network, actor.language());
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /**
   * {@code patch} as far as {@code rest} has it: the members of its commission that {@code rest}
   * lacks (taken out by {@link Json#convert(JsonNode, Class, java.util.function.Consumer)} for their
   * type) are left out of the merge, so that what is stored stands for them, as for a commission of
   * the wrong type as a whole; a member the patch sets to null still removes it.
   */
  private static ObjectNode withoutWhatRestLacks(ObjectNode patch, Patch rest) {
    JsonNode commission = patch.get("nationalCommission");
    if (commission == null || !commission.isObject() || rest.nationalCommission() == null) {
      return patch;
    }
    ObjectNode bound = Json.MAPPER.valueToTree(rest.nationalCommission());
    ObjectNode kept = Json.MAPPER.createObjectNode();
    commission.fields().forEachRemaining(m -> {
      if (m.getValue().isNull()) {
        kept.set(m.getKey(), m.getValue());
      } else if (bound.hasNonNull(m.getKey())) {
        kept.set(m.getKey(), bound.get(m.getKey()));
      }
    });
    ObjectNode copy = patch.deepCopy();
    copy.set("nationalCommission", kept);
    return copy;
  }

  /** What is wrong with a country once changed ({@code after}), in the parts changed. */
  private static List<FieldError> errors(Entry after, boolean region, boolean network, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (region && after.region() == null) {
      errors.add(new FieldError("region", FieldMessages.get(lang, "oneOf", String.join(", ", REGIONS))));
    }
    if (network) {
      errors.addAll(networkErrors(after.nationalCommission(), after.coordinators(), lang));
    }
    return errors;
  }

  /**
   * The stored commission with {@code patch} (null, or an object: the types are checked) merged
   * into it (RFC 7396); null when the patch is null.
   */
  private static Country.NationalCommission merged(Country.NationalCommission stored, JsonNode patch) {
    if (patch.isNull()) {
      return null;
    }
    ObjectNode base = stored == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(stored);
    return Json.convert(SchoolForm.merge(base, (ObjectNode) patch), Country.NationalCommission.class);
  }

  /**
   * Changes a country: the rights for each part ({@code region}, {@code network}) first, then, in
   * one transaction, {@code change} of the stored row, every check of the parts changed, and the
   * writes with their audit entries. Nothing is written on any error.
   */
  private Versioned change(Principal actor, String iso2, boolean region, boolean network, Locale language,
      Integer expectedRevision, boolean revisionRequired, UnaryOperator<Entry> change) {
    String code = iso2 == null ? "" : iso2.toUpperCase(Locale.ROOT);
    if (!exists(code)) {
      throw ProblemException.notFound(iso2 + " is not a UNESCO Member State or Associate Member");
    }
    if (region) {
      authorizer.require(actor, Action.EDIT_REFERENCE_DATA, Target.everything());
    }
    // A patch that names no part ({}) writes nothing, but is still an edit: it answers the same
    // 401/403, 428 and 412 as one that does (it was a 200 to anyone, with or without If-Match).
    boolean empty = !region && !network && revisionRequired;
    if (network || empty) {
      authorizer.require(actor, Action.EDIT_NATIONAL_NETWORK, Target.country(code));
    }
    if ((region || network || empty) && revisionRequired && expectedRevision == null) {
      // coordinators are replaced whole: an edit made on a copy read before another's would undo it
      throw ProblemException.preconditionRequired("Send If-Match with the ETag of the country you read"
          + " (GET /api/v1/countries/" + code + ")");
    }
    if (!region && !network) {
      Versioned current = versioned(actor, code, language);
      if (empty && current.revision() != expectedRevision) {
        throw ProblemException.preconditionFailed("Country " + code + " changed since you read it; read it again");
      }
      return current;
    }
    return database.inTransaction(
          c -> {
            // The patch merges into what is stored: two at once must not both merge into the same
            // read and lose one's members. The row is taken first; the second waits, then reads.
            try (PreparedStatement lock = c.prepareStatement("UPDATE MEM_COUNTRY SET REVISION = REVISION + 1 WHERE ISO2 = ?")) {
              lock.setString(1, code);
              lock.executeUpdate();
            }
            if (expectedRevision != null && expectedRevision + 1 != revision(c, code)) {
              throw ProblemException.preconditionFailed("Country " + code + " changed since you read it; read it again");
            }
            Entry before = entry(c, code);
            Entry after = tidy(change.apply(before));
            List<FieldError> errors = errors(after, region, network, actor.language());
            if (!errors.isEmpty()) {
              throw ProblemException.validation(errors);
            }
            // the values as they are write nothing: no new ETag to fail others' edits, no audit of a non-event
            Entry was = tidy(before);
            boolean regionChanged = region && !java.util.Objects.equals(was.region(), after.region());
            boolean networkChanged = network && !(java.util.Objects.equals(was.nationalCommission(), after.nationalCommission())
                && java.util.Objects.equals(was.coordinators(), after.coordinators()));
            if (!regionChanged && !networkChanged) {
              try (PreparedStatement undo = c.prepareStatement("UPDATE MEM_COUNTRY SET REVISION = REVISION - 1 WHERE ISO2 = ?")) {
                undo.setString(1, code);
                undo.executeUpdate();
              }
              return versioned(c, actor, code, language);
            }
            if (regionChanged) {
              try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_COUNTRY SET REGION = ? WHERE ISO2 = ?")) {
                ps.setString(1, after.region());
                ps.setString(2, code);
                ps.executeUpdate();
              }
              audit.record(c, actor, "country.region", "country", code, code,
                  Map.of("region", before.region()), Map.of("region", after.region()));
            }
            if (networkChanged) {
              writeNetwork(c, code, after);
              audit.record(c, actor, "country.network", "country", code, code, network(before), network(after));
            }
            return versioned(c, actor, code, language);
          });
  }

  /** A country as {@code actor} reads it, with the revision of what it shows (its ETag). */
  record Versioned(Country country, int revision) {}

  /** The country and its revision from one read, so that an ETag never names a newer row than the body it comes with. */
  Versioned versioned(Principal actor, String iso2, Locale language) {
    String code = iso2 == null ? "" : iso2.toUpperCase(Locale.ROOT);
    if (!exists(code)) {
      throw ProblemException.notFound(iso2 + " is not a UNESCO Member State or Associate Member");
    }
    return database.inTransaction(c -> versioned(c, actor, code, language));
  }

  private Versioned versioned(Connection c, Principal actor, String code, Locale language) throws SQLException {
    // the revision first, then the row under the same transaction: at worst a spurious 412 later
    int revision = revision(c, code);
    Entry e = entry(c, code);
    return new Versioned(country(e, language, counts(c, code), actor), revision);
  }

  private static List<FieldError> networkErrors(Country.NationalCommission nc, List<Country.Coordinator> contacts, String lang) {
    List<FieldError> errors = new ArrayList<>();
    // A commission given is checked whole: one left without a name is refused, never taken for
    // no commission ("nationalCommission": null removes it).
    if (nc != null) {
      SchoolValidator.text(errors, "nationalCommission.name", nc.name(), true, SchoolValidator.NAME_MAX, lang);
      SchoolValidator.website(errors, "nationalCommission.website", nc.website(), lang);
      SchoolValidator.email(errors, "nationalCommission.email", nc.email(), false, "natcom@example.org", lang);
      SchoolValidator.text(errors, "nationalCommission.address", nc.address(), false, SchoolValidator.ADDRESS_MAX, lang);
    }
    if (contacts.size() > COORDINATORS_MAX) {
      errors.add(new FieldError("coordinators", FieldMessages.get(lang, "contactsMax", String.valueOf(COORDINATORS_MAX))));
    }
    for (int i = 0; i < contacts.size(); i++) {
      Country.Coordinator k = contacts.get(i);
      String at = "coordinators[" + i + "].";
      if (k == null) {
        errors.add(new FieldError("coordinators[" + i + "]", FieldMessages.get(lang, "object")));
        continue;
      }
      SchoolValidator.text(errors, at + "name", k.name(), true, SchoolValidator.CITY_MAX, lang);
      SchoolValidator.email(errors, at + "email", k.email(), true, "natcom@example.org", lang);
      if (k.phone() != null && !k.phone().matches("\\+?[0-9 ()./-]{4,30}")) {
        errors.add(new FieldError(at + "phone", FieldMessages.get(lang, "phone", "+33 1 45 68 10 00")));
      }
      SchoolValidator.text(errors, at + "role", k.role(), false, SchoolValidator.CITY_MAX, lang);
    }
    return errors;
  }

  private static void writeNetwork(Connection c, String code, Entry e) throws SQLException {
    Country.NationalCommission nc = e.nationalCommission();
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE MEM_COUNTRY SET NATCOM_NAME = ?, NATCOM_WEBSITE = ?, NATCOM_EMAIL = ?, NATCOM_ADDRESS = ?,"
            + " COORDINATORS = ? WHERE ISO2 = ?")) {
      ps.setString(1, nc == null ? null : nc.name());
      ps.setString(2, nc == null ? null : nc.website());
      ps.setString(3, nc == null ? null : nc.email());
      ps.setString(4, nc == null ? null : nc.address());
      ps.setString(5, e.coordinators().isEmpty() ? null : Json.MAPPER.writeValueAsString(e.coordinators()));
      ps.setString(6, code);
      ps.executeUpdate();
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }

  private static Map<String, Object> network(Entry e) {
    Map<String, Object> m = new HashMap<>();
    Country.NationalCommission nc = e.nationalCommission();
    m.put("nationalCommission", nc == null ? null : Json.MAPPER.convertValue(nc, Map.class));
    m.put("coordinators", Json.MAPPER.convertValue(e.coordinators(), List.class));
    return m;
  }

  /**
   * Text stripped, blank as absent; the region in its reference spelling (null when it is none of
   * the five). A commission stays a commission even when all of it is blank, so that it is checked.
   */
  private static Entry tidy(Entry e) {
    Country.NationalCommission nc = e.nationalCommission();
    if (nc != null) {
      nc = new Country.NationalCommission(
          SchoolValidator.strip(nc.name()), SchoolValidator.strip(nc.website()),
          SchoolValidator.strip(nc.email()), SchoolValidator.strip(nc.address()));
    }
    List<Country.Coordinator> contacts = e.coordinators() == null ? List.of()
        : e.coordinators().stream().map(Countries::tidy).toList();
    return new Entry(e.iso2(), e.englishName(), region(e.region()), nc, contacts);
  }

  private static Country.Coordinator tidy(Country.Coordinator k) {
    return k == null ? null : new Country.Coordinator(
        SchoolValidator.strip(k.name()), SchoolValidator.strip(k.email()),
        SchoolValidator.strip(k.phone()), SchoolValidator.strip(k.role()));
  }

  /**
   * One of the five UNESCO regions in its reference spelling ({@code "arab states"} gives {@code
   * "Arab States"}); null for anything else.
   */
  static String region(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return REGIONS.stream().filter(r -> r.equalsIgnoreCase(stripped)).findFirst().orElse(null);
  }

  /** The revision of a country's stored part (its ETag); 0 for an unknown code. */
  private static int revision(Connection c, String code) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT REVISION FROM MEM_COUNTRY WHERE ISO2 = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  @Override
  public boolean exists(String iso2) {
    return iso2 != null && codes().contains(iso2);
  }

  private static final String ENTRY_COLUMNS =
      "ISO2, NAME, REGION, NATCOM_NAME, NATCOM_WEBSITE, NATCOM_EMAIL, NATCOM_ADDRESS, COORDINATORS";

  // Read on every call rather than cached: a region HQ corrects on one node must show on all.
  // Two hundred rows by primary key cost well under a millisecond.
  List<Entry> entries() {
    return database.read(
        c -> {
          List<Entry> entries = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM MEM_COUNTRY ORDER BY ISO2");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              entries.add(entry(rs));
            }
          }
          return entries;
        });
  }

  /** The stored row of {@code code}, an existing country's code. */
  private static Entry entry(Connection c, String code) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM MEM_COUNTRY WHERE ISO2 = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound(code + " is not a UNESCO Member State or Associate Member");
        }
        return entry(rs);
      }
    }
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    Country.NationalCommission nc =
        rs.getString(4) == null && rs.getString(5) == null && rs.getString(6) == null && rs.getString(7) == null
            ? null
            : new Country.NationalCommission(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
    return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), nc, coordinators(rs.getString(8)));
  }

  private static List<Country.Coordinator> coordinators(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return List.of(Json.MAPPER.readValue(json, Country.Coordinator[].class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored coordinators are not JSON", e);
    }
  }

  private volatile Set<String> codes;

  /** The set of codes never changes at run time (only regions do), so it is cached. */
  private Set<String> codes() {
    Set<String> result = codes;
    if (result == null) {
      result = new HashSet<>();
      for (Entry e : entries()) {
        result.add(e.iso2());
      }
      codes = Set.copyOf(result);
    }
    return result;
  }

  /** The JDK's name in {@code language}; the reference list's English name when the JDK has none. */
  static String name(Entry e, Locale language) {
    String name = new Locale("", e.iso2()).getDisplayCountry(language);
    return name.isEmpty() || name.equals(e.iso2()) ? e.englishName() : name;
  }

  /** Members and candidates of one country ({@code [members, candidates]}), counted now. */
  private static long[] counts(Connection c, String iso2) throws SQLException {
    long[] n = new long[2];
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT STATUS, COUNT(*) FROM MEM_SCHOOL WHERE COUNTRY = ? GROUP BY STATUS")) {
      ps.setString(1, iso2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          MembershipStatus status = MembershipStatus.valueOf(rs.getString(1));
          if (status == MembershipStatus.MEMBER) {
            n[0] += rs.getLong(2);
          } else if (status.isCandidate()) {
            n[1] += rs.getLong(2);
          }
        }
      }
    }
    return n;
  }

  /**
   * Inserts the countries the table lacks. Existing rows are left alone so that a region HQ
   * corrected survives a restart. Two nodes starting at once on an empty database may both try a
   * row: the loser's transaction fails on the duplicate key and is tried again, when it finds the
   * other's rows.
   */
  private void seed(List<Entry> reference) {
    for (int attempt = 1; ; attempt++) {
      try {
        insertMissing(reference);
        return;
      } catch (PersistenceException e) {
        if (!e.isDuplicateKey() || attempt == 5) {
          throw e; // five nodes in a row inserting the same new rows first: something else is wrong
        }
      }
    }
  }

  private void insertMissing(List<Entry> reference) {
    database.inTransaction(
        c -> {
          Set<String> present = new HashSet<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT ISO2 FROM MEM_COUNTRY");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              present.add(rs.getString(1));
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO MEM_COUNTRY (ISO2, NAME, REGION) VALUES (?, ?, ?)")) {
            int batched = 0;
            for (Entry e : reference) {
              if (!present.contains(e.iso2())) {
                ps.setString(1, e.iso2());
                ps.setString(2, e.englishName());
                ps.setString(3, e.region());
                ps.addBatch();
                batched++;
              }
            }
            if (batched > 0) {
              ps.executeBatch();
            }
          }
          return null;
        });
  }

  static List<Entry> readReference() {
    try (InputStream in = Countries.class.getClassLoader().getResourceAsStream(REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException(REFERENCE + " is missing from the bundle");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, Entry> entries = new LinkedHashMap<>();
      String line = reader.readLine(); // header: iso2,name,unesco_region,source_note
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = org.unesco.aspnet.core.CsvLine.cells(line);
        entries.put(cells.get(0), new Entry(cells.get(0), cells.get(1), cells.get(2), null, List.of()));
      }
      return List.copyOf(entries.values());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
