/*
 * Tiski contact form, to embed in a shop's page:
 *   <div id="tiski-contact"></div>
 *   <script src="https://support.example.com/embed/tiski-forms.js" data-target="tiski-contact" data-lang="fi"></script>
 * Works on phones, needs no other script, and posts to the same server it was loaded from.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src).origin;
  var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "en").slice(0, 2);
  var texts = {
    fi: { name: "Nimi", email: "Sähköposti", subject: "Aihe", message: "Viesti", order: "Tilausnumero (jos on)",
          files: "Liitteet (kuvat tai PDF)", send: "Lähetä", sending: "Lähetetään…",
          thanks: "Kiitos! Viestisi on vastaanotettu. Saat vahvistuksen sähköpostiisi.", error: "Lähetys ei onnistunut:" },
    sv: { name: "Namn", email: "E-post", subject: "Ämne", message: "Meddelande", order: "Ordernummer (om du har)",
          files: "Bilagor (bilder eller PDF)", send: "Skicka", sending: "Skickar…",
          thanks: "Tack! Vi har tagit emot ditt meddelande. Du får en bekräftelse per e-post.", error: "Det gick inte att skicka:" },
    en: { name: "Name", email: "Email", subject: "Subject", message: "Message", order: "Order number (if any)",
          files: "Attachments (photos or PDF)", send: "Send", sending: "Sending…",
          thanks: "Thank you! We have received your message. A confirmation is on its way to your email.", error: "Sending failed:" }
  };
  var t = texts[lang] || texts.en;
  var target = document.getElementById(script.getAttribute("data-target") || "tiski-contact");
  if (!target) { return; }

  var style = "display:block;width:100%;box-sizing:border-box;margin:4px 0 12px;padding:10px;font:inherit;" +
    "border:1px solid #9aa5b1;border-radius:6px";
  function field(name, label, type, required) {
    var id = "tiski-" + name;
    var wrap = document.createElement("div");
    var l = document.createElement("label");
    l.htmlFor = id;
    l.textContent = label + (required ? " *" : "");
    var input = document.createElement(type === "textarea" ? "textarea" : "input");
    if (type !== "textarea") { input.type = type; } else { input.rows = 6; }
    input.id = id; input.name = name; input.required = !!required; input.setAttribute("style", style);
    if (type === "file") { input.multiple = true; input.accept = "image/*,application/pdf"; }
    wrap.appendChild(l); wrap.appendChild(input);
    return wrap;
  }
  var form = document.createElement("form");
  form.setAttribute("style", "max-width:560px;font-family:inherit");
  form.noValidate = false;
  form.appendChild(field("name", t.name, "text", false));
  form.appendChild(field("email", t.email, "email", true));
  form.appendChild(field("subject", t.subject, "text", false));
  form.appendChild(field("message", t.message, "textarea", true));
  form.appendChild(field("orderNumber", t.order, "text", false));
  form.appendChild(field("attachments", t.files, "file", false));
  // invisible to people, tempting to robots
  var trap = document.createElement("input");
  trap.name = "website"; trap.tabIndex = -1; trap.autocomplete = "off";
  trap.setAttribute("aria-hidden", "true");
  trap.setAttribute("style", "position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden");
  form.appendChild(trap);
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  var button = document.createElement("button");
  button.type = "submit"; button.textContent = t.send;
  button.setAttribute("style", "padding:12px 20px;font:inherit;border:0;border-radius:6px;background:#1f6feb;color:#fff");
  form.appendChild(button); form.appendChild(status);
  target.appendChild(form);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    data.append("language", lang);
    button.disabled = true; status.textContent = t.sending;
    fetch(base + "/api/v1/contact-form", { method: "POST", body: data })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (result.ok) { form.reset(); status.textContent = t.thanks; return; }
        var details = (result.body.violations || []).map(function (v) { return v.field + " " + v.message; });
        status.textContent = t.error + " " + (details.length ? details.join("; ") : result.body.detail);
      })
      .catch(function () { status.textContent = t.error + " network"; })
      .then(function () { button.disabled = false; });
  });
})();
