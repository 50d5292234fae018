/* The discussion under an article: thread, live updates, and the signed-in reader's tools.
 *
 * The article page holds only a shell (the same for every reader). This script
 * loads the thread (cached HTML shared by all readers), polls the article's
 * shared live feed, and, for a signed-in reader, their private state: CSRF
 * token, own comments, reactions. Comment HTML comes from the server, which
 * escapes and sanitises it; everything else is written with textContent.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-discussion]");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";

  var urls = {
    live: root.dataset.liveUrl,
    thread: root.dataset.threadUrl,
    state: root.dataset.stateUrl,
    post: root.dataset.postUrl,
    page: root.dataset.pageUrl,
    comment: root.dataset.commentUrl,
    moderation: root.dataset.moderationUrl || "/moderation/comments/",
    me: "/discussion/me.json"
  };
  var pollMs = Math.max(1, parseInt(root.dataset.pollSeconds || "3", 10)) * 1000;
  var view = { tab: "all", sort: "newest", page: 1, chosen: false };
  var feed = { version: null, open: true };
  var known = null;  // Comment ids the reader has already been shown (or passed over).
  var reader = null;
  var signedOut = false;  // Known once the script has asked; until then no sign-in line.
  var reacted = {};
  var reported = {};
  var disagreed = {};
  var own = {};
  var editable = {};

  function $(selector) { return root.querySelector(selector); }
  var box = $("[data-thread-container]");
  var form = $("[data-form]");
  var text = $("[data-text]");
  var errorBox = $("[data-error]");
  var warningBox = $("[data-warning]");
  var statusBox = $("[data-status]");
  // Only the tabs: the thread inside their panel carries a data-tab of its own.
  var TABS = "[data-tablist] [data-tab]";

  function show(el, message) {
    el.textContent = message || "";
    el.hidden = !message;
  }

  function getJSON(url) {
    return fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  function send(url, data) {
    // Form-encoded rather than multipart: no file can come this way, and Django
    // parses it without its multipart parser (the benchmark posts the same way).
    var body = new URLSearchParams();
    Object.keys(data).forEach(function (key) { body.append(key, data[key]); });
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "X-CSRFToken": reader ? reader.csrf_token : "" },
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (payload) {
        payload.httpStatus = response.status;
        return payload;
      });
    });
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;  // Rendered, escaped and sanitised by the server.
    return template.content;
  }

  function commentEl(id) { return box.querySelector('[data-comment-id="' + Number(id) + '"]'); }

  /* The thread */

  function threadUrl(page) {
    return urls.thread + "?tab=" + encodeURIComponent(view.tab) + "&sort=" +
      encodeURIComponent(view.sort) + "&page=" + page;
  }

  function loadThread(append) {
    var page = append ? view.page + 1 : 1;
    var url = threadUrl(page);
    var more = append ? box.querySelector("[data-more]") : null;
    // The next threads follow the last one shown, so one deleted meanwhile leaves no gap.
    if (more && more.dataset.after) { url += "&after=" + Number(more.dataset.after); }
    return fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var content = fragment(html);
        var thread = content.querySelector("[data-thread]");
        if (!thread) { return; }
        if (append) {
          var more = box.querySelector(".discussion__more");
          // The link goes away: a reader who pressed it keeps their place at the new comments.
          var hadFocus = Boolean(more && more.contains(document.activeElement));
          if (more) { more.remove(); }
          var current = box.querySelector("[data-thread]");
          var first = null;
          Array.prototype.slice.call(thread.childNodes).forEach(function (node) {
            if (node.nodeType === 1 && node.dataset.commentId && commentEl(node.dataset.commentId)) { return; }
            current.appendChild(node);
            if (!first && node.nodeType === 1 && node.dataset.commentId) { first = node; }
          });
          if (hadFocus && first) {
            first.tabIndex = -1;
            first.focus();
          }
        } else {
          box.replaceChildren(content);
        }
        view.page = page;
        $("[data-new]").hidden = true;
        decorate(box);
      });
  }

  box.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var more = target.closest("[data-more]");
    if (more) { event.preventDefault(); loadThread(true); return; }
    var reply = target.closest("[data-reply]");
    if (reply && reader && reader.can_post) { event.preventDefault(); startReply(reply.dataset.reply); return; }
    var report = target.closest("[data-report]");
    // Signed out, the link leads to sign-in and then the report form page.
    if (report && reader) { event.preventDefault(); startReport(Number(report.dataset.report)); return; }
    var button = target.closest("button[data-act]");
    if (button) { event.preventDefault(); act(button); }
  });

  Array.prototype.forEach.call(root.querySelectorAll(TABS), function (tab) {
    tab.addEventListener("click", function () {
      view.tab = tab.dataset.tab;
      view.chosen = true;
      markTabs();
      loadThread(false);
    });
  });
  $("[data-sort]").addEventListener("change", function (event) {
    view.sort = event.target.value;
    view.tab = "all";
    view.chosen = true;
    markTabs();
    loadThread(false);
  });
  $("[data-show-new]").addEventListener("click", function () {
    loadThread(false).then(function () {
      // The button hid itself under the focus: keep the reader at the thread, not the page's top.
      var first = box.querySelector("[data-comment-id]");
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    });
  });

  // The tabs pattern of WAI-ARIA with manual activation: the arrows, Home and End
  // move the focus; Enter or Space (the button's own click) loads the thread, a
  // request too slow to make on every arrow key.
  function tabEl(name) { return root.querySelector('[data-tablist] [data-tab="' + name + '"]'); }

  function shownTabs() {
    return Array.prototype.filter.call(root.querySelectorAll(TABS), function (tab) { return !tab.hidden; });
  }

  function markTabs() {
    var selected = null;
    Array.prototype.forEach.call(root.querySelectorAll(TABS), function (tab) {
      var isSelected = tab.dataset.tab === view.tab;
      tab.setAttribute("aria-selected", String(isSelected));
      tab.tabIndex = -1;
      if (isSelected && !tab.hidden) { selected = tab; }
    });
    // One tab stop: the selected tab, or the first shown if it is hidden.
    var stop = selected || shownTabs()[0];
    if (stop) { stop.tabIndex = 0; }
    if (selected) { box.setAttribute("aria-labelledby", selected.id); }
  }

  // The first pick made shows the picks tab; the last taken out hides it.
  function showPicksTab(shown) {
    var picksTab = tabEl("picks");
    // Hidden under the focus, the tab would drop it to the top of the page.
    var hadFocus = picksTab === document.activeElement;
    picksTab.hidden = !shown;
    // The open tab went: the thread falls back to the default tab.
    var fallBack = !shown && view.tab === "picks";
    if (fallBack) { view.tab = "all"; }
    markTabs();  // The tab stop must not stay on a tab just hidden.
    if (!fallBack) { return; }
    if (hadFocus) { tabEl("all").focus(); }
    loadThread(false);
  }

  $("[data-tablist]").addEventListener("keydown", function (event) {
    var tabs = shownTabs();
    var index = tabs.indexOf(event.target);
    if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) { return; }
    event.preventDefault();
    tabs[(moves[event.key] + tabs.length) % tabs.length].focus();
  });

  /* Reader tools on each comment */

  function button(label, action, id) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "comment__button";
    el.dataset.act = action;
    el.dataset.id = String(id);
    el.textContent = label;
    return el;
  }

  function decorate(container) {
    Array.prototype.forEach.call(container.querySelectorAll("[data-comment-id]"), decorateOne);
  }

  function decorateOne(el) {
    var id = Number(el.dataset.commentId);
    var actions = el.querySelector(":scope > [data-actions]");
    if (!actions || !reader) { return; }
    // The buttons are drawn again: one that had the focus gets it back in its new state.
    var focused = actions.contains(document.activeElement) ? document.activeElement.dataset.act : "";
    Array.prototype.forEach.call(actions.querySelectorAll("button[data-act]"), function (b) { b.remove(); });
    var report = actions.querySelector("[data-report]");
    if (report) {
      // One cannot report one's own comment; a report is made once.
      report.hidden = Boolean(own[id]);
      report.textContent = reported[id] ? "Reported" : "Report";
      if (reported[id]) { report.setAttribute("aria-disabled", "true"); }
    }
    if (!own[id] && feed.open) {
      var label = reacted[id] ? "Recommended" : "Recommend";
      var react = button(label, reacted[id] ? "unreact" : "react", id);
      react.setAttribute("aria-pressed", String(Boolean(reacted[id])));
      actions.insertBefore(react, actions.querySelector("[data-reply]"));
    }
    if (!own[id]) {
      // "I disagree" is an answer, never a report: it goes to no moderator.
      var disagree = button(disagreed[id] ? "You disagree" : "I disagree", "disagree", id);
      disagree.setAttribute("aria-pressed", String(Boolean(disagreed[id])));
      // Focusable while it takes no press, so the focus stays on it once pressed.
      if (disagreed[id]) { disagree.setAttribute("aria-disabled", "true"); }
      actions.insertBefore(disagree, report || null);
    }
    if (editable[id]) { actions.appendChild(button("Edit", "edit", id)); }
    if (own[id]) { actions.appendChild(button("Delete", "delete", id)); }
    if (focused) {
      var same = focused === "react" || focused === "unreact" ? ["react", "unreact"] : [focused];
      var again = actions.querySelector(same.map(function (act) {
        return 'button[data-act="' + act + '"]';
      }).join(","));
      if (again) { again.focus(); }
    }
  }

  function noteOn(id, message) {
    var el = commentEl(id);
    var actions = el && el.querySelector(":scope > [data-actions]");
    if (!actions) { return; }
    var note = actions.querySelector(".comment__note");
    if (!note) {
      note = document.createElement("span");
      note.className = "comment__note";
      note.setAttribute("role", "status");
      actions.appendChild(note);
    }
    note.textContent = message;
  }

  function focusReportLink(id) {
    var el = commentEl(id);
    var link = el && el.querySelector(":scope > [data-actions] [data-report]");
    if (link) { link.focus(); }
  }

  function startReport(id) {
    var el = commentEl(id);
    if (!el || reported[id] || own[id] || el.querySelector(":scope > .comment__report-form")) { return; }
    var reportForm = document.createElement("form");
    reportForm.className = "comment__report-form";
    reportForm.dataset.id = String(id);
    var heading = document.createElement("p");
    heading.className = "comment__report-heading";
    heading.textContent = "Report this comment to the moderators";
    var ruleLabel = document.createElement("label");
    ruleLabel.textContent = "Which rule does it break? ";
    var select = document.createElement("select");
    select.name = "rule";
    select.required = true;
    var blank = document.createElement("option");
    blank.value = "";
    blank.textContent = "Choose a rule";
    select.appendChild(blank);
    (reader.rules || []).forEach(function (rule) {
      var option = document.createElement("option");
      option.value = rule.code;
      option.textContent = rule.label;
      select.appendChild(option);
    });
    ruleLabel.appendChild(select);
    var noteLabel = document.createElement("label");
    noteLabel.textContent = "Anything the moderators should know (optional) ";
    var note = document.createElement("textarea");
    note.name = "note";
    note.rows = 2;
    note.maxLength = 500;
    note.className = "comment-form__text";
    noteLabel.appendChild(note);
    var error = document.createElement("p");
    error.className = "comment-form__error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    reportForm.appendChild(heading);
    reportForm.appendChild(ruleLabel);
    reportForm.appendChild(noteLabel);
    if (reader.standards_url) {
      var help = document.createElement("p");
      help.className = "comment-form__help";
      var link = document.createElement("a");
      link.href = reader.standards_url;
      link.textContent = "Read the community standards";
      help.appendChild(link);
      reportForm.appendChild(help);
    }
    reportForm.appendChild(error);
    var sendButton = button("Send report", "send-report", id);
    sendButton.type = "submit";
    reportForm.appendChild(sendButton);
    reportForm.appendChild(button("Cancel", "cancel-report", id));
    reportForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!select.value) { return show(error, "Choose the rule you think it breaks."); }
      sendButton.disabled = true;
      send(urls.moderation + id + "/report/", { rule: select.value, note: note.value }).then(function (result) {
        sendButton.disabled = false;
        if (result.httpStatus !== 200) { return show(error, result.error || "Your report was not sent; please try again."); }
        reported[id] = true;
        reportForm.remove();
        decorateOne(commentEl(id));
        noteOn(id, "Report sent. Thank you: a moderator will look at it.");
        focusReportLink(id);
      }, function () {
        sendButton.disabled = false;
        show(error, "The network failed; your report was not sent.");
      });
    });
    var actions = el.querySelector(":scope > [data-actions]");
    actions.insertAdjacentElement("afterend", reportForm);
    select.focus();
  }

  function act(el) {
    var id = Number(el.dataset.id);
    var action = el.dataset.act;
    if (action === "react" || action === "unreact") {
      send(urls.comment + id + "/react/", action === "unreact" ? { remove: "1" } : {}).then(function (result) {
        if (result.httpStatus !== 200) { return showStatus(result.error); }
        reacted[id] = result.reacted;
        setReactionCount(id, result.count);
        decorateOne(commentEl(id));
      });
    } else if (action === "delete") {
      if (!window.confirm("Delete your comment?")) { return; }
      send(urls.comment + id + "/delete/", {}).then(function (result) {
        if (result.httpStatus !== 200) { return showStatus(result.error); }
        delete own[id];
        delete editable[id];
        var gone = commentEl(id);
        var hadFocus = Boolean(gone && gone.contains(document.activeElement));
        var nearby = hadFocus ? neighbours(gone) : [];
        removeComment(id, true);
        if (hadFocus) { focusAfterDelete(id, nearby); }
      });
    } else if (action === "disagree") {
      // Marked, not disabled: a disabled button drops the focus (see decorateOne).
      if (el.getAttribute("aria-disabled") === "true") { return; }
      el.setAttribute("aria-disabled", "true");
      send(urls.moderation + id + "/disagree/", {}).then(function (result) {
        if (result.httpStatus !== 200) { el.removeAttribute("aria-disabled"); return showStatus(result.error); }
        disagreed[id] = true;
        decorateOne(commentEl(id));
        noteOn(id, "Noted: you disagree. Reply to say why.");
      });
    } else if (action === "send-report") {
      // The thread's click handler stopped the native submit; submit through the form's handler.
      el.form.requestSubmit();
    } else if (action === "cancel-report") {
      var reportForm = commentEl(id).querySelector(":scope > .comment__report-form");
      if (reportForm) {
        reportForm.remove();
        focusReportLink(id);  // The form went under the focus: back to where it opened.
      }
    } else if (action === "edit") {
      startEdit(id);
    } else if (action === "save") {
      saveEdit(id, el);
    } else if (action === "cancel-edit") {
      var editor = commentEl(id).querySelector(":scope > .comment__editor");
      if (editor) { editor.remove(); }
      commentEl(id).querySelector(":scope > [data-body]").hidden = false;
      focusEditButton(id);
    }
  }

  function showWarning(el, result) {
    show(el, result.message);
    if (result.standards_url) {
      var link = document.createElement("a");
      link.href = result.standards_url;
      link.textContent = "Read the community standards";
      el.appendChild(document.createTextNode(" "));
      el.appendChild(link);
    }
  }

  function showStatus(message) { show(statusBox, message || "Something went wrong; please try again."); }

  function setReactionCount(id, count) {
    var el = commentEl(id);
    var counter = el && el.querySelector(":scope > [data-actions] [data-reaction-count]");
    if (counter && counter.textContent !== String(count)) { counter.textContent = String(count); }
  }

  function hasReplies(el) {
    var replies = el.querySelector(":scope > [data-replies]");
    if (replies && replies.children.length) { return true; }
    // At the maximum depth a comment's replies join the list it is in.
    var list = el.parentElement;
    var id = Number(el.dataset.commentId);
    return Boolean(list && list.querySelector(':scope > [data-parent-id="' + id + '"]'));
  }

  function removeComment(id, deleted) {
    var el = commentEl(id);
    if (!el) { return; }
    var replies = el.querySelector(":scope > [data-replies]");
    if (hasReplies(el)) {
      Array.prototype.slice.call(el.children).forEach(function (child) {
        if (child !== replies) { child.remove(); }
      });
      var placeholder = document.createElement("p");
      placeholder.className = "comment__deleted";
      placeholder.textContent = deleted ? "Comment deleted" : "Comment removed";
      el.insertBefore(placeholder, replies);
      el.classList.add("comment--deleted");
    } else {
      // Its parent by id: past the maximum depth that is not the comment it sits in.
      var holder = el.dataset.parentId ? commentEl(el.dataset.parentId) : null;
      el.remove();
      // A placeholder stands only over replies: it goes with its last one, as on a
      // reload (its own removal may have left the feed's window long ago).
      if (holder && holder.classList.contains("comment--deleted") && !hasReplies(holder)) {
        removeComment(holder.dataset.commentId, true);
      }
    }
  }

  // The comments that may take a deleted one's place, nearest first.
  function neighbours(el) {
    var parent = el.parentElement && el.parentElement.closest("[data-comment-id]");
    return [el.nextElementSibling, el.previousElementSibling, parent].filter(function (node) {
      return node && node.dataset.commentId;
    });
  }

  // The Delete button went with the comment, or with its content over replies:
  // the focus goes to the placeholder left, or else to the comment now in its
  // place (the thread's heading if none is left), not to the top of the page.
  function focusAfterDelete(id, nearby) {
    var el = commentEl(id);
    var target = el && el.querySelector(":scope > .comment__deleted");
    if (!target) {
      target = nearby.filter(function (node) { return node.isConnected; })[0] || $(".discussion__heading");
    }
    if (!target) { return; }
    target.tabIndex = -1;
    target.focus();
  }

  // The editor, or the whole comment once saved, is replaced under the focus:
  // put it back where the reader began, not at the top of the page.
  function focusEditButton(id) {
    var el = commentEl(id);
    var edit = el && el.querySelector(':scope > [data-actions] button[data-act="edit"]');
    if (edit) { edit.focus(); }
  }

  function startEdit(id) {
    var el = commentEl(id);
    if (!el || el.querySelector(":scope > .comment__editor")) { return; }
    var body = el.querySelector(":scope > [data-body]");
    var editor = document.createElement("div");
    editor.className = "comment__editor";
    var label = document.createElement("label");
    label.textContent = "Edit your comment";
    var area = document.createElement("textarea");
    area.className = "comment-form__text";
    area.rows = 5;
    area.value = editable[id].body;
    label.appendChild(area);
    var error = document.createElement("p");
    error.className = "comment-form__error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    editor.appendChild(label);
    editor.appendChild(error);
    editor.appendChild(button("Save", "save", id));
    editor.appendChild(button("Cancel", "cancel-edit", id));
    body.hidden = true;
    body.insertAdjacentElement("afterend", editor);
    area.focus();
  }

  function saveEdit(id, el) {
    var editor = el.closest(".comment__editor");
    var area = editor.querySelector("textarea");
    var error = editor.querySelector(".comment-form__error");
    var data = { text: area.value };
    if (editor.dataset.acknowledge) { data.acknowledge = "1"; }
    send(urls.comment + id + "/edit/", data).then(function (result) {
      if (result.httpStatus === 409) {
        editor.dataset.acknowledge = "1";
        el.textContent = "Save anyway";
        return showWarning(error, result);
      }
      if (result.httpStatus !== 201) { return show(error, result.error); }
      editable[id].body = area.value;
      if (result.visible) {
        replaceComment(id, result.html);
        focusEditButton(id);
      } else {
        removeComment(id);
        addOwnHidden(result);
      }
    });
  }

  function replaceComment(id, html) {
    var old = commentEl(id);
    if (!old) { return; }
    var fresh = fragment(html).firstElementChild;
    // The live feed redraws a comment under the reader's focus: keep it there.
    var active = old.contains(document.activeElement) ? document.activeElement : null;
    var act = active && active.dataset ? active.dataset.act : "";
    var oldReplies = old.querySelector(":scope > [data-replies]");
    var newReplies = fresh.querySelector(":scope > [data-replies]");
    while (oldReplies && oldReplies.firstChild) { newReplies.appendChild(oldReplies.firstChild); }
    old.replaceWith(fresh);
    decorateOne(fresh);
    if (!active) { return; }
    // In a reply, moved over as it is; else the same button drawn again, or the comment.
    var target = active.isConnected ? active
      : (act && fresh.querySelector(':scope > [data-actions] button[data-act="' + act + '"]')) || fresh;
    if (target === fresh) { fresh.tabIndex = -1; }
    target.focus();
  }

  /* Posting */

  var replyingBox = $("[data-replying]");
  var cancel = $("[data-cancel]");
  function startReply(parentId) {
    var parent = commentEl(parentId);
    var name = parent ? parent.querySelector(".comment__author") : null;
    form.querySelector("[data-parent]").value = String(Number(parentId));
    show(replyingBox, "Replying to " + (name ? name.textContent : "a comment"));
    cancel.hidden = false;
    form.scrollIntoView({ block: "center" });
    text.focus();
  }
  function endReply() {
    form.querySelector("[data-parent]").value = "";
    show(replyingBox, "");
    cancel.hidden = true;
  }
  cancel.addEventListener("click", endReply);

  var counter = $("[data-counter]");
  text.addEventListener("input", function () {
    var max = reader ? reader.max_length : 5000;
    var left = max - text.value.length;
    counter.textContent = left < 0 ? (-left) + " characters over the limit" : left + " characters left";
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = { text: text.value, parent: form.querySelector("[data-parent]").value };
    if (form.querySelector("[data-acknowledge]").value === "1") { data.acknowledge = "1"; }
    var submit = $("[data-submit]");
    submit.disabled = true;
    send(urls.post, data).then(function (result) {
      submit.disabled = false;
      if (result.httpStatus === 409) {
        // Warned once: the author may edit, or post as it is to be held for review.
        form.querySelector("[data-acknowledge]").value = "1";
        submit.textContent = "Post anyway";
        show(errorBox, "");
        return showWarning(warningBox, result);
      }
      if (result.httpStatus !== 201) {
        return show(errorBox, result.error || "Your comment could not be posted; please try again.");
      }
      show(errorBox, "");
      show(warningBox, "");
      form.querySelector("[data-acknowledge]").value = "";
      submit.textContent = "Post comment";
      text.value = "";
      own[result.id] = true;
      endReply();
      if (result.visible) {
        insertComment(result, true);
        refreshState();
      } else {
        addOwnHidden(result);
      }
    }, function () {
      submit.disabled = false;
      show(errorBox, "The network failed; your comment was not sent. Please try again.");
    });
  });

  function addOwnHidden(item) {
    var list = $("[data-own-list]");
    var entry = document.createElement("div");
    entry.className = "comment comment--own-hidden";
    entry.dataset.ownHidden = String(item.id);
    var status = document.createElement("p");
    status.className = "comment__status";
    status.textContent = (item.status_label || item.status) +
      (item.rule_title ? ": rule " + item.rule_title : "") + ". Only you can see this comment.";
    entry.appendChild(status);
    if (item.reason) {
      var reason = document.createElement("p");
      reason.className = "comment__reason";
      reason.textContent = item.reason;
      entry.appendChild(reason);
    }
    var body = document.createElement("div");
    body.className = "comment__body";
    body.appendChild(fragment(item.html));
    entry.appendChild(body);
    if (item.appeal_url || item.appealed) {
      var appeal = document.createElement("p");
      appeal.className = "comment__appeal";
      if (item.appeal_url) {
        var link = document.createElement("a");
        link.href = item.appeal_url;
        link.textContent = "Appeal this decision";
        appeal.appendChild(link);
      } else {
        appeal.textContent = "You have appealed this decision.";
      }
      entry.appendChild(appeal);
    }
    var existing = list.querySelector('[data-own-hidden="' + Number(item.id) + '"]');
    if (existing) { existing.replaceWith(entry); } else { list.prepend(entry); }
    $("[data-own]").hidden = false;
  }

  /* Placing comments that arrive (own or live) */

  function insertComment(item, isOwn) {
    if (commentEl(item.id)) { return true; }
    var el = fragment(item.html).firstElementChild;
    if (!el) { return true; }
    if (item.parent) {
      var parent = commentEl(item.parent);
      if (!parent) { return false; }
      var replies = parent.querySelector(":scope > [data-replies]");
      if (Number(parent.dataset.depth) >= Number(el.dataset.depth)) {
        // Flattened at the maximum depth: it joins its parent's list.
        replies = parent.parentElement;
      }
      replies.appendChild(el);
    } else if (view.tab === "all" && view.sort === "newest") {
      var thread = box.querySelector("[data-thread]");
      if (!thread) { return false; }
      var empty = thread.querySelector(".discussion__empty");
      if (empty) { empty.remove(); }
      thread.prepend(el);
    } else if (view.tab === "all" && view.sort === "oldest" && !box.querySelector("[data-more]")) {
      box.querySelector("[data-thread]").insertBefore(el, box.querySelector(".discussion__more"));
    } else {
      return false;
    }
    if (isOwn) { el.classList.add("comment--new"); }
    decorateOne(el);
    return true;
  }

  /* Live feed */

  function applyFeed(data) {
    var count = $("[data-count]");
    count.textContent = "(" + data.count + " comment" + (data.count === 1 ? "" : "s") + ")";
    count.hidden = false;
    feed.open = data.open;
    show(statusBox, data.open ? "" : data.closed_reason);
    form.hidden = !(reader && reader.can_post && data.open);
    // A closed discussion takes no comments: no one is asked to sign in to join it.
    if (signedOut) { $("[data-signin]").hidden = !data.open; }
    // Most polls change no tab: those leave the tabs' markup alone.
    if (tabEl("picks").hidden === Boolean(data.picks)) { showPicksTab(Boolean(data.picks)); }
    if (feed.version === data.version) { return; }
    feed.version = data.version;
    var missed = false;
    var baseline = known === null;
    known = known || {};
    data.comments.slice().reverse().forEach(function (item) {
      var existing = commentEl(item.id);
      if (existing) {
        // The feed lists visible comments only: a placeholder among them was approved again.
        var cameBack = existing.classList.contains("comment--deleted");
        if (cameBack || String(item.edited || "") !== (existing.dataset.edited || "")) { replaceComment(item.id, item.html); }
      } else if (!baseline && !known[item.id] && !item.update_only && !insertComment(item, false)) {
        missed = true;
      }
      known[item.id] = true;
    });
    Object.keys(data.reactions).forEach(function (id) { setReactionCount(id, data.reactions[id]); });
    if (data.reactions_complete) {
      // Zero counts are left out of the feed: a comment it does not list has none.
      Array.prototype.forEach.call(box.querySelectorAll("[data-comment-id]"), function (el) {
        if (!(el.dataset.commentId in data.reactions)) { setReactionCount(el.dataset.commentId, 0); }
      });
    }
    var deleted = data.deleted || [];
    data.removed.forEach(function (id) {
      if (!own[id]) { removeComment(id, deleted.indexOf(id) >= 0); }
    });
    if (missed) { $("[data-new]").hidden = false; }
  }

  function poll() {
    // The radio's in-place navigation may have swapped this article out of the page.
    if (!root.isConnected) { return; }
    getJSON(urls.live).then(applyFeed, function () { /* Try again next time. */ })
      .then(function () { window.setTimeout(poll, pollMs); });
  }

  /* The signed-in reader */

  function refreshState() {
    return getJSON(urls.state).then(function (data) {
      if (!data.authenticated) { return; }
      reader = data;
      own = {};
      editable = {};
      reacted = {};
      reported = {};
      disagreed = {};
      (data.reported || []).forEach(function (id) { reported[id] = true; });
      (data.disagreed || []).forEach(function (id) { disagreed[id] = true; });
      data.own.forEach(function (id) { own[id] = true; });
      data.editable.forEach(function (item) { editable[item.id] = item; });
      data.reacted.forEach(function (id) { reacted[id] = true; });
      form.querySelector("[data-csrf]").value = data.csrf_token;
      $("[data-as]").textContent = "(as " + data.display_name + ")";
      $("[data-signin]").hidden = true;
      form.hidden = !(data.can_post && feed.open);
      if (!data.can_post && data.reason) { show(statusBox, data.reason); }
      data.hidden.forEach(addOwnHidden);
      decorate(box);
    });
  }

  function start() {
    $("[data-controls]").hidden = false;
    // A panel only with the script: without it there are no tabs, just the fallback link.
    box.setAttribute("role", "tabpanel");
    markTabs();
    getJSON(urls.live).then(function (data) {
      if (data.picks && !view.chosen) { view.tab = "picks"; markTabs(); }
      return loadThread(false).then(function () { applyFeed(data); });
    }).catch(function () { /* The fallback link stays. */ }).then(function () {
      window.setTimeout(poll, pollMs);
      return getJSON(urls.me).catch(function () { return null; });
    }).then(function (me) {
      if (me && me.authenticated) { return refreshState(); }
      // Signed out, or not known (me.json failed): asked to sign in, else one
      // signed out would have no way to join.
      signedOut = true;
      $("[data-signin]").hidden = !feed.open;
    }).catch(function () { /* Anonymous reading still works. */ });
  }

  start();
})();
