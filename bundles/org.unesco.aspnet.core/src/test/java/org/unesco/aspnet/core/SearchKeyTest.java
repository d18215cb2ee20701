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

  @Test
  void readsAWordOfMixedScriptsInItsMainScript() {
    // a Cyrillic о (U+043E) and е (U+0435) typed into a Latin name
    assertEquals("lycee voltaire", SearchKey.of("Lyc\u0435e V\u043Eltaire"));
    assertEquals(SearchKey.of("COLLEGE"), SearchKey.of("\u0421OLL\u0415GE")); // Cyrillic С and Е in capitals
    // a Latin o and c typed into a Cyrillic name
    assertEquals("школа", SearchKey.of("шкoла"));
    assertEquals(SearchKey.of("Средняя школа"), SearchKey.of("Cредняя школа"));
    // a Greek ο in a Latin word, a Latin o in a Greek one
    assertEquals("rodos", SearchKey.of("R\u03BFdos"));
    assertEquals("σχολειο", SearchKey.of("Σχoλείο"));
    // nothing tells the script: Latin
    assertEquals("coca", SearchKey.of("\u0441oca"));
    // as many letters of each kind: the script with more letters
    assertEquals("сок", SearchKey.of("\u0441o\u043A"));
  }

  @Test
  void aMixedWordHasTheSameKeyInEveryCase() {
    // pairs that look alike in capitals only (Т and T) decide the script in small letters too
    for (String[] same : new String[][] {{"\u0422EXAS", "\u0442exas", "texas"}, {"M\u041E\u0421\u041A\u0412\u0410", "m\u043E\u0441\u043A\u0432\u0430", "москва"},
        {"\u041Dotel", "\u043Dotel", "hotel"}}) {
      assertEquals(same[2], SearchKey.of(same[0]), same[0]);
      assertEquals(same[2], SearchKey.of(same[1]), same[1]);
    }
  }

  @Test
  void leavesWordsOfOneScriptAndWordsSideBySideAlone() {
    assertEquals("сосна", SearchKey.of("Сосна")); // all Cyrillic, though every letter has a Latin look-alike but н
    assertEquals("школа no 5 saint exupery", SearchKey.of("Школа No 5 Saint-Exupéry"));
    assertEquals("ελληνικο σχολειο athens", SearchKey.of("Ελληνικό Σχολείο Athens"));
    assertEquals("5а", SearchKey.of("5а")); // a digit is of no script
    // letters without a look-alike stay what they are: only the look-alikes move
    assertEquals("shkola", SearchKey.of("shkol\u0430"));
    assertEquals("ж\u043A", SearchKey.of("жk"));
  }

  @Test
  void changesItsVersionWithTheKeys() {
    assertEquals(2, SearchKey.version());
  }
}
