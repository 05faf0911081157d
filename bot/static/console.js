// The staff console: sends a question, shows the answer and the inspector's details.
// Everything the server returns is written with textContent: never markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  let conversation = newId();

  function newId() {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function line(parent, tag, text, cls) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }

  function fill(list, items, empty) {
    list.replaceChildren();
    if (!items.length) line(list, "li", empty);
    items.forEach((text) => line(list, "li", text));
  }

  function row(tbody, cells) {
    const tr = document.createElement("tr");
    cells.forEach((text) => line(tr, "td", text));
    tbody.appendChild(tr);
  }

  function show(turn) {
    $("vide").hidden = true;
    $("details").hidden = false;
    $("duree").textContent = turn.duree_ms + " ms";
    const ranking = $("classement");
    ranking.replaceChildren();
    turn.classement.forEach((r) => row(ranking, [r.intention, Math.round(r.confiance * 100) + " %"]));
    fill($("entites"), turn.entites.map((e) => e.entite + " : " + e.valeur), "Aucun");
    fill($("actions"), turn.actions, "Aucune");
    fill($("emplacements"), Object.entries(turn.emplacements).map(([k, v]) => k + " = " + (v === null ? "(vide)" : v)), "Aucune");
    fill($("sources"), turn.sources, "Aucune source citée");
    const candidates = $("candidats");
    candidates.replaceChildren();
    turn.candidats.forEach((c) => row(candidates, [c.titre, c.score.toFixed(2), c.fichier || "—"]));
  }

  async function send(text) {
    line($("journal"), "p", text, "utilisateur");
    $("etat").textContent = "L'assistant réfléchit…";
    try {
      const res = await fetch("/console/api/essayer", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conversation, message: text }),
      });
      const data = await res.json();
      if (!res.ok) {
        $("etat").textContent = data.erreur || "Erreur " + res.status;
        return;
      }
      data.reponses.forEach((r) => line($("journal"), "p", r, "assistant"));
      show(data);
      $("etat").textContent = "Réponse reçue en " + data.duree_ms + " ms.";
    } catch (err) {
      $("etat").textContent = "L'assistant ne répond pas : vérifiez que « make run » tourne.";
    }
  }

  $("question-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const box = $("question");
    const text = box.value.trim();
    if (!text) return;
    box.value = "";
    send(text).finally(() => box.focus());
  });

  $("nouvelle").addEventListener("click", () => {
    conversation = newId();
    $("journal").replaceChildren();
    $("details").hidden = true;
    $("vide").hidden = false;
    $("etat").textContent = "Nouvelle conversation.";
    $("question").focus();
  });
})();
