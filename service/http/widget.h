// The <remit-compare> web widget's routes on an HttpApi: the script, the
// sentence catalogs, the iframe page and the demo page, all built into the
// server (web/assets.h):
//   GET /widget/remit-compare.js    the custom element
//   GET /widget/messages/LANG.json  a catalog (en, fr, es)
//   GET /widget/countries.json      alpha-3 code -> alpha-2 code
//   GET /embed?from=GB&to=NG&amount=120%20GBP&lang=fr   the iframe page
//   GET /                           the demo: one widget per corridor
// Each answer has its content type, "Cache-Control: public, max-age=300",
// a strong ETag of its bytes (If-None-Match -> 304) and
// "X-Content-Type-Options: nosniff"; CORS and gzip come from HttpApi.
//
// Thread-safety: call before the API serves (as HttpApi::AddStatic).
//
// Example:
//   absl::Status s = AddWidgetRoutes(api.get());
#ifndef REMIT_SERVICE_HTTP_WIDGET_H_
#define REMIT_SERVICE_HTTP_WIDGET_H_

#include "absl/status/status.h"
#include "service/http/api.h"

namespace remit::service::http {

absl::Status AddWidgetRoutes(HttpApi* api);

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_WIDGET_H_
