// The National Coordinator's and HQ's consoles. The services decide who may do what; these pages
// only offer what a role can do and show every refusal in words.
import { ui, t, h, api, apiAll, field, countries, countryName, problemView, showProblem, announce, statusLabel,
  hasRole, formatDate, formatNumber, statsView, localized } from './app.js';

function needSignIn(title) {
  return [h('h1', {}, title), h('p', {}, t('portal.signIn'), ' ', h('a', { href: '/signin?next=' + encodeURIComponent(location.pathname + location.search) }, t('nav.signin')))];
}

function tabs(base, names, current, extra = '') {
  return h('nav', { 'aria-label': t('console.sections') }, h('ul', { class: 'tabs' }, ...names.map((n) =>
    h('li', {}, h('a', { href: `${base}?tab=${n}${extra}`, 'aria-current': n === current ? 'page' : null }, t('tab.' + n))))));
}

/** Moves a membership along the lifecycle, step by step, to `target` (e.g. APPLIED -> ... -> RECOMMENDED). */
async function moveTo(school, steps, comment) {
  let status = school.status;
  for (const [from, to] of steps) {
    if (status === from) {
      const r = await api('POST', `/api/v1/memberships/${school.membershipId}/transitions`, { to, comment: comment || null });
      status = r?.status || to;
    }
  }
  return status;
}

function decisionRow(school, actions, withCountry) {
  const comment = h('textarea', { rows: 1, id: 'comment-' + school.id, name: 'comment' });
  const status = h('td', { class: 'row-status' }, statusLabel(school.status));
  const message = h('div', { tabindex: '-1' });
  const row = h('tr', { 'data-school': school.id, 'data-name': school.name },
    h('td', {}, h('a', { href: '/schools/' + school.id }, school.name), h('br'), h('span', { class: 'meta' }, school.city || '')),
    withCountry ? h('td', {}, countryName(school.country)) : null,
    status,
    h('td', {}, h('label', { for: 'comment-' + school.id, class: 'visually-hidden' }, t('console.commentFor', { name: school.name })), comment),
    h('td', {}, h('div', { class: 'row-actions' }, ...actions.map(([label, cls, run]) => {
      const b = h('button', { type: 'button', class: cls, 'aria-label': label + ': ' + school.name, 'data-action': cls.split(' ')[0] }, label);
      b.addEventListener('click', async () => {
        row.querySelectorAll('button').forEach((x) => { x.disabled = true; });
        try {
          const s = await run(comment.value.trim());
          school.status = s;
          status.textContent = statusLabel(s);
          message.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('console.done', { name: school.name, status: statusLabel(s) })));
        } catch (e) {
          message.replaceChildren(problemView(e));
          row.querySelectorAll('button').forEach((x) => { x.disabled = false; });
        }
      });
      return b;
    })), message));
  return row;
}

function decisionTable(schools, actionsFor, withCountry) {
  if (!schools.length) return h('p', {}, t('console.nothing'));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('field.name')), withCountry ? h('th', { scope: 'col' }, t('field.country')) : null,
      h('th', { scope: 'col' }, t('field.status')), h('th', { scope: 'col' }, t('console.comment')), h('th', { scope: 'col' }, t('console.actions')))),
    h('tbody', {}, ...schools.map((s) => decisionRow(s, actionsFor(s), withCountry)))));
}

// ---------- NC ----------
export async function ncConsole() {
  if (!ui.me) return needSignIn(t('nc.title'));
  const params = new URLSearchParams(location.search);
  const own = [...new Set((ui.me.roles || []).filter((r) => r.country && /COORDINATOR/.test(r.role)).map((r) => r.country))];
  const list = await countries();
  const hq = hasRole('HQ_OFFICER');
  const country = params.get('country') || own[0] || (hq ? 'FR' : null);
  if (!country) return [h('h1', {}, t('nc.title')), h('p', { class: 'error', role: 'alert' }, t('error.403'))];
  const tab = params.get('tab') || 'applications';
  const view = [h('h1', {}, t('nc.title') + ' – ' + countryName(country))];
  if (own.length > 1 || hq) {
    const pick = h('form', { class: 'filters' }, h('input', { type: 'hidden', name: 'tab', value: tab }),
      h('div', { class: 'field' }, h('label', { for: 'nc-country' }, t('field.country')),
        h('select', { id: 'nc-country', name: 'country' }, ...(hq ? list.map((c) => c.iso2) : own).map((c) => h('option', { value: c, selected: c === country }, countryName(c))))),
      h('button', { type: 'submit' }, t('console.show')));
    view.push(pick);
  }
  view.push(tabs('/console/nc', ['applications', 'directory', 'reports', 'import', 'invitations'], tab, '&country=' + country));
  const body = { applications: ncApplications, directory: ncDirectory, reports: ncReports, import: ncImport, invitations: ncInvitations }[tab] || ncApplications;
  try {
    view.push(...[await body(country)].flat());
  } catch (e) {
    view.push(problemView(e));
  }
  return view;
}

async function ncApplications(country) {
  const schools = [];
  for (const status of ['APPLIED', 'UNDER_NATIONAL_REVIEW']) schools.push(...await apiAll(`/api/v1/schools?country=${country}&status=${status}`, 500));
  schools.sort((a, b) => b.id - a.id);
  return [h('h2', {}, t('tab.applications')), h('p', {}, t('nc.applicationsLead')),
    decisionTable(schools, (s) => [
      [t('nc.recommend'), 'recommend', (c) => moveTo(s, [['APPLIED', 'UNDER_NATIONAL_REVIEW'], ['UNDER_NATIONAL_REVIEW', 'RECOMMENDED']], c)],
      [t('nc.reject'), 'reject danger', (c) => moveTo(s, [['APPLIED', 'REJECTED'], ['UNDER_NATIONAL_REVIEW', 'REJECTED']], c)],
    ])];
}

async function ncDirectory(country) {
  const params = new URLSearchParams(location.search);
  const statuses = ['MEMBER', 'APPLIED', 'UNDER_NATIONAL_REVIEW', 'RECOMMENDED', 'UNDER_HQ_REVIEW', 'REJECTED', 'SUSPENDED', 'DORMANT', 'WITHDRAWN'];
  const form = h('form', { class: 'filters', role: 'search' }, h('input', { type: 'hidden', name: 'tab', value: 'directory' }), h('input', { type: 'hidden', name: 'country', value: country }),
    field(t('dir.search'), 'q', { type: 'search', value: params.get('q') || '' }),
    field(t('field.status'), 'status', { value: params.get('status') || '', empty: t('dir.any'), options: statuses.map((s) => [s, statusLabel(s)]) }),
    h('button', { type: 'submit' }, t('dir.searchButton')));
  const q = new URLSearchParams({ country });
  for (const k of ['q', 'status']) if (params.get(k)) q.set(k, params.get(k));
  const schools = await apiAll('/api/v1/schools?' + q, 500);
  const table = h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden' }, t('tab.directory')),
    h('thead', {}, h('tr', {}, ...['field.name', 'field.city', 'field.status', 'field.email'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, ...schools.map((s) => h('tr', {}, h('td', {}, h('a', { href: '/schools/' + s.id }, s.name)), h('td', {}, s.city), h('td', {}, statusLabel(s.status)), h('td', {}, s.email || ''))))));
  return [h('h2', {}, t('tab.directory')), form, await exportLinks(country), h('p', {}, t('dir.shown', { n: schools.length })), table];
}

async function exportLinks(country) {
  const box = h('div', { class: 'row-actions', 'aria-label': t('nc.exports'), role: 'group' }, h('strong', {}, t('nc.exports') + ':'));
  try {
    const r = await api('GET', '/api/v1/exports');
    const datasets = r.datasets || (r.items || []).filter((x) => x.dataset).map((x) => x.dataset) || [];
    const formats = r.formats || (r.items || []).map((x) => x.format || x.extension).filter(Boolean);
    const links = [];
    for (const item of r.items || []) {
      if (item.dataset && Array.isArray(item.formats)) for (const f of item.formats) links.push([item.dataset, f.format || f.extension || f]);
    }
    if (!links.length) for (const d of (datasets.length ? datasets : ['schools'])) for (const f of (formats.length ? formats : ['csv'])) links.push([d, f]);
    for (const [d, f] of links) box.append(h('a', { class: 'button secondary', href: `/api/v1/exports/${d}.${f}?country=${country}`, download: '' }, `${d} (${String(f).toUpperCase()})`));
  } catch (e) {
    box.append(e.status === 404 ? h('span', {}, t('nc.exportsUnavailable')) : problemView(e));
  }
  return box;
}

async function ncReports(country) {
  const params = new URLSearchParams(location.search);
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const rows = await apiAll(`/api/v1/countries/${country}/annual-reports/${year}`, 5000);
  const missing = rows.filter((r) => r.state === 'MISSING' || r.state === 'LATE').length;
  const years = [0, 1, 2, 3].map((i) => new Date().getFullYear() - 1 - i);
  const form = h('form', { class: 'filters' }, h('input', { type: 'hidden', name: 'tab', value: 'reports' }), h('input', { type: 'hidden', name: 'country', value: country }),
    field(t('report.year'), 'year', { value: year, options: years.map((y) => [y, String(y)]) }), h('button', { type: 'submit' }, t('console.show')));
  return [h('h2', {}, t('tab.reports')), form,
    h('p', {}, t('nc.compliance', { missing, total: rows.length, year })),
    h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden' }, t('tab.reports')),
      h('thead', {}, h('tr', {}, ...['field.name', 'field.city', 'report.state', 'report.submittedAt'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, h('td', {}, h('a', { href: '/schools/' + r.schoolId }, r.name)), h('td', {}, r.city || ''),
        h('td', {}, t('report.' + r.state)), h('td', {}, formatDate(r.submittedAt)))))))];
}

async function ncImport(country) {
  const result = h('div', { tabindex: '-1', id: 'import-result' });
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('import.file'), 'file', { type: 'file', required: true, help: t('import.help') }),
    h('label', {}, h('input', { type: 'checkbox', name: 'dryRun', checked: true }), ' ', t('import.dryRun')), h('br'),
    h('button', { type: 'submit' }, t('import.submit')));
  form.elements.file.setAttribute('accept', '.csv,.xlsx,text/csv');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) {
      showProblem(form, { problem: { title: t('import.file'), errors: [{ field: 'file', message: t('import.noFile') }] } });
      return;
    }
    try {
      const dry = form.elements.dryRun.checked;
      const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
      const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      let job = await api('POST', `/api/v1/imports?dryRun=${dry}&format=${format}&file=${encodeURIComponent(file.name)}`, file, { 'Content-Type': type });
      // a big file runs as a job: show processed / total until it is done
      while (job && (job.state === 'RUNNING' || job.state === 'QUEUED')) {
        form.querySelector('.form-status').replaceChildren(h('p', { role: 'status' }, t('import.progress', { processed: job.processed ?? 0, total: job.total ?? '?' })));
        await new Promise((r) => setTimeout(r, 1000));
        job = await api('GET', '/api/v1/imports/' + encodeURIComponent(job.id));
      }
      form.querySelector('.form-status').replaceChildren();
      result.replaceChildren(h('h3', {}, t(dry ? 'import.dryReport' : 'import.report')), importView(job));
      result.focus();
    } catch (e) {
      showProblem(form, e.status === 404 ? { status: 404, problem: { title: t('import.unavailable') } } : e);
    }
  });
  return [h('h2', {}, t('tab.import')), form, result];
}

/** An import job: its state and figures, then every row with a problem, the errors in words. */
function importView(job) {
  const report = job?.report || {};
  const out = h('div', {}, h('p', { class: job?.state === 'REFUSED' ? 'error' : 'notice', role: 'status' }, t('import.state.' + (job?.state || 'DONE'))));
  const figures = h('ul', { class: 'figures' });
  for (const k of ['total', 'valid', 'invalid', 'duplicates', 'written']) {
    if (typeof report[k] === 'number') figures.append(h('li', {}, h('strong', {}, String(report[k])), ' ', t('import.' + k)));
  }
  out.append(figures);
  if (job?.problem) out.append(problemView({ problem: job.problem }));
  const rows = (report.rows || []).filter((r) => (r.errors || []).length || (r.duplicateOf || []).length || r.duplicateOfLine);
  if (rows.length) {
    const head = h('tr', {}, ...['import.line', 'field.name', 'import.errors', 'import.duplicateOf'].map((k) => h('th', { scope: 'col' }, t(k))));
    const body = rows.slice(0, 500).map((r) => {
      const errors = (r.errors || []).map((e) => e.field + ': ' + e.message).join('; ');
      const twins = [...(r.duplicateOf || []).map((id) => '#' + id), r.duplicateOfLine ? t('import.line') + ' ' + r.duplicateOfLine : null];
      return h('tr', {}, h('td', {}, String(r.line)), h('td', {}, r.name || ''), h('td', {}, errors), h('td', {}, twins.filter(Boolean).join(', ')));
    });
    out.append(h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...body))));
  }
  return out;
}

async function ncInvitations(country) {
  const schools = await apiAll(`/api/v1/schools?country=${country}`, 2000);
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('handover.email'), 'email', { type: 'email', required: true }),
    field(t('invite.role'), 'role', { options: [['SCHOOL_STAFF', t('role.SCHOOL_STAFF')], ['SCHOOL_FOCAL_POINT', t('role.SCHOOL_FOCAL_POINT')]] }),
    field(t('invite.school'), 'school', { required: true, empty: '', options: schools.map((s) => [s.id, s.name + (s.city ? ', ' + s.city : '')]) }),
    h('button', { type: 'submit' }, t('invite.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(form));
    try {
      const r = await api('POST', '/api/v1/invitations', { email: d.email, role: d.role, school: d.school || null });
      form.querySelector('.form-status').replaceChildren(h('div', { class: 'notice', role: 'status' }, h('p', {}, t('handover.done')), h('code', { class: 'link' }, location.origin + r.link)));
      announce(t('handover.done'));
    } catch (e) {
      showProblem(form, e);
    }
  });
  return [h('h2', {}, t('tab.invitations')), h('p', {}, t('invite.lead')), form];
}

// ---------- HQ ----------
export async function hqConsole() {
  if (!ui.me) return needSignIn(t('hq.title'));
  const tab = new URLSearchParams(location.search).get('tab') || (hasRole('HQ_OFFICER') ? 'queue' : 'plugins');
  const view = [h('h1', {}, t('hq.title')), tabs('/console/hq', ['queue', 'dashboard', 'projects', 'plugins', 'audit'], tab)];
  const body = { queue: hqQueue, dashboard: statsView, projects: hqProjects, plugins: hqPlugins, audit: hqAudit }[tab] || hqQueue;
  try {
    view.push(...[await body()].flat().map((x) => (x.tagName === 'H1' ? h('h2', {}, x.textContent) : x)));
  } catch (e) {
    view.push(problemView(e));
  }
  return view;
}

async function hqQueue() {
  await countries();
  const schools = [];
  for (const status of ['RECOMMENDED', 'UNDER_HQ_REVIEW']) schools.push(...await apiAll(`/api/v1/schools?status=${status}`, 2000));
  schools.sort((a, b) => b.id - a.id);
  return [h('h2', {}, t('tab.queue')), h('p', {}, t('hq.queueLead')),
    decisionTable(schools, (s) => [
      [t('hq.certify'), 'certify', (c) => moveTo(s, [['RECOMMENDED', 'UNDER_HQ_REVIEW'], ['UNDER_HQ_REVIEW', 'MEMBER']], c)],
      [t('hq.sendBack'), 'sendback secondary', (c) => moveTo(s, [['RECOMMENDED', 'UNDER_HQ_REVIEW'], ['UNDER_HQ_REVIEW', 'UNDER_NATIONAL_REVIEW']], c)],
    ], true)];
}

async function hqProjects() {
  const view = [h('h2', {}, t('tab.projects'))];
  let items = null;
  try {
    items = (await api('GET', '/api/v1/campaigns?limit=100')).items || [];
  } catch (e) {
    view.push(e.status === 404 ? h('p', { class: 'notice', role: 'status' }, t('campaigns.unavailable')) : problemView(e));
  }
  if (items) {
    view.push(items.length ? h('ul', {}, ...items.map((c) => h('li', {}, h('a', { href: '/campaigns/' + c.id }, localized(c.title || c.name) || c.id), c.module ? ' (' + c.module + ')' : ''))) : h('p', {}, t('campaigns.none')));
    const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
      field(t('field.name'), 'name', { required: true }), field(t('campaign.module'), 'module', { help: t('hq.moduleHelp') }),
      field(t('campaign.description'), 'description', { multiline: true }), h('button', { type: 'submit' }, t('hq.create')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const d = Object.fromEntries(new FormData(form));
      try {
        const c = await api('POST', '/api/v1/campaigns', { kind: 'CAMPAIGN', module: d.module || null, title: { [ui.lang]: d.name },
          description: d.description ? { [ui.lang]: d.description } : null });
        form.querySelector('.form-status').replaceChildren(h('p', { class: 'notice', role: 'status' }, t('hq.created'), ' ', c?.id ? h('a', { href: '/campaigns/' + c.id }, d.name) : ''));
      } catch (e) {
        showProblem(form, e);
      }
    });
    view.push(h('h3', {}, t('hq.newCampaign')), form);
  }
  return view;
}

async function hqPlugins() {
  const r = await api('GET', '/api/v1/plugins');
  const items = r.items || [];
  if (!items.length) return [h('h2', {}, t('tab.plugins')), h('p', {}, t('hq.noPlugins'))];
  return [h('h2', {}, t('tab.plugins')), h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['hq.plugin', 'hq.version', 'hq.state', 'hq.details'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, ...items.map((p) => h('tr', {}, h('td', {}, p.name || p.symbolicName || p.file), h('td', {}, p.version || ''), h('td', {}, p.state || ''),
      h('td', {}, [p.problem, p.reason, ...(p.missing || [])].filter(Boolean).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ')
        || Object.entries(p.contributes || p.adds || {}).map(([k, v]) => k + ': ' + (Array.isArray(v) ? v.length : v)).join(', ')))))))];
}

async function hqAudit() {
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  let cursor = null;
  const load = async () => {
    const page = await api('GET', '/api/v1/audit?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    tbody.append(...page.items.map((e) => h('tr', {}, h('td', {}, formatDate(e.at)), h('td', {}, e.actorEmail || e.actorId || ''), h('td', {}, e.action),
      h('td', {}, `${e.entity || ''} ${e.entityId || ''}`), h('td', {}, e.country ? countryName(e.country) : ''))));
    cursor = page.next;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => load().catch((e) => more.replaceWith(problemView(e))));
  await countries();
  await load();
  return [h('h2', {}, t('tab.audit')), h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['audit.at', 'audit.who', 'audit.action', 'audit.what', 'field.country'].map((k) => h('th', { scope: 'col' }, t(k))))), tbody)), more];
}

export { formatNumber };
