// The map of member schools: Leaflet (from its webjar, loaded only here), tiles from the
// configuration. Markers are drawn as vectors, so they show even when no tile can load.
import { ui, t, h, api, apiAll, filterForm, filterQuery, problemView, countries, countryName, announce } from './app.js';

let leaflet;
function loadLeaflet() {
  if (!leaflet) {
    leaflet = new Promise((resolve, reject) => {
      document.head.append(h('link', { rel: 'stylesheet', href: '/vendor/leaflet/leaflet.css' }));
      const s = h('script', { src: '/vendor/leaflet/leaflet.js' });
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
  Promise.all([loadLeaflet(), apiAll('/api/v1/schools?' + q, 20000), countries()]).then(([L, schools]) => {
    const map = L.map(box, { worldCopyJump: true }).setView([20, 10], 2);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    if (ui.config.tileUrl) {
      L.tileLayer(ui.config.tileUrl, { maxZoom: ui.config.tileMaxZoom || 19, attribution: escapeHtml(ui.config.tileAttribution || '') }).addTo(map);
    }
    const points = [];
    for (const s of schools) {
      if (s.latitude == null || s.longitude == null) continue;
      const marker = L.circleMarker([s.latitude, s.longitude], { radius: 6, color: '#0a4f8c', weight: 2, fillColor: '#4f9be0', fillOpacity: 0.8 });
      const popup = h('div', {}, h('strong', {}, h('a', { href: '/schools/' + s.id }, s.name)), h('br'), [s.city, countryName(s.country)].filter(Boolean).join(', '));
      marker.bindPopup(popup);
      marker.addTo(map);
      points.push([s.latitude, s.longitude]);
    }
    if (points.length) map.fitBounds(points, { maxZoom: 8, padding: [20, 20] });
    box.dataset.markers = String(points.length);
    status.textContent = t('map.count', { n: points.length });
    announce(status.textContent);
  }).catch((e) => status.replaceChildren(problemView(e)));
  return view;
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
