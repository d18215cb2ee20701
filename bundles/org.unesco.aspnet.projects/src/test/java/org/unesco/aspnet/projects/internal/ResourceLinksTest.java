package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Addresses as coordinators paste them from a browser, and those that must not pass. */
class ResourceLinksTest {

  @Test
  void whatABrowserShowsIsTakenAsItIs() {
    for (String url : new String[] {
        "https://exaŭple.org/idn", "https://ar.wikipedia.org/wiki/يونسكو", "https://example.org/a?x=1&y=<b>",
        "https://example.org/a|b", "https://example.org/{x}", "https://例え.テスト/ガイド", "http://example.org/guide.pdf#page=3",
        "https://example.org:8443/x", "https://straße.de/"}) {
      assertEquals(url, ResourceLinks.normalized(url), url);
    }
  }

  @Test
  void theSameLinkIsWrittenOneWay() {
    assertEquals("https://example.org/Dup", ResourceLinks.normalized("HTTPS://EXAMPLE.org:443/Dup"));
    assertEquals("http://example.org/dup", ResourceLinks.normalized("http://Example.ORG:80/dup"));
    assertEquals("https://example.org:80/dup", ResourceLinks.normalized("https://example.org:80/dup"), "not https's default");
    assertEquals("https://example.org/", ResourceLinks.normalized("https://example.org"), "an empty path is /");
    assertEquals("https://example.org/?q=1", ResourceLinks.normalized("https://example.org?q=1"));
    assertEquals("https://example.org/dup", ResourceLinks.normalized("https://ｅｘａｍｐｌｅ。ORG./dup"), "fullwidth, ideographic dot, final dot");
    assertEquals("https://exámple.org/", ResourceLinks.normalized("https://exa\u0301mple.org/"), "decomposed as composed");
    assertTrue(ResourceLinks.sameLink("https://exaŭple.org/idn", "https://xn--exaple-rmb.org/idn"));
    assertFalse(ResourceLinks.sameLink("https://example.org/a", "https://example.org/A"), "a path keeps its case");
  }

  @Test
  void whatWouldMisleadOrCannotBeOpenedIsRefused() {
    for (String url : new String[] {
        "https://www.unesco.org@evil.example/", "https://user:pass@example.org/", "https://example.org:99999/",
        "http://example.org:0/", "https://example.org/\u200b", "https://exa\u200bmple.org/", "https://example.org/a b",
        "javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "https://", "https:///path", "http://localhost/x",
        "http://10.0.0.1/x", "https://" + "a".repeat(64) + ".org/", "https://-bad.org/", "https://example.org:1:2/",
        "https://example.org/%zz", "https://example.org/" + "x".repeat(2000), "https://[2001:db8::1]/guide", "https://[::1]/",
        "http://[::ffff:10.0.0.1]/", "https://www.unesco.org\u2215en\u2215aspnet.evil.example/", "https://www.unesco.org\u2044x.evil.example/",
        "https://www.unesco.org\u29f8x.evil.example/", "https://www.unesco.org\u0338x.evil.example/", "https://www.unesco.org\uff0fx.evil.example/"}) {
      assertNull(ResourceLinks.normalized(url), url);
    }
  }

  @Test
  void aTextsLanguageIsALanguage() {
    assertTrue(CampaignForm.isLanguage("fr"));
    assertTrue(CampaignForm.isLanguage("en-GB"));
    assertTrue(CampaignForm.isLanguage("zh-Hant"));
    assertTrue(CampaignForm.isLanguage("swa"));
    assertFalse(CampaignForm.isLanguage("xx"));
    assertFalse(CampaignForm.isLanguage("EN"));
    assertFalse(CampaignForm.isLanguage(null));
  }
}
