package org.unesco.aspnet.export.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * What an import says while it reads a file (a cell that is no number, a row longer than the
 * header, a column missing, a file it cannot read), in the language of the request that sent the
 * file, as membership's checks of each row are. Patterns are {@link Messages}' MessageFormats (an
 * apostrophe is written twice); a line, row or column number is passed as text, never grouped
 * ("row 1000", not "row 1,000"). A quoted cell keeps its quotes in every language.
 */
final class ImportMessages {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("unreadable", "The file cannot be read: {0}"),
          Map.entry("empty", "The file is empty: a header row is expected"),
          Map.entry("twice", "two columns are this field: {0} (column {1}) and {2} (column {3}); keep one"),
          Map.entry("noColumn", "no column for it; headers such as {0} are matched in English, French and Spanish"),
          Map.entry("noCountryColumn", "no column for it; headers such as {0} are matched in English, French and Spanish,"
              + " or name the country of the file with ?country=FR"),
          Map.entry("cells", "row {0} has {1} cells, the header has {2}"),
          Map.entry("unnamed", "row {0} has a value in column {1}, which has no header: name the column, or empty it"),
          Map.entry("control", "must not contain control characters (other than tabs and line breaks)"),
          Map.entry("notNumber", "''{0}'' is not a number"),
          Map.entry("ambiguous", "''{0}'' is ambiguous: a dot or comma before three digits may separate thousands or"
              + " decimals; write the number without it (1000, or 1 000)"),
          Map.entry("notWhole", "''{0}'' is not a whole number"),
          Map.entry("oneOf", "''{0}'' must be one of {1}"),
          Map.entry("notClosed", "line {0}: a quoted field is not closed"),
          Map.entry("notUtf8", "line {0} is not UTF-8 ({1,choice,1#byte|1<bytes} {2}): the file was saved in another"
              + " encoding, such as the Windows-1252 of Excel''s \"CSV (comma delimited)\". Save it as UTF-8: in Excel,"
              + " Save As \"CSV UTF-8 (comma delimited)\"; in LibreOffice, Save As Text CSV with the character set"
              + " \"Unicode (UTF-8)\""),
          Map.entry("utf16", "line {0} is not UTF-8 ({1,choice,1#byte|1<bytes} {2}): the file was saved in UTF-16 (it"
              + " starts with UTF-16''s byte order mark), as Excel''s \"Unicode Text\" is. Save it as UTF-8: in Excel,"
              + " Save As \"CSV UTF-8 (comma delimited)\"; in LibreOffice, Save As Text CSV with the character set"
              + " \"Unicode (UTF-8)\""),
          Map.entry("fileName", "must be a file name on one line"),
          Map.entry("trueOrFalse", "must be true or false"),
          Map.entry("duplicates", "must be reject, skip or allow"),
          Map.entry("formats", "must be one of {0}"),
          Map.entry("notParameter", "is not a parameter; use {0}"),
          Map.entry("countryCode", "must be an ISO 3166-1 alpha-2 code such as FR"),
          Map.entry("countryUnknown", "{0} is not a UNESCO Member State or Associate Member")),
      "fr", Map.ofEntries(
          Map.entry("unreadable", "Le fichier ne peut pas être lu : {0}"),
          Map.entry("empty", "Le fichier est vide : sa première ligne doit donner les en-têtes des colonnes"),
          Map.entry("twice", "deux colonnes correspondent à ce champ : {0} (colonne {1}) et {2} (colonne {3}) ; gardez-en une"),
          Map.entry("noColumn", "aucune colonne ne le donne ; les en-têtes comme {0} sont reconnus en anglais, en français"
              + " et en espagnol"),
          Map.entry("noCountryColumn", "aucune colonne ne le donne ; les en-têtes comme {0} sont reconnus en anglais, en"
              + " français et en espagnol, ou indiquez le pays du fichier avec ?country=FR"),
          Map.entry("cells", "la ligne {0} a {1} cellules, la ligne d''en-têtes en a {2}"),
          Map.entry("unnamed", "la ligne {0} a une valeur dans la colonne {1}, qui n''a pas d''en-tête : nommez la colonne,"
              + " ou videz-la"),
          Map.entry("control", "ne doit pas contenir de caractères de contrôle (hors tabulations et retours à la ligne)"),
          Map.entry("notNumber", "''{0}'' n''est pas un nombre"),
          Map.entry("ambiguous", "''{0}'' est ambigu : un point ou une virgule avant trois chiffres peut séparer les"
              + " milliers ou les décimales ; écrivez le nombre sans (1000, ou 1 000)"),
          Map.entry("notWhole", "''{0}'' n''est pas un nombre entier"),
          Map.entry("oneOf", "''{0}'' doit être l''une des valeurs {1}"),
          Map.entry("notClosed", "ligne {0} : un champ entre guillemets n''est pas fermé"),
          Map.entry("notUtf8", "la ligne {0} n''est pas en UTF-8 ({1,choice,1#octet|1<octets} {2}) : le fichier a été"
              + " enregistré dans un autre encodage, comme le Windows-1252 du « CSV (séparateur : point-virgule) »"
              + " d''Excel. Enregistrez-le en UTF-8 : dans Excel, Enregistrer sous « CSV UTF-8 (délimité par des"
              + " virgules) » ; dans LibreOffice, Enregistrer sous Texte CSV avec le jeu de caractères « Unicode (UTF-8) »"),
          Map.entry("utf16", "la ligne {0} n''est pas en UTF-8 ({1,choice,1#octet|1<octets} {2}) : le fichier a été"
              + " enregistré en UTF-16 (il commence par l''indicateur d''ordre des octets de l''UTF-16), comme le « Texte"
              + " Unicode » d''Excel. Enregistrez-le en UTF-8 : dans Excel, Enregistrer sous « CSV UTF-8 (délimité par"
              + " des virgules) » ; dans LibreOffice, Enregistrer sous Texte CSV avec le jeu de caractères « Unicode (UTF-8) »"),
          Map.entry("fileName", "doit être un nom de fichier sur une seule ligne"),
          Map.entry("trueOrFalse", "doit valoir true ou false"),
          Map.entry("duplicates", "doit valoir reject, skip ou allow"),
          Map.entry("formats", "doit être l''une des valeurs {0}"),
          Map.entry("notParameter", "n''est pas un paramètre ; utilisez {0}"),
          Map.entry("countryCode", "doit être un code ISO 3166-1 alpha-2 comme FR"),
          Map.entry("countryUnknown", "{0} n''est ni un État membre ni un Membre associé de l''UNESCO")),
      "es", Map.ofEntries(
          Map.entry("unreadable", "No se puede leer el archivo: {0}"),
          Map.entry("empty", "El archivo está vacío: su primera fila debe dar los encabezados de las columnas"),
          Map.entry("twice", "dos columnas corresponden a este campo: {0} (columna {1}) y {2} (columna {3}); deje solo una"),
          Map.entry("noColumn", "ninguna columna lo da; los encabezados como {0} se reconocen en inglés, francés y español"),
          Map.entry("noCountryColumn", "ninguna columna lo da; los encabezados como {0} se reconocen en inglés, francés y"
              + " español, o indique el país del archivo con ?country=FR"),
          Map.entry("cells", "la fila {0} tiene {1} celdas, la fila de encabezados tiene {2}"),
          Map.entry("unnamed", "la fila {0} tiene un valor en la columna {1}, que no tiene encabezado: ponga un nombre a la"
              + " columna o vacíela"),
          Map.entry("control", "no debe contener caracteres de control (salvo tabulaciones y saltos de línea)"),
          Map.entry("notNumber", "''{0}'' no es un número"),
          Map.entry("ambiguous", "''{0}'' es ambiguo: un punto o una coma antes de tres cifras puede separar los miles o"
              + " los decimales; escriba el número sin él (1000, o 1 000)"),
          Map.entry("notWhole", "''{0}'' no es un número entero"),
          Map.entry("oneOf", "''{0}'' debe ser uno de estos valores: {1}"),
          Map.entry("notClosed", "línea {0}: un campo entre comillas no está cerrado"),
          Map.entry("notUtf8", "la línea {0} no está en UTF-8 ({1,choice,1#byte|1<bytes} {2}): el archivo se guardó con"
              + " otra codificación, como el Windows-1252 del «CSV (delimitado por comas)» de Excel. Guárdelo en UTF-8:"
              + " en Excel, Guardar como «CSV UTF-8 (delimitado por comas)»; en LibreOffice, Guardar como Texto CSV con"
              + " el juego de caracteres «Unicode (UTF-8)»"),
          Map.entry("utf16", "la línea {0} no está en UTF-8 ({1,choice,1#byte|1<bytes} {2}): el archivo se guardó en"
              + " UTF-16 (empieza con la marca de orden de bytes de UTF-16), como el «Texto Unicode» de Excel. Guárdelo en"
              + " UTF-8: en Excel, Guardar como «CSV UTF-8 (delimitado por comas)»; en LibreOffice, Guardar como Texto"
              + " CSV con el juego de caracteres «Unicode (UTF-8)»"),
          Map.entry("fileName", "debe ser un nombre de archivo en una sola línea"),
          Map.entry("trueOrFalse", "debe ser true o false"),
          Map.entry("duplicates", "debe ser reject, skip o allow"),
          Map.entry("formats", "debe ser uno de estos valores: {0}"),
          Map.entry("notParameter", "no es un parámetro; use {0}"),
          Map.entry("countryCode", "debe ser un código ISO 3166-1 alfa-2 como FR"),
          Map.entry("countryUnknown", "{0} no es un Estado Miembro ni un Miembro Asociado de la UNESCO")),
      "de", Map.ofEntries(
          Map.entry("unreadable", "Die Datei kann nicht gelesen werden: {0}"),
          Map.entry("empty", "Die Datei ist leer: ihre erste Zeile muss die Spaltenköpfe enthalten"),
          Map.entry("twice", "zwei Spalten stehen für dieses Feld: {0} (Spalte {1}) und {2} (Spalte {3}); behalten Sie nur eine"),
          Map.entry("noColumn", "keine Spalte dafür; Spaltenköpfe wie {0} werden auf Englisch, Französisch und Spanisch erkannt"),
          Map.entry("noCountryColumn", "keine Spalte dafür; Spaltenköpfe wie {0} werden auf Englisch, Französisch und"
              + " Spanisch erkannt, oder nennen Sie das Land der Datei mit ?country=FR"),
          Map.entry("cells", "Zeile {0} hat {1} Zellen, die Kopfzeile hat {2}"),
          Map.entry("unnamed", "Zeile {0} hat einen Wert in Spalte {1}, die keinen Spaltenkopf hat: benennen Sie die"
              + " Spalte oder leeren Sie sie"),
          Map.entry("control", "darf keine Steuerzeichen enthalten (außer Tabulatoren und Zeilenumbrüchen)"),
          Map.entry("notNumber", "''{0}'' ist keine Zahl"),
          Map.entry("ambiguous", "''{0}'' ist mehrdeutig: ein Punkt oder Komma vor drei Ziffern kann Tausender oder"
              + " Dezimalstellen trennen; schreiben Sie die Zahl ohne (1000 oder 1 000)"),
          Map.entry("notWhole", "''{0}'' ist keine ganze Zahl"),
          Map.entry("oneOf", "''{0}'' muss einer dieser Werte sein: {1}"),
          Map.entry("notClosed", "Zeile {0}: ein Feld in Anführungszeichen wird nicht geschlossen"),
          Map.entry("notUtf8", "Zeile {0} ist nicht in UTF-8 ({1,choice,1#Byte|1<Bytes} {2}): die Datei wurde in einer"
              + " anderen Kodierung gespeichert, etwa im Windows-1252 von Excels „CSV (Trennzeichen-getrennt)“. Speichern"
              + " Sie sie als UTF-8: in Excel mit Speichern unter „CSV UTF-8 (durch Trennzeichen getrennt)“; in"
              + " LibreOffice mit Speichern unter Text CSV und dem Zeichensatz „Unicode (UTF-8)“"),
          Map.entry("utf16", "Zeile {0} ist nicht in UTF-8 ({1,choice,1#Byte|1<Bytes} {2}): die Datei wurde in UTF-16"
              + " gespeichert (sie beginnt mit dem Byte Order Mark von UTF-16), wie Excels „Unicode-Text“."
              + " Speichern Sie sie als UTF-8: in Excel mit Speichern unter „CSV UTF-8 (durch Trennzeichen getrennt)“; in"
              + " LibreOffice mit Speichern unter Text CSV und dem Zeichensatz „Unicode (UTF-8)“"),
          Map.entry("fileName", "muss ein Dateiname in einer Zeile sein"),
          Map.entry("trueOrFalse", "muss true oder false sein"),
          Map.entry("duplicates", "muss reject, skip oder allow sein"),
          Map.entry("formats", "muss einer dieser Werte sein: {0}"),
          Map.entry("notParameter", "ist kein Parameter; verwenden Sie {0}"),
          Map.entry("countryCode", "muss ein Code nach ISO 3166-1 alpha-2 wie FR sein"),
          Map.entry("countryUnknown", "{0} ist weder Mitgliedstaat noch assoziiertes Mitglied der UNESCO"))));

  private ImportMessages() {}

  /**
   * The message {@code key} in {@code language} ("fr", "fr-CA", null), English for one we do not
   * write. Pass a line, row or column number as text ({@link String#valueOf(int)}) to keep it ungrouped.
   */
  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
