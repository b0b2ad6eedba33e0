#include "service/http/transcode.h"

#include <cstdint>
#include <limits>

#include "absl/algorithm/container.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "engine/money/echo.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "google/protobuf/util/json_util.h"
#include "service/http/json_printer.h"

namespace remit::service::http {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A field of `message` by its proto name or its JSON (lowerCamelCase) name.
const FieldDescriptor* FindField(const Descriptor* message,
                                 absl::string_view name) {
  const FieldDescriptor* field = message->FindFieldByName(std::string(name));
  if (field != nullptr) return field;
  for (int i = 0; i < message->field_count(); ++i) {
    if (message->field(i)->json_name() == name) return message->field(i);
  }
  return nullptr;
}

absl::Status Bad(absl::string_view name, absl::string_view value,
                 absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(
      "query parameter ", EchoText(name), ": ", Echo(value), " ", why));
}

// Sets (or, for a repeated field, adds) one scalar or well-known-type value.
absl::Status SetValue(absl::string_view name, absl::string_view value,
                      const FieldDescriptor* field, Message* message) {
  const Reflection* r = message->GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string text(value);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        std::string decoded;
        if (!absl::WebSafeBase64Unescape(value, &decoded) &&
            !absl::Base64Unescape(value, &decoded)) {
          return Bad(name, value, "is not base64");
        }
        text = std::move(decoded);
      }
      repeated ? r->AddString(message, field, std::move(text))
               : r->SetString(message, field, std::move(text));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool b;
      if (value == "true") {
        b = true;
      } else if (value == "false") {
        b = false;
      } else {
        return Bad(name, value, "is not true or false");
      }
      repeated ? r->AddBool(message, field, b) : r->SetBool(message, field, b);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(value, &v)) {
        return Bad(name, value, "is not a 32-bit integer");
      }
      repeated ? r->AddInt32(message, field, v)
               : r->SetInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(value, &v)) {
        return Bad(name, value, "is not a 64-bit integer");
      }
      repeated ? r->AddInt64(message, field, v)
               : r->SetInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(value, &v)) {
        return Bad(name, value, "is not an unsigned 32-bit integer");
      }
      repeated ? r->AddUInt32(message, field, v)
               : r->SetUInt32(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(value, &v)) {
        return Bad(name, value, "is not an unsigned 64-bit integer");
      }
      repeated ? r->AddUInt64(message, field, v)
               : r->SetUInt64(message, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(value, &v)) {
        return Bad(name, value, "is not a number");
      }
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        repeated ? r->AddFloat(message, field, static_cast<float>(v))
                 : r->SetFloat(message, field, static_cast<float>(v));
      } else {
        repeated ? r->AddDouble(message, field, v)
                 : r->SetDouble(message, field, v);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* e =
          field->enum_type()->FindValueByName(std::string(value));
      if (e == nullptr) {
        std::vector<std::string> names;
        for (int i = 0; i < field->enum_type()->value_count(); ++i) {
          names.push_back(field->enum_type()->value(i)->name());
        }
        return Bad(name, value,
                   absl::StrCat("is not a ", field->enum_type()->name(),
                                " (one of ", absl::StrJoin(names, ", "), ")"));
      }
      repeated ? r->AddEnum(message, field, e) : r->SetEnum(message, field, e);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const std::string& type = field->message_type()->full_name();
      if (type != "google.protobuf.Duration" &&
          type != "google.protobuf.Timestamp") {
        return Bad(name, value,
                   absl::StrCat("names a message (", type,
                                "); give its fields, e.g. ", name, ".",
                                field->message_type()->field(0)->json_name()));
      }
      Message* target = repeated ? r->AddMessage(message, field)
                                 : r->MutableMessage(message, field);
      const std::string json = absl::StrCat("\"", absl::CEscape(value), "\"");
      if (!google::protobuf::util::JsonStringToMessage(json, target).ok()) {
        return Bad(name, value,
                   type == "google.protobuf.Duration"
                       ? "is not a duration in seconds such as \"3600s\""
                       : "is not an RFC 3339 time such as "
                         "\"2024-05-01T00:00:00Z\"");
      }
      return absl::OkStatus();
    }
  }
  return Bad(name, value, "has an unsupported type");
}

// Resolves `name` to its fields, creating the messages on the way; the
// leaf's parent is returned in `*leaf_parent`.
absl::StatusOr<std::vector<const FieldDescriptor*>> Resolve(
    absl::string_view name, absl::string_view value, Message* request,
    Message** leaf_parent) {
  std::vector<const FieldDescriptor*> fields;
  fields.reserve(4);
  Message* message = request;
  absl::string_view rest = name;
  while (true) {
    const size_t dot = rest.find('.');
    const absl::string_view part = rest.substr(0, dot);
    const bool last = dot == absl::string_view::npos;
    rest = last ? absl::string_view() : rest.substr(dot + 1);
    const FieldDescriptor* field = FindField(message->GetDescriptor(), part);
    if (field == nullptr) {
      return Bad(name, value,
                 absl::StrCat(
                     "is not expected: ", message->GetDescriptor()->full_name(),
                     " has no field ", Echo(part)));
    }
    fields.push_back(field);
    const Reflection* r = message->GetReflection();
    // A member of a oneof whose other member is set already.
    if (const google::protobuf::OneofDescriptor* oneof =
            field->containing_oneof()) {
      const FieldDescriptor* set = r->GetOneofFieldDescriptor(*message, oneof);
      if (set != nullptr && set != field) {
        return Bad(
            name, value,
            absl::StrCat("cannot be given with ", set->json_name(),
                         ": they are alternatives (", oneof->name(), ")"));
      }
    }
    if (last) break;
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        field->is_repeated()) {
      return Bad(
          name, value,
          absl::StrCat("is not expected: ", Echo(part), " has no fields"));
    }
    message = r->MutableMessage(message, field);
  }
  *leaf_parent = message;
  return fields;
}

}  // namespace

absl::StatusOr<std::string> PercentDecode(absl::string_view text,
                                          bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int hi = i + 2 < text.size() ? HexDigit(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(Echo(text), ": bad percent escape at offset ", i));
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseQuery(
    absl::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  params.reserve(absl::c_count(query, '&') + 1);
  for (absl::string_view part : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    const size_t equals = part.find('=');
    absl::StatusOr<std::string> name =
        PercentDecode(part.substr(0, equals), true);
    if (!name.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter name ", name.status().message()));
    }
    std::string value;
    if (equals != absl::string_view::npos) {
      absl::StatusOr<std::string> decoded =
          PercentDecode(part.substr(equals + 1), true);
      if (!decoded.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("query parameter ", EchoText(*name), ": ",
                         decoded.status().message()));
      }
      value = *std::move(decoded);
    }
    if (name->empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter without a name: ", Echo(part)));
    }
    params.emplace_back(*std::move(name), std::move(value));
  }
  return params;
}

absl::Status BindPath(const std::vector<PathBinding>& bindings,
                      Message* request) {
  for (const PathBinding& b : bindings) {
    Message* message = request;
    for (size_t i = 0; i + 1 < b.field_path.size(); ++i) {
      message =
          message->GetReflection()->MutableMessage(message, b.field_path[i]);
    }
    absl::Status status =
        SetValue(b.name, b.value, b.field_path.back(), message);
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("path segment {", b.name, "}: ", Echo(b.value),
                       " is not valid: ", status.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status BindQuery(absl::string_view query,
                       const std::vector<PathBinding>& bound,
                       Message* request) {
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> params =
      ParseQuery(query);
  if (!params.ok()) return params.status();
  // The singular fields given so far, by their paths.
  std::vector<std::vector<const FieldDescriptor*>> seen;
  seen.reserve(params->size());
  for (const auto& [name, value] : *params) {
    Message* parent = nullptr;
    absl::StatusOr<std::vector<const FieldDescriptor*>> fields =
        Resolve(name, value, request, &parent);
    if (!fields.ok()) return fields.status();
    if (absl::c_any_of(bound, [&](const PathBinding& b) {
          return b.field_path == *fields;
        })) {
      return Bad(name, value, "is not expected: the path gives it");
    }
    const FieldDescriptor* leaf = fields->back();
    if (!leaf->is_repeated()) {
      if (absl::c_linear_search(seen, *fields)) {
        return Bad(name, value, "is a second value for a single field");
      }
      seen.push_back(*std::move(fields));
    }
    absl::Status status = SetValue(name, value, leaf, parent);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ParseJsonBody(absl::string_view body, Message* request) {
  if (body.empty()) return absl::OkStatus();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const google::protobuf::util::Status status =
      google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(body.data(), body.size()), request,
          options);
  if (!status.ok()) {
    // The parser's message ends in a caret diagram on lines of its own.
    // It quotes a value whole: shortened, as every echo is.
    std::string message = status.message().as_string();
    message = message.substr(0, message.find('\n'));
    return absl::InvalidArgumentError(
        absl::StrCat("request body: ", ShortenMessage(message)));
  }
  return absl::OkStatus();
}

std::string ToJson(const Message& message) {
  std::string json;
  JsonPrinter::For(message.GetDescriptor()).Print(message, &json);
  return json;
}

}  // namespace remit::service::http
