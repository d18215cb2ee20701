package org.unesco.aspnet.export.xlsx.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * Why an XLSX file cannot be read, in the language of the person who imports it (the import
 * names it: {@link org.unesco.aspnet.export.TableReader#open(java.io.InputStream, String)}).
 * Patterns are {@link Messages}' MessageFormats (an apostrophe is written twice); a count is
 * written as the language groups its thousands (1,048,576, 1 048 576, 1.048.576), a row or a cell
 * reference as the file has it. The XML parser's own words, quoted in brackets, stay as it wrote them.
 */
final class XlsxMessages {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("unreadable", "not a readable XLSX file: {0}"),
          Map.entry("unreadableAfter", "not a readable XLSX file (after row {1}): {0}"),
          Map.entry("notZip", "it is not a ZIP archive, as an XLSX file is; save it again from Excel or LibreOffice as .xlsx"),
          Map.entry("entity", "it uses an XML entity ({0}), which no spreadsheet program writes"),
          Map.entry("character", "its XML holds a character XML does not allow ({0})"),
          Map.entry("notWellFormed", "its XML is not well-formed ({0})"),
          Map.entry("partNotFound", "a part of it is missing: {0} not found"),
          Map.entry("partMissing", "a part of it is missing: {0}"),
          Map.entry("noSheet", "it has no sheet"),
          Map.entry("cellOrRow", "a cell or row cannot be read"),
          Map.entry("cell", "cell {0}"),
          Map.entry("aCell", "a cell"),
          Map.entry("sharedBeyond", "{0} cannot be read: it names text {1,number,integer} of the file''s shared texts,"
              + " which has {2,number,integer}"),
          Map.entry("sharedNone", "{0} cannot be read: it names text {1,number,integer} of the file''s shared texts,"
              + " which has none"),
          Map.entry("sharedNotNumber", "{0} cannot be read: a text cell holds the number of a shared text, not \"{1}\""),
          Map.entry("rows", "it has more than {0,number,integer} rows, more than a spreadsheet holds"),
          Map.entry("columns", "a row has more than {0,number,integer} cells, more than a spreadsheet holds"),
          Map.entry("arrays", "it has more than {0,number,integer} array formulas, more than an import reads: save it as"
              + " CSV UTF-8"),
          Map.entry("texts", "it has more than {0,number,integer} different texts, more than an import reads: split it,"
              + " or save it as CSV UTF-8"),
          Map.entry("formula", "{0} holds a formula of more than {1,number,integer} characters, more than a spreadsheet"
              + " cell holds"),
          Map.entry("cellChars", "{0} holds more than {1,number,integer} characters, more than a spreadsheet cell holds"),
          Map.entry("numberChars", "{0} holds a number of more than {1,number,integer} characters, which no spreadsheet writes"),
          Map.entry("textChars", "its texts have more than {0,number,integer} characters, more than an import reads:"
              + " split it, or save it as CSV UTF-8"),
          Map.entry("rowBeyond", "row {0} is beyond the last row of a spreadsheet ({1,number,integer})"),
          Map.entry("cellBeyond", "cell {0} is beyond the last column (XFD) or row ({1,number,integer}) of a spreadsheet"),
          Map.entry("definitions", "it has more than {0,number,integer} cell formats, relationships or shared formulas,"
              + " more than a spreadsheet program writes"),
          Map.entry("inflates", "it inflates to more than {0,number,integer} GB of XML, far more than a full spreadsheet:"
              + " save it again from a spreadsheet program, or as CSV UTF-8"),
          Map.entry("token", "it holds a text or a tag of more than {0,number,integer} MB, which no spreadsheet writes")),
      "fr", Map.ofEntries(
          Map.entry("unreadable", "ce n''est pas un fichier XLSX lisible : {0}"),
          Map.entry("unreadableAfter", "ce n''est pas un fichier XLSX lisible (après la ligne {1}) : {0}"),
          Map.entry("notZip", "ce n''est pas une archive ZIP, ce qu''est un fichier XLSX ; enregistrez-le de nouveau depuis"
              + " Excel ou LibreOffice au format .xlsx"),
          Map.entry("entity", "il utilise une entité XML ({0}), ce qu''aucun tableur n''écrit"),
          Map.entry("character", "son XML contient un caractère que XML n''autorise pas ({0})"),
          Map.entry("notWellFormed", "son XML est mal formé ({0})"),
          Map.entry("partNotFound", "il lui manque une partie : {0} est introuvable"),
          Map.entry("partMissing", "il lui manque une partie : {0}"),
          Map.entry("noSheet", "il n''a aucune feuille"),
          Map.entry("cellOrRow", "une cellule ou une ligne ne peut pas être lue"),
          Map.entry("cell", "la cellule {0}"),
          Map.entry("aCell", "une cellule"),
          Map.entry("sharedBeyond", "{0} ne peut pas être lue : elle renvoie au texte {1,number,integer} des textes"
              + " partagés du fichier, qui en compte {2,number,integer}"),
          Map.entry("sharedNone", "{0} ne peut pas être lue : elle renvoie au texte {1,number,integer} des textes"
              + " partagés du fichier, qui n''en a aucun"),
          Map.entry("sharedNotNumber", "{0} ne peut pas être lue : une cellule de texte contient le numéro d''un texte"
              + " partagé, pas \"{1}\""),
          Map.entry("rows", "il a plus de {0,number,integer} lignes, plus qu''une feuille de calcul n''en contient"),
          Map.entry("columns", "une ligne a plus de {0,number,integer} cellules, plus qu''une feuille de calcul n''en contient"),
          Map.entry("arrays", "il a plus de {0,number,integer} formules matricielles, plus qu''une importation n''en lit :"
              + " enregistrez-le en CSV UTF-8"),
          Map.entry("texts", "il a plus de {0,number,integer} textes différents, plus qu''une importation n''en lit :"
              + " divisez-le, ou enregistrez-le en CSV UTF-8"),
          Map.entry("formula", "{0} contient une formule de plus de {1,number,integer} caractères, plus qu''une cellule"
              + " de tableur n''en contient"),
          Map.entry("cellChars", "{0} contient plus de {1,number,integer} caractères, plus qu''une cellule de tableur n''en"
              + " contient"),
          Map.entry("numberChars", "{0} contient un nombre de plus de {1,number,integer} caractères, ce qu''aucun tableur"
              + " n''écrit"),
          Map.entry("textChars", "ses textes comptent plus de {0,number,integer} caractères, plus qu''une importation n''en"
              + " lit : divisez-le, ou enregistrez-le en CSV UTF-8"),
          Map.entry("rowBeyond", "la ligne {0} est au-delà de la dernière ligne d''une feuille de calcul ({1,number,integer})"),
          Map.entry("cellBeyond", "la cellule {0} est au-delà de la dernière colonne (XFD) ou de la dernière ligne"
              + " ({1,number,integer}) d''une feuille de calcul"),
          Map.entry("definitions", "il a plus de {0,number,integer} formats de cellule, relations ou formules partagées,"
              + " plus qu''un tableur n''en écrit"),
          Map.entry("inflates", "décompressé, il dépasse {0,number,integer} Go de XML, bien plus qu''une feuille de calcul"
              + " pleine : enregistrez-le de nouveau depuis un tableur, ou en CSV UTF-8"),
          Map.entry("token", "il contient un texte ou une balise de plus de {0,number,integer} Mo, ce qu''aucun tableur"
              + " n''écrit")),
      "es", Map.ofEntries(
          Map.entry("unreadable", "no es un archivo XLSX legible: {0}"),
          Map.entry("unreadableAfter", "no es un archivo XLSX legible (después de la fila {1}): {0}"),
          Map.entry("notZip", "no es un archivo ZIP, como lo es un archivo XLSX; vuelva a guardarlo desde Excel o"
              + " LibreOffice como .xlsx"),
          Map.entry("entity", "usa una entidad XML ({0}), que ningún programa de hojas de cálculo escribe"),
          Map.entry("character", "su XML contiene un carácter que XML no permite ({0})"),
          Map.entry("notWellFormed", "su XML no está bien formado ({0})"),
          Map.entry("partNotFound", "le falta una parte: no se encuentra {0}"),
          Map.entry("partMissing", "le falta una parte: {0}"),
          Map.entry("noSheet", "no tiene ninguna hoja"),
          Map.entry("cellOrRow", "no se puede leer una celda o una fila"),
          Map.entry("cell", "la celda {0}"),
          Map.entry("aCell", "una celda"),
          Map.entry("sharedBeyond", "{0} no se puede leer: remite al texto {1,number,integer} de los textos compartidos"
              + " del archivo, que tiene {2,number,integer}"),
          Map.entry("sharedNone", "{0} no se puede leer: remite al texto {1,number,integer} de los textos compartidos"
              + " del archivo, que no tiene ninguno"),
          Map.entry("sharedNotNumber", "{0} no se puede leer: una celda de texto contiene el número de un texto"
              + " compartido, no \"{1}\""),
          Map.entry("rows", "tiene más de {0,number,integer} filas, más de las que admite una hoja de cálculo"),
          Map.entry("columns", "una fila tiene más de {0,number,integer} celdas, más de las que admite una hoja de cálculo"),
          Map.entry("arrays", "tiene más de {0,number,integer} fórmulas matriciales, más de las que lee una importación:"
              + " guárdelo como CSV UTF-8"),
          Map.entry("texts", "tiene más de {0,number,integer} textos distintos, más de los que lee una importación:"
              + " divídalo, o guárdelo como CSV UTF-8"),
          Map.entry("formula", "{0} contiene una fórmula de más de {1,number,integer} caracteres, más de los que admite"
              + " una celda"),
          Map.entry("cellChars", "{0} contiene más de {1,number,integer} caracteres, más de los que admite una celda"),
          Map.entry("numberChars", "{0} contiene un número de más de {1,number,integer} caracteres, que ninguna hoja de"
              + " cálculo escribe"),
          Map.entry("textChars", "sus textos tienen más de {0,number,integer} caracteres, más de los que lee una"
              + " importación: divídalo, o guárdelo como CSV UTF-8"),
          Map.entry("rowBeyond", "la fila {0} está más allá de la última fila de una hoja de cálculo ({1,number,integer})"),
          Map.entry("cellBeyond", "la celda {0} está más allá de la última columna (XFD) o fila ({1,number,integer}) de"
              + " una hoja de cálculo"),
          Map.entry("definitions", "tiene más de {0,number,integer} formatos de celda, relaciones o fórmulas compartidas,"
              + " más de los que escribe un programa de hojas de cálculo"),
          Map.entry("inflates", "descomprimido pasa de {0,number,integer} GB de XML, mucho más que una hoja de cálculo"
              + " llena: vuelva a guardarlo desde un programa de hojas de cálculo, o como CSV UTF-8"),
          Map.entry("token", "contiene un texto o una etiqueta de más de {0,number,integer} MB, que ninguna hoja de"
              + " cálculo escribe")),
      "de", Map.ofEntries(
          Map.entry("unreadable", "keine lesbare XLSX-Datei: {0}"),
          Map.entry("unreadableAfter", "keine lesbare XLSX-Datei (nach Zeile {1}): {0}"),
          Map.entry("notZip", "sie ist kein ZIP-Archiv, wie es eine XLSX-Datei ist; speichern Sie sie erneut aus Excel"
              + " oder LibreOffice als .xlsx"),
          Map.entry("entity", "sie verwendet eine XML-Entität ({0}), die kein Tabellenprogramm schreibt"),
          Map.entry("character", "ihr XML enthält ein Zeichen, das XML nicht erlaubt ({0})"),
          Map.entry("notWellFormed", "ihr XML ist nicht wohlgeformt ({0})"),
          Map.entry("partNotFound", "ein Teil fehlt: {0} nicht gefunden"),
          Map.entry("partMissing", "ein Teil fehlt: {0}"),
          Map.entry("noSheet", "sie hat kein Tabellenblatt"),
          Map.entry("cellOrRow", "eine Zelle oder Zeile kann nicht gelesen werden"),
          Map.entry("cell", "Zelle {0}"),
          Map.entry("aCell", "eine Zelle"),
          Map.entry("sharedBeyond", "{0} kann nicht gelesen werden: sie verweist auf Text {1,number,integer} der"
              + " gemeinsamen Texte der Datei, die nur {2,number,integer} hat"),
          Map.entry("sharedNone", "{0} kann nicht gelesen werden: sie verweist auf Text {1,number,integer} der"
              + " gemeinsamen Texte der Datei, die keine hat"),
          Map.entry("sharedNotNumber", "{0} kann nicht gelesen werden: eine Textzelle enthält die Nummer eines"
              + " gemeinsamen Texts, nicht \"{1}\""),
          Map.entry("rows", "sie hat mehr als {0,number,integer} Zeilen, mehr als eine Tabelle fasst"),
          Map.entry("columns", "eine Zeile hat mehr als {0,number,integer} Zellen, mehr als eine Tabelle fasst"),
          Map.entry("arrays", "sie hat mehr als {0,number,integer} Matrixformeln, mehr als ein Import liest: speichern"
              + " Sie sie als CSV UTF-8"),
          Map.entry("texts", "sie hat mehr als {0,number,integer} verschiedene Texte, mehr als ein Import liest: teilen"
              + " Sie sie auf oder speichern Sie sie als CSV UTF-8"),
          Map.entry("formula", "{0} enthält eine Formel mit mehr als {1,number,integer} Zeichen, mehr als eine"
              + " Tabellenzelle fasst"),
          Map.entry("cellChars", "{0} enthält mehr als {1,number,integer} Zeichen, mehr als eine Tabellenzelle fasst"),
          Map.entry("numberChars", "{0} enthält eine Zahl mit mehr als {1,number,integer} Zeichen, wie sie kein"
              + " Tabellenprogramm schreibt"),
          Map.entry("textChars", "ihre Texte haben mehr als {0,number,integer} Zeichen, mehr als ein Import liest: teilen"
              + " Sie sie auf oder speichern Sie sie als CSV UTF-8"),
          Map.entry("rowBeyond", "Zeile {0} liegt hinter der letzten Zeile einer Tabelle ({1,number,integer})"),
          Map.entry("cellBeyond", "Zelle {0} liegt hinter der letzten Spalte (XFD) oder Zeile ({1,number,integer}) einer"
              + " Tabelle"),
          Map.entry("definitions", "sie hat mehr als {0,number,integer} Zellformate, Beziehungen oder gemeinsame Formeln,"
              + " mehr als ein Tabellenprogramm schreibt"),
          Map.entry("inflates", "entpackt ist sie mehr als {0,number,integer} GB XML groß, weit mehr als eine volle"
              + " Tabelle: speichern Sie sie erneut aus einem Tabellenprogramm oder als CSV UTF-8"),
          Map.entry("token", "sie enthält einen Text oder ein Tag mit mehr als {0,number,integer} MB, wie es kein"
              + " Tabellenprogramm schreibt"))));

  private XlsxMessages() {}

  /** The message {@code key} in {@code language} ("fr", "fr-CA", null), English for one we do not write. */
  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
