package org.unesco.aspnet.projects.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.projects.CampaignResource;
import org.unesco.aspnet.projects.CampaignResourceInput;
import org.unesco.aspnet.projects.CampaignResources;

/**
 * A campaign's teaching resources in {@code PRJ_RESOURCE} (V3). Whoever may read the campaign
 * reads them; whoever manages it ({@link CampaignAccess#manages}) keeps them. A link the campaign
 * lists already is a 409 naming it (a second tap on a slow connection adds nothing), as is a
 * full list. Each change and its audit entry commit together.
 */
@Component(service = CampaignResources.class)
public final class ResourceStore implements CampaignResources {
  static final int DESCRIPTION_MAX = 1000;
  static final int DESCRIPTION_STORED = 16000;
  static final int LANGUAGES_MAX = 20;
  private static final String COLUMNS = "ID, CAMPAIGN_ID, KIND, URL, TITLE, DESCRIPTION, LANGUAGES, ADDED_AT, REVISION";

  private final Database database;
  private final AuditLog audit;

  @Activate
  public ResourceStore(@Reference Database database, @Reference AuditLog audit) {
    this.database = database;
    this.audit = audit;
  }

  @Override
  public List<CampaignResource> resources(Principal actor, long campaign) {
    return database.read(c -> {
      countryOf(c, campaign, actor.language()); // a 404 for a campaign that does not exist, rather than an empty list
      List<CampaignResource> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM PRJ_RESOURCE WHERE CAMPAIGN_ID = ? ORDER BY ID")) {
        ps.setLong(1, campaign);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(resourceOf(rs));
          }
        }
      }
      return found;
    });
  }

  @Override
  public CampaignResource resource(Principal actor, long campaign, long id) {
    return database.read(c -> {
      countryOf(c, campaign, actor.language());
      return find(c, campaign, id, actor.language());
    });
  }

  @Override
  public CampaignResource add(Principal actor, long campaign, CampaignResourceInput given) {
    String country = managed(actor, campaign);
    CampaignResourceInput in = checked(given, true, actor.language());
    return database.inTransaction(c -> {
      lockList(c, campaign);
      Long same = listed(c, campaign, in.url(), -1);
      if (same != null) {
        throw listedAlready(same, in.url(), actor.language());
      }
      if (count(c, campaign) >= MAX_PER_CAMPAIGN) {
        throw ProblemException.conflict(
            CampaignMessages.get(actor.language(), "resourceFull", CampaignStore.id(MAX_PER_CAMPAIGN)));
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO PRJ_RESOURCE (CAMPAIGN_ID, KIND, URL, TITLE, DESCRIPTION, LANGUAGES, ADDED_AT, ADDED_BY, REVISION)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, campaign);
        ps.setString(2, in.kind().name());
        ps.setString(3, in.url());
        ps.setString(4, json(in.title()));
        ps.setString(5, json(in.description() == null ? Map.of() : in.description()));
        ps.setString(6, String.join(",", in.languages() == null ? List.of() : in.languages()));
        ps.setTimestamp(7, Timestamp.from(Instant.now()));
        ps.setString(8, actor.isSystem() ? null : actor.accountId());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      CampaignResource added = find(c, campaign, id, actor.language());
      audit.record(c, actor, "campaign.resource.add", "campaign", String.valueOf(campaign), country, null,
          summary(added));
      return added;
    });
  }

  @Override
  public CampaignResource update(
      Principal actor, long campaign, long id, int expectedRevision, CampaignResourceInput given) {
    String country = managed(actor, campaign);
    return database.inTransaction(c -> {
      CampaignResource before = find(c, campaign, id, actor.language());
      CampaignResourceInput changes = checked(new CampaignResourceInput(given.kind(), given.url(),
          CampaignForm.merged(before.title(), given.title()), CampaignForm.merged(before.description(), given.description()),
          given.languages()), false, actor.language());
      if (before.revision() != expectedRevision) {
        throw changedSince(id, actor.language());
      }
      CampaignResource after = new CampaignResource(id, campaign,
          changes.kind() != null ? changes.kind() : before.kind(),
          changes.url() != null ? changes.url() : before.url(),
          changes.title() != null ? changes.title() : before.title(),
          changes.description() != null ? changes.description() : before.description(),
          changes.languages() != null ? changes.languages() : before.languages(),
          before.addedAt(), before.revision());
      if (after.equals(before)) {
        return before; // an empty patch or the same values: no new revision, nothing to audit
      }
      if (!after.url().equals(before.url())) {
        lockList(c, campaign);
        Long same = listed(c, campaign, after.url(), id);
        if (same != null) {
          throw listedAlready(same, after.url(), actor.language());
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE PRJ_RESOURCE SET KIND = ?, URL = ?, TITLE = ?, DESCRIPTION = ?, LANGUAGES = ?, REVISION = REVISION + 1"
              + " WHERE ID = ? AND CAMPAIGN_ID = ? AND REVISION = ?")) {
        ps.setString(1, after.kind().name());
        ps.setString(2, after.url());
        ps.setString(3, json(after.title()));
        ps.setString(4, json(after.description()));
        ps.setString(5, String.join(",", after.languages()));
        ps.setLong(6, id);
        ps.setLong(7, campaign);
        ps.setInt(8, expectedRevision);
        if (ps.executeUpdate() == 0) {
          throw changedSince(id, actor.language());
        }
      }
      CampaignResource saved = find(c, campaign, id, actor.language());
      audit.record(c, actor, "campaign.resource.update", "campaign", String.valueOf(campaign), country,
          summary(before), summary(saved));
      return saved;
    });
  }

  @Override
  public void remove(Principal actor, long campaign, long id, Integer expectedRevision) {
    String country = managed(actor, campaign);
    database.inTransaction(c -> {
      CampaignResource before = find(c, campaign, id, actor.language());
      if (expectedRevision != null && before.revision() != expectedRevision) {
        throw changedSince(id, actor.language());
      }
      // the row as read, or nothing: an edit or a removal in between is not removed (again) here
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM PRJ_RESOURCE WHERE ID = ? AND CAMPAIGN_ID = ? AND REVISION = ?")) {
        ps.setLong(1, id);
        ps.setLong(2, campaign);
        ps.setInt(3, before.revision());
        if (ps.executeUpdate() == 0) {
          // changed meanwhile (412 to whoever named the revision read), or removed by someone else (404)
          find(c, campaign, id, actor.language());
          throw changedSince(id, actor.language());
        }
      }
      audit.record(c, actor, "campaign.resource.remove", "campaign", String.valueOf(campaign), country,
          summary(before), null);
      return null;
    });
  }

  /**
   * The campaign's country (null for a global one), once {@code actor} may keep its resources: 401,
   * 403 or 404 otherwise.
   */
  private String managed(Principal actor, long campaign) {
    String country = database.read(c -> countryOf(c, campaign, actor.language()));
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized(CampaignMessages.get(actor.language(), "resourceSignIn"));
    }
    if (!CampaignAccess.manages(actor, campaign, country)) {
      throw ProblemException.forbidden(country == null ? CampaignMessages.get(actor.language(), "resourceKeepers")
          : CampaignMessages.get(actor.language(), "resourceKeepersOf", country));
    }
    return country;
  }

  /** The campaign's country, null for a global one; a 404 when there is no such campaign. */
  private static String countryOf(Connection c, long campaign, String language) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNTRY FROM PRJ_CAMPAIGN WHERE ID = ?")) {
      ps.setLong(1, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound(CampaignMessages.get(language, "campaignNone", CampaignStore.id(campaign)));
        }
        return rs.getString(1);
      }
    }
  }

  /**
   * {@code in} with its url stripped and its languages in lower case, once every check passed (a
   * 400 listing every error otherwise); on an addition kind, url and title are required.
   */
  static CampaignResourceInput checked(CampaignResourceInput in, boolean adding, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (adding && in.kind() == null) {
      errors.add(new FieldError("kind", CampaignMessages.get(lang, "resourceKind")));
    }
    String url = in.url() == null ? null : in.url().strip();
    if (url != null || adding) {
      if (url == null || url.isEmpty()) {
        errors.add(new FieldError("url", CampaignMessages.get(lang, "required")));
      } else {
        url = ResourceLinks.normalized(url);
        if (url == null) {
          errors.add(new FieldError("url", CampaignMessages.get(lang, "resourceUrl", String.valueOf(CampaignForm.URL_MAX))));
        }
      }
    }
    if (in.title() != null && in.title().isEmpty()) {
      errors.add(new FieldError("title", CampaignMessages.get(lang, "titleLanguage")));
    } else if (in.title() == null && adding) {
      errors.add(new FieldError("title", CampaignMessages.get(lang, "required")));
    }
    CampaignForm.oneLineTexts("title", in.title(), CampaignForm.TITLE_MAX, CampaignForm.TITLE_STORED, errors, lang);
    CampaignForm.texts("description", in.description(), DESCRIPTION_MAX, DESCRIPTION_STORED, errors, lang);
    List<String> languages = null;
    if (in.languages() != null) {
      Set<String> codes = new LinkedHashSet<>();
      for (int i = 0; i < in.languages().size(); i++) {
        String code = in.languages().get(i);
        String lower = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        if (!CampaignForm.ISO_639_1.contains(lower)) {
          errors.add(new FieldError("languages[" + i + "]", CampaignMessages.get(lang, "resourceLanguage")));
        } else {
          codes.add(lower);
        }
      }
      if (codes.size() > LANGUAGES_MAX) {
        errors.add(new FieldError("languages", CampaignMessages.get(lang, "languages", String.valueOf(LANGUAGES_MAX))));
      }
      languages = List.copyOf(codes);
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return new CampaignResourceInput(in.kind(), url, in.title() == null ? null : CampaignForm.ordered(in.title()),
        in.description() == null ? null : CampaignForm.ordered(in.description()), languages);
  }

  /**
   * Takes the campaign's row for writing until the transaction ends, so that two additions of the
   * same link (two taps, two coordinators) are checked one after the other, on Derby as on PostgreSQL.
   */
  private static void lockList(Connection c, long campaign) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE PRJ_CAMPAIGN SET REVISION = REVISION WHERE ID = ?")) {
      ps.setLong(1, campaign);
      ps.executeUpdate();
    }
  }

  /**
   * The id of the campaign's resource at {@code url} (or at the same link written with the other
   * IDNA form of its domain) other than {@code except}, or null. A campaign lists 100 at most: read
   * in Java, where the comparison is.
   */
  private static Long listed(Connection c, long campaign, String url, long except) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT ID, URL FROM PRJ_RESOURCE WHERE CAMPAIGN_ID = ? AND ID <> ?")) {
      ps.setLong(1, campaign);
      ps.setLong(2, except);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (ResourceLinks.sameLink(rs.getString(2), url)) {
            return rs.getLong(1);
          }
        }
        return null;
      }
    }
  }

  private static int count(Connection c, long campaign) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM PRJ_RESOURCE WHERE CAMPAIGN_ID = ?")) {
      ps.setLong(1, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static CampaignResource find(Connection c, long campaign, long id, String language) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM PRJ_RESOURCE WHERE ID = ? AND CAMPAIGN_ID = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound(
              CampaignMessages.get(language, "resourceNone", CampaignStore.id(campaign), CampaignStore.id(id)));
        }
        return resourceOf(rs);
      }
    }
  }

  private static CampaignResource resourceOf(ResultSet rs) throws SQLException {
    String languages = rs.getString(7);
    return new CampaignResource(rs.getLong(1), rs.getLong(2),
        org.unesco.aspnet.projects.ResourceKind.valueOf(rs.getString(3)), rs.getString(4), texts(rs.getString(5)),
        texts(rs.getString(6)), languages.isEmpty() ? List.of() : Arrays.asList(languages.split(",")),
        rs.getTimestamp(8).toInstant(), rs.getInt(9));
  }

  private static ProblemException listedAlready(long same, String url, String language) {
    return new ProblemException(409, ProblemException.TYPE_BASE + "conflict", "Conflict",
        CampaignMessages.get(language, "resourceListed", url, CampaignStore.id(same)), List.of(), Map.of("resource", same));
  }

  private static ProblemException changedSince(long id, String language) {
    return ProblemException.preconditionFailed(CampaignMessages.get(language, "resourceChanged", CampaignStore.id(id)));
  }


  /** What the audit log keeps of a resource: enough to put a removed one back. */
  private static Map<String, Object> summary(CampaignResource r) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("resource", r.id());
    s.put("kind", r.kind().name());
    s.put("url", r.url());
    s.put("title", r.title());
    if (!r.description().isEmpty()) {
      s.put("description", r.description());
    }
    if (!r.languages().isEmpty()) {
      s.put("languages", r.languages());
    }
    return s;
  }

  private static Map<String, String> texts(String json) {
    return CampaignStore.read(json, CampaignStore.TEXTS);
  }

  private static String json(Map<String, String> texts) {
    return CampaignStore.json(texts);
  }
}
