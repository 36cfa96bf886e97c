/* The road map page's filter and text search, and the redirect of old changelog links.
   Self-written, no library, no inline code: a Content-Security-Policy of script-src 'self'
   allows it. It reads the JSON block #roadmap-filter (per resource, in page order: indexes of
   its kind, cost, level and tags) and hides what does not match; without it, the page shows
   everything. */
(function () {
  "use strict";

  // Links to releases on the old one-page changelog (index.html#release-…) now land on the
  // archive page of the release's year, which changelog/releases.js names.
  function redirectOldLink() {
    var hash = window.location.hash;
    if (hash.indexOf("#release-") !== 0 || document.getElementById(hash.slice(1))) {
      return;
    }
    var loader = document.createElement("script");
    loader.src = "changelog/releases.js";
    loader.onload = function () {
      var years = window.roadmapReleaseYears || {};
      var anchor = hash.slice(1);
      var best = "";
      for (var key in years) {
        if ((anchor === key || anchor.indexOf(key + "-") === 0) && key.length > best.length) {
          best = key;
        }
      }
      if (best) {
        window.location.replace("changelog/" + years[best] + ".html" + hash);
      }
    };
    document.head.appendChild(loader);
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function start() {
    redirectOldLink();
    var data = document.getElementById("roadmap-filter");
    var form = document.querySelector("form.filters");
    if (!data || !form) {
      return;
    }
    var filter = JSON.parse(data.textContent);
    var items = Array.prototype.slice.call(document.querySelectorAll("#roadmap li.r"));
    var sections = Array.prototype.slice.call(document.querySelectorAll("#roadmap section.rs"));
    if (items.length !== filter.items.length) {
      return; // a project's own template changed the markup: show everything, filter nothing
    }
    var texts = items.map(function (item) {
      return item.textContent.toLowerCase();
    });
    var search = document.getElementById("filter-text");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var status = document.getElementById("filter-status");
    var noMatch = document.getElementById("no-match");
    var reset = document.getElementById("filter-reset");
    var fields = { kind: 0, cost: 1, level: 2 };

    function apply() {
      var query = words(search.value);
      var wanted = selects
        .filter(function (select) {
          return select.value !== "";
        })
        .map(function (select) {
          return { name: select.getAttribute("data-filter"), value: Number(select.value) };
        });
      var shown = 0;
      items.forEach(function (item, index) {
        var facts = filter.items[index];
        var visible = wanted.every(function (want) {
          if (want.name === "tag") {
            return facts[3].indexOf(want.value) !== -1;
          }
          return facts[fields[want.name]] === want.value;
        });
        visible =
          visible &&
          query.every(function (word) {
            return texts[index].indexOf(word) !== -1;
          });
        item.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      // A section is shown when it, or a section nested under it, shows a resource.
      var active = query.length > 0 || wanted.length > 0;
      sections.forEach(function (section) {
        section.hidden = active && !section.querySelector("li.r:not([hidden])");
      });
      if (active) {
        sections.forEach(function (section, index) {
          if (!section.hidden) {
            return;
          }
          var depth = Number(section.querySelector("h2,h3,h4,h5,h6").tagName.slice(1));
          for (var next = index + 1; next < sections.length; next += 1) {
            var heading = sections[next].querySelector("h2,h3,h4,h5,h6");
            if (Number(heading.tagName.slice(1)) <= depth) {
              break;
            }
            if (!sections[next].hidden) {
              section.hidden = false;
              break;
            }
          }
        });
      }
      status.textContent = active
        ? "Showing " + shown + " of " + items.length + " resources."
        : items.length + " resources.";
      noMatch.hidden = shown !== 0;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    search.addEventListener("input", apply);
    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    reset.addEventListener("click", function () {
      search.value = "";
      selects.forEach(function (select) {
        select.value = "";
      });
      apply();
      search.focus();
    });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
