package org.unesco.aspnet.projects;

/**
 * What a campaign's resource is, for the list's labels and a reader's choice.
 *
 * @since 1.3
 */
public enum ResourceKind {
  /** A guide or handbook for teachers. */
  GUIDE,
  /** A lesson plan or classroom activity. */
  LESSON_PLAN,
  /** A toolkit: worksheets, templates, materials to print. */
  TOOLKIT,
  /** A video. */
  VIDEO,
  /** A web site or page. */
  WEBSITE,
  /** Anything else. */
  OTHER
}
