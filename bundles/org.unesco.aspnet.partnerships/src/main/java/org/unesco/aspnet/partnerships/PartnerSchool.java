package org.unesco.aspnet.partnerships;

/** One of the two schools of a partnership, with its name, country and city as they are now. */
public record PartnerSchool(long id, String name, String country, String city) {}
