package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirstPasswordHashTest {
  private static final int ITERATIONS = 100_000;

  @Test
  void onANewDataFolderTheGivenPasswordIsHashedAheadAndVerifies() {
    FirstPasswordHash ahead = new FirstPasswordHash(true, "a long enough password", ITERATIONS);
    String hash = ahead.hashOf("a long enough password");
    assertNotNull(hash);
    PasswordHasher hasher = new PasswordHasher(ITERATIONS);
    assertTrue(hasher.verify("a long enough password", hash));
    assertTrue(!hasher.needsRehash(hash), "made with the configured iterations: " + hash);
    assertNull(ahead.hashOf("another password altogether"), "only for the password it was made for");
  }

  @Test
  void nothingIsHashedOnAFolderThatIsNotNewOrForAPasswordTheRulesRefuse() {
    assertNull(new FirstPasswordHash(false, "a long enough password", ITERATIONS).hashOf("a long enough password"));
    assertNull(new FirstPasswordHash(true, "short", ITERATIONS).hashOf("short"));
    assertNull(new FirstPasswordHash(true, null, ITERATIONS).hashOf(""));
  }
}
