/* Comment counts on article lists: one request for every teaser on the page. */
(function () {
  "use strict";
  if (window.mastheadTeaserCounts) { return; }
  window.mastheadTeaserCounts = true;
  function run() {
    var spans = document.querySelectorAll("[data-comment-count-for]");
    if (!spans.length) { return; }
    var ids = [];
    Array.prototype.forEach.call(spans, function (span) {
      var id = String(Number(span.dataset.commentCountFor));
      if (ids.indexOf(id) < 0 && ids.length < 100) { ids.push(id); }
    });
    fetch(spans[0].dataset.countsUrl + "?ids=" + ids.join(","), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (counts) {
        Array.prototype.forEach.call(spans, function (span) {
          var count = counts[span.dataset.commentCountFor];
          if (!count) { return; }
          span.textContent = " \u00b7 " + count + " comment" + (count === 1 ? "" : "s");
          span.hidden = false;
        });
      })
      .catch(function () { /* Counts are a nicety. */ });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
  // The radio player swaps <main> in place while it plays: the new page's teasers need counts too.
  document.addEventListener("masthead:navigated", run);
})();
