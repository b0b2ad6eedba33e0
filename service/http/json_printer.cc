#include "service/http/json_printer.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/util/json_util.h"

namespace remit::service::http {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

enum class JsonKind : uint8_t {
  kInt32,
  kInt64,
  kUInt32,
  kUInt64,
  kBool,
  kString,
  kBytes,
  kEnum,
  kMessage,
  kTimestamp,
  kDuration,
};

struct JsonField {
  const FieldDescriptor* field;
  JsonKind kind;
  bool repeated;
  std::string key;                   // "\"jsonName\":"
  const JsonTable* table = nullptr;  // kMessage
};

// One message type: the fields printed in declaration order, then those
// printed after them when set (see the header), by number.
struct JsonTable {
  const Descriptor* type;
  absl::Status support;  // of this type's own fields
  std::vector<JsonField> placed;
  std::vector<JsonField> trailing;
  std::vector<const JsonTable*> children;  // the message types it reaches
};

namespace {

// Escapes of the code points below 0x80 that protobuf escapes (nullptr:
// written as is).
struct AsciiEscapes {
  const char* text[128] = {};
  AsciiEscapes() {
    static const char* const kControl[32] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
        "\\u0006", "\\u0007", "\\b",     "\\t",     "\\n",     "\\u000b",
        "\\f",     "\\r",     "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d",
        "\\u001e", "\\u001f"};
    for (int c = 0; c < 32; ++c) text[c] = kControl[c];
    text['"'] = "\\\"";
    text['\\'] = "\\\\";
    text['<'] = "\\u003c";
    text['>'] = "\\u003e";
    text[0x7f] = "\\u007f";
  }
};
const AsciiEscapes kAscii;

constexpr char kHex[] = "0123456789abcdef";

void AppendU(uint32_t unit, std::string* out) {
  const char text[6] = {'\\',
                        'u',
                        kHex[(unit >> 12) & 0xf],
                        kHex[(unit >> 8) & 0xf],
                        kHex[(unit >> 4) & 0xf],
                        kHex[unit & 0xf]};
  out->append(text, 6);
}

// Whether protobuf writes the code point (0x80 and above) as \u escapes.
bool EscapedAbove7F(uint32_t cp) {
  if (cp < 0xa0) return true;  // C1 controls
  switch (cp) {
    case 0x00ad:
    case 0x06dd:
    case 0x070f:
    case 0x17b4:
    case 0x17b5:
    case 0xfeff:
    case 0xfff9:
    case 0xfffa:
    case 0xfffb:
    case 0xe0001:
      return true;
    default:
      return (cp >= 0x0600 && cp <= 0x0603) || (cp >= 0x200b && cp <= 0x200f) ||
             (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
             (cp >= 0x206a && cp <= 0x206f) ||
             (cp >= 0x1d173 && cp <= 0x1d17a) ||
             (cp >= 0xe0020 && cp <= 0xe007f);
  }
}

inline bool Continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

// Appends `text` as a quoted JSON string. False when it is not valid UTF-8
// (protobuf's printer drops such bytes in its own way; the caller lets it).
bool AppendString(absl::string_view text, std::string* out) {
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  const unsigned char* run = p;  // start of what is not yet written
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      const char* escape = kAscii.text[c];
      if (escape != nullptr) {
        out->append(reinterpret_cast<const char*>(run), p - run);
        out->append(escape);
        run = p + 1;
      }
      ++p;
      continue;
    }
    // A sequence of 2 to 4 bytes, in the shortest form, no surrogates, at
    // most U+10FFFF.
    uint32_t cp;
    int length;
    const size_t left = end - p;
    if (c >= 0xc2 && c <= 0xdf) {
      if (left < 2 || !Continuation(p[1])) return false;
      cp = ((c & 0x1f) << 6) | (p[1] & 0x3f);
      length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (left < 3 || !Continuation(p[1]) || !Continuation(p[2])) return false;
      if (c == 0xe0 && p[1] < 0xa0) return false;
      if (c == 0xed && p[1] > 0x9f) return false;
      cp = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
      length = 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (left < 4 || !Continuation(p[1]) || !Continuation(p[2]) ||
          !Continuation(p[3])) {
        return false;
      }
      if (c == 0xf0 && p[1] < 0x90) return false;
      if (c == 0xf4 && p[1] > 0x8f) return false;
      cp = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) |
           (p[3] & 0x3f);
      length = 4;
    } else {
      return false;
    }
    if (EscapedAbove7F(cp)) {
      out->append(reinterpret_cast<const char*>(run), p - run);
      if (cp < 0x10000) {
        AppendU(cp, out);
      } else {
        AppendU(0xd800 + ((cp - 0x10000) >> 10), out);
        AppendU(0xdc00 + (cp & 0x3ff), out);
      }
      run = p + length;
    }
    p += length;
  }
  out->append(reinterpret_cast<const char*>(run), end - run);
  out->push_back('"');
  return true;
}

void AppendBase64(absl::string_view bytes, std::string* out) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  out->push_back('"');
  for (; n >= 3; n -= 3, p += 3) {
    const uint32_t v = (p[0] << 16) | (p[1] << 8) | p[2];
    const char quad[4] = {kDigits[v >> 18], kDigits[(v >> 12) & 63],
                          kDigits[(v >> 6) & 63], kDigits[v & 63]};
    out->append(quad, 4);
  }
  if (n > 0) {
    const uint32_t v = (p[0] << 16) | (n == 2 ? p[1] << 8 : 0);
    const char quad[4] = {kDigits[v >> 18], kDigits[(v >> 12) & 63],
                          n == 2 ? kDigits[(v >> 6) & 63] : '=', '='};
    out->append(quad, 4);
  }
  out->push_back('"');
}

// `width` digits of `value`, zero-padded.
void AppendDigits(uint32_t value, int width, std::string* out) {
  char text[10];
  for (int i = width - 1; i >= 0; --i) {
    text[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->append(text, width);
}

// ".123", ".123456" or ".123456789" (nothing for 0): as few groups of
// three digits as show the nanoseconds exactly.
void AppendNanos(uint32_t nanos, std::string* out) {
  if (nanos == 0) return;
  out->push_back('.');
  if (nanos % 1000000 == 0) {
    AppendDigits(nanos / 1000000, 3, out);
  } else if (nanos % 1000 == 0) {
    AppendDigits(nanos / 1000, 6, out);
  } else {
    AppendDigits(nanos, 9, out);
  }
}

constexpr int64_t kTimestampMinSeconds = -62135596800;  // 0001-01-01
constexpr int64_t kTimestampMaxSeconds = 253402300799;  // 9999-12-31 23:59:59
constexpr int64_t kDurationMaxSeconds = 315576000000;   // 10,000 years

// "2024-05-01T00:00:00.500Z". False out of protobuf's range.
bool AppendTimestamp(int64_t seconds, int32_t nanos, std::string* out) {
  if (seconds < kTimestampMinSeconds || seconds > kTimestampMaxSeconds ||
      nanos < 0 || nanos > 999999999) {
    return false;
  }
  int64_t days = seconds / 86400;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  // The civil date of a day count from 1970-01-01 (proleptic Gregorian).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  out->push_back('"');
  AppendDigits(static_cast<uint32_t>(year), 4, out);
  out->push_back('-');
  AppendDigits(static_cast<uint32_t>(month), 2, out);
  out->push_back('-');
  AppendDigits(static_cast<uint32_t>(day), 2, out);
  out->push_back('T');
  AppendDigits(static_cast<uint32_t>(second_of_day / 3600), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<uint32_t>(second_of_day / 60 % 60), 2, out);
  out->push_back(':');
  AppendDigits(static_cast<uint32_t>(second_of_day % 60), 2, out);
  AppendNanos(static_cast<uint32_t>(nanos), out);
  out->append("Z\"");
  return true;
}

// "3600s", "-1.500s". False out of protobuf's range, and for positive
// seconds with negative nanos (which protobuf prints as garbage).
bool AppendDuration(int64_t seconds, int32_t nanos, std::string* out) {
  if (seconds < -kDurationMaxSeconds || seconds > kDurationMaxSeconds ||
      nanos <= -1000000000 || nanos >= 1000000000 ||
      (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0)) {
    return false;
  }
  out->push_back('"');
  if (seconds < 0 || nanos < 0) out->push_back('-');
  absl::StrAppend(out, seconds < 0 ? -seconds : seconds);
  AppendNanos(static_cast<uint32_t>(nanos < 0 ? -nanos : nanos), out);
  out->append("s\"");
  return true;
}

// The seconds and nanos of a Timestamp or Duration message.
void SecondsAndNanos(const Message& message, int64_t* seconds, int32_t* nanos) {
  const Descriptor* type = message.GetDescriptor();
  const Reflection* r = message.GetReflection();
  *seconds = r->GetInt64(message, type->field(0));
  *nanos = r->GetInt32(message, type->field(1));
}

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  // False when a value cannot be printed here.
  bool Object(const JsonTable& table, const google::protobuf::Message& m) {
    // Deeper than protobuf's printer goes (it stops at 100 levels).
    if (++depth_ > kMaxDepth) return false;
    const Reflection* r = m.GetReflection();
    out_->push_back('{');
    bool first = true;
    for (const JsonField& f : table.placed) {
      if (!f.repeated && f.kind == JsonKind::kMessage &&
          !r->HasField(m, f.field)) {
        continue;
      }
      if (!first) out_->push_back(',');
      first = false;
      out_->append(f.key);
      if (!(f.repeated ? List(f, m, r) : Value(f, m, r))) return false;
    }
    for (const JsonField& f : table.trailing) {
      if (!r->HasField(m, f.field)) continue;
      if (!first) out_->push_back(',');
      first = false;
      out_->append(f.key);
      if (!Value(f, m, r)) return false;
    }
    out_->push_back('}');
    --depth_;
    return true;
  }

 private:
  static constexpr int kMaxDepth = 64;

  bool List(const JsonField& f, const google::protobuf::Message& m,
            const Reflection* r) {
    const int size = r->FieldSize(m, f.field);
    out_->push_back('[');
    for (int i = 0; i < size; ++i) {
      if (i > 0) out_->push_back(',');
      if (!Element(f, m, r, i)) return false;
    }
    out_->push_back(']');
    return true;
  }

  void Enum(const FieldDescriptor* field, int number) {
    const EnumValueDescriptor* value =
        field->enum_type()->FindValueByNumber(number);
    if (value == nullptr) {
      absl::StrAppend(out_, number);
      return;
    }
    out_->push_back('"');
    out_->append(value->name());
    out_->push_back('"');
  }

  void Quoted(const absl::AlphaNum& number) {
    out_->push_back('"');
    out_->append(number.data(), number.size());
    out_->push_back('"');
  }

  bool Value(const JsonField& f, const google::protobuf::Message& m,
             const Reflection* r) {
    const FieldDescriptor* field = f.field;
    switch (f.kind) {
      case JsonKind::kInt32:
        absl::StrAppend(out_, r->GetInt32(m, field));
        return true;
      case JsonKind::kInt64:
        Quoted(r->GetInt64(m, field));
        return true;
      case JsonKind::kUInt32:
        absl::StrAppend(out_, r->GetUInt32(m, field));
        return true;
      case JsonKind::kUInt64:
        Quoted(r->GetUInt64(m, field));
        return true;
      case JsonKind::kBool:
        out_->append(r->GetBool(m, field) ? "true" : "false");
        return true;
      case JsonKind::kString:
        return AppendString(r->GetStringReference(m, field, &scratch_), out_);
      case JsonKind::kBytes:
        AppendBase64(r->GetStringReference(m, field, &scratch_), out_);
        return true;
      case JsonKind::kEnum:
        Enum(field, r->GetEnumValue(m, field));
        return true;
      case JsonKind::kMessage:
        return Object(*f.table, r->GetMessage(m, field));
      case JsonKind::kTimestamp:
      case JsonKind::kDuration: {
        int64_t seconds;
        int32_t nanos;
        SecondsAndNanos(r->GetMessage(m, field), &seconds, &nanos);
        return f.kind == JsonKind::kTimestamp
                   ? AppendTimestamp(seconds, nanos, out_)
                   : AppendDuration(seconds, nanos, out_);
      }
    }
    return false;
  }

  bool Element(const JsonField& f, const google::protobuf::Message& m,
               const Reflection* r, int i) {
    const FieldDescriptor* field = f.field;
    switch (f.kind) {
      case JsonKind::kInt32:
        absl::StrAppend(out_, r->GetRepeatedInt32(m, field, i));
        return true;
      case JsonKind::kInt64:
        Quoted(r->GetRepeatedInt64(m, field, i));
        return true;
      case JsonKind::kUInt32:
        absl::StrAppend(out_, r->GetRepeatedUInt32(m, field, i));
        return true;
      case JsonKind::kUInt64:
        Quoted(r->GetRepeatedUInt64(m, field, i));
        return true;
      case JsonKind::kBool:
        out_->append(r->GetRepeatedBool(m, field, i) ? "true" : "false");
        return true;
      case JsonKind::kString:
        return AppendString(
            r->GetRepeatedStringReference(m, field, i, &scratch_), out_);
      case JsonKind::kBytes:
        AppendBase64(r->GetRepeatedStringReference(m, field, i, &scratch_),
                     out_);
        return true;
      case JsonKind::kEnum:
        Enum(field, r->GetRepeatedEnumValue(m, field, i));
        return true;
      case JsonKind::kMessage:
        return Object(*f.table, r->GetRepeatedMessage(m, field, i));
      case JsonKind::kTimestamp:
      case JsonKind::kDuration: {
        int64_t seconds;
        int32_t nanos;
        SecondsAndNanos(r->GetRepeatedMessage(m, field, i), &seconds, &nanos);
        return f.kind == JsonKind::kTimestamp
                   ? AppendTimestamp(seconds, nanos, out_)
                   : AppendDuration(seconds, nanos, out_);
      }
    }
    return false;
  }

  std::string* out_;
  int depth_ = 0;
  std::string scratch_;  // for string fields not stored as std::string
};

// The tables of every message type printed so far, and the printers.
class Registry {
 public:
  static Registry& Get() {
    static Registry* registry = new Registry;
    return *registry;
  }

  const JsonPrinter* Find(const Descriptor* type) {
    absl::ReaderMutexLock lock(&mu_);
    auto it = printers_.find(type);
    return it == printers_.end() ? nullptr : it->second.get();
  }

  // Makes the tables of `type` and what it reaches; calls `make` with the
  // root table and its support, and keeps the printer it returns.
  template <typename Make>
  const JsonPrinter& Add(const Descriptor* type, Make make) {
    absl::MutexLock lock(&mu_);
    auto it = printers_.find(type);
    if (it != printers_.end()) return *it->second;
    const JsonTable* root = Table(type);
    // The first unsupported field of any table reached.
    absl::Status support;
    std::vector<const JsonTable*> stack = {root};
    absl::flat_hash_set<const JsonTable*> seen = {root};
    while (!stack.empty() && support.ok()) {
      const JsonTable* t = stack.back();
      stack.pop_back();
      support = t->support;
      for (const JsonTable* child : t->children) {
        if (seen.insert(child).second) stack.push_back(child);
      }
    }
    std::unique_ptr<JsonPrinter>& printer = printers_[type];
    printer.reset(make(root, std::move(support)));
    return *printer;
  }

 private:
  static absl::Status Unsupported(const FieldDescriptor* field,
                                  absl::string_view why) {
    return absl::UnimplementedError(
        absl::StrCat(field->full_name(), ": ", why));
  }

  const JsonTable* Table(const Descriptor* type)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::unique_ptr<JsonTable>& slot = tables_[type];
    if (slot != nullptr) return slot.get();
    slot = std::make_unique<JsonTable>();
    JsonTable* table = slot.get();  // stays put while `tables_` grows
    table->type = type;
    if (type->file()->syntax() !=
        google::protobuf::FileDescriptor::SYNTAX_PROTO3) {
      table->support = absl::UnimplementedError(
          absl::StrCat(type->full_name(), ": not a proto3 message"));
      return table;
    }
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      JsonField f{field, JsonKind::kInt32, field->is_repeated(), std::string()};
      std::string key;
      if (!AppendString(field->json_name(), &key)) {
        table->support = Unsupported(field, "JSON name is not UTF-8");
        continue;
      }
      f.key = key + ":";
      bool trailing = false;
      switch (field->type()) {
        case FieldDescriptor::TYPE_INT32:
        case FieldDescriptor::TYPE_SINT32:
        case FieldDescriptor::TYPE_SFIXED32:
          f.kind = JsonKind::kInt32;
          break;
        case FieldDescriptor::TYPE_INT64:
        case FieldDescriptor::TYPE_SINT64:
        case FieldDescriptor::TYPE_SFIXED64:
          f.kind = JsonKind::kInt64;
          break;
        case FieldDescriptor::TYPE_UINT32:
        case FieldDescriptor::TYPE_FIXED32:
          f.kind = JsonKind::kUInt32;
          break;
        case FieldDescriptor::TYPE_UINT64:
        case FieldDescriptor::TYPE_FIXED64:
          f.kind = JsonKind::kUInt64;
          break;
        case FieldDescriptor::TYPE_BOOL:
          f.kind = JsonKind::kBool;
          break;
        case FieldDescriptor::TYPE_STRING:
          f.kind = JsonKind::kString;
          break;
        case FieldDescriptor::TYPE_BYTES:
          f.kind = JsonKind::kBytes;
          break;
        case FieldDescriptor::TYPE_ENUM:
          if (field->enum_type()->full_name() == "google.protobuf.NullValue") {
            if (table->support.ok()) {
              table->support = Unsupported(field, "printed as null");
            }
            continue;
          }
          f.kind = JsonKind::kEnum;
          break;
        case FieldDescriptor::TYPE_FLOAT:
        case FieldDescriptor::TYPE_DOUBLE:
          if (table->support.ok()) {
            table->support = Unsupported(field, "a float or double field");
          }
          continue;
        case FieldDescriptor::TYPE_GROUP:
          if (table->support.ok()) {
            table->support = Unsupported(field, "a group");
          }
          continue;
        case FieldDescriptor::TYPE_MESSAGE: {
          const Descriptor* message = field->message_type();
          const std::string& name = message->full_name();
          if (field->is_map()) {
            if (table->support.ok()) {
              table->support = Unsupported(field, "a map field");
            }
            continue;
          }
          if (name == "google.protobuf.Timestamp") {
            f.kind = JsonKind::kTimestamp;
            trailing = !f.repeated;
          } else if (name == "google.protobuf.Duration") {
            f.kind = JsonKind::kDuration;
            trailing = !f.repeated;
          } else if (message->file()->name().rfind("google/protobuf/", 0) ==
                         0 &&
                     name != "google.protobuf.Empty") {
            if (table->support.ok()) {
              table->support = Unsupported(
                  field, absl::StrCat("a well-known type (", name,
                                      ") printed in a form of its own"));
            }
            continue;
          } else {
            f.kind = JsonKind::kMessage;
            f.table = Table(message);
            table->children.push_back(f.table);
          }
          break;
        }
      }
      if (field->containing_oneof() != nullptr &&
          f.kind != JsonKind::kMessage) {
        trailing = true;
      }
      (trailing ? table->trailing : table->placed).push_back(std::move(f));
    }
    std::sort(table->trailing.begin(), table->trailing.end(),
              [](const JsonField& a, const JsonField& b) {
                return a.field->number() < b.field->number();
              });
    return table;
  }

  absl::Mutex mu_;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<JsonTable>> tables_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<JsonPrinter>> printers_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace

const JsonPrinter& JsonPrinter::For(const Descriptor* type) {
  Registry& registry = Registry::Get();
  if (const JsonPrinter* printer = registry.Find(type)) return *printer;
  return registry.Add(type, [](const JsonTable* root, absl::Status support) {
    return new JsonPrinter(root, std::move(support));
  });
}

bool JsonPrinter::Print(const Message& message, std::string* out) const {
  const size_t start = out->size();
  if (support_.ok()) {
    out->reserve(start + size_hint_.load(std::memory_order_relaxed));
    if (Writer(out).Object(*table_, message)) {
      size_hint_.store(out->size() - start, std::memory_order_relaxed);
      return true;
    }
    out->resize(start);
  }
  AppendProtobufJson(message, out);
  return false;
}

void AppendProtobufJson(const Message& message, std::string* out) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  out->append(json);
}

}  // namespace remit::service::http
