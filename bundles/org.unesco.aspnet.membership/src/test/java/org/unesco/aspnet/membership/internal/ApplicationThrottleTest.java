package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApplicationThrottleTest {

  @Test
  void anAddressAppliesSoManyTimesAnHourThenWaitsForItsHourToEnd() {
    ApplicationThrottle throttle = new ApplicationThrottle();
    long t = 1_000_000L;
    assertEquals(0, throttle.wait("192.0.2.1", 2, t));
    throttle.taken("192.0.2.1", t);
    assertEquals(0, throttle.wait("192.0.2.1", 2, t + 1_000), "a refused form counts nothing: only what was taken");
    throttle.taken("192.0.2.1", t + 1_000);
    assertEquals(3599, throttle.wait("192.0.2.1", 2, t + 1_500), "the third waits until the hour of the first ends");
    assertEquals(0, throttle.wait("192.0.2.2", 2, t + 1_500), "another address counts on its own");
    assertEquals(1, throttle.wait("192.0.2.1", 2, t + ApplicationThrottle.HOUR_MILLIS - 10), "at least a second");
    assertEquals(0, throttle.wait("192.0.2.1", 2, t + ApplicationThrottle.HOUR_MILLIS), "a new hour");
    assertEquals(0, throttle.wait("192.0.2.1", 5, t + 1_500), "a raised limit applies to the hour under way");
  }

  @Test
  void anIpv6AddressCountsWithItsSlash64() {
    ApplicationThrottle throttle = new ApplicationThrottle();
    throttle.taken("2001:db8:1:2::1", 0);
    assertEquals(3600, throttle.wait("2001:db8:1:2:ffff::9", 1, 0), "the same /64");
    assertEquals(0, throttle.wait("2001:db8:1:3::1", 1, 0), "the next /64");
    assertEquals(ApplicationThrottle.key("2001:db8:1:2::1"), ApplicationThrottle.key("[2001:0db8:0001:0002:0:0:0:7]"));
  }

  @Test
  void addressesByTheThousandDoNotGrowWithoutBound() {
    ApplicationThrottle throttle = new ApplicationThrottle();
    for (int i = 0; i < ApplicationThrottle.ADDRESSES_KEPT + 10; i++) {
      throttle.taken("10.0." + (i / 256) + "." + (i % 256), 0);
    }
    assertEquals(0, throttle.wait("10.0.0.0", 1, 1), "forgotten once too many were kept");
  }
}
