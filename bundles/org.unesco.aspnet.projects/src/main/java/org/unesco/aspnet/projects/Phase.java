package org.unesco.aspnet.projects;

import java.time.LocalDate;

/**
 * One phase of a campaign with its dates, e.g. {@code ("act", 2026-03-01, 2026-05-31)}. The key is
 * one of the campaign module's phases when the campaign has a module.
 */
public record Phase(String key, LocalDate starts, LocalDate ends) {}
