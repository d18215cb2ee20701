// The API reference page (/p/api): Swagger UI draws /api/v1/openapi.json, the document every
// installed bundle adds its endpoints to. Swagger UI (about 450 KB compressed) is loaded only here.
const SWAGGER = '/api-reference/swagger-ui-${swagger-ui.version}';

const TEXTS = {
  en: {
    title: 'API reference',
    lead: 'The platform\'s HTTP API, drawn from its OpenAPI document, to which every installed plugin adds its endpoints. The same document for your tools:',
    session: 'You are signed in: "Try it out" sends each request under your own session, with what your roles allow. A change is made for real, and audited as yours.',
    token: 'Requests that need an account take an API token: sign in and make one on My account, then give it under "Authorize". Without one, only the public endpoints answer.',
    guide: 'Conventions (errors, paging, ETags, languages): docs/api.md in the source repository.',
    loading: 'Loading the reference…',
    failed: 'The reference could not be loaded. The OpenAPI document is still at the address above.',
    operations: 'Endpoints',
  },
  fr: {
    title: 'Référence de l\'API',
    lead: 'L\'API HTTP de la plateforme, tirée de son document OpenAPI, auquel chaque plugin installé ajoute ses points d\'accès. Le même document pour vos outils :',
    session: 'Vous êtes connecté·e : « Try it out » envoie chaque requête dans votre session, avec ce que vos rôles permettent. Une modification est réelle, et journalisée à votre nom.',
    token: 'Les requêtes qui demandent un compte prennent un jeton d\'API : connectez-vous et créez-en un dans Mon compte, puis donnez-le sous « Authorize ». Sans jeton, seuls les points d\'accès publics répondent.',
    guide: 'Conventions (erreurs, pagination, ETag, langues) : docs/api.md dans le dépôt des sources.',
    loading: 'Chargement de la référence…',
    failed: 'La référence n\'a pas pu être chargée. Le document OpenAPI reste à l\'adresse ci-dessus.',
    operations: 'Points d\'accès',
  },
  es: {
    title: 'Referencia de la API',
    lead: 'La API HTTP de la plataforma, tomada de su documento OpenAPI, al que cada plugin instalado añade sus puntos de acceso. El mismo documento para sus herramientas:',
    session: 'Ha iniciado sesión: «Try it out» envía cada solicitud en su propia sesión, con lo que sus roles permiten. Un cambio se hace de verdad y queda registrado a su nombre.',
    token: 'Las solicitudes que requieren una cuenta llevan un token de API: inicie sesión y cree uno en Mi cuenta, luego indíquelo en «Authorize». Sin token, solo responden los puntos de acceso públicos.',
    guide: 'Convenciones (errores, paginación, ETag, idiomas): docs/api.md en el repositorio de fuentes.',
    loading: 'Cargando la referencia…',
    failed: 'No se pudo cargar la referencia. El documento OpenAPI sigue en la dirección de arriba.',
    operations: 'Puntos de acceso',
  },
  de: {
    title: 'API-Referenz',
    lead: 'Die HTTP-API der Plattform, aus ihrem OpenAPI-Dokument, zu dem jedes installierte Plugin seine Endpunkte beiträgt. Dasselbe Dokument für Ihre Werkzeuge:',
    session: 'Sie sind angemeldet: „Try it out“ sendet jede Anfrage in Ihrer eigenen Sitzung, mit dem, was Ihre Rollen erlauben. Eine Änderung geschieht wirklich und wird unter Ihrem Namen protokolliert.',
    token: 'Anfragen, die ein Konto brauchen, nehmen ein API-Token: melden Sie sich an und erstellen Sie eines unter Mein Konto, dann geben Sie es unter „Authorize“ an. Ohne Token antworten nur die öffentlichen Endpunkte.',
    guide: 'Konventionen (Fehler, Seiten, ETags, Sprachen): docs/api.md im Quell-Repository.',
    loading: 'Die Referenz wird geladen…',
    failed: 'Die Referenz konnte nicht geladen werden. Das OpenAPI-Dokument bleibt unter der Adresse oben.',
    operations: 'Endpunkte',
  },
};

/** Loads a script or style sheet once per page load (`id` names it); later visits of the page reuse it. */
function load(id, tag, attributes) {
  const present = document.getElementById(id);
  if (present) return present.dataset.loaded ? Promise.resolve() : new Promise((ok, ko) => {
    present.addEventListener('load', ok);
    present.addEventListener('error', ko);
  });
  return new Promise((ok, ko) => {
    const el = Object.assign(document.createElement(tag), attributes, { id });
    el.addEventListener('load', () => { el.dataset.loaded = 'true'; ok(); });
    el.addEventListener('error', () => { el.remove(); ko(new Error('not loaded: ' + (attributes.src || attributes.href))); });
    document.head.append(el);
  });
}

export default async function render(container, ui) {
  const s = TEXTS[ui.lang] || TEXTS.en;
  const h = ui.h;
  const status = h('p', { class: 'loading', role: 'status' }, s.loading);
  const holder = h('div', { id: 'api-reference', lang: 'en' }); // Swagger UI speaks English only
  container.append(
    h('h1', {}, s.title),
    h('p', {}, s.lead, ' ', h('a', { href: '/api/v1/openapi.json' }, '/api/v1/openapi.json')),
    h('p', {}, ui.me ? s.session : s.token),
    h('p', {}, s.guide),
    h('h2', { id: 'api-reference-endpoints' }, s.operations),
    status,
    holder);
  // not awaited: the page (its heading, the loading line) is shown while Swagger UI's files come
  draw(holder, status, s, ui);
}

/** Loads Swagger UI and draws the document into `holder`; says so in `status` when it cannot. */
async function draw(holder, status, s, ui) {
  try {
    await Promise.all([load('swagger-ui-css', 'link', { rel: 'stylesheet', href: SWAGGER + '/swagger-ui.css' }),
      load('swagger-ui-js', 'script', { src: SWAGGER + '/swagger-ui-bundle.js' })]);
    // after Swagger UI's own, so that its rules win; marked like this script (see UiPagesServlet)
    const here = new URL(import.meta.url);
    await load('api-reference-css', 'link', { rel: 'stylesheet', href: new URL('page.css' + here.search, here).href });
  } catch (e) {
    status.textContent = s.failed;
    status.setAttribute('role', 'alert');
    return;
  }
  window.SwaggerUIBundle({
    domNode: holder,
    url: '/api/v1/openapi.json',
    docExpansion: 'none',
    defaultModelsExpandDepth: 0,
    filter: true,
    validatorUrl: null, // never sends the document to swagger.io
    queryConfigEnabled: false, // no reader-given document or configuration from the address
    requestInterceptor: (request) => {
      // what the UI's own requests carry: the language, and a signed-in reader's CSRF token on a
      // change (none when the reader gave a token under Authorize: the token is the credential then);
      // never to another site (a $ref or a server elsewhere)
      if (new URL(request.url, location.href).origin !== location.origin) return request;
      const method = String(request.method || 'GET').toUpperCase();
      const headers = ui.requestHeaders ? ui.requestHeaders(method) : { 'Accept-Language': ui.lang };
      if (request.headers.Authorization) delete headers['X-CSRF-Token'];
      Object.assign(request.headers, headers);
      return request;
    },
    tagsSorter: 'alpha', // the bundles' fragments come in no fixed order
    onComplete: () => {
      status.remove();
      // Swagger UI draws its operations in a <main>, inside the site's own: one main landmark only
      holder.querySelector('main')?.setAttribute('role', 'region');
      holder.querySelector('main')?.setAttribute('aria-labelledby', 'api-reference-endpoints');
    },
  });
}
