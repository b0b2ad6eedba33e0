// messages_json: prints one language's catalog (messages.h) as a JSON
// object, field name to sentence or list of sentences, for the web widget
// (web/remit-compare.js). The build embeds its output in the server, so the
// widget and the sheet speak from the same catalog.
//
//   messages_json fr > fr.json
//
// Exit status 2, with a message, for an unknown language code.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/i18n/messages.h"

namespace remit::cli {
namespace {

// A JSON string literal of UTF-8 `text`.
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (const unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string List(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(Quote(item));
  return absl::StrCat("[", absl::StrJoin(quoted, ","), "]");
}

std::string Json(const Messages& m) {
  const std::vector<std::pair<const char*, std::string>> fields = {
      {"code", Quote(m.code)},
      {"title", Quote(m.title)},
      {"intro", Quote(m.intro)},
      {"offers_heading", Quote(m.offers_heading)},
      {"column_provider", Quote(m.column_provider)},
      {"column_how", Quote(m.column_how)},
      {"column_fee", Quote(m.column_fee)},
      {"column_margin", Quote(m.column_margin)},
      {"column_total", Quote(m.column_total)},
      {"column_receives", Quote(m.column_receives)},
      {"column_speed", Quote(m.column_speed)},
      {"column_other", Quote(m.column_other)},
      {"no_offers", Quote(m.no_offers)},
      {"corridor_line", Quote(m.corridor_line)},
      {"smart_line", Quote(m.smart_line)},
      {"smart_none", Quote(m.smart_none)},
      {"hidden_text", Quote(m.hidden_text)},
      {"source_line", Quote(m.source_line)},
      {"not_stated", Quote(m.not_stated)},
      {"other_note", Quote(m.other_note)},
      {"total_note", Quote(m.total_note)},
      {"total_note_other", Quote(m.total_note_other)},
      {"promotional_note", Quote(m.promotional_note)},
      {"estimated_note", Quote(m.estimated_note)},
      {"better_than_market", Quote(m.better_than_market)},
      {"prices_dated", Quote(m.prices_dated)},
      {"prices_dated_on", Quote(m.prices_dated_on)},
      {"illustrative_note", Quote(m.illustrative_note)},
      {"cheapest_by_amount", Quote(m.cheapest_by_amount)},
      {"cheapest_throughout", Quote(m.cheapest_throughout)},
      {"cheapest_up_to", Quote(m.cheapest_up_to)},
      {"cheapest_between", Quote(m.cheapest_between)},
      {"cheapest_from", Quote(m.cheapest_from)},
      {"cheapest_separator", Quote(m.cheapest_separator)},
      {"cheapest_more", Quote(m.cheapest_more)},
      {"payment_instruments", List(m.payment_instruments)},
      {"receive_methods", List(m.receive_methods)},
      {"speeds", List(m.speeds)},
      {"provider_types", List(m.provider_types)},
      {"widget_amount", Quote(m.widget_amount)},
      {"widget_send", Quote(m.widget_send)},
      {"widget_receive", Quote(m.widget_receive)},
      {"widget_compare", Quote(m.widget_compare)},
      {"widget_sort", Quote(m.widget_sort)},
      {"widget_orders", List(m.widget_orders)},
      {"widget_receive_filter", Quote(m.widget_receive_filter)},
      {"widget_type_filter", Quote(m.widget_type_filter)},
      {"widget_all", Quote(m.widget_all)},
      {"widget_rate", Quote(m.widget_rate)},
      {"widget_margin", Quote(m.widget_margin)},
      {"widget_show_more", Quote(m.widget_show_more)},
      {"widget_status", Quote(m.widget_status)},
      {"widget_trend", Quote(m.widget_trend)},
      {"widget_stale", Quote(m.widget_stale)},
      {"widget_loading", Quote(m.widget_loading)},
      {"widget_error", Quote(m.widget_error)},
      {"widget_licence", Quote(m.widget_licence)},
      {"widget_data_note", Quote(m.widget_data_note)},
  };
  std::vector<std::string> members;
  for (const auto& [name, value] : fields) {
    members.push_back(absl::StrCat("\"", name, "\":", value));
  }
  return absl::StrCat("{", absl::StrJoin(members, ",\n"), "}\n");
}

}  // namespace
}  // namespace remit::cli

int main(int argc, char** argv) {
  const remit::cli::Messages* messages =
      argc == 2 ? remit::cli::FindMessages(argv[1]) : nullptr;
  if (messages == nullptr) {
    std::fprintf(stderr, "usage: messages_json LANG (one of: %s)\n",
                 absl::StrJoin(remit::cli::LanguageCodes(), ", ").c_str());
    return 2;
  }
  std::fputs(remit::cli::Json(*messages).c_str(), stdout);
  return 0;
}
