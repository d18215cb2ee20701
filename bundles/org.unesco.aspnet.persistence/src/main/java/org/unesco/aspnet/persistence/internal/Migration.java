package org.unesco.aspnet.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One migration file, {@code V<version>__<description>.sql}, of one bundle. */
record Migration(int version, String description, String fileName, String sql) {

  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_\\-]+)\\.sql");

  static Migration parse(String fileName, String sql) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          fileName + " is not named V<number>__<description>.sql");
    }
    return new Migration(
        Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), fileName, sql);
  }

  /** SHA-256 of the text with line endings normalised, so a checkout on Windows is not "edited". */
  String checksum() {
    try {
      byte[] text = sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
