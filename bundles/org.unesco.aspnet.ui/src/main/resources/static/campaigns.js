// Campaign pages: the list, and one campaign with its public summary and charts. Until the
// campaigns bundle is installed the API answers 404 and the page says so in words.
import { ui, t, h, api, ApiError, campaignModules, moduleName, filtersNavigate, colon, problemView, barChart, formatNumber, formatDate, localized, langOf, countries, countryName,
  field, checks, plural, whileBusy, announce, signInPrompt, hasRole, submissionStatus, phaseLabels, pagedList, commentGiven, showProblem,
  clearProblem, render, languageName, askRemovalInRow, showMissing } from './app.js';

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
    // the modules' names in the page's language ("Trash Hack", not its key "trash-hack"), read beside
    const [page, modules] = await Promise.all([api('GET', '/api/v1/campaigns?limit=100'), campaignModules()]);
    const items = page.items || [];
    if (!items.length) view.push(h('p', {}, t('campaigns.none')));
    // a title or description the campaign has not in the page's language is marked with the one it is in
    view.push(h('ul', { class: 'cards' }, ...items.map((c) => h('li', {},
      h('h2', {}, h('a', { href: '/campaigns/' + c.id, lang: langOf(c.title || c.name) }, localized(c.title || c.name) || c.id)),
      c.module ? h('p', { class: 'meta' }, moduleName(modules, c.module)) : null, c.description ? h('p', { lang: langOf(c.description) }, localized(c.description)) : null))));
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
  const resources = api('GET', path + '/resources');
  coordinators.catch(() => {});
  summary.catch(() => {});
  resources.catch(() => {});
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
  const phaseNames = phaseLabels(module);
  const view = [h('h1', { lang: langOf(campaign.title || campaign.name) }, localized(campaign.title || campaign.name) || id)];
  if (campaign.description) view.push(h('p', { lang: langOf(campaign.description) }, localized(campaign.description)));
  const dl = h('dl', { class: 'props' });
  const prop = (key, value) => { if (value !== null && value !== undefined && value !== '') dl.append(h('dt', {}, t(key)), h('dd', {}, value)); };
  prop('campaign.module', module?.name || campaign.module);
  prop('campaign.scope', campaign.country ? countryName(campaign.country)
    : (campaign.countries || []).length ? campaign.countries.map(countryName).join(', ') : t('campaign.global'));
  prop('campaign.status', campaign.open === false ? t('campaign.closed') : t('campaign.open'));
  if (campaign.open !== false) {
    // who may join, where: the rules the API applies (CampaignRules), said before anyone tries
    const where = campaign.country ? [campaign.country] : campaign.countries || [];
    const members = campaign.membersOnly !== false;
    prop('campaign.whoMayJoin', where.length
      ? t(members ? 'campaign.joinMembersOf' : 'campaign.joinAnyOf', { countries: where.map(countryName).join(', ') })
      : t(members ? 'campaign.joinMembersEverywhere' : 'campaign.joinAnyEverywhere'));
  }
  prop('campaign.participants', campaign.participants !== undefined ? formatNumber(campaign.participants) : null);
  for (const p of campaign.phases || []) {
    prop('campaign.phase', (phaseNames[p.key] || p.key) + (p.starts || p.ends ? colon() + [p.starts, p.ends].map((d) => (d ? formatDate(d) : '…')).join(' – ') : ''));
  }
  try {
    const people = (await coordinators).items || [];
    prop('campaign.coordinators', people.map((p) => p.name + (p.email ? ' <' + p.email + '>' : '')).join(', '));
  } catch (e) { /* an older installation without the list: nothing to show */ }
  view.push(dl);
  if (campaign.open !== false) {
    // the portal is offered to the staff of a school of a country the campaign is for (the portal says
    // the rest: members only, already taking part)
    const where = campaign.country ? [campaign.country] : campaign.countries || [];
    const staff = (ui.me?.roles || []).some((r) => (r.role === 'SCHOOL_FOCAL_POINT' || r.role === 'SCHOOL_STAFF')
      && (!where.length || where.includes(r.country)));
    view.push(h('p', {}, staff ? h('a', { href: '/portal' }, t('campaign.joinFromPortal')) : t('campaign.howToJoin')));
  }
  // those who may moderate some of its reports (HQ, its coordinators, a National Coordinator) find the queue here
  if (mayModerate(campaign)) view.push(h('p', {}, h('a', { class: 'button', href: '/campaigns/' + encodeURIComponent(id) + '/moderation' }, t('moderation.open'))));
  if (mayEdit(campaign)) view.push(...editSection(campaign, module));
  try {
    view.push(...resourcesSection(campaign, (await resources).items || []));
  } catch (e) { /* an installation without resources yet: the rest of the page stands */ }
  try {
    view.push(h('h2', {}, t('campaign.summary')), ...summaryView(await summary, module));
  } catch (e) {
    view.push(h('h2', {}, t('campaign.summary')), unavailable(e));
  }
  return view;
}

// ---------- resources ----------

const RESOURCE_KINDS = ['GUIDE', 'LESSON_PLAN', 'TOOLKIT', 'VIDEO', 'WEBSITE', 'OTHER'];

// the resource being edited, by campaign: the page drawn again (the language switched) stays in the edit
let editingResource = null;
// the campaigns whose form's text language the person chose (else it follows the page's language)
const textLanguageChosen = new Set();

/**
 * The campaign's teaching resources: links for everyone (the title in the page's language when it
 * has one, what kind it is and the languages it is in); for those who keep them (mayEdit), a form
 * to add one and, on each, Edit and Remove. The list is drawn again from each answer, without
 * reloading the page.
 */
function resourcesSection(campaign, items) {
  const manage = mayEdit(campaign);
  if (!items.length && !manage) return [];
  const base = '/api/v1/campaigns/' + encodeURIComponent(campaign.id) + '/resources';
  const list = h('ul', { class: 'resources', id: 'campaign-resources-list' });
  const empty = h('p', { class: 'meta' }, t('resources.none'));
  const said = h('div', { class: 'form-status', tabindex: '-1', id: 'resources-said' });
  const section = h('section', { id: 'campaign-resources', 'aria-labelledby': 'campaign-resources-title' },
    h('h2', { id: 'campaign-resources-title' }, t('resources.title')), said, list, empty);
  const tell = (words) => {
    said.replaceChildren(h('p', { class: 'notice' }, words));
    announce(words);
  };
  /** Puts r in the list as the server has it (null: `id` is gone), drawn again. */
  const put = (r, id = r?.id) => {
    const at = items.findIndex((x) => x.id === id);
    if (at < 0) {
      if (r) items.push(r);
    } else if (r) {
      items[at] = r;
    } else {
      items.splice(at, 1);
    }
  };
  const form = manage ? resourceForm(campaign.id, base, {
    saved: (r, words) => {
      put(r);
      draw(words ? r.id : null);
      if (words) tell(words);
      else said.replaceChildren(); // the form says what happened; an older word here would contradict it
    },
    gone: (id) => {
      put(null, id);
      draw();
      said.replaceChildren();
    },
  }) : null;
  const draw = (focusId, focusRemove) => {
    list.replaceChildren(...items.map((r) => resourceItem(r, manage ? {
      edit: () => form.edit(r),
      remove: (button) => askRemoval(r, button, base, (fresh, words) => {
        // removed (fresh null), or refused because someone changed or removed it meanwhile: the list as it is now
        put(fresh, r.id);
        if (form.editing(r.id)) form.done(fresh);
        draw(null, fresh ? fresh.id : null);
        tell(words);
        if (!fresh) said.focus();
      }),
    } : null)));
    empty.hidden = items.length > 0;
    if (focusId) list.querySelector(`[data-resource="${focusId}"] a`)?.focus();
    if (focusRemove) list.querySelector(`[data-remove="${focusRemove}"]`)?.focus();
  };
  draw();
  if (form) {
    section.append(form.element);
    // still editing after the page was drawn again (a language switch): the same resource, as it is now
    const was = editingResource?.campaign === String(campaign.id) ? items.find((r) => r.id === editingResource.id) : null;
    if (was) form.edit(was, false);
  }
  return [section];
}

/** One resource: its link (opened in this tab: a teacher on a phone goes back with Back), kind, languages, description. */
function resourceItem(r, actions) {
  const languages = (r.languages || []).map(languageName).join(', ');
  const meta = [t('resources.kind.' + r.kind), languages ? t('resources.in', { languages }) : null].filter(Boolean).join(' · ');
  const li = h('li', { 'data-resource': r.id },
    h('a', { href: r.url, rel: 'noopener noreferrer', lang: langOf(r.title) }, localized(r.title) || r.url),
    h('span', { class: 'meta' }, ' (' + meta + ')'),
    r.description && Object.keys(r.description).length ? h('p', { lang: langOf(r.description) }, localized(r.description)) : null);
  if (actions) {
    const title = localized(r.title);
    const edit = h('button', { type: 'button', class: 'secondary', 'data-edit': r.id }, t('resources.edit'),
      h('span', { class: 'visually-hidden' }, colon() + title));
    const remove = h('button', { type: 'button', class: 'secondary', 'data-remove': r.id }, t('resources.remove'),
      h('span', { class: 'visually-hidden' }, colon() + title));
    edit.addEventListener('click', actions.edit);
    remove.addEventListener('click', () => actions.remove(remove));
    li.append(h('div', { class: 'row-actions' }, edit, remove));
  }
  return li;
}

/** Remove, asked once more in the row (askRemovalInRow): `done(fresh, words)` as there. */
function askRemoval(r, button, base, done) {
  askRemovalInRow(button, {
    url: base + '/' + encodeURIComponent(r.id),
    revision: r.revision,
    attrs: { yes: { 'data-remove-yes': r.id } },
    words: {
      ask: t('resources.removeAsk', { title: localized(r.title) }),
      yes: t('resources.removeYes'),
      keep: t('resources.keep'),
      removed: t('resources.removed', { title: localized(r.title) }),
      changed: (fresh) => t('resources.changedElsewhere', { title: localized(fresh.title) }),
      gone: t('resources.goneElsewhere', { title: localized(r.title) }),
    },
  }, done);
}

/**
 * Add a resource, or edit one (edit(r) fills the form): kind, address, the title and description in
 * one language at a time (merged with the others by the API), the languages it is in. `list.saved(r,
 * words)` puts r in the list, and says words when there are any; `list.gone(id)` takes one off it.
 */
function resourceForm(campaignId, base, list) {
  const status = h('div', { class: 'form-status', tabindex: '-1' });
  const heading = h('h3', { id: 'resource-form-title' }, t('resources.add'));
  const kind = field(t('resources.kindLabel'), 'kind', { required: true, empty: '', options: RESOURCE_KINDS.map((k) => [k, t('resources.kind.' + k)]) });
  const url = field(t('resources.url'), 'url', { type: 'url', required: true, maxLength: 2000, inputmode: 'url', help: t('resources.urlHelp') });
  const language = field(t('resources.textLanguage'), 'textLanguage', { value: ui.lang, options: TEXT_LANGUAGES.map((l) => [l, languageName(l)]) });
  const title = field(t('resources.titleLabel'), 'title', { required: true, maxLength: 200 });
  const description = field(t('resources.description'), 'description', { multiline: true, maxLength: 1000 });
  const spoken = checks(t('resources.languages'), 'languages', [...TEXT_LANGUAGES, 'pt', 'sw'].map((l) => [l, languageName(l)]));
  const submit = h('button', { type: 'submit', id: 'resource-save' }, t('resources.addButton'));
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, t('campaignEdit.cancel'));
  const form = h('form', { novalidate: true, id: 'resource-form', 'aria-labelledby': 'resource-form-title' },
    heading, status, kind, url, language, title, description, spoken, h('div', { class: 'row-actions' }, submit, cancel));
  const input = (name) => form.elements[name];
  // Arabic or Hebrew typed right to left, whatever the page's language
  input('title').setAttribute('dir', 'auto');
  input('description').setAttribute('dir', 'auto');
  let editing = null;
  const textIn = (texts) => texts?.[input('textLanguage').value] || '';
  input('textLanguage').addEventListener('change', (ev) => {
    if (ev.restored) {
      // the page drawn again after a language switch puts back what was there: what was typed stays;
      // a language nobody chose follows the page's
      if (!editing && !textLanguageChosen.has(String(campaignId))) input('textLanguage').value = ui.lang;
      return;
    }
    textLanguageChosen.add(String(campaignId));
    // editing: the title and description already given in that language, to change
    if (editing) {
      input('title').value = textIn(editing.title);
      input('description').value = textIn(editing.description);
    }
  });
  const reset = () => {
    editing = null;
    editingResource = null;
    textLanguageChosen.delete(String(campaignId));
    form.reset();
    input('textLanguage').value = ui.lang;
    heading.textContent = t('resources.add');
    submit.textContent = t('resources.addButton');
    cancel.hidden = true;
    clearProblem(form);
  };
  cancel.addEventListener('click', () => {
    const id = editing?.id;
    reset();
    document.querySelector(`[data-edit="${id}"]`)?.focus();
  });
  /** Edit r: the form filled with it (`focus`: the person asked, so the focus goes into the form). */
  const edit = (r, focus = true) => {
    reset();
    editing = r;
    editingResource = { campaign: String(campaignId), id: r.id };
    heading.textContent = t('resources.editTitle', { title: localized(r.title) });
    submit.textContent = t('portal.save');
    cancel.hidden = false;
    input('kind').value = r.kind;
    input('url').value = r.url;
    // the page's language when the resource has a title in it, else the first it has
    input('textLanguage').value = r.title?.[ui.lang] ? ui.lang : Object.keys(r.title || {})[0] || ui.lang;
    input('title').value = textIn(r.title);
    input('description').value = textIn(r.description);
    form.querySelectorAll('[name=languages]').forEach((box) => { box.checked = (r.languages || []).includes(box.value); });
    if (focus) input('kind').focus();
  };
  const body = () => {
    const lang = input('textLanguage').value;
    const text = input('description').value.trim();
    const b = {
      kind: input('kind').value || null,
      url: input('url').value.trim() || null,
      title: { [lang]: input('title').value },
      languages: [...form.querySelectorAll('[name=languages]:checked')].map((box) => box.value),
    };
    // an emptied description in this language is removed (null merges it away); a new one left empty is not sent
    if (text) b.description = { [lang]: text };
    else if (editing?.description?.[lang]) b.description = { [lang]: null };
    return b;
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    whileBusy(submit, async () => {
      clearProblem(form);
      if (showMissing(form, ['kind', 'url', 'title'])) return undefined; // what the form must have, said beside each field
      const was = editing;
      let answer;
      try {
        answer = was
          ? await api('PATCH', base + '/' + encodeURIComponent(was.id), body(),
            { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${was.revision}"` })
          : await api('POST', base, body());
      } catch (e) {
        return refusedResource(e, was);
      }
      reset();
      list.saved(answer, t(was ? 'resources.saved' : 'resources.added', { title: localized(answer.title) }));
    });
  });
  /** A refusal in words: the same address listed already (beside the address), changed or removed meanwhile, each field's error. */
  const refusedResource = async (e, was) => {
    if (e.status === 409 && e.problem?.resource) {
      return showProblem(form, new ApiError(409, { ...e.problem, errors: [{ field: 'url', message: e.problem.detail }] }));
    }
    if (was && (e.status === 412 || e.status === 404)) {
      // the list shows it as it is now; what was written stays in the form, to save over it knowingly
      const fresh = await api('GET', base + '/' + encodeURIComponent(was.id)).catch(() => null);
      if (!fresh) {
        reset();
        list.gone(was.id);
        status.replaceChildren(h('p', { class: 'notice' }, t('resources.goneElsewhere', { title: localized(was.title) })));
        return status.focus();
      }
      editing = fresh;
      heading.textContent = t('resources.editTitle', { title: localized(fresh.title) });
      list.saved(fresh, null);
      status.replaceChildren(h('p', { class: 'notice' }, t('resources.changed')));
      return status.focus();
    }
    return showProblem(form, e);
  };
  return {
    element: form,
    edit,
    editing: (id) => editing?.id === id,
    /**
     * The resource being edited was removed (fresh null: the form empties) or changed elsewhere
     * (what was typed stays, to save over theirs knowingly).
     */
    done: (fresh) => {
      if (!fresh) return reset();
      editing = fresh;
      heading.textContent = t('resources.editTitle', { title: localized(fresh.title) });
      status.replaceChildren(h('p', { class: 'notice' }, t('resources.changed')));
      return undefined;
    },
  };
}

// ---------- editing ----------

/** The languages a campaign's texts may be added in: the UI's four and the other UN languages. */
const TEXT_LANGUAGES = ['en', 'fr', 'es', 'de', 'ar', 'zh', 'ru'];

/**
 * Whether this person may change the campaign (CampaignAccess.manages): HQ, the campaign's
 * coordinators, the National Coordinator of a national campaign's country. The API decides; this
 * only offers the form.
 */
export function mayEdit(campaign) {
  return (ui.me?.roles || []).some((r) => r.role === 'HQ_OFFICER'
    || (r.role === 'CAMPAIGN_COORDINATOR' && String(r.campaign) === String(campaign.id))
    || (r.role === 'NATIONAL_COORDINATOR' && !!campaign.country && r.country === campaign.country));
}

// what the page drawn again after an edit does: say it was saved, or open the form again (after a 412)
let redrawn = null;
// the campaign whose edit form is open: it stays open when the page is drawn again
let editOpen = null;
// the languages the person added to the form's texts or removed from them: { id, added, removed }.
// A page drawn again while the form is open (a language switch) shows the same boxes, which
// restoreTyped fills with what was typed (a language someone else added meanwhile is shown too,
// not sent as removed); a save, a reload after a 412 or another campaign starts afresh
let editLanguages = null;

/** The Edit button and the form it shows (hidden until asked for). */
function editSection(campaign, module) {
  const id = String(campaign.id);
  const after = redrawn?.id === id ? redrawn : null;
  redrawn = null;
  if (after || editOpen !== id || editLanguages?.id !== id) editLanguages = null;
  const toggle = h('button', { type: 'button', class: 'secondary', id: 'campaign-edit-toggle', 'aria-expanded': 'false',
    'aria-controls': 'campaign-edit' }, t('campaignEdit.open'));
  const section = h('section', { id: 'campaign-edit', 'aria-labelledby': 'campaign-edit-title', hidden: true },
    h('h2', { id: 'campaign-edit-title' }, t('campaignEdit.title')));
  const show = (open) => {
    section.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    editOpen = open ? id : null;
    if (open) section.querySelector('input, textarea')?.focus();
    else toggle.focus();
  };
  section.append(editForm(campaign, module, () => show(false)));
  toggle.addEventListener('click', () => show(section.hidden));
  const saved = after?.saved ? h('p', { class: 'notice', id: 'campaign-edit-saved' }, t('campaignEdit.saved')) : null;
  // open again after a 412, or when the page is drawn again while it was open (a language switch)
  if (after?.open || editOpen === id) {
    section.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
  }
  return [h('p', {}, toggle), saved, section];
}

/**
 * The form: texts per language, phases, joining. Sends only what changed, as a JSON merge patch
 * with the ETag the page read; the page is drawn again from the server once saved.
 */
function editForm(campaign, module, close) {
  const id = String(campaign.id);
  const status = h('div', { class: 'form-status', tabindex: '-1' });
  const texts = textsPart(campaign, editLanguages);
  const phases = phasesPart(campaign, module);
  const joining = joiningPart(campaign);
  const save = h('button', { type: 'submit', id: 'campaign-edit-save' }, t('portal.save'));
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: close }, t('campaignEdit.cancel'));
  const form = h('form', { novalidate: true, id: 'campaign-edit-form' }, status, texts.element, phases.element, joining.element,
    h('div', { class: 'row-actions' }, save, cancel));
  const send = async () => {
    clearProblem(form);
    // a phase ending before it starts is said on its field in the page's words; nothing is sent
    const wrong = phases.errors();
    if (wrong.length) return showProblem(form, new ApiError(400, { errors: wrong }));
    const patch = { ...texts.patch(), ...phases.patch(), ...joining.patch() };
    if (!Object.keys(patch).length) {
      status.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('campaignEdit.nothing')));
      return status.focus();
    }
    try {
      await api('PATCH', '/api/v1/campaigns/' + encodeURIComponent(id), patch,
        { 'Content-Type': 'application/merge-patch+json', 'If-Match': campaign._etag });
    } catch (e) {
      return refused(form, status, e, campaign, phases);
    }
    redrawn = { id, saved: true };
    editOpen = null; // saved: the page is drawn again with the form closed
    editLanguages = null;
    await render();
    // the focus back on the Edit button, beside the notice
    document.getElementById('campaign-edit-toggle')?.focus();
    announce(t('campaignEdit.saved'));
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    whileBusy(save, send);
  });
  return form;
}

/** A refused edit in words: changed meanwhile (with Reload), the module missing, each field's error beside it. */
function refused(form, status, e, campaign, phases) {
  if (e.status === 412 || e.status === 428) {
    const reload = h('button', { type: 'button', id: 'campaign-edit-reload' }, t('campaignEdit.reload'));
    reload.addEventListener('click', async () => {
      redrawn = { id: String(campaign.id), open: true };
      await render();
      document.querySelector('#campaign-edit-form input, #campaign-edit-form textarea')?.focus();
    });
    status.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('strong', {}, t('campaignEdit.stale')), h('p', {}, reload)));
  } else if (e.status === 503) {
    status.replaceChildren(h('div', { class: 'error', role: 'alert' },
      h('strong', {}, t('campaignEdit.moduleMissing', { module: e.problem?.module || campaign.module || '' }))));
  } else {
    // the API names a phase by its place in what was sent: here, by its row
    for (const err of e.problem?.errors || []) {
      err.field = String(err.field || '').replace(/^phases\[(\d+)\]/, (m, i) => `phases[${phases.rowOf(Number(i))}]`);
    }
    return showProblem(form, e);
  }
  status.focus();
}

/**
 * Title and description per language: a box per language, one added from the list, one removed (null).
 * `kept`, the languages added and removed before the page was drawn again ({ added, removed }): they stay so.
 */
function textsPart(campaign, kept) {
  const title = campaign.title || {};
  const description = campaign.description || {};
  const list = h('div', { class: 'languages' });
  const pick = field(t('campaignEdit.addLanguage'), 'addLanguage', { options: [], id: 'campaign-add-language' });
  const select = pick.querySelector('select');
  const add = h('button', { type: 'button', class: 'secondary', id: 'campaign-add-language-button' }, t('campaignEdit.add'));
  const adding = h('div', { class: 'row-actions add-row' }, pick, add);
  const shown = () => [...list.children].map((box) => box.dataset.lang);
  const offer = () => {
    const left = TEXT_LANGUAGES.filter((l) => !shown().includes(l));
    select.replaceChildren(...left.map((l) => h('option', { value: l }, languageName(l))));
    adding.hidden = !left.length;
  };
  const box = (lang) => {
    const name = languageName(lang);
    const remove = h('button', { type: 'button', class: 'secondary' }, t('campaignEdit.removeLanguage', { language: name }));
    const el = h('fieldset', { class: 'language', 'data-lang': lang }, h('legend', {}, name),
      field(t('field.title'), 'title.' + lang, { value: title[lang], maxLength: 200 }),
      field(t('campaign.description'), 'description.' + lang, { multiline: true, value: description[lang], maxLength: 4000 }),
      h('p', {}, remove));
    // typed in that language: an Arabic title is written right to left
    el.querySelectorAll('input, textarea').forEach((input) => input.setAttribute('lang', lang));
    remove.addEventListener('click', () => {
      el.remove();
      offer();
      remember();
      select.focus();
    });
    return el;
  };
  const stored = [...new Set([...Object.keys(title), ...Object.keys(description)])];
  // the languages added and removed, for a page drawn again while the form is open (a language switch)
  const remember = () => {
    editLanguages = { id: String(campaign.id), added: shown().filter((l) => !stored.includes(l)), removed: stored.filter((l) => !shown().includes(l)) };
  };
  list.append(...[...stored.filter((l) => !kept?.removed.includes(l)), ...(kept?.added || []).filter((l) => !stored.includes(l))].map(box));
  if (kept) remember();
  add.addEventListener('click', () => {
    if (!select.value) return;
    const el = box(select.value);
    list.append(el);
    offer();
    remember();
    el.querySelector('input').focus();
  });
  offer();
  const element = h('fieldset', { name: 'title' }, h('legend', {}, t('campaignEdit.texts')), h('p', { class: 'help' }, t('campaignEdit.textsHelp')),
    list, adding);
  // a language left blank, or removed, is sent as null: the API removes it (JSON merge patch)
  const changes = (before, part) => {
    const out = {};
    for (const lang of shown()) {
      const now = list.querySelector(`[name="${part}.${lang}"]`).value.trim();
      if (now !== (before[lang] || '').trim()) out[lang] = now || null;
    }
    for (const lang of Object.keys(before)) if (!shown().includes(lang)) out[lang] = null;
    return Object.keys(out).length ? out : null;
  };
  return {
    element,
    patch() {
      const out = {};
      const titles = changes(title, 'title');
      const descriptions = changes(description, 'description');
      if (titles) out.title = titles;
      if (descriptions) out.description = descriptions;
      return out;
    },
  };
}

/**
 * The phases with their dates: one row per phase of the module (named by its label), or, without
 * a module, rows of the campaign's own with a key, added and removed. While the module is missing
 * they cannot be changed (only it knows its phases).
 */
function phasesPart(campaign, module) {
  const given = campaign.phases || [];
  const legend = h('legend', {}, t('campaignEdit.phases'));
  if (campaign.module && !module) {
    return { element: h('fieldset', {}, legend, h('p', { class: 'notice' }, t('campaignEdit.moduleMissing', { module: campaign.module }))),
      errors: () => [], patch: () => ({}), rowOf: (i) => i };
  }
  const free = !campaign.module;
  const labels = phaseLabels(module);
  const moduleKeys = (module?.phases || []).map((p) => p.key);
  const rows = h('div', { class: 'phases' });
  const date = (label, part, value) => {
    const f = field(label, 'phases[0].' + part, { type: 'date', value, min: '2000-01-01', max: '2100-12-31' });
    f.querySelector('input').dataset.part = part;
    return f;
  };
  const renumber = () => [...rows.children].forEach((row, i) => {
    row.querySelectorAll('[data-part]').forEach((input) => { input.name = `phases[${i}].${input.dataset.part}`; });
    if (!free) return;
    row.querySelector('legend').textContent = t('campaignEdit.phaseN', { n: i + 1 });
    row.querySelector('.remove-phase').textContent = t('campaignEdit.removePhase', { n: i + 1 });
  });
  const addPhase = h('button', { type: 'button', class: 'secondary', id: 'campaign-add-phase' }, t('campaignEdit.addPhase'));
  const row = (key, phase) => {
    const keyField = free ? field(t('field.key'), 'phases[0].key', { value: key, maxLength: 60, help: t('campaignEdit.keyHelp') }) : null;
    if (keyField) keyField.querySelector('input').dataset.part = 'key';
    const el = h('fieldset', { class: 'phase', 'data-key': key || '' }, h('legend', {}, free ? '' : labels[key] || key), keyField,
      h('div', { class: 'grid2' }, date(t('field.starts'), 'starts', phase?.starts), date(t('field.ends'), 'ends', phase?.ends)));
    if (free) {
      const remove = h('button', { type: 'button', class: 'secondary remove-phase' });
      remove.addEventListener('click', () => {
        el.remove();
        renumber();
        addPhase.focus();
      });
      el.append(h('p', {}, remove));
    }
    return el;
  };
  const keys = free ? given.map((p) => p.key) : [...moduleKeys, ...given.map((p) => p.key).filter((k) => !moduleKeys.includes(k))];
  rows.append(...keys.map((k) => row(k, given.find((p) => p.key === k))));
  addPhase.addEventListener('click', () => {
    const el = row('', null);
    rows.append(el);
    renumber();
    el.querySelector('input').focus();
  });
  renumber();
  // what is sent: the rows with something in them, each remembered with its row (errors name the place sent)
  const sent = () => [...rows.children].map((el, i) => {
    const value = (part) => el.querySelector(`[data-part="${part}"]`)?.value.trim() || null;
    return { row: i, phase: { key: free ? value('key') : el.dataset.key, starts: value('starts'), ends: value('ends') } };
  }).filter(({ phase: p }) => p.starts || p.ends || (free && p.key));
  const same = (a, b) => JSON.stringify(a.map(({ key, starts, ends }) => [key, starts || null, ends || null]).sort())
    === JSON.stringify(b.map(({ key, starts, ends }) => [key, starts || null, ends || null]).sort());
  let last = [];
  return {
    element: h('fieldset', {}, legend, h('p', { class: 'help' }, t(free ? 'campaignEdit.phasesFreeHelp' : 'campaignEdit.phasesHelp')),
      rows, free ? h('p', {}, addPhase) : null),
    errors: () => sent().filter((x) => x.phase.starts && x.phase.ends && x.phase.ends < x.phase.starts)
      .map((x) => ({ field: `phases[${x.row}].ends`, message: t('campaignEdit.endsBeforeStarts') })),
    patch() {
      last = sent();
      const phases = last.map((x) => x.phase);
      return same(phases, given) ? {} : { phases };
    },
    rowOf: (i) => last[i]?.row ?? i,
  };
}

/** Open for joining, members only, and the countries whose schools may join (ISO codes, comma-separated). */
function joiningPart(campaign) {
  const open = h('input', { type: 'checkbox', name: 'open', id: 'campaign-open', checked: campaign.open !== false });
  const membersOnly = h('input', { type: 'checkbox', name: 'membersOnly', id: 'campaign-members-only', checked: campaign.membersOnly !== false });
  const before = (campaign.countries || []).join(', ');
  const list = field(t('field.countries'), 'countries', { value: before, maxLength: 1500, autocomplete: 'off', id: 'campaign-countries',
    help: t(campaign.country ? 'campaignEdit.countriesNationalHelp' : 'campaignEdit.countriesHelp', { country: countryName(campaign.country) }) });
  const element = h('fieldset', {}, h('legend', {}, t('campaignEdit.joining')),
    h('div', { class: 'checks' }, h('label', {}, open, ' ', t('campaign.open')), h('label', {}, membersOnly, ' ', t('campaignEdit.membersOnly'))),
    list);
  return {
    element,
    patch() {
      const out = {};
      if (open.checked !== (campaign.open !== false)) out.open = open.checked;
      if (membersOnly.checked !== (campaign.membersOnly !== false)) out.membersOnly = membersOnly.checked;
      const codes = list.querySelector('input').value.split(/[\s,;]+/).map((c) => c.toUpperCase()).filter(Boolean);
      if (codes.join(',') !== (campaign.countries || []).join(',')) out.countries = codes;
      return out;
    },
  };
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
 * that name, or its own label for a total (schema.totalLabels), else the UI's `metric.<name>`
 * (totals the shipped modules compute, as wasteKg, that are no metric of their schema), else the
 * name made readable.
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
  // a module's own words for its totals (SubmissionSchema.totalLabels): a plugin's module has no
  // strings in the UI's i18n files
  for (const [total, perLanguage] of Object.entries(module?.schema?.totalLabels || {})) {
    const label = localized(perLanguage);
    if (label && !fromSchema[total]) fromSchema[total] = label;
  }
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

/** A number as it was measured, with as many decimals as it has (Intl alone keeps three), in the page's format. */
function formatMeasure(n) {
  const text = String(n); // the shortest that reads back as n: 1e-7 has more decimals than it shows
  const decimals = text.includes('e') ? 20 : /\.(\d+)$/.exec(text)?.[1].length || 0;
  return new Intl.NumberFormat(ui.lang, { maximumFractionDigits: Math.min(decimals, 20) }).format(n);
}

/** wasteKg → "Waste kg", PLASTIC → "Plastic". */
function humanize(key) {
  const s = String(key);
  if (s === s.toUpperCase()) return s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
  return s.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (m, c) => ' ' + c.toLowerCase());
}

// ---------- moderation ----------

const SUBMISSION_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'];

/**
 * Whether this person moderates some reports of the campaign (docs/campaign-modules.md, "Who may
 * do what"): HQ, the campaign's coordinators, a National Coordinator (their country's schools; all
 * of a national campaign of their country). The API decides each one; this only offers the page.
 */
export function mayModerate(campaign) {
  return (ui.me?.roles || []).some((r) => r.role === 'HQ_OFFICER'
    || (r.role === 'CAMPAIGN_COORDINATOR' && String(r.campaign) === String(campaign.id))
    || (r.role === 'NATIONAL_COORDINATOR' && (!campaign.country || campaign.country === r.country)));
}

/**
 * Whether this person decides on this report (an NC sees other countries' approved reports, and
 * moderates only their own country's, or all of a national campaign of their country).
 */
function moderatesReport(campaign, sub) {
  return (ui.me?.roles || []).some((r) => r.role === 'HQ_OFFICER'
    || (r.role === 'CAMPAIGN_COORDINATOR' && String(r.campaign) === String(campaign.id))
    || (r.role === 'NATIONAL_COORDINATOR' && (r.country === sub.country || (!!campaign.country && campaign.country === r.country))));
}

/**
 * A submission's metrics in words, in the order of the module's schema: each metric's label, a
 * choice's label (PAPER → "Paper and cardboard"), a number in the page's language with its unit;
 * a list or an object item by item. Values the schema does not name are shown with their key made
 * readable. Null when there are none.
 */
export function metricsView(metrics, module) {
  const defs = module?.schema?.metrics || [];
  const value = (def, v) => {
    if (v === null || v === undefined || v === '') return '';
    if (Array.isArray(v)) return v.map((x) => value(def, x)).join(', ');
    if (typeof v === 'object') {
      // an item's fields in the schema's order (type, mass, unit), then any other
      const order = (def?.fields || []).map((f) => f.name);
      const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length);
      return Object.entries(v).sort(([a], [b]) => rank(a) - rank(b)).map(([k, x]) => {
        const sub = (def?.fields || []).find((f) => f.name === k);
        return (sub ? localized(sub.labels) || humanize(k) : humanize(k)) + colon() + value(sub, x);
      }).join(', ');
    }
    // a measure with all its decimals (-96.1342 is not -96.134), in the page's number format
    if (typeof v === 'number') return formatMeasure(v) + (def?.unit && def.type !== 'list' ? ' ' + def.unit : '');
    // a day (2026-11-25) as the page writes dates
    if (def?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
    // a choice by its label; without one, a code (PLASTIC) made readable, a unit (kg) as it is
    if (def?.type === 'choice' || (def?.choices || []).includes(v)) return localized(def?.choiceLabels?.[v]) || (v === v.toUpperCase() ? humanize(v) : v);
    return String(v);
  };
  const rows = [];
  const names = [...defs.map((d) => d.name), ...Object.keys(metrics || {}).filter((k) => !defs.some((d) => d.name === k))];
  for (const name of names) {
    const v = metrics?.[name];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    const def = defs.find((d) => d.name === name);
    const label = def ? localized(def.labels) || humanize(name) : humanize(name);
    // a list of several items: one line each
    const shown = Array.isArray(v) && v.length > 1 && typeof v[0] === 'object'
      ? h('ul', { class: 'plain' }, ...v.map((x) => h('li', {}, value(def, x))))
      : value(def, v);
    rows.push(h('dt', {}, label), h('dd', {}, shown));
  }
  return rows.length ? h('dl', { class: 'props metrics' }, ...rows) : null;
}

/**
 * The moderation queue of a campaign: its submissions by status (pending by default), country and
 * school, newest first, page by page; each with what the school reported, in words, and for a
 * pending one Approve, or Reject with the comment the school is told. A decision sends If-Match
 * with the submission's ETag, read just before; a 412 (someone decided meanwhile) is said in words
 * and the submission shown as it is now.
 */
export async function moderationPage(id) {
  if (!ui.me) return signInPrompt(t('moderation.title'));
  const path = '/api/v1/campaigns/' + encodeURIComponent(id);
  const params = new URLSearchParams(location.search);
  const status = params.has('status') ? params.get('status') : 'PENDING';
  const country = (params.get('country') || '').toUpperCase();
  const school = params.get('school') || '';
  let campaign;
  let module = null;
  let list = [];
  try {
    [campaign, module, list] = await Promise.all([api('GET', path), api('GET', path + '/schema').catch(() => null), countries()]);
  } catch (e) {
    return [h('h1', {}, t('moderation.title')), await missing(e)];
  }
  const title = localized(campaign.title || campaign.name) || id;
  const view = [h('h1', {}, t('moderation.title')),
    h('p', {}, h('a', { href: '/campaigns/' + encodeURIComponent(id), lang: langOf(campaign.title || campaign.name) }, title))];
  if (!mayModerate(campaign)) {
    view.push(h('p', { class: 'error', role: 'alert' }, t('moderation.notYours')));
    return view;
  }
  // an NC who runs nothing else here picks among their own countries; HQ and coordinators among all
  const own = (ui.me.roles || []).filter((r) => r.role === 'NATIONAL_COORDINATOR' && r.country).map((r) => r.country);
  const everyCountry = hasRole('HQ_OFFICER') || (ui.me.roles || []).some((r) => r.role === 'CAMPAIGN_COORDINATOR' && String(r.campaign) === String(id))
    || (campaign.country && own.includes(campaign.country));
  const countryChoices = (everyCountry ? list.map((c) => c.iso2) : [...new Set(own)]).map((c) => [c, countryName(c)]);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('moderation.filters') },
    field(t('field.status'), 'status', { value: status, empty: t('dir.any'), options: SUBMISSION_STATUSES.map((s) => [s, submissionStatus(s)]) }),
    field(t('field.country'), 'country', { value: country, empty: t('dir.any'), options: countryChoices }),
    school ? h('input', { type: 'hidden', name: 'school', value: school }) : null,
    h('button', { type: 'submit' }, t('console.show')));
  filtersNavigate(form, location.pathname); // within the app, as the directory's filters: no reload
  view.push(form);
  if (school) {
    const all = new URLSearchParams(params);
    all.delete('school');
    view.push(h('p', {}, t('moderation.oneSchool'), ' ', h('a', { href: location.pathname + (all.toString() ? '?' + all : '') }, t('moderation.allSchools'))));
  }
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (country) q.set('country', country);
  if (school) q.set('school', school);
  const items = h('ul', { class: 'submissions', id: 'moderation-list' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('dir.more'));
  const count = h('p', { class: 'meta', role: 'status', id: 'moderation-count', tabindex: '-1' });
  const empty = h('p', { hidden: true }, t(status === 'PENDING' ? 'moderation.nonePending' : 'moderation.none'));
  let cursor = null;
  const counted = () => {
    const shown = items.children.length;
    count.textContent = plural(cursor ? 'moderation.shownMore' : 'moderation.shown', shown);
    empty.hidden = shown > 0 || !!cursor;
  };
  const load = pagedList({
    list: items,
    more,
    fetchPage: (after) => api('GET', `${path}/submissions?${q}${q.toString() ? '&' : ''}limit=50${after ? '&cursor=' + encodeURIComponent(after) : ''}`),
    draw: (s) => moderationItem(campaign, path, s, module, status, counted), // counted again when one leaves
    counted: (next) => {
      cursor = next;
      counted();
    },
    focusOf: (item) => item.querySelector('h2 a'),
  });
  try {
    await load();
  } catch (e) {
    view.push(problemView(e));
    return view;
  }
  view.push(count, empty, items, more);
  return view;
}

/**
 * One submission of `campaign` in the queue, with Approve and Reject where this person decides on
 * it. `listed`: the status the list shows (a decided one leaves a list of pending ones);
 * `changed()`: called once it left, for the count.
 */
function moderationItem(campaign, path, s, module, listed, changed) {
  const item = h('li', { class: 'submission', 'data-submission': String(s.id) });
  const url = `${path}/submissions/${encodeURIComponent(s.id)}`;
  const phases = phaseLabels(module);
  const draw = (sub, notice) => {
    const headingId = 'submission-' + sub.id;
    const dl = h('dl', { class: 'props' });
    const prop = (label, v) => { if (v !== null && v !== undefined && v !== '') dl.append(h('dt', {}, label), h('dd', {}, v)); };
    prop(t('field.country'), countryName(sub.country));
    prop(t('submission.date'), formatDate(sub.date));
    prop(t('campaign.phase'), sub.phase ? phases[sub.phase] || sub.phase : '');
    prop(t('submission.pupils'), formatNumber(sub.pupils));
    prop(t('submission.teachers'), formatNumber(sub.teachers));
    prop(t('field.status'), h('span', { class: 'submission-status', 'data-status': sub.status }, submissionStatus(sub.status)));
    prop(t('moderation.submittedAt'), formatDate(sub.submittedAt));
    if (sub.comment) prop(t('moderation.comment'), sub.comment);
    const media = (sub.media || []).filter((m) => m && m.url);
    const parts = [h('h2', { id: headingId }, h('a', { href: '/schools/' + sub.school }, sub.schoolName || String(sub.school))), dl,
      h('p', { class: 'submission-text' }, sub.text || ''), metricsView(sub.metrics, module)];
    if (media.length) {
      parts.push(h('ul', { class: 'plain media' }, ...media.map((m, i) => h('li', {},
        h('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank' }, (m.type === 'video' ? t('submission.video') : t('submission.photo')) + ' ' + (i + 1)),
        m.showsPupils ? ' – ' + t(m.parentalConsent ? 'moderation.pupilsConsent' : 'moderation.pupilsNoConsent') : ''))));
    }
    const message = h('div', { class: 'row-message', tabindex: '-1', id: headingId + '-message' });
    if (notice) message.append(...[notice].flat());
    parts.push(moderatesReport(campaign, sub) ? decisionForm(sub, message, headingId) : null, message);
    item.setAttribute('aria-labelledby', headingId);
    item.replaceChildren(...parts.filter(Boolean));
    return message;
  };
  /** Approve, or Reject with a comment; a decided one may be decided again, with If-Match as always. */
  const decisionForm = (sub, message, headingId) => {
    const commentId = headingId + '-comment';
    const comment = h('textarea', { id: commentId, name: 'comment', rows: 2, maxlength: 2000 });
    const approve = h('button', { type: 'button', 'data-action': 'approve' }, t('moderation.approve'), h('span', { class: 'visually-hidden' }, colon() + (sub.schoolName || '')));
    const reject = h('button', { type: 'button', class: 'danger', 'data-action': 'reject' }, t('moderation.reject'), h('span', { class: 'visually-hidden' }, colon() + (sub.schoolName || '')));
    const buttons = [approve, reject].filter((b) => sub.status === 'PENDING' || (b === approve ? sub.status !== 'APPROVED' : sub.status !== 'REJECTED'));
    const decide = (decision, button) => whileBusy(button, async () => {
      const text = comment.value.trim();
      // the school is told why: said on the box, before anything is sent
      if (!commentGiven(comment, message, decision === 'REJECTED', t('moderation.commentNeeded'))) return;
      let now = sub;
      try {
        // the ETag of the submission as the server has it; if it moved since this page showed it, say so first
        now = await api('GET', url);
        if (now.revision !== sub.revision) {
          const shownAgain = draw(now, h('p', { class: 'error', role: 'alert' }, t('moderation.changed', { status: submissionStatus(now.status) })));
          shownAgain.focus();
          return;
        }
        const decided = await api('POST', url + '/decision', { decision, comment: text || null }, { 'If-Match': now._etag });
        const done = t('moderation.done', { name: decided.schoolName || '', status: submissionStatus(decided.status) });
        if (listed && decided.status !== listed) {
          // it leaves this list: the next one (or the count) takes the focus
          const next = item.nextElementSibling || item.previousElementSibling;
          item.remove();
          changed();
          announce(done);
          (next?.querySelector('h2 a') || document.getElementById('moderation-count') || document.getElementById('main')).focus();
          return;
        }
        draw(decided, h('p', { class: 'notice', role: 'status' }, done)).focus();
      } catch (e) {
        if (e.status === 412 || e.status === 404) {
          // decided meanwhile by someone else (or gone): said, and the submission shown as it is now
          const words = [h('p', { class: 'error', role: 'alert' }, e.status === 412 ? t('moderation.stale') : t('moderation.gone'))];
          if (e.status === 412) {
            try {
              draw(await api('GET', url), words).focus();
              return;
            } catch (again) {
              words.push(problemView(again));
            }
          }
          message.replaceChildren(...words);
        } else {
          message.replaceChildren(problemView(e));
        }
        message.focus();
      }
    });
    approve.addEventListener('click', () => decide('APPROVED', approve));
    reject.addEventListener('click', () => decide('REJECTED', reject));
    return h('div', { class: 'decision' },
      h('div', { class: 'field' }, h('label', { for: commentId }, t('moderation.commentLabel')), comment),
      h('div', { class: 'row-actions' }, ...buttons));
  };
  draw(s);
  return item;
}
