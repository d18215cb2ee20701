package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

/** A module that throws, hangs or is gone fails its own call with 503 and nothing else. */
class CampaignModulesTest {
  private final CampaignModules modules = new CampaignModules();

  @AfterEach
  void stop() {
    modules.deactivate();
  }

  /** A module whose aggregate does what the test says. */
  private static CampaignModule module(Runnable onAggregate) {
    return new CampaignModule() {
      @Override
      public String name(Locale language) {
        return "test";
      }

      @Override
      public List<PhaseDefinition> phases() {
        return List.of();
      }

      @Override
      public SubmissionSchema schema() {
        return new SubmissionSchema(List.of(), false);
      }

      @Override
      public List<FieldError> validate(Report report) {
        return List.of();
      }

      @Override
      public Map<String, Object> aggregate(Collection<Report> approved) {
        onAggregate.run();
        return Map.of("count", approved.size());
      }
    };
  }

  private void add(String key, CampaignModule m) {
    modules.addModule(m, Map.of(CampaignModule.KEY_PROPERTY, key));
  }

  private Map<String, Object> aggregate(String key, Duration limit) {
    return modules.call(key, "summary", limit, m -> m.aggregate(List.of()));
  }

  @Test
  void aThrowingModuleFailsOnlyItsOwnCalls() {
    add("broken", module(() -> {
      throw new IllegalStateException("bug in the plugin");
    }));
    add("fine", module(() -> {}));
    ProblemException p = assertThrows(ProblemException.class, () -> aggregate("broken", Duration.ofSeconds(1)));
    assertEquals(503, p.status());
    assertEquals("broken", p.extensions().get("module"));
    assertEquals(Map.of("count", 0), aggregate("fine", Duration.ofSeconds(1)));
    HealthCheck.Result health = modules.check();
    assertEquals(HealthCheck.Status.DEGRADED, health.status());
    assertTrue(health.detail().contains("broken"), health.detail());
  }

  @Test
  void aModuleThatHangsIsCutOffAtTheLimit() {
    add("slow", module(() -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    long start = System.nanoTime();
    ProblemException p = assertThrows(ProblemException.class, () -> aggregate("slow", Duration.ofMillis(200)));
    assertEquals(503, p.status());
    assertTrue(System.nanoTime() - start < 3_000_000_000L, "answered without waiting for the module");
  }

  @Test
  void anErrorIsCaughtToo() {
    add("oom", module(() -> {
      throw new StackOverflowError();
    }));
    assertEquals(503, assertThrows(ProblemException.class, () -> aggregate("oom", Duration.ofSeconds(1))).status());
  }

  @Test
  void aRemovedModuleIsUnavailableAndComesBack() {
    CampaignModule m = module(() -> {});
    add("trash-hack", m);
    assertTrue(modules.installed("trash-hack"));
    modules.removeModule(m, Map.of(CampaignModule.KEY_PROPERTY, "trash-hack"));
    ProblemException p = assertThrows(ProblemException.class, () -> aggregate("trash-hack", Duration.ofSeconds(1)));
    assertEquals(503, p.status());
    assertTrue(p.detail().contains("not installed"), p.detail());
    assertEquals(HealthCheck.Status.UP, modules.check().status(), "an operator's removal is no fault");
    add("trash-hack", m);
    assertEquals(Map.of("count", 0), aggregate("trash-hack", Duration.ofSeconds(1)));
  }

  @Test
  void whenTwoClaimAKeyTheOtherTakesOverWhenTheOneInUseLeaves() {
    CampaignModule first = module(() -> {});
    CampaignModule second = module(() -> {
      throw new IllegalStateException("second");
    });
    add("dup", first);
    add("dup", second);
    assertEquals(503, assertThrows(ProblemException.class, () -> aggregate("dup", Duration.ofSeconds(1))).status(),
        "the last registered is used");
    modules.removeModule(second, Map.of(CampaignModule.KEY_PROPERTY, "dup"));
    assertEquals(Map.of("count", 0), aggregate("dup", Duration.ofSeconds(1)));
  }

  @Test
  void aKeyNoCampaignCouldNameIsNotListed() {
    add("Tree_Planting", module(() -> {}));
    add("tree-planting", module(() -> {}));
    assertEquals(List.of("tree-planting"), modules.keys());
    assertFalse(modules.installed("Tree_Planting"));
  }

  @Test
  void aProblemThrownOnPurposeIsPassedOn() {
    add("strict", module(() -> {
      throw ProblemException.validation("metrics", "no");
    }));
    assertEquals(400, assertThrows(ProblemException.class, () -> aggregate("strict", Duration.ofSeconds(1))).status());
  }
}
