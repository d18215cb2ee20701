package org.unesco.aspnet.notices.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Messages;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.security.Accounts;

/**
 * The notices' and reminders' texts in English, French, Spanish and German, the languages of the web UI (other
 * languages get English), each with the page where its reader acts. Patterns are {@link Messages}' MessageFormats:
 * an apostrophe is written twice. Every language has English's keys, with the same arguments.
 */
final class NoticeTexts {
  /** The patterns by key, by language: the same keys in each. */
  static final Map<String, Map<String, String>> PATTERNS = Map.of(
      "en", Map.ofEntries(
          Map.entry("reminder.due.subject", "ASPnet: the {1} annual report of {0} is due on {2}"),
          Map.entry("reminder.due.body", "The ASPnet annual report of {0} for {1} is due on {2} ({3,choice,0#today|1#tomorrow|1<in {3} days}). Write and send it in your school''s portal:\n\n{4}\n"),
          Map.entry("reminder.overdue.subject", "ASPnet: the {1} annual report of {0} has not been received"),
          Map.entry("reminder.overdue.body", "The ASPnet annual report of {0} for {1} was due on {2} and has not been received yet. Write and send it in your school''s portal:\n\n{4}\n"),
          Map.entry("reminder.contact", "\nThis reminder comes to your school''s contact address because nobody at your school receives the platform''s emails. Whoever has an account on the platform can turn them on in My account (Email from the platform); if nobody has an account yet, ask your National Coordinator for an invitation.\n"),
          Map.entry("reminder.sentBy", "\n{0} sent you this reminder.\n"),
          Map.entry("reminder.automatic", "\nThe platform sends this reminder by itself.\n"),
          Map.entry("reminder.contactGreeting", "Hello,\n\n"),
          Map.entry("reminder.contactSignature", "\n-- \nASPnet Platform, {0}\nYou receive this at the contact address of {1} in the ASPnet directory.\n"),
          Map.entry("partnership.PROPOSED.subject", "ASPnet: {1} proposes a partnership to {0}"),
          Map.entry("partnership.PROPOSED.body", "{1} ({2}, {3}) proposes a partnership to {0}. Read the proposal and accept or decline it in your school''s portal:\n\n{4}\n"),
          Map.entry("partnership.ACCEPTED.subject", "ASPnet: {1} accepted the partnership"),
          Map.entry("partnership.ACCEPTED.body", "{1} ({2}, {3}) accepted the partnership {0} proposed. It is now public. Your school''s portal:\n\n{4}\n"),
          Map.entry("partnership.DECLINED.subject", "ASPnet: {1} declined the partnership"),
          Map.entry("partnership.DECLINED.body", "{1} ({2}, {3}) declined the partnership {0} proposed. Your school''s portal:\n\n{4}\n"),
          Map.entry("partnership.WITHDRAWN.subject", "ASPnet: {1} withdrew its partnership proposal"),
          Map.entry("partnership.WITHDRAWN.body", "{1} ({2}, {3}) withdrew the partnership it had proposed to {0}. Your school''s portal:\n\n{4}\n"),
          Map.entry("partnership.ENDED.subject", "ASPnet: the partnership of {0} and {1} ended"),
          Map.entry("partnership.ENDED.body", "The partnership of {0} and {1} ({2}, {3}) has ended; the comment given is in your school''s portal:\n\n{4}\n"),
          Map.entry("applied.subject", "New ASPnet application: {0}"),
          Map.entry("applied.body", "{0} ({1}, {2}) applied to join ASPnet. Review the application:\n\n{3}\n"),
          Map.entry("sentBack.subject", "Sent back by UNESCO HQ: {0}"),
          Map.entry("sentBack.body", "UNESCO HQ sent the application of {0} ({1}, {2}) back for national review; its history says why:\n\n{3}\n"),
          Map.entry("recommended.subject", "Recommended for certification: {0}"),
          Map.entry("recommended.body", "The National Coordinator recommends {0} ({1}, {2}) for certification. The certification queue:\n\n{3}\n"),
          Map.entry("digest.subject", "ASPnet: {0,choice,1#1 school|1<{0} schools} recommended for certification"),
          Map.entry("digest.body", "{0,choice,1#This school was|1<These schools were} recommended for certification since the last summary:\n\n{1}\nThe certification queue:\n\n{2}\n"),
          Map.entry("decision.subject", "ASPnet membership of {0}: {1}"),
          Map.entry("decision.body", "The ASPnet membership of {0} is now: {1}.{2}\nDetails and the reasons given are in your school''s portal:\n\n{3}\n"),
          Map.entry("certificate", " Certificate number: {0}."),
          Map.entry("greeting", "Hello {0},\n\n"),
          Map.entry("signature", "\n-- \nASPnet Platform, {0}\nYou receive this because of your role on the platform; to stop these notices: {0}/account\n"),
          Map.entry("reinstated", "reinstated (a member again)"), Map.entry("MEMBER", "member (certified)"), Map.entry("REJECTED", "not admitted"), Map.entry("SUSPENDED", "suspended"),
          Map.entry("DORMANT", "dormant"), Map.entry("WITHDRAWN", "withdrawn")),
      "fr", Map.ofEntries(
          Map.entry("reminder.due.subject", "ASPnet : le rapport annuel {1} de {0} est attendu le {2}"),
          Map.entry("reminder.due.body", "Le rapport annuel ASPnet de {0} pour {1} est attendu le {2} ({3,choice,0#aujourd''hui|1#demain|1<dans {3} jours}). Rédigez-le et envoyez-le dans le portail de votre école :\n\n{4}\n"),
          Map.entry("reminder.overdue.subject", "ASPnet : le rapport annuel {1} de {0} n''a pas été reçu"),
          Map.entry("reminder.overdue.body", "Le rapport annuel ASPnet de {0} pour {1} était attendu le {2} et n''a pas encore été reçu. Rédigez-le et envoyez-le dans le portail de votre école :\n\n{4}\n"),
          Map.entry("reminder.contact", "\nCe rappel arrive à l''adresse de contact de votre école parce que personne dans votre école ne reçoit les courriels de la plateforme. Qui a un compte sur la plateforme peut les recevoir en le choisissant dans Mon compte (Courriels de la plateforme) ; si personne n''a encore de compte, demandez une invitation à votre coordinateur national.\n"),
          Map.entry("reminder.sentBy", "\nCe rappel vous est envoyé par {0}.\n"),
          Map.entry("reminder.automatic", "\nCe rappel est envoyé automatiquement par la plateforme.\n"),
          Map.entry("reminder.contactGreeting", "Bonjour,\n\n"),
          Map.entry("reminder.contactSignature", "\n-- \nPlateforme ASPnet, {0}\nVous recevez ce message à l''adresse de contact de {1} dans l''annuaire ASPnet.\n"),
          Map.entry("partnership.PROPOSED.subject", "ASPnet : {1} propose un partenariat à {0}"),
          Map.entry("partnership.PROPOSED.body", "{1} ({2}, {3}) propose un partenariat à {0}. Lisez la proposition et acceptez-la ou refusez-la dans le portail de votre école :\n\n{4}\n"),
          Map.entry("partnership.ACCEPTED.subject", "ASPnet : {1} a accepté le partenariat"),
          Map.entry("partnership.ACCEPTED.body", "{1} ({2}, {3}) a accepté le partenariat proposé par {0}. Il est désormais public. Le portail de votre école :\n\n{4}\n"),
          Map.entry("partnership.DECLINED.subject", "ASPnet : {1} a décliné le partenariat"),
          Map.entry("partnership.DECLINED.body", "{1} ({2}, {3}) a décliné le partenariat proposé par {0}. Le portail de votre école :\n\n{4}\n"),
          Map.entry("partnership.WITHDRAWN.subject", "ASPnet : {1} a retiré sa proposition de partenariat"),
          Map.entry("partnership.WITHDRAWN.body", "{1} ({2}, {3}) a retiré le partenariat proposé à {0}. Le portail de votre école :\n\n{4}\n"),
          Map.entry("partnership.ENDED.subject", "ASPnet : le partenariat de {0} et {1} a pris fin"),
          Map.entry("partnership.ENDED.body", "Le partenariat de {0} et {1} ({2}, {3}) a pris fin ; le commentaire donné est dans le portail de votre école :\n\n{4}\n"),
          Map.entry("applied.subject", "Nouvelle candidature ASPnet : {0}"),
          Map.entry("applied.body", "{0} ({1}, {2}) a demandé à rejoindre le réseau ASPnet. Examiner la candidature :\n\n{3}\n"),
          Map.entry("sentBack.subject", "Renvoyée par le Siège de l''UNESCO : {0}"),
          Map.entry("sentBack.body", "Le Siège de l''UNESCO a renvoyé la candidature de {0} ({1}, {2}) à l''examen national ; son historique dit pourquoi :\n\n{3}\n"),
          Map.entry("recommended.subject", "Recommandée pour la certification : {0}"),
          Map.entry("recommended.body", "Le coordinateur national recommande {0} ({1}, {2}) pour la certification. La file de certification :\n\n{3}\n"),
          Map.entry("digest.subject", "ASPnet : {0,choice,1#1 établissement recommandé|1<{0} établissements recommandés} pour la certification"),
          Map.entry("digest.body", "{0,choice,1#Cet établissement a été recommandé|1<Ces établissements ont été recommandés} pour la certification depuis le dernier récapitulatif :\n\n{1}\nLa file de certification :\n\n{2}\n"),
          Map.entry("decision.subject", "Adhésion ASPnet de {0} : {1}"),
          Map.entry("decision.body", "L''adhésion ASPnet de {0} est désormais : {1}.{2}\nLes détails et les raisons données sont dans le portail de votre école :\n\n{3}\n"),
          Map.entry("certificate", " Numéro de certificat : {0}."),
          Map.entry("greeting", "Bonjour {0},\n\n"),
          Map.entry("signature", "\n-- \nPlateforme ASPnet, {0}\nVous recevez ce message en raison de votre rôle sur la plateforme ; pour ne plus recevoir ces avis : {0}/account\n"),
          Map.entry("reinstated", "réintégrée (de nouveau membre)"), Map.entry("MEMBER", "membre (certifiée)"), Map.entry("REJECTED", "non admise"), Map.entry("SUSPENDED", "suspendue"),
          Map.entry("DORMANT", "en sommeil"), Map.entry("WITHDRAWN", "retirée")),
      "es", Map.ofEntries(
          Map.entry("reminder.due.subject", "ASPnet: el informe anual {1} de {0} vence el {2}"),
          Map.entry("reminder.due.body", "El informe anual ASPnet de {0} correspondiente a {1} vence el {2} ({3,choice,0#hoy|1#mañana|1<dentro de {3} días}). Redáctelo y envíelo en el portal de su escuela:\n\n{4}\n"),
          Map.entry("reminder.overdue.subject", "ASPnet: no se ha recibido el informe anual {1} de {0}"),
          Map.entry("reminder.overdue.body", "El informe anual ASPnet de {0} correspondiente a {1} vencía el {2} y aún no se ha recibido. Redáctelo y envíelo en el portal de su escuela:\n\n{4}\n"),
          Map.entry("reminder.contact", "\nEste recordatorio llega a la dirección de contacto de su escuela porque nadie de su escuela recibe los correos de la plataforma. Quien tenga una cuenta en la plataforma puede activarlos en Mi cuenta (Correos de la plataforma); si nadie tiene todavía una cuenta, pida una invitación a su coordinador nacional.\n"),
          Map.entry("reminder.sentBy", "\n{0} le envía este recordatorio.\n"),
          Map.entry("reminder.automatic", "\nLa plataforma envía este recordatorio automáticamente.\n"),
          Map.entry("reminder.contactGreeting", "Hola:\n\n"),
          Map.entry("reminder.contactSignature", "\n-- \nPlataforma ASPnet, {0}\nRecibe este mensaje en la dirección de contacto de {1} en el directorio de ASPnet.\n"),
          Map.entry("partnership.PROPOSED.subject", "ASPnet: {1} propone una asociación a {0}"),
          Map.entry("partnership.PROPOSED.body", "{1} ({2}, {3}) propone una asociación a {0}. Lea la propuesta y acéptela o recházela en el portal de su escuela:\n\n{4}\n"),
          Map.entry("partnership.ACCEPTED.subject", "ASPnet: {1} aceptó la asociación"),
          Map.entry("partnership.ACCEPTED.body", "{1} ({2}, {3}) aceptó la asociación que propuso {0}. Ahora es pública. El portal de su escuela:\n\n{4}\n"),
          Map.entry("partnership.DECLINED.subject", "ASPnet: {1} rechazó la asociación"),
          Map.entry("partnership.DECLINED.body", "{1} ({2}, {3}) rechazó la asociación que propuso {0}. El portal de su escuela:\n\n{4}\n"),
          Map.entry("partnership.WITHDRAWN.subject", "ASPnet: {1} retiró su propuesta de asociación"),
          Map.entry("partnership.WITHDRAWN.body", "{1} ({2}, {3}) retiró la asociación que había propuesto a {0}. El portal de su escuela:\n\n{4}\n"),
          Map.entry("partnership.ENDED.subject", "ASPnet: la asociación de {0} y {1} terminó"),
          Map.entry("partnership.ENDED.body", "La asociación de {0} y {1} ({2}, {3}) terminó; el comentario dado está en el portal de su escuela:\n\n{4}\n"),
          Map.entry("applied.subject", "Nueva solicitud ASPnet: {0}"),
          Map.entry("applied.body", "{0} ({1}, {2}) solicitó unirse a la red. Revise la solicitud:\n\n{3}\n"),
          Map.entry("sentBack.subject", "Devuelta por la Sede de la UNESCO: {0}"),
          Map.entry("sentBack.body", "La Sede de la UNESCO devolvió la solicitud de {0} ({1}, {2}) a la revisión nacional; su historial dice por qué:\n\n{3}\n"),
          Map.entry("recommended.subject", "Recomendada para la certificación: {0}"),
          Map.entry("recommended.body", "El coordinador nacional recomienda {0} ({1}, {2}) para la certificación. La cola de certificación:\n\n{3}\n"),
          Map.entry("digest.subject", "ASPnet: {0,choice,1#1 escuela recomendada|1<{0} escuelas recomendadas} para la certificación"),
          Map.entry("digest.body", "{0,choice,1#Esta escuela fue recomendada|1<Estas escuelas fueron recomendadas} para la certificación desde el último resumen:\n\n{1}\nLa cola de certificación:\n\n{2}\n"),
          Map.entry("decision.subject", "Membresía ASPnet de {0}: {1}"),
          Map.entry("decision.body", "La membresía ASPnet de {0} es ahora: {1}.{2}\nLos detalles y las razones dadas están en el portal de su escuela:\n\n{3}\n"),
          Map.entry("certificate", " Número de certificado: {0}."),
          Map.entry("greeting", "Hola {0}:\n\n"),
          Map.entry("signature", "\n-- \nPlataforma ASPnet, {0}\nRecibe este mensaje por su función en la plataforma; para dejar de recibir estos avisos: {0}/account\n"),
          Map.entry("reinstated", "reintegrada (de nuevo miembro)"), Map.entry("MEMBER", "miembro (certificada)"), Map.entry("REJECTED", "no admitida"), Map.entry("SUSPENDED", "suspendida"),
          Map.entry("DORMANT", "inactiva"), Map.entry("WITHDRAWN", "retirada")),
      "de", Map.ofEntries(
          Map.entry("reminder.due.subject", "ASPnet: Der Jahresbericht {1} von {0} ist am {2} fällig"),
          Map.entry("reminder.due.body", "der ASPnet-Jahresbericht von {0} für {1} ist am {2} fällig ({3,choice,0#heute|1#morgen|1<in {3} Tagen}). Verfassen und senden Sie ihn im Portal Ihrer Schule:\n\n{4}\n"),
          Map.entry("reminder.overdue.subject", "ASPnet: Der Jahresbericht {1} von {0} ist nicht eingegangen"),
          Map.entry("reminder.overdue.body", "der ASPnet-Jahresbericht von {0} für {1} war am {2} fällig und ist noch nicht eingegangen. Verfassen und senden Sie ihn im Portal Ihrer Schule:\n\n{4}\n"),
          Map.entry("reminder.contact", "\nDiese Erinnerung geht an die Kontaktadresse Ihrer Schule, weil an Ihrer Schule niemand die E-Mails der Plattform erhält. Wer ein Konto auf der Plattform hat, kann sie unter „Mein Konto“ (E-Mails der Plattform) einschalten; hat noch niemand ein Konto, bitten Sie Ihre nationale Koordination um eine Einladung.\n"),
          Map.entry("reminder.sentBy", "\n{0} hat Ihnen diese Erinnerung gesendet.\n"),
          Map.entry("reminder.automatic", "\nDie Plattform sendet diese Erinnerung automatisch.\n"),
          Map.entry("reminder.contactGreeting", "Guten Tag,\n\n"),
          Map.entry("reminder.contactSignature", "\n-- \nASPnet-Plattform, {0}\nDiese Nachricht geht an die Kontaktadresse, die im ASPnet-Verzeichnis für {1} angegeben ist.\n"),
          Map.entry("partnership.PROPOSED.subject", "ASPnet: {1} schlägt {0} eine Partnerschaft vor"),
          Map.entry("partnership.PROPOSED.body", "{1} ({2}, {3}) schlägt {0} eine Partnerschaft vor. Lesen Sie den Vorschlag und nehmen Sie ihn im Portal Ihrer Schule an oder lehnen Sie ihn ab:\n\n{4}\n"),
          Map.entry("partnership.ACCEPTED.subject", "ASPnet: {1} hat die Partnerschaft angenommen"),
          Map.entry("partnership.ACCEPTED.body", "{1} ({2}, {3}) hat die von {0} vorgeschlagene Partnerschaft angenommen. Sie ist jetzt öffentlich. Das Portal Ihrer Schule:\n\n{4}\n"),
          Map.entry("partnership.DECLINED.subject", "ASPnet: {1} hat die Partnerschaft abgelehnt"),
          Map.entry("partnership.DECLINED.body", "{1} ({2}, {3}) hat die von {0} vorgeschlagene Partnerschaft abgelehnt. Das Portal Ihrer Schule:\n\n{4}\n"),
          Map.entry("partnership.WITHDRAWN.subject", "ASPnet: {1} hat den Partnerschaftsvorschlag zurückgezogen"),
          Map.entry("partnership.WITHDRAWN.body", "{1} ({2}, {3}) hat den Partnerschaftsvorschlag an {0} zurückgezogen. Das Portal Ihrer Schule:\n\n{4}\n"),
          Map.entry("partnership.ENDED.subject", "ASPnet: Die Partnerschaft zwischen {0} und {1} ist beendet"),
          Map.entry("partnership.ENDED.body", "die Partnerschaft zwischen {0} und {1} ({2}, {3}) ist beendet; den Kommentar dazu finden Sie im Portal Ihrer Schule:\n\n{4}\n"),
          Map.entry("applied.subject", "Neue ASPnet-Bewerbung: {0}"),
          Map.entry("applied.body", "{0} ({1}, {2}) hat die Aufnahme in ASPnet beantragt. Prüfen Sie die Bewerbung:\n\n{3}\n"),
          Map.entry("sentBack.subject", "Von der UNESCO-Zentrale zurückgegeben: {0}"),
          Map.entry("sentBack.body", "die UNESCO-Zentrale hat die Bewerbung von {0} ({1}, {2}) zur nationalen Prüfung zurückgegeben; den Grund nennt ihr Verlauf:\n\n{3}\n"),
          Map.entry("recommended.subject", "Zur Zertifizierung empfohlen: {0}"),
          Map.entry("recommended.body", "die nationale Koordination empfiehlt {0} ({1}, {2}) zur Zertifizierung. Die Liste „Zu zertifizieren“:\n\n{3}\n"),
          Map.entry("digest.subject", "ASPnet: {0,choice,1#1 Schule|1<{0} Schulen} zur Zertifizierung empfohlen"),
          Map.entry("digest.body", "{0,choice,1#diese Schule wurde|1<diese Schulen wurden} seit der letzten Übersicht zur Zertifizierung empfohlen:\n\n{1}\nDie Liste „Zu zertifizieren“:\n\n{2}\n"),
          Map.entry("decision.subject", "ASPnet-Mitgliedschaft von {0}: {1}"),
          Map.entry("decision.body", "der Status der ASPnet-Mitgliedschaft von {0} lautet jetzt: {1}.{2}\nEinzelheiten und die angegebenen Gründe finden Sie im Portal Ihrer Schule:\n\n{3}\n"),
          Map.entry("certificate", " Nummer der Mitgliedsurkunde: {0}."),
          Map.entry("greeting", "Guten Tag {0},\n\n"),
          Map.entry("signature", "\n-- \nASPnet-Plattform, {0}\nSie erhalten diese Nachricht aufgrund Ihrer Rolle auf der Plattform; diese Hinweise abbestellen: {0}/account\n"),
          Map.entry("reinstated", "wieder aufgenommen (wieder Mitglied)"), Map.entry("MEMBER", "Mitglied (zertifiziert)"), Map.entry("REJECTED", "abgelehnt"), Map.entry("SUSPENDED", "ausgesetzt"),
          Map.entry("DORMANT", "ruhend"), Map.entry("WITHDRAWN", "ausgetreten")));

  private static final Messages TEXTS = new Messages(PATTERNS);

  private NoticeTexts() {}

  /**
   * What a reminder says of a school's report for {@code year}: due on {@code due}, already past it
   * ({@code overdue}) or in {@code daysLeft} days; {@code sentBy} names who asked for it, null when the
   * platform sends it by itself.
   */
  record ReportDue(String school, int year, LocalDate due, boolean overdue, long daysLeft, String sentBy) {}

  /**
   * A reminder of {@code report} to {@code to}: a person of the school ({@code name}, their
   * language; the footer says where to stop notices), or the school's contact address when no
   * person is to be told ({@code schoolContact}: the text says it came there because nobody at the
   * school receives the platform's emails, true whether the school has no account yet or its people
   * turned notices off, and how either gets them; the footer where the address comes from).
   */
  static MailOutbox.Message reminder(ReportDue report, String to, String name, String lang, boolean schoolContact, String site) {
    Locale locale = Locale.forLanguageTag(TEXTS.languageOf(lang));
    String due = report.due().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    String variant = report.overdue() ? "reminder.overdue" : "reminder.due";
    String year = String.valueOf(report.year()); // as a number it would be written 2,025
    String subject = TEXTS.get(lang, variant + ".subject", report.school(), year, due);
    StringBuilder text = new StringBuilder();
    text.append(schoolContact ? TEXTS.get(lang, "reminder.contactGreeting")
        : TEXTS.get(lang, "greeting", name == null || name.isBlank() ? to : name));
    // the portal opens the year's report (it offers last year's otherwise)
    text.append(TEXTS.get(lang, variant + ".body", report.school(), year, due, report.daysLeft(), site + "/portal?year=" + year));
    if (schoolContact) {
      text.append(TEXTS.get(lang, "reminder.contact"));
    }
    text.append(report.sentBy() == null ? TEXTS.get(lang, "reminder.automatic") : TEXTS.get(lang, "reminder.sentBy", report.sentBy()));
    text.append(schoolContact ? TEXTS.get(lang, "reminder.contactSignature", site, report.school()) : TEXTS.get(lang, "signature", site));
    return new MailOutbox.Message(to, subject, text.toString(), "report.reminder");
  }

  /** A move of a partnership ({@code status}) told to the staff of {@code school}; {@code other} is the other school. */
  static MailOutbox.Message partnership(String status, Accounts.Recipient to, School school, School other, String site) {
    String lang = to.language();
    String country = new java.util.Locale("", other.country()).getDisplayCountry(java.util.Locale.forLanguageTag(TEXTS.languageOf(lang)));
    String name = to.name() == null || to.name().isBlank() ? to.email() : to.name();
    String subject = TEXTS.get(lang, "partnership." + status + ".subject", school.name(), other.name());
    String body = TEXTS.get(lang, "partnership." + status + ".body", school.name(), other.name(), other.city(), country, site + "/portal");
    return new MailOutbox.Message(to.email(), subject,
        TEXTS.get(lang, "greeting", name) + body + TEXTS.get(lang, "signature", site), "partnership." + status.toLowerCase(java.util.Locale.ROOT));
  }

  /** The notice {@code kind} ({@link MembershipNotices.Audience#notice()}) about {@code school}, for {@code to}. */
  static MailOutbox.Message notice(String kind, Accounts.Recipient to, School school, MembershipStatus status, String certificate,
      String site) {
    return notice(kind, to, school, null, status, certificate, site);
  }

  /** As above, for a move from {@code from} (null: not known): a suspended school made a member again is reinstated. */
  static MailOutbox.Message notice(String kind, Accounts.Recipient to, School school, MembershipStatus from, MembershipStatus status,
      String certificate, String site) {
    String lang = to.language();
    String page = switch (kind) {
      case "applied", "sentBack" -> site + "/console/nc?tab=applications&country=" + school.country();
      case "recommended" -> site + "/console/hq?tab=queue";
      default -> site + "/portal";
    };
    String subject;
    String body;
    if (kind.equals("decision")) {
      // not "member (certified)": a reinstated school was certified long ago
      boolean reinstated = from == MembershipStatus.SUSPENDED && status == MembershipStatus.MEMBER;
      String statusText = TEXTS.get(lang, reinstated ? "reinstated" : status.name());
      String certificateText = certificate == null || status != MembershipStatus.MEMBER ? "" : TEXTS.get(lang, "certificate", certificate);
      subject = TEXTS.get(lang, "decision.subject", school.name(), statusText);
      body = TEXTS.get(lang, "decision.body", school.name(), statusText, certificateText, page);
    } else {
      subject = TEXTS.get(lang, kind + ".subject", school.name());
      body = TEXTS.get(lang, kind + ".body", school.name(), school.city(), countryName(school.country(), lang), page);
    }
    String name = to.name() == null || to.name().isBlank() ? to.email() : to.name();
    return new MailOutbox.Message(to.email(), subject,
        TEXTS.get(lang, "greeting", name) + body + TEXTS.get(lang, "signature", site), "membership." + kind);
  }

  /** A country's name in the reader's language (Mexique, Mexiko), as the UI writes it. */
  private static String countryName(String iso2, String lang) {
    return new java.util.Locale("", iso2).getDisplayCountry(java.util.Locale.forLanguageTag(TEXTS.languageOf(lang)));
  }

  /**
   * HQ's daily digest for {@code to}: the schools recommended since the last one ({@link
   * RecommendationDigest}), each with its city and country, and the certification queue.
   */
  static MailOutbox.Message digest(Accounts.Recipient to, java.util.List<School> schools, String site) {
    String lang = to.language();
    StringBuilder list = new StringBuilder();
    for (School s : schools) {
      list.append("- ").append(s.name()).append(" (").append(s.city() == null ? "" : s.city() + ", ")
          .append(countryName(s.country(), lang)).append(")\n");
    }
    String name = to.name() == null || to.name().isBlank() ? to.email() : to.name();
    return new MailOutbox.Message(to.email(), TEXTS.get(lang, "digest.subject", schools.size()),
        TEXTS.get(lang, "greeting", name) + TEXTS.get(lang, "digest.body", schools.size(), list, site + "/console/hq?tab=queue")
            + TEXTS.get(lang, "signature", site), "membership.recommended.digest");
  }
}
