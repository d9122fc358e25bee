/*
 * Assistansguiden, insights for staff: the report of /api/insights (the same as
 * `assistans insights --json`) as tables, and bar charts drawn as SVG. Each chart has a
 * text alternative (its title and a description with the figures that matter) and the
 * table beside it holds every figure. All text is inserted as text, never HTML.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december"];
  var FORMS = {
    provider_form: "Kolla en anordnares tillstånd",
    payee_form: "Pengarna direkt till anordnaren",
    birth_date_form: "18 år och åldersgränsen",
    change_form: "Anmäla en ändring",
  };
  var SLOTS = {
    provider_query: "vilken anordnare",
    personkrets: "personkrets",
    age_group: "barn eller vuxen",
    informed_date: "dagen för beskedet",
    birth_date: "födelsedatum",
    change_kind: "vilken ändring",
    change_date: "dagen för ändringen",
    unknown: "okänd fråga",
  };
  var chartCount = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, String(attributes[name]));
    });
    return node;
  }

  function number(value) {
    return typeof value === "number" && isFinite(value) ? value : 0;
  }

  /** 0.1667 → "16,7 %"; null → "–". */
  function percent(share) {
    if (typeof share !== "number" || !isFinite(share)) return "–";
    return String(Math.round(share * 1000) / 10).replace(".", ",") + " %";
  }

  /** "2026-11-23" → "23 november" (with the year when asked). */
  function day(iso, withYear) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    if (!match) return String(iso || "");
    var text = Number(match[3]) + " " + MONTHS[Number(match[2]) - 1];
    return withYear ? text + " " + match[1] : text;
  }

  // --- tables ----------------------------------------------------------------------

  /** columns: [{title, value(row), number?}]; a table with a caption, one row a line. */
  function table(caption, columns, rows) {
    var node = el("table", "figures");
    node.appendChild(el("caption", null, caption));
    var head = el("thead");
    var headRow = el("tr");
    columns.forEach(function (column) {
      var th = el("th", column.number ? "number" : null, column.title);
      th.scope = "col";
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    node.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      columns.forEach(function (column, index) {
        var cell = el(index === 0 ? "th" : "td", column.number ? "number" : null, column.value(row));
        if (index === 0) cell.scope = "row";
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    node.appendChild(body);
    return node;
  }

  // --- charts ----------------------------------------------------------------------

  /**
   * A bar chart: one group a row (label, values), one bar a series; horizontal bars so
   * long labels fit a phone. Its name and description are the text alternative.
   */
  function barChart(title, description, series, groups) {
    var id = "chart-" + (chartCount += 1);
    var labelWidth = 170, barHeight = 14, gap = 10, width = 480;
    var rowHeight = series.length * barHeight + gap;
    var height = Math.max(rowHeight * groups.length + gap, 40);
    var most = Math.max.apply(null, [1].concat(groups.map(function (g) {
      return Math.max.apply(null, g.values.map(number));
    })));
    var chart = svg("svg", {
      class: "chart",
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": id + "-title " + id + "-desc",
    });
    var name = svg("title", { id: id + "-title" });
    name.textContent = title;
    var desc = svg("desc", { id: id + "-desc" });
    desc.textContent = description;
    chart.appendChild(name);
    chart.appendChild(desc);
    var room = width - labelWidth - 40;
    groups.forEach(function (group, row) {
      var top = gap + row * rowHeight;
      var label = svg("text", { class: "chart__label", x: 0, y: top + barHeight - 2, "aria-hidden": "true" });
      label.textContent = group.label.length > 26 ? group.label.slice(0, 25) + "…" : group.label;
      chart.appendChild(label);
      group.values.forEach(function (value, index) {
        var y = top + index * barHeight;
        var length = Math.max((number(value) / most) * room, number(value) ? 2 : 0);
        chart.appendChild(svg("rect", {
          class: "chart__bar" + (index ? " chart__bar--second" : ""),
          x: labelWidth, y: y, width: length.toFixed(1), height: barHeight - 2,
        }));
        var figure = svg("text", {
          class: "chart__label", x: labelWidth + length + 4, y: y + barHeight - 3, "aria-hidden": "true",
        });
        figure.textContent = String(number(value));
        chart.appendChild(figure);
      });
    });
    chart.appendChild(svg("line", { class: "chart__axis", x1: labelWidth, y1: 0, x2: labelWidth, y2: height }));
    var part = el("figure");
    part.appendChild(chart);
    if (series.length > 1) {
      var legend = el("ul", "legend");
      series.forEach(function (seriesName, index) {
        var item = el("li");
        item.appendChild(el("span", "legend__swatch" + (index ? " legend__swatch--second" : "")));
        item.appendChild(document.createTextNode(seriesName));
        legend.appendChild(item);
      });
      part.appendChild(legend);
    }
    return part;
  }

  /** A column a day: vertical bars over time, the first and the last day named below. */
  function columnChart(title, description, values, firstLabel, lastLabel) {
    var id = "chart-" + (chartCount += 1);
    var width = 480, height = 170, bottom = 150, top = 16;
    var most = Math.max.apply(null, [1].concat(values.map(number)));
    var step = width / Math.max(values.length, 1);
    var chart = svg("svg", {
      class: "chart",
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": id + "-title " + id + "-desc",
    });
    var name = svg("title", { id: id + "-title" });
    name.textContent = title;
    var desc = svg("desc", { id: id + "-desc" });
    desc.textContent = description;
    chart.appendChild(name);
    chart.appendChild(desc);
    values.forEach(function (value, index) {
      var length = (number(value) / most) * (bottom - top);
      chart.appendChild(svg("rect", {
        class: "chart__bar",
        x: (index * step + step * 0.15).toFixed(1),
        y: (bottom - length).toFixed(1),
        width: (step * 0.7).toFixed(1),
        height: length.toFixed(1),
      }));
    });
    chart.appendChild(svg("line", { class: "chart__axis", x1: 0, y1: bottom, x2: width, y2: bottom }));
    var mostLabel = svg("text", { class: "chart__label", x: 0, y: 12, "aria-hidden": "true" });
    mostLabel.textContent = "högst " + most;
    chart.appendChild(mostLabel);
    [[firstLabel, 0, "start"], [lastLabel, width, "end"]].forEach(function (edge) {
      var text = svg("text", {
        class: "chart__label", x: edge[1], y: height - 4, "text-anchor": edge[2], "aria-hidden": "true",
      });
      text.textContent = edge[0];
      chart.appendChild(text);
    });
    var part = el("figure");
    part.appendChild(chart);
    return part;
  }

  // --- the report --------------------------------------------------------------------

  function section(title) {
    var part = el("section");
    part.appendChild(el("h2", null, title));
    return part;
  }

  function facts(pairs) {
    var list = el("dl", "decision__facts");
    pairs.forEach(function (pair) {
      list.appendChild(el("dt", null, pair[0]));
      list.appendChild(el("dd", null, pair[1]));
    });
    return list;
  }

  function busiest(rows, key) {
    return rows.reduce(function (best, row) {
      return number(row[key]) > number(best[key]) ? row : best;
    }, rows[0] || {});
  }

  function render(report) {
    var titles = report.titles || {};
    function topic(intent) { return titles[intent] || intent; }
    var all = el("div");
    var period = report.period || {};
    var summary = section(
      "Perioden " + day(period.from, true) + " – " + day(period.to, true)
    );
    var dym = report.did_you_mean || {};
    summary.appendChild(facts([
      ["Samtal", number(report.conversations)],
      ["Meddelanden", number(report.messages)],
      ["Inte förstått", number((report.fallback || {}).messages) + " (" + percent((report.fallback || {}).rate) + ")"],
      ["Utanför ämnet", number((report.out_of_scope || {}).messages) + " (" + percent((report.out_of_scope || {}).rate) + ")"],
      ["”Menade du …?” visades", number(dym.offered)],
      ["… och ett förslag valdes", number(dym.chosen) + " (" + percent(dym.chosen_share) + ")"],
      ["… och ”Inget av dem” valdes", number(dym.none_of_them)],
    ]));
    all.appendChild(summary);

    var days = Array.isArray(report.per_day) ? report.per_day : [];
    var perDay = section("Samtal och meddelanden per dag");
    var top = busiest(days, "messages");
    perDay.appendChild(columnChart(
      "Meddelanden per dag",
      days.length && number(top.messages)
        ? "Flest meddelanden " + day(top.date) + ": " + number(top.messages) +
          ". Alla siffror står i tabellen under diagrammet."
        : "Inga meddelanden under perioden.",
      days.map(function (row) { return row.messages; }),
      days.length ? day(days[0].date) : "",
      days.length ? day(days[days.length - 1].date) : ""
    ));
    perDay.appendChild(table("Samtal och meddelanden per dag", [
      { title: "Dag", value: function (row) { return day(row.date, true); } },
      { title: "Samtal", number: true, value: function (row) { return number(row.conversations); } },
      { title: "Meddelanden", number: true, value: function (row) { return number(row.messages); } },
    ], days));
    all.appendChild(perDay);

    var topics = Array.isArray(report.topics) ? report.topics : [];
    var asked = section("Ämnen: frågor och svar");
    if (topics.length) {
      var first = topics[0];
      asked.appendChild(barChart(
        "Frågor och besvarade frågor per ämne",
        "Flest frågor om " + topic(first.intent) + ": " + number(first.asked) + ", varav " +
          number(first.answered) + " besvarade. Alla siffror står i tabellen under diagrammet.",
        ["Frågor", "Besvarade"],
        topics.map(function (row) { return { label: topic(row.intent), values: [row.asked, row.answered] }; })
      ));
      asked.appendChild(table("Frågor och svar per ämne", [
        { title: "Ämne", value: function (row) { return topic(row.intent); } },
        { title: "Frågor", number: true, value: function (row) { return number(row.asked); } },
        { title: "Besvarade", number: true, value: function (row) { return number(row.answered); } },
        { title: "Andel besvarade", number: true, value: function (row) { return percent(row.answered_share); } },
      ], topics));
    } else {
      asked.appendChild(el("p", null, "Inga frågor om något ämne under perioden."));
    }
    all.appendChild(asked);

    var forms = Array.isArray(report.forms) ? report.forms : [];
    var formPart = section("Frågor i flera steg: var lämnar folk?");
    if (forms.length) {
      formPart.appendChild(table("Påbörjade, slutförda och avbrutna", [
        { title: "Fråga", value: function (row) { return FORMS[row.form] || row.form; } },
        { title: "Påbörjade", number: true, value: function (row) { return number(row.started); } },
        { title: "Slutförda", number: true, value: function (row) { return number(row.finished); } },
        { title: "Avbrutna", number: true, value: function (row) { return number(row.abandoned); } },
        {
          title: "Avbröts vid",
          value: function (row) {
            var left = row.left_at || {};
            return Object.keys(left).map(function (slot) {
              return (SLOTS[slot] || slot) + ": " + number(left[slot]);
            }).join(", ") || "–";
          },
        },
      ], forms));
    } else {
      formPart.appendChild(el("p", null, "Ingen fråga i flera steg under perioden."));
    }
    all.appendChild(formPart);

    var feedback = Array.isArray(report.feedback) ? report.feedback : [];
    var rated = section("Hjälpte svaret?");
    if (feedback.length) {
      rated.appendChild(table("Svar på ”Hjälpte svaret?” per ämne", [
        { title: "Ämne", value: function (row) { return topic(row.intent); } },
        { title: "Ja", number: true, value: function (row) { return number(row.ja); } },
        { title: "Nej", number: true, value: function (row) { return number(row.nej); } },
        { title: "Andel ja", number: true, value: function (row) { return percent(row.ja_share); } },
      ], feedback));
    } else {
      rated.appendChild(el("p", null, "Ingen har svarat på ”Hjälpte svaret?” under perioden."));
    }
    all.appendChild(rated);

    var unanswered = Array.isArray(report.unanswered) ? report.unanswered : [];
    var missed = section("Vanligaste meddelanden utan svar");
    missed.appendChild(el("p", "field__hint",
      "Personnummer, telefonnummer och e-postadresser är borttagna. Ett meddelande visas bara när minst " +
      number(report.unanswered_min_senders) + " olika personer har skickat det."));
    if (unanswered.length) {
      missed.appendChild(table("Meddelanden utan svar", [
        { title: "Meddelande", value: function (row) { return row.text; } },
        { title: "Antal", number: true, value: function (row) { return number(row.messages); } },
        { title: "Personer", number: true, value: function (row) { return number(row.senders); } },
      ], unanswered));
    } else {
      missed.appendChild(el("p", null, "Inget meddelande utan svar har skickats av tillräckligt många."));
    }
    all.appendChild(missed);
    return all;
  }

  function start(form) {
    var status = document.querySelector("[data-insights-status]");
    var result = document.querySelector("[data-insights-report]");

    function setStatus(text, isError) {
      status.textContent = text;
      status.classList.toggle("lookup__status--error", Boolean(isError));
    }

    function load() {
      setStatus("Hämtar …", false);
      result.setAttribute("aria-busy", "true");
      fetch("api/insights?days=" + encodeURIComponent(form.elements.days.value), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (body) {
            return { status: response.status, body: body };
          }, function () {
            return { status: response.status, body: {} };
          });
        })
        .then(function (answer) {
          result.removeAttribute("aria-busy");
          if (answer.status !== 200) {
            setStatus(answer.body.error || "Insikterna kunde inte hämtas (fel " + answer.status + ").", true);
            return;
          }
          result.textContent = "";
          result.appendChild(render(answer.body));
          setStatus("Visar " + number(answer.body.conversations) + " samtal.", false);
        })
        .catch(function () {
          result.removeAttribute("aria-busy");
          setStatus("Det gick inte att nå servern. Kontrollera anslutningen och försök igen.", true);
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      load();
    });
    load();
  }

  function init() {
    var form = document.querySelector("[data-insights-form]");
    if (form) start(form);
  }

  window.AssistansguidenInsights = { render: render, percent: percent };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
