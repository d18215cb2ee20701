// Campaign pages: the list, and one campaign with its public summary and charts. Until the
// campaigns bundle is installed the API answers 404 and the page says so in words.
import { t, h, api, ApiError, colon, problemView, barChart, formatNumber, formatDate, localized, langOf, countries, countryName } from './app.js';

function unavailable(e) {
  if (e.status === 404) return h('p', { class: 'notice', role: 'status' }, t('campaigns.unavailable'));
  return problemView(e);
}

/**
 * A 404 for one campaign: "not found" when the campaigns API is there (an unknown id), "not
 * available yet" when it is not (no campaigns bundle: the list answers 404 as well).
 */
async function missing(e) {
  if (e.status !== 404) return problemView(e);
  try {
    await api('GET', '/api/v1/campaigns?limit=1');
    // the API answers: this campaign does not exist; said in the UI's words ("There is no campaign 99" is English)
    return problemView(new ApiError(404, { title: e.problem?.title || '' }));
  } catch (again) {
    return unavailable(again);
  }
}

export async function campaignsPage() {
  const view = [h('h1', {}, t('campaigns.title'))];
  try {
    const page = await api('GET', '/api/v1/campaigns?limit=100');
    const items = page.items || [];
    if (!items.length) view.push(h('p', {}, t('campaigns.none')));
    // a title or description the campaign has not in the page's language is marked with the one it is in
    view.push(h('ul', { class: 'cards' }, ...items.map((c) => h('li', {},
      h('h2', {}, h('a', { href: '/campaigns/' + c.id, lang: langOf(c.title || c.name) }, localized(c.title || c.name) || c.id)),
      c.module ? h('p', { class: 'meta' }, c.module) : null, c.description ? h('p', { lang: langOf(c.description) }, localized(c.description)) : null))));
  } catch (e) {
    view.push(unavailable(e));
  }
  return view;
}

export async function campaignPage(id) {
  let campaign;
  const path = '/api/v1/campaigns/' + encodeURIComponent(id);
  // what needs only the id is asked for at once; the answers are read below, in order
  const coordinators = api('GET', path + '/coordinators');
  const summary = api('GET', path + '/summary');
  coordinators.catch(() => {});
  summary.catch(() => {});
  try {
    // country names (scope, summary tables) in the visitor's language
    [campaign] = await Promise.all([api('GET', path), countries()]);
  } catch (e) {
    return [h('h1', {}, t('campaigns.title')), await missing(e)];
  }
  // the module's phases and metrics, with their labels per language (none without a module)
  let module = null;
  if (campaign.module && campaign.moduleAvailable !== false) {
    try {
      module = await api('GET', '/api/v1/campaigns/' + encodeURIComponent(id) + '/schema');
    } catch (e) { /* labels fall back to the keys */ }
  }
  const phaseLabels = Object.fromEntries((module?.phases || []).map((p) => [p.key, localized(p.labels) || p.key]));
  const view = [h('h1', { lang: langOf(campaign.title || campaign.name) }, localized(campaign.title || campaign.name) || id)];
  if (campaign.description) view.push(h('p', { lang: langOf(campaign.description) }, localized(campaign.description)));
  const dl = h('dl', { class: 'props' });
  const prop = (key, value) => { if (value !== null && value !== undefined && value !== '') dl.append(h('dt', {}, t(key)), h('dd', {}, value)); };
  prop('campaign.module', module?.name || campaign.module);
  prop('campaign.scope', campaign.country ? countryName(campaign.country) : t('campaign.global'));
  prop('campaign.status', campaign.open === false ? t('campaign.closed') : t('campaign.open'));
  prop('campaign.participants', campaign.participants !== undefined ? formatNumber(campaign.participants) : null);
  for (const p of campaign.phases || []) {
    prop('campaign.phase', (phaseLabels[p.key] || p.key) + (p.starts || p.ends ? colon() + [p.starts, p.ends].map((d) => (d ? formatDate(d) : '…')).join(' – ') : ''));
  }
  try {
    const people = (await coordinators).items || [];
    prop('campaign.coordinators', people.map((p) => p.name + (p.email ? ' <' + p.email + '>' : '')).join(', '));
  } catch (e) { /* an older installation without the list: nothing to show */ }
  view.push(dl);
  try {
    view.push(h('h2', {}, t('campaign.summary')), ...summaryView(await summary, module));
  } catch (e) {
    view.push(h('h2', {}, t('campaign.summary')), unavailable(e));
  }
  return view;
}

const TOTALS = ['countries', 'schools', 'submissions', 'pupils', 'teachers'];

/**
 * A campaign's summary: the platform's totals, then the module's metrics (each once: the module's
 * headline adds only what the totals do not hold), then tables per region and per country.
 * `module` is the campaign's schema (GET .../schema), for the metrics' labels.
 */
export function summaryView(summary, module) {
  const out = [];
  const totals = summary?.totals || {};
  const label = metricLabeller(module);
  const choice = choiceNamer(module);
  const figure = (value, text) => h('li', {}, h('strong', {}, typeof value === 'number' ? formatNumber(value) : String(value)), text);
  const figures = h('ul', { class: 'figures' });
  if (typeof summary?.participants === 'number') figures.append(figure(summary.participants, t('campaign.participants')));
  // before any approved activity, the counts are all 0: the participants only, and words
  if (totals.submissions) for (const k of TOTALS) if (typeof totals[k] === 'number') figures.append(figure(totals[k], t('summary.' + k)));
  if (figures.children.length) out.push(figures);
  if (!totals.submissions) {
    out.push(h('p', {}, t('campaign.noSummary')));
    return out;
  }
  // the metrics: the totals' own, and what the module's headline adds (mostCollected, say)
  const metrics = { ...(totals.metrics || {}) };
  for (const [k, v] of Object.entries(summary.summary || {})) if (!(k in metrics)) metrics[k] = v;
  const metricFigures = h('ul', { class: 'figures' });
  const charts = [];
  const walk = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj || {})) {
      const name = prefix + k;
      if (typeof v === 'number') metricFigures.append(figure(v, label(name)));
      else if (typeof v === 'string') metricFigures.append(figure(choice(v), label(name)));
      else if (v && typeof v === 'object' && !Array.isArray(v)) {
        const entries = Object.entries(v);
        if (entries.length && entries.every(([, x]) => typeof x === 'number')) {
          // a count per kind (waste per type): a bar chart; a group of figures (water): figures
          if (entries.every(([x]) => x === x.toUpperCase())) charts.push(barChart(label(name), entries.map(([n, x]) => ({ label: choice(n), values: [x] }))));
          else walk(v, name + '.');
        } else walk(v, name + '.');
      }
      // lists (a time series per site) are left to the module's own pages and exports
    }
  };
  walk(metrics, '');
  if (metricFigures.children.length || charts.length) {
    out.push(h('h3', {}, t('summary.results')));
    if (metricFigures.children.length) out.push(metricFigures);
    out.push(...charts);
  }
  // the numbers of the groups: the platform's counts and the module's top-level numbers
  const groupColumns = (rows) => {
    const names = [];
    for (const r of rows) for (const [k, v] of Object.entries(r.metrics || {})) if (typeof v === 'number' && !names.includes(k)) names.push(k);
    return names;
  };
  const table = (caption, head, rows, cells) => {
    const names = groupColumns(rows);
    return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
      h('table', {}, h('caption', { class: 'visually-hidden' }, caption),
        h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)),
          ...['submissions', 'schools', 'pupils', 'teachers'].map((k) => h('th', { scope: 'col' }, t('summary.' + k))),
          ...names.map((k) => h('th', { scope: 'col' }, label(k))))),
        h('tbody', {}, ...rows.map((r) => h('tr', {}, ...cells(r),
          ...['submissions', 'schools', 'pupils', 'teachers'].map((k) => h('td', { class: 'num' }, formatNumber(r[k] ?? 0))),
          ...names.map((k) => h('td', { class: 'num' }, formatNumber(r.metrics?.[k] ?? 0))))))));
  };
  const region = (r) => (r && t('region.' + r) !== 'region.' + r ? t('region.' + r) : r || '');
  if ((summary.regions || []).length) {
    out.push(h('h3', {}, t('summary.byRegion')),
      table(t('summary.byRegion'), [t('field.region')], summary.regions, (r) => [h('th', { scope: 'row' }, region(r.region))]));
  }
  if ((summary.countries || []).length) {
    const rows = [...summary.countries].sort((a, b) => countryName(a.country).localeCompare(countryName(b.country)));
    out.push(h('h3', {}, t('summary.byCountry')),
      table(t('summary.byCountry'), [t('field.country'), t('field.region')], rows,
        (r) => [h('th', { scope: 'row' }, countryName(r.country)), h('td', {}, region(r.region))]));
  }
  return out;
}

/**
 * A metric's name in words: the module schema's label (in the visitor's language) for a metric of
 * that name, else the UI's `metric.<name>` (totals the shipped modules compute, as wasteKg, that
 * are no metric of their schema), else the name made readable.
 */
function metricLabeller(module) {
  const fromSchema = {};
  const collect = (defs, prefix) => {
    for (const m of defs || []) {
      const label = localized(m.labels);
      if (label) fromSchema[prefix + m.name] = label;
      collect(m.fields, prefix + m.name + '.');
    }
  };
  collect(module?.schema?.metrics, '');
  return (name) => {
    if (fromSchema[name]) return fromSchema[name];
    const key = 'metric.' + name;
    const s = t(key);
    return s !== key ? s : humanize(name.split('.').pop());
  };
}

/**
 * A choice's name in words (PLASTIC → "Kunststoff" in German): its label in the module's schema,
 * whichever metric offers it, else the code made readable.
 */
function choiceNamer(module) {
  const labels = {};
  const collect = (defs) => {
    for (const m of defs || []) {
      for (const [code, perLanguage] of Object.entries(m.choiceLabels || {})) if (!(code in labels)) labels[code] = localized(perLanguage);
      collect(m.fields);
    }
  };
  collect(module?.schema?.metrics);
  return (code) => labels[code] || humanize(code);
}

/** wasteKg → "Waste kg", PLASTIC → "Plastic". */
function humanize(key) {
  const s = String(key);
  if (s === s.toUpperCase()) return s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
  return s.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (m, c) => ' ' + c.toLowerCase());
}
