package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageCacheSizeTest {
  private static final long MB = 1024 * 1024;

  @Test
  void aConfiguredSizeIsKept() {
    assertEquals(1500, DatabaseService.pageCacheSize(1500, 256 * MB));
    assertEquals(20_000, DatabaseService.pageCacheSize(20_000, 256 * MB));
  }

  @Test
  void unsetItTakesAFifthOfTheHeapIn32KbPages() {
    // 256 MB / 5 / 32 KB = 1,638 pages: 51 MB of a 256 MB heap even when every page is a wide one
    int pages = DatabaseService.pageCacheSize(0, 256 * MB);
    assertEquals(1638, pages);
    assertTrue(pages * 32L * 1024 <= 256 * MB / 5);
    assertEquals(3276, DatabaseService.pageCacheSize(0, 512 * MB));
  }

  @Test
  void unsetItStaysWithinDerbysDefaultAndAFloor() {
    assertEquals(DatabaseService.MAX_AUTO_PAGES, DatabaseService.pageCacheSize(0, 8192 * MB));
    assertEquals(DatabaseService.MIN_AUTO_PAGES, DatabaseService.pageCacheSize(0, 32 * MB));
    assertEquals(DatabaseService.MAX_AUTO_PAGES, DatabaseService.pageCacheSize(-1, 8192 * MB));
  }
}
