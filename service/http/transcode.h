// Transcoding between HTTP and the API's messages: a request message from
// path variables, query parameters or a JSON body; a response message to
// JSON. JSON is protobuf's own (google::protobuf::util): lowerCamelCase
// names as the command-line tool prints them, enums as names, and zero
// values printed (for answers, JsonPrinter prints the same bytes faster).
//
// Query parameters name request fields by their path, each part in
// snake_case or lowerCamelCase ("send_amount.currency_code" or
// "sendAmount.currencyCode"); a repeated field takes repeated parameters;
// an enum takes its value's name; google.protobuf.Duration and Timestamp
// take their JSON forms ("3600s", "2024-05-01T00:00:00Z"). Errors are
// INVALID_ARGUMENT naming the parameter and the value.
//
// Thread-safety: pure functions.
//
// Example:
//   v1::RankOffersRequest request;
//   absl::Status s = BindQuery("sendAmount.units=200&orderBy=speed", {},
//                              &request);
#ifndef REMIT_SERVICE_HTTP_TRANSCODE_H_
#define REMIT_SERVICE_HTTP_TRANSCODE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "service/http/route_table.h"

namespace remit::service::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in
// query strings). INVALID_ARGUMENT for a bad escape.
absl::StatusOr<std::string> PercentDecode(absl::string_view text,
                                          bool plus_is_space);

// "a=1&b=2&a=3" -> {{"a","1"},{"b","2"},{"a","3"}}, decoded. A parameter
// without '=' has an empty value.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseQuery(
    absl::string_view query);

// Sets the fields the path variables bind.
absl::Status BindPath(const std::vector<PathBinding>& bindings,
                      google::protobuf::Message* request);

// Sets the fields the query names. A field the path already binds
// (`bound`), an unknown name, a message-valued name, a second value for a
// singular field and a second member of a oneof are INVALID_ARGUMENT.
absl::Status BindQuery(absl::string_view query,
                       const std::vector<PathBinding>& bound,
                       google::protobuf::Message* request);

// Parses a JSON request body into `request` (unknown fields refused).
// INVALID_ARGUMENT "request body: ..." when it does not parse.
absl::Status ParseJsonBody(absl::string_view body,
                           google::protobuf::Message* request);

// The message as compact JSON, zero values included: protobuf's JSON,
// printed by JsonPrinter (json_printer.h).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_TRANSCODE_H_
