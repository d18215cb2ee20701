package org.unesco.aspnet.projects;

/** Where a submission stands in moderation; only approved ones are public and counted. */
public enum SubmissionStatus {
  PENDING,
  APPROVED,
  REJECTED
}
