// If app.js could not be downloaded (a flaky connection), the page would say "Loading…" for ever:
// after a while, or once the page has loaded without the app starting, it says so, in English and
// the visitor's language, with a button to reload; it reloads by itself when the browser is back
// online. A classic script, so that it runs even where the app's module does not.
(function () {
  'use strict';
  var WORDS = {
    en: ['The page could not load. Check your connection and try again.', 'Reload'],
    fr: ['La page n\u2019a pas pu se charger. V\u00e9rifiez votre connexion et r\u00e9essayez.', 'Recharger'],
    es: ['No se pudo cargar la p\u00e1gina. Compruebe su conexi\u00f3n e int\u00e9ntelo de nuevo.', 'Volver a cargar'],
    de: ['Die Seite konnte nicht geladen werden. Pr\u00fcfen Sie Ihre Verbindung und versuchen Sie es erneut.', 'Neu laden']
  };
  var shown = false;
  function started() {
    return window.aspnetStarted === true;
  }
  function language() {
    var lang = '';
    try { lang = localStorage.getItem('aspnet.lang') || ''; } catch (e) { /* storage refused */ }
    lang = (lang || navigator.language || 'en').slice(0, 2).toLowerCase();
    return WORDS[lang] ? lang : 'en';
  }
  function show() {
    var main = document.getElementById('main');
    if (shown || started() || !main || !main.querySelector('.loading')) return;
    shown = true;
    var lang = language();
    var box = document.createElement('div');
    box.className = 'error boot-failed';
    box.setAttribute('role', 'alert');
    var langs = lang === 'en' ? ['en'] : ['en', lang];
    for (var i = 0; i < langs.length; i++) {
      var p = document.createElement('p');
      p.lang = langs[i];
      p.textContent = WORDS[langs[i]][0];
      box.appendChild(p);
    }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'retry';
    for (var j = 0; j < langs.length; j++) {
      var label = document.createElement('span');
      label.lang = langs[j];
      label.textContent = (j ? ' / ' : '') + WORDS[langs[j]][1];
      button.appendChild(label);
    }
    button.addEventListener('click', function () { location.reload(); });
    box.appendChild(button);
    main.removeAttribute('aria-busy');
    main.replaceChildren ? main.replaceChildren(box) : (main.textContent = '', main.appendChild(box));
  }
  window.setTimeout(show, 15000);
  // everything the page asked for has come, the app's module among them, and it has not started
  window.addEventListener('load', function () { window.setTimeout(show, 1000); });
  window.addEventListener('online', function () { if (!started()) location.reload(); });
})();
