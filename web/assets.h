// The web widget's files, built into the server: the <remit-compare>
// script, the demo and iframe pages, and the sentence catalogs as JSON
// (one per language, from cli/i18n). service/http/widget.h serves them.
//
// Thread-safety: constant data.
//
// Example:
//   const remit::web::Asset* js = remit::web::FindAsset("remit-compare.js");
//   if (js != nullptr) Send(js->content);
#ifndef REMIT_WEB_ASSETS_H_
#define REMIT_WEB_ASSETS_H_

#include <cstddef>
#include <string_view>

namespace remit::web {

struct Asset {
  // "remit-compare.js", "demo.html", "embed.html", "messages/fr.json".
  const char* name;
  std::string_view content;
};

extern const Asset kAssets[];
extern const size_t kAssetCount;

// The asset called `name`, or null.
inline const Asset* FindAsset(std::string_view name) {
  for (size_t i = 0; i < kAssetCount; ++i) {
    if (name == kAssets[i].name) return &kAssets[i];
  }
  return nullptr;
}

}  // namespace remit::web

#endif  // REMIT_WEB_ASSETS_H_
