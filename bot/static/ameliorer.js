// The Améliorer page: activity, topics, unanswered questions grouped by the closest content
// entry, and the answers users rated badly. Everything from the server is written as text.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const C = window.Console;

  // « 2026-02-12 » -> « 12/02/2026 »
  function frenchDate(day) {
    const [y, m, d] = day.split("-");
    return d + "/" + m + "/" + y;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // A count with its bar: the number is read, the bar (its width a share of the largest) is decoration.
  function bar(value, max) {
    const cell = document.createElement("div");
    cell.className = "barre";
    C.line(cell, "span", String(value), "barre-nombre");
    const track = document.createElement("div");
    track.className = "barre-piste";
    track.setAttribute("aria-hidden", "true");
    const fill = document.createElement("div");
    fill.className = "barre-remplie";
    fill.style.width = (max > 0 ? Math.round((value / max) * 100) : 0) + "%";
    track.appendChild(fill);
    cell.appendChild(track);
    return cell;
  }

  // Empties the table's body; true if there are rows to write, else one row saying so.
  function hasRows(tbody, items, columns, empty) {
    tbody.replaceChildren();
    if (!items.length) C.row(tbody, [empty]).firstChild.colSpan = columns;
    return items.length > 0;
  }

  function showActivity(days) {
    const tbody = $("activite");
    if (!hasRows(tbody, days, 3, "Aucune conversation sur la période.")) return;
    const max = Math.max(...days.map((d) => Math.max(d.conversations, d.messages)));
    days.forEach((d) => {
      C.row(tbody, [frenchDate(d.jour), bar(d.conversations, max), bar(d.messages, max)]).firstChild.className = "jour";
    });
  }

  function showTopics(topics) {
    const tbody = $("sujets");
    if (!hasRows(tbody, topics, 2, "Aucune question sur la période.")) return;
    const max = Math.max(...topics.map((t) => t.nombre));
    topics.forEach((t) => C.row(tbody, [t.sujet, bar(t.nombre, max)]));
  }

  // The other entries close to a question, each with the link to edit it.
  function nearby(candidates) {
    const list = document.createElement("ul");
    if (!candidates.length) C.line(list, "li", "Aucune");
    candidates.forEach((c) => {
      const item = C.line(list, "li", c.titre + " (" + c.type + ", score " + c.score.toFixed(2) + ") ");
      item.appendChild(C.editLink(c.fichier));
    });
    return list;
  }

  // What a user typed, under a short line of context (how often and when, or when and about what).
  function asked(text, context) {
    const cell = document.createElement("div");
    C.line(cell, "p", context, "aide contexte");
    C.line(cell, "p", text || "—", "question");
    return cell;
  }

  function showUnanswered(data) {
    const skipped = data.total - data.analysees;
    $("sans-reponse-bilan").textContent = data.total
      ? plural(data.total, "question différente", "questions différentes") + " sans réponse"
        + (skipped > 0 ? " ; les " + data.analysees + " plus fréquentes sont analysées ci-dessous." : ".")
      : "Aucune question sans réponse sur la période.";
    const groups = $("groupes");
    groups.replaceChildren();
    data.groupes.forEach((g, i) => {
      const block = document.createElement("section");
      block.className = "groupe";
      block.setAttribute("aria-labelledby", "groupe-" + i);
      const title = C.line(block, "h3", g.sujet + " (" + plural(g.nombre, "question", "questions") + ")");
      title.id = "groupe-" + i;
      if (g.fichier) C.line(block, "p", "").appendChild(C.editLink(g.fichier));
      const table = document.createElement("table");
      C.line(table, "caption", g.proche ? "Questions dont l'entrée la plus proche est « " + g.sujet + " »"
        : "Questions qu'aucune entrée du contenu ne couvre vraiment : les entrées citées n'en partagent que quelques mots", "aide");
      const head = document.createElement("tr");
      ["Question", "Entrées proches"].forEach((h) => { C.line(head, "th", h).scope = "col"; });
      table.appendChild(document.createElement("thead")).appendChild(head);
      const tbody = table.appendChild(document.createElement("tbody"));
      g.questions.forEach((q) => C.row(tbody, [
        asked(q.texte, "Posée " + plural(q.nombre, "fois", "fois") + " : " + q.dates.map(frenchDate).join(", ")),
        nearby(q.candidats)]));
      block.appendChild(table);
      groups.appendChild(block);
    });
  }

  function showRatings(avis) {
    const topics = $("avis-sujets");
    if (hasRows(topics, avis.par_sujet, 3, "Aucun avis sur la période.")) {
      avis.par_sujet.forEach((a) => C.row(topics, [a.sujet, String(a.positifs), String(a.negatifs)]));
    }
    const bad = $("avis-negatifs");
    if (hasRows(bad, avis.negatifs, 2, "Aucune réponse jugée pas utile sur la période.")) {
      avis.negatifs.forEach((a) => {
        const answer = document.createElement("p");
        answer.className = "reponse";
        answer.textContent = a.reponse || "—";
        C.row(bad, [asked(a.question, frenchDate(a.date) + " · " + a.sujet), answer]);
      });
    }
  }

  let latest = 0;  // only the last request's answer is shown

  async function load() {
    const id = ++latest;
    $("etat").textContent = "Chargement…";
    const res = await C.call("GET", "/console/api/ameliorer?jours=" + encodeURIComponent($("periode").value));
    if (id !== latest) return;
    if (!res.ok) {
      $("etat").textContent = res.data.erreur || "Erreur " + res.status;
      return;
    }
    const d = res.data;
    $("totaux").textContent = plural(d.conversations, "conversation", "conversations") + " et "
      + plural(d.messages, "message", "messages") + " sur les " + d.jours + " derniers jours.";
    showActivity(d.activite);
    showTopics(d.sujets);
    showUnanswered(d.sans_reponse);
    showRatings(d.avis);
    $("etat").textContent = "Données à jour (" + new Date().toLocaleTimeString("fr-BE") + ").";
  }

  $("actualiser").addEventListener("click", load);
  $("periode").addEventListener("change", load);
  load();
})();
