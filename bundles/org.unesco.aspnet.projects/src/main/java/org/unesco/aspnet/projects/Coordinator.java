package org.unesco.aspnet.projects;

/**
 * A coordinator of a campaign (an account with the campaign-scoped role, invited by HQ). {@code
 * email} is null for the public.
 */
public record Coordinator(String name, String email) {}
