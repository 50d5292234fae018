// Keyboard shortcuts of the moderation queue: j/n next, k previous, a approve,
// r reject, h hold, x select. Decisions are posted with fetch so the focus moves
// to the next comment without a reload; without JavaScript the forms post normally.
(function () {
  "use strict";
  const queue = document.querySelector("[data-moderation-queue]");
  if (!queue) return;
  const rows = () => Array.from(queue.querySelectorAll("[data-row]"));
  let current = 0;

  function focusRow(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, i) => row.classList.toggle("is-current", i === current));
    all[current].focus();
    all[current].scrollIntoView({ block: "nearest" });
  }

  function decide(row, action) {
    const button = row.querySelector('[data-action="' + action + '"]');
    if (!button) return;
    const form = button.form;
    const data = new FormData(form);
    data.set(button.name, button.value);
    const result = row.querySelector("[data-result]");
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
      .then(({ ok, body }) => {
        if (!ok) {
          if (result) result.textContent = body.error || "Not done.";
          return;
        }
        const index = rows().indexOf(row);
        row.remove();
        if (!rows().length) {
          const empty = document.createElement("p");
          empty.className = "moderation-empty";
          empty.setAttribute("data-empty", "");
          empty.textContent = "Nothing left on this page.";
          queue.appendChild(empty);
          return;
        }
        focusRow(index);
      })
      .catch(() => {
        if (result) result.textContent = "Network error: not done.";
      });
  }

  queue.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-decide]") || !event.submitter) return;
    event.preventDefault();
    decide(form.closest("[data-row]"), event.submitter.dataset.action);
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches("input[type=text], textarea, select, [contenteditable]")) return;
    const row = rows()[current];
    switch (event.key) {
      case "j":
      case "n":
        focusRow(current + 1);
        break;
      case "k":
        focusRow(current - 1);
        break;
      case "a":
        if (row) decide(row, "approve");
        break;
      case "r":
        if (row) decide(row, "reject");
        break;
      case "h":
        if (row) decide(row, "hold");
        break;
      case "x": {
        const box = row && row.querySelector("[data-select]");
        if (box) box.checked = !box.checked;
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  focusRow(0);
})();
