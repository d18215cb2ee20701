package org.unesco.aspnet.membership.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;

/**
 * What the membership lifecycle says when it refuses a move (409, 403, 412...), in the request's
 * language: these are the sentences a coordinator reads in the console, so they speak in the
 * UI's words for statuses ("Under national review") and keep the code in brackets for API users.
 * Patterns are {@link Messages}' MessageFormats (an apostrophe is written twice).
 */
final class LifecycleMessages {
  private static final Messages MESSAGES =
      new Messages(Map.ofEntries(
      Map.entry("en", Map.ofEntries(
          Map.entry("APPLIED", "Applied"),
          Map.entry("UNDER_NATIONAL_REVIEW", "Under national review"),
          Map.entry("RECOMMENDED", "Recommended"),
          Map.entry("REJECTED", "Rejected"),
          Map.entry("UNDER_HQ_REVIEW", "Under HQ review"),
          Map.entry("MEMBER", "Member"),
          Map.entry("SUSPENDED", "Suspended"),
          Map.entry("DORMANT", "Dormant"),
          Map.entry("WITHDRAWN", "Withdrawn"),
          Map.entry("status", "''{0}'' ({1})"),
          Map.entry("signInToChange", "Sign in to change a membership"),
          Map.entry("certifiedOnMember", "is only for a certification (to MEMBER)"), Map.entry("certifiedOnRange", "must be a day between {0} and today"), Map.entry("certifiedOnFirst", "is only for a first certification: this membership has certificate {0} already"), Map.entry("moveRefused", "School {0} stays in {1}: moving it to {2} is for the coordinators there and UNESCO HQ"), Map.entry("noSchool", "There is no school {0}"), Map.entry("noMembership", "There is no membership {0}"),
          Map.entry("certifiedOnRejoined", "must be on or after {0}: this later membership period was applied for on {2} and the school''s previous one ended on {1}, and periods may not overlap (only a first period may be certified before the platform recorded it; leave the date out to certify from now)"),
          Map.entry("signInToReapply", "Sign in to apply again for a school"),
          Map.entry("stillOpen", "The school''s membership is {0}: a new membership period opens only after {1} or {2}"),
          Map.entry("toRequired", "is required: one of {0}"),
          Map.entry("commentRequired", "is required to move to {0}: the school deserves to know why"),
          Map.entry("changedMeanwhile", "This membership changed while you were deciding (someone else moved it); read it again"),
          Map.entry("notAllowed", "A membership that is {0} cannot move to {1}; it may move to {2}"),
          Map.entry("periodEnds", "A membership that is {0} cannot move to {1}: {0} ends this membership period (the school may apply again)"),
          Map.entry("or", " or "),
          Map.entry("hqDecides", "Moving to {0} is decided by UNESCO HQ"),
          Map.entry("countryDecides", "Moving to {0} is decided by the coordinators of {1} or by UNESCO HQ"),
          Map.entry("unitDecides", "Moving to {0} is decided by the coordinators of {1} or of its unit {2}, or by UNESCO HQ"),
          Map.entry("ncDecides", "Moving to {0} is decided by the National Coordinator of {1} or by UNESCO HQ"),
          Map.entry("ladderAbsent", "This school is on a stage of the national ladder of {0} ({1}), whose plugin is not installed right now: a national move would skip its stages and minimum times. National moves come back with the plugin; UNESCO HQ''s decisions go on"),
          Map.entry("followsLadder", "{0} follows a national ladder: move the school to its next stage ({1} with '{'\"stage\": ...'}'; stages: {2})"),
          Map.entry("noLadder", "{0} has no national ladder; use {1}"),
          Map.entry("notAStage", "is not a stage of {0}: one of {1}"),
          Map.entry("alreadyInStage", "The school is already in the stage {0}"),
          Map.entry("skipsStage", "A school in the stage {0} cannot move to {1}; its next stage is {2} (no stage may be skipped)"),
          Map.entry("lastStage", "A school in the stage {0} cannot move to {1}: it is the last stage"),
          Map.entry("stageDeciders", "Moving a school to {0} is decided by {1} of {2}, or by UNESCO HQ"),
          Map.entry("SUBNATIONAL_COORDINATOR", "the sub-national coordinator"),
          Map.entry("NATIONAL_COORDINATOR", "the National Coordinator"),
          Map.entry("reportExists", "This report was sent meanwhile, by a colleague or by an earlier try: read it again, then send your changes with If-Match and its ETag"),
          Map.entry("tooManyApplications", "This connection has sent {0} applications in the last hour: try again later, or ask your National Coordinator"),
          Map.entry("membershipChanged", "Membership {0} was moved since you read it (it is now {1}); read it again before deciding"),
          Map.entry("reportChanged", "The report changed since you read it; read it again"),
          Map.entry("schoolChanged", "School {0} changed since you read it; read it again and reapply your edit"),
          Map.entry("noReportYet", "There is no report for {0} yet: submit the first one without If-Match"),
          Map.entry("reportEmpty", "The report is empty: send its fields as a JSON object"),
          Map.entry("answersMax", "take at most {0} characters together"))),
      Map.entry("fr", Map.ofEntries(
          Map.entry("APPLIED", "Candidature déposée"),
          Map.entry("UNDER_NATIONAL_REVIEW", "En examen national"),
          Map.entry("RECOMMENDED", "Recommandée"),
          Map.entry("REJECTED", "Refusée"),
          Map.entry("UNDER_HQ_REVIEW", "En examen au Siège"),
          Map.entry("MEMBER", "Membre"),
          Map.entry("SUSPENDED", "Suspendue"),
          Map.entry("DORMANT", "En sommeil"),
          Map.entry("WITHDRAWN", "Retirée"),
          Map.entry("status", "« {0} » ({1})"),
          Map.entry("signInToChange", "Connectez-vous pour modifier une adhésion"),
          Map.entry("certifiedOnMember", "ne vaut que pour une certification (vers MEMBER)"), Map.entry("certifiedOnRange", "doit être un jour entre le {0} et aujourd''hui"), Map.entry("certifiedOnFirst", "ne vaut que pour une première certification : cette adhésion a déjà le certificat {0}"), Map.entry("moveRefused", "L''établissement {0} reste en {1} : le déplacer vers {2} revient aux coordinateurs de là-bas et au Siège de l''UNESCO"), Map.entry("noSchool", "Il n''y a pas d''établissement {0}"), Map.entry("noMembership", "Il n''y a pas d''adhésion {0}"),
          Map.entry("certifiedOnRejoined", "doit être le {0} ou après : cette nouvelle période d''adhésion a été demandée le {2} et la précédente de l''établissement a pris fin le {1}, et deux périodes ne peuvent se chevaucher (seule une première période peut être certifiée avant que la plateforme l''enregistre ; sans date, la certification vaut à partir de maintenant)"),
          Map.entry("signInToReapply", "Connectez-vous pour présenter une nouvelle candidature"),
          Map.entry("stillOpen", "L''adhésion de l''établissement est {0} : une nouvelle période d''adhésion ne s''ouvre qu''après {1} ou {2}"),
          Map.entry("toRequired", "est obligatoire : l''une des valeurs {0}"),
          Map.entry("commentRequired", "est obligatoire pour passer à {0} : l''établissement doit savoir pourquoi"),
          Map.entry("changedMeanwhile", "Cette adhésion a changé pendant votre décision (quelqu''un d''autre l''a modifiée) ; relisez-la"),
          Map.entry("notAllowed", "Une adhésion {0} ne peut pas passer à {1} ; elle peut passer à {2}"),
          Map.entry("periodEnds", "Une adhésion {0} ne peut pas passer à {1} : {0} clôt cette période d''adhésion (l''établissement peut présenter une nouvelle candidature)"),
          Map.entry("or", " ou "),
          Map.entry("hqDecides", "Le passage à {0} est décidé par le Siège de l''UNESCO"),
          Map.entry("countryDecides", "Le passage à {0} est décidé par les coordinateurs de {1} ou par le Siège de l''UNESCO"),
          Map.entry("unitDecides", "Le passage à {0} est décidé par les coordinateurs de {1} ou de son unité {2}, ou par le Siège de l''UNESCO"),
          Map.entry("ncDecides", "Le passage à {0} est décidé par le coordinateur national de {1} ou par le Siège de l''UNESCO"),
          Map.entry("ladderAbsent", "Cet établissement est à une étape du parcours national de {0} ({1}), dont le plugin n''est pas installé en ce moment : une décision nationale sauterait ses étapes et ses durées minimales. Les décisions nationales reviennent avec le plugin ; celles de l''UNESCO continuent"),
          Map.entry("followsLadder", "{0} suit un parcours national : faites passer l''établissement à son étape suivante ({1} avec '{'\"stage\": ...'}' ; étapes : {2})"),
          Map.entry("noLadder", "{0} n''a pas de parcours national ; utilisez {1}"),
          Map.entry("notAStage", "n''est pas une étape de {0} : l''une de {1}"),
          Map.entry("alreadyInStage", "L''établissement est déjà à l''étape {0}"),
          Map.entry("skipsStage", "Un établissement à l''étape {0} ne peut pas passer à {1} ; son étape suivante est {2} (aucune étape ne peut être sautée)"),
          Map.entry("lastStage", "Un établissement à l''étape {0} ne peut pas passer à {1} : c''est la dernière étape"),
          Map.entry("stageDeciders", "Le passage d''un établissement à {0} est décidé par {1} de {2}, ou par le Siège de l''UNESCO"),
          Map.entry("SUBNATIONAL_COORDINATOR", "le coordinateur infranational"),
          Map.entry("NATIONAL_COORDINATOR", "le coordinateur national"),
          Map.entry("reportExists", "Ce rapport a été envoyé entre-temps, par un collègue ou par un essai précédent : relisez-le, puis envoyez vos modifications avec If-Match et son ETag"),
          Map.entry("tooManyApplications", "Cette connexion a envoyé {0} candidatures dans l''heure : réessayez plus tard, ou adressez-vous à votre coordinateur national"),
          Map.entry("membershipChanged", "L''adhésion {0} a changé depuis votre lecture (elle est maintenant {1}) ; relisez-la avant de décider"),
          Map.entry("reportChanged", "Le rapport a changé depuis votre lecture ; relisez-le"),
          Map.entry("schoolChanged", "L''école {0} a changé depuis votre lecture ; relisez-la et refaites votre modification"),
          Map.entry("noReportYet", "Il n''y a pas encore de rapport pour {0} : envoyez le premier sans If-Match"),
          Map.entry("reportEmpty", "Le rapport est vide : envoyez ses champs dans un objet JSON"),
          Map.entry("answersMax", "comptent au plus {0} caractères ensemble"))),
      Map.entry("de", Map.ofEntries(
          Map.entry("APPLIED", "Beworben"),
          Map.entry("UNDER_NATIONAL_REVIEW", "In nationaler Prüfung"),
          Map.entry("RECOMMENDED", "Empfohlen"),
          Map.entry("REJECTED", "Abgelehnt"),
          Map.entry("UNDER_HQ_REVIEW", "In Prüfung bei der UNESCO-Zentrale"),
          Map.entry("MEMBER", "Mitglied"),
          Map.entry("SUSPENDED", "Ausgesetzt"),
          Map.entry("DORMANT", "Ruhend"),
          Map.entry("WITHDRAWN", "Ausgetreten"),
          Map.entry("status", "„{0}“ ({1})"),
          Map.entry("signInToChange", "Melden Sie sich an, um eine Mitgliedschaft zu ändern"),
          Map.entry("certifiedOnMember", "gilt nur für eine Zertifizierung (zu MEMBER)"), Map.entry("certifiedOnRange", "muss ein Tag zwischen dem {0} und heute sein"), Map.entry("certifiedOnFirst", "gilt nur für eine erste Zertifizierung: diese Mitgliedschaft hat schon das Zertifikat {0}"), Map.entry("moveRefused", "Die Schule {0} bleibt in {1}: sie nach {2} zu verlegen ist Sache der dortigen Koordination und der UNESCO-Zentrale"), Map.entry("noSchool", "Es gibt keine Schule {0}"), Map.entry("noMembership", "Es gibt keine Mitgliedschaft {0}"),
          Map.entry("certifiedOnRejoined", "muss am oder nach dem {0} liegen: diese spätere Mitgliedschaftsperiode wurde am {2} beantragt, die vorige der Schule endete am {1}, und Perioden dürfen sich nicht überschneiden (nur eine erste Periode kann vor ihrer Erfassung auf der Plattform zertifiziert werden; ohne Datum gilt die Zertifizierung ab jetzt)"),
          Map.entry("signInToReapply", "Melden Sie sich an, um sich erneut zu bewerben"),
          Map.entry("stillOpen", "Die Mitgliedschaft der Schule ist {0}: eine neue Mitgliedschaftsperiode beginnt erst nach {1} oder {2}"),
          Map.entry("toRequired", "ist erforderlich: einer der Werte {0}"),
          Map.entry("commentRequired", "ist erforderlich für den Wechsel zu {0}: die Schule soll wissen, warum"),
          Map.entry("changedMeanwhile", "Diese Mitgliedschaft wurde während Ihrer Entscheidung geändert (von jemand anderem); bitte neu laden"),
          Map.entry("notAllowed", "Eine Mitgliedschaft im Status {0} kann nicht zu {1} wechseln; möglich ist {2}"),
          Map.entry("periodEnds", "Eine Mitgliedschaft im Status {0} kann nicht zu {1} wechseln: {0} beendet diese Mitgliedschaftsperiode (die Schule kann sich erneut bewerben)"),
          Map.entry("or", " oder "),
          Map.entry("hqDecides", "Über den Wechsel zu {0} entscheidet die UNESCO-Zentrale"),
          Map.entry("countryDecides", "Über den Wechsel zu {0} entscheiden die Koordinatoren von {1} oder die UNESCO-Zentrale"),
          Map.entry("unitDecides", "Über den Wechsel zu {0} entscheiden die Koordinatoren von {1} oder seiner Einheit {2} oder die UNESCO-Zentrale"),
          Map.entry("ncDecides", "Über den Wechsel zu {0} entscheidet die nationale Koordination von {1} oder die UNESCO-Zentrale"),
          Map.entry("ladderAbsent", "Diese Schule steht auf einer Stufe des nationalen Stufenwegs von {0} ({1}), dessen Plugin gerade nicht installiert ist: eine nationale Entscheidung würde seine Stufen und Mindestzeiten überspringen. Nationale Entscheidungen sind mit dem Plugin wieder möglich; die der UNESCO gehen weiter"),
          Map.entry("followsLadder", "{0} folgt einem nationalen Stufenweg: setzen Sie die Schule auf ihre nächste Stufe ({1} mit '{'\"stage\": ...'}'; Stufen: {2})"),
          Map.entry("noLadder", "{0} hat keinen nationalen Stufenweg; verwenden Sie {1}"),
          Map.entry("notAStage", "ist keine Stufe von {0}: eine von {1}"),
          Map.entry("alreadyInStage", "Die Schule ist bereits in der Stufe {0}"),
          Map.entry("skipsStage", "Eine Schule in der Stufe {0} kann nicht zu {1} wechseln; ihre nächste Stufe ist {2} (keine Stufe darf übersprungen werden)"),
          Map.entry("lastStage", "Eine Schule in der Stufe {0} kann nicht zu {1} wechseln: es ist die letzte Stufe"),
          Map.entry("stageDeciders", "Über den Wechsel einer Schule zu {0} entscheidet {1} von {2} oder die UNESCO-Zentrale"),
          Map.entry("SUBNATIONAL_COORDINATOR", "die regionale Koordination"),
          Map.entry("NATIONAL_COORDINATOR", "die nationale Koordination"),
          Map.entry("reportExists", "Dieser Bericht wurde inzwischen gesendet, von einer Kollegin, einem Kollegen oder einem früheren Versuch: Laden Sie ihn neu und senden Sie Ihre Änderungen mit If-Match und seinem ETag"),
          Map.entry("tooManyApplications", "Über diese Verbindung wurden in der letzten Stunde {0} Bewerbungen gesendet: Versuchen Sie es später erneut oder wenden Sie sich an Ihre nationale Koordination"),
          Map.entry("membershipChanged", "Die Mitgliedschaft {0} wurde seit Ihrem Lesen geändert (jetzt: {1}); bitte vor der Entscheidung neu laden"),
          Map.entry("reportChanged", "Der Bericht wurde seit Ihrem Lesen geändert; bitte neu laden"),
          Map.entry("schoolChanged", "Die Schule {0} wurde seit Ihrem Lesen geändert; bitte neu laden und die Änderung wiederholen"),
          Map.entry("noReportYet", "Für {0} gibt es noch keinen Bericht: senden Sie den ersten ohne If-Match"),
          Map.entry("reportEmpty", "Der Bericht ist leer: senden Sie seine Felder als JSON-Objekt"),
          Map.entry("answersMax", "dürfen zusammen höchstens {0} Zeichen lang sein"))),
      Map.entry("es", Map.ofEntries(
          Map.entry("APPLIED", "Solicitud enviada"),
          Map.entry("UNDER_NATIONAL_REVIEW", "En revisión nacional"),
          Map.entry("RECOMMENDED", "Recomendada"),
          Map.entry("REJECTED", "Rechazada"),
          Map.entry("UNDER_HQ_REVIEW", "En revisión en la Sede"),
          Map.entry("MEMBER", "Miembro"),
          Map.entry("SUSPENDED", "Suspendida"),
          Map.entry("DORMANT", "Inactiva"),
          Map.entry("WITHDRAWN", "Retirada"),
          Map.entry("status", "«{0}» ({1})"),
          Map.entry("signInToChange", "Inicie sesión para cambiar una membresía"),
          Map.entry("certifiedOnMember", "solo vale para una certificación (a MEMBER)"), Map.entry("certifiedOnRange", "debe ser un día entre el {0} y hoy"), Map.entry("certifiedOnFirst", "solo vale para una primera certificación: esta membresía ya tiene el certificado {0}"), Map.entry("moveRefused", "La escuela {0} permanece en {1}: trasladarla a {2} corresponde a los coordinadores de allí y a la Sede de la UNESCO"), Map.entry("noSchool", "No existe la escuela {0}"), Map.entry("noMembership", "No existe la membresía {0}"),
          Map.entry("certifiedOnRejoined", "debe ser el {0} o después: este nuevo periodo de membresía se solicitó el {2} y el anterior de la escuela terminó el {1}, y los periodos no pueden superponerse (solo un primer periodo puede certificarse antes de que la plataforma lo registre; sin fecha, la certificación vale desde ahora)"),
          Map.entry("signInToReapply", "Inicie sesión para volver a presentar la solicitud de una escuela"),
          Map.entry("stillOpen", "La membresía de la escuela está {0}: un nuevo periodo de membresía solo se abre después de {1} o {2}"),
          Map.entry("toRequired", "es un dato obligatorio: uno de {0}"),
          Map.entry("commentRequired", "es un dato obligatorio para pasar a {0}: la escuela merece saber por qué"),
          Map.entry("changedMeanwhile", "Esta membresía cambió mientras usted decidía (otra persona la modificó); vuelva a leerla"),
          Map.entry("notAllowed", "Una membresía {0} no puede pasar a {1}; puede pasar a {2}"),
          Map.entry("periodEnds", "Una membresía {0} no puede pasar a {1}: {0} cierra este periodo de membresía (la escuela puede volver a solicitarla)"),
          Map.entry("or", " o "),
          Map.entry("hqDecides", "El paso a {0} lo decide la Sede de la UNESCO"),
          Map.entry("countryDecides", "El paso a {0} lo deciden los coordinadores de {1} o la Sede de la UNESCO"),
          Map.entry("unitDecides", "El paso a {0} lo deciden los coordinadores de {1} o de su unidad {2}, o la Sede de la UNESCO"),
          Map.entry("ncDecides", "El paso a {0} lo decide el coordinador nacional de {1} o la Sede de la UNESCO"),
          Map.entry("ladderAbsent", "Esta escuela está en una etapa del itinerario nacional de {0} ({1}), cuyo plugin no está instalado en este momento: una decisión nacional saltaría sus etapas y tiempos mínimos. Las decisiones nacionales vuelven con el plugin; las de la UNESCO continúan"),
          Map.entry("followsLadder", "{0} sigue un itinerario nacional: pase la escuela a su etapa siguiente ({1} con '{'\"stage\": ...'}'; etapas: {2})"),
          Map.entry("noLadder", "{0} no tiene itinerario nacional; use {1}"),
          Map.entry("notAStage", "no es una etapa de {0}: una de {1}"),
          Map.entry("alreadyInStage", "La escuela ya está en la etapa {0}"),
          Map.entry("skipsStage", "Una escuela en la etapa {0} no puede pasar a {1}; su etapa siguiente es {2} (no se puede saltar ninguna etapa)"),
          Map.entry("lastStage", "Una escuela en la etapa {0} no puede pasar a {1}: es la última etapa"),
          Map.entry("stageDeciders", "El paso de una escuela a {0} lo decide {1} de {2}, o la Sede de la UNESCO"),
          Map.entry("SUBNATIONAL_COORDINATOR", "el coordinador subnacional"),
          Map.entry("NATIONAL_COORDINATOR", "el coordinador nacional"),
          Map.entry("reportExists", "Este informe se envió mientras tanto, por un colega o por un intento anterior: vuelva a leerlo y envíe sus cambios con If-Match y su ETag"),
          Map.entry("tooManyApplications", "Esta conexión envió {0} solicitudes en la última hora: inténtelo más tarde o diríjase a su coordinador nacional"),
          Map.entry("membershipChanged", "La membresía {0} cambió desde que la leyó (ahora: {1}); vuelva a leerla antes de decidir"),
          Map.entry("reportChanged", "El informe cambió desde que lo leyó; vuelva a leerlo"),
          Map.entry("schoolChanged", "La escuela {0} cambió desde que la leyó; vuelva a leerla y rehaga su cambio"),
          Map.entry("noReportYet", "Todavía no hay informe para {0}: envíe el primero sin If-Match"),
          Map.entry("reportEmpty", "El informe está vacío: envíe sus campos como un objeto JSON"),
          Map.entry("answersMax", "deben tener como máximo {0} caracteres en total")))));

  private LifecycleMessages() {}

  /** The message {@code key} in {@code language} ("fr", "fr-CA"...), English for one we do not have. */
  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }

  /** A status in words with its code, e.g. {@code 'Under national review' (UNDER_NATIONAL_REVIEW)}. */
  static String status(String language, MembershipStatus status) {
    return MESSAGES.get(language, "status", MESSAGES.get(language, status.name()), status.name());
  }

  /** Who a role names, in words: "the National Coordinator". */
  static String role(String language, Role role) {
    return switch (role) {
      case SUBNATIONAL_COORDINATOR, NATIONAL_COORDINATOR -> MESSAGES.get(language, role.name());
      default -> "UNESCO HQ";
    };
  }
}
