package org.unesco.aspnet.projects;

/**
 * A link to a photo or video of an activity (the platform stores links, not files).
 *
 * @param url an http(s) address
 * @param type {@code photo} or {@code video}
 * @param showsPupils whether pupils can be recognised on it
 * @param parentalConsent the school confirms it holds the parents' consent; required when {@code
 *     showsPupils}
 */
public record MediaLink(String url, String type, Boolean showsPupils, Boolean parentalConsent) {}
