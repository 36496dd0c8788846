/* pictures.js: the timeline's filter by group, and on a narrow screen the maps opened where their markers are.
 * Without it every event shows, the filter stays hidden, and the maps open at their western edge. */
(function () {
  'use strict';

  /* A map wider than its frame scrolls sideways: start it centred on its markers, unless the address points
   * at a marker, which the browser has then scrolled into view itself. */
  function centreMaps() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    Array.prototype.forEach.call(document.querySelectorAll('.pic-scroll'), function (frame) {
      var markers = frame.querySelector('.pic-markers');
      if (!markers || frame.scrollWidth <= frame.clientWidth || (target && frame.contains(target))) return;
      var box = markers.getBoundingClientRect();
      var inFrame = box.left - frame.getBoundingClientRect().left + frame.scrollLeft;
      frame.scrollLeft = Math.max(0, inFrame + box.width / 2 - frame.clientWidth / 2);
    });
  }

  function setup() {
    centreMaps();
    var form = document.querySelector('form.pic-filter');
    if (!form) return;
    var events = Array.prototype.slice.call(document.querySelectorAll('.pic-events > .pic-event'));
    var lists = Array.prototype.slice.call(document.querySelectorAll('ol.pic-events'));
    var status = form.querySelector('.pic-count');
    var total = events.filter(function (li) { return !li.classList.contains('pic-article'); }).length;

    function apply() {
      var checked = form.querySelector('input[name="pic-group"]:checked');
      var group = checked ? checked.value : '';
      var shown = 0;
      events.forEach(function (li) {
        var article = li.classList.contains('pic-article');
        var groups = ' ' + (li.getAttribute('data-groups') || '') + ' ';
        var match = !group || article || groups.indexOf(' ' + group + ' ') >= 0;
        li.hidden = !match;
        if (match && !article) shown += 1;
      });
      lists.forEach(function (list) {
        var empty = !list.querySelector('.pic-event:not([hidden])');
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[1-6]$/.test(heading.tagName)) {
          heading.hidden = empty;
          heading.classList.toggle('pic-year-hidden', empty);
        }
      });
      if (group) {
        var name = checked.parentNode.textContent.replace(/\s*\(\d+\)\s*$/, '').trim();
        status.textContent = 'Showing ' + shown + ' of ' + total + ' events: those of ' + name + '.';
      } else {
        status.textContent = '';
      }
    }

    form.addEventListener('change', apply);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
  else setup();
})();
