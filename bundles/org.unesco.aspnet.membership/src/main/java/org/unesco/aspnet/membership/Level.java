package org.unesco.aspnet.membership;

/** Education levels a school offers, mapped to ISCED 2011 in exports. */
public enum Level {
  PRE_PRIMARY,
  PRIMARY,
  SECONDARY,
  TVET,
  TEACHER_TRAINING
}
