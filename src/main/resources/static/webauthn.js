// WebAuthn for the flow pages: registers a passkey (ak-stage-authenticator-webauthn), signs in with one
// (ak-stage-identification, with conditional UI) and answers the validate stage (ak-stage-authenticator-validate).
// The options come from the form's data attribute (JSON, binary values base64url); the PublicKeyCredential goes
// back as JSON in the form's hidden field named by data-webauthn-field, posted as a normal form.
(function () {
  "use strict";

  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out.buffer;
  }

  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = "";
    for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      var out = { type: d.type, id: toBytes(d.id) };
      if (d.transports) { out.transports = d.transports; }
      return out;
    });
  }

  function creationOptions(o) {
    var copy = Object.assign({}, o);
    copy.challenge = toBytes(o.challenge);
    copy.user = Object.assign({}, o.user, { id: toBytes(o.user.id) });
    copy.excludeCredentials = descriptors(o.excludeCredentials);
    return copy;
  }

  function requestOptions(o) {
    var copy = Object.assign({}, o);
    copy.challenge = toBytes(o.challenge);
    copy.allowCredentials = descriptors(o.allowCredentials);
    return copy;
  }

  // The standard JSON shape of a PublicKeyCredential (what toJSON() gives), built by hand for older browsers.
  function credentialJson(c) {
    var r = c.response;
    var response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      if (typeof r.getTransports === "function") { response.transports = r.getTransports(); }
    } else {
      response.authenticatorData = toB64url(r.authenticatorData);
      response.signature = toB64url(r.signature);
      if (r.userHandle) { response.userHandle = toB64url(r.userHandle); }
    }
    var out = { id: c.id, rawId: toB64url(c.rawId), type: c.type, response: response,
      clientExtensionResults: c.getClientExtensionResults ? c.getClientExtensionResults() : {} };
    if (c.authenticatorAttachment) { out.authenticatorAttachment = c.authenticatorAttachment; }
    return JSON.stringify(out);
  }

  function status(form, message) {
    var el = form.querySelector("[data-webauthn-status]");
    if (el) { el.textContent = message; el.hidden = !message; }
  }

  function failed(form, error) {
    if (error && error.name === "AbortError") { return; }
    status(form, error && error.name === "NotAllowedError"
      ? "The request was cancelled or timed out. Try again."
      : "Your authenticator could not complete the request" + (error && error.message ? ": " + error.message : "."));
  }

  function start(form) {
    var button = form.querySelector("[data-webauthn-start]");
    if (!window.PublicKeyCredential || !navigator.credentials) {
      status(form, "This browser does not support passkeys (WebAuthn).");
      return null;
    }
    if (button) { button.hidden = false; }
    return button;
  }

  document.querySelectorAll("form[data-webauthn-create]").forEach(function (form) {
    var options = JSON.parse(form.getAttribute("data-webauthn-create"));
    var button = start(form);
    if (!button) { return; }
    button.addEventListener("click", function () {
      status(form, "");
      navigator.credentials.create({ publicKey: creationOptions(options) }).then(function (credential) {
        form.elements.response.value = credentialJson(credential);
        form.submit();
      }, function (error) { failed(form, error); });
    });
  });

  document.querySelectorAll("form[data-webauthn-get]").forEach(function (form) {
    var options = JSON.parse(form.getAttribute("data-webauthn-get"));
    var button = start(form);
    if (!button) { return; }
    var field = form.getAttribute("data-webauthn-field") || "passkey";
    var pending = null;
    function signIn(credential) {
      form.elements[field].value = credentialJson(credential);
      form.submit();
    }
    // Conditional UI: the browser offers passkeys in the username field's autofill.
    if (form.hasAttribute("data-webauthn-conditional") && PublicKeyCredential.isConditionalMediationAvailable) {
      PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
        if (!available) { return; }
        pending = new AbortController();
        navigator.credentials.get({ publicKey: requestOptions(options), mediation: "conditional", signal: pending.signal })
          .then(function (credential) { if (credential) { signIn(credential); } }, function (error) { failed(form, error); });
      }, function () {});
    }
    button.addEventListener("click", function () {
      status(form, "");
      if (pending) { pending.abort(); pending = null; }
      navigator.credentials.get({ publicKey: requestOptions(options) }).then(signIn, function (error) { failed(form, error); });
    });
  });
})();
