// Partnerships between schools of different countries: the portal's section (proposals to answer,
// the school's own, current and past partnerships, finding a partner school abroad and proposing)
// and the consoles' list, where HQ ends an accepted partnership. The public school page's "Partner
// schools" is app.js's.
// Loaded with the portal (portal.js) or when a console opens its Partnerships tab.
import { ui, t, h, api, ApiError, colon, field, countries, countryName, problemView, showProblem, clearProblem, announce, whileBusy,
  formatDate, formatNumber, plural, quoted, pagedList, THEMES, LEVELS, filtersNavigate, disclosure, schoolLink, partnershipStatus, hasRole } from './app.js';

/** The longest message or comment the API takes (the contract's 2000 characters: code points, an emoji is one). */
export const MESSAGE_MAX = 2000;
/**
 * A textarea's maxlength counts UTF-16 units, in which a legal message of emoji takes up to twice
 * MESSAGE_MAX: the field never cuts one short; the counter says the limit, the API holds it.
 */
const TEXT_MAX_UNITS = 2 * MESSAGE_MAX;
/** Characters as the API counts them (code points), not UTF-16 units. */
const chars = (text) => [...text].length;
const PAGE = 50;
const OPEN = new Set(['PROPOSED', 'ACCEPTED']);
export const PARTNERSHIP_STATUSES = ['PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'ENDED'];

/** A message or comment (shown to the two schools' staff), as it was written, line breaks kept. */
function longText(label, text) {
  if (!text) return null;
  return h('p', { class: 'partnership-text' }, label, colon(), quoted(text));
}

/**
 * A list read page by page from `path` (a query that takes `cursor`) into `list`, with its "Show
 * more" button `more`; `count` says `shown(how many, whether there are more)`. The first new row's
 * link takes the focus when the last page comes.
 */
function pagesOf(path, { list, more, count, draw, shown }) {
  return pagedList({
    list,
    more,
    fetchPage: (after) => api('GET', path + (after ? '&cursor=' + encodeURIComponent(after) : '')),
    draw,
    counted: (next) => { count.textContent = shown(list.children.length, !!next); },
    focusOf: (row) => row.querySelector('a'),
  });
}

// ---------- the portal ----------

/**
 * The portal's "Partnerships" part of a school. Its first paint asks for one list (the school's
 * partnerships, newest first); the search, the proposal form and the moves ask only when used.
 */
export function partnershipsSection(school) {
  const id = school.id;
  const box = disclosure('partnerships-' + id, t('partners.title'));
  const waiting = h('span', { class: 'partners-waiting' });
  box.querySelector('.summary-heading').append(waiting);
  const status = h('div', { class: 'form-status', tabindex: '-1', role: 'status' });
  /** A list of one kind, with its heading (h4) and what it says when empty. */
  const group = (key, empty, wrap) => {
    const list = h('ul', { class: 'partnerships', id: `partners-${key}-${id}` });
    const none = h('p', { class: 'meta' }, t(empty));
    const heading = h('h4', { id: `partners-${key}-${id}-title` }, t('partners.' + key));
    // the past ones collapsed; none a landmark (a person with two schools would read two of each name)
    const region = wrap
      ? h('details', { class: 'partners-past', id: `partners-${key}-${id}-box` }, h('summary', {}, heading), none, list)
      : h('div', { class: 'partners-group' }, heading, none, list);
    const counted = () => {
      none.hidden = list.children.length > 0;
      if (wrap) heading.textContent = t('partners.' + key) + (list.children.length ? ' (' + list.children.length + ')' : '');
    };
    return { list, region, counted };
  };
  const groups = {
    incoming: group('incoming', 'partners.noIncoming'),
    outgoing: group('outgoing', 'partners.noOutgoing'),
    active: group('active', 'partners.noActive'),
    past: group('past', 'partners.noPast', true),
  };
  const linked = new Set(); // the schools with a proposal or a partnership open with this one: not offered again
  // Every open partnership of the school (partnership id -> the other school), not only those of the
  // pages shown: read once, when the school first searches for a partner; the rows shown update it.
  const openOnes = new Map();
  const loadOpen = async () => {
    for (const s of OPEN) {
      let after = null;
      do {
        const page = await api('GET', `/api/v1/partnerships?school=${encodeURIComponent(id)}&status=${s}&limit=500`
          + (after ? '&cursor=' + encodeURIComponent(after) : ''));
        for (const p of page.items || []) {
          if (!box.querySelector(`li[data-partnership="${CSS.escape(String(p.id))}"]`)) {
            openOnes.set(String(p.id), String(String(p.proposer.id) === String(id) ? p.partner.id : p.proposer.id));
          }
        }
        after = page.next;
      } while (after);
    }
  };
  let openLoaded = null;
  const openLinks = () => (openLoaded ||= loadOpen().then(recount, (e) => {
    openLoaded = null;
    throw e;
  }));
  const kindOf = (p) => {
    if (p.status === 'PROPOSED') return String(p.partner.id) === String(id) ? 'incoming' : 'outgoing';
    return p.status === 'ACCEPTED' ? 'active' : 'past';
  };
  const recount = () => {
    linked.clear();
    for (const g of Object.values(groups)) g.counted();
    // a row shown says how the partnership is now (moved in this page: no longer open, maybe)
    for (const li of box.querySelectorAll('li[data-partnership]')) {
      if (li.dataset.open) openOnes.set(li.dataset.partnership, li.dataset.other);
      else openOnes.delete(li.dataset.partnership);
    }
    for (const other of openOnes.values()) linked.add(other);
    const n = groups.incoming.list.children.length;
    waiting.textContent = n ? ' – ' + plural('partners.waiting', n) : '';
    search.refresh();
  };
  /** Puts a partnership in its list (replacing its old row): newest first where it is new. */
  const place = (p, { first = false } = {}) => {
    box.querySelector(`li[data-partnership="${CSS.escape(String(p.id))}"]`)?.remove();
    const li = item(p);
    const list = groups[kindOf(p)].list;
    if (first) list.prepend(li);
    else list.append(li);
    return li;
  };
  /** The focus on a row just moved (the past ones' box opened for it: a closed one hides it). */
  const focusOn = (li) => {
    const closed = li.closest('details:not([open])');
    if (closed && closed !== box) closed.open = true;
    li.focus();
  };
  const item = (p) => {
    const mine = String(p.proposer.id) === String(id);
    const other = mine ? p.partner : p.proposer;
    const kind = kindOf(p);
    const when = { incoming: ['partners.proposedOn', p.proposedAt], outgoing: ['partners.proposedOn', p.proposedAt],
      active: ['partners.since', p.answeredAt || p.proposedAt], past: ['partners.closedOn', p.endedAt || p.answeredAt || p.proposedAt] }[kind];
    const li = h('li', { 'data-partnership': String(p.id), 'data-status': p.status, 'data-other': String(other.id), 'data-open': OPEN.has(p.status) ? 'true' : null,
      tabindex: '-1' },
      h('p', {}, h('strong', {}, ...schoolLink(other))),
      h('p', { class: 'meta' }, t('theme.' + p.theme), ' · ', partnershipStatus(p.status), ' · ', t(when[0], { date: formatDate(when[1]) })),
      longText(t(mine ? 'partners.yourMessage' : 'partners.theirMessage'), p.message),
      longText(t('partners.comment'), p.comment));
    // what a move says (a refusal, a change made meanwhile), in the row, past ones' too
    const said = h('div', { class: 'row-message', tabindex: '-1' });
    li.append(...[movesFor(p, kind, other, said)].filter(Boolean), said);
    return li;
  };
  /** The moves this school may make on `p`, as buttons (a risky one asked once more, the safe answer focused). */
  const movesFor = (p, kind, other, said) => {
    const row = h('div', { class: 'row-actions' });
    const named = (words) => [words, h('span', { class: 'visually-hidden' }, colon() + other.name)];
    const move = async (button, to, comment) => whileBusy(button, async () => {
      try {
        // with the version this page shows (its revision is the ETag's number): a partnership changed since is a 412, shown as it is now
        const moved = await api('POST', `/api/v1/partnerships/${encodeURIComponent(p.id)}/transitions`, { to, comment: comment || null },
          p.revision ? { 'If-Match': `"${p.revision}"` } : {});
        const now = place(moved || { ...p, status: to }, { first: true });
        recount();
        const words = t('partners.moved.' + to, { name: other.name });
        announce(words);
        // the row is now in another list: the focus goes with it, not back to the top
        focusOn(now);
      } catch (e) {
        said.replaceChildren(problemView(e));
        // someone (the other school, a colleague) moved it meanwhile: shown as it is now
        if (e.status === 409 || e.status === 412) {
          try {
            const fresh = await api('GET', `/api/v1/partnerships/${encodeURIComponent(p.id)}`);
            const now = place(fresh);
            recount();
            now.querySelector('.row-message').replaceChildren(h('p', { class: 'notice', role: 'status' }, t('partners.changed', { status: partnershipStatus(fresh.status) })));
            focusOn(now);
          } catch (ignored) { /* the refusal stays said */ }
        } else {
          said.focus();
        }
      }
    });
    /** A move asked once more in the page (not a browser dialog): "Keep it" is focused, so Enter twice changes nothing. */
    const confirmed = (label, ask, yesWords, to) => {
      const start = h('button', { type: 'button', class: 'secondary', 'data-move': to }, ...named(label));
      const offer = () => row.replaceChildren(start);
      start.addEventListener('click', () => {
        const yes = h('button', { type: 'button', class: 'danger', 'data-confirm': to }, yesWords);
        const keep = h('button', { type: 'button', class: 'secondary', 'data-keep-it': '' }, t('partners.keep'));
        keep.addEventListener('click', () => {
          offer();
          start.focus();
        });
        yes.addEventListener('click', () => move(yes, to));
        row.replaceChildren(h('span', { class: 'meta' }, ask), ' ', yes, ' ', keep);
        keep.focus();
      });
      offer();
    };
    if (kind === 'incoming') {
      // accepting or declining, with a comment for the other school if one wishes
      const comment = field(t('partners.replyComment'), 'comment', { multiline: true, maxLength: TEXT_MAX_UNITS, id: `reply-${id}-${p.id}` });
      const accept = h('button', { type: 'button', 'data-move': 'ACCEPTED' }, ...named(t('partners.accept')));
      const decline = h('button', { type: 'button', class: 'secondary', 'data-move': 'DECLINED' }, ...named(t('partners.decline')));
      const text = () => comment.querySelector('textarea').value.trim();
      accept.addEventListener('click', () => move(accept, 'ACCEPTED', text()));
      decline.addEventListener('click', () => move(decline, 'DECLINED', text()));
      row.append(accept, decline);
      return h('div', { class: 'partnership-reply' }, comment, row);
    }
    if (kind === 'outgoing') confirmed(t('partners.withdraw'), t('partners.withdrawAsk'), t('partners.withdrawYes'), 'WITHDRAWN');
    else if (kind === 'active') confirmed(t('partners.end'), t('partners.endAsk'), t('partners.endYes'), 'ENDED');
    else return null;
    return row;
  };

  // the one list of the first paint, page by page ("Show more" for a school with many); each
  // partnership goes into its own group's list
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  let cursor = null;
  const load = async () => {
    const page = await api('GET', `/api/v1/partnerships?school=${encodeURIComponent(id)}&limit=${PAGE}` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    (page.items || []).forEach((p) => place(p));
    cursor = page.next;
    more.hidden = !cursor;
    recount();
  };
  more.addEventListener('click', () => whileBusy(more, () => load().catch((e) => more.after(problemView(e)))));
  const search = partnerSearch(school, linked, openLinks, (p) => {
    place(p, { first: true });
    recount();
  });
  // only a member school may propose (the API says so too): a suspended one still reads its partnerships
  box.append(status, groups.incoming.region, groups.outgoing.region, groups.active.region, groups.past.region, more,
    school.status === 'MEMBER' ? search.view : h('p', { class: 'meta' }, t('partners.membersOnly')));
  load().catch((e) => status.replaceChildren(e.status === 404 && !e.problem?.detail ? h('p', {}, t('partners.unavailable')) : problemView(e)))
    .finally(() => { box.dataset.loaded = 'true'; }); // the lists are drawn (or why not is said)
  return box;
}

/**
 * "Find a partner school abroad": another country (not the school's own), a theme, a level, words;
 * member schools of the directory (GET /api/v1/schools), each with "Propose a partnership". What it
 * last asked, and the schools with a proposal form open, stay on the form (`data-searched`): after a
 * language switch the page's forms are built again, and app.js asks it to search again (`searchagain`),
 * so that the results come back in the new language, with the forms that were open (what was typed
 * in them is put back as in every form of the page).
 */
function partnerSearch(school, linked, openLinks, onProposed) {
  const id = school.id;
  // a search landmark named with the school too: a person with two schools has two
  const form = h('form', { class: 'filters', role: 'search', 'aria-labelledby': `partners-find-${id} school-${id}`, novalidate: true, 'data-keep': `partners-find-${id}` },
    field(t('field.country'), 'country', { required: true, empty: '', options: [], id: `partners-country-${id}` }),
    field(t('field.theme'), 'theme', { empty: t('dir.any'), options: THEMES.map((x) => [x, t('theme.' + x)]), id: `partners-theme-${id}` }),
    field(t('field.levels'), 'level', { empty: t('dir.any'), options: LEVELS.map((l) => [l, t('level.' + l)]), id: `partners-level-${id}` }),
    field(t('dir.search'), 'q', { type: 'search', maxLength: 100, id: `partners-q-${id}` }),
    h('button', { type: 'submit' }, t('dir.searchButton')));
  // the country names are the portal's (read with the school): no request of their own
  const named = countries().then((list) => {
    const select = form.elements.country;
    const kept = select.value;
    select.append(...list.filter((c) => c.iso2 !== school.country).map((c) => h('option', { value: c.iso2, selected: c.iso2 === kept }, c.name)));
  });
  const results = h('ul', { class: 'partner-results', id: `partners-results-${id}` });
  const count = h('p', { class: 'meta', tabindex: '-1', role: 'status' });
  let more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  const said = h('div', { class: 'form-status', tabindex: '-1' });
  let query = null;
  const proposing = new Set(); // the schools whose proposal form is open
  /** What the results show, kept on the form for a language switch (see above). */
  const remember = () => {
    if (query) form.dataset.searched = JSON.stringify({ query: query.toString(), proposing: [...proposing] });
  };
  const result = (s) => {
    const li = h('li', { 'data-school': String(s.id) }, h('strong', {}, ...schoolLink(s)));
    if ((s.themes || []).length) li.append(h('p', { class: 'meta' }, (s.themes || []).map((x) => t('theme.' + x)).join(', ')));
    const propose = h('button', { type: 'button', class: 'secondary', 'data-propose': String(s.id) }, t('partners.propose'),
      h('span', { class: 'visually-hidden' }, colon() + s.name));
    const already = h('p', { class: 'meta partners-linked' }, t('partners.already'));
    const slot = h('div', {});
    const closed = () => {
      proposing.delete(String(s.id));
      remember();
    };
    /** The proposal form under the school; `focus`: on its first field (not when it comes back after a language switch). */
    const open = (focus) => {
      propose.hidden = true;
      const form = proposalForm(school, s, query?.get('theme') || '', (p) => {
        closed();
        slot.replaceChildren(h('p', { class: 'notice', role: 'status', tabindex: '-1' }, t('partners.sent', { name: s.name })));
        onProposed(p);
        slot.firstChild.focus();
      }, () => {
        closed();
        slot.replaceChildren();
        propose.hidden = false;
        propose.focus();
      });
      slot.replaceChildren(form);
      proposing.add(String(s.id));
      remember();
      if (focus) form.elements.theme.focus();
    };
    propose.addEventListener('click', () => open(true));
    li.append(propose, already, slot);
    li.refresh = () => {
      const linkedNow = linked.has(String(s.id));
      already.hidden = !linkedNow;
      if (linkedNow) {
        propose.hidden = true;
      } else if (!slot.querySelector('form')) {
        // offered again once nothing is open between them (a proposal withdrawn, declined, ended)
        slot.replaceChildren();
        propose.hidden = false;
      }
    };
    li.refresh();
    li.reopen = () => {
      if (!propose.hidden) open(false);
    };
    return li;
  };
  /** A search's pages (its own "Show more": the next search starts from its first page). */
  const searchPages = () => {
    const button = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
    more.replaceWith(button);
    more = button;
    return pagesOf('/api/v1/schools?' + query, { list: results, more, count, draw: result,
      shown: (n, next) => (n ? plural(next ? 'dir.shownMore' : 'dir.shown', n) : t('partners.noneFound')) });
  };
  /**
   * Asks the directory for `asked` (its first page); `focus`: the count takes it once the results
   * are there (not after a language switch, which leaves the focus where it was); `reopen`: the
   * schools whose proposal form opens again.
   */
  const search = async (asked, { focus = true, reopen = [] } = {}) => {
    query = asked;
    proposing.clear();
    results.replaceChildren();
    count.textContent = '';
    const load = searchPages();
    await whileBusy(form.querySelector('button[type=submit]'), async () => {
      try {
        await openLinks(); // which schools are linked already: not offered again
        await load();
        remember();
        for (const li of results.querySelectorAll(':scope > li')) if (reopen.includes(li.dataset.school)) li.reopen();
        if (focus) count.focus();
      } catch (e) {
        showProblem(form, e, said);
      }
    });
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    said.replaceChildren(); // the message of an earlier search (its box is outside the form)
    const d = new FormData(form);
    if (!d.get('country')) {
      // said on the field, before anything is sent: the directory of every country is not the point
      showProblem(form, new ApiError(400, { errors: [{ field: 'country', message: t('partners.pickCountry') }] }), said);
      form.elements.country.focus();
      return;
    }
    const asked = new URLSearchParams({ status: 'MEMBER', limit: '10' });
    for (const k of ['country', 'theme', 'level', 'q']) if (d.get(k)) asked.set(k, String(d.get(k)).trim());
    await search(asked);
  });
  form.addEventListener('searchagain', async (ev) => {
    let shown;
    try {
      shown = JSON.parse(ev.detail);
    } catch (e) {
      return; // not ours
    }
    await named; // the country names in the new language, for the results too
    await search(new URLSearchParams(shown.query), { focus: false, reopen: (shown.proposing || []).map(String) });
  });
  const view = h('div', { class: 'partner-search' },
    h('h4', { id: `partners-find-${id}` }, t('partners.find')), h('p', {}, t('partners.findLead')), form, said, count, results, more);
  return { view, refresh: () => results.querySelectorAll(':scope > li').forEach((li) => li.refresh?.()) };
}

/** The proposal to one school: a theme and a message (with its count of characters), sent as the contract says. */
function proposalForm(school, partner, theme, onSent, onCancel) {
  const form = h('form', { novalidate: true, class: 'proposal-form', 'data-keep': `proposal-${school.id}-${partner.id}` },
    h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.theme'), 'theme', { required: true, options: THEMES.map((x) => [x, t('theme.' + x)]), value: theme || THEMES[0] }),
    field(t('field.message'), 'message', { multiline: true, required: true, maxLength: TEXT_MAX_UNITS, help: t('partners.messageHelp', { name: partner.name }) }));
  const message = form.elements.message;
  message.rows = 5;
  const counter = h('span', { class: 'help char-count', id: message.id + '-count' });
  let nearEnd = false;
  const counted = () => {
    const n = chars(message.value);
    counter.textContent = t('partners.chars', { n: formatNumber(n), max: formatNumber(MESSAGE_MAX) });
    // the count is read with the field, not at each key; the last hundred characters are said once
    const left = MESSAGE_MAX - n;
    if (left <= 100 && !nearEnd) announce(plural('partners.charsLeft', Math.max(left, 0)));
    nearEnd = left <= 100;
  };
  counted();
  message.addEventListener('input', counted);
  message.after(counter);
  message.dataset.help = [message.dataset.help, counter.id].filter(Boolean).join(' ');
  message.setAttribute('aria-describedby', message.dataset.help);
  const send = h('button', { type: 'submit' }, t('partners.send'));
  const cancel = h('button', { type: 'button', class: 'secondary' }, t('partners.cancel'));
  cancel.addEventListener('click', onCancel);
  form.append(h('div', { class: 'row-actions' }, send, cancel));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await whileBusy(send, async () => {
      try {
        const p = await api('POST', '/api/v1/partnerships', { proposer: Number(school.id), partner: Number(partner.id), theme: form.elements.theme.value, message: message.value });
        onSent(p);
      } catch (e) {
        // each field's message beside its field (theme, message); the partner's (another country, not a member) above
        showProblem(form, e);
      }
    });
  });
  return form;
}

// ---------- the consoles ----------

/** Staff or focal point of a school: the roles that act for a school, as the API's rules name them. */
const SCHOOL_ROLES = new Set(['SCHOOL_STAFF', 'SCHOOL_FOCAL_POINT']);

/** Whether the API lets this person end `p` (docs/partnerships.md, the rules): HQ, or staff of either school. */
function mayEnd(p) {
  if (p.status !== 'ACCEPTED') return false;
  if (hasRole('HQ_OFFICER')) return true;
  const sides = [String(p.proposer.id), String(p.partner.id)];
  return (ui.me?.roles || []).some((r) => SCHOOL_ROLES.has(r.role) && r.school && sides.includes(String(r.school)));
}

/**
 * A console row's End: a comment for both schools (optional, as the API takes it) and End, asked once
 * more in the page (*Keep it* focused, so that Enter twice ends nothing), sent with If-Match (the
 * partnership's revision). `redraw(partnership, said)` draws the row again as the server has it,
 * after the move or after a refusal because someone moved it meanwhile (409, 412), with what to say.
 */
function endControls(p, message, redraw) {
  const names = p.proposer.name + ' – ' + p.partner.name;
  const commentId = `partnership-${p.id}-comment`;
  const comment = h('textarea', { rows: 1, id: commentId, name: 'comment', maxlength: TEXT_MAX_UNITS });
  const buttons = h('div', { class: 'row-actions' });
  const start = h('button', { type: 'button', class: 'secondary', 'data-move': 'ENDED' }, t('partners.end'),
    h('span', { class: 'visually-hidden' }, colon() + names));
  const offer = () => buttons.replaceChildren(start);
  const end = (yes) => whileBusy(yes, async () => {
    try {
      const ended = await api('POST', `/api/v1/partnerships/${encodeURIComponent(p.id)}/transitions`,
        { to: 'ENDED', comment: comment.value.trim() || null }, p.revision ? { 'If-Match': `"${p.revision}"` } : {});
      redraw(ended || { ...p, status: 'ENDED' }, [h('p', { class: 'notice', role: 'status' },
        t('partners.endedConsole', { proposer: p.proposer.name, partner: p.partner.name }))]);
    } catch (e) {
      // the problem's words; and when someone (a school, another window) moved it meanwhile, the row as it is now
      const parts = [problemView(e)];
      if (e.status === 409 || e.status === 412) {
        try {
          const fresh = await api('GET', `/api/v1/partnerships/${encodeURIComponent(p.id)}`);
          redraw(fresh, [h('p', { class: 'notice', role: 'status' }, t('partners.changedConsole', { status: partnershipStatus(fresh.status) })), ...parts]);
          return;
        } catch (ignored) { /* the refusal says enough */ }
      }
      offer();
      message.replaceChildren(...parts);
      message.focus();
    }
  });
  start.addEventListener('click', () => {
    const yes = h('button', { type: 'button', class: 'danger', 'data-confirm': 'ENDED' }, t('partners.endYes'),
      h('span', { class: 'visually-hidden' }, colon() + names));
    const keep = h('button', { type: 'button', class: 'secondary', 'data-keep-it': '' }, t('partners.keep'));
    keep.addEventListener('click', () => {
      offer();
      start.focus();
    });
    yes.addEventListener('click', () => end(yes));
    buttons.replaceChildren(h('span', { class: 'meta' }, t('partners.endAsk')), ' ', yes, ' ', keep);
    keep.focus();
  });
  offer();
  return { comment: [h('label', { for: commentId, class: 'visually-hidden' }, t('partners.endCommentFor', { names })), comment], buttons };
}

/**
 * A console's Partnerships tab: the partnerships of `country` (HQ: of all countries, or of the
 * country it picks), newest first, 100 at a time, with a status filter. Those the API lets the
 * person end (HQ; staff of either school) have End on their accepted ones; for the others it is
 * read-only.
 */
export async function partnershipsTab({ country, base, hidden = {}, countryFilter = false }) {
  const params = new URLSearchParams(location.search);
  const status = PARTNERSHIP_STATUSES.includes(params.get('status')) ? params.get('status') : '';
  const list = await countries(); // the names of the lead, the filter and the rows
  const form = h('form', { class: 'filters' }, ...Object.entries(hidden).map(([k, v]) => h('input', { type: 'hidden', name: k, value: v })),
    countryFilter ? field(t('field.country'), 'country', { value: country || '', empty: t('hq.allCountries'), options: list.map((c) => [c.iso2, c.name]) }) : null,
    field(t('field.status'), 'status', { value: status, empty: t('dir.any'), options: PARTNERSHIP_STATUSES.map((s) => [s, partnershipStatus(s)]) }),
    h('button', { type: 'submit' }, t('console.show')));
  filtersNavigate(form, base, '[data-results]');
  const q = new URLSearchParams({ limit: '100' });
  if (country) q.set('country', country);
  if (status) q.set('status', status);
  // a comment and an action column for those who may end some partnership (HQ, a school's staff); else read-only
  const acting = hasRole('HQ_OFFICER') || (ui.me?.roles || []).some((r) => SCHOOL_ROLES.has(r.role));
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  const count = h('p', { class: 'meta', role: 'status', tabindex: '-1', 'data-results': '' });
  /** A row; `said`: what a move or a refusal says in its message (then focused). */
  const row = (p, said = []) => {
    const tr = h('tr', { 'data-partnership': String(p.id), 'data-status': p.status },
      h('td', {}, ...schoolLink(p.proposer)), h('td', {}, ...schoolLink(p.partner)), h('td', {}, t('theme.' + p.theme)),
      h('td', { class: 'row-status' }, partnershipStatus(p.status)), h('td', {}, formatDate(p.proposedAt)), h('td', {}, formatDate(p.endedAt || p.answeredAt)));
    if (acting) {
      const message = h('div', { class: 'row-message', tabindex: '-1', id: `partnership-${p.id}-message` }, ...said);
      const redraw = (fresh, words) => {
        const again = row(fresh, words);
        tr.replaceWith(again);
        again.querySelector('.row-message').focus();
      };
      const controls = mayEnd(p) ? endControls(p, message, redraw) : null;
      tr.append(h('td', {}, ...(controls ? controls.comment : [])), h('td', {}, ...(controls ? [controls.buttons] : []), message));
    }
    return tr;
  };
  const load = pagesOf('/api/v1/partnerships?' + q, { list: tbody, more, count, draw: (p) => row(p),
    shown: (n, next) => (n ? plural(next ? 'partners.shownMore' : 'partners.shown', n) : t('partners.noneListed')) });
  const view = [h('h2', {}, t('tab.partnerships')), h('p', {}, t(country ? 'partners.consoleLead' : 'partners.consoleLeadAll', { country: countryName(country) }),
    hasRole('HQ_OFFICER') ? [' ', t('partners.consoleHqEnds')] : []), form];
  try {
    await load();
  } catch (e) {
    return [...view, e.status === 404 && !e.problem?.detail ? h('p', {}, t('partners.unavailable')) : problemView(e)];
  }
  const headings = ['partners.proposer', 'partners.partner', 'field.theme', 'field.status', 'partners.proposedAt', 'partners.answeredAt',
    ...(acting ? ['console.comment', 'console.actions'] : [])];
  return [...view, count, h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden' }, t('tab.partnerships')),
    h('thead', {}, h('tr', {}, ...headings.map((k) => h('th', { scope: 'col' }, t(k))))), tbody)), more];
}
