package org.unesco.aspnet.projects;

import java.time.Instant;

/** A school that takes part in a campaign. */
public record Participant(long school, String name, String country, String city, Instant joinedAt) {}
