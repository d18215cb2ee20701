package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1000); // fast for tests; the format stores the count

  @Test
  void verifiesTheRightPasswordOnlyAndSaltsEachHash() {
    String a = hasher.hash("correct horse battery staple");
    assertTrue(hasher.verify("correct horse battery staple", a));
    assertFalse(hasher.verify("correct horse battery stapl", a));
    assertNotEquals(a, hasher.hash("correct horse battery staple"), "a fresh salt each time");
    assertTrue(a.startsWith("pbkdf2-sha256$1000$"));
    assertFalse(hasher.verify("x", "garbage"));
  }

  @Test
  void aHashWithFewerIterationsNeedsARehash() {
    String old = new PasswordHasher(500).hash("pw");
    assertTrue(hasher.verify("pw", old), "old hashes still verify");
    assertTrue(hasher.needsRehash(old));
    assertFalse(hasher.needsRehash(hasher.hash("pw")));
  }

  @Test
  void aPasswordIsTheSameWhicheverWayItsAccentsAreTyped() {
    String composed = "caf\u00e9 au lait du matin"; // é as one code point (NFC)
    String decomposed = "cafe\u0301 au lait du matin"; // e and a combining acute accent (NFD)
    assertEquals(PasswordHasher.Match.YES, hasher.check(decomposed, hasher.hash(composed)));
    assertEquals(PasswordHasher.Match.YES, hasher.check(composed, hasher.hash(decomposed)));
    assertEquals(PasswordHasher.Match.NO, hasher.check("cafe au lait du matin", hasher.hash(composed)), "an accent is not nothing");
  }

  @Test
  void aHashMadeOfAnUnnormalisedPasswordStillOpensAndAsksToBeMadeAgain() {
    String decomposed = "cafe\u0301 au lait du matin";
    String old = hashAsTyped(decomposed); // as hashes were made before passwords were normalised
    assertEquals(PasswordHasher.Match.AS_TYPED, hasher.check(decomposed, old));
    assertEquals(PasswordHasher.Match.NO, hasher.check("cafe\u0301 au lait du soir", old));
  }

  /** A hash of the characters as given, as PasswordHasher made them before it normalised. */
  private static String hashAsTyped(String password) {
    byte[] salt = new byte[16];
    try {
      javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 1000, 256);
      byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
      return "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void defaultIsOwaspsCount() {
    assertEquals(600_000, PasswordHasher.OWASP_ITERATIONS);
  }

  @Test
  void throttleDelayGrowsAndIsCapped() {
    assertEquals(Duration.ZERO, LoginThrottle.delay(4, 5));
    assertEquals(Duration.ofSeconds(1), LoginThrottle.delay(5, 5));
    assertEquals(Duration.ofSeconds(8), LoginThrottle.delay(8, 5));
    assertEquals(LoginThrottle.MAX_DELAY, LoginThrottle.delay(40, 5));
    Instant now = Instant.now();
    assertEquals(0, LoginThrottle.secondsToWait(new SecurityStore.Failures(4, now), 5, now));
    assertTrue(LoginThrottle.secondsToWait(new SecurityStore.Failures(7, now), 5, now) >= 3);
    assertEquals(0, LoginThrottle.secondsToWait(new SecurityStore.Failures(7, now.minusSeconds(5)), 5, now));
    assertEquals(4, LoginThrottle.secondsToWait(new SecurityStore.Failures(7, now.minusMillis(500)), 5, now),
        "3.5 s to wait is said as 4: a client that waits as long as told is let through");
  }
}
