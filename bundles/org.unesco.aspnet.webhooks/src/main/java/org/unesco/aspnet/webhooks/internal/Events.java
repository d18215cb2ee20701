package org.unesco.aspnet.webhooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.event.Event;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.partnerships.PartnershipService;
import org.unesco.aspnet.web.Json;

/**
 * The platform's events as webhooks tell them: a name, the countries they are of, and their data.
 * Only what the events carry goes out (ids, countries, statuses, a moved school's name and city),
 * never a contact: the receiver reads the rest through the API with its own token.
 */
final class Events {
  /** A membership moved (applied, recommended, certified, suspended...). */
  static final String MEMBERSHIP_STATUS = "membership.status";
  /** A school's country, unit, name or city changed. */
  static final String SCHOOL_MOVED = "school.moved";
  /** A partnership between two schools was proposed, accepted, declined, withdrawn or ended. */
  static final String PARTNERSHIP_STATUS = "partnership.status";
  /** Sent on request, to try a receiver. */
  static final String PING = "ping";

  /** An event: its name, the countries it is of (the first its own), its data. */
  record Described(String event, List<String> countries, Map<String, Object> data) {}

  private Events() {}

  /** The webhook event of a platform event; null for one webhooks do not tell. */
  static Described describe(Event e) {
    String topic = e.getTopic();
    Map<String, Object> data = new LinkedHashMap<>();
    if (topic.startsWith(MembershipService.TOPIC_PREFIX)) {
      String country = (String) e.getProperty("country");
      if (country == null) {
        return null;
      }
      for (String key : List.of("membershipId", "schoolId", "country", "from", "to", "certificateNumber")) {
        putIfSet(data, key, e.getProperty(key));
      }
      return new Described(MEMBERSHIP_STATUS, List.of(country), data);
    }
    if (topic.equals(SchoolService.TOPIC_SCHOOL_CHANGED)) {
      String country = (String) e.getProperty("country");
      if (country == null) {
        return null;
      }
      for (String key : List.of("schoolId", "country", "previousCountry", "unit", "name", "city")) {
        putIfSet(data, key, e.getProperty(key));
      }
      List<String> countries = new ArrayList<>(List.of(country));
      Object previous = e.getProperty("previousCountry");
      if (previous instanceof String p && !p.equals(country)) {
        countries.add(p); // the country it left hears of it too
      }
      return new Described(SCHOOL_MOVED, countries, data);
    }
    if (topic.startsWith(PartnershipService.TOPIC_PREFIX)) {
      String proposerCountry = (String) e.getProperty("proposerCountry");
      String partnerCountry = (String) e.getProperty("partnerCountry");
      if (proposerCountry == null || partnerCountry == null) {
        return null;
      }
      for (String key : List.of("partnershipId", "status", "from", "proposerId", "proposerCountry", "partnerId", "partnerCountry")) {
        putIfSet(data, key, e.getProperty(key));
      }
      // both schools' countries hear of it, as both NCs read it
      List<String> countries = proposerCountry.equals(partnerCountry) ? List.of(proposerCountry) : List.of(proposerCountry, partnerCountry);
      return new Described(PARTNERSHIP_STATUS, countries, data);
    }
    return null;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** The body of a delivery: {@code {event, occurredAt, subscriptionId, data}}. */
  static String payload(WebhookStore.Subscription s, Described d, Instant at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", d.event());
    body.put("occurredAt", at.toString());
    body.put("subscriptionId", s.id());
    body.put("data", d.data());
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event's data is plain values", e);
    }
  }
}
