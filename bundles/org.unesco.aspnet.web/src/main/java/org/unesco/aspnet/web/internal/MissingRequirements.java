package org.unesco.aspnet.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Namespace;

/**
 * Explains why an installed bundle does not resolve: each mandatory requirement that no bundle
 * in the framework offers, said in words an operator understands.
 */
final class MissingRequirements {
  private static final Pattern ATTRIBUTE = Pattern.compile("\\(([\\w.\\-]+)(>=|<=|=)([^)]*)\\)");

  private MissingRequirements() {}

  static List<String> of(Bundle bundle, BundleContext context) {
    List<String> missing = new ArrayList<>();
    if (bundle.getState() != Bundle.INSTALLED) {
      return missing;
    }
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    if (revision == null) {
      return missing;
    }
    for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
      String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
      String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
      if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
          || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))) {
        continue;
      }
      if (!offered(requirement, context)) {
        missing.add(describe(requirement, installed(requirement, context)));
      }
    }
    return missing;
  }

  private static boolean offered(BundleRequirement requirement, BundleContext context) {
    String filterText = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
    Filter filter;
    try {
      filter = filterText == null ? null : FrameworkUtil.createFilter(filterText);
    } catch (InvalidSyntaxException e) {
      return false;
    }
    return capabilities(requirement.getNamespace(), context).stream()
        .anyMatch(c -> filter == null || filter.matches(c.getAttributes()));
  }

  /** What the installed bundles declare in {@code namespace} (the packages they export, say). */
  private static List<BundleCapability> capabilities(String namespace, BundleContext context) {
    List<BundleCapability> found = new ArrayList<>();
    for (Bundle other : context.getBundles()) {
      BundleRevision revision = other.adapt(BundleRevision.class);
      if (revision != null && other.getState() != Bundle.UNINSTALLED) {
        found.addAll(revision.getDeclaredCapabilities(namespace));
      }
    }
    return found;
  }

  /**
   * The versions of what {@code requirement} names (a package, a bundle) that installed bundles
   * offer, each with its bundle ("1.1.0 from org.unesco.aspnet.projects"): a plugin built against
   * another release of the platform asks for a version the installed one is not.
   */
  static List<String> installed(BundleRequirement requirement, BundleContext context) {
    String namespace = requirement.getNamespace();
    Matcher m = ATTRIBUTE.matcher(requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
    String name = null;
    while (m.find() && name == null) {
      if (m.group(1).equals(namespace) && m.group(2).equals("=")) {
        name = m.group(3);
      }
    }
    List<String> found = new ArrayList<>();
    if (name == null) {
      return found;
    }
    for (BundleCapability capability : capabilities(namespace, context)) {
      Object version = namespace.equals("osgi.wiring.bundle") ? capability.getAttributes().get("bundle-version")
          : capability.getAttributes().get("version");
      if (name.equals(capability.getAttributes().get(namespace)) && version != null) {
        found.add(version + " from " + capability.getRevision().getSymbolicName());
      }
    }
    return found;
  }

  /** E.g. "needs Java package com.example.maps (version 2.0 or later), which no installed bundle provides". */
  static String describe(BundleRequirement requirement) {
    return describe(requirement, List.of());
  }

  /** The same, saying which versions are installed when some are (none of them the one asked for). */
  static String describe(BundleRequirement requirement, List<String> installed) {
    String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
    Map<String, String> attributes = new java.util.LinkedHashMap<>();
    String lowest = null;
    String below = null;
    Matcher m = ATTRIBUTE.matcher(filter);
    while (m.find()) {
      boolean version = m.group(1).equals("version") && m.group(2).equals(">=");
      if (version && filter.contains("(!(version>=" + m.group(3) + "))")) {
        below = m.group(3);
      } else if (version) {
        lowest = m.group(3);
      } else if (m.group(2).equals("=")) {
        attributes.putIfAbsent(m.group(1), m.group(3));
      }
    }
    String namespace = requirement.getNamespace();
    String what =
        switch (namespace) {
          case PackageNamespace.PACKAGE_NAMESPACE -> "Java package " + attributes.get(namespace);
          case "osgi.wiring.bundle" -> "bundle " + attributes.get(namespace);
          case "osgi.ee" -> "Java runtime " + attributes.get("osgi.ee") + " " + attributes.getOrDefault("version", "");
          case "osgi.extender" -> "extender " + attributes.get(namespace);
          default -> namespace + " " + filter;
        };
    StringBuilder text = new StringBuilder("needs ").append(what.strip());
    if (lowest != null && !namespace.equals("osgi.ee")) {
      text.append(" (version ").append(lowest).append(" or later");
      if (below != null) {
        text.append(", below ").append(below);
      }
      text.append(')');
    }
    if (!installed.isEmpty()) {
      // built against another release of the platform (or of the bundle it needs)
      return text.append(", but the installed one is version ").append(String.join(", ", installed))
          .append(": build the plugin against the installed version").toString();
    }
    return text.append(", which no installed bundle provides").toString();
  }
}
