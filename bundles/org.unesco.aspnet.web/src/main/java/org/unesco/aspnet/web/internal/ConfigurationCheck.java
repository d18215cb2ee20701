package org.unesco.aspnet.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Tells the operator what they wrote in {@code config/} that nothing reads: a key the PID's metatype
 * does not define ({@code sesionHours} for {@code sessionHours}), or a whole file for a PID of the
 * platform that no installed bundle describes (a misspelled file name). Each is said once, at WARN,
 * when the file is read or changed; a file whose mistakes are fixed is said to be right again.
 * Values are each component's to check (ConfigValues).
 */
@Component(service = ConfigurationListener.class)
public final class ConfigurationCheck implements ConfigurationListener {
  static final String OURS = "org.unesco.aspnet.";

  private final BundleContext context;
  private final ConfigurationAdmin admin;
  private final MetaTypeService metatype;
  private final Logger log;
  /** What was last said for each PID, so that a file read again is not said again. */
  private final Map<String, String> told = new ConcurrentHashMap<>();
  static final long DELAY_SECONDS = 5;
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "aspnet-configuration-check");
    t.setDaemon(true);
    return t;
  });

  @Activate
  public ConfigurationCheck(BundleContext context, @Reference ConfigurationAdmin admin, @Reference MetaTypeService metatype,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    this.admin = admin;
    this.metatype = metatype;
    this.log = log;
    later("(service.pid=" + OURS + "*)");
  }

  @Deactivate
  void deactivate() {
    checks.shutdownNow();
  }

  @Override
  public void configurationEvent(ConfigurationEvent event) {
    if (event.getType() == ConfigurationEvent.CM_UPDATED && event.getFactoryPid() == null && event.getPid().startsWith(OURS)) {
      later("(service.pid=" + event.getPid() + ")");
    }
  }

  /**
   * Checks the configurations the filter selects a few seconds from now: the plugins of plugins/ are
   * installed by then (one dropped in with its file is not yet at the moment the file is read).
   */
  private void later(String filter) {
    try {
      checks.schedule(() -> {
        try {
          Configuration[] found = admin.listConfigurations(filter);
          for (Configuration c : found == null ? new Configuration[0] : found) {
            check(c.getPid(), c.getProperties());
          }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
          log.debug("The configurations {} could not be checked: {}", filter, e.getMessage());
        }
      }, DELAY_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // deactivated meanwhile
    }
  }

  private void check(String pid, Dictionary<String, Object> properties) {
    if (properties == null) {
      return;
    }
    Set<String> known = settings(pid);
    String said;
    if (known == null) {
      said = "No installed bundle reads the configuration " + pid + " (config/" + pid + ".cfg): a misspelled file name,"
          + " or the configuration of a plugin that is not installed";
    } else {
      List<String> unknown = unknownKeys(Collections.list(properties.keys()), known);
      said = unknown.isEmpty() ? "" : describe(pid, unknown, known);
    }
    String before = told.put(pid, said);
    if (said.equals(before == null ? "" : before)) {
      return;
    }
    if (said.isEmpty()) {
      log.info("config/{}.cfg: every key is a setting again", pid);
    } else {
      log.warn(said);
    }
  }

  /** The attribute ids the PID's metatype defines, from whichever installed bundle describes it; null for none. */
  private Set<String> settings(String pid) {
    for (Bundle bundle : context.getBundles()) {
      MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
      if (info == null || !List.of(info.getPids()).contains(pid)) {
        continue;
      }
      ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
      Set<String> ids = new TreeSet<>();
      AttributeDefinition[] attributes = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
      for (AttributeDefinition a : attributes == null ? new AttributeDefinition[0] : attributes) {
        ids.add(a.getID());
      }
      return ids;
    }
    return null;
  }

  /**
   * The keys of a configuration that are no setting: what the platform, Felix (FileInstall's file
   * name) and Declarative Services (a reference's {@code .target}) add are not the operator's.
   */
  static List<String> unknownKeys(List<String> keys, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    for (String key : keys) {
      if (!known.contains(key) && !key.startsWith("service.") && !key.startsWith("felix.") && !key.startsWith("component.")
          && !key.endsWith(".target") && !key.endsWith(".cardinality.minimum")) {
        unknown.add(key);
      }
    }
    Collections.sort(unknown);
    return unknown;
  }

  static String describe(String pid, List<String> unknown, Set<String> known) {
    return "config/" + pid + ".cfg: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is not a setting" : " are not settings")
        + " of " + pid + " and " + (unknown.size() == 1 ? "is" : "are") + " ignored (its settings: " + String.join(", ", known) + ")";
  }
}
