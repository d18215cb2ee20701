package org.unesco.aspnet.notices.internal;

import java.util.Map;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Messages;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.security.Accounts;

/**
 * The notices' texts in English, French and Spanish (other languages get English), each with the
 * page where its reader acts. Patterns are {@link Messages}' MessageFormats: an apostrophe is
 * written twice.
 */
final class NoticeTexts {
  private static final Messages TEXTS = new Messages(Map.of(
      "en", Map.ofEntries(
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
          Map.entry("decision.subject", "ASPnet membership of {0}: {1}"),
          Map.entry("decision.body", "The ASPnet membership of {0} is now: {1}.{2}\nDetails and the reasons given are in your school''s portal:\n\n{3}\n"),
          Map.entry("certificate", " Certificate number: {0}."),
          Map.entry("greeting", "Hello {0},\n\n"),
          Map.entry("signature", "\n-- \nASPnet Platform, {0}\nYou receive this because of your role on the platform; to stop these notices: {0}/account\n"),
          Map.entry("MEMBER", "member (certified)"), Map.entry("REJECTED", "not admitted"), Map.entry("SUSPENDED", "suspended"),
          Map.entry("DORMANT", "dormant"), Map.entry("WITHDRAWN", "withdrawn")),
      "fr", Map.ofEntries(
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
          Map.entry("decision.subject", "Adhésion ASPnet de {0} : {1}"),
          Map.entry("decision.body", "L''adhésion ASPnet de {0} est désormais : {1}.{2}\nLes détails et les raisons données sont dans le portail de votre école :\n\n{3}\n"),
          Map.entry("certificate", " Numéro de certificat : {0}."),
          Map.entry("greeting", "Bonjour {0},\n\n"),
          Map.entry("signature", "\n-- \nPlateforme ASPnet, {0}\nVous recevez ce message en raison de votre rôle sur la plateforme ; pour ne plus recevoir ces avis : {0}/account\n"),
          Map.entry("MEMBER", "membre (certifiée)"), Map.entry("REJECTED", "non admise"), Map.entry("SUSPENDED", "suspendue"),
          Map.entry("DORMANT", "en sommeil"), Map.entry("WITHDRAWN", "retirée")),
      "es", Map.ofEntries(
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
          Map.entry("decision.subject", "Membresía ASPnet de {0}: {1}"),
          Map.entry("decision.body", "La membresía ASPnet de {0} es ahora: {1}.{2}\nLos detalles y las razones dadas están en el portal de su escuela:\n\n{3}\n"),
          Map.entry("certificate", " Número de certificado: {0}."),
          Map.entry("greeting", "Hola {0}:\n\n"),
          Map.entry("signature", "\n-- \nPlataforma ASPnet, {0}\nRecibe este mensaje por su función en la plataforma; para dejar de recibir estos avisos: {0}/account\n"),
          Map.entry("MEMBER", "miembro (certificada)"), Map.entry("REJECTED", "no admitida"), Map.entry("SUSPENDED", "suspendida"),
          Map.entry("DORMANT", "inactiva"), Map.entry("WITHDRAWN", "retirada"))));

  private NoticeTexts() {}

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
    String lang = to.language();
    String page = switch (kind) {
      case "applied", "sentBack" -> site + "/console/nc?tab=applications&country=" + school.country();
      case "recommended" -> site + "/console/hq?tab=queue";
      default -> site + "/portal";
    };
    String subject;
    String body;
    if (kind.equals("decision")) {
      String statusText = TEXTS.get(lang, status.name());
      String certificateText = certificate == null || status != MembershipStatus.MEMBER ? "" : TEXTS.get(lang, "certificate", certificate);
      subject = TEXTS.get(lang, "decision.subject", school.name(), statusText);
      body = TEXTS.get(lang, "decision.body", school.name(), statusText, certificateText, page);
    } else {
      subject = TEXTS.get(lang, kind + ".subject", school.name());
      body = TEXTS.get(lang, kind + ".body", school.name(), school.city(), school.country(), page);
    }
    String name = to.name() == null || to.name().isBlank() ? to.email() : to.name();
    return new MailOutbox.Message(to.email(), subject,
        TEXTS.get(lang, "greeting", name) + body + TEXTS.get(lang, "signature", site), "membership." + kind);
  }
}
