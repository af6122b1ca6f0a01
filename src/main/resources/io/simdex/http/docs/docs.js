// Starts Swagger UI on this service's own description. A file of its own, not an inline script, so the page
// runs under a Content-Security-Policy that allows scripts from this service only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // no badge that asks a public validator about the document: the page makes no request to another site
    validatorUrl: null
  });
});
