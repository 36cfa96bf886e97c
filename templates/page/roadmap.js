/* The road map page's filter and text search, and the redirect of old changelog links.
   Self-written, no library, no inline code: a Content-Security-Policy of script-src 'self'
   allows it. It reads what the page shows: each resource's facts line (<small>: kind · cost ·
   level · time · by author · #tags, its data-f naming the facts) against the filter menus,
   and hides what does not match; without it, the page shows everything. */
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

  // The kind, cost, level and tags of a resource, read from its facts line. The line's
  // data-f names the facts it starts with, a letter each in order (k kind, c cost, l level,
  // t time), so each fact is read by its kind, never guessed from its value (a time "free"
  // is not the cost "free"). Tags are the last part, "#a #b", after the facts; a tag may
  // hold a space, so each one is matched against the tag menu, longest first.
  var FACT_NAMES = { k: "kind", c: "cost", l: "level", t: "time" };

  function factsOf(item, menus) {
    var facts = { kind: "", cost: "", level: "", tag: [] };
    var line = null;
    for (var child = item.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName === "SMALL") {
        line = child;
        break;
      }
    }
    if (!line) {
      return facts;
    }
    var parts = line.textContent.split(" \u00b7 ");
    var kinds = line.getAttribute("data-f") || "";
    for (var at = 0; at < kinds.length && at < parts.length; at += 1) {
      var name = FACT_NAMES[kinds.charAt(at)];
      if (name && name !== "time") {
        facts[name] = parts[at];
      }
    }
    var last = parts[parts.length - 1];
    if (parts.length > kinds.length && last.charAt(0) === "#") {
      facts.tag = readTags(last, menus.tagsByLength);
    }
    return facts;
  }

  function readTags(text, tags) {
    var found = [];
    var at = 0;
    while (at < text.length && text.charAt(at) === "#") {
      var match = null;
      for (var index = 0; index < tags.length; index += 1) {
        var end = at + 1 + tags[index].length;
        if (
          text.substr(at + 1, tags[index].length) === tags[index] &&
          (end === text.length || text.substr(end, 2) === " #")
        ) {
          match = tags[index];
          break;
        }
      }
      if (match === null) {
        break;
      }
      found.push(match);
      at += match.length + 2; // "#", the tag, " "
    }
    return found;
  }

  // The words cut off shortened descriptions (page.cut_words_index, in <template
  // id="cut-words">): a line per word, "word numbers", the numbers those of the resources
  // that lost it, in page order, each its distance from the one before less one, in base 32:
  // its last digit from LAST, any before it from LEADING. Each word joins the text that the
  // search reads of those resources.
  var LAST = "0123456789abcdefghijklmnopqrstuv";
  var LEADING = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-";

  function addCutWords(texts, index) {
    index.split("\n").forEach(function (line) {
      var space = line.indexOf(" ");
      if (space <= 0) {
        return;
      }
      var word = " " + line.slice(0, space).toLowerCase();
      var position = -1;
      var value = 0;
      for (var at = space + 1; at < line.length; at += 1) {
        var digit = LEADING.indexOf(line.charAt(at));
        if (digit !== -1) {
          value = value * 32 + digit;
          continue;
        }
        position += value * 32 + LAST.indexOf(line.charAt(at)) + 1;
        value = 0;
        if (position < texts.length) {
          texts[position] += word;
        }
      }
    });
  }

  function start() {
    redirectOldLink();
    var form = document.querySelector("form.filters");
    if (!form) {
      return;
    }
    var items = Array.prototype.slice.call(
      document.querySelectorAll("#roadmap ul.resources > li")
    );
    var sections = Array.prototype.slice.call(document.querySelectorAll("#roadmap section.rs"));
    var search = document.getElementById("filter-text");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var status = document.getElementById("filter-status");
    var noMatch = document.getElementById("no-match");
    var reset = document.getElementById("filter-reset");
    var menus = { kind: [], cost: [], level: [], tag: [] };
    selects.forEach(function (select) {
      menus[select.getAttribute("data-filter")] = Array.prototype.slice
        .call(select.options, 1)
        .map(function (option) {
          return option.value;
        });
    });
    menus.tagsByLength = menus.tag.slice().sort(function (a, b) {
      return b.length - a.length;
    });
    var facts = items.map(function (item) {
      return factsOf(item, menus);
    });
    var texts = items.map(function (item) {
      return item.textContent.toLowerCase();
    });
    var cutWords = document.getElementById("cut-words");
    if (cutWords && cutWords.content) {
      addCutWords(texts, cutWords.content.textContent);
    }

    function apply() {
      var query = words(search.value);
      var wanted = selects
        .filter(function (select) {
          return select.value !== "";
        })
        .map(function (select) {
          return { name: select.getAttribute("data-filter"), value: select.value };
        });
      var shown = 0;
      items.forEach(function (item, index) {
        var visible = wanted.every(function (want) {
          if (want.name === "tag") {
            return facts[index].tag.indexOf(want.value) !== -1;
          }
          return facts[index][want.name] === want.value;
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
        section.hidden = active && !section.querySelector("ul.resources > li:not([hidden])");
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
