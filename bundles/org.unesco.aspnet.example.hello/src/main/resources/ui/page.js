// The example plugin's page in the web UI (docs/ui.md): greets through the plugin's own endpoint.
const WORDS = { en: 'The example plugin says', fr: "L'extension d'exemple dit", es: 'El complemento de ejemplo dice' };

export default async function render(container, ui) {
  container.append(ui.h('h1', { id: 'hello-title' }, WORDS[ui.lang] || WORDS.en));
  try {
    const greeting = await ui.api('GET', '/api/v1/hello' + (ui.me?.name ? '?name=' + encodeURIComponent(ui.me.name.slice(0, 100)) : ''));
    container.append(ui.h('p', { id: 'hello-message' }, greeting.message));
  } catch (e) {
    container.append(ui.problemView(e));
  }
}
