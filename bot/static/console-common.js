// What the console's pages share: writing text (never markup), table rows, JSON calls.
"use strict";

window.Console = (function () {
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

  // A table row; a cell is a text, or a DOM node (a link, a button) built by the caller.
  function row(tbody, cells) {
    const tr = document.createElement("tr");
    cells.forEach((cell) => {
      if (cell instanceof Node) {
        const td = document.createElement("td");
        td.appendChild(cell);
        tr.appendChild(td);
      } else {
        line(tr, "td", cell);
      }
    });
    tbody.appendChild(tr);
    return tr;
  }

  // « namur.yml:61 » -> a link to the Contenu page opened on that file and line.
  function editLink(where) {
    if (!where) return document.createTextNode("—");
    const [file, number] = where.split(":");
    const a = document.createElement("a");
    a.href = "/console/contenu.html#" + new URLSearchParams({ fichier: file, ligne: number || "1" });
    a.textContent = "Modifier " + where;
    return a;
  }

  // GET or POST JSON; resolves to {ok, status, data}. A network failure says what to check.
  async function call(method, url, body) {
    const options = { method, headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    try {
      const res = await fetch(url, options);
      const data = await res.json();
      return { ok: res.ok, status: res.status, data };
    } catch (err) {
      return { ok: false, status: 0, data: { erreur: "L'assistant ne répond pas : vérifiez que « make run » tourne." } };
    }
  }

  return { line, fill, row, editLink, call };
})();
