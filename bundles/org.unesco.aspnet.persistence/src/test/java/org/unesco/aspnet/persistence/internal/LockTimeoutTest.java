package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LockTimeoutTest {

  @Test
  void aConfiguredWaitIsKeptAndOneBelowASecondFallsBackToTheDefault() {
    assertEquals(3, DatabaseService.lockTimeoutSeconds(3));
    assertEquals(1, DatabaseService.lockTimeoutSeconds(1));
    // 0 would be "never wait" on Derby and "wait forever" on PostgreSQL; negative breaks PostgreSQL's connections
    assertEquals(10, DatabaseService.lockTimeoutSeconds(0));
    assertEquals(10, DatabaseService.lockTimeoutSeconds(-5));
  }
}
