package org.unesco.aspnet.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK (no extra library), 600,000 iterations as OWASP recommends
 * (2023 cheat sheet). The iteration count is stored with each hash, so raising it later keeps
 * old passwords working; {@link #needsRehash} says when to upgrade one at its next sign-in.
 * Passwords are hashed in Unicode NFC (the normalisation of RFC 8265's OpaqueString profile, not its
 * other rules): "é" typed as one character on one keyboard and as "e" and an accent on another is
 * the same password.
 */
final class PasswordHasher {
  static final int OWASP_ITERATIONS = 600_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
  }

  /** How a password matched a stored hash. */
  enum Match {
    NO,
    YES,
    /** The hash is of the password as typed, not normalised (made before NFC): to be hashed again. */
    AS_TYPED
  }

  String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(normalised(password), salt, iterations));
  }

  boolean verify(String password, String stored) {
    return check(password, stored) != Match.NO;
  }

  /**
   * Whether {@code password} is the one of {@code stored}: its NFC form, or (for a hash made before
   * passwords were normalised, of a password typed otherwise) the password as typed.
   */
  Match check(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return Match.NO;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    int count = Integer.parseInt(parts[1]);
    String nfc = normalised(password);
    if (MessageDigest.isEqual(expected, derive(nfc, salt, count))) {
      return Match.YES;
    }
    return !nfc.equals(password) && MessageDigest.isEqual(expected, derive(password, salt, count)) ? Match.AS_TYPED : Match.NO;
  }

  static String normalised(String password) {
    return Normalizer.normalize(password, Normalizer.Form.NFC);
  }

  boolean needsRehash(String stored) {
    String[] parts = stored.split("\\$");
    return parts.length != 4 || Integer.parseInt(parts[1]) < iterations;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
