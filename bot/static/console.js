// The Essayer page: sends a question, shows the answer and the inspector's details, and saves
// the conversation as a scenario with the facts the staff member approved.
// Everything the server returns is written as text: never markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const C = window.Console;
  let conversation = newId();
  let turns = [];  // {question, source, approve: checkbox, facts: input}

  function newId() {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function show(turn) {
    $("vide").hidden = true;
    $("details").hidden = false;
    $("duree").textContent = turn.duree_ms + " ms";
    const ranking = $("classement");
    ranking.replaceChildren();
    turn.classement.forEach((r) => C.row(ranking, [r.intention, Math.round(r.confiance * 100) + " %"]));
    C.fill($("entites"), turn.entites.map((e) => e.entite + " : " + e.valeur), "Aucun");
    C.fill($("actions"), turn.actions, "Aucune");
    C.fill($("emplacements"), Object.entries(turn.emplacements).map(([k, v]) => k + " = " + (v === null ? "(vide)" : v)), "Aucune");
    C.fill($("sources"), turn.sources, "Aucune source citée");
    const origin = $("origine");
    origin.replaceChildren();
    if (!turn.origine.length) C.row(origin, ["Aucun extrait retrouvé tel quel dans le contenu", "—"]);
    turn.origine.forEach((o) => {
      const links = document.createElement("span");
      o.fichiers.forEach((where, i) => {
        if (i) links.append(" ");
        links.appendChild(C.editLink(where));
      });
      C.row(origin, [o.extrait, links]);
    });
    const candidates = $("candidats");
    candidates.replaceChildren();
    turn.candidats.forEach((c) => C.row(candidates, [c.titre, c.score.toFixed(2), C.editLink(c.fichier)]));
  }

  // Under an answer: « Réponse juste » and the facts a replay must find again.
  function approval(data, question) {
    const n = turns.length + 1;
    const box = document.createElement("div");
    box.className = "approbation";
    const check = document.createElement("input");
    check.type = "checkbox";
    check.id = "juste-" + n;
    const label = C.line(box, "label", "Réponse juste");
    label.htmlFor = check.id;
    label.prepend(check);
    const factsLabel = C.line(box, "label", "Faits attendus (séparés par « ; »)");
    const facts = document.createElement("input");
    facts.type = "text";
    facts.id = "faits-" + n;
    facts.value = data.faits_suggeres.join(" ; ");
    factsLabel.htmlFor = facts.id;
    box.appendChild(facts);
    $("journal").appendChild(box);
    turns.push({ question, source: data.sources.length > 0, approve: check, facts });
    $("scenario-form").hidden = false;
  }

  async function send(text) {
    C.line($("journal"), "p", text, "utilisateur");
    $("etat").textContent = "L'assistant réfléchit…";
    const res = await C.call("POST", "/console/api/essayer", { conversation, message: text });
    if (!res.ok) {
      $("etat").textContent = res.data.erreur || "Erreur " + res.status;
      return;
    }
    res.data.reponses.forEach((r) => C.line($("journal"), "p", r, "assistant"));
    approval(res.data, text);
    show(res.data);
    $("etat").textContent = "Réponse reçue en " + res.data.duree_ms + " ms.";
  }

  $("question-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const box = $("question");
    const text = box.value.trim();
    if (!text) return;
    box.value = "";
    send(text).finally(() => box.focus());
  });

  $("scenario-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const tours = turns.map((t) => ({
      question: t.question,
      faits: t.approve.checked ? t.facts.value.split(";").map((f) => f.trim()).filter(Boolean) : [],
      source: t.approve.checked && t.source,
    }));
    const res = await C.call("POST", "/console/api/scenario", { nom: $("scenario-nom").value, tours });
    $("scenario-etat").textContent = res.ok ? res.data.message : res.data.erreur;
  });

  $("nouvelle").addEventListener("click", () => {
    conversation = newId();
    turns = [];
    $("journal").replaceChildren();
    $("details").hidden = true;
    $("vide").hidden = false;
    $("scenario-form").hidden = true;
    $("scenario-etat").textContent = "";
    $("etat").textContent = "Nouvelle conversation.";
    $("question").focus();
  });
})();
