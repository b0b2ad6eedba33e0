#include "service/http/route_table.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"
#include "service/http/transcode.h"

namespace remit::service::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

absl::StatusOr<std::vector<const FieldDescriptor*>> ResolveVariable(
    absl::string_view name, const Descriptor* request) {
  std::vector<const FieldDescriptor*> path;
  const Descriptor* message = request;
  for (absl::string_view part : absl::StrSplit(name, '.')) {
    if (message == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("variable {", name, "}: '", part,
                       "' is below a field that is not a message"));
    }
    const FieldDescriptor* field = message->FindFieldByName(std::string(part));
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("variable {", name, "}: ", message->full_name(),
                       " has no field '", part, "'"));
    }
    if (field->is_repeated()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "variable {", name, "}: '", part, "' is a repeated field"));
    }
    path.push_back(field);
    message = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE
                  ? field->message_type()
                  : nullptr;
  }
  if (message != nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("variable {", name, "} is a message, not a value"));
  }
  return path;
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text,
                                                 const Descriptor* request) {
  auto error = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("path template '", text, "': ", why));
  };
  if (text.empty() || text[0] != '/') return error("must start with '/'");
  PathTemplate result;
  result.text_ = std::string(text);
  absl::string_view rest = text.substr(1);
  // The verb follows the last ':' outside braces.
  const size_t last_brace = rest.rfind('}');
  const size_t colon = rest.rfind(':');
  if (colon != absl::string_view::npos &&
      (last_brace == absl::string_view::npos || colon > last_brace)) {
    result.verb_ = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (result.verb_.empty()) return error("empty verb after ':'");
  }
  // "/" alone: the root, no segment.
  if (rest.empty() && result.verb_.empty()) return result;
  for (absl::string_view part : absl::StrSplit(rest, '/')) {
    Segment segment;
    if (part.empty()) return error("empty segment");
    if (part == "**" || absl::StrContains(part, "**")) {
      return error("'**' (several segments) is not supported");
    }
    if (part == "*") {
      segment.wildcard = true;
    } else if (part.front() == '{') {
      if (part.back() != '}') return error(absl::StrCat("bad segment ", part));
      absl::string_view inner = part.substr(1, part.size() - 2);
      const size_t equals = inner.find('=');
      if (equals != absl::string_view::npos) {
        if (inner.substr(equals + 1) != "*") {
          return error(absl::StrCat("variable pattern in ", part,
                                    " is not supported (only '*')"));
        }
        inner = inner.substr(0, equals);
      }
      if (request == nullptr) return error("variables need a request message");
      absl::StatusOr<std::vector<const FieldDescriptor*>> fields =
          ResolveVariable(inner, request);
      if (!fields.ok()) return error(fields.status().message());
      segment.field_path = *std::move(fields);
      segment.name = std::string(inner);
    } else if (absl::StrContains(part, "{") || absl::StrContains(part, "}")) {
      return error(absl::StrCat("bad segment ", part));
    } else {
      segment.literal = std::string(part);
    }
    result.segments_.push_back(std::move(segment));
  }
  return result;
}

bool PathTemplate::Match(absl::string_view path,
                         std::vector<PathBinding>* bindings) const {
  if (path.empty() || path[0] != '/') return false;
  path.remove_prefix(1);
  if (!verb_.empty()) {
    const std::string suffix = absl::StrCat(":", verb_);
    if (!absl::EndsWith(path, suffix)) return false;
    path.remove_suffix(suffix.size());
  }
  if (segments_.empty()) return path.empty();
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  if (parts.size() != segments_.size()) return false;
  std::vector<PathBinding> found;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = segments_[i];
    if (parts[i].empty()) return false;
    if (!segment.literal.empty()) {
      if (parts[i] != segment.literal) return false;
      continue;
    }
    // A verb belongs only to the last segment of a template that has one.
    if (verb_.empty() && i + 1 == parts.size() &&
        absl::StrContains(parts[i], ':') && segment.wildcard) {
      return false;
    }
    if (segment.wildcard) continue;
    absl::StatusOr<std::string> value = PercentDecode(parts[i], false);
    if (!value.ok() || value->empty()) return false;
    found.push_back({segment.field_path, segment.name, *std::move(value)});
  }
  for (PathBinding& b : found) bindings->push_back(std::move(b));
  return true;
}

absl::Status RouteTable::AddService(
    const google::protobuf::ServiceDescriptor* service) {
  for (int i = 0; i < service->method_count(); ++i) {
    const google::protobuf::MethodDescriptor* method = service->method(i);
    if (!method->options().HasExtension(google::api::http)) continue;
    const google::api::HttpRule& top =
        method->options().GetExtension(google::api::http);
    std::vector<const google::api::HttpRule*> rules = {&top};
    for (const google::api::HttpRule& extra : top.additional_bindings()) {
      rules.push_back(&extra);
    }
    for (const google::api::HttpRule* rule : rules) {
      auto error = [&](absl::string_view why) {
        return absl::InvalidArgumentError(
            absl::StrCat(method->full_name(), ": google.api.http: ", why));
      };
      std::string verb;
      std::string path;
      switch (rule->pattern_case()) {
        case google::api::HttpRule::kGet:
          verb = "GET", path = rule->get();
          break;
        case google::api::HttpRule::kPost:
          verb = "POST", path = rule->post();
          break;
        case google::api::HttpRule::kPut:
          verb = "PUT", path = rule->put();
          break;
        case google::api::HttpRule::kPatch:
          verb = "PATCH", path = rule->patch();
          break;
        case google::api::HttpRule::kDelete:
          verb = "DELETE", path = rule->delete_();
          break;
        default:
          return error("no supported pattern (custom patterns are not)");
      }
      if (rule->body() != "" && rule->body() != "*") {
        return error(absl::StrCat("body '", rule->body(),
                                  "' is not supported (only \"\" or \"*\")"));
      }
      if (!rule->response_body().empty()) {
        return error("response_body is not supported");
      }
      if (verb == "GET" && !rule->body().empty()) {
        return error("a GET route cannot take a body");
      }
      absl::StatusOr<PathTemplate> parsed =
          PathTemplate::Parse(path, method->input_type());
      if (!parsed.ok()) return error(parsed.status().message());
      Route route;
      route.verb = verb;
      route.path = *std::move(parsed);
      route.method = method;
      route.body = rule->body();
      routes_.push_back(std::move(route));
    }
  }
  return absl::OkStatus();
}

absl::Status RouteTable::AddStatic(absl::string_view verb,
                                   absl::string_view path,
                                   StaticHandler handler) {
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(path, nullptr);
  if (!parsed.ok()) return parsed.status();
  Route route;
  route.verb = std::string(verb);
  route.path = *std::move(parsed);
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
  return absl::OkStatus();
}

RouteTable::Match RouteTable::Find(absl::string_view verb,
                                   absl::string_view path) const {
  Match match;
  for (const Route& route : routes_) {
    std::vector<PathBinding> bindings;
    if (!route.path.Match(path, &bindings)) continue;
    if (route.verb == verb) {
      match.route = &route;
      match.bindings = std::move(bindings);
      match.allowed_verbs.clear();
      return match;
    }
    if (std::find(match.allowed_verbs.begin(), match.allowed_verbs.end(),
                  route.verb) == match.allowed_verbs.end()) {
      match.allowed_verbs.push_back(route.verb);
    }
  }
  return match;
}

}  // namespace remit::service::http
