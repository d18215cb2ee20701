// Campaign pages: the list, and one campaign with its public summary and charts. Until the
// campaigns bundle is installed the API answers 404 and the page says so in words.
import { t, h, api, problemView, barChart, formatNumber, formatDate, localized, countryName } from './app.js';

function unavailable(e) {
  if (e.status === 404) return h('p', { class: 'notice', role: 'status' }, t('campaigns.unavailable'));
  return problemView(e);
}

export async function campaignsPage() {
  const view = [h('h1', {}, t('campaigns.title'))];
  try {
    const page = await api('GET', '/api/v1/campaigns?limit=100');
    const items = page.items || [];
    if (!items.length) view.push(h('p', {}, t('campaigns.none')));
    view.push(h('ul', { class: 'cards' }, ...items.map((c) => h('li', {}, h('h2', {}, h('a', { href: '/campaigns/' + c.id }, localized(c.title || c.name) || c.id)),
      c.module ? h('p', { class: 'meta' }, c.module) : null, c.description ? h('p', {}, localized(c.description)) : null))));
  } catch (e) {
    view.push(unavailable(e));
  }
  return view;
}

export async function campaignPage(id) {
  let campaign;
  try {
    campaign = await api('GET', '/api/v1/campaigns/' + encodeURIComponent(id));
  } catch (e) {
    return [h('h1', {}, t('campaigns.title')), unavailable(e)];
  }
  const view = [h('h1', {}, localized(campaign.title || campaign.name) || id)];
  if (campaign.description) view.push(h('p', {}, localized(campaign.description)));
  const dl = h('dl', { class: 'props' });
  const prop = (key, value) => { if (value !== null && value !== undefined && value !== '') dl.append(h('dt', {}, t(key)), h('dd', {}, value)); };
  prop('campaign.module', campaign.module);
  prop('campaign.scope', campaign.country ? countryName(campaign.country) : t('campaign.global'));
  prop('campaign.status', campaign.open === false ? t('campaign.closed') : t('campaign.open'));
  prop('campaign.participants', campaign.participants !== undefined ? String(campaign.participants) : null);
  for (const p of campaign.phases || []) {
    prop('campaign.phase', p.key + (p.starts || p.ends ? ': ' + [p.starts, p.ends].map((d) => (d ? formatDate(d) : '…')).join(' – ') : ''));
  }
  try {
    const people = (await api('GET', '/api/v1/campaigns/' + encodeURIComponent(id) + '/coordinators')).items || [];
    prop('campaign.coordinators', people.map((p) => p.name + (p.email ? ' <' + p.email + '>' : '')).join(', '));
  } catch (e) { /* an older installation without the list: nothing to show */ }
  view.push(dl);
  try {
    const summary = await api('GET', '/api/v1/campaigns/' + encodeURIComponent(id) + '/summary');
    view.push(h('h2', {}, t('campaign.summary')), ...summaryView(summary));
  } catch (e) {
    view.push(h('h2', {}, t('campaign.summary')), unavailable(e));
  }
  return view;
}

/** Draws any summary: top-level numbers as key figures, lists of {name, number} as bar charts. */
export function summaryView(summary) {
  const out = [];
  const figures = h('ul', { class: 'figures' });
  const walk = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (typeof v === 'number') figures.append(h('li', {}, h('strong', {}, formatNumber(v)), label(prefix + k)));
      else if (Array.isArray(v) && v.length && typeof v[0] === 'object') {
        const keyName = Object.keys(v[0]).find((x) => typeof v[0][x] === 'string');
        const numNames = Object.keys(v[0]).filter((x) => typeof v[0][x] === 'number');
        if (keyName && numNames.length) {
          out.push(barChart(label(prefix + k), v.slice(0, 30).map((r) => ({ label: String(r[keyName]), values: numNames.slice(0, 2).map((n) => r[n] || 0) })), numNames.slice(0, 2).map(label)));
        }
      } else if (v && typeof v === 'object' && !Array.isArray(v)) {
        const entries = Object.entries(v);
        if (entries.length && entries.every(([, x]) => typeof x === 'number')) {
          out.push(barChart(label(prefix + k), entries.map(([name, x]) => ({ label: name, values: [x] }))));
        } else walk(v, k + '.');
      }
    }
  };
  walk(summary, '');
  return figures.children.length ? [figures, ...out] : out.length ? out : [h('p', {}, t('campaign.noSummary'))];
}

function label(key) {
  const s = t('metric.' + key);
  return s === 'metric.' + key ? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()) : s;
}
