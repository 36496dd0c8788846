/* annotate.js: reader tools for the annotated article page.
 * Cards: every mention and statement mark opens its entry's (or statement's) card on hover, keyboard focus or a
 * first tap;
 * the cards come in a script of their own (the page's data-cards), asked for when a reader first reaches for one.
 * A card's text links the entries it names, and those links open their cards on top (three deep at most);
 * Escape closes the top card.
 * Margin notes: on wide screens, who speaks each statement, beside its paragraph.
 * Reading controls (behind one button): annotations on/off, one kind only, first mention only, remembered in
 * localStorage.
 * Paragraphs: a "copy link" button next to each number. Print: the page's short notes become numbered endnotes (CSS).
 * Without this script the mentions are plain links to the entries. */
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
  var TRIGGERS = 'a.ann, a.ann-mark, a.ann-xref'; // the links that open cards
  var ON = 'a.ann:not(.ann-off), a.ann-mark:not(.ann-off), a.ann-xref, .ann-stmt:not(.ann-off)';

  var MAX_DEPTH = 3; // cards stacked at most: the article's, and two opened from card texts
  var PEEK = 66; // how much of a sheet shows above the sheet opened from it (phones)

  var stack = []; // the open cards, bottom first: {trigger, card, sticky}; sticky: opened by focus or tap
  var openTimer = 0;
  var closeTimer = 0;
  var pending = null; // {trigger, delay, x, y}: waiting for its open delay
  var wanted = null; // {trigger, sticky}: to open once the cards have come
  var down = null; // the trigger and its state at pointerdown, read by the click that follows
  var quiet = false; // set while focus is handed back to a trigger, so that it does not reopen
  var status = null;
  var deck = null; // the cards' container; its data-cards names the script that brings them
  var deckState = 0; // 0: not asked for, 1: loading, 2: here, 3: could not load

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    if (text) el.textContent = text;
    return el;
  }

  function top() {
    return stack[stack.length - 1] || null;
  }

  // The build names a card after what it explains: card-<kind>-<id>, and -s<n> for a source's nth statement.
  function cardId(trigger) {
    var statement = trigger.getAttribute('data-statement');
    return 'card-' + trigger.getAttribute('data-annotation').replace('/', '-') + (statement ? '-s' + statement : '');
  }

  function cardOf(trigger) {
    return document.getElementById(cardId(trigger));
  }

  // Which open card a node is in (its place in the stack), or -1.
  function levelOf(node) {
    for (var i = stack.length - 1; i >= 0; i -= 1) {
      if (stack[i].card.contains(node)) return i;
    }
    return -1;
  }

  function levelOfTrigger(trigger) {
    for (var i = 0; i < stack.length; i += 1) {
      if (stack[i].trigger === trigger) return i;
    }
    return -1;
  }

  function markOf(statement) {
    var mark = statement.nextElementSibling;
    return mark && mark.classList.contains('ann-mark') && !mark.classList.contains('ann-off') ? mark : null;
  }

  // The innermost annotation under a node, as {trigger, delay}; a statement's tint stands for its mark. A link in
  // a card counts if its card can open on top: not past MAX_DEPTH, and not a card already open below.
  function hit(node) {
    var el = node && node.closest ? node.closest(ON) : null;
    if (!el) return null;
    var delay = OPEN_DELAY;
    if (el.classList.contains('ann-stmt')) {
      el = markOf(el);
      delay = DWELL_DELAY;
    }
    if (!el) return null;
    if (deckState !== 2) return deckState === 3 ? null : { trigger: el, delay: delay };
    var card = cardOf(el);
    if (!card) return null;
    if (el.closest('.ann-card')) {
      var level = levelOf(el);
      var shown = levelOf(card); // the card, if it is already open lower in the stack
      if (level < 0 || level + 1 >= MAX_DEPTH || (shown >= 0 && stack[shown].trigger !== el)) return null;
    }
    return { trigger: el, delay: delay };
  }

  function triggerOf(node) {
    var found = hit(node);
    return found && found.trigger;
  }

  function cancelOpen() {
    clearTimeout(openTimer);
    pending = null;
    wanted = null;
  }

  function clearTimers() {
    cancelOpen();
    clearTimeout(closeTimer);
  }

  function schedule(found, event) {
    cancelOpen();
    loadCards();
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
    if (deckState !== 2) {
      wanted = { trigger: trigger, sticky: sticky };
      loadCards();
      return;
    }
    var at = levelOfTrigger(trigger);
    if (at >= 0) {
      closeAbove(at);
      stack[at].sticky = stack[at].sticky || sticky;
      return;
    }
    var card = cardOf(trigger);
    if (!card) return;
    closeAbove(levelOf(trigger));
    card.hidden = false;
    card.setAttribute('data-level', String(stack.length));
    trigger.setAttribute('aria-expanded', 'true');
    stack.push({ trigger: trigger, card: card, sticky: sticky });
    place(trigger, card);
    if (sheet.matches && stack.length === 1) {
      // The bottom sheet must not cover the words it explains.
      var overlap = trigger.getBoundingClientRect().bottom + MARGIN - (window.innerHeight - card.offsetHeight);
      if (overlap > 0) window.scrollBy(0, overlap);
    }
    stackSheets();
  }

  // Sheets opened from sheets: each sheet below stands taller than the one on it, so that its top (what it is
  // about, its close button) stays in sight.
  function stackSheets() {
    stack.forEach(function (entry, level) {
      entry.card.style.minHeight = '';
      if (sheet.matches) entry.card.style.maxHeight = window.innerHeight * 0.9 - PEEK * level + 'px';
    });
    if (!sheet.matches) return;
    for (var level = stack.length - 2; level >= 0; level -= 1) {
      stack[level].card.style.minHeight = stack[level + 1].card.offsetHeight + PEEK + 'px';
    }
  }

  // Close the cards stacked above `level` (-1: all of them).
  function closeAbove(level) {
    if (stack.length <= level + 1) return;
    while (stack.length > level + 1) {
      var entry = stack.pop();
      entry.card.hidden = true;
      entry.card.removeAttribute('data-level');
      entry.card.style.minHeight = '';
      entry.trigger.setAttribute('aria-expanded', 'false');
    }
    stackSheets();
  }

  function close() {
    clearTimers();
    closeAbove(-1);
  }

  // Close, after a moment, the cards above `level` that the pointer opened; a card opened by focus or tap stays.
  function closeLater(level) {
    clearTimeout(closeTimer);
    if (stack.length <= level + 1 || top().sticky) return;
    closeTimer = setTimeout(function () {
      while (stack.length > level + 1 && !top().sticky) closeAbove(stack.length - 2);
    }, CLOSE_DELAY);
  }

  // Close the top card, and hand focus back to its trigger if it was inside the card.
  function dismiss() {
    var entry = top();
    var refocus = entry.card.contains(document.activeElement);
    clearTimers();
    closeAbove(stack.length - 2);
    if (refocus) {
      quiet = true;
      entry.trigger.focus();
      quiet = false;
    }
  }

  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (el) {
      return el.getClientRects().length > 0 && !el.closest('.ann-card[hidden]');
    });
  }

  // Cards live at the end of <body>, so Tab order is bridged by hand: trigger -> card links -> after trigger,
  // and back. A card opened from a card's link is a preview: Tab goes on to the next link of the card below it.
  function onTab(event) {
    var entry = stack[0];
    var links = focusables(entry.card);
    var active = document.activeElement;
    var target = null;
    if (active === entry.trigger && !event.shiftKey && links.length) {
      target = links[0];
    } else if (active === links[0] && event.shiftKey) {
      target = entry.trigger;
    } else if (active === links[links.length - 1] && !event.shiftKey) {
      var page = focusables(document).filter(function (el) { return !el.closest('.ann-card'); });
      target = page[page.indexOf(entry.trigger) + 1] || null;
      if (!target) close();
    }
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  // The cards come in a script of their own, asked for when a reader first reaches for one.
  function loadCards() {
    if (deckState || !deck) return;
    deckState = 1;
    var script = make('script', { src: deck.getAttribute('data-cards') });
    script.onload = function () {
      if (typeof window.annotatedReadingCards !== 'string') {
        script.onerror();
        return;
      }
      deck.insertAdjacentHTML('beforeend', window.annotatedReadingCards);
      each(deck.querySelectorAll('.ann-card'), function (card) {
        var shut = make('button', { type: 'button', class: 'ann-card-close', 'aria-label': 'Close' });
        shut.addEventListener('click', function () {
          var level = levelOf(card);
          if (level >= 0) {
            closeAbove(level);
            dismiss();
          }
        });
        card.appendChild(shut);
      });
      each(document.querySelectorAll(TRIGGERS), function (trigger) {
        var card = cardOf(trigger);
        if (!card) return;
        if (!trigger.hasAttribute('aria-expanded')) trigger.setAttribute('aria-expanded', 'false');
        trigger.setAttribute('aria-controls', card.id);
      });
      deckState = 2;
      if (wanted) open(wanted.trigger, wanted.sticky);
    };
    script.onerror = function () {
      // Without the cards, the spans stay what they are without JavaScript: links to the entries.
      deckState = 3;
      wanted = null;
    };
    document.head.appendChild(script);
  }

  function initCards() {
    deck = document.querySelector('.ann-cards');
    if (!deck || !deck.getAttribute('data-cards')) return;
    // At the end of the page, out of the text's stacking and overflow.
    document.body.appendChild(deck);
    var reading = document.querySelector('.ann-reading');
    // A reader whose pointer or finger comes to the text, or who reads with the keyboard, will likely want a
    // card: ask for them now.
    if (reading) {
      reading.addEventListener('pointerover', loadCards, { once: true });
      reading.addEventListener('touchstart', loadCards, { once: true, passive: true });
    }
    document.addEventListener('keydown', loadCards, { once: true });

    document.addEventListener('pointerover', function (event) {
      if (event.pointerType !== 'mouse') return;
      var level = levelOf(event.target);
      var found = hit(event.target);
      if (!found) {
        cancelOpen();
        closeLater(level);
        return;
      }
      var at = levelOfTrigger(found.trigger);
      if (at >= 0) {
        cancelOpen();
        closeLater(at);
      } else {
        if (!pending || pending.trigger !== found.trigger || pending.delay !== found.delay) schedule(found, event);
        closeLater(level);
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
        closeLater(-1);
      }
    });

    document.addEventListener('pointerdown', function (event) {
      var trigger = triggerOf(event.target);
      down = trigger && {
        trigger: trigger,
        wasOpen: levelOfTrigger(trigger) >= 0,
        touch: event.pointerType !== 'mouse'
      };
      if (trigger) loadCards();
      if (stack.length) closeAbove(Math.max(levelOf(event.target), trigger ? levelOfTrigger(trigger) : -1));
    });

    document.addEventListener('click', function (event) {
      var trigger = triggerOf(event.target);
      var tap = down && down.trigger === trigger ? down : null;
      down = null;
      if (!trigger || !tap || !tap.touch || tap.wasOpen || deckState === 3) return;
      // A first tap shows the card; a second tap on the same trigger follows its link.
      event.preventDefault();
      open(trigger, true);
    });

    document.addEventListener('focusin', function (event) {
      if (quiet) return;
      var trigger = event.target.matches(TRIGGERS) ? triggerOf(event.target) : null;
      if (trigger) {
        open(trigger, true);
      } else if (stack.length) {
        clearTimers();
        closeAbove(levelOf(event.target));
      }
    });

    document.addEventListener('keydown', function (event) {
      if (!stack.length) return;
      if (event.key === 'Escape') {
        dismiss();
      } else if (event.key === 'Tab') {
        onTab(event);
      }
    });

    window.addEventListener('resize', function () {
      stack.forEach(function (entry) { place(entry.trigger, entry.card); });
      stackSheets();
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
      first: saved.first === true,
      verdicts: saved.verdicts !== false
    };
  }

  function save(state) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function apply(state, annotated, article) {
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
    // One kind chosen: its own line style and colour come back (CSS); all kinds share one quiet line.
    if (state.on && state.kind !== 'all') {
      article.setAttribute('data-kind', state.kind);
    } else {
      article.removeAttribute('data-kind');
    }
    syncNotes();
    if (stack.length && stack[0].trigger.classList.contains('ann-off')) close();
  }

  function initControls(article) {
    // The build writes the controls into the page, closed behind one button (hidden without JavaScript).
    var bar = document.querySelector('.ann-tools');
    var opener = document.querySelector('.ann-options');
    if (!bar || !opener) return;
    opener.addEventListener('click', function () {
      var open = bar.hidden;
      bar.hidden = !open;
      opener.setAttribute('aria-expanded', String(open));
    });
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
    var verdictButton = bar.querySelector('[data-control="verdicts"]');
    var kinds = bar.querySelector('.ann-kinds');

    function update() {
      onButton.setAttribute('aria-pressed', String(state.on));
      firstButton.setAttribute('aria-pressed', String(state.first));
      if (verdictButton) verdictButton.setAttribute('aria-pressed', String(state.verdicts));
      // On the root, so that it reaches the margin notes, the printed notes and the cards, wherever they are.
      document.documentElement.classList.toggle('ann-no-verdicts', !state.verdicts);
      kinds.disabled = firstButton.disabled = !state.on;
      apply(state, annotated, article);
      save(state);
      placeNotes();
    }
    onButton.addEventListener('click', function () {
      state.on = !state.on;
      update();
    });
    firstButton.addEventListener('click', function () {
      state.first = !state.first;
      update();
    });
    if (verdictButton) {
      verdictButton.addEventListener('click', function () {
        state.verdicts = !state.verdicts;
        update();
      });
    }
    kinds.addEventListener('change', function (event) {
      state.kind = event.target.value;
      update();
    });
    update();
  }

  /* Print: note numbers that fall together (a mention ending a quote, nested mentions) are joined by a comma, so
   * that "5" and "1" never print as "51". The number prints where the element's last text ends; at one place,
   * the innermost element's prints first and a statement mark's last. */
  function initPrintMarkers(article) {
    var byNode = new Map(); // text node -> the elements whose number prints right after it, with their order
    each(article.querySelectorAll('a.ann:not(.ann-repeat), a.ann-mark'), function (el) {
      var mark = el.classList.contains('ann-mark');
      var node = mark ? el.previousElementSibling : el;
      while (node && node.lastChild) node = node.lastChild;
      if (!node || node.nodeType !== 3) return;
      var depth = 0;
      for (var up = el; up !== article; up = up.parentNode) depth += 1;
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push({ el: el, order: mark ? -Infinity : depth });
    });
    byNode.forEach(function (items) {
      items.sort(function (a, b) { return b.order - a.order; });
      items.forEach(function (item, i) { item.el.classList.toggle('ann-joined', i > 0); });
    });
  }

  /* Margin notes: on wide screens, who speaks each statement, beside its paragraph (outside the article element,
   * whose text must stay the paragraphs' text). Below that width the stylesheet hides them: the cards say it. */

  var margin = null;
  var wide = window.matchMedia('screen and (min-width: 76.25em)');

  // Built when the screen is wide enough (at the first frame, or when it widens): reading the width forces a
  // layout, which the first frame lays out anyway.
  function initMargin(article) {
    var reading = article.parentNode;
    var marks = article.querySelectorAll('a.ann-mark');
    if (!marks.length || !reading.classList.contains('ann-reading')) return;
    function build() {
      if (margin || !wide.matches) return;
      buildMargin(article, reading, marks);
      syncNotes();
      placeNotes();
      if (document.fonts && document.fonts.ready) document.fonts.ready.then(placeNotes);
    }
    requestAnimationFrame(build);
    wide.addEventListener('change', build);
    window.addEventListener('resize', placeNotes);
  }

  function buildMargin(article, reading, marks) {
    var notes = document.querySelectorAll('.ann-notes > li'); // in note number order: the title, then the gloss
    // aria-hidden, and out of the tab order: the marks in the text already say the same to every reader.
    margin = make('div', { class: 'ann-margin', 'aria-hidden': 'true' });
    var last = null;
    each(marks, function (mark) {
      var item = notes[Number(mark.getAttribute('data-note')) - 1];
      var statement = mark.previousElementSibling;
      if (!item || !statement) return;
      var paragraph = mark.closest('.ann-p');
      // One note per speaker per paragraph: a second quote from the same source joins the first's note.
      var verdict = item.querySelector('.ann-v');
      if (last && last.paragraph === paragraph && last.getAttribute('data-annotation') === mark.getAttribute('data-annotation')) {
        last.statements.push(statement);
        if (verdict) last.appendChild(verdictOf(verdict)); // each quote's own verdict, in order
        return;
      }
      var kind = ['named', 'anonymous', 'unattributed', 'document'].filter(function (k) {
        return mark.classList.contains('ann-' + k);
      })[0];
      var note = make('a', { class: 'ann-note ann-' + kind, href: mark.getAttribute('href'), tabindex: '-1',
        'data-annotation': mark.getAttribute('data-annotation') });
      // The printed note: the title in <b>, the speaker's role, then how the claim held up (if it has a verdict).
      note.appendChild(make('span', { class: 'ann-note-who' }, item.firstElementChild.textContent));
      note.appendChild(make('span', { class: 'ann-note-role' }, item.childNodes[1].textContent.trim()));
      if (verdict) note.appendChild(verdictOf(verdict));
      note.paragraph = paragraph;
      note.statements = [statement];
      note.addEventListener('pointerenter', function () { light(note, true); });
      note.addEventListener('pointerleave', function () { light(note, false); });
      margin.appendChild(note);
      last = note;
    });
    reading.appendChild(margin);
    article.addEventListener('pointerover', function (event) { hover(event, true); });
    article.addEventListener('pointerout', function (event) { hover(event, false); });
  }

  function verdictOf(printed) {
    return make('span', { class: 'ann-v', 'data-v': printed.getAttribute('data-v') }, printed.textContent);
  }

  // A note shows while one of its statements does.
  function syncNotes() {
    if (!margin) return;
    each(margin.children, function (note) {
      note.classList.toggle('ann-off', !note.statements.some(function (s) { return !s.classList.contains('ann-off'); }));
    });
  }

  function light(note, on) {
    note.classList.toggle('ann-lit', on);
    note.statements.forEach(function (s) { s.classList.toggle('ann-lit', on); });
  }

  function hover(event, on) {
    if (!margin) return;
    var statement = event.target.closest && event.target.closest('.ann-stmt, a.ann-mark');
    if (!statement) return;
    if (statement.classList.contains('ann-mark')) statement = statement.previousElementSibling;
    each(margin.children, function (note) {
      if (note.statements.indexOf(statement) >= 0) note.classList.toggle('ann-lit', on);
    });
  }

  // Each note starts level with its first statement's line, and is pushed down below the note above it. Every
  // position and height is read before any note moves, so that the page is laid out once, not once per note.
  function placeNotes() {
    if (!margin || !wide.matches) return;
    var top = margin.getBoundingClientRect().top;
    var shown = Array.prototype.filter.call(margin.children, function (note) {
      return !note.classList.contains('ann-off');
    });
    var spots = shown.map(function (note) {
      var rects = note.statements[0].getClientRects();
      var line = rects.length ? rects[0].top : note.paragraph.getBoundingClientRect().top;
      return { note: note, line: Math.round(line - top), height: note.offsetHeight };
    });
    var floor = 0;
    spots.forEach(function (spot) {
      var y = Math.max(spot.line, floor);
      spot.note.style.top = y + 'px';
      floor = y + spot.height + 8;
    });
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

  // Without the Clipboard API (an old browser, a page served over plain http), the status line gives the link.
  function copy(text, what) {
    function done(ok) {
      announce(ok ? 'Link to ' + what + ' copied' : 'Could not copy; the link is ' + text);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  }

  function addCopyButton(number) {
    if (!number || number.nextElementSibling && number.nextElementSibling.classList.contains('ann-copy')) return;
    var what = 'paragraph ' + (number.getAttribute('data-n') || number.textContent.trim());
    var button = make('button', { type: 'button', class: 'ann-copy', 'aria-label': 'Copy link to ' + what,
      title: 'Copy link to ' + what });
    button.addEventListener('click', function () {
      copy(location.href.replace(/#.*$/, '') + number.getAttribute('href'), what);
    });
    number.parentNode.insertBefore(button, number.nextSibling);
  }

  // Touch screens show the button on the linked paragraph only (see annotate.css): only that one is made, which
  // spares a phone laying the whole article out again as it opens.
  function initParagraphs(article) {
    var numbers = article.querySelectorAll('.ann-p > .ann-pn');
    if (!window.matchMedia('(hover: none)').matches) {
      each(numbers, addCopyButton);
      return;
    }
    function target() {
      var paragraph = location.hash && document.getElementById(location.hash.slice(1).split(':~:')[0]);
      if (paragraph && article.contains(paragraph)) addCopyButton(paragraph.querySelector('.ann-pn'));
    }
    target();
    window.addEventListener('hashchange', target);
  }


  function init() {
    // Browsers that know text fragments (#p3:~:text=...) strip the directive from location.hash; others keep
    // it, find no such id and stay at the top: send them to the paragraph part.
    if (location.hash.indexOf(':~:') > 0) location.replace(location.hash.split(':~:')[0]);
    var article = document.querySelector('.ann-article');
    if (!article) return;
    status = make('p', { class: 'ann-status', role: 'status' });
    document.body.appendChild(status);
    initCards();
    initMargin(article);
    // One task each, so that none keeps a slow phone from answering a tap for long.
    [initControls, initParagraphs, initPrintMarkers].forEach(function (step) {
      setTimeout(function () { step(article); }, 0);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
