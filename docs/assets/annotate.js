/* annotate.js: annotation cards for the annotated article page.
 * Every [data-card] link (entity mentions, statement marks) gets a small card, opened by hover,
 * keyboard focus or a first tap; without this script the links and hidden cards work as plain HTML. */
(function () {
  'use strict';

  var OPEN_DELAY = 150;
  var CLOSE_DELAY = 300;
  var GAP = 6;
  var MARGIN = 8;
  var sheet = window.matchMedia('(max-width: 600px)');
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
    'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

  var current = null; // {trigger, card, sticky}; sticky: opened by focus or tap, so pointer leaving keeps it
  var openTimer = 0;
  var closeTimer = 0;
  var down = null; // the trigger and its state at pointerdown, read by the click that follows
  var quiet = false; // set while focus is handed back to a trigger, so that it does not reopen

  function cardOf(trigger) {
    return document.getElementById(trigger.getAttribute('data-card'));
  }

  // The trigger an event target belongs to; the innermost wins, and a statement span stands for its mark.
  function triggerOf(node) {
    var el = node && node.closest ? node.closest('[data-card], .ann-stmt') : null;
    if (el && el.classList.contains('ann-stmt') && !el.hasAttribute('data-card')) {
      el = el.nextElementSibling;
      if (!el || !el.classList.contains('ann-mark')) return null;
    }
    return el && cardOf(el) ? el : null;
  }

  function clearTimers() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
  }

  function place(trigger, card) {
    card.style.left = card.style.top = '';
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
    var top = last.bottom + GAP;
    var left = last.left;
    if (top + height > window.innerHeight - MARGIN && first.top - GAP - height >= minTop) {
      top = first.top - GAP - height;
      left = first.left;
    }
    left = Math.max(MARGIN, Math.min(left, viewWidth - width - MARGIN));
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
    clearTimeout(openTimer);
    if (current && !current.sticky) {
      clearTimeout(closeTimer);
      closeTimer = setTimeout(close, CLOSE_DELAY);
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

  function init() {
    var triggers = document.querySelectorAll('[data-card]');
    Array.prototype.forEach.call(triggers, function (trigger) {
      var card = cardOf(trigger);
      if (!card) return;
      trigger.setAttribute('aria-expanded', 'false');
      trigger.setAttribute('aria-controls', card.id);
      // The card says who spoke; a native tooltip on top of it would only repeat that.
      trigger.removeAttribute('title');
      if (card.parentNode !== document.body) document.body.appendChild(card);
    });
    if (!triggers.length) return;

    document.addEventListener('pointerover', function (event) {
      if (event.pointerType !== 'mouse') return;
      if (current && current.card.contains(event.target)) {
        clearTimeout(closeTimer);
        return;
      }
      var trigger = triggerOf(event.target);
      if (!trigger) {
        closeLater();
      } else if (current && current.trigger === trigger) {
        clearTimers();
      } else {
        clearTimeout(openTimer);
        openTimer = setTimeout(function () { open(trigger, false); }, OPEN_DELAY);
      }
    });

    document.addEventListener('pointerout', function (event) {
      if (event.pointerType === 'mouse' && !event.relatedTarget) closeLater();
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
        var trigger = current.trigger;
        var refocus = current.card.contains(document.activeElement);
        close();
        if (refocus) {
          quiet = true;
          trigger.focus();
          quiet = false;
        }
      } else if (event.key === 'Tab') {
        onTab(event);
      }
    });

    window.addEventListener('resize', function () {
      if (current) place(current.trigger, current.card);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
