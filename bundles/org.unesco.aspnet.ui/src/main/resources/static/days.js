// International days: the days, weeks, years and decades observed at UNESCO, which schools plan
// their activities around. A year's calendar by month, what is coming up, the calendar file and
// its subscription address; HQ adds, edits and removes days here (the API decides who may).
import { ui, t, tNodes, h, api, ApiError, THEMES, askRemovalInRow, field, checks, colon, plural, whileBusy, announce, hasRole, problemView,
  showProblem, clearProblem, filtersNavigate, navigate, localToday, languageName, isNetworkError, fieldName, showMissing, firstOfMonth, separated } from './app.js';

const BASE = '/api/v1/international-days';
/** The languages the form has a name box for; English first, the one every day must have. */
const NAME_LANGUAGES = ['en', 'fr', 'es', 'de'];
/** The years the API reads (a year outside is refused): no link leads beyond them. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
/** How far ahead the page's "Coming up" looks, in days. */
const COMING_UP_DAYS = 60;
const DAY_MS = 86400000;

// Each day form on a page, to its editor: the days page drawn again in its place (the language
// switched, another year or theme, Back) takes over what the form held, an edit too. A form no
// longer in the document (the person went to another page) is not taken over: an edit does not
// outlive leaving the page.
const editors = new WeakMap();
// This load of the app. The history entry whose #day-<id> was brought into view is marked with it:
// the page drawn again for another reason (a language switch) leaves the focus where the person put
// it, while following the link again (a new entry) brings the row into view again, as does a reload.
const LOAD = Math.random().toString(36).slice(2);

// ---------- dates ----------

/** The day `n` days after `iso` (YYYY-MM-DD), counted in calendar days. */
function addDays(iso, n) {
  return new Date(Date.parse(iso) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from, to) {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/**
 * A date format of the page's language. A day (2027-03-22) is read by Date as UTC midnight: shown
 * in UTC it stays that day wherever the reader is.
 */
function dateFormat(options) {
  return new Intl.DateTimeFormat(ui.lang, { ...options, timeZone: 'UTC' });
}

/** When an occurrence is, in the page's language: "22 March", a period "24–31 October", a year "2025", years "2021–2030". */
export function whenText(d) {
  if (d.kind === 'YEAR' || d.kind === 'DECADE') {
    const [from, to] = [d.start.slice(0, 4), d.end.slice(0, 4)];
    return from === to ? from : from + '–' + to;
  }
  // a period over the new year names both years
  const format = dateFormat(d.start.slice(0, 4) === d.end.slice(0, 4) ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' });
  const [start, end] = [new Date(d.start), new Date(d.end)];
  if (d.start === d.end) return firstOfMonth(format.format(start));
  return typeof format.formatRange === 'function' ? format.formatRange(start, end) : format.format(start) + ' – ' + format.format(end);
}

/** How far an occurrence is from `today`: "today", "tomorrow", "in 5 days"; a period already begun, until when. */
function fromToday(d, today) {
  if (d.start < today) return t('days.underWay', { date: dateFormat({ day: 'numeric', month: 'long' }).format(new Date(d.end)) });
  return new Intl.RelativeTimeFormat(ui.lang, { numeric: 'auto' }).format(daysBetween(today, d.start), 'day');
}

/** A month (YYYY-MM) as a heading: "November", "Novembre" (a French month is written small within a sentence, not as a title). */
function monthName(month) {
  const name = dateFormat({ month: 'long' }).format(new Date(month + '-01'));
  return name.charAt(0).toLocaleUpperCase(ui.lang) + name.slice(1);
}

// ---------- names ----------

/** The day's name in the page's language, else in English, with the `lang` it is then in (null: the page's). */
function nameOf(d) {
  const names = d.names || {};
  if (names[ui.lang]) return { text: names[ui.lang], lang: null };
  if (names.en) return { text: names.en, lang: ui.lang === 'en' ? null : 'en' };
  return { text: d.name || d.id, lang: null };
}

/** The day's name as an element in the language it is written in. */
function nameElement(d, attrs = {}) {
  const name = nameOf(d);
  return h('span', { ...attrs, lang: name.lang, dir: 'auto' }, name.text);
}

/** Whether the occurrence is a day or a week (not a year or a decade, which have their own part and no calendar event). */
function isDated(d) {
  return d.kind === 'DAY' || d.kind === 'PERIOD';
}

// ---------- coming up ----------

/**
 * The next `count` days and periods within `within` days from today (the reader's own day, not the
 * server's), of `theme` when given; a period under way counts.
 */
export async function comingUp(within, count = 3, theme = '') {
  const today = localToday();
  const q = new URLSearchParams({ from: today, to: addDays(today, within) });
  if (theme) q.set('theme', theme);
  const page = await api('GET', BASE + '?' + q);
  return (page.items || []).filter((d) => isDated(d) && d.end >= today).slice(0, count);
}

/** The days coming up, each its name (a link to its row, `href(d)`), its date and how far it is. */
function comingUpList(items, href) {
  const today = localToday();
  return h('ul', { class: 'coming-up-list' }, ...items.map((d) => h('li', { 'data-day': d.id, 'data-start': d.start },
    dayLink(d, href(d), nameElement(d)), ' ',
    h('span', { class: 'meta' }, whenText(d), ' · ', h('strong', { class: 'days-away' }, fromToday(d, today))))));
}

/**
 * The portal's box: the international days of the next `within` days (at most three), linking to
 * the page; null when nothing comes up. A failure is the caller's (the portal then shows nothing).
 */
export async function comingUpBox(within) {
  const items = await comingUp(within);
  if (!items.length) return null;
  return h('section', { class: 'coming-up-box', id: 'coming-up', 'aria-labelledby': 'coming-up-title' },
    h('h2', { id: 'coming-up-title' }, t('days.portalTitle')),
    comingUpList(items, dayAddress),
    h('p', {}, h('a', { href: '/days' }, t('days.all'))));
}

/**
 * The address of an occurrence's row: the days page of the year it begins in (a January day coming
 * up in December is next year's, not this year's row of last January).
 */
function dayAddress(d) {
  return '/days?year=' + d.start.slice(0, 4) + '#day-' + d.id;
}

/**
 * A link to a day's row. When this page lists that occurrence it brings the row into view and puts
 * the focus on its name, without drawing the page again (a form being filled in stays as it is);
 * otherwise it leads to the days page that lists it, which does the same once drawn.
 */
function dayLink(d, href, ...content) {
  const a = h('a', { href }, ...content);
  a.addEventListener('click', (ev) => {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    if (reveal(d.id, d.start)) {
      ev.preventDefault();
    } else if (href.startsWith('#')) {
      // not in the list shown (any more): the year's whole list, with the row in view
      ev.preventDefault();
      navigate(dayAddress(d));
    }
  });
  return a;
}

/**
 * Brings a day's row into view and focuses its name; false when the page has no such row. `start`:
 * the row of that occurrence (a period over the new year is listed twice in a year), else the one
 * the address #day-<id> names.
 */
function reveal(id, start = null) {
  const rows = [...document.querySelectorAll(`#main li.day[data-day="${CSS.escape(id)}"]`)];
  const row = start ? rows.find((r) => r.dataset.start === start) : document.getElementById('day-' + id) || rows[0];
  if (!row) return false;
  row.scrollIntoView({ block: 'center' });
  row.querySelector('.day-name')?.focus({ preventScroll: true });
  return true;
}

// ---------- the page ----------

export async function daysPage() {
  const params = new URLSearchParams(location.search);
  const today = localToday();
  const thisYear = Number(today.slice(0, 4));
  // the year of the address as it is written: one the API refuses is said beside the year box
  const asked = params.get('year') || String(thisYear);
  const year = /^\d{4}$/.test(asked.trim()) ? Number(asked) : null;
  const theme = params.get('theme') || '';
  const manage = hasRole('HQ_OFFICER');
  const query = new URLSearchParams({ year: asked });
  if (theme) query.set('theme', theme);
  const listUrl = BASE + '?' + query;

  // novalidate: a year out of range is said by the API, beside the box and in the page's language
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('days.filters'), id: 'days-filters', novalidate: true },
    field(t('days.year'), 'year', { type: 'number', value: asked, min: FIRST_YEAR, max: LAST_YEAR, inputmode: 'numeric', id: 'days-year' }),
    field(t('days.theme'), 'theme', { value: theme, empty: t('dir.any'), options: THEMES.map((x) => [x, t('theme.' + x)]), id: 'days-theme' }),
    h('button', { type: 'submit', id: 'days-show' }, t('console.show')));
  // the address says the year and theme shown (shareable); the focus goes to what sums up the list
  filtersNavigate(form, '/days', '[data-results]');
  const refused = h('div', { class: 'form-status', tabindex: '-1' });
  const view = [h('h1', {}, t('days.title')), h('p', { class: 'lead' }, t('days.lead')), form, refused];

  // the year the links lead on from (a year the API would refuse: this one)
  const shown = year !== null && year >= FIRST_YEAR && year <= LAST_YEAR ? year : thisYear;
  const yearLink = (y, id, key) => {
    const q = new URLSearchParams({ year: String(y) });
    if (theme) q.set('theme', theme);
    return h('a', { href: '/days?' + q, id }, t(key, { year: y }));
  };
  view.push(h('p', { class: 'year-nav' }, shown > FIRST_YEAR ? yearLink(shown - 1, 'days-previous', 'days.previousYear') : null,
    shown < LAST_YEAR ? yearLink(shown + 1, 'days-next', 'days.nextYear') : null));

  // the year's list and what comes up are asked for at once; without a connection the page says so
  // and can be tried again (render), a refusal (a year out of range) is said under the filters
  const refusal = (e) => {
    if (isNetworkError(e)) throw e;
    return e;
  };
  const current = year === thisYear;
  const [listed, upcoming] = await Promise.all([api('GET', listUrl).catch(refusal),
    current ? comingUp(COMING_UP_DAYS, 3, theme).catch(refusal) : null]);
  if (listed instanceof Error) {
    showProblem(form, listed, refused); // each message beside its box
    // the list above names the boxes by their labels: the form is not on the page yet, where showProblem reads them
    const labels = { year: t('days.year'), theme: t('days.theme') };
    refused.replaceChildren(problemView(listed, (f) => labels[f] || fieldName(f)));
    return view;
  }
  let items = listed.items || [];
  let soon = upcoming;

  const count = h('p', { id: 'days-count', 'data-results': '', tabindex: '-1' });
  const said = h('div', { class: 'form-status', tabindex: '-1', id: 'days-said' });
  const soonBox = h('div', {});
  const soonSection = current ? h('section', { id: 'days-coming-up', 'aria-labelledby': 'days-coming-up-title' },
    h('h2', { id: 'days-coming-up-title' }, t('days.comingUp')), soonBox) : null;
  const months = h('div', { id: 'days-months' });
  const longList = h('ul', { class: 'days', id: 'days-long-list' });
  const longSection = h('section', { id: 'days-long', 'aria-labelledby': 'days-long-title' },
    h('h2', { id: 'days-long-title' }, t('days.yearsDecades')), longList);
  /**
   * What happened (a sentence as tNodes gives it: a day's name in it isolated, so that a
   * right-to-left name does not reorder the words around it), above the list and announced;
   * `failed`: the list could not be read again after it (said too). replaceChildren, unlike h(),
   * writes a null as the text "null": only what there is goes in.
   */
  const tell = (words, failed = null) => {
    const notice = h('p', { class: 'notice' }, words);
    said.replaceChildren(notice, ...(failed ? [problemView(failed)] : []));
    announce(notice.textContent);
  };

  /** The year's list read again (after a change), with what comes up; the error when it could not be (the list stays as it was). */
  const reload = async () => {
    try {
      const [page, next] = await Promise.all([api('GET', listUrl), current ? comingUp(COMING_UP_DAYS, 3, theme).catch(() => soon) : null]);
      items = page.items || [];
      soon = next;
      return null;
    } catch (e) {
      return e;
    }
  };

  const dayForm = manage ? dayEditor({
    /** Saved (added or edited): the list as the server has it now, the focus on the day's row when it is in it. */
    saved: async (day, words) => {
      const failed = await reload();
      draw();
      const listedNow = items.some((d) => d.id === day.id);
      tell(listedNow || failed ? words : [...words, ' ', t('days.notListed')], failed);
      if (listedNow && !failed) reveal(day.id);
      else said.focus();
    },
    /** Changed or removed by someone else meanwhile: the list as it is now. */
    redraw: async () => {
      const failed = await reload();
      draw();
      said.replaceChildren(...(failed ? [problemView(failed)] : []));
    },
    find: (id) => items.find((d) => d.id === id),
    year: shown,
    /** The link to a day's row: on this page when it lists the day, else the year's whole list (no theme), where it is. */
    href: (d) => {
      if (items.some((x) => x.id === d.id)) return '#day-' + d.id;
      // a day or week comes every year: the year shown; a year or decade, the year shown when it spans it
      const spans = d.start.slice(0, 4) <= String(shown) && String(shown) <= d.end.slice(0, 4);
      return '/days?year=' + (isDated(d) || spans ? shown : d.start.slice(0, 4)) + '#day-' + d.id;
    },
  }) : null;

  /** The list drawn again from `items`; `focusRemove`: the day whose Remove gets the focus. */
  const draw = (focusRemove) => {
    const dated = items.filter(isDated);
    const long = items.filter((d) => !isDated(d));
    // the next occurrence is marked in the current year's list: the first that begins today or
    // later (a period already under way is marked so, and is not what comes next)
    const nextStart = current ? dated.filter((d) => d.start >= today).map((d) => d.start).sort()[0] : null;
    // (a year or decade is under way all along: not marked)
    const mark = (d) => {
      if (!current || !isDated(d) || d.end < today) return null;
      if (d.start <= today) return d.kind === 'DAY' ? 'days.markToday' : 'days.markUnderWay';
      return d.start === nextStart ? 'days.markNext' : null;
    };
    const actions = manage ? {
      edit: (d) => dayForm.edit(d),
      remove: (d, button) => askRemoval(d, button, async (fresh, words) => {
        // removed (fresh null), or refused because someone changed or removed it meanwhile: the list as it is now
        if (dayForm.editing(d.id)) dayForm.done(fresh);
        const failed = await reload();
        draw(fresh ? fresh.id : null);
        tell(words, failed);
        if (!fresh || failed) said.focus();
      }),
    } : null;
    const row = (d) => dayRow(d, mark(d), actions, manage, shown);
    // grouped by the month each begins in (one begun the year before, under January)
    const byMonth = new Map();
    for (const d of dated) {
      const month = d.start < shown + '-01-01' ? shown + '-01' : d.start.slice(0, 7);
      if (!byMonth.has(month)) byMonth.set(month, []);
      byMonth.get(month).push(d);
    }
    months.replaceChildren(...[...byMonth].map(([month, list]) => h('div', { class: 'days-month', 'data-month': month },
      h('h2', { id: 'month-' + month }, monthName(month)),
      h('ul', { class: 'days', 'aria-labelledby': 'month-' + month }, ...list.map(row)))));
    longList.replaceChildren(...long.map(row));
    longSection.hidden = !long.length;
    if (!items.length) {
      // nothing to show: said in a sentence, and with a theme, the way back to them all
      // (replaceChildren takes nodes and strings only: an array or a null would be written as text)
      const all = new URLSearchParams({ year: String(shown) });
      count.replaceChildren(theme ? t('days.noneTheme', { year: shown }) : t('days.none', { year: shown }),
        ...(theme ? [' ', h('a', { href: '/days?' + all }, t('days.allThemes'))] : []));
    } else {
      count.textContent = theme ? plural('days.countTheme', dated.length, { year: shown, theme: t('theme.' + theme) })
        : plural('days.count', dated.length, { year: shown });
    }
    if (soonSection) {
      // each links to its year's page: this page brings the row into view when it lists that
      // occurrence; one of next January leads to next year's
      soonBox.replaceChildren(soon instanceof Error ? problemView(soon)
        : soon?.length ? comingUpList(soon, dayAddress)
          : h('p', { class: 'meta' }, theme ? t('days.comingUpNoneTheme', { days: COMING_UP_DAYS, theme: t('theme.' + theme) })
            : t('days.comingUpNone', { days: COMING_UP_DAYS })));
    }
    if (focusRemove) document.querySelector(`#main [data-remove="${CSS.escape(focusRemove)}"]`)?.focus();
  };
  draw();

  view.push(count, said, soonSection, months, longSection, calendarSection(shown, theme));
  if (dayForm) {
    view.push(dayForm.element);
    // the page drawn in place of a days page with its form (the language switched, another year or
    // theme, the link to a day listed under another theme, Back): what that form held is kept, an
    // edit too, with the version it started from. The old page is still in the document until
    // render() puts this one in its place; after another page, there is none.
    const before = document.getElementById('day-form');
    const kept = before?.isConnected ? editors.get(before)?.state() : null;
    if (kept) dayForm.restore(kept);
  }
  // an address naming a day (#day-<id>, from the portal's box): its row in view once the page is
  // drawn, each time the person follows such a link (a new history entry), not when the same entry
  // is drawn again (a language switch)
  const wanted = /^#day-([\w-]+)$/.exec(location.hash)?.[1];
  if (wanted && history.state?.dayRevealed !== LOAD + location.hash) {
    history.replaceState({ ...history.state, dayRevealed: LOAD + location.hash }, '');
    setTimeout(() => reveal(wanted), 0); // after render() has put the page in place and focused it
  }
  return view.filter(Boolean);
}

/**
 * One day in the list: its date, its name in the language it is written in, its themes, its source
 * and, for HQ, its rule and Edit and Remove. `mark`: the key of the words that say it is next (or today).
 * The address #day-<id> names the occurrence that begins in `year`: a period begun the year before
 * (listed under January) has no id, so that its row and the one of December do not share it.
 */
function dayRow(d, mark, actions, manage, year) {
  const themes = d.themes || [];
  const own = !isDated(d) || d.start.slice(0, 4) === String(year);
  const li = h('li', { id: own ? 'day-' + d.id : null, class: mark ? 'day next' : 'day', 'data-day': d.id, 'data-start': d.start,
    'data-themes': themes.join(' ') },
    h(isDated(d) && d.start === d.end ? 'time' : 'span', { class: 'day-date', datetime: isDated(d) && d.start === d.end ? d.start : null }, whenText(d)),
    h('div', { class: 'day-body' },
      h('p', { class: 'day-title' }, nameElement(d, { class: 'day-name', tabindex: '-1' }),
        mark ? h('span', { class: 'visually-hidden' }, ' (' + t(mark) + ')') : null,
        mark ? h('span', { class: 'day-mark', 'aria-hidden': 'true' }, t(mark)) : null),
      // the themes, the source and the rule read as separate words (separated), as they look
      themes.length || d.source || manage ? h('p', { class: 'day-meta' }, ...separated([
        ...themes.map((x) => h('span', { class: 'tag', 'data-theme': x }, t('theme.' + x))),
        d.source ? h('a', { href: d.source, rel: 'noopener noreferrer', class: 'day-source' }, t('days.source'),
          h('span', { class: 'visually-hidden' }, colon(), nameElement(d))) : null,
        // HQ reads the rule as it is kept (in English: "third Thursday of November")
        manage ? h('span', { class: 'meta day-rule' }, t('days.observed') + colon(),
          h('span', { lang: /[a-z]/i.test(d.observed) && ui.lang !== 'en' ? 'en' : null }, d.observed)) : null])) : null));
  if (actions) {
    const edit = h('button', { type: 'button', class: 'secondary', 'data-edit': d.id }, t('days.edit'),
      h('span', { class: 'visually-hidden' }, colon(), nameElement(d)));
    const remove = h('button', { type: 'button', class: 'secondary', 'data-remove': d.id }, t('days.remove'),
      h('span', { class: 'visually-hidden' }, colon(), nameElement(d)));
    edit.addEventListener('click', () => actions.edit(d));
    remove.addEventListener('click', () => actions.remove(d, remove));
    li.querySelector('.day-body').append(h('div', { class: 'row-actions' }, edit, remove));
  }
  return li;
}

/**
 * Remove, asked once more in the row (askRemovalInRow): `done(fresh, words)` as there. Each
 * sentence has the day's name isolated (nameElement: its own direction and language).
 */
function askRemoval(d, button, done) {
  askRemovalInRow(button, {
    url: BASE + '/' + encodeURIComponent(d.id),
    revision: d.revision,
    attrs: { yes: { 'data-remove-yes': d.id }, keep: { 'data-keep-day': d.id } },
    words: {
      ask: tNodes('days.removeAsk', { name: nameElement(d) }),
      yes: t('days.removeYes'),
      keep: t('days.keep'),
      removed: tNodes('days.removed', { name: nameElement(d) }),
      changed: (fresh) => tNodes('days.changedElsewhere', { name: nameElement(fresh) }),
      gone: tNodes('days.goneElsewhere', { name: nameElement(d) }),
    },
  }, done);
}

/**
 * Add a day, or edit one (edit(d) fills the form): its names in English (required), French,
 * Spanish and German, when it is observed (the rule), its themes and its source. `list.saved(d,
 * words)` shows the list with d; `list.redraw()` shows it as the server has it; `list.find(id)`
 * is a day of the list shown, `list.href(d)` the link to its row, `list.year` the year shown.
 */
function dayEditor(list) {
  const status = h('div', { class: 'form-status', tabindex: '-1' });
  const heading = h('h2', { id: 'day-form-title' }, t('days.add'));
  const names = h('fieldset', { class: 'day-names' }, h('legend', {}, t('days.names')),
    ...NAME_LANGUAGES.map((l) => field(t('days.nameIn', { language: languageName(l) }), 'names.' + l, { required: l === 'en', maxLength: 200,
      id: 'day-name-' + l, autocomplete: 'off', help: l === 'en' ? t('days.englishHelp') : undefined })));
  // each name is typed in its language (a spelling checker, a screen reader's voice)
  names.querySelectorAll('input').forEach((input) => {
    input.setAttribute('lang', input.name.slice('names.'.length));
    input.setAttribute('dir', 'auto');
  });
  const observed = field(t('days.observed'), 'observed', { required: true, maxLength: 60, autocomplete: 'off', id: 'day-observed', help: t('days.observedHelp') });
  observed.querySelector('input').setAttribute('lang', 'en'); // the rule's words are English ("third Thursday of November")
  const themes = checks(t('days.themes'), 'themes', THEMES.map((x) => [x, t('theme.' + x)]));
  const source = field(t('days.sourceLabel'), 'source', { type: 'url', maxLength: 2000, inputmode: 'url', id: 'day-source', help: t('days.sourceHelp') });
  const submit = h('button', { type: 'submit', id: 'day-save' }, t('days.addButton'));
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true, id: 'day-cancel' }, t('campaignEdit.cancel'));
  const form = h('form', { novalidate: true, id: 'day-form', 'aria-labelledby': 'day-form-title' },
    heading, status, names, observed, themes, source, h('div', { class: 'row-actions' }, submit, cancel));
  const input = (name) => form.querySelector(`[name="${CSS.escape(name)}"]`);
  const chosenThemes = () => [...form.querySelectorAll('[name=themes]:checked')].map((box) => box.value);
  /** The form's fields, by name: a box each (a name per language, the rule, the source) and the themes. */
  const FIELDS = [...NAME_LANGUAGES.map((l) => 'names.' + l), 'observed', 'themes', 'source'];
  // the day edited, as last read: its revision goes as If-Match
  let editing = null;
  // what the boxes held when the edit opened (the version the person started from): a save sends
  // what differs from it, never what differs from a fresher copy, which would send back the old
  // value of a field someone else changed meanwhile
  let base = null;

  /** What the fields hold, by name, as typed (the themes ticked, a list). */
  const held = () => Object.fromEntries(FIELDS.map((f) => [f, f === 'themes' ? chosenThemes() : input(f).value]));
  /** A field set to `value` (as held() gives it). */
  const put = (f, value) => {
    if (f === 'themes') form.querySelectorAll('[name=themes]').forEach((box) => { box.checked = value.includes(box.value); });
    else input(f).value = value;
  };
  /** A day as the form shows it, by field. */
  const shownAs = (d) => ({ ...Object.fromEntries(NAME_LANGUAGES.map((l) => ['names.' + l, d.names?.[l] || ''])),
    observed: d.observed || '', themes: [...(d.themes || [])], source: d.source || '' });
  /** Whether a field differs in `a` and `b` (spaces around a text, the themes' order, are no difference). */
  const differs = (f, a, b) => (f === 'themes' ? [...a[f]].sort().join() !== [...b[f]].sort().join() : a[f].trim() !== b[f].trim());

  const reset = () => {
    editing = null;
    base = null;
    form.reset();
    heading.textContent = t('days.add');
    submit.textContent = t('days.addButton');
    cancel.hidden = true;
    clearProblem(form);
  };
  const titleFor = (d) => heading.replaceChildren(...tNodes('days.editTitle', { name: nameElement(d) }));
  /** The form in the edit of d (its title, Save and Cancel), what it sends measured from `from`. */
  const editMode = (d, from) => {
    editing = d;
    base = from;
    titleFor(d);
    submit.textContent = t('portal.save');
    cancel.hidden = false;
  };
  cancel.addEventListener('click', () => {
    const id = editing?.id;
    reset();
    document.querySelector(`[data-edit="${CSS.escape(id || '')}"]`)?.focus();
  });
  /** Edit d: the form filled with it, the version the edit starts from (the focus goes into the form). */
  const edit = (d) => {
    reset();
    for (const [f, value] of Object.entries(shownAs(d))) put(f, value);
    editMode(d, held());
    input('names.en').focus();
  };
  /**
   * The day as it is now (`fresh`, read after someone else changed it): its revision for the next
   * save, and the fields the person has not changed show its values (and are measured from them);
   * what they changed stays, measured from where they started, to save over the other change knowingly.
   */
  const changedMeanwhile = (fresh) => {
    const now = held();
    const then = shownAs(fresh);
    const from = { ...base };
    for (const f of FIELDS) {
      if (differs(f, now, base)) continue;
      put(f, then[f]);
      from[f] = then[f];
    }
    editMode(fresh, from);
  };
  /** A new day: what is filled in (an optional name left empty is not sent). */
  const whole = () => {
    const given = {};
    for (const l of NAME_LANGUAGES) {
      const v = input('names.' + l).value.trim();
      if (v) given[l] = v;
    }
    const b = { names: given, observed: input('observed').value.trim(), themes: chosenThemes() };
    const link = input('source').value.trim();
    if (link) b.source = link;
    return b;
  };
  /**
   * An edit: only what the person changed in the form since the edit opened, as a JSON merge patch.
   * A name emptied is sent as null (the API removes that language; names it has in other languages
   * stay), an emptied source as "".
   */
  const changes = () => {
    const now = held();
    const out = {};
    for (const l of NAME_LANGUAGES) {
      if (differs('names.' + l, now, base)) (out.names ??= {})[l] = now['names.' + l].trim() || null;
    }
    if (differs('observed', now, base)) out.observed = now.observed.trim();
    if (differs('themes', now, base)) out.themes = now.themes;
    if (differs('source', now, base)) out.source = now.source.trim();
    return out;
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    whileBusy(submit, async () => {
      clearProblem(form);
      if (showMissing(form, ['names.en', 'observed'])) return undefined; // what the form must have, said beside each field
      const was = editing;
      const body = was ? changes() : whole();
      if (was && !Object.keys(body).length) {
        status.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('days.nothing')));
        return status.focus();
      }
      let answer;
      try {
        answer = was
          ? await api('PATCH', BASE + '/' + encodeURIComponent(was.id), body,
            { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${was.revision}"` })
          : await api('POST', BASE, body);
      } catch (e) {
        return refusedDay(e, was);
      }
      reset();
      return list.saved(answer, tNodes(was ? 'days.saved' : 'days.added', { name: nameElement(answer) }));
    });
  });

  /** A refusal in words: the English name listed already (beside it, with a link to that day), changed or removed meanwhile, each field's error. */
  const refusedDay = async (e, was) => {
    if (e.status === 409 && e.problem?.day) {
      const id = e.problem.day;
      // not in the list shown (another theme): its occurrence in the year shown
      const other = list.find(id) || await api('GET', BASE + '/' + encodeURIComponent(id) + '?year=' + list.year).catch(() => null);
      showProblem(form, new ApiError(409, { title: e.problem.title, errors: [{ field: 'names.en', message: t('days.exists') }] }));
      const message = input('names.en').parentElement.querySelector('.field-error');
      // a day this list does not show leads to the year's whole list: the page drawn there keeps what this form holds
      if (other && message) message.append(' ', dayLink(other, list.href(other), tNodes('days.seeExisting', { name: nameElement(other) })));
      return undefined;
    }
    if (was && (e.status === 412 || e.status === 404)) {
      // the list shows it as it is now; what was written stays in the form, to save over it knowingly
      const fresh = await api('GET', BASE + '/' + encodeURIComponent(was.id)).catch(() => null);
      if (!fresh) {
        reset();
        await list.redraw();
        status.replaceChildren(h('p', { class: 'notice' }, tNodes('days.goneElsewhere', { name: nameElement(was) })));
        return status.focus();
      }
      changedMeanwhile(fresh);
      await list.redraw();
      status.replaceChildren(h('p', { class: 'notice' }, t('days.changed')));
      return status.focus();
    }
    return showProblem(form, e);
  };

  const editor = {
    element: form,
    edit,
    editing: (id) => editing?.id === id,
    /**
     * The day being edited was removed (fresh null: the form empties) or changed elsewhere
     * (what was typed stays, to save over theirs knowingly).
     */
    done: (fresh) => {
      if (!fresh) return reset();
      changedMeanwhile(fresh);
      status.replaceChildren(h('p', { class: 'notice' }, t('days.changed')));
      return undefined;
    },
    /** What the form holds, for the page drawn in its place: the edit (the day as read, and where it started) and each field. */
    state: () => ({ editing, base, values: held() }),
    /**
     * What the form of the page this one replaces held (state()): the same edit, still measured
     * from where it started and sent with the revision it read (a change made meanwhile is then
     * said, not overwritten unseen), and each field as it was, an emptied one too.
     */
    restore: ({ editing: day, base: from, values }) => {
      if (day) editMode(day, from);
      for (const f of FIELDS) put(f, values[f]);
    },
  };
  editors.set(form, editor);
  return editor;
}

/**
 * "Add to your calendar": the year's file (of the theme shown) to download, and the address a
 * calendar application subscribes to (this year's and next year's days, kept up to date), to copy.
 */
function calendarSection(year, theme) {
  const q = new URLSearchParams({ year: String(year), lang: ui.lang });
  if (theme) q.set('theme', theme);
  const address = location.origin + BASE + '.ics?lang=' + encodeURIComponent(ui.lang);
  // no name: a language switch draws it again with its own language, instead of putting the old address back
  const box = h('input', { type: 'text', id: 'days-subscribe', readonly: true, value: address, class: 'subscribe-address',
    dir: 'ltr', spellcheck: 'false', 'aria-describedby': 'days-subscribe-help' });
  const said = h('span', { class: 'meta', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary', id: 'days-copy' }, t('days.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(address);
      said.textContent = t('days.copied');
    } catch (e) {
      // the browser refuses the clipboard (an address without https): the address selected, to copy by hand
      box.focus();
      box.select();
      said.textContent = t('days.selected');
    }
  });
  box.addEventListener('focus', () => box.select());
  return h('section', { id: 'days-calendar', 'aria-labelledby': 'days-calendar-title' },
    h('h2', { id: 'days-calendar-title' }, t('days.calendar')),
    h('p', {}, h('a', { href: BASE + '.ics?' + q, download: '', id: 'days-ics' }, t(theme ? 'days.downloadTheme' : 'days.download', { year })),
      ' ', h('span', { class: 'meta' }, t('days.downloadHelp'))),
    h('p', { id: 'days-subscribe-help' }, t('days.subscribeLead')),
    h('div', { class: 'field' }, h('label', { for: 'days-subscribe' }, t('days.subscribeAddress')),
      h('div', { class: 'link-box' }, box, copy, said)));
}
