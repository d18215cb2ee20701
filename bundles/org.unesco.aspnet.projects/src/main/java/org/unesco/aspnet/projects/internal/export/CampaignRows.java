package org.unesco.aspnet.projects.internal.export;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.projects.Campaign;
import org.unesco.aspnet.projects.CampaignService;

/**
 * Walks the campaigns a caller sees, through the campaign service, so that exports apply the very
 * rules of the API (who sees candidates, pending submissions...). Campaign data is small next to
 * the directory: pages of the service are fine here.
 */
final class CampaignRows {
  static final int PAGE = 500;

  interface Visitor {
    void visit(Campaign campaign) throws IOException;
  }

  /** One page of a list of the campaign service, after {@code cursor} (null: the first). */
  interface Pages<T> {
    Page<T> after(String cursor);
  }

  interface Row<T> {
    void write(T item) throws IOException;
  }

  /** Every item of a paged list, page after page. */
  static <T> void each(Pages<T> pages, Row<T> row) throws IOException {
    String cursor = null;
    do {
      Page<T> page = pages.after(cursor);
      for (T item : page.items()) {
        row.write(item);
      }
      cursor = page.next();
    } while (cursor != null);
  }

  private CampaignRows() {}

  /** Each campaign the actor sees, or only {@code ?campaign=} when given. */
  static void campaigns(CampaignService service, Principal actor, Map<String, String> filters, Visitor visitor)
      throws IOException {
    String only = blank(filters.get("campaign"));
    if (only != null) {
      Long id = org.unesco.aspnet.web.ApiServlet.wholeNumber(only); // 0 to 9, not ١٠
      if (id == null) {
        throw ProblemException.validation("campaign", "must be a campaign id");
      }
      visitor.visit(service.campaign(actor, id));
      return;
    }
    each(cursor -> service.campaigns(actor, null, null, PAGE, cursor), visitor::visit);
  }

  static String country(Map<String, String> filters) {
    String c = blank(filters.get("country"));
    if (c != null && !c.matches("[A-Za-z]{2}")) {
      throw ProblemException.validation("country", "must be a two-letter code");
    }
    return c == null ? null : c.toUpperCase(Locale.ROOT);
  }

  static String title(Campaign c) {
    Map<String, String> t = c.title();
    return t.getOrDefault("en", t.isEmpty() ? null : t.values().iterator().next());
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
