package org.unesco.aspnet.projects.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.unesco.aspnet.projects.InternationalDay;
import org.unesco.aspnet.projects.ObservanceKind;

/**
 * International days as an iCalendar document (RFC 5545): one all-day event per occurrence of a
 * day or a period, which does not make its reader look busy. Years and decades are left out: an
 * event ten years long would cover a teacher's whole calendar.
 */
final class DayCalendar {
  static final String MEDIA_TYPE = "text/calendar;charset=utf-8";
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int LINE_OCTETS = 75;

  private DayCalendar() {}

  static String write(List<InternationalDay> days, String calendarName, Instant now) {
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//UNESCO ASPnet Platform//International days//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + text(calendarName));
    line(out, "X-PUBLISHED-TTL:P1D"); // a subscribed calendar looks again daily
    String stamp = STAMP.format(now);
    for (InternationalDay d : days) {
      if (d.kind() == ObservanceKind.YEAR || d.kind() == ObservanceKind.DECADE) {
        continue;
      }
      line(out, "BEGIN:VEVENT");
      // the same occurrence keeps its UID from one download to the next: a calendar updates it, not
      // doubles it. Not the id@domain form RFC 5545 suggests: that reads as an email address to
      // whoever scans answers for personal data, and no domain is the platform's to claim.
      line(out, "UID:aspnet-international-day-" + d.id() + "-" + d.start());
      line(out, "DTSTAMP:" + stamp);
      line(out, "DTSTART;VALUE=DATE:" + DATE.format(d.start()));
      line(out, "DTEND;VALUE=DATE:" + DATE.format(d.end().plusDays(1))); // DTEND of an all-day event is the day after
      line(out, "SUMMARY:" + text(d.name()));
      if (d.source() != null) {
        line(out, "URL:" + d.source());
      }
      line(out, "TRANSP:TRANSPARENT");
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
  static String text(String value) {
    StringBuilder s = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\', ';', ',' -> s.append('\\').append(c);
        case '\n' -> s.append("\\n");
        case '\r' -> { } // a CR LF is one break, written above
        default -> s.append(c < 0x20 || c == 0x7f ? ' ' : c); // no control characters in a content line
      }
    }
    return s.toString();
  }

  /**
   * Appends a content line folded at 75 octets (RFC 5545 3.1): the next part starts with a space,
   * and no UTF-8 character or surrogate pair is cut.
   */
  static void line(StringBuilder out, String content) {
    int octets = 0;
    int limit = LINE_OCTETS;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 0;
        limit = LINE_OCTETS - 1; // the leading space counts
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
