// The map of member schools: Leaflet (from its webjar, loaded only here), tiles from the
// configuration. The schools come in one request (/api/v1/schools/points, compact rows) and are
// drawn on one canvas, so thousands of markers stay quick and show even when no tile can load; a
// popup is built only when a marker is clicked.
import { ui, t, h, api, filterForm, filterQuery, problemView, countries, countryName, announce, plural } from './app.js';

let leaflet;
function loadLeaflet() {
  if (!leaflet) {
    leaflet = new Promise((resolve, reject) => {
      document.head.append(h('link', { rel: 'stylesheet', href: new URL('./vendor/leaflet/leaflet.css', import.meta.url).pathname }));
      const s = h('script', { src: new URL('./vendor/leaflet/leaflet.js', import.meta.url).pathname });
      s.onload = () => resolve(window.L);
      s.onerror = () => reject(new Error(t('map.libraryFailed')));
      document.head.append(s);
    });
  }
  return leaflet;
}

export async function mapPage() {
  const form = await filterForm('/map');
  const box = h('div', { class: 'map', id: 'map', role: 'region', 'aria-label': t('map.label') });
  const status = h('p', { id: 'map-status' });
  const q = filterQuery();
  const view = [h('h1', {}, t('map.title')), form, status, box,
    h('p', {}, h('a', { href: '/schools' + (q.toString() ? '?' + q : '') }, t('map.asList')))];
  Promise.all([loadLeaflet(), api('GET', '/api/v1/schools/points' + (q.toString() ? '?' + q : '')), countries()]).then(([L, answer]) => {
    const n = answer.points.length;
    // Leaflet's own zoom buttons say "Zoom in" in every language: ours say it in the page's
    const map = L.map(box, { worldCopyJump: true, preferCanvas: true, zoomControl: false });
    L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
    // opened at its final view, not moved there: no animation after the markers are drawn
    if (n) map.fitBounds(L.latLngBounds(answer.points.map((p) => [p[1], p[2]])), { maxZoom: 8, padding: [20, 20], animate: false });
    else map.setView([20, 10], 2);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (ui.config.tileUrl) {
      L.tileLayer(ui.config.tileUrl, { maxZoom: ui.config.tileMaxZoom || 19, attribution: escapeHtml(ui.config.tileAttribution || '') }).addTo(map);
    }
    // a point is [id, latitude, longitude, name, city, country]
    const markers = L.featureGroup();
    for (const p of answer.points) {
      markers.addLayer(L.circleMarker([p[1], p[2]], { radius: 6, color: '#0a4f8c', weight: 2, fillColor: '#4f9be0', fillOpacity: 0.8, point: p }));
    }
    const popup = L.popup();
    markers.on('click', (e) => {
      const marker = e.propagatedFrom;
      const [id, , , name, city, country] = marker.options.point;
      popup.setLatLng(marker.getLatLng())
        .setContent(h('div', {}, h('strong', {}, h('a', { href: '/schools/' + id }, name)), h('br'), [city, countryName(country)].filter(Boolean).join(', ')))
        .openOn(map);
    });
    markers.addTo(map);
    box.dataset.markers = String(n);
    status.textContent = plural('map.count', n) + (answer.truncated ? ' ' + t('map.truncated') : '');
    announce(status.textContent);
  }).catch((e) => status.replaceChildren(problemView(e)));
  return view;
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
