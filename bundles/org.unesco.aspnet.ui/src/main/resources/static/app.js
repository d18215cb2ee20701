// ASPnet web UI: router, API client, languages, and the public pages. Plain ES modules, no build.
// The portal and the consoles load on demand (portal.js, console.js), so the directory stays light.

export const LANGUAGES = ['en', 'fr', 'es', 'de'];
const RTL = ['ar', 'he', 'fa', 'ur'];
export const LEVELS = ['PRE_PRIMARY', 'PRIMARY', 'SECONDARY', 'TVET', 'TEACHER_TRAINING'];
export const THEMES = ['PEACE_GCED', 'ESD', 'INTERCULTURAL'];
export const REGIONS = ['Africa', 'Arab States', 'Asia and the Pacific', 'Europe and North America', 'Latin America and the Caribbean'];

// the fallback holds, until en.json is read, the words of a start that cannot reach the server
export const ui = { lang: 'en', strings: {}, config: {}, pages: [], countries: null, fieldLabels: {}, me: null, csrf: null,
  fallback: { 'error.title': 'Something went wrong', 'error.network': 'The server cannot be reached. Check your connection and try again.',
    'app.retry': 'Try again', 'app.loading': 'Loading…' } };

// ---------- strings ----------
/** ": " as the language writes it before a value ("Statut : Membre" in French). */
export function colon() {
  return t('punct.colon');
}

export function t(key, vars) {
  let s = ui.strings[key] ?? ui.fallback[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', String(v));
  return s;
}

/**
 * t() with elements among the values (a text in another language, in its own `lang`): the
 * sentence as a list of strings and nodes, for h().
 */
export function tNodes(key, vars) {
  return t(key).split(/(\{\w+\})/).filter(Boolean).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name && name in vars ? vars[name] : part;
  });
}

/** A JSON file of the app or the API; throws when the server cannot be reached or refuses. */
async function getJson(path) {
  let response;
  try {
    // a stalled start would stay on "Loading…": given up after a while, and tried again
    response = await fetch(path, { credentials: 'same-origin', signal: AbortSignal.timeout?.(TIMEOUT_SECONDS * 1000) });
  } catch (e) {
    throw new ApiError(0, { title: t('error.network') });
  }
  if (!response.ok) throw new ApiError(response.status, { title: t('error.status', { status: response.status }) });
  return response.json();
}

/**
 * A file of the app by its path beside this module: under the same version as the page's files
 * (`/v/<version>/i18n/fr.json`), which the browser keeps without asking again (see UiServlet).
 */
function appFile(path) {
  return new URL(path, import.meta.url).pathname;
}

/** English and the language asked for, read together (English fills the keys a language lacks). */
async function loadStrings(lang) {
  const [fallback, strings] = await Promise.all([
    ui.fallback.title ? ui.fallback : getJson(appFile('./i18n/en.json')),
    lang === 'en' ? null : getJson(appFile('./i18n/' + lang + '.json'))]);
  return { fallback, strings: strings || fallback };
}

/** The visitor's choice (remembered), else the first of the browser's languages we have, else the installation's default. */
function pickLanguage(defaultLanguage) {
  const saved = localStorage.getItem('aspnet.lang');
  if (LANGUAGES.includes(saved)) return saved;
  for (const l of navigator.languages || []) {
    const base = l.slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(base)) return base;
  }
  return LANGUAGES.includes(defaultLanguage) ? defaultLanguage : 'en';
}

/** Shows the app in `lang`; `remember`: the visitor chose it (a browser's language is asked again next time). */
export async function setLanguage(lang, remember = false) {
  const { fallback, strings } = await loadStrings(lang); // nothing changes if they cannot be read
  ui.fallback = fallback;
  ui.strings = strings;
  ui.lang = lang;
  if (remember) localStorage.setItem('aspnet.lang', lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.includes(lang) ? 'rtl' : 'ltr';
  ui.countries = null; // names come from the API in the language
  document.getElementById('lang').value = lang;
  document.getElementById('lang-label').textContent = t('nav.language');
  document.getElementById('skip').textContent = t('nav.skip');
  document.getElementById('footer').textContent = t('footer');
  document.getElementById('nav').setAttribute('aria-label', t('nav.main'));
}

// ---------- API ----------
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }
}

export async function api(method, path, body, headers = {}) {
  try {
    return await request(method, path, body, headers);
  } catch (e) {
    // the session was renewed in another tab (a password change): its CSRF token is asked for, once
    if (e instanceof ApiError && e.status === 403 && String(e.problem?.type || '').endsWith('/csrf-token') && ui.me) {
      const me = await request('GET', '/api/v1/me');
      ui.csrf = me.csrfToken || null;
      return request(method, path, body, headers);
    }
    throw e;
  }
}

/** The headers every request of the UI carries: its language and, on a write under a session, the CSRF token. */
function requestHeaders(method) {
  const h = { 'Accept-Language': ui.lang };
  if (method !== 'GET' && method !== 'HEAD' && ui.csrf) h['X-CSRF-Token'] = ui.csrf;
  return h;
}

/** How long a request waits for its answer; an upload (an import's file) may take longer on a slow link. */
export const TIMEOUT_SECONDS = 60;
const UPLOAD_TIMEOUT_SECONDS = 600;

/**
 * The Idempotency-Key of each POST whose answer never came (the connection dropped, or no answer
 * in time), by what was sent: pressing Send again with the same form sends the same key, and the
 * server gives the first answer again instead of doing it twice (a second school, a second report).
 */
const unanswered = new Map();

/** What makes two POSTs the same request for the server's fingerprint: method, path, type and body. */
function requestIdentity(method, path, type, payload) {
  const body = payload instanceof Blob ? 'blob ' + (payload.name || '') + ' ' + payload.size + ' ' + (payload.lastModified || '') + ' ' + payload.type
    : payload ?? '';
  return method + ' ' + path + '\n' + (type || '') + '\n' + body;
}

function newKey() {
  return globalThis.crypto?.randomUUID?.() || Date.now().toString(36) + '-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

async function request(method, path, body, headers = {}) {
  const h = { 'Accept': 'application/json', ...requestHeaders(method), ...headers };
  let payload;
  if (body instanceof Blob || typeof body === 'string') {
    payload = body;
  } else if (body !== undefined) {
    h['Content-Type'] ??= 'application/json'; // a caller's own (application/merge-patch+json) stands
    payload = JSON.stringify(body);
  }
  const identity = method === 'POST' ? requestIdentity(method, path, h['Content-Type'] || (payload instanceof Blob ? payload.type : ''), payload) : null;
  if (identity) h['Idempotency-Key'] ??= unanswered.get(identity) || newKey();
  // a stalled request would leave its button busy for ever: it is given up after a while
  const seconds = payload instanceof Blob ? UPLOAD_TIMEOUT_SECONDS : TIMEOUT_SECONDS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, seconds * 1000);
  const lost = () => {
    if (identity) unanswered.set(identity, h['Idempotency-Key']);
    const write = method !== 'GET' && method !== 'HEAD';
    const detail = write ? t(method === 'POST' ? 'error.keptSendOnce' : 'error.keptSend') : null;
    return new ApiError(0, timedOut ? { title: t('error.timeout', { seconds }), detail: detail || t('error.timeoutRead'), timeout: true }
      : { title: t('error.network'), detail });
  };
  let response;
  let data;
  try {
    try {
      response = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin', signal: controller.signal });
    } catch (e) {
      throw lost();
    }
    const type = response.headers.get('Content-Type') || '';
    // an answer cut short by the timeout is no answer: the key is kept for the next Send
    data = type.includes('json') ? await response.json().catch(() => { if (timedOut) throw lost(); return null; }) : null;
  } finally {
    clearTimeout(timer);
  }
  // an answer came: the key is done with (a refusal kept nothing, the next Send is a new request),
  // unless its first request is still running, whose answer a new key would not wait for
  const running = response.status === 409 && String(data?.type || '').endsWith('/request-in-progress');
  if (identity && !running) unanswered.delete(identity);
  if (running) data = { ...data, title: t('error.inProgress'), detail: null }; // the server's sentence names a header
  if (response.status === 401 && ui.me && !path.startsWith('/api/v1/auth/') && !location.hash.includes('token=')) {
    // "sign in first" to someone the page holds as signed in: the session is gone though its marker
    // stayed (the session cookie deleted or lost); the same as a session that ended, below
    document.cookie = SIGNED_IN + '=; Path=/; Max-Age=0; SameSite=Lax';
  }
  if (ui.me && !maybeSignedIn()) {
    // the session ended (signed out in another tab, expired, revoked): the server answered as to
    // the public and cleared its marker. Not shown as the person's own lists: say so, once
    ui.me = null;
    ui.csrf = null;
    ui.sessionEnded = true; // said by the page drawn next (render draws it again), until a sign-in
    renderChrome();
    throw new ApiError(401, { title: t('error.401'), detail: t('error.sessionEnded') });
  }
  if (!response.ok) throw new ApiError(response.status, data || { title: t('error.status', { status: response.status }) });
  if (data && typeof data === 'object') Object.defineProperty(data, '_etag', { value: response.headers.get('ETag'), enumerable: false });
  return data;
}

/** Every item of a paged list (follows `next`), up to `max` items. */
export async function apiAll(path, max = 1000) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api('GET', path + sep + 'limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < max);
  return items;
}

/**
 * The words for an API error: title, detail, and each field's message, the field named by
 * `nameOf` (showProblem: as its form labels it).
 */
export function problemView(err, nameOf = fieldName) {
  // a page's script that cannot be fetched (offline) is a network failure, not a bug
  if (!(err instanceof ApiError) && isNetworkError(err)) err = new ApiError(0, { title: t('error.network') });
  const p = err instanceof ApiError ? err.problem : { title: t('error.unexpected'), detail: String(err?.message || err) };
  const errors = Array.isArray(p.errors) ? p.errors : [];
  const duplicates = Array.isArray(p.duplicates) && p.duplicates.length;
  // with field errors (or likely duplicates) the server's detail only sums them up, in English:
  // the fields, each in words, say it all; a duplicate gets the UI's own sentence
  const detail = errors.length ? null : duplicates ? t('error.duplicateHelp') : p.detail !== p.title ? p.detail : null;
  const box = h('div', { class: 'error', role: 'alert' }, h('strong', {}, errorTitle(err, p)), detail ? h('p', {}, detail) : null);
  if (errors.length) {
    box.append(h('ul', {}, ...errors.map((e) => h('li', {}, (e.field ? nameOf(e.field) + colon() : '') + e.message))));
  }
  if (duplicates) {
    box.append(h('p', {}, t('error.duplicates')), h('ul', {}, ...p.duplicates.map((d) => h('li', {}, [d.name, d.city].filter(Boolean).join(', ') || JSON.stringify(d)))));
  }
  if (p.incident) box.append(h('p', {}, t('error.incident', { id: p.incident })));
  if (err?.status === 401 && !ui.me && location.pathname !== '/signin' && !location.hash.includes('token=')) {
    box.append(h('p', {}, signInLink()));
  }
  return box;
}

function errorTitle(err, p) {
  // a wrong password is a 401 too: "sign in first" would be the wrong words on the sign-in form,
  // and on an invitation's page (its account's password, or a new account's name, is what is wrong)
  if (err?.status === 401 && (location.pathname === '/signin' || location.hash.includes('token='))) return t('error.signin');
  // the right password of a disabled account: the server's sentence (in the page's language) says
  // whom to ask, under the words of a sign-in that did not work, not "You are not allowed to do this"
  if (err?.status === 403 && String(p?.type || '').endsWith('/account-disabled')) return t('error.signin');
  // no answer in time, or a first sending still being recorded: their own words, set by request()
  if (p?.timeout || String(p?.type || '').endsWith('/request-in-progress')) return p.title;
  const byStatus = { 0: 'error.network', 400: 'error.400', 401: 'error.401', 403: 'error.403', 404: 'error.404', 409: 'error.409', 412: 'error.412', 413: 'error.413', 428: 'error.428', 429: 'error.429' };
  const key = byStatus[err?.status];
  return key ? t(key) : p.title || t('error.unexpected');
}

/**
 * A field's name in words: `levels[0]` is the levels' first entry, `fields.typeEtablissement` a
 * national profile's field (its label, once a profile was loaded), `email` the UI's own label.
 */
export function fieldName(field) {
  const m = /^(.*?)\[(\d+)\](.*)$/.exec(field);
  if (m) return fieldName(m[1]) + ' (' + (Number(m[2]) + 1) + ')' + (m[3] ? ' ' + fieldName(m[3].replace(/^\./, '')) : '');
  if (ui.fieldLabels[field]) return ui.fieldLabels[field]; // a national field or report question (fields.x, answers.y)
  const key = 'field.' + field;
  const s = t(key);
  if (s !== key) return s;
  // a text in several languages (title.fr): the field's name
  const lang = /^(fields|answers)\./.test(field) ? null : /^(.+)\.([a-z]{2})$/.exec(field);
  return lang && t('field.' + lang[1]) !== 'field.' + lang[1] ? t('field.' + lang[1]) + ' (' + languageName(lang[2]) + ')' : field;
}

/**
 * The label of the form's input named `name`, as the person reads it (a national profile renames
 * nationalId "Numéro UAI"); null for a checkbox or radio, whose label is an option or a sentence.
 */
export function labelIn(form, name) {
  const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
  if (!input || input.type === 'checkbox' || input.type === 'radio') return null;
  const label = input.labels?.[0]?.textContent.replace(/\s*\*$/, '').trim();
  return label || null;
}

/** Shows an error above a form and marks each named field invalid. */
// A number box holding text it cannot read ("1e") gives "" as its value: the forms, which check on
// the server (novalidate), would send "empty" and erase the stored number. Such a form is not
// sent: caught before any form's own handler, the box says why.
document.addEventListener('submit', (ev) => {
  const form = ev.target;
  const bad = [...form.querySelectorAll('input[type=number], input[data-decimal], input[data-whole]')]
    .map((input) => ({ input, why: unreadableNumber(input) })).filter((b) => b.why);
  if (!bad.length) return;
  ev.preventDefault();
  ev.stopImmediatePropagation();
  showProblem(form, new ApiError(400, { title: t('error.400'), errors: bad.map((b) => ({ field: b.input.name, message: t(b.why) })) }));
  bad[0].input.focus();
}, true);

/** Why a number's box holds what cannot be sent as it is (the message's key), or null. */
function unreadableNumber(input) {
  const text = input.value.trim();
  if (input.validity.badInput) return 'error.notANumber';
  if (!text) return null;
  if (input.dataset.decimal !== undefined) {
    const small = input.dataset.max !== undefined && Math.abs(Number(input.dataset.max)) < 1000;
    return decimalOf(text) === null ? 'error.notANumber' : !small && groupedLikeThousands(text) ? 'error.ambiguousNumber' : null;
  }
  if (input.dataset.whole !== undefined) return wholeDigits(text) === null ? 'error.notANumber' : null;
  return null;
}

/** The page's decimal mark: a comma in French, Spanish and German, a point in English. */
function decimalMark() {
  return ui.lang === 'en' ? '.' : ',';
}

/** A decimal's text with the page's mark (no grouping, which could be misread); '' for none. */
export function decimalText(value) {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'number' ? String(value).replace('.', decimalMark()) : String(value);
}

/**
 * A count as written, its digits alone: "1 250" (spaces group thousands in any language), "1,250"
 * on an English page, "1.250" on a German or Spanish one (a count has no decimals, so the mark can
 * only group thousands); null when it is no whole number ("21,5", "1.250" on an English page).
 */
function wholeDigits(text) {
  const s = String(text).trim();
  if (/^[-+]?\d+$/.test(s)) return s;
  const group = ui.lang === 'en' ? ',' : ui.lang === 'de' || ui.lang === 'es' ? '.' : null;
  for (const mark of ['[ \u00a0\u202f]', group && '\\' + group]) {
    if (mark && new RegExp('^[-+]?\\d{1,3}(' + mark + '\\d{3})+$').test(s)) return s.replace(new RegExp(mark, 'g'), '');
  }
  return null;
}

/**
 * Whether a decimal reads as a thousand in the page's language: "1,000" on an English page, "1.000"
 * on a German or Spanish one, where that mark groups thousands. decimalOf would read it as 1: the
 * person is asked to write it without the mark instead of being taken at a thousandth of their word.
 */
export function groupedLikeThousands(text) {
  const group = ui.lang === 'en' ? ',' : ui.lang === 'de' || ui.lang === 'es' ? '.' : null;
  const s = String(text).trim();
  return group !== null && new RegExp('^[-+\u2212]?[1-9]\\d{0,2}\\' + group + '\\d{3}$').test(s);
}

/** A whole number's box read (its text checked by unreadableNumber on submit): null when blank. */
export function wholeOf(text) {
  if (text === null || text === undefined || String(text).trim() === '') return null;
  const digits = wholeDigits(text);
  return digits === null ? Number(String(text).trim()) : Number(digits);
}

/**
 * A decimal as a person writes it, with a point or a comma ("48,14" in French, Spanish, German):
 * the number, or null when the text is none. A number box would read "48,14" as nothing, or as 4814.
 */
export function decimalOf(text) {
  const s = String(text).trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[-+\u2212]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return null;
  const n = Number(s.replace(',', '.').replace('\u2212', '-'));
  return Number.isFinite(n) ? n : null;
}

/** "Title (French)" for title.fr when the form has one box named title; null otherwise. */
function labelInLanguage(form, field) {
  const m = /^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)$/.exec(field);
  const label = m ? labelIn(form, m[1]) : null;
  return label ? label + ' (' + languageName(m[2]) + ')' : null;
}

/**
 * Before anything is sent: says beside each field of `names` left blank in `form` that it must be
 * filled in, in the page's words; true when one was (the caller then sends nothing).
 */
export function showMissing(form, names) {
  const wrong = names.filter((name) => !form.querySelector(`[name="${CSS.escape(name)}"]`).value.trim())
    .map((field) => ({ field, message: t('resources.required') }));
  if (wrong.length) showProblem(form, new ApiError(400, { errors: wrong }));
  return wrong.length > 0;
}

/** The input an error's field names: itself, else its list or text in several languages (levels[0]: the levels; title.fr: the title). */
function inputOf(form, field) {
  const name = String(field).replace(/\[\d+\]$/, '').replace(/\.[a-z]{2}$/, '');
  return form.querySelector(`[name="${CSS.escape(field)}"]`) || form.querySelector(`[name="${CSS.escape(name)}"]`);
}

export function showProblem(form, err, slot) {
  const target = slot || form.querySelector('.form-status') || form;
  clearProblem(form);
  // the errors in the order of the form's fields, as the person reads it (the API's is its own)
  const listed = err?.problem?.errors;
  if (err instanceof ApiError && Array.isArray(listed) && listed.length > 1) {
    const fields = [...form.elements];
    const at = (e) => { const i = fields.indexOf(inputOf(form, e.field)); return i < 0 ? fields.length : i; };
    err = new ApiError(err.status, { ...err.problem, errors: [...listed].sort((a, b) => at(a) - at(b)) });
  }
  // the list names each field as the form labels it, not with the UI's generic word; a text in one
  // language of several (title.fr) by the label of the box it was typed in, and the language
  target.replaceChildren(problemView(err, (f) => labelIn(form, f) || labelInLanguage(form, f) || fieldName(f)));
  for (const e of err?.problem?.errors || []) {
    const input = inputOf(form, e.field);
    const id = 'err-' + Math.random().toString(36).slice(2);
    const message = h('span', { class: 'field-error', id }, e.message);
    if (!input) {
      // a group without an input of its name (a list metric with no row yet: metrics.waste)
      const set = form.querySelector(`fieldset[data-metric="${CSS.escape(e.field)}"]`);
      if (set) {
        set.setAttribute('aria-invalid', 'true');
        set.setAttribute('aria-describedby', id);
        set.querySelector('legend').insertAdjacentElement('afterend', message);
      }
      continue;
    }
    // a group of checkboxes gets its message under the legend, for the group, not in one box's label;
    // a lone checkbox (a consent) gets it on itself, after its label
    const box = input.type === 'checkbox' || input.type === 'radio';
    const alone = box && form.querySelectorAll(`[name="${CSS.escape(input.name)}"]`).length === 1;
    const group = box && !alone ? input.closest('fieldset') : null;
    if (group) {
      group.setAttribute('aria-invalid', 'true');
      group.setAttribute('aria-describedby', id);
      group.querySelector('legend').insertAdjacentElement('afterend', message);
    } else {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.dataset.help, id].filter(Boolean).join(' '));
      (alone ? input.closest('label') || input : input).insertAdjacentElement('afterend', message);
    }
  }
  target.focus?.();
}

/**
 * Runs a request with its button disabled, so a second click on a slow connection sends nothing
 * twice; the button comes back once the answer (or the error) is there. A click while it runs is
 * ignored (as is Enter in the form). Meanwhile the button says so ("Sending…"; "Loading…" on a
 * "Show more", which only reads), and its own words come back after.
 */
export async function whileBusy(button, work, busyText) {
  if (button.dataset.busy) return undefined;
  // a disabled button loses the focus: it comes back to it, unless the work put it elsewhere
  const focused = document.activeElement === button;
  const words = [...button.childNodes];
  const busy = document.createTextNode(busyText ?? t(button.textContent.trim() === t('dir.more') ? 'app.loading' : 'app.sending'));
  button.dataset.busy = 'true';
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.replaceChildren(busy);
  try {
    return await work();
  } finally {
    delete button.dataset.busy;
    button.disabled = false;
    button.removeAttribute('aria-busy');
    // unless the work gave the button other words (drawn again in another language, say)
    if (button.childNodes.length === 1 && button.firstChild === busy) button.replaceChildren(...words);
    if (focused && button.isConnected && (document.activeElement === document.body || !document.activeElement)) button.focus();
  }
}

/** A page that needs a signed-in person: its title and a link to sign in and come back. */
/**
 * Remove, asked once more in the row of `button`: *Keep it* is focused, so that Enter twice removes
 * nothing. `url` is the item's address, `revision` the one read (If-Match). `words` says each
 * sentence, a node or text: `ask` (the question), `yes` and `keep` (the buttons), `removed`,
 * `changed(fresh)` and `gone` (someone else changed or removed it meanwhile). `done(fresh, sentence)`:
 * removed (fresh null), or changed (fresh: it now) or removed meanwhile, to show as it is now; a
 * failure to reach the server leaves the row as it was, with the reason, the focus on the button.
 * `attrs` marks the two buttons for tests ({ yes: {...}, keep: {...} }).
 */
export function askRemovalInRow(button, { url, revision, words, attrs = {} }, done) {
  const row = button.parentElement;
  const before = [...row.childNodes].filter((n) => !n.classList?.contains('error'));
  const question = h('span', {}, words.ask);
  const yes = h('button', { type: 'button', ...attrs.yes }, words.yes);
  const keep = h('button', { type: 'button', class: 'secondary', ...attrs.keep }, words.keep);
  keep.addEventListener('click', () => { row.replaceChildren(...before); button.focus(); });
  yes.addEventListener('click', () => whileBusy(yes, async () => {
    try {
      await api('DELETE', url, undefined, { 'If-Match': `"${revision}"` });
    } catch (e) {
      if (e.status === 412 || e.status === 404) {
        // changed or removed meanwhile: shown as it is now, to remove again knowingly
        const fresh = await api('GET', url).catch(() => null);
        return done(fresh, fresh ? words.changed(fresh) : words.gone);
      }
      row.replaceChildren(...before, problemView(e));
      button.focus();
      return undefined;
    }
    return done(null, words.removed);
  }));
  row.replaceChildren(question, ' ', yes, keep);
  announce(question.textContent);
  keep.focus();
}

export function signInPrompt(title) {
  return [h('h1', {}, title), ui.sessionEnded ? h('p', { class: 'notice', role: 'status' }, t('error.sessionEnded')) : null,
    h('p', {}, t('portal.signIn'), ' ', signInLink())];
}

/** "Sign in", coming back to this page afterwards. */
function signInLink() {
  return h('a', { href: '/signin?next=' + encodeURIComponent(location.pathname + location.search) }, t('nav.signin'));
}

/** Takes away what showProblem put on a form (after a successful save, say). */
export function clearProblem(form) {
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const help = el.dataset?.help;
    if (help) el.setAttribute('aria-describedby', help);
    else el.removeAttribute('aria-describedby');
  });
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  const status = form.querySelector('.form-status');
  if (status) status.replaceChildren();
}

// ---------- DOM ----------
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

let fieldSeq = 0;
/** A labelled input (or select/textarea when given `options` / `multiline`). */
export function field(label, name, opts = {}) {
  const id = opts.id || 'f-' + name.replace(/\W/g, '-') + '-' + ++fieldSeq;
  let input;
  if (opts.options) {
    input = h('select', { id, name, required: opts.required }, ...(opts.empty !== undefined ? [h('option', { value: '' }, opts.empty)] : []),
      ...opts.options.map(([v, l]) => h('option', { value: v, selected: String(opts.value ?? '') === String(v) }, l)));
  } else if (opts.multiline) {
    input = h('textarea', { id, name, rows: 3, required: opts.required, maxlength: opts.maxLength }, opts.value ?? '');
  } else {
    // `number`: 'whole' (a count) or 'decimal' (a coordinate, a measure) in a text box, with its
    // keypad on a phone: a number box drops a typed comma without a word ("35,5" is sent as 355).
    // The submit check above says what it cannot read (unreadableNumber), the server the range.
    // A decimal is shown with the page's mark (14,7886 on a French page); `max` below 1000 (a
    // coordinate) means 12.345 cannot be a thousand, so it is not asked again.
    input = opts.number
      ? h('input', { id, name, type: 'text', value: opts.number === 'decimal' ? decimalText(opts.value) : opts.value ?? '', required: opts.required,
        autocomplete: 'off', inputmode: opts.number === 'whole' ? 'numeric' : 'decimal', [opts.number === 'whole' ? 'data-whole' : 'data-decimal']: '',
        'data-max': opts.max })
      : h('input', { id, name, type: opts.type || 'text', value: opts.value ?? '', required: opts.required, autocomplete: opts.autocomplete,
        min: opts.min, max: opts.max, step: opts.step, pattern: opts.pattern, maxlength: opts.maxLength, inputmode: opts.inputmode });
  }
  const helpId = opts.help ? id + '-help' : null;
  if (helpId) {
    input.setAttribute('aria-describedby', helpId);
    input.dataset.help = helpId;
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label + (opts.required ? ' *' : '')), input,
    helpId ? h('span', { class: 'help', id: helpId }, opts.help) : null);
}

/** A group of checkboxes with a legend. */
export function checks(legend, name, options, selected = []) {
  return h('fieldset', {}, h('legend', {}, legend), h('div', { class: 'checks' },
    ...options.map(([v, l]) => h('label', {}, h('input', { type: 'checkbox', name, value: v, checked: selected.includes(v) }), ' ', l))));
}

/**
 * A one-time link to hand over (the platform sends no email): the link and a button that copies
 * it; where the browser refuses the clipboard, the link is selected for copying by hand.
 */
export function linkToPass(link) {
  const code = h('code', { class: 'link' }, link);
  const said = h('span', { class: 'meta', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary copy-link' }, t('link.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link);
      said.textContent = t('link.copied');
    } catch (e) {
      getSelection().selectAllChildren(code);
      said.textContent = t('link.selected');
    }
  });
  return h('div', { class: 'link-box' }, code, copy, said);
}

export function announce(text) {
  const el = document.getElementById('announce');
  el.textContent = '';
  setTimeout(() => { el.textContent = text; }, 50);
}

/** "1 school", "2 schools" in the UI's language: keys `<base>.one`, `<base>.other`... (Intl.PluralRules). */
export function plural(base, n, vars = {}) {
  const key = `${base}.${new Intl.PluralRules(ui.lang).select(n)}`;
  return t(t(key) === key ? `${base}.other` : key, { n: formatNumber(n), ...vars });
}

export function formatNumber(n) {
  return n === null || n === undefined ? '' : new Intl.NumberFormat(ui.lang).format(n);
}

export function formatDate(s, dateStyle = 'medium') {
  if (!s) return '';
  const d = new Date(s);
  if (isNaN(d)) return s;
  // A day (2026-01-01) is read by Date as UTC midnight: shown in UTC it stays that day wherever
  // the reader is; an instant is shown with its time in the reader's zone. An instant at UTC
  // midnight to the nanosecond is a day too: a backdated certification ("member since"), which
  // west of UTC read as the evening before.
  const day = s.length <= 10 || /T00:00:00(\.0+)?Z$/.test(s);
  const text = new Intl.DateTimeFormat(ui.lang, { dateStyle, timeStyle: day ? undefined : 'short',
    timeZone: day ? 'UTC' : undefined }).format(d);
  return dateStyle === 'long' || dateStyle === 'full' ? firstOfMonth(text) : text;
}

/** A date in words as French writes the first of a month: "1er décembre" (Intl writes "1 décembre"). */
export function firstOfMonth(text) {
  return ui.lang === 'fr' ? text.replace(/(^|\s)1(?= \p{L})/u, '$11er') : text;
}

/**
 * The calendar day (UTC, as the server counts it) of an instant that stands for a day, such as a
 * certification; `dateStyle` 'long' writes it in full, as a certificate does.
 */
export function formatDay(instant, dateStyle = 'medium') {
  return instant ? formatDate(String(instant).slice(0, 10), dateStyle) : '';
}

/** Today in the reader's own zone, as YYYY-MM-DD (a date input's value and bounds). */
export function localToday() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

const profiles = new Map(); // country and language -> the profile (null: none), for this page load
const untranslated = new Map(); // page language + '|' + a profile's text -> the profile's language, where the text is in it

/**
 * A country's active national profile in the UI's language (null when it has none), read once per
 * page load and language; its field and report-question labels name them in error messages.
 */
export async function loadProfile(iso2) {
  if (!iso2) return null;
  // the list of countries (read once per page load and language) says which have a profile: no
  // request, and no 404 in the browser's console, for the others
  if (!ui.countries) await countries().catch(() => null); // unread: the profile is asked for anyway
  if (ui.countries && !ui.countries.some((c) => c.iso2 === iso2 && c.profile !== false)) return null;
  const key = iso2 + '|' + ui.lang;
  if (!profiles.has(key)) {
    profiles.set(key, readProfile(iso2, ui.lang).catch((e) => {
      if (e.status === 404) return null; // no national profile for this country (or not installed)
      profiles.delete(key); // a network failure: asked again next time
      throw e;
    }));
  }
  const profile = await profiles.get(key);
  // error messages name a national field or report question by its label, in the language shown now (fieldName)
  for (const f of profile?.fields || []) ui.fieldLabels['fields.' + f.key] = localized(f.label) || f.key;
  for (const q of profile?.reportQuestions || []) ui.fieldLabels['answers.' + q.key] = localized(q.label) || q.key;
  return profile;
}

/**
 * A profile in `lang`. The server gives a text the profile has not translated in the profile's
 * own language: read in that language too, such texts are noted (profileLang) to carry its `lang`.
 */
async function readProfile(iso2, lang) {
  const path = '/api/v1/countries/' + iso2 + '/profile';
  const profile = await api('GET', path, undefined, { 'Accept-Language': lang });
  const own = profile?.language;
  if (own && own !== lang) {
    const original = await api('GET', path, undefined, { 'Accept-Language': own }).catch(() => null);
    if (original && !profiles.has(iso2 + '|' + own)) profiles.set(iso2 + '|' + own, Promise.resolve(original));
    for (const text of profileTexts(original)) untranslated.set(lang + '|' + text, own);
  }
  return profile;
}

/** Every text of a profile: labels and help of its fields and questions, options, units, stages. */
function profileTexts(p) {
  if (!p) return [];
  const fields = [...(p.fields || []), ...(p.reportQuestions || [])];
  return [...fields.flatMap((f) => [f.label, f.help, ...(f.options || []).map((o) => o.label)]), ...(p.units || []).map((u) => u.name),
    ...(p.ladder?.stages || []).map((st) => st.label), ...Object.values(p.labels || {})].filter((x) => typeof x === 'string');
}

/** The language of a national profile's text when it is not the page's (an untranslated label), else null. */
export function profileLang(text) {
  return untranslated.get(ui.lang + '|' + text) || null;
}

/** A national profile's text, in a span with its `lang` when that is not the page's. */
export function profileText(text) {
  const lang = profileLang(text);
  return lang ? h('span', { lang }, text) : text;
}

/** The labels, legends, help and options in `box` that are a profile's untranslated texts get their `lang`. */
export function markProfileTexts(box) {
  for (const el of box?.querySelectorAll('label, legend, option, .help') || []) {
    const lang = profileLang(el.textContent.trim().replace(/ \*$/, '')); // a required field's label ends with " *"
    if (lang) el.setAttribute('lang', lang);
  }
  return box;
}

/** Puts a profile's text into an element, with the `lang` it is in. */
export function setProfileText(el, text) {
  el.textContent = text;
  const lang = profileLang(text);
  if (lang) el.setAttribute('lang', lang);
  else el.removeAttribute('lang');
}

let countriesAsked = null; // the request on its way (and its language), shared by those who ask meanwhile

/** The installed campaign modules, each named in the page's language; [] when they cannot be read (names fall back to keys). */
export function campaignModules() {
  return api('GET', '/api/v1/campaign-modules').then((r) => r.items || []).catch(() => []);
}

/** A campaign module's name among `modules` ("Trash Hack"), else its key ("trash-hack"). */
export function moduleName(modules, key) {
  return modules.find((m) => m.key === key)?.name || key;
}

export async function countries() {
  if (!ui.countries) {
    const lang = ui.lang;
    if (countriesAsked?.lang !== lang) {
      const asked = { lang, answer: api('GET', '/api/v1/countries').finally(() => { if (countriesAsked === asked) countriesAsked = null; }) };
      countriesAsked = asked;
    }
    try {
      const items = (await countriesAsked.answer).items;
      if (lang !== ui.lang) return items; // the language changed meanwhile: shown, not kept
      ui.countries = items;
    } catch (e) {
      return []; // not kept: the next page asks again once the connection is back
    }
  }
  return ui.countries;
}

export function countryName(iso2) {
  return ui.countries?.find((c) => c.iso2 === iso2)?.name || iso2;
}

export function statusLabel(s) {
  return t('status.' + s);
}

/** A horizontal bar chart in SVG: rows [{label, values:[n, n2?]}], series names for the legend. */
/** `text` in at most two lines of at most `width` characters, broken between words; what is left over ends in "…". */
function labelLines(text, width) {
  const label = String(text ?? '');
  if (label.length <= width) return [label];
  const words = label.split(/\s+/);
  let first = '';
  while (words.length && (first ? first.length + 1 + words[0].length : words[0].length) <= width) first += (first ? ' ' : '') + words.shift();
  if (!first) first = words.shift().slice(0, width - 1) + '…'; // one word longer than a line
  const rest = words.join(' ');
  return rest ? [first, rest.length > width ? rest.slice(0, width - 1) + '…' : rest] : [first];
}

export function barChart(title, rows, series = []) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  // a long label ("Éducation au développement durable") on two lines of its words, not cut
  const lines = rows.map((r) => labelLines(r.label, 28));
  const twoLines = lines.some((l) => l.length > 1);
  const labelW = 190, barW = 260, rowH = series.length > 1 || twoLines ? 30 : 22, width = labelW + barW + 60;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${rows.length * rowH + 4}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', '');
  const el = (tag, attrs, text) => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    const label = el('text', { x: labelW - 6, y: lines[i].length > 1 ? y + 10 : y + 13, 'text-anchor': 'end' });
    lines[i].forEach((line, n) => label.append(el('tspan', { x: labelW - 6, dy: n ? 13 : 0 }, line)));
    svg.append(label);
    r.values.forEach((v, j) => {
      const bh = series.length > 1 ? 12 : 16;
      const w = Math.max(v > 0 ? 2 : 0, (v / max) * barW);
      svg.append(el('rect', { x: labelW, y: y + j * 13, width: w, height: bh, class: j ? 'bar2' : 'bar' }));
      svg.append(el('text', { x: labelW + w + 4, y: y + j * 13 + 12 }, formatNumber(v)));
    });
  });
  const id = 'chart-' + ++fieldSeq;
  svg.setAttribute('aria-labelledby', id);
  // The same figures as a table for screen readers and for copying.
  const table = h('div', { class: 'visually-hidden' }, h('table', {}, h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, title), ...(series.length ? series : [t('stats.value')]).map((s) => h('th', { scope: 'col' }, s)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), ...r.values.map((v) => h('td', {}, formatNumber(v))))))));
  return h('figure', {}, h('figcaption', { id }, h('strong', {}, title)),
    series.length > 1 ? h('div', { class: 'legend', 'aria-hidden': 'true' }, ...series.map((s, j) => h('span', {}, h('span', { class: 'swatch ' + (j ? 'bar2' : 'bar'), style: null }), s))) : null,
    svg, table);
}

// ---------- session ----------
export function hasRole(role) {
  return !!ui.me?.roles?.some((r) => r.role === role);
}

// The server sets this readable cookie beside the (HttpOnly) session cookie, with the same
// lifetime: without it nobody is signed in, and asking /api/v1/me would only answer 401.
const SIGNED_IN = 'aspnet_signed_in';
function maybeSignedIn() {
  return document.cookie.split(';').some((c) => c.trim().startsWith(SIGNED_IN + '=1'));
}

async function loadMe() {
  ui.me = null;
  ui.csrf = null;
  if (!maybeSignedIn()) return;
  try {
    ui.me = await api('GET', '/api/v1/me');
    ui.csrf = ui.me.csrfToken || null;
  } catch (e) {
    if (isNetworkError(e)) throw e; // unknown, not signed out: the start is tried again
    if (e.status === 401) document.cookie = SIGNED_IN + '=; Path=/; Max-Age=0; SameSite=Lax'; // ended or revoked
  }
}

export async function signIn(email, password) {
  const r = await api('POST', '/api/v1/auth/login', { email, password });
  ui.csrf = r.csrfToken;
  ui.me = r.account;
  ui.sessionEnded = false;
  renderChrome();
  return r;
}

export async function signOut() {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch (e) {
    // the session may be gone already; the visitor is signed out either way
  }
  ui.me = null;
  ui.csrf = null;
  ui.sessionEnded = false; // signed out on purpose: nothing "ended"
  forgetDrafts();
  renderChrome();
  navigate('/');
}

export function homeOf(me) {
  if (!me) return '/';
  const roles = (me.roles || []).map((r) => r.role);
  if (roles.includes('HQ_OFFICER')) return '/console/hq';
  if (roles.includes('NATIONAL_COORDINATOR') || roles.includes('SUBNATIONAL_COORDINATOR')) return '/console/nc';
  if (roles.includes('SCHOOL_FOCAL_POINT') || roles.includes('SCHOOL_STAFF')) return '/portal';
  if (roles.includes('PLATFORM_ADMIN')) return '/console/hq';
  const moderated = moderatedCampaigns(me);
  if (moderated.length) return moderated.length === 1 ? `/campaigns/${moderated[0]}/moderation` : '/campaigns';
  return '/apply';
}

/** The campaigns this person coordinates (a campaign coordinator's grants), by id. */
function moderatedCampaigns(me) {
  return [...new Set((me?.roles || []).filter((r) => r.role === 'CAMPAIGN_COORDINATOR' && r.campaign != null).map((r) => String(r.campaign)))];
}

// ---------- navigation ----------
function navEntries() {
  const entries = [['/', t('nav.home')], ['/schools', t('nav.directory')], ['/map', t('nav.map')], ['/stats', t('nav.stats')], ['/campaigns', t('nav.campaigns')],
    ['/days', t('nav.days')]];
  if (ui.me) {
    const roles = (ui.me.roles || []).map((r) => r.role);
    if (roles.includes('SCHOOL_FOCAL_POINT') || roles.includes('SCHOOL_STAFF') || roles.length === 0) entries.push(['/portal', t('nav.portal')]);
    if (roles.includes('NATIONAL_COORDINATOR') || roles.includes('SUBNATIONAL_COORDINATOR') || roles.includes('HQ_OFFICER')) entries.push(['/console/nc', t('nav.nc')]);
    if (roles.includes('HQ_OFFICER') || roles.includes('PLATFORM_ADMIN')) entries.push(['/console/hq', t('nav.hq')]);
    // a campaign coordinator's work is the reports to moderate (of their one campaign; else the list leads to each)
    const moderated = moderatedCampaigns(ui.me);
    if (moderated.length === 1) entries.push([`/campaigns/${moderated[0]}/moderation`, t('nav.moderation')]);
  }
  for (const p of ui.pages) {
    const a = p.audience || 'public';
    if (a === 'public' || (a === 'signed-in' && ui.me) || hasRole(a)) entries.push(['/p/' + p.path, p.labels?.[ui.lang] || p.labels?.en || p.path]);
  }
  return entries;
}

export function renderChrome() {
  const list = document.getElementById('nav-list');
  list.replaceChildren(...navEntries().map(([href, label]) => h('li', {}, h('a', { href }, label))));
  markCurrent();
  const account = document.getElementById('account');
  if (ui.me) {
    account.replaceChildren(h('a', { class: 'who', href: '/account', title: t('account.title') }, ui.me.name || ui.me.email), ' ',
      h('button', { type: 'button', class: 'linkish', id: 'signout', onclick: signOut }, t('nav.signout')));
  } else {
    account.replaceChildren(h('a', { href: '/signin', id: 'signin-link' }, t('nav.signin')), ' ', h('a', { href: '/register' }, t('nav.register')));
  }
  document.getElementById('brand').setAttribute('aria-label', t('title'));
}

function markCurrent() {
  const path = location.pathname;
  for (const a of document.querySelectorAll('#nav a')) {
    const href = a.getAttribute('href');
    const current = href === '/' ? path === '/' : path === href || path.startsWith(href + '/');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

const routes = [
  [/^\/$/, () => home()],
  [/^\/schools$/, () => directory()],
  [/^\/schools\/(\d+)$/, (m) => schoolPage(m[1])],
  [/^\/map$/, () => import('./map.js').then((x) => x.mapPage())],
  [/^\/stats$/, () => statsView()],
  [/^\/certificates$/, () => certificatePage(null)],
  [/^\/certificates\/([^/]+)$/, (m) => certificatePage(decodeURIComponent(m[1]))],
  [/^\/certificates\/([^/]+)\/print$/, (m) => import('./certificate.js').then((x) => x.certificatePrint(decodeURIComponent(m[1])))],
  [/^\/campaigns$/, () => import('./campaigns.js').then((x) => x.campaignsPage())],
  [/^\/campaigns\/([\w.-]+)$/, (m) => import('./campaigns.js').then((x) => x.campaignPage(m[1]))],
  [/^\/campaigns\/([\w.-]+)\/moderation$/, (m) => import('./campaigns.js').then((x) => x.moderationPage(m[1]))],
  [/^\/days$/, () => import('./days.js').then((x) => x.daysPage())],
  [/^\/signin$/, () => signInPage()],
  [/^\/register$/, () => registerPage()],
  [/^\/forgot-password$/, () => forgotPage()],
  [/^\/apply$/, () => import('./portal.js').then((x) => x.applyPage())],
  [/^\/portal$/, () => import('./portal.js').then((x) => x.portalPage())],
  [/^\/console\/nc$/, () => import('./console.js').then((x) => x.ncConsole())],
  [/^\/console\/hq$/, () => import('./console.js').then((x) => x.hqConsole())],
  [/^\/accept-invitation$/, () => tokenPage('invitation')],
  [/^\/reset-password$/, () => tokenPage('reset')],
  [/^\/account$/, () => accountPage()],
  [/^\/p\/([\w-]+)$/, (m) => pluginPage(m[1])],
];

let renderSeq = 0;
export async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  markCurrent();
  main.setAttribute('aria-busy', 'true');
  // on a slow connection, say that the next page is on its way rather than show the old one as if nothing happened
  const first = main.querySelector(':scope > .loading'); // index.html's, in English until the strings are there
  if (first) first.textContent = t('app.loading');
  const loading = setTimeout(() => {
    if (seq === renderSeq && !main.querySelector(':scope > .loading')) main.prepend(h('p', { class: 'loading', role: 'status' }, t('app.loading')));
  }, 400);
  const route = routes.find(([re]) => re.test(location.pathname));
  const signedIn = !!ui.me;
  try {
    const view = route ? await route[1](location.pathname.match(route[0])) : notFound();
    if (seq !== renderSeq) return;
    // the session ended while the page was read: what it got was the public's, not the person's
    // (a console's "Nothing to review"); drawn again as the signed-out page it now is
    if (signedIn && !ui.me) return render();
    main.replaceChildren(...[view].flat().filter((x) => x !== null && x !== undefined));
    findDrafts();
    openDraftSections();
  } catch (e) {
    if (seq !== renderSeq) return;
    if (signedIn && !ui.me) return render(); // as above
    if (e instanceof SyntaxError && reloadForNewRelease()) return;
    // what the address names does not exist (or is not public): a page that says so, not an error
    if (e instanceof ApiError && e.status === 404) main.replaceChildren(...notFound(location.pathname));
    else main.replaceChildren(h('h1', {}, t('error.title')), isNetworkError(e) ? retryView(e, render) : problemView(e));
  } finally {
    clearTimeout(loading);
    if (seq === renderSeq) main.removeAttribute('aria-busy');
  }
  const heading = main.querySelector('h1');
  document.title = (heading ? heading.textContent + ' – ' : '') + 'ASPnet';
  main.dataset.ready = String(seq);
}

/**
 * A page's module that does not fit the page's app.js (a SyntaxError: "does not provide an export
 * named ..."): the platform was upgraded while this tab was open, and the module came from the new
 * release. The page is loaded again, with the new release's files (what was typed is kept as a
 * draft); at most once a minute, so that a module that fails for another reason does not loop.
 */
function reloadForNewRelease() {
  try {
    const last = Number(sessionStorage.getItem('aspnet.releaseReload')) || 0;
    if (Date.now() - last < 60000) return false;
    sessionStorage.setItem('aspnet.releaseReload', String(Date.now()));
  } catch {
    return false; // storage refused: no way to tell a loop apart
  }
  location.reload();
  return true;
}

/** What sums up a page's results (a console's count, its first queue's heading): the focus after Back or Forward. */
const RESULTS_FOCUS = '[data-results]';

/**
 * Shows `url` without reloading the app. The focus goes to the page, or to what `focus` selects
 * in it (a filter's results), so that a keyboard user is not sent back to the top.
 */
export function navigate(url, replace = false, focus = null) {
  // where the reader was on the page they leave, for Back (see the popstate listener)
  if (!replace) history.replaceState({ ...history.state, scrollY: window.scrollY }, '');
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render().then(() => {
    const main = document.getElementById('main');
    ((focus && main.querySelector(focus)) || main).focus({ preventScroll: false });
  });
}

/**
 * A filter form that shows its results as a link would, without reloading the app (a real
 * submission downloads it all again): its filled fields become the query of `path`.
 */
export function filtersNavigate(form, path, focus = null) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) q.set(k, v);
    navigate(path + (q.toString() ? '?' + q : ''), false, focus);
  });
  return form;
}

function notFound(path = '') {
  if (path.startsWith('/schools/')) {
    return [h('h1', {}, t('notfound.schoolTitle')), h('p', {}, t('notfound.school')),
      h('p', {}, h('a', { href: '/schools' }, t('notfound.toDirectory')))];
  }
  return [h('h1', {}, t('notfound.title')), h('p', {}, t('notfound.text')), h('p', {}, h('a', { href: '/' }, t('nav.home')))];
}

// ---------- public pages ----------
async function home() {
  const view = [h('h1', {}, t('home.title')), h('p', { class: 'lead' }, t('home.lead'))];
  try {
    const stats = await api('GET', '/api/v1/stats');
    const countriesWithMembers = (stats.byCountry || []).filter((c) => c.members > 0).length;
    view.push(h('section', { 'aria-labelledby': 'kf' }, h('h2', { id: 'kf' }, t('home.figures')),
      h('ul', { class: 'figures' },
        h('li', {}, h('strong', {}, formatNumber(stats.members)), t('home.members')),
        h('li', {}, h('strong', {}, formatNumber(countriesWithMembers)), t('home.countries')),
        h('li', {}, h('strong', {}, formatNumber(stats.candidates)), t('home.candidates')),
        h('li', {}, h('strong', {}, formatNumber((stats.byRegion || []).length)), t('home.regions')))));
    view.push(barChart(t('stats.byRegion'), (stats.byRegion || []).map((r) => ({ label: t('region.' + r.region), values: [r.members] }))));
  } catch (e) {
    view.push(problemView(e));
  }
  view.push(h('section', { 'aria-labelledby': 'go' }, h('h2', { id: 'go' }, t('home.explore')),
    h('ul', {}, h('li', {}, h('a', { href: '/schools' }, t('home.toDirectory'))), h('li', {}, h('a', { href: '/map' }, t('home.toMap'))),
      h('li', {}, h('a', { href: '/stats' }, t('home.toStats'))), h('li', {}, h('a', { href: '/apply' }, t('home.toApply'))),
      h('li', {}, h('a', { href: '/days' }, t('home.toDays'))), h('li', {}, h('a', { href: '/certificates' }, t('home.toCertificate'))))));
  return view;
}

/**
 * Checking a membership certificate: a form, and at /certificates/{number} (the address a printed
 * certificate can carry) the answer: valid, or no longer valid and why.
 */
async function certificatePage(number) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('cert.title') },
    field(t('cert.number'), 'number', { value: number || '', required: true, id: 'certificate-number', maxLength: 40,
      autocomplete: 'off', help: t('cert.help') }),
    h('button', { type: 'submit', id: 'certificate-check' }, t('cert.check')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const n = new FormData(form).get('number').trim();
    if (n) navigate('/certificates/' + encodeURIComponent(n));
  });
  const view = [h('h1', {}, t('cert.title')), form];
  if (!number) return view;
  let c;
  try {
    c = await api('GET', '/api/v1/certificates/' + encodeURIComponent(number.trim()));
    await countries(); // for the country's name
  } catch (e) {
    view.push(e.status === 404 ? h('div', { class: 'error', role: 'alert', id: 'certificate-result' },
      h('strong', {}, t('cert.unknown', { number: number.trim() })), h('p', {}, t('cert.unknownHelp'))) : problemView(e));
    return view;
  }
  // the official name and the city in their own script and direction (as the printed sheet has them):
  // a right-to-left name with Latin letters or digits is otherwise read in the wrong order
  const school = c.school ? [h('dt', {}, t('cert.school')), h('dd', { dir: 'auto', id: 'certificate-result-school' }, c.valid
    ? h('a', { href: '/schools/' + c.school.id }, c.school.name) : c.school.name),
    h('dt', {}, t('field.city')), h('dd', { dir: 'auto' }, c.school.city), h('dt', {}, t('field.country')), h('dd', {}, countryName(c.school.country))] : [];
  view.push(h('section', { class: c.valid ? 'notice' : 'error', role: 'status', id: 'certificate-result', 'data-valid': String(c.valid) },
    h('strong', {}, c.valid ? t('cert.valid', { number: c.number }) : t('cert.invalid', { number: c.number, status: t('status.' + c.status) })),
    h('dl', {}, ...school, c.certifiedAt ? [h('dt', {}, t('cert.certifiedAt')), h('dd', {}, formatDay(c.certifiedAt))] : [],
      !c.valid && c.endedAt ? [h('dt', {}, t('cert.endedAt')), h('dd', {}, formatDay(c.endedAt))] : []),
    // a valid certificate can be printed again (a lost one, a new copy for the entrance hall)
    c.valid && c.school ? h('p', {}, h('a', { href: '/certificates/' + encodeURIComponent(c.number) + '/print', id: 'certificate-print' },
      t('cert.printLink'))) : null));
  return view;
}

export const FILTERS = ['q', 'country', 'region', 'level', 'theme', 'language'];

/** The directory's orders (GET /api/v1/schools?sort=), beside its default (id: the oldest entries first). */
const SORTS = ['newest', 'name', 'city'];

/** The directory's order in the address (`sort=`), when it is one the API knows; '' for its default. */
function sortParam() {
  const sort = new URLSearchParams(location.search).get('sort') || '';
  return SORTS.includes(sort) ? sort : '';
}

/**
 * The directory's filter form; submitting it changes the address (shareable) and re-renders.
 * `sort`: with the directory's order (the map has none).
 */
export async function filterForm(target, { sort = false } = {}) {
  const params = new URLSearchParams(location.search);
  // the countries with schools to find (the public finds members only), not all 190-odd
  const listed = (c) => c.members > 0 || (ui.me && c.candidates > 0) || c.iso2 === params.get('country');
  const list = (await countries()).filter(listed);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('dir.filters') },
    field(t('dir.search'), 'q', { type: 'search', value: params.get('q') || '', id: 'q', maxLength: 100 }),
    field(t('field.country'), 'country', { value: params.get('country') || '', empty: t('dir.any'), options: list.map((c) => [c.iso2, c.name]), id: 'filter-country' }),
    field(t('field.region'), 'region', { value: params.get('region') || '', empty: t('dir.any'), options: REGIONS.map((r) => [r, t('region.' + r)]) }),
    field(t('field.levels'), 'level', { value: params.get('level') || '', empty: t('dir.any'), options: LEVELS.map((l) => [l, t('level.' + l)]) }),
    field(t('field.themes'), 'theme', { value: params.get('theme') || '', empty: t('dir.any'), options: THEMES.map((x) => [x, t('theme.' + x)]) }),
    sort ? field(t('dir.sort'), 'sort', { value: sortParam(), empty: t('dir.sort.id'), options: SORTS.map((x) => [x, t('dir.sort.' + x)]), id: 'filter-sort' }) : null,
    h('button', { type: 'submit', id: 'search-button' }, t('dir.searchButton')));
  return filtersNavigate(form, target);
}

export function filterQuery() {
  const params = new URLSearchParams(location.search);
  const q = new URLSearchParams();
  for (const k of FILTERS) if (params.get(k)) q.set(k, params.get(k));
  return q;
}

/**
 * Items shown side by side (tags: levels, themes) as separate words for a screen reader, which
 * would read "PreschoolPrimary": a comma between them that only it reads, the look unchanged.
 */
export function separated(items) {
  return items.filter((x) => x !== null && x !== undefined && x !== false)
    .flatMap((x, i) => (i ? [h('span', { class: 'visually-hidden' }, ', '), x] : [x]));
}

function schoolCard(s) {
  // names and cities in any script: each sets its own direction (an Arabic address with its number)
  return h('li', {}, h('h3', {}, h('a', { href: '/schools/' + s.id, dir: 'auto' }, s.name)),
    h('p', { class: 'meta' }, h('bdi', {}, s.city || ''), s.city ? ', ' : '', countryName(s.country)),
    h('p', { class: 'meta' }, ...separated((s.levels || []).map((l) => h('span', { class: 'tag' }, t('level.' + l))))),
    ui.me && s.status && s.status !== 'MEMBER' ? h('p', { class: 'meta' }, statusLabel(s.status)) : null);
}

async function directory() {
  // the results only announce their count (#announce): read aloud, a page of new cards would be too much
  const results = h('ul', { class: 'cards', id: 'results' });
  const status = h('p', { id: 'results-status' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  const q = filterQuery();
  // the order is the directory's own: the map's link leaves it out
  const sort = sortParam();
  let cursor = null;
  const page = (limit = 24) => api('GET', `/api/v1/schools?limit=${limit}&` + q + (sort ? '&sort=' + sort : '')
    + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
  /** Adds a page of schools; the first new card, or null when the page was refused (said in the status). */
  const show = async (asked) => {
    let answer;
    try {
      answer = await asked;
    } catch (e) {
      status.replaceChildren(problemView(e));
      return null;
    }
    const before = results.children.length;
    results.append(...answer.items.map(schoolCard));
    cursor = answer.next;
    more.hidden = !cursor;
    const n = results.children.length;
    // how many were shown, so that Back to this page shows them all again (not only the first 24)
    if (n > 24) history.replaceState({ ...history.state, dirShown: n }, '');
    status.textContent = n === 0 ? t('dir.none') : plural(cursor ? 'dir.shownMore' : 'dir.shown', n);
    announce(status.textContent);
    return results.children[before];
  };
  more.addEventListener('click', async () => {
    const first = await whileBusy(more, () => show(page()));
    // the last page hides the button: the focus goes on to the first new school
    if (more.hidden && first && (document.activeElement === document.body || !document.activeElement)) first.querySelector('a').focus();
  });
  // the schools and the country names (for the filters and the cards) are asked for at once; without
  // a connection the page says so and tries again (render), a refusal (a filter) is said under the form
  const shownBefore = Math.min(history.state?.dirShown || 24, 1000);
  const [form, first] = await Promise.all([filterForm('/schools', { sort: true }), page(Math.min(shownBefore, 100)).catch((e) => {
    if (isNetworkError(e)) throw e;
    return e;
  })]);
  await show(first instanceof Error ? Promise.reject(first) : first);
  while (cursor && results.children.length < shownBefore && await show(page(Math.min(shownBefore - results.children.length, 100))));
  return [h('h1', {}, t('dir.title')), form, h('p', {}, h('a', { href: '/map' + (q.toString() ? '?' + q : '') }, t('dir.onMap'))),
    h('h2', { class: 'visually-hidden' }, t('dir.results')), status, results, more];
}

async function schoolPage(id) {
  // its partner schools with it: a page without any shows nothing of them (nor when the list cannot be read)
  const [s, , partners] = await Promise.all([api('GET', '/api/v1/schools/' + id), countries(),
    api('GET', `/api/v1/partnerships?school=${encodeURIComponent(id)}&status=ACCEPTED&limit=100`).catch(() => null)]);
  const view = [h('h1', { dir: 'auto' }, s.name)];
  // without a national profile (or when it cannot be read), codes are shown as they are
  const profile = await loadProfile(s.country).catch(() => null);
  let dl = schoolDetails(s, profile);
  view.push(dl);
  if (s.latitude != null && s.longitude != null) view.push(h('p', {}, h('a', { href: '/map?country=' + s.country }, t('school.onMap'))));
  if (partners?.items?.length) view.push(partnerSchools(s.id, partners));
  const staff = (ui.me?.roles || []).some((r) => (r.role === 'SCHOOL_FOCAL_POINT' || r.role === 'SCHOOL_STAFF') && String(r.school) === String(s.id));
  if (staff) view.push(h('p', {}, h('a', { href: '/portal' }, t('school.manage'))));
  // the coordination part (and console.js with it) only for those who may coordinate this school
  if (ui.me?.roles?.some((r) => r.role === 'HQ_OFFICER' || (r.country === s.country && /COORDINATOR/.test(r.role)))) {
    const coordination = await import('./console.js');
    if (coordination.coordinates(s)) {
      const panel = await coordination.coordinatorPanel(s);
      // a profile saved in the panel: the details above show what is stored now
      panel.addEventListener('school-saved', (e) => {
        const saved = { ...s, ...e.detail };
        const fresh = schoolDetails(saved, profile);
        dl.replaceWith(fresh);
        dl = fresh;
        view[0].textContent = saved.name;
      });
      view.push(panel);
    }
  }
  return view;
}

/** A school's details as the page lists them; `profile`, its country's national profile (null: none), names its codes. */
function schoolDetails(s, profile) {
  const rows = [
    [t('field.city'), s.city], [t('field.country'), countryName(s.country)], [t('field.unit'), s.unit], [t('field.address'), s.address],
    [t('field.levels'), (s.levels || []).map((l) => t('level.' + l)).join(', ')],
    [t('field.themes'), (s.themes || []).map((x) => t('theme.' + x)).join(', ')],
    [t('field.languages'), (s.languages || []).map(languageName).join(', ')],
    [t('field.students'), formatNumber(s.students)], [t('field.teachers'), formatNumber(s.teachers)],
    [t('field.status'), statusLabel(s.status)], [t('field.email'), s.email], [t('field.nationalId'), s.nationalId],
  ];
  const dl = h('dl', { class: 'props' });
  // what the school wrote, in any script, sets its own direction (179 شارع الحمراء reads right to left)
  for (const [k, v] of rows) if (v) dl.append(h('dt', {}, k), h('dd', { dir: 'auto' }, v));
  if (s.website && /^https?:\/\//.test(s.website)) dl.append(h('dt', {}, t('field.website')), h('dd', {}, h('a', { href: s.website, rel: 'noopener nofollow' }, s.website)));
  if (profile) {
    // the profile's words for its unit, its labels and its options, not their codes
    const unit = (profile.units || []).find((u) => u.code === s.unit);
    const row = (label) => [...dl.querySelectorAll('dt')].find((dt) => dt.textContent === label);
    const unitRow = row(t('field.unit'));
    if (unitRow) {
      if (profile.labels?.unit) setProfileText(unitRow, profile.labels.unit);
      if (unit) setProfileText(unitRow.nextElementSibling, unit.name);
    }
    const idRow = row(t('field.nationalId'));
    if (idRow && profile.labels?.['school.nationalId']) setProfileText(idRow, profile.labels['school.nationalId']);
  }
  const fields = profile?.fields || [];
  for (const [k, v] of Object.entries(s.fields || {})) {
    const f = fields.find((x) => x.key === k);
    const option = (value) => profileText(localized(f?.options?.find((o) => o.value === value)?.label) || String(value));
    const label = localized(f?.label) || k;
    dl.append(h('dt', { lang: profileLang(label) }, label), h('dd', {}, ...(Array.isArray(v) ? v.flatMap((x, i) => (i ? [', ', option(x)] : [option(x)])) : [option(v)])));
  }
  return dl;
}

/** A school as a link to its page, with its city and its country's name (the names read first: countries()). */
export function schoolLink(s) {
  return [h('a', { href: '/schools/' + s.id, dir: 'auto' }, s.name),
    h('span', { class: 'meta' }, ' (', h('bdi', {}, s.city || ''), s.city ? ', ' : '', countryName(s.country), ')')];
}

export function partnershipStatus(status) {
  const key = 'partnership.' + status;
  return t(key) !== key ? t(key) : String(status || '');
}

/** "Partner schools" of a school page: its accepted partnerships (`first`, the first page), each the other school and the theme. */
function partnerSchools(id, first) {
  const list = h('ul', { class: 'partner-schools' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  let page = first;
  const load = pagedList({
    list,
    more,
    fetchPage: (after) => {
      const asked = page || api('GET', `/api/v1/partnerships?school=${encodeURIComponent(id)}&status=ACCEPTED&limit=100&cursor=${encodeURIComponent(after)}`);
      page = null;
      return asked;
    },
    draw: (p) => h('li', { 'data-partnership': String(p.id) }, ...schoolLink(String(p.proposer.id) === String(id) ? p.partner : p.proposer),
      p.theme ? ' – ' + t('theme.' + p.theme) : ''),
    counted: () => {},
    focusOf: (li) => li.querySelector('a'),
  });
  load();
  return h('section', { 'aria-labelledby': 'partner-schools', id: 'partners' }, h('h2', { id: 'partner-schools' }, t('school.partners')), list, more);
}

/** Which language of a text given per language is shown: the page's, else English, else the first. */
function shownLanguage(value) {
  return value[ui.lang] ? ui.lang : value.en ? 'en' : Object.keys(value)[0];
}

/**
 * Before a decision that may need a comment (a rejection): when `needed` and the box is empty,
 * the box is marked invalid and described by `message`, which says `words`, and takes the focus.
 * Returns whether the decision may go.
 */
export function commentGiven(comment, message, needed, words) {
  for (const attr of ['aria-invalid', 'aria-required', 'aria-describedby']) comment.removeAttribute(attr);
  if (!needed || comment.value.trim()) {
    // "Write a comment first" of the try before goes: it would stand while this one is on its way
    if (message.querySelector('.error')) message.replaceChildren();
    return true;
  }
  comment.setAttribute('aria-invalid', 'true');
  comment.setAttribute('aria-required', 'true');
  comment.setAttribute('aria-describedby', message.id);
  message.replaceChildren(h('p', { class: 'error', role: 'alert' }, words));
  comment.focus();
  // the message may sit below the buttons (a phone's card): brought on screen, the box stays in reach
  message.scrollIntoView?.({ block: 'nearest' });
  return false;
}

/** A campaign report's status in words (pending, approved, rejected). */
export function submissionStatus(status) {
  const key = 'submission.' + status;
  return t(key) !== key ? t(key) : String(status || '');
}

/**
 * A list shown page by page: `fetchPage(cursor)` answers `{items, next}`, `draw` makes each item's
 * element for `list`, `more` (a button) shows while there is a next page, and `counted(cursor)`
 * runs after each page (for the count). Returns the load of a page; the caller makes the first
 * one, the button the others, and on the last page the focus goes to the first new item
 * (`focusOf` picks what to focus in it).
 */
export function pagedList({ list, more, fetchPage, draw, counted, focusOf }) {
  let cursor = null;
  const load = async () => {
    const page = await fetchPage(cursor);
    const added = (page.items || []).map(draw);
    list.append(...added);
    cursor = page.next;
    more.hidden = !cursor;
    counted(cursor);
    return added;
  };
  more.addEventListener('click', () => whileBusy(more, async () => {
    try {
      const added = await load();
      if (more.hidden && added[0]) focusOf(added[0])?.focus();
    } catch (e) {
      more.after(problemView(e));
    }
  }));
  return load;
}

/**
 * A part of the portal that opens and closes: its summary is a heading of `level` (the page's
 * parts are found by heading), and its `id` lets a language switch open it again.
 */
export function disclosure(id, title, level = 3) {
  return h('details', { id }, h('summary', {}, h('h' + level, { class: 'summary-heading' }, title)));
}

/** A campaign module's phases by key, each its label in the page's language (else the key). */
export function phaseLabels(module) {
  return Object.fromEntries((module?.phases || []).map((p) => [p.key, localized(p.labels) || p.key]));
}

/** A text quoted as the page's language quotes (“...”, « ... », „...“). */
export function quoted(text) {
  return t('quoted', { text });
}

export function localized(value) {
  if (!value || typeof value === 'string') return value;
  return value[shownLanguage(value)];
}

/** `lang` for an element showing localized(value), when the text is in another language than the page. */
export function langOf(value) {
  if (!value || typeof value === 'string') return null;
  const lang = shownLanguage(value);
  return lang && lang !== ui.lang ? lang : null;
}

export function languageName(code) {
  try {
    return new Intl.DisplayNames([ui.lang], { type: 'language' }).of(code) || code;
  } catch (e) {
    return code;
  }
}

export async function statsView() {
  // on /stats a country may be chosen (?country=FR): its own figures, for its coordinator and its public
  const page = location.pathname === '/stats';
  const country = page ? (new URLSearchParams(location.search).get('country') || '').toUpperCase() : '';
  const [stats, list] = await Promise.all([api('GET', '/api/v1/stats' + (country ? '?country=' + encodeURIComponent(country) : ''))
    .catch((e) => (country && e.status === 400 ? null : Promise.reject(e))), countries()]);
  const picker = page ? filtersNavigate(h('form', { class: 'filters' },
    field(t('field.country'), 'country', { value: country, empty: t('stats.network'),
      options: list.map((c) => [c.iso2, countryName(c.iso2)]).sort((a, b) => a[1].localeCompare(b[1], ui.lang)) }),
    h('button', { type: 'submit' }, t('console.show'))), '/stats', 'h1') : null;
  const heading = (title) => [h('h1', { tabindex: '-1' }, title), ...(picker ? [picker] : [])];
  // a country the statistics do not know (a code typed into the address): said, and another one picked above
  if (!stats) return [...heading(t('stats.title')), h('p', { class: 'error', role: 'alert' }, t('stats.unknownCountry', { country }))];
  if (country) return [...heading(t('stats.title') + ' – ' + countryName(country)), ...await countryStats(country, stats)];
  const series = [t('home.members'), t('home.candidates')];
  const view = [...heading(t('stats.title')),
    h('div', { class: 'grid2' },
      barChart(t('stats.byRegion'), (stats.byRegion || []).map((r) => ({ label: t('region.' + r.region), values: [r.members, r.candidates] })), series),
      barChart(t('stats.byYear'), (stats.certificationsByYear || []).map((r) => ({ label: String(r.year), values: [r.certifications] })), [t('stats.certifications')]),
      barChart(t('stats.byLevel'), (stats.byLevel || []).map((r) => ({ label: t('level.' + r.level), values: [r.members, r.candidates] })), series),
      barChart(t('stats.byTheme'), (stats.byTheme || []).map((r) => ({ label: t('theme.' + r.theme), values: [r.members, r.candidates] })), series))];
  const top = [...(stats.byCountry || [])].sort((a, b) => b.members - a.members).slice(0, 15);
  view.push(barChart(t('stats.byCountry'), top.map((c) => ({ label: countryName(c.country), values: [c.members, c.candidates] })), series));
  return view;
}

/** One country's figures (GET /api/v1/stats?country=): its totals, its units by the profile's names, its statuses. */
async function countryStats(country, stats) {
  const profile = await loadProfile(country).catch(() => null);
  const unitName = Object.fromEntries((profile?.units || []).map((u) => [u.code, u.name]));
  const series = [t('home.members'), t('home.candidates')];
  const charts = [
    barChart(t('stats.byStatus'), (stats.byStatus || []).filter((r) => r.schools > 0).map((r) => ({ label: statusLabel(r.status), values: [r.schools] })),
      [t('stats.schools')]),
    barChart(t('stats.byYear'), (stats.certificationsByYear || []).map((r) => ({ label: String(r.year), values: [r.certifications] })), [t('stats.certifications')]),
    barChart(t('stats.byLevel'), (stats.byLevel || []).map((r) => ({ label: t('level.' + r.level), values: [r.members, r.candidates] })), series),
    barChart(t('stats.byTheme'), (stats.byTheme || []).map((r) => ({ label: t('theme.' + r.theme), values: [r.members, r.candidates] })), series)];
  if ((stats.byUnit || []).length) {
    charts.push(barChart(profile?.labels?.unit || t('field.unit'), stats.byUnit.map((r) => ({ label: unitName[r.unit] || r.unit, values: [r.members, r.candidates] }))
      .sort((a, b) => a.label.localeCompare(b.label, ui.lang)), series));
  }
  return [h('p', { class: 'lead' }, t('stats.countryLead', { members: plural('stats.countMembers', stats.members),
    candidates: plural('stats.countCandidates', stats.candidates) })),
    h('div', { class: 'grid2' }, ...charts),
    h('p', {}, h('a', { href: '/schools?country=' + encodeURIComponent(country) }, t('stats.countrySchools')))];
}

/** Where a sign-in leads: the page the sign-in link came from (`next`), else the person's own. */
function afterSignIn() {
  const next = new URLSearchParams(location.search).get('next');
  // a path of this site only, as the browser reads it ('//host', '/\\host' and '/<tab>/host' are
  // other sites): resolved against this origin, it must stay on it
  let url = null;
  try {
    url = next && next.startsWith('/') ? new URL(next, location.origin) : null;
  } catch (e) {
    url = null;
  }
  return url && url.origin === location.origin && !url.pathname.startsWith('/signin')
    ? url.pathname + url.search + url.hash : homeOf(ui.me);
}

function signInPage() {
  // signed in already (Back or Forward to it, a bookmark): on to where the sign-in would lead, in
  // place of the sign-in page, rather than an empty form
  if (ui.me) {
    queueMicrotask(() => navigate(afterSignIn(), true));
    return [];
  }
  const notice = ui.notice;
  ui.notice = null; // once
  const form = h('form', { novalidate: true, id: 'signin-form' },
    h('div', { class: 'form-status', tabindex: '-1' }, notice ? h('p', { class: 'notice', role: 'status' }, notice) : null),
    field(t('field.email'), 'email', { type: 'email', required: true, autocomplete: 'username', id: 'signin-email' }),
    field(t('field.password'), 'password', { type: 'password', required: true, autocomplete: 'current-password', id: 'signin-password' }),
    h('button', { type: 'submit', id: 'signin-submit' }, t('nav.signin')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      await signIn(data.email, data.password);
      // the sign-in page is replaced in the history: Back goes to the page before it
      navigate(afterSignIn(), true);
    } catch (e) {
      showProblem(form, e);
    }
    button.disabled = false;
  });
  return [h('h1', {}, t('signin.title')), form, h('p', { id: 'signin-forgot' }, h('a', { href: '/forgot-password' }, t('signin.forgot'))),
    h('p', {}, t('signin.noAccount'), ' ', h('a', { href: '/register' }, t('nav.register')))];
}

/**
 * "Forgot your password?": the owner asks for a reset link, which the platform emails to the
 * account's address. The answer is the same whether the email has an account or not; a platform
 * that sends no email says whom to ask instead (409).
 */
function forgotPage() {
  const result = h('div', { id: 'forgot-result', tabindex: '-1' });
  const form = h('form', { novalidate: true, id: 'forgot-form' }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.email'), 'email', { type: 'email', required: true, autocomplete: 'username', id: 'forgot-email' }),
    h('button', { type: 'submit', id: 'forgot-submit' }, t('forgot.submit')));
  const send = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const email = form.elements.email.value.trim();
    result.replaceChildren();
    await whileBusy(send, async () => {
      try {
        await api('POST', '/api/v1/password-resets/request', { email });
        clearProblem(form);
        result.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('forgot.sent', { email })));
        result.focus();
      } catch (e) {
        if (e.status === 409) {
          clearProblem(form);
          result.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('forgot.off')));
          result.focus();
        } else {
          showProblem(form, e);
        }
      }
    });
  });
  return [h('h1', {}, t('forgot.title')), h('p', {}, t('forgot.lead')), form, result,
    h('p', {}, h('a', { href: '/signin' }, t('nav.signin')))];
}

/**
 * What an invitation or a reset link's answer hands over: word that the platform emailed the link
 * to its recipient, or (a platform that sends no email) the link to pass on, after {@code done}.
 */
export function handedOver(r, done) {
  if (r.delivery === 'email') {
    return h('div', { class: 'notice', role: 'status' }, h('p', {}, t('mail.sent', { email: r.sentTo, until: formatDate(r.expiresAt) })));
  }
  return h('div', { class: 'notice', role: 'status' }, h('p', {}, done), linkToPass(location.origin + r.link));
}

function registerPage() {
  const form = h('form', { novalidate: true, id: 'register-form' },
    h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.name'), 'name', { required: true, autocomplete: 'name', id: 'register-name' }),
    field(t('field.email'), 'email', { type: 'email', required: true, autocomplete: 'email', id: 'register-email' }),
    field(t('field.password'), 'password', { type: 'password', required: true, autocomplete: 'new-password', help: t('register.passwordHelp'), id: 'register-password' }),
    h('button', { type: 'submit', id: 'register-submit' }, t('register.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button');
    let registered = false;
    await whileBusy(button, async () => {
      try {
        await api('POST', '/api/v1/accounts', { name: data.name, email: data.email, password: data.password, language: ui.lang });
        await signIn(data.email, data.password);
        registered = true;
      } catch (e) {
        showProblem(form, e);
      }
    });
    if (registered) {
      // it stays pressed while the next page loads: a second press would ask for the account again (409)
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      navigate('/apply');
    }
  });
  return [h('h1', {}, t('register.title')), h('p', {}, t('register.lead')), form];
}

/** The pages behind one-time links: accept an invitation (new account or new role), reset a password. */
function tokenPage(kind) {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    kind === 'invitation' ? field(t('field.name'), 'name', { autocomplete: 'name', help: t('accept.nameHelp') }) : null,
    // an invitation for an account that exists is accepted by its owner: signed in, or with its password
    field(t('field.password'), 'password', { type: 'password', required: !(kind === 'invitation' && ui.me), autocomplete: 'new-password',
      help: t(kind === 'invitation' ? 'accept.passwordHelp' : 'register.passwordHelp') }),
    h('button', { type: 'submit' }, t(kind === 'invitation' ? 'accept.submit' : 'reset.submit')));
  const send = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = Object.fromEntries(new FormData(form));
    // once: a link works once, and a second press on a slow connection would spend it for a 404
    await whileBusy(send, async () => {
      try {
        if (kind === 'invitation') await api('POST', '/api/v1/invitations/accept', { token, name: d.name || null, password: d.password || null });
        else await api('POST', '/api/v1/password-resets/accept', { token, password: d.password });
        const done = h('p', { class: 'notice', role: 'status', tabindex: '-1' }, t('accept.done'), ' ', h('a', { href: '/signin' }, t('nav.signin')));
        form.replaceWith(done);
        done.focus();
        announce(t('accept.done'));
      } catch (e) {
        showProblem(form, e);
        // a spent or expired reset link: where a new one comes from
        if (e.status === 404 && kind === 'reset') form.querySelector('.form-status').append(h('p', {}, h('a', { href: '/forgot-password' }, t('signin.forgot'))));
      }
    });
  });
  return [h('h1', {}, t(kind === 'invitation' ? 'accept.title' : 'reset.title')), token ? form : h('p', { class: 'error', role: 'alert' }, t('accept.noToken'))];
}

/**
 * The signed-in person's own account: who they are, a new password (with the current one; their
 * other sessions end) and "sign out everywhere" (a lost phone, a shared computer left signed in).
 */
async function accountPage() {
  if (!ui.me) return signInPrompt(t('account.title'));
  const [tokens, preferences] = await Promise.all([tokensSection(), preferencesSection()]);
  const me = ui.me;
  const submit = h('button', { type: 'submit' }, t('account.changePassword'));
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.currentPassword'), 'currentPassword', { type: 'password', required: true, autocomplete: 'current-password' }),
    field(t('field.newPassword'), 'password', { type: 'password', required: true, autocomplete: 'new-password', help: t('register.passwordHelp') }),
    h('p', {}, h('label', {}, h('input', { type: 'checkbox', name: 'revokeApiTokens', value: 'true' }), ' ', t('account.revokeTokens'))),
    submit);
  sendsWith(form, submit, (d) => api('PUT', '/api/v1/me/password',
    { currentPassword: d.currentPassword, password: d.password, revokeApiTokens: d.revokeApiTokens === 'true' }), (renewed) => {
    ui.csrf = renewed.csrfToken; // a new session (its cookie came with the answer), a new CSRF token
    return [h('p', { class: 'notice', role: 'status' }, t('account.passwordChanged'))];
  });
  const everywhere = h('button', { type: 'button', id: 'signout-everywhere' }, t('account.signOutEverywhere'));
  const everywhereStatus = h('div', { class: 'form-status', tabindex: '-1' });
  everywhere.addEventListener('click', () => whileBusy(everywhere, async () => {
    try {
      await api('DELETE', '/api/v1/me/sessions');
    } catch (e) {
      // the answer clears the signed-in marker, which api() reads as a session that ended: that is the point
      if (maybeSignedIn()) {
        everywhereStatus.replaceChildren(isNetworkError(e) ? retryView(e, () => everywhere.click()) : problemView(e));
        everywhereStatus.focus();
        return;
      }
    }
    ui.me = null;
    ui.csrf = null;
    ui.sessionEnded = false; // on purpose: nothing "ended" to tell
    ui.notice = t('account.signedOutEverywhere'); // said by the sign-in page
    renderChrome();
    navigate('/signin');
  }));
  return [h('h1', {}, t('account.title')),
    h('dl', { class: 'props' }, h('dt', {}, t('field.name')), h('dd', {}, me.name || '–'), h('dt', {}, t('field.email')), h('dd', {}, me.email)),
    h('section', { 'aria-labelledby': 'account-password' }, h('h2', { id: 'account-password' }, t('account.changePassword')),
      h('p', {}, t('account.passwordLead')), form),
    preferences,
    tokens,
    h('section', { 'aria-labelledby': 'account-sessions' }, h('h2', { id: 'account-sessions' }, t('account.signOutEverywhere')),
      h('p', {}, t('account.sessionsLead')), everywhereStatus, everywhere)];
}

/**
 * On submit, `send(values)` with the form's values, its button busy meanwhile; once it answers the
 * form is emptied and what `done(answer)` returns is said in its status box, which gets the focus;
 * a refusal is shown on the form.
 */
function sendsWith(form, button, send, done) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    whileBusy(button, async () => {
      try {
        const answer = await send(values);
        clearProblem(form);
        form.reset();
        const status = form.querySelector('.form-status');
        status.replaceChildren(...done(answer));
        status.focus();
      } catch (e) {
        showProblem(form, e);
      }
    });
  });
}

/**
 * What the platform's email to the person is like: the language it is written in, and whether
 * the membership notices of their roles come at all (PUT /api/v1/me/preferences).
 */
async function preferencesSection() {
  const now = await api('GET', '/api/v1/me/preferences');
  const names = new Intl.DisplayNames([ui.lang], { type: 'language' });
  const languages = ['ar', 'de', 'en', 'es', 'fr', 'pt', 'ru', 'zh'].map((c) => [c, names.of(c)]).sort((a, b) => a[1].localeCompare(b[1], ui.lang));
  const notices = h('input', { type: 'checkbox', name: 'membershipNotices', value: 'true', id: 'pref-notices' });
  notices.checked = now.membershipNotices;
  const submit = h('button', { type: 'submit', id: 'pref-submit' }, t('account.savePreferences'));
  const form = h('form', { novalidate: true, id: 'preferences-form' }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('account.mailLanguage'), 'language', { value: now.language, options: languages, id: 'pref-language' }),
    h('p', {}, h('label', {}, notices, ' ', t('account.membershipNotices'))),
    submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    whileBusy(submit, async () => {
      try {
        const saved = await api('PUT', '/api/v1/me/preferences', { language: form.elements.language.value, membershipNotices: notices.checked });
        notices.checked = saved.membershipNotices;
        clearProblem(form);
        const status = form.querySelector('.form-status');
        status.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('account.preferencesSaved')));
        status.focus();
      } catch (e) {
        showProblem(form, e);
      }
    });
  });
  return h('section', { 'aria-labelledby': 'account-mail' }, h('h2', { id: 'account-mail' }, t('account.mail')),
    h('p', {}, t('account.mailLead')), form);
}

/**
 * The person's API tokens (for their scripts and other systems): each live one with when it
 * expires and a button that revokes it, and a form that makes one, whose secret is shown once.
 */
async function tokensSection() {
  const list = h('ul', { class: 'tokens' });
  const status = h('div', { class: 'form-status', tabindex: '-1' });
  const empty = h('p', { class: 'meta' }, t('account.noTokens'));
  const counted = () => { empty.hidden = list.children.length > 0; };
  const item = (tk) => {
    const revoke = h('button', { type: 'button', class: 'secondary' }, t('account.revokeToken'));
    const li = h('li', { 'data-token': tk.id }, h('strong', {}, tk.name), ' – ', t('account.tokenExpires', { date: formatDay(tk.expiresAt) }), ' ', revoke);
    revoke.addEventListener('click', () => whileBusy(revoke, async () => {
      try {
        await api('DELETE', '/api/v1/tokens/' + encodeURIComponent(tk.id));
        li.remove();
        counted();
        status.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('account.tokenRevoked', { name: tk.name })));
        status.focus();
      } catch (e) {
        status.replaceChildren(problemView(e));
        status.focus();
      }
    }));
    return li;
  };
  try {
    const live = ((await api('GET', '/api/v1/tokens')).items || [])
      .filter((tk) => !tk.revokedAt && (!tk.expiresAt || new Date(tk.expiresAt) > new Date()));
    list.append(...live.map(item));
  } catch (e) {
    status.replaceChildren(problemView(e));
  }
  counted();
  const submit = h('button', { type: 'submit' }, t('account.makeToken'));
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('account.tokenName'), 'name', { required: true, autocomplete: 'off', help: t('account.tokenNameHelp') }),
    field(t('account.tokenDays'), 'days', { type: 'number', value: '90', min: '1', max: '365', inputmode: 'numeric' }),
    submit);
  sendsWith(form, submit, (d) => api('POST', '/api/v1/tokens', { name: d.name, days: d.days === '' ? null : Number(d.days) }), (made) => {
    list.prepend(item(made));
    counted();
    return [h('p', { class: 'notice', role: 'status' }, t('account.tokenShownOnce', { name: made.name })), linkToPass(made.token)];
  });
  return h('section', { 'aria-labelledby': 'account-tokens' }, h('h2', { id: 'account-tokens' }, t('account.tokens')),
    h('p', {}, t('account.tokensLead')), status, empty, list, h('h3', {}, t('account.makeToken')), form);
}

async function pluginPage(path) {
  const page = ui.pages.find((p) => p.path === path);
  if (!page) return notFound();
  const container = h('div', { class: 'plugin-page' });
  const module = await import(page.script);
  await module.default(container, { api, t, h, lang: ui.lang, me: ui.me, problemView, requestHeaders });
  if (!container.querySelector('h1')) container.prepend(h('h1', {}, page.labels?.[ui.lang] || page.labels?.en || path));
  return container;
}

/**
 * A field's key for keeping what was typed: its name (a checkbox's with its value), within its
 * closest `data-keep` (a form built only when its section opens, whose fields would otherwise be
 * counted among other forms' in whatever order they are built).
 */
function typedKey(el) {
  const scope = el.closest('[data-keep]')?.dataset.keep || '';
  return scope + '|' + (el.type === 'checkbox' || el.type === 'radio' ? el.name + '=' + el.value : el.name);
}

/** The fields of `root` (itself, a lone comment box) whose text is kept: never a password, a file or a hidden (secret) field. */
function keptFields(root) {
  const all = root.matches?.('input, textarea, select') ? [root] : [...root.querySelectorAll('input, textarea, select')];
  return all.filter((el) => el.name && el.type !== 'file' && el.type !== 'password' && el.type !== 'hidden' && !el.closest('[data-no-keep]'));
}

/**
 * What the person has typed on the page (or in `root`), by field key (in page order), to keep across
 * a language switch, or as a draft.
 */
function typedValues(root = document.getElementById('main')) {
  const values = new Map();
  for (const el of keptFields(root)) {
    const key = typedKey(el);
    if (!values.has(key)) values.set(key, []);
    values.get(key).push(el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value);
  }
  return values;
}

/**
 * Puts typed values back into the page's fields (or those of `root`), by name and order. A select
 * whose value comes back is told (change): the apply form then builds the country's national
 * fields, which are filled as they appear (for a few seconds); a text field is told too (input).
 * `empties`: an emptied field is emptied again (a draft's), not left as drawn. Returns what stops
 * the filling of fields that appear later.
 */
function restoreTyped(values, { root = null, empties = false } = {}) {
  const page = renderSeq;
  const box = root || document.getElementById('main');
  const used = new Set(); // each typed value goes back once, not again into a field rebuilt later
  const fill = () => {
    if (page !== renderSeq || !box.isConnected) { // another page now: nothing of this one goes there
      watch.disconnect();
      return;
    }
    // the rows a list was given with "Add a row" (metrics.waste.1.mass): added again first
    for (const [key, typed] of values) {
      const name = key.slice(key.indexOf('|') + 1);
      const row = /^(.+)\.\d+\.[^.=]+$/.exec(name);
      if (!row || !typed.some((v) => v !== '' && v !== false)) continue;
      const scope = key.slice(0, key.indexOf('|'));
      const sel = `[data-keep="${CSS.escape(scope)}"]`;
      const within = !scope ? box : box.matches(sel) ? box : box.querySelector(sel);
      const add = within?.querySelector(`fieldset[data-metric="${CSS.escape(row[1])}"] > button[data-add-row]`);
      for (let n = 0; add && n < 50 && !within.querySelector(`[name="${CSS.escape(name)}"]`); n++) add.click();
    }
    const seen = new Map();
    const changed = [];
    for (const el of keptFields(box)) {
      const key = typedKey(el);
      const i = seen.get(key) || 0;
      seen.set(key, i + 1);
      const v = values.get(key)?.[i];
      if (v === undefined || used.has(key + '#' + i)) continue;
      used.add(key + '#' + i);
      if (typeof v === 'boolean') {
        el.checked = v;
      } else if ((v !== '' || empties) && (!el.options || [...el.options].some((o) => o.value === v))) {
        if (el.value !== v) changed.push(el);
        el.value = v;
      }
    }
    // a select is told it changed (the apply form builds the country's fields), a text field that
    // it was typed in (a character count follows it)
    // marked `restored`, for a handler that must tell this from the person's own change
    changed.forEach((el) => el.dispatchEvent(Object.assign(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }), { restored: true })));
  };
  const watch = new MutationObserver(fill);
  fill();
  watch.observe(box, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), 5000);
  return () => watch.disconnect();
}

/**
 * The searches whose results the page shows without them being in its address (the portal's partner
 * search): a form with `data-keep` marks them `data-searched`, with what it asked, in its own words.
 */
function searchesShown() {
  return new Map([...document.querySelectorAll('#main form[data-keep][data-searched]')].map((f) => [f.dataset.keep, f.dataset.searched]));
}

/**
 * Each search of `shown` asked again in the page drawn again (the language switched): its form, found
 * by its `data-keep`, gets `searchagain` with what it had asked, and draws its results in the new language.
 */
function searchAgain(shown) {
  for (const [keep, asked] of shown) {
    document.querySelector(`#main form[data-keep="${CSS.escape(keep)}"]`)?.dispatchEvent(new CustomEvent('searchagain', { detail: asked }));
  }
}

/** The page's open sections (details), by id, else by place. */
function openSections() {
  return [...document.querySelectorAll('#main details')].flatMap((d, i) => (d.open ? [d.id || '#' + i] : []));
}

/**
 * Opens again the sections that were open. One that builds its content when opened (the portal's
 * activity form) builds it now, and restoreTyped fills it as it appears.
 */
function reopenSections(open) {
  [...document.querySelectorAll('#main details')].forEach((d, i) => {
    if (open.includes(d.id || '#' + i)) d.open = true;
  });
}

// ---------- drafts ----------
/*
 * A form people type into at length is marked `data-draft="<name>"` (a lone comment box too). What
 * is typed in it, where it differs from the form as drawn, is kept in sessionStorage under the page's
 * address (path and query) and the name: drawn again for that address (Back, Forward, a reload), the
 * form gets it back and says so. Sent (the form calls clearDraft), reset or discarded, it is gone.
 * Passwords, files and hidden fields are never kept (keptFields).
 */
const draftBase = new WeakMap(); // a draft's box -> its values as drawn (typedValues)
const draftNotes = new WeakMap(); // a draft's box -> its "kept" note, and what stops its filling
let quietDrafts = -1; // the render whose drafts go back without a note (a language switch's: nothing was lost)

const DRAFTS = 'aspnet.drafts ';

/** Where the page's drafts are kept: by the person signed in (none for a visitor) and the page's address. */
function draftsKey() {
  return DRAFTS + (ui.me?.id ?? '') + ' ' + location.pathname + location.search;
}

/** Every draft of the tab forgotten (a sign-out: the next person at this computer does not get them). */
function forgetDrafts() {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(DRAFTS)) sessionStorage.removeItem(key);
    }
  } catch (e) { /* storage turned off: nothing kept */ }
}

/** The sections (details) around `el` opened, the outer ones too, so that it shows. */
function openAround(el) {
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details')) if (!d.open) d.open = true;
}

function readDrafts() {
  try {
    const all = JSON.parse(sessionStorage.getItem(draftsKey()) || '{}');
    return all && typeof all === 'object' ? all : {};
  } catch (e) {
    return {};
  }
}

function writeDrafts(all) {
  try {
    if (Object.keys(all).length) sessionStorage.setItem(draftsKey(), JSON.stringify(all));
    else sessionStorage.removeItem(draftsKey());
  } catch (e) { /* storage full or turned off: no draft */ }
}

/** The box's values that differ from the box as drawn (a field drawn later counts when filled). */
function draftOf(box) {
  const base = draftBase.get(box) || new Map();
  const out = [];
  for (const [key, values] of typedValues(box)) {
    const was = base.get(key);
    if (was ? JSON.stringify(was) !== JSON.stringify(values) : values.some((v) => v !== '' && v !== false)) out.push([key, values]);
  }
  return out;
}

function saveDraft(box) {
  const all = readDrafts();
  const values = draftOf(box);
  if (values.length) all[box.dataset.draft] = { values, open: box.closest('details')?.id || null };
  else delete all[box.dataset.draft];
  writeDrafts(all);
}

/** The draft of `box` (a form with data-draft) is done with: it was sent. What it holds now is its new "as drawn". */
export function clearDraft(box) {
  if (!box?.dataset?.draft) return;
  const all = readDrafts();
  delete all[box.dataset.draft];
  writeDrafts(all);
  draftBase.set(box, typedValues(box));
  const kept = draftNotes.get(box);
  kept?.stop();
  kept?.note.remove();
  draftNotes.delete(box);
}

/** A draft put back into its box, with a note that says so and offers to discard it. */
function restoreDraft(box, draft) {
  openAround(box);
  const base = draftBase.get(box);
  const stop = restoreTyped(new Map(draft.values), { root: box, empties: true });
  if (quietDrafts === renderSeq) {
    draftNotes.set(box, { stop, note: h('span') });
    return;
  }
  const discard = h('button', { type: 'button', class: 'secondary' }, t('draft.discard'));
  const note = h('p', { class: 'notice draft-note', role: 'status' }, t('draft.kept'), ' ', discard);
  discard.addEventListener('click', () => {
    stop();
    restoreTyped(base, { root: box, empties: true });
    clearDraft(box);
    announce(t('draft.discarded'));
    keptFields(box)[0]?.focus();
  });
  draftNotes.set(box, { stop, note });
  const slot = box.querySelector?.('.form-status') || (box.dataset.draftNote && document.getElementById(box.dataset.draftNote));
  if (slot) slot.prepend(note);
  else box.before(note);
}

/** The drafts' boxes the page shows that were not seen yet: each one's values as drawn, and its draft back. */
function findDrafts() {
  const boxes = [...document.querySelectorAll('#main [data-draft]')].filter((box) => !draftBase.has(box));
  if (!boxes.length) return;
  const stored = readDrafts();
  for (const box of boxes) {
    draftBase.set(box, typedValues(box));
    const draft = stored[box.dataset.draft];
    if (draft?.values?.length) restoreDraft(box, draft);
  }
}

/** A section that builds its form when it opens (the portal's activity report) is opened when a draft of it is kept. */
function openDraftSections() {
  for (const draft of Object.values(readDrafts())) {
    const section = draft?.open ? document.getElementById(draft.open) : null;
    if (section?.tagName === 'DETAILS' && !section.open && section.closest('#main')) openAround(section);
  }
}

function keepDrafts() {
  const main = document.getElementById('main');
  new MutationObserver(findDrafts).observe(main, { childList: true, subtree: true });
  const typed = (ev) => {
    if (ev.restored) return; // put back by restoreTyped, not typed
    const box = ev.target.closest?.('#main [data-draft]');
    if (!box || !keptFields(box).includes(ev.target)) return;
    if (!draftBase.has(box)) findDrafts();
    saveDraft(box);
  };
  document.addEventListener('input', typed);
  document.addEventListener('change', typed);
  // a form emptied (after it was sent, or by the person): its draft goes, once the reset is done
  document.addEventListener('reset', (ev) => {
    const box = ev.target.closest?.('#main [data-draft]');
    if (box) setTimeout(() => clearDraft(box));
  });
}

// ---------- start ----------
/** A failure to reach the server (offline, connection dropped), rather than an answer. */
export function isNetworkError(err) {
  if (err instanceof ApiError) return err.status === 0;
  return /dynamically imported module|Failed to fetch|network ?error|Load failed/i.test(String(err?.message || err || ''));
}

/**
 * The message of a page that could not load for want of a connection, with a button that tries
 * again (as does the browser coming back online).
 */
function retryView(err, again) {
  const box = problemView(err);
  const button = h('button', { type: 'button', class: 'retry' }, t('app.retry'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    await again();
    // the focus stays on the retry button if it failed again, else goes to the page
    (document.querySelector('#main .retry') || document.getElementById('main')).focus();
  });
  box.append(h('p', {}, button));
  return box;
}

let started = false;
let booting = null;

/**
 * What every page needs (configuration, session, plugin pages, strings), then the page. Without
 * a connection it says so, in English if the strings could not be read, and can be tried again.
 */
function boot() {
  booting ??= (async () => {
    const main = document.getElementById('main');
    if (!main.querySelector(':scope > .loading')) main.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('app.loading')));
    main.setAttribute('aria-busy', 'true');
    try {
      const [config] = await Promise.all([
        getJson('/ui/config.json').catch((e) => { if (isNetworkError(e)) throw e; return {}; }),
        loadMe(),
        api('GET', '/api/v1/ui/pages').then((p) => { ui.pages = p.items || []; }).catch((e) => { if (isNetworkError(e)) throw e; }),
      ]);
      ui.config = config || {};
      await setLanguage(pickLanguage(ui.config.defaultLanguage));
    } catch (e) {
      main.removeAttribute('aria-busy');
      main.replaceChildren(h('h1', {}, t('error.title')), retryView(e, boot));
      return;
    } finally {
      booting = null;
    }
    started = true;
    renderChrome();
    await render();
  })();
  return booting;
}

/**
 * The language menu switches the page on a choice: a click, or Enter. Arrow and letter keys only
 * move through the languages (each would otherwise re-render and refetch the page); leaving the
 * menu takes the language it shows.
 */
function languageMenu() {
  const select = document.getElementById('lang');
  let browsing = false; // the value moved by keys, not chosen yet
  const choose = async (next) => {
    browsing = false;
    if (select.value === ui.lang) return;
    const typed = typedValues();
    const open = openSections();
    const searched = searchesShown();
    try {
      await setLanguage(select.value, true);
    } catch (e) {
      select.value = ui.lang; // the strings could not be read: the page stays as it is
      announce(t('error.network'));
      return;
    }
    renderChrome();
    quietDrafts = renderSeq + 1; // the page drawn again gets its drafts back without a note
    await render();
    reopenSections(open);
    restoreTyped(typed);
    searchAgain(searched);
    refocus(next);
    announce(t('nav.languageChanged'));
  };
  select.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      choose();
    } else if (!ev.altKey && !ev.ctrlKey && !ev.metaKey && (/^(Arrow|Page)|^(Home|End)$/.test(ev.key) || (ev.key.length === 1 && ev.key !== ' '))) {
      browsing = true;
    }
  });
  select.addEventListener('change', () => { if (!browsing) choose(); });
  select.addEventListener('blur', (ev) => { if (browsing) choose(ev.relatedTarget); });
}

/** The focus back on an element of the header drawn again (found by its id or its link). */
function refocus(el) {
  if (!el || el.isConnected) return;
  const href = el.getAttribute?.('href');
  const again = (el.id && document.getElementById(el.id)) || (href && document.querySelector(`.top a[href="${CSS.escape(href)}"]`));
  again?.focus();
}

function start() {
  window.aspnetStarted = true; // boot-check.js: the app came, it says no more "could not load"
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest('a');
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const href = a.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/') || a.hasAttribute('download') || a.target) return;
    ev.preventDefault();
    navigate(href);
  });
  // Back and Forward: the page is drawn again (the directory with as many schools as were shown)
  // and the reader put back where they were, which the browser cannot do for a page drawn late
  history.scrollRestoration = 'manual';
  // The focus, lost with the page it was on, goes where a filter's submission puts it: what sums up
  // the results (a console's count or first heading), else the page, so that a keyboard user
  // stepping through filtered views is not sent back to the top of the document.
  window.addEventListener('popstate', () => render().then(() => {
    const main = document.getElementById('main');
    const focused = document.activeElement;
    const scrollY = history.state?.scrollY;
    if (!focused || focused === document.body || !focused.isConnected) {
      (main.querySelector(RESULTS_FOCUS) || main).focus({ preventScroll: !!scrollY });
    }
    if (scrollY) window.scrollTo(0, scrollY);
  }));
  // back online: a start that failed, or a page that could not load, is tried again
  window.addEventListener('online', () => {
    if (!started) boot();
    else if (document.querySelector('#main .retry')) render();
  });
  languageMenu();
  keepDrafts();
  boot();
}

start();
