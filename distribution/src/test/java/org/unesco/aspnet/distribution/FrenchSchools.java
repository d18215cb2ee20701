package org.unesco.aspnet.distribution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the French national profile (shipped in plugins/) asks of a French school, for tests whose
 * subject is something else: an académie, a valid UAI number of its own, the type of school.
 */
final class FrenchSchools {
  private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

  private FrenchSchools() {}

  /** A valid UAI not handed out before in this test run. */
  static String uai() {
    String digits = String.format("0%06d", NEXT.incrementAndGet() % 1_000_000);
    return digits + LETTERS.charAt((int) (Long.parseLong(digits) % 23));
  }

  /** Adds the profile's required values to a French school. */
  static ObjectNode complete(ObjectNode school) {
    if ("FR".equals(school.path("country").asText())) {
      school.put("unit", "paris");
      school.put("nationalId", uai());
      school.putObject("fields").put("typeEtablissement", "lycee");
    }
    return school;
  }

  /** The same as JSON members, to paste into a hand-written body. */
  static String members() {
    return "\"unit\":\"paris\",\"nationalId\":\"" + uai() + "\",\"fields\":{\"typeEtablissement\":\"lycee\"},";
  }
}
