package org.unesco.aspnet.membership;

/** Thematic areas of the 2025-2029 framework. */
public enum Theme {
  /** Peace through Global Citizenship Education. */
  PEACE_GCED,
  /** Education for Sustainable Development. */
  ESD,
  /** Intercultural learning and appreciation of cultural diversity and heritage. */
  INTERCULTURAL
}
