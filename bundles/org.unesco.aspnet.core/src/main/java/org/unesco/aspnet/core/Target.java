package org.unesco.aspnet.core;

/**
 * What an action is about, as far as scope goes: the country, unit, school or campaign it
 * touches. Fields that do not apply are null; {@link #everything()} is the platform itself.
 */
public record Target(String country, String unit, String school, String campaign) {
  private static final Target EVERYTHING = new Target(null, null, null, null);

  public static Target everything() {
    return EVERYTHING;
  }

  public static Target country(String country) {
    return new Target(country, null, null, null);
  }

  public static Target school(String country, String unit, String school) {
    return new Target(country, unit, school, null);
  }
}
