// School portal: apply, edit the profile, annual report, projects and activities, focal-point hand-over.
import { labelIn, localToday, ui, t, h, api, ApiError, colon, field, checks, countries, countryName, problemView, showProblem, clearProblem, announce, renderChrome,
  whileBusy, signInPrompt, loadProfile, profileText, setProfileText, markProfileTexts,
  statusLabel, LEVELS, THEMES, localized, langOf, formatDate, formatDay, plural, submissionStatus, quoted, phaseLabels, pagedList, handedOver, disclosure,
  decimalOf, decimalText, wholeOf, showMissing, clearDraft } from './app.js';

// ---------- national profile fields ----------
/** The inputs of a national profile's fields, named `fields.<key>`. */
export function profileFieldset(profile, values = {}) {
  if (!profile || !(profile.fields || []).length) return null;
  return fieldsetOf(profile.fields, 'fields.', values, t('apply.national', { country: countryName(profile.country) }), 'profile-fields');
}

/**
 * Inputs for a profile's field definitions (its school fields, its annual-report questions), named
 * `<prefix><key>`; a label, help or option the profile has not translated carries its language.
 */
function fieldsetOf(defs, prefix, values, legend, id) {
  const box = h('fieldset', { id }, h('legend', {}, legend));
  for (const f of defs) {
    const name = prefix + f.key;
    const label = localized(f.label) || f.key;
    const help = localized(f.help);
    const value = values[f.key];
    const options = (f.options || []).map((o) => [o.value, localized(o.label) || o.value]);
    if (f.type === 'multi-choice') {
      const set = checks(label + (f.required ? ' *' : ''), name, options, Array.isArray(value) ? value : []);
      if (help) set.append(h('p', { class: 'help' }, help));
      box.append(set);
    } else if (f.type === 'choice') {
      box.append(field(label, name, { options, empty: '', value, required: f.required, help }));
    } else if (f.type === 'number') {
      box.append(field(label, name, { number: 'decimal', value, required: f.required, help }));
    } else {
      box.append(field(label, name, { type: f.type === 'date' ? 'date' : 'text', value, required: f.required, help,
        min: f.min, max: f.max, pattern: f.pattern, maxLength: f.maxLength }));
    }
  }
  return markProfileTexts(box);
}

/**
 * What a national profile changes in the core form: the unit becomes a choice among the
 * profile's units (a Land, an académie), and labels the profile renames (e.g. the French UAI
 * number for the national id) read as the profile says. Without a profile, the defaults return.
 */
export function adaptCoreFields(form, profile) {
  const units = profile?.units || [];
  const labels = profile?.labels || {};
  const old = form.elements.unit;
  if (old) {
    const current = old.value;
    const unitLabel = labels.unit || t('field.unit');
    const id = old.id; // the application's "apply-unit", a profile form's own
    const replacement = units.length
      ? field(unitLabel, 'unit', { required: true, empty: '', value: current, options: units.map((u) => [u.code, u.name]), id })
      : field(t('field.unit'), 'unit', { value: units.length ? '' : current, id });
    old.closest('.field').replaceWith(units.length ? markProfileTexts(replacement) : replacement);
  }
  // a core field the country requires (France's UAI number) is marked as the platform's required ones are
  const required = new Set(profile?.requiredCoreFields || []);
  for (const name of ['nationalId', 'latitude', 'longitude', 'languages', 'students', 'teachers', 'website']) {
    const input = form.elements[name];
    const label = input?.id ? form.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
    if (!label) continue;
    if (name === 'nationalId') setProfileText(label, labels['school.nationalId'] || t('field.nationalId'));
    else label.textContent = label.textContent.replace(/ \*$/, '');
    if (required.has(name)) label.append(' *');
    input.required = required.has(name);
  }
  // the themes are a group of boxes: its legend is marked
  const themes = form.querySelector('input[name="themes"]')?.closest('fieldset')?.querySelector('legend');
  if (themes) themes.textContent = themes.textContent.replace(/ \*$/, '') + (required.has('themes') ? ' *' : '');
}

/** Two values of a field alike: empty ones (null, '', []) alike, lists in any order. */
function sameValue(a, b) {
  const norm = (v) => (v == null || v === '' || (Array.isArray(v) && !v.length) ? null : Array.isArray(v) ? [...v].map(String).sort() : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** The value a national field's inputs hold (null when empty), typed as the profile declares it. */
function formValue(form, name, type) {
  if (type === 'multi-choice') return [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);
  const v = form.elements[name]?.value ?? '';
  return v === '' ? null : type === 'number' ? decimalOf(v) : v;
}

/** Puts `value` into the inputs named `name`: a group of boxes ticks those it lists, a list of languages is written out. */
function setFormValue(form, name, value) {
  const inputs = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
  if (inputs.length && inputs[0].type === 'checkbox') {
    for (const i of inputs) i.checked = Array.isArray(value) && value.map(String).includes(i.value);
  } else if (inputs[0]) {
    inputs[0].value = value == null ? '' : Array.isArray(value) ? value.join(', ')
      : inputs[0].dataset.decimal !== undefined ? decimalText(value) : String(value);
  }
}

/** A field as the form names it: its label, or its group's legend (levels, themes). */
function fieldLabel(form, name) {
  const legend = form.querySelector(`input[name="${CSS.escape(name)}"]`)?.closest('fieldset')?.querySelector('legend');
  return labelIn(form, name) || legend?.textContent.replace(/ \*$/, '') || name;
}

export function readProfileFields(form, profile) {
  return readFieldset(form, profile?.fields || [], 'fields.');
}

function readFieldset(form, defs, prefix) {
  const out = {};
  for (const f of defs) {
    const v = formValue(form, prefix + f.key, f.type); // a multi-choice's [] is sent, an empty box is not
    if (v !== null) out[f.key] = v;
  }
  return out;
}

// ---------- the school form (apply and edit) ----------
async function schoolForm(values = {}, { forApply }) {
  const list = await countries();
  // ids for the one application form; a profile's form gets the generated ones (a person with two
  // schools has two such forms on the portal, and a label must lead to its own box)
  const idOf = (name) => (forApply ? 'apply-' + name : undefined);
  // data-draft: what is typed is kept across Back, Forward and a reload until it is sent (app.js)
  const form = h('form', { novalidate: true, id: forApply ? 'apply-form' : 'profile-form-' + values.id, 'data-draft': forApply ? 'apply' : 'profile-' + values.id },
    h('div', { class: 'form-status', tabindex: '-1' }),
    field(t('field.name'), 'name', { required: true, value: values.name, help: t('apply.nameHelp'), id: idOf('name') }),
    forApply ? field(t('field.country'), 'country', { required: true, empty: '', value: values.country, options: list.map((c) => [c.iso2, c.name]), id: idOf('country') }) : null,
    field(t('field.unit'), 'unit', { value: values.unit, id: idOf('unit') }),
    field(t('field.city'), 'city', { required: true, value: values.city, id: idOf('city') }),
    field(t('field.address'), 'address', { required: true, value: values.address, id: idOf('address') }),
    h('div', { class: 'grid2' },
      field(t('field.latitude'), 'latitude', { number: 'decimal', max: 90, value: values.latitude, id: idOf('latitude') }),
      field(t('field.longitude'), 'longitude', { number: 'decimal', max: 180, value: values.longitude, id: idOf('longitude') })),
    checks(t('field.levels') + ' *', 'levels', LEVELS.map((l) => [l, t('level.' + l)]), values.levels || []),
    checks(t('field.themes'), 'themes', THEMES.map((x) => [x, t('theme.' + x)]), values.themes || []),
    field(t('field.languages'), 'languages', { value: (values.languages || []).join(', '), help: t('apply.languagesHelp') }),
    h('div', { class: 'grid2' },
      field(t('field.students'), 'students', { number: 'whole', value: values.students, id: idOf('students') }),
      field(t('field.teachers'), 'teachers', { number: 'whole', value: values.teachers, id: idOf('teachers') })),
    field(t('field.email'), 'email', { type: 'email', required: true, value: values.email, autocomplete: 'email', id: idOf('email') }),
    field(t('field.website'), 'website', { type: 'url', value: values.website }),
    field(t('field.nationalId'), 'nationalId', { value: values.nationalId }),
    h('div', { class: 'profile-slot' }));
  return form;
}

function readSchool(form) {
  const d = new FormData(form);
  const body = {};
  for (const k of ['name', 'country', 'unit', 'city', 'address', 'email', 'website', 'nationalId']) {
    if (form.elements[k]) body[k] = (d.get(k) || '').trim() || null;
  }
  for (const k of ['latitude', 'longitude', 'students', 'teachers']) {
    const v = d.get(k);
    body[k] = v === null || String(v).trim() === '' ? null : k === 'latitude' || k === 'longitude' ? decimalOf(v) : wholeOf(v);
  }
  body.levels = d.getAll('levels');
  body.themes = d.getAll('themes');
  body.languages = String(d.get('languages') || '').split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
  return body;
}

export async function applyPage() {
  const form = await schoolForm({ country: ui.me?.roles?.find((r) => r.country)?.country }, { forApply: true });
  let profile = null;
  const slot = form.querySelector('.profile-slot');
  let asked = 0;
  const onCountry = async () => {
    const seq = ++asked;
    slot.replaceChildren();
    let shown;
    try {
      const next = await loadProfile(form.elements.country.value);
      if (seq !== asked) return; // another country was chosen meanwhile: its answer decides
      profile = next;
      adaptCoreFields(form, profile);
      shown = profileFieldset(profile);
    } catch (e) {
      if (seq !== asked) return;
      shown = problemView(e);
    }
    slot.replaceChildren(...(shown ? [shown] : []));
  };
  form.elements.country.addEventListener('change', onCountry);
  const confirm = h('div', { hidden: true }, h('label', {}, h('input', { type: 'checkbox', name: 'confirmDuplicate', id: 'confirm-duplicate' }), ' ', t('apply.confirmDuplicate')));
  form.append(confirm, h('button', { type: 'submit', id: 'apply-submit' }, t('apply.submit')));
  const done = h('div', { tabindex: '-1', id: 'apply-result' });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = readSchool(form);
    if (profile) body.fields = readProfileFields(form, profile);
    if (form.elements.confirmDuplicate.checked) body.confirmDuplicate = true;
    await whileBusy(form.querySelector('#apply-submit'), async () => {
      try {
        const r = await api('POST', '/api/v1/applications', body);
        if (ui.me) {
          try {
            const me = await api('GET', '/api/v1/me');
            ui.me = me;
            ui.csrf = me.csrfToken || ui.csrf;
            renderChrome();
          } catch (e) { /* still signed in as before */ }
        }
        clearDraft(form);
        form.replaceWith(done);
        done.append(h('p', { class: 'notice', role: 'status' }, t('apply.done', { status: statusLabel(r.status) })),
          // a candidate is not public: an anonymous applicant is told what comes next, not sent to a page they may not see
          ui.me ? h('p', {}, h('a', { href: '/portal' }, t('nav.portal'))) : h('p', {}, t('apply.nextAnonymous')));
        done.focus();
      } catch (e) {
        if (e.status === 409 && e.problem?.duplicates) confirm.hidden = false;
        showProblem(form, e);
      }
    });
  });
  if (form.elements.country.value) await onCountry();
  return [h('h1', {}, t('apply.title')), h('p', {}, t('apply.lead')),
    ui.me ? null : h('p', { class: 'notice' }, t('apply.signInFirst'), ' ', h('a', { href: '/register' }, t('nav.register')), ' · ', h('a', { href: '/signin?next=/apply' }, t('nav.signin'))),
    form, done];
}

/**
 * The fields (by their labels) where the stored annual report differs from what the form sends:
 * empty when the form holds what is stored.
 */
function reportDifferences(form, questions, stored, body) {
  const text = (v) => (v == null ? null : String(v).trim() || null);
  const changed = [];
  for (const k of ['activities', 'themes', 'studentsInvolved', 'teachersInvolved', 'notes']) {
    const same = typeof body[k] === 'string' || body[k] == null && typeof stored[k] === 'string'
      ? text(body[k]) === text(stored[k]) : sameValue(body[k], stored[k]);
    if (!same) changed.push(fieldLabel(form, k));
  }
  for (const q of questions) {
    if (!sameValue(body.answers?.[q.key], stored.answers?.[q.key])) changed.push(localized(q.label) || q.key);
  }
  return changed;
}

// ---------- the portal ----------
export async function portalPage() {
  if (!ui.me) return signInPrompt(t('portal.title'));
  const schoolIds = [...new Set((ui.me.roles || []).filter((r) => r.school && (r.role === 'SCHOOL_FOCAL_POINT' || r.role === 'SCHOOL_STAFF')).map((r) => r.school))];
  const view = [h('h1', {}, t('portal.title'))];
  if (!schoolIds.length) {
    view.push(h('p', {}, t('portal.noSchool')), h('p', {}, h('a', { class: 'button', href: '/apply' }, t('apply.title'))));
    return view;
  }
  // the international days coming up are asked for with the schools; secondary, so a failure shows nothing
  const upcoming = import('./days.js').then((x) => x.comingUpBox(45)).catch(() => null);
  // each school's requests, and those of several schools, go at once: none waits for another's answer
  const sections = await Promise.all(schoolIds.map((id) => schoolSection(id).catch((e) => problemView(e))));
  view.push(await upcoming, ...sections);
  view.push(h('p', {}, h('a', { href: '/apply' }, t('portal.another'))));
  return view;
}

async function schoolSection(id) {
  // the role names the school's country: its national profile is asked for with the school
  const role = ui.me.roles.find((r) => String(r.school) === String(id) && r.country);
  if (role) loadProfile(role.country).catch(() => null);
  const [school] = await Promise.all([api('GET', '/api/v1/schools/' + id), countries()]);
  const focal = ui.me.roles.some((r) => r.role === 'SCHOOL_FOCAL_POINT' && String(r.school) === String(id));
  // the certificate number is the membership's; it is read with the school's parts
  const certificate = h('span', { class: 'school-certificate' });
  const membership = school.membershipId ? api('GET', '/api/v1/memberships/' + school.membershipId).catch(() => null) : null;
  const section = h('section', { 'aria-labelledby': 'school-' + id },
    h('h2', { id: 'school-' + id }, school.name),
    h('p', {}, t('field.status'), colon(), h('strong', { class: 'school-status' }, statusLabel(school.status)), certificate, ' · ', h('a', { href: '/schools/' + id }, t('portal.publicPage'))));
  // the partnerships' one list is asked for with the parts below, not after them; its script only
  // here (the application page, which imports this one, has no use for it)
  const partners = import('./partnerships.js').then((x) => x.partnershipsSection(school)).catch((e) => problemView(e));
  const [m, partnersBox, ...parts] = await Promise.all([membership, partners, historyView(school, membership), editView(school), reportView(school), projectsView(school)]);
  // a member's certificate, linked to the public page that checks it (the number a printed certificate carries)
  if (m?.certificateNumber) {
    certificate.append(' · ', t('school.certificate'), ' ', h('a', { href: '/certificates/' + encodeURIComponent(m.certificateNumber), id: 'certificate-' + id }, m.certificateNumber));
    if (school.status === 'MEMBER') {
      certificate.append(' (', h('a', { href: '/certificates/' + encodeURIComponent(m.certificateNumber) + '/print', id: 'certificate-print-' + id },
        t('cert.printLink')), ')');
    }
  }
  section.append(...parts, partnersBox);
  if (focal) section.append(handOverView(school));
  return section;
}

/** `membership`: the school's membership (or its promise, null when unreadable), for the day it became a member. */
async function historyView(school, membership = null) {
  const box = disclosure('history-' + school.id, t('portal.history'));
  if (!school.membershipId) return box;
  // a national ladder's stages by their labels, as on the school page
  const [profile, history, m] = await Promise.all([loadProfile(school.country).catch(() => null),
    api('GET', `/api/v1/memberships/${school.membershipId}/history`).catch((e) => e), membership]);
  const stageLabels = Object.fromEntries((profile?.ladder?.stages || []).map((st) => [st.code, st.label || st.code]));
  box.append(historyItems(history, stageLabels, m));
  return box;
}

/**
 * A membership's history, oldest first: when, to what (and national stage, by its label), by
 * whom (their name, where the server gives it), why. `membership`: the membership when the
 * caller has it already (else it is read with the history), for a backdated certification's day.
 */
export async function historyList(membershipId, stageLabels = {}, membership = null) {
  const [history, m] = await Promise.all([api('GET', `/api/v1/memberships/${membershipId}/history`).catch((e) => e),
    membership || api('GET', `/api/v1/memberships/${membershipId}`).catch(() => null)]);
  return historyItems(history, stageLabels, m);
}

/** The UTC day of an instant, as YYYY-MM-DD ("" for none). */
function utcDay(instant) {
  const d = instant ? new Date(instant) : null;
  return d && !isNaN(d) ? d.toISOString().slice(0, 10) : '';
}

/**
 * The history's answer as a list (or the error that came instead); a stage keeps the profile's
 * language. A line is dated when it was recorded; a certification HQ dated back (`certifiedOn`,
 * a member since before the platform: the membership's `certifiedAt`, which the certificate
 * shows) says that day on its MEMBER line too.
 */
function historyItems(answer, stageLabels, membership = null) {
  if (answer instanceof Error) return problemView(answer);
  const items = answer?.items || [];
  // the certification: the period's first move to MEMBER (a reinstatement comes later)
  const certification = items.find((e) => e.to === 'MEMBER' && e.from !== 'MEMBER');
  const since = membership?.certifiedAt && certification && utcDay(membership.certifiedAt) !== utcDay(certification.at) ? membership.certifiedAt : null;
  const by = (e) => (e.actorName ? ', ' + t('portal.historyBy', { name: e.actorName })
    : e.actor === 'system' ? ', ' + t('portal.historyBy', { name: t('actor.platform') }) : '');
  return h('ol', { class: 'history' }, ...items.map((e) => h('li', {}, formatDate(e.at), colon(), statusLabel(e.to),
    ...(e.toStage ? [' (', profileText(stageLabels[e.toStage] || e.toStage), ')'] : []),
    ...(e === certification && since ? [' (', h('span', { class: 'member-since' }, t('portal.memberSince', { date: formatDay(since) })), ')'] : []),
    // "imported" is the import's own word (DirectoryImport), said in the page's language
    by(e), e.comment ? ' – ' + (e.comment === 'imported' ? t('history.imported') : quoted(e.comment)) : '')));
}

export async function editView(school) {
  const [profile, form] = await Promise.all([loadProfile(school.country).catch(() => null), schoolForm(school, { forApply: false })]);
  adaptCoreFields(form, profile);
  const set = profileFieldset(profile, school.fields || {});
  if (set) form.querySelector('.profile-slot').append(set);
  // An edit that makes the school look like another one answers 409 with the duplicates: as on
  // the application, the person confirms it is another school and the patch is sent again.
  const confirm = h('div', { hidden: true }, h('label', {},
    h('input', { type: 'checkbox', name: 'confirmDuplicate', id: 'confirm-duplicate-' + school.id }), ' ', t('portal.confirmDuplicate')));
  const save = h('button', { type: 'submit' }, t('portal.save'));
  form.append(confirm, save);
  let etag = school._etag;
  // The save sends what the person changed from the version the form stands on (`school`), not the
  // whole form: after "changed meanwhile" it stands on the other's version, whose changes (a box,
  // a choice, a national field) are then kept unless the person changed the same field.
  const fieldDefs = profile?.fields || [];
  const shown = () => {
    const values = readSchool(form);
    delete values.country; // not on the edit form
    const fields = {};
    for (const f of fieldDefs) fields[f.key] = formValue(form, 'fields.' + f.key, f.type);
    return { values, fields };
  };
  const changesFrom = (base) => {
    const { values, fields } = shown();
    const body = {};
    for (const [k, v] of Object.entries(values)) if (!sameValue(v, base[k])) body[k] = v;
    const extra = {};
    for (const [k, v] of Object.entries(fields)) if (!sameValue(v, base.fields?.[k])) extra[k] = v;
    if (Object.keys(extra).length) body.fields = extra;
    return body;
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await whileBusy(save, async () => {
      // a second try only after a 412 for a change of nothing the form shows (a decision on the
      // membership moves the school's ETag): the edit then goes on top of it at once
      for (let tries = 0; tries < 2; tries++) {
        const body = changesFrom(school);
        if (!confirm.hidden && form.elements.confirmDuplicate.checked) body.confirmDuplicate = true;
        try {
          const updated = await api('PATCH', '/api/v1/schools/' + school.id, body, { 'Content-Type': 'application/merge-patch+json', ...(etag ? { 'If-Match': etag } : {}) })
            .catch((e) => {
              if (e.status === 415) return api('PATCH', '/api/v1/schools/' + school.id, body, etag ? { 'If-Match': etag } : {});
              throw e;
            });
          etag = updated?._etag || etag;
          // what was saved is the version the next "changed meanwhile" compares with: not one's own edit
          if (updated && typeof updated === 'object') Object.assign(school, updated);
          saved();
          return;
        } catch (e) {
          const changed = e.status === 412 ? await changedMeanwhile() : null;
          // what is stored now is what the form holds (an earlier save whose answer was lost got
          // through): saved, nobody else's change to tell
          if (changed && !changed.length && !Object.keys(changesFrom(school)).length) {
            saved();
            return;
          }
          if (changed && !changed.length && tries === 0) continue;
          if (e.status === 409 && e.problem?.duplicates) confirm.hidden = false;
          showProblem(form, e);
          if (changed) {
            // instead of the refusal's "reload the page", which would lose what was typed
            form.querySelector('.form-status').replaceChildren(h('div', { class: 'error', role: 'alert' },
              h('strong', {}, t('portal.changedMeanwhile', { fields: changed.join(', ') || '—' }))));
          }
          return;
        }
      }
    });
  });
  const saved = () => {
    confirm.hidden = true;
    form.elements.confirmDuplicate.checked = false;
    clearProblem(form);
    clearDraft(form);
    form.querySelector('.form-status').replaceChildren(h('p', { class: 'notice', role: 'status' }, t('portal.saved')));
    // the page around the form (the school's details) shows what is stored now
    form.dispatchEvent(new CustomEvent('school-saved', { bubbles: true, detail: { ...school } }));
  };
  /**
   * Someone saved the school since this form was read: their version is read, and the next save
   * goes on top of it with what is in the form (nothing typed is lost). The fields of the form they
   * changed, by their labels; null when their version cannot be read (the refusal says to reload).
   * A field whose stored value is now what the form holds is not theirs to tell: saved (the
   * person's own earlier save whose answer was lost, or the same change made elsewhere).
   */
  const changedMeanwhile = async () => {
    try {
      const now = await api('GET', '/api/v1/schools/' + school.id);
      const { values, fields } = shown();
      // what the other changed, of what the form shows (not the revision, dates or status beside it)
      const changed = [];
      for (const k of Object.keys(values)) {
        if (sameValue(now[k], school[k]) || sameValue(values[k], now[k])) continue;
        changed.push(fieldLabel(form, k));
        // a field the person left as it was takes the other's value, so saving again does not undo it
        if (sameValue(values[k], school[k])) setFormValue(form, k, now[k]);
      }
      for (const f of fieldDefs) {
        if (sameValue(now.fields?.[f.key], school.fields?.[f.key]) || sameValue(fields[f.key], now.fields?.[f.key])) continue;
        changed.push(localized(f.label) || f.key);
        if (sameValue(fields[f.key], school.fields?.[f.key])) setFormValue(form, 'fields.' + f.key, now.fields?.[f.key]);
      }
      Object.assign(school, now);
      etag = now._etag;
      return changed;
    } catch (ignored) {
      return null;
    }
  };
  const box = disclosure('edit-' + school.id, t('portal.edit'));
  box.append(form);
  return box;
}

async function reportView(school) {
  // last year's report, or the year an emailed reminder names (/portal?year=2024)
  const asked = Number(new URLSearchParams(location.search).get('year'));
  const year = asked >= 2000 && asked <= new Date().getFullYear() ? asked : new Date().getFullYear() - 1;
  // the report and the national profile's questions at once
  const [answer, profile] = await Promise.all([api('GET', `/api/v1/schools/${school.id}/annual-reports/${year}`).catch((e) => e),
    loadProfile(school.country).catch(() => null)]);
  if (answer instanceof Error && answer.status !== 404) return h('div', {}, h('h3', {}, t('report.title', { year })), problemView(answer));
  let report = answer instanceof Error ? null : answer;
  const state = h('p', { class: 'report-state' });
  // a report not owed (not a member that year) may still be sent: said, so the form is not read as a duty
  const showState = (s) => (s ? state.replaceChildren(t('report.state'), colon(), h('strong', {}, t('report.' + s)),
    ...(s === 'NOT_DUE' ? [' ', t('report.optional')] : [])) : state.replaceChildren());
  showState(report?.state);
  // the national profile's own questions (Germany asks two), answered in `answers`
  const questions = profile?.reportQuestions || [];
  const send = h('button', { type: 'submit' }, t('report.submit'));
  const form = h('form', { novalidate: true, class: 'report-form', 'data-draft': `report-${school.id}-${year}` }, h('div', { class: 'form-status', tabindex: '-1' }),
    state,
    field(t('report.activities'), 'activities', { multiline: true, required: true, value: report?.activities }),
    checks(t('field.themes') + ' *', 'themes', THEMES.map((x) => [x, t('theme.' + x)]), report?.themes || []),
    h('div', { class: 'grid2' },
      field(t('report.students'), 'studentsInvolved', { number: 'whole', required: true, value: report?.studentsInvolved }),
      field(t('report.teachers'), 'teachersInvolved', { number: 'whole', required: true, value: report?.teachersInvolved })),
    field(t('report.notes'), 'notes', { multiline: true, value: report?.notes }),
    questions.length ? fieldsetOf(questions, 'answers.', report?.answers || {}, t('report.national', { country: countryName(school.country) }), 'report-questions') : null,
    send);
  let etag = report?._etag;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    // answers to questions this page does not show (a profile removed since) are sent back as they were
    const answers = { ...(report?.answers || {}) };
    for (const q of questions) delete answers[q.key];
    Object.assign(answers, readFieldset(form, questions, 'answers.'));
    const body = { activities: d.get('activities'), themes: d.getAll('themes'), studentsInvolved: wholeOf(d.get('studentsInvolved')), teachersInvolved: wholeOf(d.get('teachersInvolved')), notes: d.get('notes') || null, answers };
    const url = `/api/v1/schools/${school.id}/annual-reports/${year}`;
    const done = (saved) => {
      etag = saved?._etag || etag;
      if (saved && typeof saved === 'object') report = saved;
      clearProblem(form);
      if (saved?.state) showState(saved.state); // SUBMITTED or LATE now, no longer MISSING
      clearDraft(form);
      form.querySelector('.form-status').replaceChildren(h('p', { class: 'notice', role: 'status' }, t('report.saved')));
    };
    await whileBusy(send, async () => {
      try {
        done(await api('PUT', url, body, etag ? { 'If-Match': etag } : {}));
      } catch (e) {
        // 428: a first report is stored already (a colleague's, or this form's own whose answer
        // was lost); 412: it changed since it was read. What is stored now is read again
        const now = e.status === 428 || e.status === 412 ? await api('GET', url).catch(() => null) : null;
        if (!now) {
          showProblem(form, e);
          return;
        }
        etag = now._etag || null; // the next Send replaces what is stored now with the form
        report = now;
        if (now.state) showState(now.state);
        const changed = reportDifferences(form, questions, now, body);
        if (!changed.length) {
          done(now); // stored as the form holds it: saved (the earlier try got through)
          return;
        }
        // the typed text stays in the form; the words say why nothing was replaced yet
        showProblem(form, e);
        form.querySelector('.form-status').replaceChildren(h('div', { class: 'error', role: 'alert' },
          h('strong', {}, t('report.changedMeanwhile')),
          h('p', {}, t('report.storedDiffers', { fields: changed.join(', ') })),
          h('p', {}, t('report.keptSendAgain'))));
      }
    });
  });
  const box = disclosure('report-' + school.id, t('report.title', { year }));
  box.append(form);
  if (asked === year) {
    // the year an emailed reminder links to: open, and once the page shows it, in view with its heading focused
    box.open = true;
    const show = (tries) => {
      if (box.isConnected) {
        box.scrollIntoView({ block: 'start' });
        box.querySelector('summary')?.focus();
      } else if (tries > 0) {
        setTimeout(() => show(tries - 1), 100);
      }
    };
    show(50);
  }
  return box;
}

async function projectsView(school) {
  const box = disclosure('projects-' + school.id, t('portal.projects'));
  let campaigns;
  try {
    campaigns = (await api('GET', '/api/v1/campaigns?limit=100')).items || [];
  } catch (e) {
    box.append(e.status === 404 ? h('p', {}, t('campaigns.unavailable')) : problemView(e));
    return box;
  }
  // another country's national campaigns are not for this school: not listed
  campaigns = campaigns.filter((c) => !c.country || c.country === school.country);
  if (!campaigns.length) box.append(h('p', {}, t('campaigns.none')));
  // whether the school takes part: one small request per campaign, whatever the campaign's size
  // (a school's people see their own school, whatever its status)
  const taking = await Promise.all(campaigns.map((c) => api('GET', `/api/v1/campaigns/${encodeURIComponent(c.id)}/participants?school=${encodeURIComponent(school.id)}`)
    .then((page) => (page.items || []).some((p) => String(p.school) === String(school.id)))
    .catch(() => null))); // unknown: Join is offered, the API says if it is already in
  campaigns.forEach((c, i) => box.append(campaignEntry(school, c, taking[i])));
  return box;
}

/** Why the school cannot join a campaign, in words; null when it can. */
function cannotJoin(school, c) {
  if (c.open === false) return t('campaign.closed');
  if (c.country && c.country !== school.country) return t('portal.notForCountry');
  if ((c.countries || []).length && !c.countries.includes(school.country)) return t('portal.notForCountry');
  if (c.membersOnly !== false && school.status !== 'MEMBER') return t('portal.membersOnly');
  return null;
}

/** One campaign in the portal: what the school can do there, and only that. */
function campaignEntry(school, c, taking) {
  const entry = h('div', { class: 'campaign-entry' });
  const status = h('div', { class: 'form-status', tabindex: '-1' });
  const url = `/api/v1/campaigns/${encodeURIComponent(c.id)}/participants`;
  const titleId = `campaign-${school.id}-${c.id}`;
  // `left`: the school has just left; its reports stay listed (pending ones are still moderated, and
  // may be taken back)
  const render = (takesPart, notice, left) => {
    const actions = h('div', { class: 'row-actions' });
    let more = null;
    if (takesPart) {
      // Leaving is asked once more in the page, the safe answer first: a second Enter on the
      // button just pressed must not take the school out
      const leave = h('button', { type: 'button', class: 'secondary' }, t('portal.leave'));
      const choice = h('span', { class: 'row-actions' });
      leave.addEventListener('click', () => {
        const yes = h('button', { type: 'button', class: 'danger' }, t('portal.leaveYes'));
        const stay = h('button', { type: 'button', class: 'secondary' }, t('portal.stay'));
        stay.addEventListener('click', () => {
          choice.replaceChildren();
          leave.hidden = false;
          leave.focus();
        });
        yes.addEventListener('click', () => whileBusy(yes, async () => {
          try {
            await api('DELETE', `${url}/${encodeURIComponent(school.id)}`);
            render(false, t('portal.left'), true);
          } catch (e) {
            status.replaceChildren(problemView(e));
          }
        }));
        leave.hidden = true;
        choice.replaceChildren(h('span', { class: 'meta' }, t('portal.leaveAsk')), ' ', yes, ' ', stay);
        stay.focus();
      });
      actions.append(h('span', { class: 'taking-part' }, t('portal.joined')), leave, choice);
      const reports = reportsView(school, c, titleId);
      more = [c.moduleAvailable === false ? h('p', { class: 'meta' }, t('portal.moduleUnavailable')) : submissionForm(school, c, reports.add), reports.box];
    } else {
      if (left) more = [reportsView(school, c, titleId).box];
      const why = cannotJoin(school, c);
      if (why) {
        actions.append(h('span', { class: 'meta' }, why));
      } else {
        const join = h('button', { type: 'button', class: 'secondary' }, t('portal.join'));
        join.addEventListener('click', () => whileBusy(join, async () => {
          try {
            await api('POST', url, { school: Number(school.id) });
            render(true, t('portal.joinedNow'));
          } catch (e) {
            status.replaceChildren(problemView(e));
          }
        }));
        actions.append(join);
      }
    }
    status.replaceChildren(notice ? h('p', { class: 'notice', role: 'status' }, notice) : '');
    entry.replaceChildren(h('h4', { id: titleId }, h('a', { href: '/campaigns/' + c.id, lang: langOf(c.title || c.name) }, localized(c.title || c.name) || c.id)), actions, status, ...[more || ''].flat());
    if (notice) {
      announce(notice);
      // the clicked button is gone: the focus goes to what happened, not onto the opposite button
      // (Enter pressed again would undo it)
      status.focus();
    }
  };
  render(taking === true);
  if (taking !== true) {
    // a campaign the school left: its reports there stay listed (a pending one is still moderated,
    // and may be taken back), when it has any
    api('GET', `/api/v1/campaigns/${encodeURIComponent(c.id)}/submissions?school=${encodeURIComponent(school.id)}&limit=1`)
      .then((page) => { if ((page.items || []).length && !entry.querySelector('.taking-part')) render(false, null, true); }, () => {});
  }
  return entry;
}

/**
 * An activity report for a campaign. The platform's part (date, phase, text, pupils, teachers, a
 * media link with the parental-consent confirmation) is fixed; the metrics come from the
 * campaign module's schema (GET .../schema), lists of items included (waste by type, measurements).
 */
function submissionForm(school, campaign, onSent) {
  const details = disclosure(`activity-${school.id}-${campaign.id}`, t('submission.heading'), 5);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    try {
      const module = await schemaOf(campaign.id);
      details.append(activityForm(school, campaign, module, onSent));
    } catch (e) {
      details.append(problemView(e));
    }
  });
  return details;
}

const schemas = new Map(); // campaign id -> its module's schema (phases and metrics), for this page load

/** A campaign's module schema, asked for once for its form and its reports. */
function schemaOf(id) {
  if (!schemas.has(id)) {
    const asked = api('GET', `/api/v1/campaigns/${encodeURIComponent(id)}/schema`);
    asked.catch(() => schemas.delete(id)); // asked again next time
    schemas.set(id, asked);
  }
  return schemas.get(id);
}

/**
 * "Your reports" in a campaign: the school's submissions, newest first, page by page, each with
 * its date, phase, status in words and, when rejected, the moderator's comment. `add(submission)`
 * puts a report just sent at the top.
 */
function reportsView(school, campaign, titleId) {
  const headingId = `reports-${school.id}-${campaign.id}`;
  const list = h('ul', { class: 'reports' });
  const count = h('p', { class: 'meta', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  // each campaign's region is named with the campaign too ("Your reports Trash Hack"): landmarks need names of their own
  const box = h('section', { class: 'your-reports', 'aria-labelledby': headingId + ' ' + titleId }, h('h5', { id: headingId }, t('reports.yours')), count, list, more);
  const path = `/api/v1/campaigns/${encodeURIComponent(campaign.id)}/submissions?school=${encodeURIComponent(school.id)}&limit=10`;
  let phases = {};
  const schema = schemaOf(campaign.id).then((m) => { phases = phaseLabels(m); }, () => {});
  let hasMore = false;
  const counted = () => {
    const n = list.children.length;
    count.textContent = n ? plural(hasMore ? 'reports.shownMore' : 'reports.shown', n) : t('reports.none');
  };
  const item = (s) => h('li', { 'data-submission': s.id ? String(s.id) : null, 'data-status': s.status },
    h('strong', {}, formatDate(s.date)), s.phase ? ' – ' + (phases[s.phase] || s.phase) : '', ' – ',
    h('span', { class: 'report-status' }, t('reports.status', { status: submissionStatus(s.status) })),
    s.text ? h('p', { class: 'meta' }, s.text.length > 140 ? s.text.slice(0, 139) + '…' : s.text) : null,
    s.pupils !== undefined && s.pupils !== null ? h('p', { class: 'meta' }, plural('reports.pupils', s.pupils) + ', ' + plural('reports.teachers', s.teachers ?? 0)) : null,
    s.status === 'REJECTED' && s.comment ? h('p', { class: 'report-comment' }, t('reports.comment'), colon(), quoted(s.comment)) : null,
    s.id && (s.status === 'PENDING' || s.status === 'REJECTED') ? withdrawControl(s) : null);
  // Pending or rejected, a report is not public: the school may take it back (asked once more
  // in the page, not in a browser dialog); the API refuses once it is approved meanwhile.
  const withdrawControl = (s) => {
    const box = h('div', { class: 'row-actions' });
    const ask = h('button', { type: 'button', class: 'secondary' }, t('reports.withdraw'));
    const offer = () => box.replaceChildren(ask);
    ask.addEventListener('click', () => {
      const yes = h('button', { type: 'button', class: 'danger' }, t('reports.withdrawYes'));
      const keep = h('button', { type: 'button', class: 'secondary' }, t('reports.keep'));
      keep.addEventListener('click', () => {
        offer();
        ask.focus();
      });
      yes.addEventListener('click', () => whileBusy(yes, async () => {
        try {
          await api('DELETE', `/api/v1/campaigns/${encodeURIComponent(campaign.id)}/submissions/${encodeURIComponent(s.id)}`,
            undefined, s.revision ? { 'If-Match': `"${s.revision}"` } : {});
          box.closest('li').remove();
          counted();
          announce(t('reports.withdrawn'));
          count.setAttribute('tabindex', '-1');
          count.focus();
        } catch (e) {
          box.replaceChildren(problemView(e));
        }
      }));
      box.replaceChildren(h('span', { class: 'meta' }, t('reports.withdrawAsk')), ' ', yes, ' ', keep);
      keep.focus(); // the safe answer first: Enter pressed twice keeps the report
    });
    offer();
    return box;
  };
  const load = pagedList({
    list,
    more,
    // the phases' labels are needed to draw an item: the schema is read beside the first page
    fetchPage: async (after) => (await Promise.all([api('GET', path + (after ? '&cursor=' + encodeURIComponent(after) : '')), schema]))[0],
    draw: item,
    counted: (next) => {
      hasMore = !!next;
      counted();
    },
    focusOf: (li) => {
      li.setAttribute('tabindex', '-1');
      return li;
    },
  });
  load().catch((e) => box.append(problemView(e)));
  return {
    box,
    add: (s) => {
      const li = item(s);
      // a report listed already (sent on a try whose answer was lost, read since) is replaced, not listed twice
      const listed = s.id ? list.querySelector(`li[data-submission="${CSS.escape(String(s.id))}"]`) : null;
      if (listed) listed.remove();
      list.prepend(li);
      counted();
      return li;
    },
  };
}

function metricLabel(m) {
  const label = localized(m.labels) || m.name;
  // "pH", not "pH (pH)": a unit that is the label's own word is said once
  return label + (m.unit && m.type !== 'list' && m.unit.toLowerCase() !== label.toLowerCase() ? ' (' + m.unit + ')' : '');
}

/** The inputs of one metric, named by its JSON path (metrics.waste.0.mass). */
function metricInput(m, path) {
  if (m.type === 'list' || m.type === 'object') {
    const box = h('fieldset', { 'data-metric': path, 'data-type': m.type }, h('legend', {}, metricLabel(m) + (m.required ? ' *' : '')));
    const items = h('div', {});
    // each item's inputs take the paths of its index: metrics.waste.1.mass
    const addItem = () => {
      const i = items.children.length;
      items.append(h('div', { class: 'grid2', 'data-item': String(i) }, ...m.fields.map((f) => metricInput(f, path + '.' + i + '.' + f.name))));
    };
    addItem();
    box.append(items);
    if (m.type === 'list') {
      const more = h('button', { type: 'button', class: 'secondary', 'data-add-row': '' }, t('submission.addRow'));
      more.addEventListener('click', addItem);
      box.append(more);
    }
    return box;
  }
  if (m.type === 'choice') {
    return field(metricLabel(m), path, { required: m.required, empty: '', options: (m.choices || []).map((c) => [c, localized(m.choiceLabels?.[c]) || c]) });
  }
  // a measure in degrees (a site's latitude) is never a thousand: 12.345 is not asked again
  return field(metricLabel(m), path, { type: m.type === 'date' ? 'date' : 'text', required: m.required,
    number: m.type === 'number' ? 'decimal' : m.type === 'integer' ? 'whole' : undefined, max: m.unit === '°' ? 360 : undefined });
}

/** The metrics as JSON: inputs named metrics.a.0.b become {a: [{b: ...}]}; empty items are left out. */
function readMetrics(form, metrics) {
  const read = (defs, prefix) => {
    const out = {};
    for (const m of defs) {
      const path = prefix + '.' + m.name;
      if (m.type === 'list' || m.type === 'object') {
        const list = [];
        for (let i = 0; form.querySelector(`[name^="${CSS.escape(path + '.' + i + '.')}"]`); i++) {
          const item = read(m.fields, path + '.' + i);
          if (Object.keys(item).length) list.push(item);
        }
        if (m.type === 'object' && list.length) out[m.name] = list[0];
        else if (m.type === 'list' && list.length) out[m.name] = list;
      } else {
        const v = form.elements[path]?.value ?? '';
        if (v.trim() !== '') out[m.name] = m.type === 'number' ? decimalOf(v) : m.type === 'integer' ? wholeOf(v) : v;
      }
    }
    return out;
  };
  return read(metrics, 'metrics');
}

function activityForm(school, campaign, module, onSent) {
  const metrics = module?.schema?.metrics || [];
  // Each phase shown with its dates; the phase of the activity's date is chosen for the person,
  // as the platform refuses a date outside the phase named.
  const dated = Object.fromEntries((campaign.phases || []).map((p) => [p.key, p]));
  const during = (key) => (dated[key]?.starts && dated[key]?.ends
    ? ` (${formatDate(dated[key].starts)} – ${formatDate(dated[key].ends)})` : '');
  // a module's phases in words; a campaign without a module may still have phases of its own
  // (an NC's "Peace week" with a "prep" phase), which the platform requires a report to name
  const phases = module?.phases?.length
    ? module.phases.map((p) => [p.key, (localized(p.labels) || p.key) + during(p.key)])
    : (campaign.phases || []).map((p) => [p.key, p.key + during(p.key)]);
  const phaseOf = (day) => (campaign.phases || []).find((p) => p.starts && p.ends && p.starts <= day && day <= p.ends)?.key ?? '';
  // a phase's name in words, for the API's messages that list phases by key ("one of monitor, share")
  const phaseWords = Object.fromEntries((module?.phases || []).map((p) => [p.key, localized(p.labels) || p.key]));
  const today = localToday(); // the teacher's day: the platform takes dates up to UTC+14
  // data-keep: a language switch builds this form again only once its section is open again, after
  // the page's other forms; what was typed in it goes back into it, not into theirs
  const form = h('form', { novalidate: true, 'data-keep': `activity-${school.id}-${campaign.id}`, 'data-draft': `activity-${school.id}-${campaign.id}` },
    h('div', { class: 'form-status', tabindex: '-1' }),
    h('div', { class: 'grid2' },
      field(t('submission.date'), 'date', { type: 'date', required: true, value: today, max: today }),
      phases.length ? field(t('campaign.phase'), 'phase', { required: true, empty: '', options: phases, value: phaseOf(today) }) : null),
    field(t('submission.text'), 'text', { required: true, multiline: true }),
    h('div', { class: 'grid2' },
      field(t('submission.pupils'), 'pupils', { number: 'whole', required: true }),
      field(t('submission.teachers'), 'teachers', { number: 'whole', required: true })),
    ...metrics.map((m) => metricInput(m, 'metrics.' + m.name)),
    h('fieldset', {}, h('legend', {}, t('submission.media') + (module?.schema?.mediaRequired ? ' *' : '')),
      field(t('submission.mediaUrl'), 'mediaUrl', { type: 'url' }),
      field(t('submission.mediaType'), 'mediaType', { options: [['photo', t('submission.photo')], ['video', t('submission.video')]] }),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'showsPupils' }), ' ', t('submission.showsPupils')),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'parentalConsent' }), ' ', t('submission.consent'))),
    h('button', { type: 'submit', class: 'secondary' }, t('submission.submit')));
  const send = form.querySelector('button[type="submit"]');
  // The phase follows the date until the person picks one.
  let phasePicked = false;
  form.elements.phase?.addEventListener('change', () => { phasePicked = true; });
  form.elements.date.addEventListener('change', () => {
    if (!phasePicked && form.elements.phase) form.elements.phase.value = phaseOf(form.elements.date.value);
  });
  /** Empty again for the next activity, as when first opened (the same report sent twice is a 409). */
  const empty = () => {
    form.reset();
    form.querySelectorAll('[data-item]').forEach((row) => { if (row.dataset.item !== '0') row.remove(); }); // rows added to a list
    form.elements.date.value = today;
    phasePicked = false;
    if (form.elements.phase) form.elements.phase.value = phaseOf(today);
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (send.disabled) return; // the activity is on its way
    const e = form.elements;
    // what the platform requires is asked for before anything is sent, said on each field; the
    // focus on the first one left blank (a phase not chosen)
    if (showMissing(form, ['date', ...(e.phase ? ['phase'] : []), 'text', 'pupils', 'teachers'])) {
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    const body = {
      school: Number(school.id),
      date: e.date.value || null,
      phase: e.phase ? e.phase.value || null : null,
      text: e.text.value,
      pupils: wholeOf(e.pupils.value),
      teachers: wholeOf(e.teachers.value),
      metrics: readMetrics(form, metrics),
      media: e.mediaUrl.value ? [{ url: e.mediaUrl.value, type: e.mediaType.value, showsPupils: e.showsPupils.checked,
        parentalConsent: e.parentalConsent.checked }] : [],
    };
    await whileBusy(send, async () => {
      try {
        let sent;
        let again = false; // received on an earlier try
        try {
          sent = await api('POST', `/api/v1/campaigns/${encodeURIComponent(campaign.id)}/submissions`, body);
        } catch (err) {
          // the same report pending already: this form's own, sent on a try whose answer was lost
          // (or the same one sent from elsewhere). Received, not refused: said so, and listed
          const id = err instanceof ApiError && err.status === 409 ? err.problem?.submission : null;
          if (id === null || id === undefined) throw err;
          sent = await api('GET', `/api/v1/campaigns/${encodeURIComponent(campaign.id)}/submissions/${encodeURIComponent(id)}`)
            .catch(() => ({ ...body, id, status: 'PENDING' }));
          again = true;
        }
        clearProblem(form);
        empty();
        clearDraft(form);
        const done = h('p', { class: 'notice', role: 'status' }, t(again ? 'submission.receivedAlready' : 'submission.done'));
        form.querySelector('.form-status').replaceChildren(done);
        const listed = onSent?.(sent || { ...body, status: 'PENDING' }); // "Your reports" shows it, pending
        // the focus leaves the send button (Enter again would send it twice) for the report just sent
        if (listed) listed.setAttribute('tabindex', '-1');
        (listed || form.querySelector('.form-status')).focus();
      } catch (err) {
        showActivityProblem(form, phasesNamed(err, phaseWords), metrics);
      }
    });
  });
  return form;
}

/**
 * The API's messages with each phase key it lists ("one of monitor, take-action") in words, as the
 * form names the phases ("Monitor, Take action"); a key the module does not name stays as it is.
 */
function phasesNamed(err, words) {
  const keys = Object.keys(words).filter((k) => words[k] && words[k] !== k).sort((a, b) => b.length - a.length);
  if (!(err instanceof ApiError) || !keys.length) return err;
  const key = new RegExp(`(?<![\\w-])(${keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`, 'g');
  const named = (text) => (typeof text === 'string' ? text.replace(key, (k) => words[k]) : text);
  const p = err.problem || {};
  return new ApiError(err.status, { ...p, detail: named(p.detail),
    ...(Array.isArray(p.errors) ? { errors: p.errors.map((e) => (/^(phase|date)$/.test(String(e.field || '')) ? { ...e, message: named(e.message) } : e)) } : {}) });
}

/**
 * A refused activity: each metric's error (metrics.waste[0].mass) is put on its input (named
 * metrics.waste.0.mass) and named with the schema's labels ("Waste collected (1): Mass").
 */
function showActivityProblem(form, err, metrics) {
  err = mediaOnItsFields(err);
  const errors = err?.problem?.errors;
  if (!Array.isArray(errors) || !errors.some((e) => String(e.field || '').startsWith('metrics.'))) {
    showProblem(form, err);
    return;
  }
  const relabel = (fieldPath) => {
    if (!fieldPath.startsWith('metrics.')) return fieldPath;
    const words = [];
    let defs = metrics;
    for (const part of fieldPath.slice(8).split('.')) {
      const m = /^(.*?)(?:\[(\d+)\])?$/.exec(part);
      const def = (defs || []).find((d) => d.name === m[1]);
      words.push((def ? localized(def.labels) || def.name : m[1]) + (m[2] !== undefined ? ' (' + (Number(m[2]) + 1) + ')' : ''));
      defs = def?.fields;
    }
    return words.join(': ');
  };
  // the input's name: an item's index as a part (waste[0] is waste.0), and an object's fields
  // under the .0 its inputs have (site.name is site.0.name), as a list's first item
  const inputName = (fieldPath) => {
    if (!fieldPath.startsWith('metrics.')) return fieldPath;
    const parts = ['metrics'];
    let defs = metrics;
    for (const part of fieldPath.slice(8).split('.')) {
      const m = /^(.*?)(?:\[(\d+)\])?$/.exec(part);
      const def = (defs || []).find((d) => d.name === m[1]);
      parts.push(m[1]);
      if (m[2] !== undefined) parts.push(m[2]);
      else if (def?.type === 'object') parts.push('0');
      defs = def?.fields;
    }
    return parts.join('.');
  };
  const copy = (field) => new ApiError(err.status, { ...err.problem, errors: errors.map((e) => ({ ...e, field: field(String(e.field || '')) })) });
  showProblem(form, copy(inputName)); // marks the inputs, named by path
  form.querySelector('.form-status').replaceChildren(problemView(copy(relabel)));
}

/** The form's names of the media link's fields (one link: media[0]). */
const MEDIA_FIELDS = { url: 'mediaUrl', type: 'mediaType', showsPupils: 'showsPupils', parentalConsent: 'parentalConsent' };

/**
 * The API's errors of the media link (media[0].parentalConsent) put on the form's own fields, so
 * that each is marked beside its input; the missing consent in a plain sentence instead of the
 * API's "must be true".
 */
function mediaOnItsFields(err) {
  const errors = err?.problem?.errors;
  if (!(err instanceof ApiError) || !Array.isArray(errors)) return err;
  return new ApiError(err.status, { ...err.problem, errors: errors.map((e) => {
    const m = /^media\[0\]\.(\w+)$/.exec(String(e.field || ''));
    if (!m || !MEDIA_FIELDS[m[1]]) return e;
    return { ...e, field: MEDIA_FIELDS[m[1]], message: m[1] === 'parentalConsent' ? t('submission.consentNeeded') : e.message };
  }) });
}

function handOverView(school) {
  const form = h('form', { novalidate: true }, h('div', { class: 'form-status', tabindex: '-1' }),
    h('p', {}, t('handover.lead')),
    field(t('handover.email'), 'email', { type: 'email', required: true }),
    h('button', { type: 'submit' }, t('handover.submit')));
  const send = form.querySelector('button[type="submit"]');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await whileBusy(send, async () => {
      try {
        const r = await api('POST', '/api/v1/invitations', { email: form.elements.email.value, role: 'SCHOOL_FOCAL_POINT', school: String(school.id) });
        clearProblem(form);
        form.querySelector('.form-status').replaceChildren(handedOver(r, t('handover.done')));
        announce(r.delivery === 'email' ? t('mail.sent', { email: r.sentTo, until: formatDate(r.expiresAt) }) : t('handover.done'));
      } catch (e) {
        showProblem(form, e);
      }
    });
  });
  const box = disclosure('handover-' + school.id, t('handover.title'));
  box.append(form);
  return box;
}
