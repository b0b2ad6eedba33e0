// JsonPrinter: proto3 messages as JSON, byte for byte what protobuf 3.21's
// util::MessageToJsonString prints with always_print_primitive_fields
// (and the other options at their defaults: lowerCamelCase names, enums as
// names, no whitespace), written into one string from the message's wire
// form (serialized once by its generated code, then read through field
// tables made once per message type: no reflection, no allocation per
// field).
//
// What protobuf's printer does, and this one therefore does too:
// - fields in declaration order, every field without presence printed
//   (zero values, empty lists as []); a message field only when set;
// - a set oneof member that is not a message, a set proto3 `optional`
//   scalar and a set google.protobuf.Timestamp or Duration field are
//   printed after all the others, in field-number order;
// - int64 and uint64 (and their fixed/sint forms) as quoted decimals,
//   enums as their names (an unknown number as the number), bytes as
//   padded base64, Timestamp as RFC 3339 in UTC with 0, 3, 6 or 9
//   fraction digits, Duration as "1.500s";
// - strings escaped as protobuf escapes them: '"' '\\' as \" \\, control
//   characters (C0, DEL, C1) as \b \t \n \f \r or \u00XX, '<' '>' as
//   \u003c \u003e, and the invisible and formatting code points protobuf
//   lists (U+00AD, U+2028, U+FEFF, ...) as \uXXXX (surrogate pairs above
//   U+FFFF); everything else as is.
//
// Where it does not print, protobuf's printer does, so the output is the
// same either way:
// - a type that is not supported (decided when its tables are made):
//   proto2 files, map fields, float and double fields, field numbers
//   above 4096, and the well-known types other than Timestamp and
//   Duration (Any, Struct, Value, ListValue, FieldMask, the wrappers),
//   anywhere under the root type; support() names the first such field;
// - a value it does not print (found while printing): a string that is not
//   valid UTF-8, a Timestamp or Duration out of protobuf's range, unknown
//   fields, nesting deeper than 64 messages.
//
// Thread-safety: For() and Print() are thread-safe; printers live as long
// as the process. Each printing thread keeps a buffer for the wire form
// (the size of the largest message it printed).
//
// Example:
//   const JsonPrinter& printer = JsonPrinter::For(v1::Offer::descriptor());
//   std::string json;
//   printer.Print(offer, &json);  // {"rank":1,"quoteId":"q1",...}
#ifndef REMIT_SERVICE_HTTP_JSON_PRINTER_H_
#define REMIT_SERVICE_HTTP_JSON_PRINTER_H_

#include <atomic>
#include <cstddef>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace remit::service::http {

struct JsonTable;

class JsonPrinter {
 public:
  // The printer for messages of `type`; its tables (for `type` and every
  // message type it reaches) are made on the first call.
  static const JsonPrinter& For(const google::protobuf::Descriptor* type);

  // OK when this printer prints every message of its type whose values it
  // can print; otherwise UNIMPLEMENTED naming the field (or type) that is
  // not supported, and protobuf's printer prints them all.
  const absl::Status& support() const { return support_; }

  // Appends the message's JSON to `out`. True when printed here, false
  // when protobuf's printer printed it (see above).
  bool Print(const google::protobuf::Message& message, std::string* out) const;

  JsonPrinter(const JsonPrinter&) = delete;
  JsonPrinter& operator=(const JsonPrinter&) = delete;

 private:
  JsonPrinter(const JsonTable* table, absl::Status support)
      : table_(table), support_(std::move(support)) {}

  const JsonTable* table_;
  absl::Status support_;
  // The size of the last answer printed, reserved for the next.
  mutable std::atomic<size_t> size_hint_{0};
};

// Appends protobuf's JSON of the message (the reference this printer
// matches): util::MessageToJsonString with always_print_primitive_fields.
void AppendProtobufJson(const google::protobuf::Message& message,
                        std::string* out);

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_JSON_PRINTER_H_
