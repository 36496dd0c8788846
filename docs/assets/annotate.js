/* annotate.js: reader tools for the annotated article page.
 * Cards: every [data-card] link (mentions, statement marks) opens a card on hover, keyboard focus or a first tap.
 * Reading controls: annotations on/off, one kind only, first mention only, remembered in localStorage.
 * Paragraphs: a "copy link" button next to each number. Print: cards become numbered endnotes (CSS).
 * Without this script the mentions are plain links and the cards stay hidden. */
(function () {
  'use strict';

  var OPEN_DELAY = 150;
  var DWELL_DELAY = 600; // statements cover much of the text: their tint opens a card only when the pointer rests
  var DWELL_SLOP = 6;
  var CLOSE_DELAY = 300;
  var GAP = 6;
  var MARGIN = 8;
  var STORE = 'annotated-reading:controls';
  var sheet = window.matchMedia('(max-width: 600px)');
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
    'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  var ON = '[data-card]:not(.ann-off), .ann-stmt:not(.ann-off)';

  var current = null; // {trigger, card, sticky}; sticky: opened by focus or tap, so pointer leaving keeps it
  var openTimer = 0;
  var closeTimer = 0;
  var pending = null; // {trigger, delay, x, y}: waiting for its open delay
  var down = null; // the trigger and its state at pointerdown, read by the click that follows
  var quiet = false; // set while focus is handed back to a trigger, so that it does not reopen
  var status = null;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    if (text) el.textContent = text;
    return el;
  }

  function cardOf(trigger) {
    return document.getElementById(trigger.getAttribute('data-card'));
  }

  function markOf(statement) {
    var mark = statement.nextElementSibling;
    return mark && mark.classList.contains('ann-mark') && !mark.classList.contains('ann-off') ? mark : null;
  }

  // The innermost annotation under a node, as {trigger, delay}; a statement's tint stands for its mark.
  function hit(node) {
    var el = node && node.closest ? node.closest(ON) : null;
    if (!el) return null;
    var delay = OPEN_DELAY;
    if (!el.hasAttribute('data-card')) {
      el = markOf(el);
      delay = DWELL_DELAY;
    }
    return el && cardOf(el) ? { trigger: el, delay: delay } : null;
  }

  function triggerOf(node) {
    var found = hit(node);
    return found && found.trigger;
  }

  function cancelOpen() {
    clearTimeout(openTimer);
    pending = null;
  }

  function clearTimers() {
    cancelOpen();
    clearTimeout(closeTimer);
  }

  function schedule(found, event) {
    cancelOpen();
    pending = { trigger: found.trigger, delay: found.delay, x: event.clientX, y: event.clientY };
    openTimer = setTimeout(function () { open(found.trigger, false); }, found.delay);
  }

  function place(trigger, card) {
    card.style.left = card.style.top = card.style.maxHeight = '';
    if (sheet.matches) return; // the stylesheet docks it as a bottom sheet
    var rects = trigger.getClientRects();
    if (!rects.length) return;
    var first = rects[0];
    var last = rects[rects.length - 1];
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var viewWidth = document.documentElement.clientWidth;
    var header = document.querySelector('.md-header');
    var minTop = (header ? Math.max(header.getBoundingClientRect().bottom, 0) : 0) + MARGIN;
    var below = window.innerHeight - MARGIN - last.bottom - GAP;
    var above = first.top - GAP - minTop;
    var up = height > below && (height <= above || above > below);
    var room = up ? above : below;
    if (height > room) {
      // Taller than the room on either side: it scrolls inside rather than leaving the viewport.
      height = Math.max(room, 60);
      card.style.maxHeight = height + 'px';
    }
    var top = up ? first.top - GAP - height : last.bottom + GAP;
    var left = Math.max(MARGIN, Math.min(up ? first.left : last.left, viewWidth - width - MARGIN));
    card.style.left = left + window.scrollX + 'px';
    card.style.top = top + window.scrollY + 'px';
  }

  function open(trigger, sticky) {
    clearTimers();
    if (current && current.trigger === trigger) {
      current.sticky = current.sticky || sticky;
      return;
    }
    close();
    var card = cardOf(trigger);
    card.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    current = { trigger: trigger, card: card, sticky: sticky };
    place(trigger, card);
    if (sheet.matches) {
      // The bottom sheet must not cover the words it explains.
      var overlap = trigger.getBoundingClientRect().bottom + MARGIN - (window.innerHeight - card.offsetHeight);
      if (overlap > 0) window.scrollBy(0, overlap);
    }
  }

  function close() {
    clearTimers();
    if (!current) return;
    current.card.hidden = true;
    current.trigger.setAttribute('aria-expanded', 'false');
    current = null;
  }

  function closeLater() {
    if (current && !current.sticky) {
      clearTimeout(closeTimer);
      closeTimer = setTimeout(close, CLOSE_DELAY);
    }
  }

  // Close, and hand focus back to the trigger if it was inside the card.
  function dismiss() {
    var trigger = current.trigger;
    var refocus = current.card.contains(document.activeElement);
    close();
    if (refocus) {
      quiet = true;
      trigger.focus();
      quiet = false;
    }
  }

  function inside(node) {
    return !!current && (current.card.contains(node) || triggerOf(node) === current.trigger);
  }

  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (el) {
      return el.getClientRects().length > 0 && !el.closest('.ann-card[hidden]');
    });
  }

  // Cards live at the end of <body>, so Tab order is bridged by hand: trigger -> card links -> after trigger.
  function onTab(event) {
    var links = focusables(current.card);
    if (!links.length) return;
    var active = document.activeElement;
    var target = null;
    if (active === current.trigger && !event.shiftKey) {
      target = links[0];
    } else if (active === links[0] && event.shiftKey) {
      target = current.trigger;
    } else if (active === links[links.length - 1] && !event.shiftKey) {
      var page = focusables(document).filter(function (el) { return !el.closest('.ann-card'); });
      target = page[page.indexOf(current.trigger) + 1] || null;
      if (!target) close();
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  function initCards(triggers) {
    var title = make('h2', { class: 'ann-notes-title', hidden: '' }, 'Notes'); // shown in print only
    document.body.appendChild(title);
    var moved = {};
    each(triggers, function (trigger) {
      var card = cardOf(trigger);
      if (!card) return;
      trigger.setAttribute('aria-expanded', 'false');
      trigger.setAttribute('aria-controls', card.id);
      // The card says who spoke; a native tooltip on top of it would only repeat that.
      trigger.removeAttribute('title');
      if (moved[card.id]) return;
      moved[card.id] = true;
      var shut = make('button', { type: 'button', class: 'ann-card-close', 'aria-label': 'Close' });
      shut.addEventListener('click', dismiss);
      card.appendChild(shut);
      document.body.appendChild(card);
    });
    // Cards go in note order, so that printed endnotes read 1, 2, 3.
    var cards = Array.prototype.slice.call(document.querySelectorAll('body > .ann-card'));
    cards.sort(function (a, b) { return a.getAttribute('data-note') - b.getAttribute('data-note'); });
    cards.forEach(function (card) { document.body.appendChild(card); });

    document.addEventListener('pointerover', function (event) {
      if (event.pointerType !== 'mouse') return;
      if (current && current.card.contains(event.target)) {
        clearTimers();
        return;
      }
      var found = hit(event.target);
      if (!found) {
        cancelOpen();
        closeLater();
      } else if (current && current.trigger === found.trigger) {
        clearTimers();
      } else {
        if (!pending || pending.trigger !== found.trigger || pending.delay !== found.delay) schedule(found, event);
        closeLater();
      }
    });

    document.addEventListener('pointermove', function (event) {
      if (!pending || pending.delay !== DWELL_DELAY || event.pointerType !== 'mouse') return;
      if (Math.abs(event.clientX - pending.x) + Math.abs(event.clientY - pending.y) > DWELL_SLOP) {
        schedule(pending, event);
      }
    });

    document.addEventListener('pointerout', function (event) {
      if (event.pointerType === 'mouse' && !event.relatedTarget) {
        cancelOpen();
        closeLater();
      }
    });

    document.addEventListener('pointerdown', function (event) {
      var trigger = triggerOf(event.target);
      down = trigger && {
        trigger: trigger,
        wasOpen: !!current && current.trigger === trigger,
        touch: event.pointerType !== 'mouse'
      };
      if (current && !inside(event.target)) close();
    });

    document.addEventListener('click', function (event) {
      var trigger = triggerOf(event.target);
      var tap = down && down.trigger === trigger ? down : null;
      down = null;
      if (!trigger || !tap || !tap.touch || tap.wasOpen) return;
      // A first tap shows the card; a second tap on the same trigger follows its link.
      event.preventDefault();
      open(trigger, true);
    });

    document.addEventListener('focusin', function (event) {
      if (quiet) return;
      var trigger = event.target.hasAttribute('data-card') ? triggerOf(event.target) : null;
      if (trigger) {
        open(trigger, true);
      } else if (current && !current.card.contains(event.target)) {
        close();
      }
    });

    document.addEventListener('keydown', function (event) {
      if (!current) return;
      if (event.key === 'Escape') {
        dismiss();
      } else if (event.key === 'Tab') {
        onTab(event);
      }
    });

    window.addEventListener('resize', function () {
      if (current) place(current.trigger, current.card);
    });
  }

  /* Reading controls */

  function kindOf(el) {
    return el.hasAttribute('data-statement') ? 'statements' : el.getAttribute('data-annotation').split('/')[0];
  }

  function load(kinds) {
    var saved = {};
    try {
      saved = JSON.parse(window.localStorage.getItem(STORE)) || {};
    } catch (e) { /* storage blocked or corrupt: defaults */ }
    return {
      on: saved.on !== false,
      kind: kinds.indexOf(saved.kind) >= 0 ? saved.kind : 'all',
      first: saved.first === true
    };
  }

  function save(state) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function apply(state, annotated) {
    each(annotated, function (el) {
      var off = !state.on || (state.kind !== 'all' && kindOf(el) !== state.kind) ||
        (state.first && el.classList.contains('ann-repeat'));
      el.classList.toggle('ann-off', off);
      if (el.tagName !== 'A') return;
      if (off) {
        el.setAttribute('tabindex', '-1');
      } else {
        el.removeAttribute('tabindex');
      }
    });
    if (current && current.trigger.classList.contains('ann-off')) close();
  }

  function initControls(article) {
    // The build writes the controls into the page (hidden without JavaScript): here they are wired up.
    var bar = document.querySelector('.ann-tools');
    if (!bar) return;
    var annotated = article.querySelectorAll('a.ann, .ann-stmt, a.ann-mark');
    var seen = {};
    each(annotated, function (el) {
      if (!el.classList.contains('ann')) return;
      var key = el.getAttribute('data-annotation');
      el.classList.toggle('ann-repeat', !!seen[key]);
      seen[key] = true;
    });
    var radios = bar.querySelectorAll('input[name="ann-kind"]');
    var present = [];
    each(radios, function (radio) { present.push(radio.value); });
    var state = load(present);
    each(radios, function (radio) { radio.checked = radio.value === state.kind; });
    var onButton = bar.querySelector('[data-control="on"]');
    var firstButton = bar.querySelector('[data-control="first"]');
    var kinds = bar.querySelector('.ann-kinds');

    function update() {
      onButton.setAttribute('aria-pressed', String(state.on));
      firstButton.setAttribute('aria-pressed', String(state.first));
      kinds.disabled = firstButton.disabled = !state.on;
      apply(state, annotated);
      save(state);
    }
    onButton.addEventListener('click', function () {
      state.on = !state.on;
      update();
    });
    firstButton.addEventListener('click', function () {
      state.first = !state.first;
      update();
    });
    kinds.addEventListener('change', function (event) {
      state.kind = event.target.value;
      update();
    });
    update();
  }

  /* Paragraph links */

  function announce(message) {
    status.textContent = '';
    // A fresh text node after a tick, so that repeating the same message is announced again.
    setTimeout(function () {
      status.textContent = message;
      clearTimeout(status.timer);
      status.timer = setTimeout(function () { status.textContent = ''; }, 4000);
    }, 50);
  }

  function copyFallback(text) {
    var area = make('textarea', { readonly: '', 'aria-hidden': 'true', class: 'ann-offscreen' });
    area.value = text;
    var focused = document.activeElement;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) { /* unsupported: reported below */ }
    document.body.removeChild(area);
    if (focused) focused.focus();
    return ok;
  }

  function copy(text, what) {
    function done(ok) {
      announce(ok ? 'Link to ' + what + ' copied' : 'Could not copy; the link is ' + text);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(copyFallback(text)); });
    } else {
      done(copyFallback(text));
    }
  }

  function initParagraphs(article) {
    each(article.querySelectorAll('.ann-p > .ann-pn'), function (number) {
      var what = 'paragraph ' + (number.getAttribute('data-n') || number.textContent.trim());
      var button = make('button', { type: 'button', class: 'ann-copy', 'aria-label': 'Copy link to ' + what,
        title: 'Copy link to ' + what });
      button.addEventListener('click', function () {
        copy(location.href.replace(/#.*$/, '') + number.getAttribute('href'), what);
      });
      number.parentNode.insertBefore(button, number.nextSibling);
    });
  }

  function init() {
    // Browsers that know text fragments (#p3:~:text=...) strip the directive from location.hash; others keep
    // it, find no such id and stay at the top: send them to the paragraph part.
    if (location.hash.indexOf(':~:') > 0) location.replace(location.hash.split(':~:')[0]);
    var article = document.querySelector('.ann-article');
    if (!article) return;
    status = make('p', { class: 'ann-status', role: 'status' });
    document.body.appendChild(status);
    initParagraphs(article);
    initControls(article);
    var triggers = document.querySelectorAll('[data-card]');
    if (triggers.length) initCards(triggers);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
