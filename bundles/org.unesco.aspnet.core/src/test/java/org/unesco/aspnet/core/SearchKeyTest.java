package org.unesco.aspnet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchKeyTest {

  @Test
  void foldsCaseAccentsAndPunctuation() {
    assertEquals("ecole saint exupery", SearchKey.of("  École Saint-Exupéry! "));
    assertEquals(SearchKey.of("ecole saint exupery"), SearchKey.of("ÉCOLE   SAINT–EXUPÉRY"));
    assertEquals("sao paulo", SearchKey.of("São Paulo"));
    assertEquals("gymnasium", SearchKey.of("Gymnasium"));
  }

  @Test
  void foldsLettersThatDoNotDecompose() {
    assertEquals("strasse", SearchKey.of("Straße"));
    assertEquals("lodz", SearchKey.of("Łódź"));
    assertEquals("kobenhavn", SearchKey.of("København"));
    assertEquals("oeuvre", SearchKey.of("Œuvre"));
  }

  @Test
  void keepsOtherScriptsAndDropsTheirDiacritics() {
    assertEquals("北京第一中学", SearchKey.of("北京第一中学"));
    assertEquals("مدرسة", SearchKey.of("مَدْرَسَة"));
    assertEquals("школа 5", SearchKey.of("Школа 5"));
    assertEquals("ελληνικο σχολειο", SearchKey.of("Ελληνικό Σχολείο"));
  }

  @Test
  void splitsWords() {
    assertEquals(List.of("lycee", "victor", "hugo"), SearchKey.words("Lycée Victor-Hugo"));
    assertEquals(List.of(), SearchKey.words(" %_ "));
    assertEquals(List.of(), SearchKey.words(null));
  }
}
