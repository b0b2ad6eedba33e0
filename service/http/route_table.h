// RouteTable: the HTTP routes of the API, read from the google.api.http
// options of a service's methods (AIP-127), plus static routes (health,
// files) added by hand.
//
// A path template is "/" segments [":" verb]; a segment is a literal, "*"
// (any one segment) or a variable "{field.path}" / "{field.path=*}" that
// binds one segment, percent-decoded, to a singular scalar field of the
// request. Multi-segment variables ("**") are refused when the table is
// built, as is any body other than "" and "*", so a template the server
// cannot serve fails at start-up, naming the method and the template.
//
// Thread-safety: build on one thread, then Find() is thread-safe.
//
// Example:
//   RouteTable table;
//   absl::Status s = table.AddService(v1::RemitRank::descriptor());
//   RouteTable::Match m = table.Find("GET", "/v1/corridors/US/MX/offers");
//   // m.route->method->name() == "RankOffers"; m.bindings[0].value == "US"
#ifndef REMIT_SERVICE_HTTP_ROUTE_TABLE_H_
#define REMIT_SERVICE_HTTP_ROUTE_TABLE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "service/http/http_message.h"

namespace remit::service::http {

// A path variable's value for a request field.
struct PathBinding {
  // The field, from the request message down: {corridor, send_country}.
  std::vector<const google::protobuf::FieldDescriptor*> field_path;
  // "corridor.send_country", as in the template.
  std::string name;
  std::string value;
};

class PathTemplate {
 public:
  // `request` is the message variables bind into; null for static routes,
  // which may not have variables.
  static absl::StatusOr<PathTemplate> Parse(
      absl::string_view text, const google::protobuf::Descriptor* request);

  // True when `path` (without query) matches; the variables' values are
  // appended to `bindings`.
  bool Match(absl::string_view path, std::vector<PathBinding>* bindings) const;

  const std::string& text() const { return text_; }

 private:
  struct Segment {
    // Empty for a variable or "*".
    std::string literal;
    bool wildcard = false;
    // A variable: the field it binds.
    std::vector<const google::protobuf::FieldDescriptor*> field_path;
    std::string name;
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::string verb_;
};

// What a static route answers.
using StaticHandler = std::function<HttpResponse(const HttpRequest&)>;

struct Route {
  // "GET", "POST", "PUT", "PATCH", "DELETE".
  std::string verb;
  PathTemplate path;
  // RPC routes: the method and its body rule ("" or "*").
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string body;
  // Static routes.
  StaticHandler handler;
};

class RouteTable {
 public:
  // A route for each google.api.http rule of each method of `service` (its
  // additional_bindings too); methods without the option get none.
  // INVALID_ARGUMENT naming the method and template for a rule the server
  // cannot serve.
  absl::Status AddService(const google::protobuf::ServiceDescriptor* service);

  // A route answered by `handler`; `path` is a template without variables.
  absl::Status AddStatic(absl::string_view verb, absl::string_view path,
                         StaticHandler handler);

  struct Match {
    // Null when nothing matched verb and path.
    const Route* route = nullptr;
    std::vector<PathBinding> bindings;
    // With no route: the verbs the path has (empty: no such path).
    std::vector<std::string> allowed_verbs;
  };
  Match Find(absl::string_view verb, absl::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_ROUTE_TABLE_H_
