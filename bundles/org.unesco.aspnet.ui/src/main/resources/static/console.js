// The National Coordinator's and HQ's consoles, and the coordinators' panel of a school page. The
// services decide who may do what; these pages only offer what a role can do, read long lists page
// by page, and show every refusal in words.
// portal.js (the profile form, the history) is imported by the school page's panel only, when it opens.
import { ui, t, tNodes, h, api, apiAll, colon, field, countries, countryName, problemView, showProblem, announce, statusLabel,
  hasRole, formatDate, formatDay, formatNumber, statsView, localized, langOf, ApiError, fieldName, plural, whileBusy, signInPrompt, loadProfile,
  profileText, markProfileTexts, commentGiven, filtersNavigate, handedOver, clearProblem, campaignModules, moduleName, quoted, render, checks, clearDraft, isNetworkError } from './app.js';

const PAGE = 100;
/** Moves whose decision the school must be told the reason of (the services require a comment). */
const NEEDS_COMMENT = new Set(['REJECTED', 'SUSPENDED', 'WITHDRAWN']);
const NATIONAL_MOVES = new Set(['UNDER_NATIONAL_REVIEW', 'RECOMMENDED', 'REJECTED']);
/** Where the focus goes once a console's filters have drawn their results: what sums them up. */
const RESULTS = '[data-results]';

function tabs(base, names, current, extra = '') {
  return h('nav', { 'aria-label': t('console.sections') }, h('ul', { class: 'tabs' }, ...names.map((n) =>
    h('li', {}, h('a', { href: `${base}?tab=${n}${extra}`, 'aria-current': n === current ? 'page' : null }, t('tab.' + n))))));
}

/** The signed-in person's roles of one kind in a country (a sub-national coordinator's also in a unit). */
function rolesIn(country, unit) {
  return (ui.me?.roles || []).filter((r) => r.role === 'HQ_OFFICER'
    || (r.country === country && (r.role === 'NATIONAL_COORDINATOR' || (r.role === 'SUBNATIONAL_COORDINATOR' && unit !== undefined && r.unit === unit))))
    .map((r) => r.role);
}

/** One page of a list: the first, or the one after `cursor`. */
function listPage(path, cursor = null) {
  const sep = path.includes('?') ? '&' : '?';
  return api('GET', `${path}${sep}limit=${PAGE}${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
}

/**
 * A list read page by page (100 at a time, in the server's order) into `onItems`, with a count and
 * a "Show more" button while there is more: a country of 400 schools or 4,000 is never cut silently.
 * `first`: the first page, already asked for (listPage) while the page read something else.
 */
function pagedList(path, onItems, noun = 'console.schools', first = null) {
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  const count = h('p', { class: 'meta', role: 'status', tabindex: '-1' });
  let cursor = null;
  let shown = 0;
  const load = async () => {
    const asked = first || listPage(path, cursor);
    first = null;
    const page = await asked;
    await onItems(page.items || []);
    shown += (page.items || []).length;
    cursor = page.next;
    more.hidden = !cursor;
    count.textContent = plural(cursor ? noun + 'More' : noun, shown);
  };
  more.addEventListener('click', () => whileBusy(more, async () => {
    try {
      await load();
      // the last page hid the button, which had the focus: it goes to the count of what is shown
      // (read out), not to the page's body
      if (more.hidden) count.focus();
    } catch (e) {
      more.after(problemView(e));
    }
  }));
  /** A row taken away (a role removed): the count says one fewer. */
  const dropped = () => {
    shown = Math.max(0, shown - 1);
    count.textContent = plural(cursor ? noun + 'More' : noun, shown);
  };
  return { load, more, count, dropped };
}

// ---------- deciding on a membership ----------

/**
 * One decision: the membership moves through `steps` ([from, to] pairs, each taken when the
 * school is at `from`), or onto a national `stage`. `school.status` follows every step that
 * succeeds, so a refusal half-way leaves the row showing where the school is.
 */
function transitionAction(label, cls, steps, needsComment) {
  return {
    // `to`: where the decision leaves the school (a move found done on a retry is said done)
    label, cls, needsComment, certifies: steps.some(([, to]) => to === 'MEMBER'), to: steps[steps.length - 1][1],
    run: async (school, comment, shown, extra = {}) => {
      if (!steps.some(([from]) => from === school.status)) {
        throw new ApiError(409, { detail: t('console.notFromHere', { status: statusLabel(school.status) }) });
      }
      const decision = steps[steps.length - 1][1];
      for (const [from, to] of steps) {
        if (school.status === from) {
          // a member since before the platform is certified with that day (HQ's queue asks for it)
          const since = to === 'MEMBER' && extra.certifiedOn ? { certifiedOn: extra.certifiedOn } : {};
          // the comment is the decision's: the step that takes the application up carries none, so
          // the history does not say it twice
          shown(await api('POST', `/api/v1/memberships/${school.membershipId}/transitions`,
            { to, comment: (to === decision && comment) || null, ...since }) || { status: to });
        }
      }
    },
  };
}

function stageAction(stage, needsComment = false) {
  return {
    label: tNodes('nc.toStage', { stage: profileText(stage.label || stage.code) }), cls: 'stage', needsComment, stage: stage.code,
    run: async (school, comment, shown) => {
      shown(await api('POST', `/api/v1/memberships/${school.membershipId}/stages`, { stage: stage.code, comment: comment || null }) || {});
    },
  };
}

/**
 * The UTC day from which a school that entered its stage on `since` may move on after `period`
 * (ISO 8601, P2Y), as the server counts it (LocalDate.plus: a month end is kept, Jan 31 + P1M is
 * Feb 28); null when unknown.
 */
function earliest(since, period) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(period || '');
  if (!since || !m) return null;
  const start = new Date(since);
  const months = start.getUTCMonth() + 12 * Number(m[1] || 0) + Number(m[2] || 0);
  const year = start.getUTCFullYear() + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay) + Number(m[3] || 0)));
}

/** Today as a UTC day, to compare with earliest(). */
function todayUtc() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** A stage not reachable yet: said, not offered as a button that would be refused. */
function waitAction(stage, from) {
  return { note: tNodes('nc.stageFrom', { stage: profileText(stage.label || stage.code), date: formatDate(from.toISOString().slice(0, 10)) }) };
}

/**
 * The buttons, comment box and message of one school's decision. `actionsFor(school)` says what
 * this person may do from where the school is now; it is asked again after every change.
 */
function decisionControls(school, actionsFor, onStatus, { since = false, labelShown = false, reload = 'queue' } = {}) {
  /** Draws the queue (or the school's page) again as the server has it now, the focus back on this school. */
  const reloadButton = () => {
    const b = h('button', { type: 'button', class: 'secondary', 'data-action': 'reload' }, t(reload === 'page' ? 'console.reloadPage' : 'console.reloadQueue'));
    b.addEventListener('click', () => whileBusy(b, async () => {
      await render();
      const main = document.getElementById('main');
      const target = reload === 'page' ? main.querySelector('#coordination')
        : main.querySelector(`tr[data-school="${CSS.escape(String(school.id))}"] a`) || main.querySelector(RESULTS);
      (target || main).focus();
    }));
    return b;
  };
  const commentId = 'comment-' + school.id;
  // data-draft: the comment is kept across Back, Forward and a reload until the decision is taken (app.js)
  const comment = h('textarea', { rows: 1, id: commentId, name: 'comment', maxlength: 2000, 'data-draft': commentId, 'data-draft-note': commentId + '-message' });
  // HQ bringing an existing network onto the platform: the day a school really became a member
  const sinceInput = since ? h('input', { type: 'date', id: 'since-' + school.id, name: 'certifiedOn', min: '1953-01-01',
    max: new Date().toISOString().slice(0, 10) }) : null;
  const sinceError = h('span', { class: 'field-error', id: 'since-' + school.id + '-error', hidden: true });
  /** The day's box marked invalid, its message beside it; `words` null clears it. */
  const sinceSaid = (words) => {
    sinceError.hidden = !words;
    sinceError.textContent = words || '';
    if (words) {
      sinceInput.setAttribute('aria-invalid', 'true');
      sinceInput.setAttribute('aria-describedby', sinceError.id);
    } else {
      sinceInput.removeAttribute('aria-invalid');
      sinceInput.removeAttribute('aria-describedby');
    }
  };
  /**
   * The day checked against the box's own range before anything is sent: certifying is the second
   * of two moves, and a day refused then would leave the school under HQ review.
   */
  const sinceFits = () => {
    sinceSaid(null);
    const day = sinceInput.value;
    if (!sinceInput.validity.badInput && (!day || (day >= sinceInput.min && day <= sinceInput.max))) return true;
    sinceSaid(t('hq.sinceRange', { min: formatDate(sinceInput.min) }));
    sinceInput.focus();
    return false;
  };
  const message = h('div', { tabindex: '-1', class: 'row-message', id: commentId + '-message' });
  // where a move whose answer never came (the connection dropped) asked the school to go: found
  // there on the next try, it is that move done, not someone else's
  let lostMove = null;
  const buttons = h('div', { class: 'row-actions' });
  /** The school as the server now has it, from a membership: status, national stage, next moves, certificate. */
  const shown = (m) => {
    if (m.status) school.status = m.status;
    if (m.stage) school.stage = m.stage; // a membership read before stages were kept has none: ours stands
    if (m.stageSince) school.stageSince = m.stageSince;
    if (m.next) school.next = m.next;
    if (m.certificateNumber) school.certificateNumber = m.certificateNumber;
    onStatus(school);
  };
  const draw = () => {
    buttons.replaceChildren(...actionsFor(school).map((a) => {
      if (a.note) return h('span', { class: 'meta' }, ...[a.note].flat());
      // the school's name is read with the action ("Reject: Lycée X"), after the words shown
      const b = h('button', { type: 'button', class: a.cls, 'data-action': a.cls.split(' ')[0] }, ...[a.label].flat(),
        h('span', { class: 'visually-hidden' }, colon() + school.name));
      b.addEventListener('click', async () => {
        const text = comment.value.trim();
        // required for this move: said on the box, with the message that says why
        if (!commentGiven(comment, message, a.needsComment, t('console.commentNeeded'))) return;
        if (sinceInput && a.certifies && !sinceFits()) return;
        buttons.querySelectorAll('button').forEach((x) => { x.disabled = true; });
        try {
          await a.run(school, text, shown, { certifiedOn: sinceInput?.value || null });
          lostMove = null;
          comment.value = '';
          clearDraft(comment);
          if (sinceInput) sinceInput.value = '';
          message.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('console.done', { name: school.name, status: statusLabel(school.status) })));
        } catch (e) {
          // a day the API refused is said on its box too (its label names it in the message)
          const target = a.to || (a.stage ? 'stage:' + a.stage : null);
          if (isNetworkError(e)) lostMove = target;
          const onSince = sinceInput && (e.problem?.errors || []).find((x) => x.field === 'certifiedOn');
          if (onSince) sinceSaid(onSince.message);
          // someone else (another tab, a colleague) may have decided meanwhile: show where it is now
          let parts = [problemView(e)];
          if ([409, 412, 403].includes(e.status)) {
            const before = school.status; // after our own steps that went through
            const now = await api('GET', '/api/v1/memberships/' + school.membershipId).catch(() => null);
            if (now) shown(now);
            // the school's name isolated: an Arabic name does not turn the sentence around it
            const name = h('bdi', {}, school.name);
            const notice = (key, args) => h('p', { class: 'notice', role: 'status' }, ...tNodes(key, args));
            // where the person asked it to go after a try whose answer was lost: that try got
            // through, done rather than "moved by someone else"
            const asked = now && lostMove && lostMove === target
              && (a.to ? now.status === a.to && before !== a.to : now.stage === a.stage);
            if (asked) {
              lostMove = null;
              comment.value = '';
              clearDraft(comment);
              if (sinceInput) sinceInput.value = '';
              parts = [notice('console.doneAlready', { name, status: statusLabel(now.status) })];
            } else if (e.status === 409) {
              // the move no longer fits where the school is: said in words with where it is now, and a
              // way to read the queue or page again, not the server's sentence with its status codes
              parts = [now?.status ? notice('console.movedMeanwhile', { name, status: statusLabel(now.status) })
                : notice('console.changedMeanwhile', { name }), h('p', {}, reloadButton())];
            } else if (now && now.status !== before) {
              parts.unshift(notice('console.movedMeanwhile', { name, status: statusLabel(now.status) }));
            } // else (the read failed, or nothing moved) the refusal itself says enough
          }
          message.replaceChildren(...parts);
        }
        draw();
        message.focus();
      });
      return b;
    }));
    if (!buttons.querySelector('button, .meta')) buttons.append(h('span', { class: 'meta' }, t('console.noAction')));
    // nothing to decide: no box to write in either (a message of the last decision stays)
    const decidable = !!buttons.querySelector('button');
    for (const el of [commentLabel, comment, sinceBox]) if (el) el.hidden = !decidable;
    if (!decidable && sinceInput) sinceSaid(null); // no error left under a box that is gone
  };
  const sinceLabel = sinceInput ? h('label', { for: sinceInput.id, class: 'meta' }, t('hq.since')) : null;
  // the day's label, box and message stacked under the comment box, not flowing beside it
  const sinceBox = sinceInput ? h('div', { class: 'since' }, sinceLabel, sinceInput, sinceError) : null;
  // in a table the column's header names the box for the eye; alone (a school's page) its label does
  const commentLabel = labelShown ? h('label', { for: commentId }, t('console.comment'))
    : h('label', { for: commentId, class: 'visually-hidden' }, t('console.commentFor', { name: school.name }));
  draw();
  return {
    comment: [commentLabel, comment, sinceBox],
    actions: [buttons, message],
  };
}

/** The status, and on a national ladder the stage (in the profile's language if it has none in the page's). */
function statusText(school, ladder) {
  // a closed period (rejected, withdrawn) is on no stage any more, whatever stage it was left on
  const closed = school.status === 'REJECTED' || school.status === 'WITHDRAWN';
  const stage = ladder && school.stage && !closed ? (ladder.stages.find((s) => s.code === school.stage)?.label || school.stage) : null;
  return stage ? [statusLabel(school.status), ' – ', profileText(stage)] : [statusLabel(school.status)];
}

/** A table of schools to decide on, filled page by page. */
function decisionTable(path, actionsFor, { withCountry = false, ladder = null, empty = 'console.nothing', before = null, first = null, since = false,
  profile = null } = {}) {
  // what a coordinator judges an application by without opening it: its unit (académie) and national id (UAI)
  const unitName = Object.fromEntries((profile?.units || []).map((u) => [u.code, u.name]));
  const idLabel = profile?.labels?.['school.nationalId'] || t('field.nationalId');
  // the profile's words keep their language (a French académie read by an English voice is garbled)
  const meta = (school) => [school.city, school.unit ? profileText(unitName[school.unit] || school.unit) : null,
    school.nationalId ? [profileText(idLabel), ' ', school.nationalId] : null].filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x])).flat();
  const tbody = h('tbody', {});
  const list = pagedList(path, async (schools) => {
    await before; // what the rows need that was asked for at the same time (the country names)
    if (ladder) await placeOnLadder(schools, ladder);
    for (const school of schools) {
      const status = h('td', { class: 'row-status' }, ...statusText(school, ladder));
      const controls = decisionControls(school, actionsFor, (s) => { status.replaceChildren(...statusText(s, ladder)); }, { since });
      // on a phone each row is a card (style.css): the roles keep it a table for a screen reader, the
      // labels name the cells the hidden header names on a wide screen
      status.setAttribute('role', 'cell');
      status.dataset.label = t('field.status') + colon();
      tbody.append(h('tr', { role: 'row', 'data-school': school.id, 'data-name': school.name },
        h('td', { role: 'cell' }, h('a', { href: '/schools/' + school.id }, school.name), h('br'), h('span', { class: 'meta' }, ...meta(school))),
        withCountry ? h('td', { role: 'cell', 'data-label': t('field.country') + colon() }, countryName(school.country)) : null,
        status, h('td', { role: 'cell', 'data-label': t('console.comment') + colon() }, ...controls.comment),
        h('td', { role: 'cell' }, ...controls.actions)));
    }
  }, 'console.schools', first);
  const th = (key) => h('th', { scope: 'col', role: 'columnheader' }, t(key));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'decisions', role: 'table' },
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, th('field.name'), withCountry ? th('field.country') : null,
      th('field.status'), th('console.comment'), th('console.actions'))),
    tbody));
  tbody.setAttribute('role', 'rowgroup');
  return { load: list.load, view: [list.count, table, list.more], isEmpty: () => !tbody.children.length, emptyText: t(empty) };
}

/**
 * Where each school of a page is on its country's ladder, and since when (a move's minimum time
 * counts from it): the page's memberships in one request, not one per row.
 */
async function placeOnLadder(schools, ladder) {
  const ids = schools.map((s) => s.membershipId).filter(Boolean);
  const byId = new Map();
  if (ids.length) {
    for (const m of (await api('GET', '/api/v1/memberships?ids=' + ids.join(','))).items) byId.set(String(m.id), m);
  }
  for (const school of schools) {
    const m = byId.get(String(school.membershipId));
    const candidates = ladder.stages.filter((s) => s.status === school.status);
    // a membership read before stages were kept has none: the first stage of its status, as the server reads it
    school.stage = (m && m.stage) || (candidates[0] ? candidates[0].code : null);
    // the server counts a stage's minimum time from the application when no stage date was kept
    if (m) school.stageSince = m.stageSince || m.appliedAt;
  }
}

/** Where a school is on its country's ladder: the one stage of its status, else its membership's. */
async function currentStage(school, ladder) {
  const candidates = ladder.stages.filter((s) => s.status === school.status);
  if (candidates.length === 1) return candidates[0].code;
  if (!candidates.length) return null;
  // several stages share the status: the membership knows; without a stored one, the first (as the server reads it)
  return (await api('GET', '/api/v1/memberships/' + school.membershipId)).stage || candidates[0].code;
}

/** What this person may decide nationally for a candidate school, on the ladder or without one. */
function nationalActions(country, ladder) {
  return (school) => {
    const roles = rolesIn(country, school.unit);
    const hq = roles.includes('HQ_OFFICER');
    const national = roles.includes('NATIONAL_COORDINATOR') || hq;
    const actions = [];
    if (ladder) {
      for (const move of ladder.moves.filter((m) => m.from === school.stage)) {
        if (hq || (move.decidedBy || []).some((r) => roles.includes(r))) {
          const stage = ladder.stages.find((s) => s.code === move.to);
          const from = earliest(school.stageSince, move.minimumTime);
          if (stage && from && from > todayUtc()) actions.push(waitAction(stage, from));
          else if (stage) actions.push(stageAction(stage));
        }
      }
    } else if (national && (school.status === 'APPLIED' || school.status === 'UNDER_NATIONAL_REVIEW')) {
      // taking an application up tells the school it is being looked at; recommending may skip it
      if (school.status === 'APPLIED') actions.push(transitionAction(t('nc.review'), 'review secondary', [['APPLIED', 'UNDER_NATIONAL_REVIEW']], false));
      actions.push(transitionAction(t('nc.recommend'), 'recommend', [['APPLIED', 'UNDER_NATIONAL_REVIEW'], ['UNDER_NATIONAL_REVIEW', 'RECOMMENDED']], false));
    } else if (roles.includes('SUBNATIONAL_COORDINATOR') && school.status === 'APPLIED') {
      actions.push(transitionAction(t('nc.review'), 'review', [['APPLIED', 'UNDER_NATIONAL_REVIEW']], false));
    }
    if (national && (school.status === 'APPLIED' || school.status === 'UNDER_NATIONAL_REVIEW')) {
      actions.push(transitionAction(t('nc.reject'), 'reject danger', [['APPLIED', 'REJECTED'], ['UNDER_NATIONAL_REVIEW', 'REJECTED']], true));
    }
    return actions;
  };
}

// ---------- NC ----------
export async function ncConsole() {
  if (!ui.me) return signInPrompt(t('nc.title'));
  const params = new URLSearchParams(location.search);
  const own = [...new Set((ui.me.roles || []).filter((r) => r.country && /COORDINATOR/.test(r.role)).map((r) => r.country))];
  const hq = hasRole('HQ_OFFICER');
  const country = (params.get('country') || own[0] || (hq ? 'FR' : '')).toUpperCase();
  if (!country || (!hq && !own.includes(country))) return [h('h1', {}, t('nc.title')), h('p', { class: 'error', role: 'alert' }, t('nc.notYours'))];
  const tab = params.get('tab') || 'applications';
  // a sub-national coordinator reviews, reads and imports for their unit; the country's reports,
  // invitations and campaigns are the NC's (and HQ's)
  const national = hq || (ui.me.roles || []).some((r) => r.role === 'NATIONAL_COORDINATOR' && r.country === country);
  const names = national ? ['applications', 'directory', 'reports', 'import', 'invitations', 'people', 'campaigns', 'partnerships', 'webhooks', 'audit']
    : ['applications', 'directory', 'import'];
  const shown = names.includes(tab) ? tab : 'applications';
  const body = { applications: ncApplications, directory: ncDirectory, reports: ncReports, import: ncImport, invitations: ncInvitations, campaigns: ncCampaigns,
    partnerships: ncPartnerships, people: (c) => peopleView('/console/nc', c), webhooks: webhooksView, audit: (c) => auditView('/console/nc', c) }[shown];
  // the country names, the tab's content and whether webhooks are installed are asked for at once
  const [list, content, hooks] = await Promise.all([countries(), body(country).then((x) => [x].flat(), (e) => [problemView(e)]),
    national ? webhooksInstalled() : false]);
  // without the webhooks plugin its tab is not offered (opened by its address, it says so)
  const offered = names.filter((n) => n !== 'webhooks' || hooks || n === shown);
  const view = [h('h1', { tabindex: '-1' }, t('nc.title') + ' – ' + countryName(country))];
  if (own.length > 1 || hq) {
    const pick = h('form', { class: 'filters' }, h('input', { type: 'hidden', name: 'tab', value: tab }),
      h('div', { class: 'field' }, h('label', { for: 'nc-country' }, t('field.country')),
        h('select', { id: 'nc-country', name: 'country' }, ...(hq ? list.map((c) => c.iso2) : own).map((c) => h('option', { value: c, selected: c === country }, countryName(c))))),
      h('button', { type: 'submit' }, t('console.show')));
    // another country is another console: the focus goes to its title
    view.push(filtersNavigate(pick, '/console/nc', '#main h1'));
  }
  view.push(tabs('/console/nc', offered, shown, '&country=' + country), ...content);
  return view;
}

async function ncApplications(country) {
  // one queue per status, newest first, each read page by page; both first pages are asked for
  // with the national profile, whose ladder decides what each row offers
  const statuses = ['APPLIED', 'UNDER_NATIONAL_REVIEW'];
  // a coordinator with hundreds of candidates finds one by name or city
  const q = new URLSearchParams(location.search).get('q') || '';
  const search = h('form', { class: 'filters', role: 'search' }, h('input', { type: 'hidden', name: 'tab', value: 'applications' }),
    h('input', { type: 'hidden', name: 'country', value: country }),
    field(t('dir.search'), 'q', { type: 'search', value: q }), h('button', { type: 'submit' }, t('dir.searchButton')));
  filtersNavigate(search, '/console/nc', RESULTS);
  const paths = statuses.map((status) => `/api/v1/schools?country=${country}&status=${status}&sort=NEWEST` + (q ? '&q=' + encodeURIComponent(q) : ''));
  const firsts = paths.map((path) => listPage(path));
  firsts.forEach((page) => page.catch(() => {})); // a refusal is shown when the table reads it
  const profile = await loadProfile(country).catch(() => null);
  const ladder = profile?.ladder?.stages?.length ? profile.ladder : null;
  const view = [h('h2', {}, t('tab.applications')), h('p', {}, t(ladder ? 'nc.ladderLead' : 'nc.applicationsLead')), search];
  const tables = paths.map((path, i) => decisionTable(path, nationalActions(country, ladder), { ladder, first: firsts[i], profile }));
  await Promise.all(tables.map((table) => table.load()));
  // the first queue's heading sums up what a search found
  statuses.forEach((status, i) => view.push(h('h3', i ? {} : { tabindex: '-1', 'data-results': '' }, statusLabel(status)),
    ...(tables[i].isEmpty() ? [h('p', {}, tables[i].emptyText)] : tables[i].view)));
  return view;
}

/**
 * The unit a sub-national coordinator (not the country's NC, nor HQ) works for in `country`, when
 * they have one there: their directory is that unit's, not every public member of the country.
 */
function ownUnit(country) {
  if (hasRole('HQ_OFFICER') || (ui.me?.roles || []).some((r) => r.role === 'NATIONAL_COORDINATOR' && r.country === country)) return null;
  const units = [...new Set((ui.me?.roles || []).filter((r) => r.role === 'SUBNATIONAL_COORDINATOR' && r.country === country && r.unit).map((r) => r.unit))];
  return units.length === 1 ? units[0] : null;
}

async function ncDirectory(country) {
  const params = new URLSearchParams(location.search);
  const own = ownUnit(country);
  // a country of sub-national units (France's 30 académies): its coordinator filters by one, and
  // each school's shows in the list; a sub-national coordinator's list is their unit's
  const profile = await loadProfile(country).catch(() => null);
  const units = own ? [] : profile?.units || [];
  const unitName = Object.fromEntries((profile?.units || []).map((u) => [u.code, u.name]));
  const unitLabel = profile?.labels?.unit || t('field.unit');
  const unit = own || (units.some((u) => u.code === params.get('unit')) ? params.get('unit') : null);
  const statuses = ['MEMBER', 'APPLIED', 'UNDER_NATIONAL_REVIEW', 'RECOMMENDED', 'UNDER_HQ_REVIEW', 'REJECTED', 'SUSPENDED', 'DORMANT', 'WITHDRAWN'];
  const form = h('form', { class: 'filters', role: 'search' }, h('input', { type: 'hidden', name: 'tab', value: 'directory' }), h('input', { type: 'hidden', name: 'country', value: country }),
    field(t('dir.search'), 'q', { type: 'search', value: params.get('q') || '' }),
    units.length ? markProfileTexts(field(unitLabel, 'unit', { value: unit || '', empty: t('dir.any'),
      options: units.map((u) => [u.code, u.name]).sort((a, b) => a[1].localeCompare(b[1], ui.lang)) })) : null,
    field(t('field.status'), 'status', { value: params.get('status') || '', empty: t('dir.any'), options: statuses.map((s) => [s, statusLabel(s)]) }),
    h('button', { type: 'submit' }, t('dir.searchButton')));
  filtersNavigate(form, '/console/nc', RESULTS);
  const q = new URLSearchParams({ country, sort: 'NAME' });
  if (unit) q.set('unit', unit);
  for (const k of ['q', 'status']) if (params.get(k)) q.set(k, params.get(k));
  const tbody = h('tbody', {});
  const list = pagedList('/api/v1/schools?' + q, (schools) => tbody.append(...schools.map((s) => h('tr', {},
    h('td', {}, h('a', { href: '/schools/' + s.id }, s.name)), h('td', {}, s.city), ...(units.length ? [h('td', {}, profileText(unitName[s.unit] || s.unit || ''))] : []),
    h('td', {}, statusLabel(s.status)), h('td', {}, s.email || '')))));
  const filters = {};
  for (const k of ['q', 'status']) if (params.get(k)) filters[k] = params.get(k);
  const [exports] = await Promise.all([exportLinks({ country, unit, ...filters }), list.load()]);
  const table = h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden' }, t('tab.directory')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('field.name')), h('th', { scope: 'col' }, t('field.city')),
      units.length ? h('th', { scope: 'col' }, profileText(unitLabel)) : null,
      ...['field.status', 'field.email'].map((k) => h('th', { scope: 'col' }, t(k))))), tbody));
  // the count ("12 schools shown") sums up the results: the focus goes there after a search
  list.count.setAttribute('tabindex', '-1');
  list.count.dataset.results = '';
  return [h('h2', {}, t('tab.directory')), form, exports,
    h('p', {}, h('a', { href: '/stats?country=' + encodeURIComponent(country), id: 'nc-stats' }, t('nc.stats'))), list.count, table, list.more];
}

/** One link per dataset and format the server can write, with the page's filters. */
/** A format's name as it is written (GeoJSON); another is written in capitals (CSV, XLSX). */
const FORMAT_NAMES = { geojson: 'GeoJSON' };

async function exportLinks(filters) {
  const box = h('section', { class: 'exports', 'aria-labelledby': 'exports-title' }, h('h3', { id: 'exports-title' }, t('nc.exports')));
  try {
    const r = await api('GET', '/api/v1/exports');
    const list = h('ul', {});
    for (const d of r.datasets || []) {
      const q = new URLSearchParams();
      // the page's directory filters (q, status...) mean something else, or nothing, to a campaign's
      // datasets ("status" of a submission): those get the country only
      const directory = (d.filters || []).includes('q');
      for (const [k, v] of Object.entries(filters)) if (v && (k === 'country' || directory) && (d.filters || []).includes(k)) q.set(k, v);
      const label = t('export.' + d.name) === 'export.' + d.name ? d.name : t('export.' + d.name);
      // what the dataset holds, in the page's language; a dataset the UI does not know (a plugin's) has the server's words, in English
      const help = t('export.' + d.name + '.help');
      const known = help !== 'export.' + d.name + '.help';
      list.append(h('li', {}, h('span', { title: known ? help : d.description || null, lang: known || !d.description || ui.lang === 'en' ? null : 'en' }, label),
        colon(), ...(d.formats || []).flatMap((f, i) => {
          const href = (extra) => {
            const all = new URLSearchParams(q);
            for (const [k, v] of Object.entries(extra)) all.set(k, v);
            return `/api/v1/exports/${encodeURIComponent(d.name)}.${encodeURIComponent(f)}${all.toString() ? '?' + all : ''}`;
          };
          // the name read starts with the words shown (CSV), then says which dataset
          const link = (words, extra = {}) => h('a', { href: href(extra), download: '', 'aria-label': words + ' – ' + label }, words);
          // Excel reads a CSV file without a byte order mark in the computer's own encoding
          // ("Ã‰cole" in French): the same file with one, for Excel
          return [i ? ' · ' : '', link(FORMAT_NAMES[f] || f.toUpperCase()), ...(f === 'csv' ? [' · ', link(t('export.csvExcel'), { bom: 'true' })] : [])];
        })));
    }
    box.append(list);
  } catch (e) {
    box.append(e.status === 404 ? h('p', {}, t('nc.exportsUnavailable')) : problemView(e));
  }
  return box;
}

/**
 * The year select of an Annual reports tab (the NC's with its country as `hidden`, HQ's): this year
 * (its reports are being written) and the nine before it, last year first shown (its reports are the
 * ones due), and an older one asked for by its address, which is the one shown and named. `refused(e)`
 * is the tab when the API refuses that year (one typed into the address): the error under the select,
 * which stays to pick another.
 */
function reportYearForm(base, hidden = {}) {
  const year = Number(new URLSearchParams(location.search).get('year')) || new Date().getFullYear() - 1;
  const years = [...Array(10).keys()].map((i) => new Date().getFullYear() - i);
  if (!years.includes(year)) years.push(year);
  years.sort((a, b) => b - a);
  const form = h('form', { class: 'filters' }, h('input', { type: 'hidden', name: 'tab', value: 'reports' }),
    ...Object.entries(hidden).map(([name, value]) => h('input', { type: 'hidden', name, value })),
    field(t('report.year'), 'year', { value: year, options: years.map((y) => [y, String(y)]) }), h('button', { type: 'submit' }, t('console.show')));
  filtersNavigate(form, base, RESULTS);
  const refused = (e) => [h('h2', {}, t('tab.reports')), form, h('div', { 'data-results': '', tabindex: '-1' },
    problemView(e, (f) => (f === 'year' ? t('report.year') : fieldName(f))))];
  return { year, form, refused };
}

async function ncReports(country) {
  const { year, form, refused } = reportYearForm('/console/nc', { country });
  // with the list, what a reminder by email would do: whether the platform sends email at all, and to how many
  let rows;
  let reminders;
  try {
    [rows, reminders] = await Promise.all([apiAll(`/api/v1/countries/${country}/annual-reports/${year}`, 100000),
      api('GET', `/api/v1/annual-report-reminders?country=${country}&year=${year}&states=MISSING,OPEN`).catch(() => null)]);
  } catch (e) {
    return refused(e);
  }
  // LATE is a report sent after the due date: sent, though late
  const missing = rows.filter((r) => r.state === 'MISSING').length;
  const late = rows.filter((r) => r.state === 'LATE').length;
  // the addresses of the schools to chase, to paste into a message (a mailto: link would be too long for 400 schools)
  const toChase = rows.filter((r) => r.state === 'MISSING' && r.email).map((r) => r.email);
  const copied = h('span', { class: 'meta', role: 'status' });
  const copyWords = plural('nc.copyMissing', toChase.length);
  const copy = h('button', { type: 'button', class: 'secondary', id: 'copy-missing' }, copyWords);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(toChase.join(', '));
      copied.textContent = plural('nc.copied', toChase.length);
    } catch (e) {
      copied.replaceChildren(h('textarea', { readonly: true, rows: 3, 'aria-label': copyWords }, toChase.join(', ')));
    }
  });
  // the counts agree with their nouns ("1 member school of 5 has not...", "1 sent it late"); the
  // sentence sums up the year asked for, so the focus goes there once it is shown
  return [h('h2', {}, t('tab.reports')), form,
    h('p', { id: 'compliance', tabindex: '-1', 'data-results': '' }, plural('nc.compliance', missing, { missing: formatNumber(missing), total: formatNumber(rows.length), year }),
      late ? ' ' + plural('nc.late', late, { late: formatNumber(late) }) : ''),
    toChase.length ? h('p', { class: 'row-actions' }, copy, ' ', copied) : null,
    reminders?.delivery === 'email' ? remindersView(country, year, reminders) : null,
    h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden' }, t('tab.reports')),
      h('thead', {}, h('tr', {}, ...['field.name', 'field.city', 'report.state', 'report.submittedAt', 'field.email'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, ...rows.map((r) => h('tr', { 'data-state': r.state }, h('td', {}, h('a', { href: '/schools/' + r.schoolId }, r.name)), h('td', {}, r.city || ''),
        h('td', {}, t('report.' + r.state)), h('td', {}, formatDate(r.submittedAt)),
        h('td', {}, r.email ? h('a', { href: 'mailto:' + r.email }, r.email) : ''))))))];
}

/**
 * A reminder by email to the schools that have not sent the year's report, where the platform sends
 * email (`preview`, GET /api/v1/annual-report-reminders, says so and to how many): asked once more
 * with the count (*Not now* focused, so that Enter twice sends nothing), then said in a status that
 * takes the focus, with the schools left out and why (reminded in the last week, no address).
 */
function remindersView(country, year, preview) {
  const box = h('div', { id: 'reminders' });
  const recently = (preview.skipped || []).filter((s) => s.reason === 'recentlyReminded').length;
  if (!preview.toRemind) {
    if (recently) box.append(h('p', { class: 'meta' }, plural('nc.remindedRecently', recently)));
    return box;
  }
  const result = h('div', { id: 'reminders-result', tabindex: '-1' });
  const open = h('button', { type: 'button', class: 'secondary', id: 'send-reminders' }, plural('nc.remind', preview.toRemind));
  const row = h('p', { class: 'row-actions' }, open);
  open.addEventListener('click', () => {
    const question = h('span', { role: 'status' }, plural('nc.remindAsk', preview.toRemind, { year }));
    const yes = h('button', { type: 'button', id: 'reminders-yes' }, t('nc.remindYes'));
    const no = h('button', { type: 'button', class: 'secondary' }, t('nc.remindNo'));
    no.addEventListener('click', () => { row.replaceChildren(open); open.focus(); });
    yes.addEventListener('click', () => whileBusy(yes, async () => {
      try {
        const r = await api('POST', '/api/v1/annual-report-reminders', { country, year, states: ['MISSING', 'OPEN'] });
        row.replaceChildren(); // sent: a second time would remind nobody before a week has passed
        result.replaceChildren(...remindedView(r));
      } catch (e) {
        row.replaceChildren(open); // the platform stopped sending email meanwhile (409), or another refusal: said below
        result.replaceChildren(problemView(e));
      }
      result.focus();
    }));
    result.replaceChildren();
    row.replaceChildren(question, ' ', yes, ' ', no);
    no.focus();
  });
  box.append(row, result);
  return box;
}

/** What a reminder did: how many schools it reached, and each one left out with its reason. */
function remindedView(r) {
  const view = [h('p', { class: 'notice', role: 'status' }, plural('nc.reminded', r.reminded))];
  if (r.skipped?.length) {
    view.push(h('p', {}, plural('nc.notReminded', r.skipped.length)), h('ul', { id: 'reminders-skipped' }, ...r.skipped.map((s) => h('li', {},
      s.reason === 'recentlyReminded' ? t('nc.skipped.recentlyReminded', { name: s.name, date: formatDate(s.remindedAt) })
        : s.reason === 'addressNotEmailable' ? t('nc.skipped.addressNotEmailable', { name: s.name })
          : t('nc.skipped.noAddress', { name: s.name })))));
  }
  return view;
}

/**
 * The last import's report, kept while the page lives: a switch of language (which draws the tab
 * again) or a visit to another tab must not take away the report of a long import.
 */
let lastImport = null;

async function ncImport(country) {
  await loadProfile(country).catch(() => null); // the national fields' names, for the report
  const result = h('div', { tabindex: '-1', id: 'import-result' });
  const showReport = ({ dry, job }) => result.replaceChildren(h('h3', {}, t(dry ? 'import.dryReport' : 'import.report')), importView(job));
  if (lastImport?.country === country && lastImport.account === ui.me?.id) showReport(lastImport); // not another person's, after a sign-in
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('import.file'), 'file', { type: 'file', required: true, help: t('import.help') }),
    field(t('import.duplicatesChoice'), 'duplicates', { value: 'reject', options: ['reject', 'skip', 'allow'].map((d) => [d, t('import.dup.' + d)]) }),
    h('label', {}, h('input', { type: 'checkbox', name: 'dryRun', checked: true }), ' ', t('import.dryRun')), h('br'),
    h('button', { type: 'submit' }, t('import.submit')));
  form.elements.file.setAttribute('accept', '.csv,.xlsx,text/csv');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) {
      showProblem(form, new ApiError(400, { title: t('import.noFile'), errors: [{ field: 'file', message: t('import.noFile') }] }));
      return;
    }
    await whileBusy(form.querySelector('button[type=submit]'), async () => {
      try {
        const dry = form.elements.dryRun.checked;
        const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
        const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
        const q = new URLSearchParams({ dryRun: dry, format, file: file.name, duplicates: form.elements.duplicates.value, country });
        let job = await api('POST', '/api/v1/imports?' + q, file, { 'Content-Type': type }).catch((e) => {
          // sent again after a lost answer: the import was done once, and its report (too long to be
          // kept with the request's key) is read where the job is
          const at = e.problem?.location;
          if (e.status === 409 && String(e.problem?.type).endsWith('/answer-withheld') && /^\/api\/v1\/imports\/[\w-]+$/.test(at || '')) {
            return api('GET', at);
          }
          throw e;
        });
        // a big file runs as a job: show processed / total until it is done
        while (job && (job.state === 'RUNNING' || job.state === 'QUEUED')) {
          form.querySelector('.form-status').replaceChildren(h('p', { role: 'status' }, t('import.progress', { processed: formatNumber(job.processed ?? 0), total: job.total == null ? '?' : formatNumber(job.total) })));
          await new Promise((r) => setTimeout(r, 1000));
          job = await api('GET', '/api/v1/imports/' + encodeURIComponent(job.id));
        }
        clearProblem(form); // "Choose a file" of an earlier try, too
        lastImport = { country, account: ui.me?.id, dry, job };
        showReport(lastImport);
        result.focus();
      } catch (e) {
        showProblem(form, e.status === 404 && !e.problem?.detail ? new ApiError(404, { title: t('import.unavailable') }) : e);
      }
    });
  });
  return [h('h2', {}, t('tab.import')), form, result];
}

/** An import job: its state and figures, then every row with a problem, the errors in words. */
function importView(job) {
  const report = job?.report || {};
  const out = h('div', {}, h('p', { class: job?.state === 'REFUSED' || job?.state === 'FAILED' ? 'error' : 'notice', role: 'status' }, t('import.state.' + (job?.state || 'DONE'))));
  const figures = h('ul', { class: 'figures' });
  for (const k of ['total', 'valid', 'invalid', 'duplicates', 'created', 'updated', 'unchanged', 'written']) {
    // what rows would do is said when some do it: "0 changed" on a file of new schools says nothing
    const optional = k === 'created' || k === 'updated' || k === 'unchanged';
    if (typeof report[k] === 'number' && !(optional && report[k] === 0)) figures.append(h('li', {}, h('strong', {}, formatNumber(report[k])), ' ', plural('import.' + k, report[k])));
  }
  out.append(figures);
  if (job?.problem) out.append(problemView(new ApiError(400, job.problem)));
  // rows with a problem, and the updates of known schools with what each changes
  const rows = (report.rows || []).filter((r) => (r.errors || []).length || (r.duplicateOf || []).length || r.duplicateOfLine
    || (r.action === 'UPDATE' && (r.changed || []).length));
  const dryLabel = (j) => (j?.report?.dryRun ? 'import.dryReport' : 'import.report');
  // a field as the file's header names it ("Numéro UAI"); in words when the header is its API key (nationalId)
  const headers = job?.columns?.headers || {};
  const plain = (x) => String(x).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const columnName = (f) => (headers[f] && plain(headers[f]) !== plain(f) ? headers[f] : fieldName(f));
  if (rows.length) {
    const updates = rows.some((r) => (r.changed || []).length && !(r.errors || []).length);
    const head = h('tr', {}, ...['import.line', 'field.name', 'import.errors', 'import.duplicateOf', ...(updates ? ['import.changes'] : [])]
      .map((k) => h('th', { scope: 'col' }, t(k))));
    const body = rows.slice(0, 500).map((r) => {
      const errors = h('ul', { class: 'plain' }, ...(r.errors || []).map((e) => h('li', {}, columnName(e.field) + colon() + e.message)));
      const twins = [...(r.duplicateOf || []).map((id) => h('a', { href: '/schools/' + id }, '#' + id)), r.duplicateOfLine ? t('import.line') + ' ' + r.duplicateOfLine : null]
        .filter(Boolean).flatMap((x, i) => (i ? [', ', x] : [x]));
      // what a refused row would change is not said: it changes nothing
      const changes = updates ? [h('td', {}, (r.action === 'UPDATE' && !(r.errors || []).length ? r.changed || [] : []).map(columnName).join(', '))] : [];
      return h('tr', {}, h('td', {}, String(r.line)), h('td', {}, r.name || ''), h('td', {}, errors), h('td', {}, ...twins), ...changes);
    });
    // a table wider than a phone scrolls in its box, which a keyboard reaches too
    out.append(h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t(dryLabel(job)) },
      h('table', {}, h('thead', {}, head), h('tbody', {}, ...body))));
    if (rows.length > 500 || report.truncated) out.append(h('p', { class: 'meta' }, t('import.firstRows', { n: formatNumber(Math.min(500, rows.length)), total: formatNumber((report.invalid || 0) + (report.duplicates || 0) + (report.updated || 0)) })));
  }
  return out;
}

/** The roles this person may give by invitation, and what each needs (a school, a unit, a campaign). */
function invitableRoles() {
  const roles = [['SCHOOL_FOCAL_POINT', 'school'], ['SCHOOL_STAFF', 'school']];
  if (hasRole('HQ_OFFICER')) roles.push(['NATIONAL_COORDINATOR', 'country'], ['SUBNATIONAL_COORDINATOR', 'unit'], ['CAMPAIGN_COORDINATOR', 'campaign']);
  if (hasRole('PLATFORM_ADMIN')) roles.push(['HQ_OFFICER', 'global'], ['PLATFORM_ADMIN', 'global']);
  return roles;
}

async function ncInvitations(country) {
  const roles = invitableRoles();
  const profile = await loadProfile(country).catch(() => null);
  const schoolPick = field(t('invite.school'), 'school', { required: true, type: 'search', help: t('invite.schoolHelp') });
  const schoolInput = schoolPick.querySelector('input');
  const datalistId = 'invite-schools';
  schoolInput.setAttribute('list', datalistId);
  schoolInput.setAttribute('autocomplete', 'off');
  const datalist = h('datalist', { id: datalistId });
  const found = new Map(); // "name, city (#id)" -> id
  let lookup = 0;
  schoolInput.addEventListener('input', async () => {
    const q = schoolInput.value.trim();
    if (q.length < 2 || found.has(q)) return;
    const seq = ++lookup;
    try {
      const page = await api('GET', `/api/v1/schools?country=${country}&q=${encodeURIComponent(q)}&sort=NAME&limit=20`);
      if (seq !== lookup) return;
      datalist.replaceChildren(...page.items.map((s) => {
        const label = `${s.name}${s.city ? ', ' + s.city : ''} (#${s.id})`;
        found.set(label, s.id);
        return h('option', { value: label });
      }));
    } catch (e) {
      // the search helps; the id can still be typed
    }
  });
  const unitPick = (profile?.units || []).length
    ? markProfileTexts(field(t('field.unit'), 'unit', { required: true, empty: '', options: profile.units.map((u) => [u.code, u.name]) }))
    : field(t('field.unit'), 'unit', { required: true });
  // HQ picks the campaign by its title (the number where the list cannot be read)
  const campaigns = roles.some(([r]) => r === 'CAMPAIGN_COORDINATOR') ? await apiAll('/api/v1/campaigns', 1000).catch(() => null) : null;
  const campaignPick = campaigns?.length
    ? field(t('invite.campaignPick'), 'campaign', { required: true, empty: '', options: campaigns.map((c) => [String(c.id), (localized(c.title || c.name) || '#' + c.id) + (c.country ? ' (' + countryName(c.country) + ')' : '')]) })
    : field(t('invite.campaign'), 'campaign', { required: true, type: 'number', min: 1 });
  const rolePick = field(t('invite.role'), 'role', { options: roles.map(([r]) => [r, t('role.' + r)]) });
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('handover.email'), 'email', { type: 'email', required: true, autocomplete: 'off' }), rolePick, schoolPick, datalist, unitPick, campaignPick,
    h('button', { type: 'submit' }, t('invite.submit')));
  const needs = () => roles.find(([r]) => r === form.elements.role.value)?.[1];
  const adapt = () => {
    const n = needs();
    schoolPick.hidden = n !== 'school';
    unitPick.hidden = n !== 'unit';
    campaignPick.hidden = n !== 'campaign';
  };
  form.elements.role.addEventListener('change', adapt);
  adapt();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(form));
    const n = needs();
    const body = { email: d.email, role: d.role };
    if (n === 'school') {
      const typed = (d.school || '').trim();
      // a number as the API writes ids: "#0042" is school 42 (the API refuses a leading zero)
      const id = found.get(typed) ?? (/^#?\d+$/.test(typed) ? typed.replace('#', '').replace(/^0+(?=\d)/, '') : (typed.match(/\(#(\d+)\)$/)?.[1] ?? typed));
      body.school = String(id); // the API reads ids in invitations as text
    }
    if (n === 'country' || n === 'unit') body.country = country;
    if (n === 'unit') body.unit = d.unit;
    if (n === 'campaign') body.campaign = d.campaign || null;
    // once: a second click on a slow connection would make a second valid link
    await whileBusy(form.querySelector('button[type=submit]'), async () => {
      try {
        const r = await api('POST', '/api/v1/invitations', body);
        clearProblem(form); // an earlier refusal's marks go
        form.querySelector('.form-status').replaceChildren(handedOver(r, t('handover.done')));
        announce(r.delivery === 'email' ? t('mail.sent', { email: r.sentTo, until: formatDate(r.expiresAt) }) : t('handover.done'));
      } catch (e) {
        showProblem(form, e);
      }
    });
  });
  // a forgotten password: HQ, administrators and NCs (for their schools' staff) make reset links
  const resets = makesResets() ? resetView() : [h('h3', {}, t('resetLink.title')), h('p', { id: 'reset-by-hq' }, t('resetLink.byHq'))];
  return [h('h2', {}, t('tab.invitations')), h('p', {}, t(hasRole('HQ_OFFICER') ? 'invite.leadHq' : 'invite.lead')), form, ...resets];
}

/**
 * Whether this person may make password reset links (POST /api/v1/password-resets: HQ,
 * administrators, and National Coordinators for the staff of their country's schools).
 */
function makesResets() {
  return hasRole('HQ_OFFICER') || hasRole('PLATFORM_ADMIN') || hasRole('NATIONAL_COORDINATOR');
}

/**
 * "Reset a password": a one-time link for someone who forgot theirs, emailed to them (or, on a
 * platform that sends no email, given to this person to pass on). A refusal about the account is said on the email field, in words.
 */
function resetView() {
  const result = h('div', { id: 'reset-result', tabindex: '-1' });
  const form = h('form', { novalidate: true, id: 'reset-form' }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.email'), 'email', { type: 'email', required: true, autocomplete: 'off', id: 'reset-email', help: t('resetLink.help') }),
    h('button', { type: 'submit', id: 'reset-submit' }, t('resetLink.submit')));
  const send = form.querySelector('button[type=submit]');
  const onEmail = (status, words, problem = {}) => showProblem(form, new ApiError(status, { ...problem, detail: null, errors: [{ field: 'email', message: words }] }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const email = form.elements.email.value.trim();
    result.replaceChildren();
    if (!email) {
      onEmail(400, t('resetLink.noEmail'));
      return;
    }
    await whileBusy(send, async () => {
      try {
        const r = await api('POST', '/api/v1/password-resets', { email });
        clearProblem(form);
        result.replaceChildren(handedOver(r, t('resetLink.done', { email, until: formatDate(r.expiresAt) })));
        result.focus();
      } catch (e) {
        // the API's words are for developers ("No account has this email"): the UI's, on the field
        const words = { 403: t('resetLink.403'), 404: t('resetLink.404') }[e.status];
        if (words) onEmail(e.status, words, e.problem);
        else showProblem(form, e);
      }
    });
  });
  return [h('h3', {}, t('resetLink.title')), h('p', {}, t('resetLink.lead')), form, result];
}

/** The country's partnerships (partnerships.js, loaded when the tab opens): read-only for an NC, HQ may end one. */
async function ncPartnerships(country) {
  const { partnershipsTab } = await import('./partnerships.js');
  return partnershipsTab({ country, base: '/console/nc', hidden: { tab: 'partnerships', country } });
}

/** Every country's partnerships, or one country's; HQ may end an accepted one. */
async function hqPartnerships() {
  const { partnershipsTab } = await import('./partnerships.js');
  const country = (new URLSearchParams(location.search).get('country') || '').toUpperCase();
  return partnershipsTab({ country: /^[A-Z]{2}$/.test(country) ? country : '', base: '/console/hq', hidden: { tab: 'partnerships' }, countryFilter: true });
}

async function ncCampaigns(country) {
  return campaignsView(country);
}

/** Campaigns (of one country, or all for HQ) and the form to start one. */
async function campaignsView(country) {
  const view = [h('h2', {}, t('tab.projects'))];
  let items;
  // the modules: their names in the list, and the form's choice
  const modulesAsked = campaignModules();
  try {
    // the country's name is in the form's heading
    [items] = await Promise.all([apiAll('/api/v1/campaigns' + (country ? '?country=' + country : ''), 1000), countries()]);
  } catch (e) {
    view.push(e.status === 404 && !e.problem?.detail ? h('p', { class: 'notice', role: 'status' }, t('campaigns.unavailable')) : problemView(e));
    return view;
  }
  const modules = await modulesAsked;
  const list = h('ul', { id: 'campaign-list' }, ...items.map((c) => campaignItem(c, country, modules)));
  view.push(items.length ? list : h('p', {}, t('campaigns.none')));
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.name'), 'title', { required: true, maxLength: 200 }),
    field(t('campaign.module'), 'module', { empty: t('campaign.noModule'), options: modules.map((m) => [m.key, m.name || m.key]) }),
    field(t('campaign.description'), 'description', { multiline: true }), h('button', { type: 'submit' }, t('hq.create')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(form));
    // once: a second click on a slow connection would make a second, identical campaign
    await whileBusy(form.querySelector('button[type=submit]'), async () => {
      try {
        const c = await api('POST', '/api/v1/campaigns', { kind: 'CAMPAIGN', module: d.module || null, country: country || null, title: { [ui.lang]: d.title },
          description: d.description ? { [ui.lang]: d.description } : null });
        clearProblem(form);
        form.querySelector('.form-status').replaceChildren(h('p', { class: 'notice', role: 'status' }, t('hq.created'), ' ', c?.id ? h('a', { href: '/campaigns/' + c.id }, d.title) : ''));
        if (c) {
          if (!list.isConnected) view[1].replaceWith(list);
          list.prepend(campaignItem(c, country, modules));
        }
        form.reset();
      } catch (e) {
        showProblem(form, e);
      }
    });
  });
  view.push(h('h3', {}, t(country ? 'nc.newCampaign' : 'hq.newCampaign', { country: countryName(country) })), form);
  return view;
}

/** A campaign of the list, with its moderation queue (for the console's country, if any). */
function campaignItem(c, country, modules = []) {
  const queue = '/campaigns/' + encodeURIComponent(c.id) + '/moderation' + (country ? '?country=' + encodeURIComponent(country) : '');
  return h('li', {}, h('a', { href: '/campaigns/' + c.id, lang: langOf(c.title || c.name) }, localized(c.title || c.name) || c.id), c.module ? ' (' + moduleName(modules, c.module) + ')' : '',
    ' · ', h('a', { href: queue }, t('moderation.open'), h('span', { class: 'visually-hidden' }, colon() + (localized(c.title || c.name) || c.id))));
}

// ---------- the roles a coordinator looks after ----------

/** The roles whose holders a console lists: those this person could give (an NC console's: a country's, none of HQ's own). */
function peopleRoles(country) {
  return invitableRoles().map(([r]) => r).filter((r) => !country || (r !== 'HQ_OFFICER' && r !== 'PLATFORM_ADMIN'));
}

/**
 * What the People tab's rows name by number, read once per view: a school's name, a unit's (its
 * country's profile), a campaign's title. A read that fails leaves the number.
 */
function peopleNames() {
  const { once, get } = readsOnce();
  const prepare = (items) => Promise.all(items.map((r) => {
    if (r.school) return once('school:' + r.school, () => api('GET', '/api/v1/schools/' + encodeURIComponent(r.school)));
    if (r.campaign) return once('campaign:' + r.campaign, () => api('GET', '/api/v1/campaigns/' + encodeURIComponent(r.campaign)));
    if (r.unit && r.country) return once('profile:' + r.country, () => loadProfile(r.country));
    return null;
  }));
  return { prepare, get };
}

/**
 * What a view reads once by key, however many of its rows name it ('school:7': the API's answer,
 * null when the read failed): `once` starts the read, or gives the one already started; `read`
 * gives a started one's promise; `get` what it gave, once there (for drawing the rows).
 */
function readsOnce() {
  const reads = new Map();
  const known = new Map();
  const once = (key, ask) => {
    if (!reads.has(key)) reads.set(key, ask().catch(() => null).then((v) => { known.set(key, v); return v; }));
    return reads.get(key);
  };
  return { once, read: (key) => reads.get(key), get: (key) => known.get(key) || null };
}

/**
 * Where a role holds: `nodes` for its cell (a school's or campaign's name linked to its page, the
 * country under it), `text` for the sentences that name it; empty for HQ's and administrators' roles.
 */
function roleScope(r, names) {
  const country = r.country ? countryName(r.country) : '';
  if (r.school) {
    const name = names.get('school:' + r.school)?.name || t('people.schoolNumber', { id: r.school });
    return { text: name, nodes: [h('a', { href: '/schools/' + encodeURIComponent(r.school) }, h('bdi', {}, name)), country ? [h('br'), h('span', { class: 'meta' }, country)] : []] };
  }
  if (r.campaign) {
    const c = names.get('campaign:' + r.campaign);
    const title = localized(c?.title || c?.name) || t('people.campaignNumber', { id: r.campaign });
    return { text: title, nodes: [h('a', { href: '/campaigns/' + encodeURIComponent(r.campaign) }, h('bdi', { lang: c ? langOf(c.title || c.name) : null }, title)),
      country ? [h('br'), h('span', { class: 'meta' }, country)] : []] };
  }
  if (r.unit) {
    const unit = (names.get('profile:' + r.country)?.units || []).find((u) => u.code === r.unit)?.name;
    const text = (unit || r.unit) + (country ? ', ' + country : '');
    return { text, nodes: [unit ? profileText(unit) : r.unit, country ? [h('br'), h('span', { class: 'meta' }, country)] : []] };
  }
  if (country) return { text: country, nodes: [country] };
  return { text: '', nodes: [t('people.everywhere')] };
}

// ---------- disabling an account ----------

/** The longest reason the API keeps with a disabled account, in characters as it counts them (an emoji is one). */
const REASON_MAX = 500;

/**
 * Whether this person is offered *Disable* on `account` (as they may reset its password): never their
 * own; an HQ officer's or an administrator's only for a platform administrator. `roles` are the
 * account's, when the page knows them all (the accounts list); the API decides each one anyway.
 */
function mayDisable(account, roles = []) {
  if (!account?.id || account.id === ui.me?.id) return false;
  return hasRole('PLATFORM_ADMIN') || !roles.some((r) => r.role === 'HQ_OFFICER' || r.role === 'PLATFORM_ADMIN');
}

/** "Account disabled", a mark beside the person's name that does not rely on its colour. */
function disabledMark() {
  return h('span', { class: 'tag disabled-mark', 'data-disabled-mark': '' }, t('accounts.disabledMark'));
}

/**
 * *Disable the account* (the reason asked for in the row, one line, with the question in words:
 * the reason's box takes the focus, and *Keep it enabled* puts it back on the button) and, for a
 * disabled one, *Enable the account* (asked once more, *Keep it disabled* focused, so that Enter
 * twice changes nothing). Each sends `PATCH /api/v1/accounts/{id}`; the answer is given to
 * `changed(account)` for the page to draw the account again, and what happened is said in the
 * message under the buttons, which takes the focus. A refusal is said in words: the API's 400 on
 * the reason's box, 404 (beyond this person's reach) and 409 (one's own account, the last
 * administrator) in the message. `account`: {id, email, name, disabled}; `key` makes the ids unique.
 */
function accountSwitch(account, key, changed) {
  const who = account.name || account.email || account.id;
  const row = h('div', { class: 'row-actions' });
  const message = h('div', { class: 'row-message', tabindex: '-1', id: key + '-account-message' });
  const box = h('div', { class: 'account-switch', 'data-account-switch': account.id }, row, message);
  const named = () => h('span', { class: 'visually-hidden' }, colon() + who);
  const disable = h('button', { type: 'button', class: 'secondary', 'data-action': 'disable' }, t('accounts.disable'), named());
  const enable = h('button', { type: 'button', class: 'secondary', 'data-action': 'enable' }, t('accounts.enable'), named());
  /** The button of the account's state; `focus`: back on it. */
  const offer = (focus = false) => {
    const b = account.disabled ? enable : disable;
    row.replaceChildren(b);
    if (focus) b.focus();
  };
  const said = (words, cls = 'notice') => {
    message.replaceChildren(cls === 'notice' ? h('p', { class: 'notice', role: 'status' }, words)
      : h('div', { class: 'error', role: 'alert' }, h('p', {}, words)));
    message.focus();
  };
  /** 404 and 409 in words; anything else (the network, a 403) as the problem says it. */
  const refused = (e) => {
    if (e instanceof ApiError && e.status === 404) return said(t('accounts.notYours', { name: who }), 'error');
    if (e instanceof ApiError && e.status === 409) return said(t(account.id === ui.me?.id ? 'accounts.own' : 'accounts.lastAdmin'), 'error');
    message.replaceChildren(problemView(e));
    message.focus();
    return undefined;
  };
  const done = (answer, words) => {
    Object.assign(account, answer);
    offer();
    changed(answer);
    said(words);
  };
  disable.addEventListener('click', () => {
    const askId = key + '-disable-ask';
    const ask = h('p', { class: 'meta', id: askId, 'data-ask': '' }, t('accounts.askDisable', { name: who }));
    const reasonField = field(t('accounts.reason'), 'reason', { required: true, id: key + '-reason', autocomplete: 'off',
      maxLength: REASON_MAX * 2, help: t('accounts.reasonHelp') });
    const reason = reasonField.querySelector('input');
    // the question is read with the box, before its help
    reason.dataset.help = askId + ' ' + reason.dataset.help;
    reason.setAttribute('aria-describedby', reason.dataset.help);
    const yes = h('button', { type: 'submit', class: 'danger', 'data-confirm': 'disable' }, t('accounts.disableYes'));
    const keep = h('button', { type: 'button', class: 'secondary', 'data-keep-enabled': '' }, t('accounts.keepEnabled'));
    const form = h('form', { novalidate: true, class: 'disable-form', 'data-disable-form': '' }, h('div', { class: 'form-status', tabindex: '-1' }),
      ask, reasonField, h('div', { class: 'row-actions' }, yes, keep));
    keep.addEventListener('click', () => offer(true));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = reason.value.trim();
      // said on the box before anything is sent: required, one line (a box holds one), at most 500
      const wrong = !text ? t('accounts.reasonNeeded') : [...text].length > REASON_MAX ? t('accounts.reasonTooLong', { max: formatNumber(REASON_MAX) }) : null;
      if (wrong) {
        showProblem(form, new ApiError(400, { title: t('error.400'), errors: [{ field: 'reason', message: wrong }] }));
        reason.focus();
        return;
      }
      whileBusy(yes, async () => {
        try {
          done(await api('PATCH', '/api/v1/accounts/' + encodeURIComponent(account.id), { disabled: true, reason: text }),
            t('accounts.disabled', { name: who }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 400) {
            showProblem(form, e); // the reason's message beside it; what was typed stays
            reason.focus();
            return;
          }
          offer();
          refused(e);
        }
      });
    });
    message.replaceChildren();
    row.replaceChildren(form);
    reason.focus();
  });
  enable.addEventListener('click', () => {
    const askId = key + '-enable-ask';
    const ask = h('span', { class: 'meta', id: askId, 'data-ask': '' }, t('accounts.askEnable', { name: who }));
    const yes = h('button', { type: 'button', 'data-confirm': 'enable', 'aria-describedby': askId }, t('accounts.enableYes'));
    const keep = h('button', { type: 'button', class: 'secondary', 'data-keep-disabled': '', 'aria-describedby': askId }, t('accounts.keepDisabled'));
    keep.addEventListener('click', () => offer(true));
    yes.addEventListener('click', () => whileBusy(yes, async () => {
      try {
        done(await api('PATCH', '/api/v1/accounts/' + encodeURIComponent(account.id), { disabled: false }), t('accounts.enabled', { name: who }));
      } catch (e) {
        offer();
        refused(e);
      }
    }));
    message.replaceChildren();
    row.replaceChildren(ask, yes, keep);
    keep.focus();
  });
  offer();
  /** The account as another row's answer has it now: its button again (a question left open there closes). */
  const show = (answer) => {
    Object.assign(account, answer);
    offer();
  };
  return { view: box, show };
}

/** Why and since when an account is disabled, and by whom: "Reason: “…”", "Disabled on 2 Dec 2026 by Ana Pérez". */
function disabledDetails(account) {
  if (!account.disabled) return [];
  const by = account.disabledBy ? account.disabledBy.name || account.disabledBy.id : null;
  const when = account.disabledAt ? formatDate(account.disabledAt) : '';
  return [account.disabledReason ? h('span', { class: 'meta disabled-reason' }, t('accounts.reasonShown') + colon(), h('bdi', {}, quoted(account.disabledReason))) : null,
    when || by ? h('span', { class: 'meta' }, by ? tNodes('accounts.disabledOnBy', { date: when, name: h('bdi', {}, by) }) : t('accounts.disabledOn', { date: when })) : null]
    .filter(Boolean).flatMap((x) => [h('br'), x]);
}

/** A role in words and where it holds, on one line: "School staff: Lycée Victor Hugo, France" (the school linked). */
function roleLine(r, names) {
  const name = translatedOr('role.' + r.role, r.role);
  const country = r.country ? countryName(r.country) : '';
  const and = (x) => (country ? [x, ', ' + country] : [x]);
  let where = [];
  if (r.school) {
    where = and(h('a', { href: '/schools/' + encodeURIComponent(r.school) }, h('bdi', {}, names.get('school:' + r.school)?.name || t('people.schoolNumber', { id: r.school }))));
  } else if (r.campaign) {
    const c = names.get('campaign:' + r.campaign);
    where = and(h('a', { href: '/campaigns/' + encodeURIComponent(r.campaign) },
      h('bdi', { lang: c ? langOf(c.title || c.name) : null }, localized(c?.title || c?.name) || t('people.campaignNumber', { id: r.campaign }))));
  } else if (r.unit) {
    const unit = (names.get('profile:' + r.country)?.units || []).find((u) => u.code === r.unit)?.name;
    where = and(unit ? profileText(unit) : r.unit);
  } else if (country) {
    where = [country];
  }
  return h('li', {}, name, ...(where.length ? [colon(), ...where] : []));
}

/** The address's `status` of HQ's accounts list, as the API filters it. */
const ACCOUNT_STATUSES = { enabled: ['disabled', 'false'], disabled: ['disabled', 'true'], none: ['role', 'none'] };

/**
 * The start of `day` (YYYY-MM-DD, a date box's value) in the reader's own time zone, as the instant
 * the API takes (1 December in Paris: "2025-11-30T23:00:00.000Z"): the day the reader means, in
 * the zone the "Last signed in" times are shown in (the API would read a bare day from its start in
 * UTC). Null for anything else, a day that does not exist (30 February) too.
 */
function dayStartHere(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [year, month, date] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const at = new Date(year, month, date);
  at.setFullYear(year, month, date); // the years before 100 are not 19xx
  return at.getFullYear() === year && at.getMonth() === month && at.getDate() === date ? at.toISOString() : null;
}

/** When an account was last signed in to ("3 Dec 2025, 14:05", in the reader's zone), in a `time` element; null for none. */
function signedInTime(at) {
  return at ? h('time', { datetime: at }, formatDate(at)) : null;
}

/**
 * HQ's *Accounts* tab (HQ and platform administrators): every account (`GET /api/v1/accounts`) in
 * email order, 100 at a time with *Show more*, with a search by name or email (`q`) and a status
 * (all, enabled, disabled, without a role: `status`) and *Not signed in since* (a day, from its
 * start in the reader's zone: `notSignedInSince`; never-used accounts too) kept in the address.
 * Each row: the name and email, the roles in words with where they hold, when the account was made,
 * when it was last signed in to (*Never*), whether it is disabled (why, when, by whom), and
 * *Disable the account* / *Enable the account* (accountSwitch), the row drawn again from the
 * answer. Then *Reset a password*.
 */
async function hqAccounts() {
  const params = new URLSearchParams(location.search);
  const q = (params.get('q') || '').trim().slice(0, 100);
  const status = Object.hasOwn(ACCOUNT_STATUSES, params.get('status') || '') ? params.get('status') : '';
  // a day, as the date box gives it; anything else in the address (30 February too) is left out, as an unknown status is
  const sinceAt = dayStartHere(params.get('notSignedInSince') || '');
  const since = sinceAt ? params.get('notSignedInSince') : '';
  // the API's refusal of a filter is said in .form-status, the form staying (the audit log's alike)
  const form = h('form', { class: 'filters', role: 'search', id: 'accounts-filters' }, h('div', { class: 'form-status', tabindex: '-1' }),
    h('input', { type: 'hidden', name: 'tab', value: 'accounts' }),
    field(t('people.search'), 'q', { type: 'search', value: q, id: 'accounts-q', autocomplete: 'off', maxLength: 100 }),
    field(t('accounts.status'), 'status', { value: status, id: 'accounts-status', options: [['', t('accounts.all')], ['enabled', t('accounts.enabledOnes')],
      ['disabled', t('accounts.disabledOnes')], ['none', t('accounts.withoutRole')]] }),
    field(t('field.notSignedInSince'), 'notSignedInSince', { type: 'date', value: since, id: 'accounts-not-signed-in-since',
      help: t('accounts.notSignedInSinceHelp') }),
    h('button', { type: 'submit', id: 'accounts-search' }, t('dir.searchButton')));
  filtersNavigate(form, '/console/hq', RESULTS);
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (status) query.set(...ACCOUNT_STATUSES[status]);
  if (since) query.set('notSignedInSince', sinceAt);
  const names = peopleNames();
  const tbody = h('tbody', { role: 'rowgroup' });
  let seq = 0;
  const row = (a) => {
    const state = h('td', { role: 'cell', 'data-label': t('accounts.state') + colon() });
    const tr = h('tr', { role: 'row', 'data-account-id': a.id });
    const draw = () => {
      tr.dataset.disabled = String(!!a.disabled);
      state.replaceChildren(a.disabled ? disabledMark() : t('accounts.enabledState'), ...disabledDetails(a));
    };
    draw();
    tr.append(h('td', { role: 'cell' }, a.name ? [h('bdi', {}, a.name), h('br')] : [], h('span', { class: 'meta' }, a.email || a.id)),
      h('td', { role: 'cell', 'data-label': t('accounts.roles') + colon() }, (a.roles || []).length
        ? h('ul', { class: 'plain roles' }, ...a.roles.map((r) => roleLine(r, names))) : h('span', { class: 'meta' }, t('accounts.noRole'))),
      h('td', { role: 'cell', 'data-label': t('accounts.created') + colon() }, a.createdAt ? formatDay(a.createdAt) : '–'),
      h('td', { role: 'cell', 'data-label': t('accounts.lastSignedIn') + colon(), 'data-last-signed-in': '' },
        signedInTime(a.lastSignedInAt) || t('accounts.never')),
      state,
      h('td', { role: 'cell' }, mayDisable(a, a.roles || []) ? accountSwitch(a, 'accounts-' + ++seq, (answer) => {
        Object.assign(a, answer);
        draw();
      }).view : null));
    return tr;
  };
  const paged = pagedList('/api/v1/accounts' + (query.toString() ? '?' + query : ''), async (items) => {
    await Promise.all([countries(), names.prepare(items.flatMap((a) => a.roles || []))]);
    tbody.append(...items.map(row));
  }, 'accounts.count');
  const failed = await paged.load().then(() => null, (e) => e);
  const view = [h('h2', {}, t('tab.accounts')), h('p', { id: 'accounts-lead' }, t('accounts.lead')), form];
  const resets = resetView();
  if (failed) {
    // a filter the API refuses is said on the form, which stays; another refusal below it
    if (failed instanceof ApiError && failed.status === 400) showProblem(form, failed);
    else view.push(problemView(failed));
    return [...view, ...resets];
  }
  if (!tbody.children.length && paged.more.hidden) {
    return [...view, h('p', { id: 'accounts-none', role: 'status', tabindex: '-1', 'data-results': '' }, t(q || status || since ? 'accounts.none' : 'accounts.empty')), ...resets];
  }
  paged.count.dataset.results = '';
  paged.count.id = 'accounts-count';
  paged.more.id = 'accounts-more';
  const th = (key) => h('th', { scope: 'col', role: 'columnheader' }, t(key));
  // on a phone each account is a card, as the People tab's roles are (style.css)
  return [...view, paged.count, h('div', { class: 'table-wrap' }, h('table', { class: 'decisions people accounts', role: 'table', id: 'accounts-table' },
    h('caption', { class: 'visually-hidden' }, t('tab.accounts')),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, th('people.person'), th('accounts.roles'), th('accounts.created'), th('accounts.lastSignedIn'), th('accounts.state'),
      th('console.actions'))),
    tbody)), paged.more, ...resets];
}

/**
 * "People": the roles this person looks after (GET /api/v1/roles: those they could give by
 * invitation; HQ the coordinators and every school's people, an NC the focal points and staff of
 * their country's schools), 100 at a time in the server's order, with a search by name or email and
 * a role filter (HQ also a country). Each row's *Take this role away* is asked once more in words
 * (*Keep the role* focused, so that Enter twice takes nothing away), then said in a status that
 * takes the focus; a role gone meanwhile (404) is said so and its row goes too. `country`: the NC
 * console's; null in HQ's console.
 */
async function peopleView(base, country) {
  const params = new URLSearchParams(location.search);
  const roles = peopleRoles(country);
  const role = roles.includes(params.get('role')) ? params.get('role') : '';
  const q = (params.get('q') || '').trim().slice(0, 100);
  const picked = !country && /^[A-Za-z]{2}$/.test(params.get('country') || '') ? params.get('country').toUpperCase() : '';
  const list = await countries(); // the names of the rows and of HQ's country filter
  const form = h('form', { class: 'filters', role: 'search', id: 'people-filters' }, h('input', { type: 'hidden', name: 'tab', value: 'people' }),
    country ? h('input', { type: 'hidden', name: 'country', value: country })
      : field(t('field.country'), 'country', { value: picked, empty: t('hq.allCountries'), id: 'people-country',
        options: list.map((c) => [c.iso2, countryName(c.iso2)]).sort((a, b) => a[1].localeCompare(b[1], ui.lang)) }),
    field(t('people.search'), 'q', { type: 'search', value: q, id: 'people-q', autocomplete: 'off', maxLength: 100 }),
    field(t('people.role'), 'role', { value: role, empty: t('dir.any'), id: 'people-role', options: roles.map((r) => [r, t('role.' + r)]) }),
    h('button', { type: 'submit', id: 'people-search' }, t('dir.searchButton')));
  filtersNavigate(form, base, RESULTS);
  const hq = hasRole('HQ_OFFICER');
  const lead = h('p', { id: 'people-lead' }, [country ? t(hq ? 'people.leadCountryHq' : 'people.leadNc', { country: countryName(country) }) : hq ? t('people.leadHq') : null,
    !country && hasRole('PLATFORM_ADMIN') ? t('people.leadAdmin') : null, t('people.leadKeep'), t('people.leadDisable')].filter(Boolean).join(' '));
  const query = new URLSearchParams();
  if (country || picked) query.set('country', country || picked);
  if (role) query.set('role', role);
  if (q) query.set('q', q);
  const names = peopleNames();
  const result = h('div', { id: 'people-result', tabindex: '-1' });
  const tbody = h('tbody', { role: 'rowgroup' });
  let paged = null;
  /** The rows of each account (a person may hold several roles), drawn again together from an answer. */
  const rowsOf = new Map();
  /**
   * A role's row: who holds it (when they last signed in, where the API says it: to those who look
   * after the account; whether it is disabled), the role in words, where, since when, *Take this
   * role away* and *Disable the account* (or *Enable the account*).
   */
  const row = (r) => {
    const scope = roleScope(r, names);
    const who = r.account?.name || r.account?.email || r.account?.id || '';
    const roleName = t('role.' + r.role) === 'role.' + r.role ? r.role : t('role.' + r.role);
    const message = h('div', { class: 'row-message', tabindex: '-1', id: 'people-' + r.id + '-message' });
    const buttons = h('div', { class: 'row-actions' });
    // the person and the role are read with the button ("Take this role away: Ana Pérez, School staff")
    const start = h('button', { type: 'button', class: 'secondary', 'data-action': 'revoke' }, t('people.revoke'),
      h('span', { class: 'visually-hidden' }, colon() + who + ', ' + roleName));
    const offer = () => buttons.replaceChildren(start);
    const held = roleName + (scope.text ? ', ' + scope.text : ''); // "School staff, Lycée Victor Hugo"
    const since = r.grantedAt && !r.grantedAt.startsWith('1970-01-01') ? formatDate(r.grantedAt) : '–';
    const account = { ...r.account };
    const state = h('span', { class: 'account-state' });
    const tr = h('tr', { role: 'row', 'data-role-id': r.id, 'data-role': r.role, 'data-account-id': account.id || null },
      h('td', { role: 'cell' }, r.account?.name ? [h('bdi', {}, r.account.name), h('br')] : [], h('span', { class: 'meta' }, r.account?.email || ''),
        r.account?.lastSignedInAt ? [h('br'), h('span', { class: 'meta', 'data-last-signed-in': '' },
          tNodes('people.lastSignedIn', { date: signedInTime(r.account.lastSignedInAt) }))] : [], state),
      h('td', { role: 'cell', 'data-label': t('people.role') + colon() }, roleName),
      h('td', { role: 'cell', 'data-label': t('people.scope') + colon() }, ...scope.nodes),
      h('td', { role: 'cell', 'data-label': t('people.since') + colon() }, since),
      h('td', { role: 'cell' }, buttons, message));
    /** The account's state beside its name: marked when disabled, with why, when and by whom once an answer says it. */
    const drawState = () => {
      tr.dataset.disabled = String(!!account.disabled);
      state.replaceChildren(...(account.disabled ? [h('br'), disabledMark(), ...disabledDetails(account)] : []));
    };
    drawState();
    if (account.id && mayDisable(account, [r])) {
      const entry = { drawState, account };
      entry.switcher = accountSwitch(account, 'people-' + r.id, (answer) => {
        for (const other of rowsOf.get(account.id) || []) {
          Object.assign(other.account, answer);
          other.drawState();
          if (other !== entry) other.switcher.show(answer);
        }
      });
      tr.lastElementChild.append(entry.switcher.view);
      if (!rowsOf.has(account.id)) rowsOf.set(account.id, []);
      rowsOf.get(account.id).push(entry);
    }
    /** The row goes (taken away, or gone meanwhile), and what happened is said where the focus goes. */
    const gone = (words) => {
      tr.remove();
      paged.dropped();
      result.replaceChildren(h('p', { class: 'notice', role: 'status' }, words));
      result.focus();
    };
    const takeAway = (yes) => whileBusy(yes, async () => {
      try {
        await api('DELETE', '/api/v1/roles/' + encodeURIComponent(r.id));
        gone(t('people.revoked', { name: who, role: held }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          gone(t('people.gone', { name: who, role: held }));
          return;
        }
        offer();
        message.replaceChildren(e instanceof ApiError && e.status === 409
          ? h('div', { class: 'error', role: 'alert' }, h('p', {}, t('people.lastAdmin')))
          : problemView(e));
        message.focus();
      }
    });
    start.addEventListener('click', () => {
      const askId = 'people-' + r.id + '-ask';
      const askKey = 'people.ask.' + r.role;
      const ask = h('span', { class: 'meta', id: askId, 'data-ask': '' },
        t(t(askKey) === askKey ? 'people.ask' : askKey, { name: who, role: roleName, scope: scope.text }));
      const yes = h('button', { type: 'button', class: 'danger', 'data-confirm': 'revoke', 'aria-describedby': askId }, t('people.revokeYes'));
      const keep = h('button', { type: 'button', class: 'secondary', 'data-keep-it': '', 'aria-describedby': askId }, t('people.keep'));
      keep.addEventListener('click', () => {
        offer();
        start.focus();
      });
      yes.addEventListener('click', () => takeAway(yes));
      message.replaceChildren();
      buttons.replaceChildren(ask, yes, keep);
      keep.focus();
    });
    offer();
    return tr;
  };
  paged = pagedList('/api/v1/roles' + (query.toString() ? '?' + query : ''), async (items) => {
    await names.prepare(items);
    tbody.append(...items.map(row));
  }, 'people.roles');
  const failed = await paged.load().then(() => null, (e) => e);
  const view = [h('h2', {}, t('tab.people')), lead, form];
  if (failed) {
    // a filter the API refuses is said on the form, which stays; another refusal below it
    if (failed instanceof ApiError && failed.status === 400) showProblem(form, failed);
    else view.push(problemView(failed));
    return view;
  }
  if (!tbody.children.length && paged.more.hidden) {
    return [...view, h('p', { id: 'people-none', role: 'status', tabindex: '-1', 'data-results': '' }, t(q || role || picked ? 'people.none' : 'people.empty'))];
  }
  paged.count.dataset.results = '';
  paged.count.id = 'people-count';
  paged.more.id = 'people-more';
  const th = (key) => h('th', { scope: 'col', role: 'columnheader' }, t(key));
  // on a phone each role is a card, as the decision tables' rows are (style.css)
  return [...view, result, paged.count, h('div', { class: 'table-wrap' }, h('table', { class: 'decisions people', role: 'table', id: 'people-table' },
    h('caption', { class: 'visually-hidden' }, t('tab.people')),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, th('people.person'), th('people.role'), th('people.scope'), th('people.since'), th('console.actions'))),
    tbody)), paged.more];
}

// ---------- webhooks: another system told of a country's membership moves ----------

/** The events a webhook may ask for (docs/webhooks.md), in the form's order. */
const WEBHOOK_EVENTS = ['membership.status', 'school.moved', 'partnership.status'];

/** Whether the webhooks plugin answers (its list is not a 404), asked once per page load; see webhooksInstalled. */
let webhooksAsked = null;

/**
 * Whether to offer the Webhooks tab: its API answers something other than 404 (the plugin's jar
 * removed, nothing serves `/api/v1/webhooks`). Asked once per page load, with a plain request: a
 * session that ended meanwhile is then said by the tab's own request (api()), as on any tab, and
 * a failure to ask offers the tab, which says what it finds.
 */
function webhooksInstalled() {
  webhooksAsked ??= fetch('/api/v1/webhooks', { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': ui.lang } })
    .then((r) => r.status !== 404, () => true);
  return webhooksAsked;
}

/**
 * The secret of the webhook just made, while its page is shown: a language switch draws the tab
 * again and shows it again; any other drawing (another tab, the tab opened again) forgets it.
 */
let secretKept = null;

/** A webhook's events in words ("Membership status changes, Schools moved or renamed"). */
function webhookEvents(events) {
  return (events || []).map((e) => translatedOr('webhooks.event.' + e, e)).join(', ');
}

/** A sentence in a status box, for a row's or the list's message. */
function noticeOf(...words) {
  return h('p', { class: 'notice', role: 'status' }, ...words);
}

/**
 * A delivery's state in words, with its time: waiting to be sent (or tried again at a time, after
 * a failure), delivered at, given up at.
 */
function deliveryState(d) {
  if (d.state === 'DELIVERED') return t('webhooks.state.DELIVERED', { time: formatDate(d.deliveredAt) });
  if (d.state === 'GIVEN_UP') return t('webhooks.state.GIVEN_UP', { time: formatDate(d.givenUpAt) });
  return d.attempts > 0 && d.nextAttemptAt ? t('webhooks.state.retry', { time: formatDate(d.nextAttemptAt) }) : t('webhooks.state.WAITING');
}

/**
 * A webhook's latest deliveries (`GET /api/v1/webhooks/{id}/deliveries`, newest first): when each
 * was queued, its event and state in words, its attempts and the receiver's last answer
 * (lastAnswer); a card per delivery on a phone, as the decision tables' rows.
 */
function deliveriesTable(items, key) {
  const th = (k) => h('th', { scope: 'col', role: 'columnheader' }, t(k));
  const cell = (label, ...content) => h('td', { role: 'cell', 'data-label': label ? t(label) + colon() : null }, ...content);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'decisions deliveries', role: 'table', 'aria-labelledby': key + '-deliveries-title' },
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, th('webhooks.queued'), th('webhooks.eventColumn'), th('webhooks.stateColumn'),
      th('webhooks.attempts'), th('webhooks.lastAnswer'))),
    h('tbody', { role: 'rowgroup' }, ...items.map((d) => h('tr', { role: 'row', 'data-delivery-id': d.id, 'data-state': d.state },
      cell('webhooks.queued', formatDate(d.createdAt)),
      cell('webhooks.eventColumn', translatedOr('webhooks.event.' + d.event, d.event)),
      cell('webhooks.stateColumn', deliveryState(d)),
      cell('webhooks.attempts', formatNumber(d.attempts ?? 0)),
      cell('webhooks.lastAnswer', ...lastAnswer(d)))))));
}

/** The errors of a delivery the platform names by the Java exception (its start), said in words. */
const DELIVERY_ERRORS = [['HttpConnectTimeoutException', 'webhooks.error.connectTimeout'], ['HttpTimeoutException', 'webhooks.error.timeout'],
  ['ConnectException', 'webhooks.error.refused']];

/**
 * A delivery's last answer: the receiver's status in words, and the error (a connection refused or
 * timed out in words, another as the platform wrote it, in English), unless it only says the status
 * again; "–" before any.
 */
function lastAnswer(d) {
  const status = d.lastStatus ? t('webhooks.answered', { status: d.lastStatus }) : null;
  const known = DELIVERY_ERRORS.find(([start]) => String(d.lastError || '').startsWith(start));
  const error = !d.lastError || (d.lastStatus && d.lastError === 'answered ' + d.lastStatus) ? null
    : known ? h('span', { class: 'delivery-error', title: d.lastError }, t(known[1]))
      : h('bdi', { lang: ui.lang === 'en' ? null : 'en', class: 'delivery-error' }, d.lastError);
  const parts = [status, error].filter(Boolean);
  return parts.length ? parts.flatMap((x, i) => (i ? [h('br'), x] : [x])) : ['–'];
}

/**
 * The *Webhooks* tab: the webhooks of `country` (the NC console's), or of every country and each
 * one (HQ's console, `country` null), each with *Send a test*, *Deliveries* and *Remove*; then the
 * form that makes one, whose secret is shown once. Without the plugin (404) the tab says so.
 */
async function webhooksView(country) {
  const heading = h('h2', {}, t('tab.webhooks'));
  let items;
  let list;
  try {
    [items, list] = await Promise.all([api('GET', '/api/v1/webhooks').then((r) => r.items || []), countries()]);
  } catch (e) {
    return [heading, e instanceof ApiError && e.status === 404
      ? h('p', { class: 'notice', role: 'status', id: 'webhooks-unavailable' }, t('webhooks.unavailable')) : problemView(e)];
  }
  // an NC of several countries, or HQ in a country's console: that country's (every country's are HQ's console's)
  if (country) items = items.filter((w) => w.country === country);
  const hq = hasRole('HQ_OFFICER');
  const place = country ? countryName(country) : null;
  const result = h('div', { id: 'webhooks-result', tabindex: '-1' });
  const ul = h('ul', { class: 'webhooks', id: 'webhooks-list' });
  const none = h('p', { id: 'webhooks-none' }, country ? t('webhooks.none', { country: place }) : t('webhooks.noneAll'));
  const counted = () => { none.hidden = ul.children.length > 0; ul.hidden = !ul.children.length; };

  /** One webhook: its address, country, events, description, when it was made, and its actions. */
  const item = (w) => {
    const key = 'webhook-' + w.id;
    const path = '/api/v1/webhooks/' + encodeURIComponent(w.id);
    const named = () => h('span', { class: 'visually-hidden' }, colon() + w.url);
    const ping = h('button', { type: 'button', class: 'secondary', 'data-action': 'ping' }, t('webhooks.ping'), named());
    const toggle = h('button', { type: 'button', class: 'secondary', 'data-action': 'deliveries', 'aria-expanded': 'false', 'aria-controls': key + '-deliveries' },
      t('webhooks.deliveries'), named());
    const remove = h('button', { type: 'button', class: 'secondary', 'data-action': 'remove' }, t('webhooks.remove'), named());
    const buttons = h('div', { class: 'row-actions' });
    const offer = () => buttons.replaceChildren(ping, toggle, remove);
    const message = h('div', { class: 'row-message', tabindex: '-1', id: key + '-message' });
    const panel = h('div', { class: 'webhook-deliveries', id: key + '-deliveries', hidden: true });
    const prop = (label, ...value) => [h('dt', {}, t(label)), h('dd', {}, ...value)];
    const li = h('li', { 'data-webhook-id': w.id },
      h('h3', { class: 'webhook-address' }, h('bdi', {}, w.url)),
      h('dl', { class: 'props' },
        ...prop('field.country', w.country ? countryName(w.country) : t('webhooks.everyCountry')),
        ...prop('webhooks.events', webhookEvents(w.events)),
        ...(w.description ? prop('webhooks.description', h('bdi', {}, w.description)) : []),
        ...prop('webhooks.created', formatDay(w.createdAt),
          // an event goes out only while the account that made it still looks after the country
          w.ownerId && ui.me?.id && w.ownerId !== ui.me.id ? [h('br'), h('span', { class: 'meta' }, t('webhooks.otherOwner'))] : [])),
      buttons, message, panel);
    /** The webhook went (removed here, or meanwhile): its card goes, and what happened is said above the list, which takes the focus. */
    const gone = (words) => {
      li.remove();
      counted();
      result.replaceChildren(noticeOf(words));
      result.focus();
    };
    let reading = 0;
    /** The deliveries read (again) into the panel; the focus, if it was in the panel, stays on its button. */
    const loadDeliveries = async () => {
      const mine = ++reading;
      const again = h('button', { type: 'button', class: 'secondary', 'data-action': 'reload-deliveries' }, t('webhooks.readAgain'), named());
      again.addEventListener('click', () => whileBusy(again, loadDeliveries));
      const title = h('h4', { id: key + '-deliveries-title' }, t('webhooks.deliveriesTitle'));
      let body;
      let lines = null;
      try {
        lines = (await api('GET', path + '/deliveries')).items || [];
        body = lines.length ? deliveriesTable(lines, key) : h('p', { class: 'meta' }, t('webhooks.noDeliveries'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          gone(t('webhooks.gone', { url: w.url }));
          return null;
        }
        body = problemView(e);
      }
      if (mine !== reading) return lines; // a later reading draws the panel
      const focused = panel.contains(document.activeElement);
      panel.replaceChildren(title, body, h('p', {}, again));
      if (focused) again.focus();
      return lines;
    };
    const show = (open) => {
      toggle.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
    };
    toggle.addEventListener('click', () => whileBusy(toggle, async () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      show(open);
      if (open) {
        panel.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('app.loading')));
        await loadDeliveries();
      }
    }));
    ping.addEventListener('click', () => whileBusy(ping, async () => {
      let queued;
      try {
        queued = await api('POST', path + '/ping');
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          gone(t('webhooks.gone', { url: w.url }));
          return;
        }
        message.replaceChildren(problemView(e));
        message.focus();
        return;
      }
      message.replaceChildren(noticeOf(t('webhooks.pinged')));
      show(true);
      await loadDeliveries();
      message.focus();
      followTest(queued?.deliveryId);
    }));
    /**
     * The platform posts a test within a second or so, and a receiver has up to 15 s to answer: the
     * deliveries are read again a few times while it waits untried (the panel open), then left to
     * *Read the deliveries again*.
     */
    const followTest = async (deliveryId) => {
      for (const wait of [2000, 5000, 10000]) {
        await new Promise((r) => setTimeout(r, wait));
        if (!li.isConnected || panel.hidden) return;
        const lines = await loadDeliveries();
        const test = (lines || []).find((d) => String(d.id) === String(deliveryId));
        if (!test || test.state !== 'WAITING' || test.attempts > 0) return;
      }
    };
    remove.addEventListener('click', () => {
      const askId = key + '-ask';
      const ask = h('span', { class: 'meta', id: askId, 'data-ask': '' }, ...tNodes('webhooks.ask', { url: h('bdi', {}, w.url) }));
      const yes = h('button', { type: 'button', class: 'danger', 'data-confirm': 'remove', 'aria-describedby': askId }, t('webhooks.removeYes'));
      const keep = h('button', { type: 'button', class: 'secondary', 'data-keep-it': '', 'aria-describedby': askId }, t('webhooks.keep'));
      keep.addEventListener('click', () => {
        offer();
        remove.focus();
      });
      yes.addEventListener('click', () => whileBusy(yes, async () => {
        try {
          await api('DELETE', path);
          gone(t('webhooks.removed', { url: w.url }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) {
            gone(t('webhooks.gone', { url: w.url }));
            return;
          }
          offer();
          message.replaceChildren(problemView(e));
          message.focus();
        }
      }));
      message.replaceChildren();
      buttons.replaceChildren(ask, yes, keep);
      keep.focus();
    });
    offer();
    return li;
  };
  ul.append(...items.map(item));
  counted();

  // the form: the address, the events (both by default), a description; HQ also picks the country, or every country
  const made = h('div', { id: 'webhook-made', tabindex: '-1' });
  const submit = h('button', { type: 'submit', id: 'webhook-submit' }, t('webhooks.submit'));
  const events = checks(t('webhooks.eventsLegend'), 'events', WEBHOOK_EVENTS.map((e) => [e, t('webhooks.pick.' + e)]), WEBHOOK_EVENTS);
  events.id = 'webhook-events';
  const form = h('form', { novalidate: true, id: 'webhook-form' }, h('div', { class: 'form-status', tabindex: '-1' }),
    country ? null : field(t('webhooks.countryPick'), 'country', { id: 'webhook-country', value: '', empty: t('webhooks.everyCountry'),
      options: list.map((c) => [c.iso2, countryName(c.iso2)]).sort((a, b) => a[1].localeCompare(b[1], ui.lang)) }),
    field(t('webhooks.url'), 'url', { type: 'url', required: true, id: 'webhook-url', autocomplete: 'off', inputmode: 'url', maxLength: 2000,
      help: t('webhooks.urlHelp') }),
    events,
    field(t('webhooks.description'), 'description', { id: 'webhook-description', autocomplete: 'off', maxLength: 400, help: t('webhooks.descriptionHelp') }),
    submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const url = form.elements.url.value.trim();
    const picked = [...form.querySelectorAll('input[name=events]:checked')].map((x) => x.value);
    const description = form.elements.description.value.trim();
    // said beside their fields before anything is sent: an empty address, no event (the API would take both)
    const wrong = [!url ? { field: 'url', message: t('webhooks.urlNeeded') } : null,
      !picked.length ? { field: 'events', message: t('webhooks.eventsNeeded') } : null].filter(Boolean);
    if (wrong.length) {
      showProblem(form, new ApiError(400, { title: t('error.400'), errors: wrong }));
      (url ? form.querySelector('input[name=events]') : form.elements.url).focus();
      return;
    }
    made.replaceChildren();
    whileBusy(submit, async () => {
      try {
        const w = await api('POST', '/api/v1/webhooks', { url, country: country || form.elements.country.value || null, events: picked,
          description: description || null });
        clearProblem(form);
        form.elements.url.value = '';
        form.elements.description.value = '';
        form.querySelectorAll('input[name=events]').forEach((x) => { x.checked = true; });
        const { secret, ...shown } = w;
        secretKept = { secret, webhook: shown, href: location.href, lang: ui.lang, account: ui.me?.id };
        made.replaceChildren(secretView(shown, secret));
        ul.append(item(shown));
        counted();
        made.focus();
      } catch (e) {
        showProblem(form, e); // each field's message beside it; what was typed stays
      }
    });
  });

  const kept = secretKept && secretKept.href === location.href && secretKept.lang !== ui.lang && secretKept.account === ui.me?.id ? secretKept : null;
  secretKept = kept ? { ...kept, lang: ui.lang } : null;
  if (kept) made.replaceChildren(secretView(kept.webhook, kept.secret));
  const view = [heading, h('p', { id: 'webhooks-lead' }, country ? t('webhooks.leadCountry', { country: place }) : t('webhooks.leadAll')),
    result, ul, none];
  if (country && hq) view.push(h('p', {}, h('a', { href: '/console/hq?tab=webhooks' }, t('webhooks.everyCountryLink'))));
  view.push(h('h3', { id: 'webhook-form-title' }, country ? t('webhooks.newTitle', { country: place }) : t('webhooks.newTitleAll')),
    h('p', {}, t('webhooks.formLead')), form, made);
  return view;
}

/**
 * A webhook just made: said so, and its secret shown this once in a marked box, with *Copy the
 * secret* (selected for Ctrl+C where the browser refuses the clipboard) and the sentence that it
 * will not be shown again.
 */
function secretView(w, secret) {
  const code = h('code', { class: 'link secret', id: 'webhook-secret' }, secret);
  const said = h('span', { class: 'meta', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary', id: 'webhook-copy' }, t('webhooks.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(secret);
      said.textContent = t('webhooks.copied');
    } catch (e) {
      getSelection().selectAllChildren(code);
      said.textContent = t('webhooks.selected');
    }
  });
  return h('div', { class: 'notice secret-box' },
    h('p', { role: 'status' }, ...tNodes('webhooks.made', { url: h('bdi', {}, w.url) })),
    h('p', {}, h('strong', {}, t('webhooks.secretTitle')), ' ', t('webhooks.secretOnce')),
    h('div', { class: 'link-box' }, code, copy, said));
}

// ---------- HQ ----------
export async function hqConsole() {
  if (!ui.me) return signInPrompt(t('hq.title'));
  const names = [];
  if (hasRole('HQ_OFFICER')) names.push('queue', 'dashboard', 'reports', 'projects', 'exports', 'partnerships', 'webhooks', 'audit');
  if (hasRole('HQ_OFFICER') || hasRole('PLATFORM_ADMIN')) names.push('accounts', 'people'); // NCs reset from their Invitations tab, take roles away from their People tab
  if (hasRole('PLATFORM_ADMIN')) names.push('plugins');
  if (!names.length) return [h('h1', {}, t('hq.title')), h('p', { class: 'error', role: 'alert' }, t('hq.notYours')),
    hasRole('NATIONAL_COORDINATOR') || hasRole('SUBNATIONAL_COORDINATOR') ? h('p', {}, h('a', { href: '/console/nc' }, t('nav.nc'))) : null];
  const asked = new URLSearchParams(location.search).get('tab');
  const tab = names.includes(asked) ? asked : names[0];
  const body = { queue: hqQueue, dashboard: statsView, reports: hqReports, projects: () => campaignsView(null), exports: hqExports, partnerships: hqPartnerships, plugins: hqPlugins, audit: hqAudit,
    accounts: hqAccounts, people: () => peopleView('/console/hq', null), webhooks: () => webhooksView(null) }[tab];
  // the tab's content and whether webhooks are installed, at once: without the plugin its tab is not
  // offered (opened by its address, it says so)
  const [content, hooks] = await Promise.all([Promise.resolve().then(body).then((x) => [x].flat().filter(Boolean), (e) => [problemView(e)]),
    names.includes('webhooks') ? webhooksInstalled() : false]);
  const offered = names.filter((n) => n !== 'webhooks' || hooks || n === tab);
  return [h('h1', {}, t('hq.title')), tabs('/console/hq', offered, tab),
    ...content.map((x) => (x.tagName === 'H1' ? h('h2', {}, x.textContent) : x))];
}

async function hqQueue() {
  const view = [h('h2', {}, t('tab.queue')), h('p', {}, t('hq.queueLead'))];
  const actions = () => [
    transitionAction(t('hq.certify'), 'certify', [['RECOMMENDED', 'UNDER_HQ_REVIEW'], ['UNDER_HQ_REVIEW', 'MEMBER']], false),
    transitionAction(t('hq.sendBack'), 'sendback secondary', [['RECOMMENDED', 'UNDER_HQ_REVIEW'], ['UNDER_HQ_REVIEW', 'UNDER_NATIONAL_REVIEW']], true),
  ];
  // both queues and the country names at once (the rows are drawn once the names are there)
  const statuses = ['RECOMMENDED', 'UNDER_HQ_REVIEW'];
  const names = countries();
  const tables = statuses.map((status) => decisionTable(`/api/v1/schools?status=${status}&sort=NEWEST`,
    (s) => (s.status === 'RECOMMENDED' || s.status === 'UNDER_HQ_REVIEW' ? actions() : []), { withCountry: true, before: names, since: true }));
  await Promise.all([names, ...tables.map((table) => table.load())]);
  statuses.forEach((status, i) => view.push(h('h3', i ? {} : { tabindex: '-1', 'data-results': '' }, statusLabel(status)), ...(tables[i].isEmpty() ? [h('p', {}, tables[i].emptyText)] : tables[i].view)));
  return view;
}

/**
 * HQ's roll-up of a year's annual reports: the network's total, each UNESCO region's, and each
 * country's (those with most reports not sent first, the share as well as the count), each country
 * linked to its own list in the NC console, where its schools are reminded.
 */
async function hqReports() {
  const { year, form, refused } = reportYearForm('/console/hq');
  let rollup;
  let list;
  try {
    [rollup, list] = await Promise.all([api('GET', '/api/v1/annual-reports/' + encodeURIComponent(year)), countries()]);
  } catch (e) {
    return refused(e);
  }
  const regionOf = Object.fromEntries(list.map((c) => [c.iso2, c.region]));
  const notSentWord = t(rollup.duePassed ? 'reports.missing' : 'reports.notYet');
  const share = (r) => (r.owed ? r.notSent / r.owed : 0);
  const percent = (r) => (r.owed ? new Intl.NumberFormat(ui.lang, { style: 'percent' }).format(share(r)) : '–');
  const numbers = (r) => [r.owed, r.onTime, r.late, r.notSent].map((n) => h('td', { class: 'num' }, formatNumber(n)));
  const head = (first) => h('thead', {}, h('tr', {}, ...[first, 'reports.owed', 'reports.onTime', 'reports.late'].map((k) => h('th', { scope: 'col' }, t(k))),
    h('th', { scope: 'col' }, notSentWord), h('th', { scope: 'col' }, t('reports.share'))));
  const regions = new Map();
  for (const c of rollup.countries) {
    const key = regionOf[c.country] || '';
    const r = regions.get(key) || { owed: 0, onTime: 0, late: 0, notSent: 0 };
    for (const k of ['owed', 'onTime', 'late', 'notSent']) r[k] += c[k];
    regions.set(key, r);
  }
  const byShare = [...rollup.countries].sort((a, b) => share(b) - share(a) || b.notSent - a.notSent
    || countryName(a.country).localeCompare(countryName(b.country), ui.lang));
  const link = (c) => h('a', { href: `/console/nc?tab=reports&country=${encodeURIComponent(c.country)}&year=${year}` }, countryName(c.country));
  const total = rollup.total;
  return [h('h2', {}, t('tab.reports')), form,
    h('p', { id: 'rollup', tabindex: '-1', 'data-results': '' }, plural('reports.rollup', total.owed, {
      owed: formatNumber(total.owed), year, onTime: formatNumber(total.onTime), late: formatNumber(total.late),
      notSent: formatNumber(total.notSent), due: formatDate(rollup.dueDate) }) + ' ' + t(rollup.duePassed ? 'reports.duePassed' : 'reports.dueAhead')),
    h('h3', { id: 'rollup-regions-title' }, t('reports.byRegion')),
    h('div', { class: 'table-wrap' }, h('table', { id: 'rollup-regions', 'aria-labelledby': 'rollup-regions-title' }, head('field.region'),
      h('tbody', {}, ...[...regions.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([region, r]) =>
        h('tr', {}, h('th', { scope: 'row' }, region ? t('region.' + region) : '–'), ...numbers(r), h('td', { class: 'num' }, percent(r))))))),
    h('h3', { id: 'rollup-countries-title' }, t('reports.byCountry')),
    rollup.countries.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'rollup-countries', 'aria-labelledby': 'rollup-countries-title' },
      head('field.country'), h('tbody', {}, ...byShare.map((c) => h('tr', { 'data-country': c.country }, h('th', { scope: 'row' }, link(c)), ...numbers(c),
        h('td', { class: 'num' }, percent(c)))))))
      : h('p', {}, t('reports.noneOwed'))];
}

async function hqExports() {
  const params = new URLSearchParams(location.search);
  const country = params.get('country') || '';
  const [list, exports] = await Promise.all([countries(), exportLinks(country ? { country } : {})]);
  const form = h('form', { class: 'filters' }, h('input', { type: 'hidden', name: 'tab', value: 'exports' }),
    field(t('field.country'), 'country', { value: country, empty: t('hq.allCountries'), options: list.map((c) => [c.iso2, c.name]) }),
    h('button', { type: 'submit' }, t('console.show')));
  filtersNavigate(form, '/console/hq', RESULTS);
  const heading = exports.querySelector('h3');
  heading.setAttribute('tabindex', '-1');
  heading.dataset.results = '';
  return [h('h2', {}, t('tab.exports')), form, exports];
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

/** t(key), or the raw value when no language has the key (an action or field a plugin added). */
function translatedOr(key, raw) {
  return t(key) === key ? raw : t(key);
}

/** The national profiles read for the audit log's entries, by country and language (null: none). */
const auditProfiles = new Map();

/**
 * What an audit page's entries name by number only, read once per view of the page (a language
 * switch or other filters make a new one): a membership's school (the page's memberships in one
 * request, then each school once), a school's name, a campaign's title in the page's language, an
 * international day's name; an account's email from the entries themselves (its own entry, or
 * one it made). A read that fails leaves the number.
 */
function auditNames() {
  const { once, read, get } = readsOnce();
  const emails = new Map(); // an account's id -> its email, from the entries shown
  const number = (e) => /^\d+$/.test(e.entityId || '');
  /** Reads what `items` name and the view has not read yet, all at once; resolves when they are there. */
  const prepare = async (items) => {
    for (const e of items) if (e.actorId && e.actorEmail) emails.set(e.actorId, e.actorEmail);
    for (const e of items) {
      const email = e.entity === 'account' ? e.after?.email ?? e.before?.email : null;
      if (typeof email === 'string' && e.entityId) emails.set(e.entityId, email);
    }
    const waits = [];
    // the page's memberships in one request (up to 100 ids each), then the schools they belong to
    const memberships = [...new Set(items.filter((e) => e.entity === 'membership' && number(e)).map((e) => e.entityId))]
      .filter((id) => !read('membership:' + id));
    for (let i = 0; i < memberships.length; i += 100) {
      const ids = memberships.slice(i, i + 100);
      const batch = api('GET', '/api/v1/memberships?ids=' + ids.join(','))
        .then((page) => new Map((page.items || []).map((m) => [String(m.id), m])), () => new Map());
      for (const id of ids) once('membership:' + id, () => batch.then((b) => b.get(id) || null));
    }
    for (const id of new Set(items.filter((e) => e.entity === 'membership' && number(e)).map((e) => e.entityId))) {
      waits.push(read('membership:' + id).then((m) => m?.schoolId != null
        && once('school:' + m.schoolId, () => api('GET', '/api/v1/schools/' + m.schoolId))));
    }
    for (const e of items) {
      if (e.entity === 'school' && number(e) && typeof (e.after?.name ?? e.before?.name) !== 'string') {
        waits.push(once('school:' + e.entityId, () => api('GET', '/api/v1/schools/' + e.entityId)));
      } else if (e.entity === 'campaign' && number(e)) {
        waits.push(once('campaign:' + e.entityId, () => api('GET', '/api/v1/campaigns/' + e.entityId)));
      } else if (e.entity === 'international-day' && e.entityId && !(e.after?.names || e.before?.names)) {
        waits.push(once('day:' + e.entityId, () => api('GET', '/api/v1/international-days/' + encodeURIComponent(e.entityId))));
      }
      // an account disabled or enabled: its email, from the account (the entry has its id only)
      if (e.entity === 'account' && e.entityId && /^account\.(disable|enable)$/.test(e.action) && !emails.has(e.entityId)) {
        waits.push(once('account:' + e.entityId, () => api('GET', '/api/v1/accounts/' + encodeURIComponent(e.entityId))));
      }
      // a role taken away: the school it was held for, by its name (its campaign, by its title)
      if (e.action === 'role.revoke' && e.before?.school != null) {
        waits.push(once('school:' + e.before.school, () => api('GET', '/api/v1/schools/' + encodeURIComponent(e.before.school))));
      } else if (e.action === 'role.revoke' && e.before?.campaign != null) {
        waits.push(once('campaign:' + e.before.campaign, () => api('GET', '/api/v1/campaigns/' + encodeURIComponent(e.before.campaign))));
      }
    }
    await Promise.all(waits);
  };
  return { prepare, get, email: (id) => emails.get(id) || get('account:' + id)?.email || null };
}

/**
 * An audit entry's "What": the kind of thing and what names it (a school's name, a membership's
 * school, a campaign's title, an account's email; else its id), linked to its page where it has
 * one, then what the change did: "status: Applied → Under national review" for a scalar, the
 * field's name alone for a longer value; nothing for a creation, whose values are all new; and the
 * comment written with it. `names`: auditNames() of the view, prepared for the entry.
 */
function auditWhat(e, names) {
  const kind = translatedOr('auditEntity.' + e.entity, e.entity || '');
  const id = e.entityId || '';
  const numbered = /^\d+$/.test(id);
  // a name in any script sets its own direction (an Arabic school's name reads right to left): bdi
  const schoolLink = (sid, name) => h('a', { href: '/schools/' + sid }, t('auditEntity.school') + ' ', h('bdi', {}, name));
  let what;
  if (e.entity === 'school' && numbered) {
    // by its name where the entry has it (an edit's before and after), else as the school is now
    const entryName = typeof (e.after?.name ?? e.before?.name) === 'string' ? e.after?.name ?? e.before?.name : null;
    const name = entryName || names.get('school:' + id)?.name;
    what = [name ? h('a', { href: '/schools/' + id }, kind + ' ', h('bdi', {}, name)) : h('a', { href: '/schools/' + id }, `${kind} ${id}`)];
  } else if (e.entity === 'membership') {
    // a membership's entry carries only its number: its school, named and linked
    const m = numbered ? names.get('membership:' + id) : null;
    const school = m?.schoolId != null ? names.get('school:' + m.schoolId) : null;
    what = school?.name ? [`${kind} ${id} · `, schoolLink(m.schoolId, school.name)] : [`${kind} ${id}`.trim()];
  } else if (e.entity === 'campaign' && numbered) {
    const title = names.get('campaign:' + id)?.title || e.after?.title || e.before?.title;
    const text = localized(title);
    what = [h('a', { href: '/campaigns/' + id }, kind + ' ', ...(text ? [h('bdi', { lang: langOf(title) }, text)] : [id]))];
  } else if (e.entity === 'account' && names.email(id)) {
    what = [kind + ' ', h('bdi', {}, names.email(id))];
  } else if (e.entity === 'international-day') {
    const dayNames = e.after?.names || e.before?.names || names.get('day:' + id)?.names;
    const text = localized(dayNames);
    what = text ? [kind + ' ', h('bdi', { lang: langOf(dayNames) }, text)] : [`${kind} ${id}`.trim()];
  } else if (e.entity === 'webhook' && typeof (e.after?.url ?? e.before?.url) === 'string') {
    // a webhook made or removed: its address, then its country (every country's in words) and events
    const w = e.after || e.before;
    const events = Array.isArray(w.events) ? webhookEvents(w.events) : null;
    what = [kind + ' ', h('bdi', { class: 'webhook-address' }, w.url)];
    const more = [Object.hasOwn(w, 'country') && w.country == null ? t('webhooks.everyCountry') : null,
      events ? t('webhooks.events') + colon() + events : null].filter(Boolean);
    if (more.length) what.push(h('br'), h('span', { class: 'meta' }, more.join(' · ')));
    return what;
  } else {
    what = [`${kind} ${id}`.trim()];
  }
  const comment = typeof e.after?.comment === 'string' && e.after.comment.trim() ? e.after.comment.trim() : null;
  const said = comment ? [h('br'), h('span', { class: 'meta audit-comment' }, t('console.comment') + colon(), h('bdi', {}, quoted(comment)))] : [];
  if (e.action === 'role.revoke' && e.before?.role) {
    // the role taken away, in words, and where it held: "Role: School staff · School Lycée X"
    const b = e.before;
    const where = b.school != null ? schoolLink(b.school, names.get('school:' + b.school)?.name || String(b.school))
      : b.campaign != null ? h('a', { href: '/campaigns/' + encodeURIComponent(b.campaign) }, t('auditEntity.campaign') + ' ',
        h('bdi', {}, localized(names.get('campaign:' + b.campaign)?.title) || String(b.campaign)))
        : b.unit ? t('field.unit') + ' ' + b.unit : null;
    what.push(h('br'), h('span', { class: 'meta audit-role' }, t('people.role') + colon() + translatedOr('role.' + b.role, b.role), ...(where ? [' · ', where] : [])));
  }
  if (e.action === 'account.disable' || e.action === 'account.enable') {
    // why it was disabled (an enabling: why it had been), and what the disabling ended, in words
    const reason = e.action === 'account.disable' ? e.after?.reason : e.before?.reason;
    if (typeof reason === 'string' && reason.trim()) {
      what.push(h('br'), h('span', { class: 'meta audit-comment audit-reason' }, t(e.action === 'account.disable' ? 'accounts.reasonShown' : 'audit.wasDisabledFor')
        + colon(), h('bdi', {}, quoted(reason.trim()))));
    }
    const ended = [['sessionsEnded', 'audit.sessionsEnded'], ['apiTokensRevoked', 'audit.tokensRevoked'], ['resetLinksSpent', 'audit.linksSpent']]
      .filter(([k]) => typeof e.after?.[k] === 'number' && e.after[k] > 0).map(([k, base]) => plural(base, e.after[k]));
    if (ended.length) what.push(h('br'), h('span', { class: 'meta' }, ended.join('; ')));
    return what;
  }
  if (!e.before || !e.after) return [...what, ...said];
  const scalar = (v) => v == null || ['string', 'number', 'boolean'].includes(typeof v);
  // a status in words: an activity's and a partnership's have their own
  const status = (v) => (e.entity === 'submission' || e.entity === 'partnership' ? translatedOr(e.entity + '.' + v, v) : statusLabel(v));
  const shown = (k, v) => (v == null || v === '' ? '–' : k === 'status' ? status(v) : String(v));
  // the national fields one by one (fields.secteur), not "fields"; the revision is the ETag's, no one's change
  const flat = (x) => {
    const out = { ...x };
    if (x.fields && typeof x.fields === 'object') {
      delete out.fields;
      for (const [k, v] of Object.entries(x.fields)) out['fields.' + k] = v;
    }
    delete out.revision;
    return out;
  };
  const [before, after] = [flat(e.before), flat(e.after)];
  // a move carries the certificate's number when it issued it; older entries carry it on every move:
  // said only where a move made the school a member without one before
  const issued = (k) => k !== 'certificateNumber' || e.entity !== 'membership' || (before.certificateNumber == null && after.status === 'MEMBER');
  const changes = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => k !== 'comment' && issued(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => {
      // a national field by the profile's label, a choice by its option's (Type d'établissement: École → Collège)
      const def = k.startsWith('fields.') ? (auditProfiles.get(e.country + '|' + ui.lang)?.fields || []).find((f) => f.key === k.slice(7)) : null;
      const name = k.startsWith('fields.') ? localized(def?.label) || k.slice(7) : translatedOr('field.' + k, k);
      const value = (v) => (def && v != null ? localized(def.options?.find((o) => o.value === v)?.label) || shown(k, v) : shown(k, v));
      const [b, a] = [before[k], after[k]];
      return scalar(b) && scalar(a) && String(b ?? '').length + String(a ?? '').length <= 60
        ? `${name}: ${value(b)} → ${value(a)}` : name;
    });
  if (changes.length) {
    what.push(h('br'), h('span', { class: 'meta' }, changes.length > 4 ? changes.slice(0, 4).join('; ') + '; …' : changes.join('; ')));
  }
  return [...what, ...said];
}

/**
 * Who made an audited change, when the entry has no email: the platform itself (the demo data:
 * account id "system") by its name in the page's language, someone not
 * signed in (a password reset asked for on the sign-in page) in words, else the id.
 */
function actorName(id) {
  return id === 'system' ? t('actor.platform') : id || t('actor.anonymous');
}

/** The audit log's filters of the page's address, as the API takes them. */
const AUDIT_FILTERS = ['country', 'action', 'entity', 'entityId', 'actor'];

/** The keys of the UI's strings that start with `prefix`, without it (the actions and kinds it names). */
function keysOf(prefix) {
  return [...new Set([...Object.keys(ui.fallback), ...Object.keys(ui.strings)])].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

async function hqAudit() {
  return auditView('/console/hq', null);
}

/**
 * An audit log, page by page, with its filters: HQ's (`country` null: any country, a filter) or a
 * National Coordinator's (`country`: theirs, what the API gives them) at `base`.
 */
async function auditView(base, country) {
  const params = new URLSearchParams(location.search);
  const tbody = h('tbody', {});
  const names = countries(); // asked for with the first page, needed for its rows and the country filter
  const named = auditNames(); // what the entries name by number, read once in this view
  const row = (e) => h('tr', {}, h('td', {}, formatDate(e.at)),
    h('td', {}, e.actorEmail ? h('a', { href: base + '?tab=audit' + (country ? '&country=' + country : '') + '&actor=' + encodeURIComponent(e.actorEmail) }, e.actorEmail) : actorName(e.actorId)),
    h('td', { title: e.action }, translatedOr('auditAction.' + e.action, e.action)),
    h('td', {}, ...auditWhat(e, named)), h('td', {}, e.country ? countryName(e.country) : ''));
  const q = new URLSearchParams();
  for (const k of AUDIT_FILTERS) if (params.get(k)) q.set(k, params.get(k));
  if (country) q.set('country', country);
  const list = pagedList('/api/v1/audit' + (q.toString() ? '?' + q : ''), async (items) => {
    // the national profiles of the page's entries that change national fields: their labels and options in words
    const countriesWithFields = new Set(items.filter((e) => e.country && (e.before?.fields || e.after?.fields)).map((e) => e.country));
    await Promise.all([names, named.prepare(items), ...[...countriesWithFields].filter((c) => !auditProfiles.has(c + '|' + ui.lang))
      .map((c) => loadProfile(c).catch(() => null).then((p) => auditProfiles.set(c + '|' + ui.lang, p)))]);
    tbody.append(...items.map(row));
  }, 'console.entries');
  // a filter the API refuses (a number without its kind, in a shared address) is said on the form, which stays
  const failed = await list.load().then(() => null, (e) => e);
  const byLabel = (prefix) => keysOf(prefix).map((k) => [k, t(prefix + k)]).sort((a, b) => a[1].localeCompare(b[1], ui.lang));
  const form = h('form', { class: 'filters', role: 'search' }, h('div', { class: 'form-status', tabindex: '-1' }),
    h('input', { type: 'hidden', name: 'tab', value: 'audit' }),
    country ? h('input', { type: 'hidden', name: 'country', value: country })
      : field(t('field.country'), 'country', { value: params.get('country') || '', empty: t('dir.any'),
        options: (await names).map((c) => [c.iso2, countryName(c.iso2)]).sort((a, b) => a[1].localeCompare(b[1], ui.lang)) }),
    field(t('audit.action'), 'action', { value: params.get('action') || '', empty: t('dir.any'), options: byLabel('auditAction.') }),
    field(t('audit.kind'), 'entity', { value: params.get('entity') || '', empty: t('dir.any'), options: byLabel('auditEntity.') }),
    field(t('audit.entityId'), 'entityId', { value: params.get('entityId') || '', help: t('audit.entityIdHelp') }),
    field(t('audit.who'), 'actor', { type: 'email', value: params.get('actor') || '', autocomplete: 'off' }),
    h('button', { type: 'submit' }, t('dir.searchButton')));
  // a number means nothing without its kind: said on the form before anything is asked
  form.addEventListener('submit', (ev) => {
    const d = new FormData(form);
    if (d.get('entityId') && !d.get('entity')) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
      showProblem(form, new ApiError(400, { title: t('error.400'), errors: [{ field: 'entity', message: t('audit.kindFirst') }] }));
    }
  });
  filtersNavigate(form, base, RESULTS);
  list.count.dataset.results = '';
  if (failed) {
    if (!(failed instanceof ApiError) || failed.status !== 400) throw failed;
    showProblem(form, failed);
    return [h('h2', {}, t('tab.audit')), form];
  }
  // nothing found: a sentence that says so (and takes the focus the count would), not an empty table
  if (!tbody.children.length && list.more.hidden) {
    const filtered = AUDIT_FILTERS.some((k) => k !== 'country' || !country ? params.get(k) : false);
    return [h('h2', {}, t('tab.audit')), form,
      h('p', { id: 'audit-none', role: 'status', tabindex: '-1', 'data-results': '' }, t(filtered ? 'audit.none' : 'audit.empty'))];
  }
  return [h('h2', {}, t('tab.audit')), form, list.count, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...['audit.at', 'audit.who', 'audit.action', 'audit.what', 'field.country'].map((k) => h('th', { scope: 'col' }, t(k))))), tbody)), list.more];
}

// ---------- a school page, for its coordinators and HQ ----------

/** Whether the signed-in person coordinates this school (its country or unit) or is HQ. */
export function coordinates(school) {
  return rolesIn(school.country, school.unit).length > 0;
}

/**
 * The coordinators' part of a school page: the membership with its history and the moves this
 * person may make (national ones for a coordinator, any for HQ; stages on a national ladder),
 * and the profile to edit.
 */
export async function coordinatorPanel(school) {
  const section = h('section', { 'aria-labelledby': 'coordination', class: 'coordination' }, h('h2', { id: 'coordination', tabindex: '-1' }, t('school.coordination')));
  if (!school.membershipId) return section;
  // the profile, the membership and the history (portal.js draws it, and the profile form) at once
  const portal = import('./portal.js');
  portal.catch(() => {}); // awaited below; not if the membership cannot be read
  const [profile, membership] = await Promise.all([loadProfile(school.country).catch(() => null),
    api('GET', '/api/v1/memberships/' + school.membershipId).catch((e) => e)]);
  if (membership instanceof Error) {
    section.append(problemView(membership));
    return section;
  }
  const ladder = profile?.ladder?.stages?.length ? profile.ladder : null;
  const subject = { ...school, status: membership.status, stage: membership.stage, stageSince: membership.stageSince || membership.appliedAt, next: membership.next || [] };
  if (ladder && !subject.stage) subject.stage = await currentStage(subject, ladder);
  const status = h('strong', { class: 'row-status' }, ...statusText(subject, ladder));
  const certificate = h('span', {});
  const showCertificate = (number) => certificate.replaceChildren(...(number ? [' · ', t('school.certificate'), ' ',
    h('a', { href: '/certificates/' + encodeURIComponent(number) }, number)] : []));
  showCertificate(membership.certificateNumber);
  const stageLabels = Object.fromEntries((ladder?.stages || []).map((st) => [st.code, st.label || st.code]));
  const hq = hasRole('HQ_OFFICER');
  const national = rolesIn(school.country).includes('NATIONAL_COORDINATOR');
  const actionsFor = (s) => {
    const actions = [];
    if (ladder) actions.push(...nationalActions(school.country, ladder)(s).filter((a) => a.cls === 'stage' || a.note));
    for (const to of s.next) {
      // HQ makes any move; an NC the national ones (on a ladder, only a rejection: the stages move it);
      // a sub-national coordinator only starts a review
      const reviewing = s.status === 'APPLIED' || s.status === 'UNDER_NATIONAL_REVIEW';
      // on a ladder the national moves onto a stage's status are the stages' buttons, for HQ too
      const stageMove = ladder && reviewing && ladder.stages.some((st) => st.status === to);
      const allowed = !stageMove && (hq || (reviewing && (national ? NATIONAL_MOVES.has(to) : !ladder && to === 'UNDER_NATIONAL_REVIEW')));
      if (!allowed) continue;
      const needs = NEEDS_COMMENT.has(to) || (to === 'UNDER_NATIONAL_REVIEW' && s.status === 'UNDER_HQ_REVIEW');
      actions.push(transitionAction(t('console.moveTo', { status: statusLabel(to) }), 'move-' + to.toLowerCase().replaceAll('_', '-') + (to === 'REJECTED' || to === 'WITHDRAWN' ? ' danger' : ' secondary'), [[s.status, to]], needs));
    }
    return actions;
  };
  const { historyList, editView } = await portal;
  const [historyView, profileForm] = await Promise.all([historyList(school.membershipId, stageLabels, membership), editView(school)]);
  const historyBox = h('div', {}, historyView);
  const loadHistory = async () => historyBox.replaceChildren(await historyList(school.membershipId, stageLabels));
  const controls = decisionControls(subject, actionsFor, (s) => {
    status.replaceChildren(...statusText(s, ladder));
    showCertificate(s.certificateNumber);
    // the page's own status line says the same
    const dt = [...document.querySelectorAll('#main dl.props dt')].find((x) => x.textContent === t('field.status'));
    if (dt) dt.nextElementSibling.textContent = statusLabel(s.status);
    loadHistory();
  }, { labelShown: true, reload: 'page' });
  section.append(
    h('p', {}, t('field.status'), colon(), status, certificate),
    h('div', { class: 'field' }, ...controls.comment), ...controls.actions,
    h('details', {}, h('summary', {}, t('portal.history')), historyBox,
      // HQ reads every change of the school (profile edits, reports, imports), not only its moves
      // (a membership's moves are entries of the membership, not of the school)
      // and the country's National Coordinator in their console's audit
      auditLinks(school)),
    profileForm);
  return section;
}

/** Links to the audit entries of a school and of its membership, for HQ and the school's National Coordinators. */
function auditLinks(school) {
  const base = hasRole('HQ_OFFICER') ? '/console/hq?tab=audit'
    : (ui.me?.roles || []).some((r) => r.role === 'NATIONAL_COORDINATOR' && r.country === school.country)
      ? '/console/nc?tab=audit&country=' + encodeURIComponent(school.country) : null;
  if (!base) return null;
  return h('ul', {}, h('li', {}, h('a', { href: base + '&entity=school&entityId=' + encodeURIComponent(school.id) }, t('console.schoolAudit'))),
    school.membershipId ? h('li', {}, h('a', { href: base + '&entity=membership&entityId=' + encodeURIComponent(school.membershipId) }, t('console.membershipAudit'))) : null);
}

export { formatNumber };
