// The Contenu page: open a content file at a line, save it (checked first), rebuild, retrain.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const C = window.Console;
  const text = $("texte");
  let polling = null;

  function say(message) { $("etat").textContent = message; }

  // Select line `number` of the text box and scroll it into view.
  function goToLine(number) {
    const lines = text.value.split("\n");
    const n = Math.min(Math.max(1, number), lines.length);
    const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
    text.focus();
    text.setSelectionRange(start, start + lines[n - 1].length);
    const lineHeight = text.scrollHeight / Math.max(1, lines.length);
    text.scrollTop = Math.max(0, (n - 3) * lineHeight);
    $("position").textContent = "Ligne " + n + " sélectionnée : « " + lines[n - 1].trim() + " ».";
  }

  function showErrors(errors) {
    const list = $("erreurs");
    list.replaceChildren();
    $("erreurs-bloc").hidden = !errors.length;
    errors.forEach((e) => {
      const li = C.line(list, "li", e.texte + " ");
      if (e.fichier === $("fichier").value && e.ligne > 0) {
        const go = C.line(li, "button", "Aller à la ligne " + e.ligne, "lien");
        go.type = "button";
        go.addEventListener("click", () => goToLine(e.ligne));
      }
    });
  }

  async function open(name, line) {
    const res = await C.call("GET", "/console/api/contenu/fichier?" + new URLSearchParams({ nom: name }));
    if (!res.ok) { say(res.data.erreur); return; }
    $("fichier").value = name;
    text.value = res.data.texte;
    showErrors([]);
    if (line) goToLine(line); else $("position").textContent = "";
  }

  async function load() {
    const res = await C.call("GET", "/console/api/contenu");
    if (!res.ok) { say(res.data.erreur); return; }
    const select = $("fichier");
    select.replaceChildren();
    res.data.fichiers.forEach((name) => { C.line(select, "option", name).value = name; });
    if (res.data.reentrainement) say("Des noms ont changé depuis le dernier entraînement : réentraînez le modèle.");
    const wanted = new URLSearchParams(location.hash.slice(1));
    const name = res.data.fichiers.includes(wanted.get("fichier")) ? wanted.get("fichier") : res.data.fichiers[0];
    if (name) await open(name, parseInt(wanted.get("ligne") || "0", 10));
  }

  $("fichier").addEventListener("change", () => open($("fichier").value, 0));

  $("enregistrer").addEventListener("click", async () => {
    say("Vérification du contenu…");
    const res = await C.call("POST", "/console/api/contenu/fichier", { nom: $("fichier").value, texte: text.value });
    showErrors(res.data.erreurs || []);
    say(res.ok ? res.data.message : res.data.erreur);
  });

  $("reconstruire").addEventListener("click", async () => {
    say("Reconstruction de la base…");
    const res = await C.call("POST", "/console/api/contenu/reconstruire", {});
    showErrors(res.data.erreurs || []);
    say(res.ok ? res.data.message : res.data.erreur);
  });

  function showTraining(s) {
    $("entrainement").hidden = false;
    $("progression").value = s.progression;
    const minutes = (sec) => Math.floor(sec / 60) + " min " + String(sec % 60).padStart(2, "0") + " s";
    $("entrainement-etat").textContent = s.etat === "en cours"
      ? "En cours depuis " + minutes(s.ecoule_s) + " (durée habituelle : " + minutes(s.estimation_s) + ")."
      : s.message;
    if (s.etat !== "en cours" && polling) { clearInterval(polling); polling = null; }
  }

  async function poll() {
    const res = await C.call("GET", "/console/api/reentrainer");
    if (res.ok) showTraining(res.data);
  }

  $("reentrainer").addEventListener("click", async () => {
    const res = await C.call("POST", "/console/api/reentrainer", {});
    showTraining(res.data);
    if (res.data.etat === "en cours" && !polling) polling = setInterval(poll, 2000);
  });

  window.addEventListener("hashchange", load);
  load();
})();
