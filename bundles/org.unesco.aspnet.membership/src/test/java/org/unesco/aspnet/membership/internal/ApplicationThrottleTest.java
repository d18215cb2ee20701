package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApplicationThrottleTest {

  @Test
  void anAddressAppliesSoManyTimesAnHourThenWaitsForItsHourToEnd() {
    ApplicationThrottle throttle = new ApplicationThrottle();
    long t = 1_000_000L;
    assertEquals(0, throttle.admit("192.0.2.1", 2, t));
    assertEquals(0, throttle.admit("192.0.2.1", 2, t + 1_000));
    assertEquals(3599, throttle.admit("192.0.2.1", 2, t + 1_500), "the third waits until the hour of the first ends");
    assertEquals(0, throttle.admit("192.0.2.2", 2, t + 1_500), "another address counts on its own");
    assertEquals(1, throttle.admit("192.0.2.1", 2, t + ApplicationThrottle.HOUR_MILLIS - 10), "at least a second");
    assertEquals(0, throttle.admit("192.0.2.1", 2, t + ApplicationThrottle.HOUR_MILLIS), "a new hour");
  }

  @Test
  void aRaisedLimitAppliesToTheHourUnderWay() {
    ApplicationThrottle throttle = new ApplicationThrottle();
    assertEquals(0, throttle.admit("198.51.100.7", 1, 0));
    assertEquals(3600, throttle.admit("198.51.100.7", 1, 0));
    assertEquals(0, throttle.admit("198.51.100.7", 5, 10));
  }
}
