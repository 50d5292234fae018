/* The site header's account link: "Sign in" for everyone in the cached page,
 * replaced by the reader's name once a private request says who is signed in. */
(function () {
  "use strict";
  var box = document.querySelector("[data-header-account]");
  if (!box || box.dataset.ready) { return; }
  box.dataset.ready = "1";
  fetch(box.dataset.meUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (me) {
      if (!me || !me.authenticated) { return; }
      var link = box.querySelector("[data-header-account-link]");
      link.textContent = me.display_name;
      link.href = me.account_url;
      link.setAttribute("aria-label", "Your account: " + me.display_name);
      var out = document.createElement("a");
      out.className = "header-account__signout";
      out.href = "/accounts/logout/";
      out.textContent = "Sign out";
      box.appendChild(document.createTextNode(" "));
      box.appendChild(out);
    })
    .catch(function () { /* The sign-in link stays. */ });
})();
