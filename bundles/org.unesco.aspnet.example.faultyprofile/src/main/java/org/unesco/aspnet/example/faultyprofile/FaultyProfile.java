package org.unesco.aspnet.example.faultyprofile;

import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.membership.profile.NationalProfile;

/** Misbehaves on request: "explode" in a school's name throws, "hang" blocks for ten minutes. */
@Component(service = NationalProfile.class)
@NationalProfile.Country("IT")
public final class FaultyProfile implements NationalProfile {

  @Override
  public String language() {
    return "it";
  }

  @Override
  public List<FieldError> validate(Map<String, Object> school, String language) {
    String name = String.valueOf(school.get("name"));
    if (name.contains("explode")) {
      throw new IllegalStateException("this profile explodes on purpose");
    }
    if (name.contains("hang")) {
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return List.of();
  }
}
