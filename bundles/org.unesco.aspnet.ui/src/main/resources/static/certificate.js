// The printable membership certificate: /certificates/{number}/print. Drawn from the public check
// (GET /api/v1/certificates/{number}), so what is printed is what anyone checking the number sees;
// only a valid certificate is drawn. The browser prints it (or saves it as a PDF) with the print
// styles of style.css: one landscape page, without the site's header and footer.
import { t, h, api, countries, countryName, formatDay, problemView } from './app.js';

export async function certificatePrint(number) {
  const wanted = number.trim();
  const check = '/certificates/' + encodeURIComponent(wanted);
  let c;
  try {
    c = await api('GET', '/api/v1/certificates/' + encodeURIComponent(wanted));
    await countries(); // the country's name in the page's language
  } catch (e) {
    if (e.status === 404) {
      return [h('h1', {}, t('certPrint.title')), h('p', { class: 'error', role: 'alert' }, t('cert.unknown', { number: wanted })),
        h('p', {}, h('a', { href: '/certificates' }, t('cert.title')))];
    }
    return [h('h1', {}, t('certPrint.title')), problemView(e)];
  }
  if (!c.valid || !c.school) {
    // a suspended or withdrawn membership's certificate is not printed again: the check says why
    return [h('h1', {}, t('certPrint.title')),
      h('p', { class: 'error', role: 'alert', id: 'certificate-not-printed' }, t('certPrint.notValid', { number: c.number })),
      h('p', {}, h('a', { href: check }, t('certPrint.toCheck')))];
  }
  const address = location.origin + '/certificates/' + c.number;
  const print = h('button', { type: 'button', id: 'certificate-print-button' }, t('certPrint.print'));
  print.addEventListener('click', () => window.print());
  return [
    h('div', { class: 'no-print certificate-tools' },
      h('p', {}, t('certPrint.help')), h('p', {}, print, ' ', h('a', { href: check }, t('certPrint.toCheck')))),
    h('article', { class: 'certificate', id: 'certificate-sheet', 'aria-labelledby': 'certificate-heading' },
      h('p', { class: 'certificate-org' }, t('certPrint.network')),
      h('h1', { id: 'certificate-heading' }, t('certPrint.title')),
      h('p', {}, t('certPrint.certifies')),
      // the official name exactly as registered, in its own script and direction
      h('p', { class: 'certificate-school', dir: 'auto', id: 'certificate-school' }, c.school.name),
      h('p', { class: 'certificate-place' }, h('bdi', {}, c.school.city), ', ', countryName(c.school.country)),
      h('p', {}, t('certPrint.isMember', { date: formatDay(c.certifiedAt, 'long') })),
      h('div', { class: 'certificate-foot' },
        h('dl', {}, h('dt', {}, t('cert.number')), h('dd', { id: 'certificate-number-printed' }, c.number),
          h('dt', {}, t('certPrint.checkAt')), h('dd', {}, h('a', { href: check }, address))),
        h('img', { src: '/api/v1/certificates/' + encodeURIComponent(c.number) + '/qr.svg', class: 'certificate-qr',
          id: 'certificate-qr', width: '120', height: '120', alt: t('certPrint.qr', { address }) }))),
  ];
}
