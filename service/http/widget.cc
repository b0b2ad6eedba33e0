#include "service/http/widget.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/money/country.h"
#include "web/assets.h"

namespace remit::service::http {
namespace {

// FNV-1a, 64 bits: stable across runs, so an ETag survives a restart.
std::string ETagOf(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrFormat("\"%016x\"", hash);
}

// True when If-None-Match lists `etag` (or is "*").
bool Matches(absl::string_view if_none_match, absl::string_view etag) {
  for (absl::string_view tag : absl::StrSplit(if_none_match, ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

// {"GBR":"GB",...}: the API answers with alpha-3 codes, and the
// browser's Intl.DisplayNames names alpha-2 ones.
std::string CountriesJson() {
  std::string json = "{";
  for (const CountryCode& c : CountryCode::All()) {
    absl::StrAppend(&json, json.size() > 1 ? "," : "", "\"", c.alpha3(),
                    "\":\"", c.alpha2(), "\"");
  }
  return json + "}";
}

absl::Status ServeBytes(HttpApi* api, absl::string_view path,
                        std::string_view content, const char* content_type) {
  const std::string etag = ETagOf(content);
  return api->AddStatic("GET", path,
                        [content, etag, type = std::string(content_type)](
                            const HttpRequest& request) {
                          HttpResponse r;
                          r.SetHeader("Cache-Control", "public, max-age=300");
                          r.SetHeader("ETag", etag);
                          r.SetHeader("X-Content-Type-Options", "nosniff");
                          if (Matches(request.Header("if-none-match"), etag)) {
                            r.status = 304;
                            return r;
                          }
                          r.SetHeader("Content-Type", type);
                          r.body = std::string(content);
                          return r;
                        });
}

absl::Status Serve(HttpApi* api, absl::string_view path, const char* asset_name,
                   const char* content_type) {
  const web::Asset* asset = web::FindAsset(asset_name);
  if (asset == nullptr) {
    return absl::InternalError(
        absl::StrCat("the web asset ", asset_name, " is not built in"));
  }
  return ServeBytes(api, path, asset->content, content_type);
}

}  // namespace

absl::Status AddWidgetRoutes(HttpApi* api) {
  constexpr char kJs[] = "application/javascript; charset=utf-8";
  constexpr char kJson[] = "application/json; charset=utf-8";
  constexpr char kHtml[] = "text/html; charset=utf-8";
  absl::Status status;
  status.Update(
      Serve(api, "/widget/remit-compare.js", "remit-compare.js", kJs));
  for (const char* lang : {"en", "fr", "es"}) {
    const std::string name = absl::StrCat("messages/", lang, ".json");
    const web::Asset* asset = web::FindAsset(name);
    status.Update(Serve(api, absl::StrCat("/widget/", name),
                        asset != nullptr ? asset->name : "messages/?", kJson));
  }
  static const std::string* const countries = new std::string(CountriesJson());
  status.Update(ServeBytes(api, "/widget/countries.json", *countries, kJson));
  status.Update(Serve(api, "/embed", "embed.html", kHtml));
  status.Update(Serve(api, "/", "demo.html", kHtml));
  return status;
}

}  // namespace remit::service::http
