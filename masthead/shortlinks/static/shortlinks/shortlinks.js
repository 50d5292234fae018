// "Get short URL": turn the link to the share page into a disclosure button.
(function () {
  "use strict";
  for (const box of document.querySelectorAll("[data-short-url]")) {
    const link = box.querySelector("[data-short-url-toggle]");
    const panel = box.querySelector("[data-short-url-panel]");
    if (!link || !panel) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    link.replaceWith(button);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
      if (open) box.querySelector("[data-short-url-field]").select();
    });
    const copy = box.querySelector("[data-short-url-copy]");
    const status = box.querySelector("[data-short-url-status]");
    const field = box.querySelector("[data-short-url-field]");
    if (!navigator.clipboard) {
      copy.hidden = true;  // Without the clipboard API the selected field is the way to copy.
      continue;
    }
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(
        () => { status.textContent = "Link copied"; },
        () => { field.select(); status.textContent = "Press Ctrl+C to copy"; }
      );
    });
  }
})();
