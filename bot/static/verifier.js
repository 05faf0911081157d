// The Vérifier page: play a folder of scenarios and show each turn, passed or failed, with the difference.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const C = window.Console;

  async function load() {
    const res = await C.call("GET", "/console/api/scenarios");
    if (!res.ok) { $("etat").textContent = res.data.erreur; return; }
    const select = $("dossier");
    select.replaceChildren();
    res.data.dossiers.forEach((d) => {
      const label = d.titre + " — " + (d.erreur ? "illisible" : d.conversations + " conversation(s)");
      C.line(select, "option", label).value = d.id;
    });
  }

  function show(data) {
    const t = data.totaux;
    $("resultats").hidden = false;
    $("bilan").textContent = t.tours_reussis + " question(s) réussie(s) sur " + t.tours + " ; "
      + t.conversations_reussies + " scénario(s) réussi(s) sur " + t.conversations + ".";
    const body = $("tours");
    body.replaceChildren();
    data.conversations.forEach((c) => c.tours.forEach((turn) => {
      const detail = document.createElement("div");
      C.line(detail, "p", turn.reponse || "(pas de réponse)", "reponse");
      turn.differences.forEach((d) => C.line(detail, "p", d, "echoue"));
      const verdict = document.createElement("span");
      verdict.textContent = turn.reussi ? "Réussi" : "Échoué";
      verdict.className = turn.reussi ? "reussi" : "echoue";
      C.row(body, [c.nom, turn.question, verdict, detail]);
    }));
    C.fill($("ignorees"), data.ignorees.map((s) => "Non joué : " + s.nom + " (" + s.raison + ")"), "");
    if (!data.ignorees.length) $("ignorees").replaceChildren();
    $("etat").textContent = "Vérification terminée : " + t.tours_reussis + " sur " + t.tours + " réussies.";
  }

  $("lancer").addEventListener("click", async () => {
    $("etat").textContent = "Vérification en cours…";
    $("lancer").disabled = true;
    const res = await C.call("POST", "/console/api/verifier", { dossier: $("dossier").value });
    $("lancer").disabled = false;
    if (!res.ok) { $("etat").textContent = res.data.erreur; return; }
    show(res.data);
  });

  load();
})();
