#include "engine/dataset.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/proto_enums.h"
#include "engine/rpw_import.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/util/json_util.h"

namespace remit {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::TextFormat;

std::string DatasetError::ToString() const {
  std::string out = file;
  if (line > 0) absl::StrAppend(&out, ":", line);
  if (line > 0 && column > 0) absl::StrAppend(&out, ":", column);
  absl::StrAppend(&out, ": ");
  if (!field.empty()) absl::StrAppend(&out, field, ": ");
  absl::StrAppend(&out, message);
  return out;
}

std::string DescribeErrors(const std::vector<DatasetError>& errors) {
  std::string out =
      absl::StrCat(errors.size(), " error", errors.size() == 1 ? "" : "s",
                   " in dataset files:");
  for (const DatasetError& e : errors)
    absl::StrAppend(&out, "\n", e.ToString());
  return out;
}

absl::StatusOr<DatasetFormat> FormatOfPath(absl::string_view path) {
  const std::string lower = absl::AsciiStrToLower(path);
  if (absl::EndsWith(lower, ".textproto") || absl::EndsWith(lower, ".txtpb")) {
    return DatasetFormat::kTextproto;
  }
  if (absl::EndsWith(lower, ".json")) return DatasetFormat::kJson;
  if (absl::EndsWith(lower, ".binpb")) return DatasetFormat::kBinary;
  if (absl::EndsWith(lower, ".csv")) return DatasetFormat::kRpwCsv;
  return absl::InvalidArgumentError(
      absl::StrCat(path,
                   ": unknown dataset format; use .textproto, .txtpb, .json, "
                   ".binpb or .csv (RPW)"));
}

ParsedDataset::ParsedDataset(std::string name, v1::Dataset dataset)
    : name_(std::move(name)),
      arena_(std::make_shared<google::protobuf::Arena>()),
      dataset_(
          google::protobuf::Arena::CreateMessage<v1::Dataset>(arena_.get())) {
  dataset_->Swap(&dataset);
}

ParsedDataset::ParsedDataset(std::string name,
                             std::shared_ptr<google::protobuf::Arena> arena,
                             v1::Dataset* dataset)
    : name_(std::move(name)), arena_(std::move(arena)), dataset_(dataset) {}

namespace {

// Collects the text parser's syntax errors (0-based positions).
class TextErrors final : public google::protobuf::io::ErrorCollector {
 public:
  TextErrors(absl::string_view file, std::vector<DatasetError>* errors)
      : file_(file), errors_(errors) {}
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_->push_back({file_, line + 1, column + 1, "", message});
    ++count_;
  }
  int count() const { return count_; }

 private:
  std::string file_;
  std::vector<DatasetError>* errors_;
  int count_ = 0;
};

absl::Status Unusable(absl::string_view name) {
  return absl::InvalidArgumentError(
      absl::StrCat(name, ": not a readable dataset"));
}

}  // namespace

absl::StatusOr<ParsedDataset> ParseDataset(absl::string_view name,
                                           absl::string_view content,
                                           DatasetFormat format,
                                           const DatasetOptions& options,
                                           std::vector<DatasetError>* errors) {
  auto arena = std::make_shared<google::protobuf::Arena>();
  v1::Dataset& dataset =
      *google::protobuf::Arena::CreateMessage<v1::Dataset>(arena.get());
  switch (format) {
    case DatasetFormat::kTextproto: {
      auto tree = std::make_shared<TextFormat::ParseInfoTree>();
      TextErrors collector(name, errors);
      TextFormat::Parser parser;
      parser.RecordErrorsTo(&collector);
      parser.WriteLocationsTo(tree.get());
      if (!parser.ParseFromString(std::string(content), &dataset)) {
        if (collector.count() == 0) {
          errors->push_back({std::string(name), 0, 0, "", "cannot parse"});
        }
        return Unusable(name);
      }
      ParsedDataset parsed(std::string(name), std::move(arena), &dataset);
      parsed.set_text_locations(std::move(tree));
      return parsed;
    }
    case DatasetFormat::kJson: {
      google::protobuf::util::JsonParseOptions json_options;
      json_options.ignore_unknown_fields = false;
      auto status = google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(content.data(), content.size()),
          &dataset, json_options);
      if (!status.ok()) {
        errors->push_back({std::string(name), 0, 0, "",
                           absl::StrCat("not valid remit.v1.Dataset JSON: ",
                                        std::string(status.message()))});
        return Unusable(name);
      }
      return ParsedDataset(std::string(name), std::move(arena), &dataset);
    }
    case DatasetFormat::kBinary:
      if (!dataset.ParseFromArray(content.data(),
                                  static_cast<int>(content.size()))) {
        errors->push_back(
            {std::string(name), 0, 0, "", "not a binary remit.v1.Dataset"});
        return Unusable(name);
      }
      return ParsedDataset(std::string(name), std::move(arena), &dataset);
    case DatasetFormat::kRpwCsv:
      return ImportRpwCsv(name, content, options.rpw_period, errors);
  }
  return Unusable(name);
}

absl::StatusOr<ParsedDataset> ReadDatasetFile(
    const std::string& path, const DatasetOptions& options,
    std::vector<DatasetError>* errors) {
  absl::StatusOr<DatasetFormat> format = FormatOfPath(path);
  if (!format.ok()) {
    errors->push_back({path, 0, 0, "", std::string(format.status().message())});
    return format.status();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    std::string message = absl::StrCat("cannot open: ", std::strerror(error));
    errors->push_back({path, 0, 0, "", message});
    const std::string text = absl::StrCat(path, ": ", message);
    return error == ENOENT   ? absl::NotFoundError(text)
           : error == EACCES ? absl::PermissionDeniedError(text)
                             : absl::UnavailableError(text);
  }
  std::ostringstream content;
  content << in.rdbuf();
  return ParseDataset(path, content.str(), *format, options, errors);
}

namespace {

std::string Join(absl::string_view path, absl::string_view field, int index) {
  std::string out =
      path.empty() ? std::string(field) : absl::StrCat(path, ".", field);
  if (index >= 0) absl::StrAppend(&out, "[", index, "]");
  return out;
}

// Where a message is in its file, to name the place of an error. Its path
// ("quotes[3].fees") is spelled out only when an error needs it; a Node
// refers to its parent, which outlives it (both are locals of the walk).
struct Node {
  const ParsedDataset* file = nullptr;
  const Node* parent = nullptr;  // Null at the top.
  absl::string_view field;       // In the parent.
  int index = -1;                // In the parent's repeated field.
  const TextFormat::ParseInfoTree* tree = nullptr;  // Its fields' places.
  int line = 0;  // Where the message itself is (0: unknown).
  int column = 0;

  std::string Path() const {
    return parent == nullptr ? "" : Join(parent->Path(), field, index);
  }
};

const FieldDescriptor* Field(const Message& message, absl::string_view name) {
  const FieldDescriptor* field =
      message.GetDescriptor()->FindFieldByName(std::string(name));
  if (field == nullptr) std::abort();  // A typo in this file.
  return field;
}

// Where an id was first defined: "file:line", or "file quotes[3]" for
// formats without lines. Formatted only when a duplicate needs it.
struct IdPlace {
  const ParsedDataset* file;
  int line;
  absl::string_view what;  // "providers" or "quotes".
  int index;

  std::string ToString() const {
    return line > 0 ? absl::StrCat(file->name(), ":", line)
                    : absl::StrCat(file->name(), " ", what, "[", index, "]");
  }
};

// Validates dataset files and converts them into engine types. Keys of the
// id maps view strings in the files, which outlive the validator.
class Validator {
 public:
  Validator(const DatasetOptions& options, std::vector<DatasetError>* errors)
      : options_(options), errors_(errors), start_(errors->size()) {}

  size_t error_count() const { return errors_->size() - start_; }

  void AddProviders(const ParsedDataset& file);
  void AddQuotesAndRates(const ParsedDataset& file);

  std::vector<Provider> providers;
  std::vector<Quote> quotes;
  ReferenceRates::Builder references;

 private:
  Node Root(const ParsedDataset& file) const {
    Node root;
    root.file = &file;
    root.tree = file.text_locations();
    return root;
  }
  // `parent` must outlive the child.
  Node Child(const Node& parent, const Message& message,
             absl::string_view field, int index) const;
  void Error(const Node& node, const Message& message, absl::string_view field,
             int index, std::string text);
  void Error(const Node& node, const Message& message, absl::string_view field,
             std::string text) {
    Error(node, message, field, -1, std::move(text));
  }

  // Converts the text of `field` with `parse`, reporting its error. Empty
  // text gives nullopt, and an error when the field is required.
  template <typename T, typename Parse>
  std::optional<T> Convert(const Node& node, const Message& message,
                           absl::string_view field, const std::string& text,
                           bool required, Parse parse) {
    if (text.empty()) {
      if (required) Error(node, message, field, "is required");
      return std::nullopt;
    }
    absl::StatusOr<T> value = parse(text);
    if (!value.ok()) {
      Error(node, message, field, std::string(value.status().message()));
      return std::nullopt;
    }
    return *std::move(value);
  }

  // Field conversions: nullopt (and an error) when invalid or, if required,
  // missing.
  bool CheckId(const Node& node, const Message& message,
               absl::string_view field, const std::string& id);
  std::optional<int64_t> Amount(const Node& node, const Message& message,
                                absl::string_view field,
                                const std::string& text, CurrencyCode currency,
                                bool required);
  std::optional<Rate> RateField(const Node& node, const Message& message,
                                absl::string_view field,
                                const std::string& text, bool required);
  std::optional<Percent> PercentField(const Node& node, const Message& message,
                                      absl::string_view field,
                                      const std::string& text,
                                      absl::string_view bounds, int64_t low,
                                      int64_t high);
  std::optional<absl::Time> Date(const Node& node, const Message& message,
                                 absl::string_view field,
                                 const std::string& text, bool required);
  std::optional<CurrencyCode> Currency(const Node& node, const Message& message,
                                       absl::string_view field,
                                       const std::string& text);
  std::optional<Corridor> CorridorField(const Node& node,
                                        const v1::Quote& quote);
  void AddQuote(const Node& node, const v1::Quote& proto);
  bool AddFees(const Node& node, const v1::FeeSchedule& proto,
               const Corridor& corridor, Quote* quote);

  const DatasetOptions& options_;
  std::vector<DatasetError>* errors_;
  size_t start_;
  // Where each id was first defined, for duplicates across files.
  absl::flat_hash_map<absl::string_view, IdPlace> provider_ids_;
  absl::flat_hash_map<absl::string_view, IdPlace> quote_ids_;
  // Corridors already parsed, by their four codes as written, packed into
  // one short key ("USA/USD/MEX/").
  absl::flat_hash_map<std::string, Corridor> corridors_;
};

Node Validator::Child(const Node& parent, const Message& message,
                      absl::string_view field, int index) const {
  Node child;
  child.file = parent.file;
  child.parent = &parent;
  child.field = field;
  child.index = index;
  child.line = parent.line;
  child.column = parent.column;
  if (parent.tree != nullptr) {
    const FieldDescriptor* descriptor = Field(message, field);
    const TextFormat::ParseLocation where =
        parent.tree->GetLocation(descriptor, index);
    if (where.line >= 0) {
      child.line = where.line + 1;
      child.column = where.column + 1;
    }
    child.tree = parent.tree->GetTreeForNested(descriptor, index);
  }
  return child;
}

void Validator::Error(const Node& node, const Message& message,
                      absl::string_view field, int index, std::string text) {
  if (error_count() >= options_.max_errors) return;
  DatasetError error;
  error.file = node.file->name();
  error.field = Join(node.Path(), field, index);
  error.message = std::move(text);
  error.line = node.line;
  error.column = node.column;
  if (node.tree != nullptr && !field.empty()) {
    const TextFormat::ParseLocation where =
        node.tree->GetLocation(Field(message, field), index);
    if (where.line >= 0) {
      error.line = where.line + 1;
      error.column = where.column + 1;
    }
  }
  errors_->push_back(std::move(error));
}

bool Validator::CheckId(const Node& node, const Message& message,
                        absl::string_view field, const std::string& id) {
  if (id.empty()) {
    Error(node, message, field, "is required");
    return false;
  }
  const bool valid =
      id.size() <= 64 && absl::c_all_of(id, [](char c) {
        return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
               c == '_' || c == '.';
      });
  if (!valid) {
    Error(node, message, field,
          absl::StrCat("'", absl::CHexEscape(id),
                       "' must be 1 to 64 of a-z, A-Z, 0-9, '-', '_', '.'"));
    return false;
  }
  return true;
}

std::optional<int64_t> Validator::Amount(const Node& node,
                                         const Message& message,
                                         absl::string_view field,
                                         const std::string& text,
                                         CurrencyCode currency, bool required) {
  std::optional<Money> money = Convert<Money>(
      node, message, field, text, required, [currency](const std::string& t) {
        return Money::FromDecimal(t, currency);
      });
  if (!money.has_value()) return std::nullopt;
  if (money->minor_units() < 0) {
    Error(node, message, field,
          absl::StrCat("'", text, "' must not be negative"));
    return std::nullopt;
  }
  return money->minor_units();
}

std::optional<Rate> Validator::RateField(const Node& node,
                                         const Message& message,
                                         absl::string_view field,
                                         const std::string& text,
                                         bool required) {
  return Convert<Rate>(
      node, message, field, text, required,
      [](const std::string& t) { return Rate::FromString(t); });
}

std::optional<Percent> Validator::PercentField(const Node& node,
                                               const Message& message,
                                               absl::string_view field,
                                               const std::string& text,
                                               absl::string_view bounds,
                                               int64_t low, int64_t high) {
  std::optional<Percent> percent = Convert<Percent>(
      node, message, field, text, /*required=*/false,
      [](const std::string& t) { return Percent::FromString(t); });
  if (!percent.has_value()) return std::nullopt;
  const int64_t scale = 1'000'000'000;
  if (percent->scaled() < low * scale || percent->scaled() > high * scale) {
    Error(node, message, field, absl::StrCat("'", text, "' must be ", bounds));
    return std::nullopt;
  }
  return percent;
}

std::optional<absl::Time> Validator::Date(const Node& node,
                                          const Message& message,
                                          absl::string_view field,
                                          const std::string& text,
                                          bool required) {
  if (text.empty()) {
    if (required) Error(node, message, field, "is required");
    return std::nullopt;
  }
  absl::Time time;
  std::string why;
  if (text.size() == 10) {
    // "YYYY-MM-DD", by hand: this runs once per quote.
    auto digits = [&](int from, int count, int* out) {
      int value = 0;
      for (int i = from; i < from + count; ++i) {
        if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
          return false;
        }
        value = value * 10 + (text[i] - '0');
      }
      *out = value;
      return true;
    };
    int year, month, day;
    if (text[4] == '-' && text[7] == '-' && digits(0, 4, &year) &&
        digits(5, 2, &month) && digits(8, 2, &day)) {
      const absl::CivilDay civil(year, month, day);
      // CivilDay normalises 2025-02-30 to 2025-03-02: reject that.
      if (civil.year() == year && civil.month() == month &&
          civil.day() == day) {
        return absl::FromCivil(civil, absl::UTCTimeZone());
      }
      Error(node, message, field,
            absl::StrCat("'", text, "' is not a real date"));
      return std::nullopt;
    }
  } else if (absl::ParseTime(absl::RFC3339_full, text, &time, &why)) {
    return time;
  }
  Error(node, message, field,
        absl::StrCat("'", absl::CHexEscape(text),
                     "' is not a date (YYYY-MM-DD) or RFC 3339 time"));
  return std::nullopt;
}

std::optional<CurrencyCode> Validator::Currency(const Node& node,
                                                const Message& message,
                                                absl::string_view field,
                                                const std::string& text) {
  return Convert<CurrencyCode>(
      node, message, field, text, /*required=*/true,
      [](const std::string& t) { return CurrencyCode::FromString(t); });
}

void Validator::AddProviders(const ParsedDataset& file) {
  const Node root = Root(file);
  const v1::Dataset& dataset = file.dataset();
  if (!dataset.metadata().as_of().empty()) {
    const Node meta = Child(root, dataset, "metadata", -1);
    Date(meta, dataset.metadata(), "as_of", dataset.metadata().as_of(), false);
  }
  for (int i = 0; i < dataset.providers_size(); ++i) {
    const v1::Provider& proto = dataset.providers(i);
    const Node node = Child(root, dataset, "providers", i);
    bool ok = CheckId(node, proto, "id", proto.id());
    if (ok) {
      auto [it, inserted] = provider_ids_.try_emplace(
          proto.id(), IdPlace{&file, node.line, "providers", i});
      if (!inserted) {
        Error(node, proto, "id",
              absl::StrCat("'", proto.id(), "' is already defined at ",
                           it->second.ToString()));
        ok = false;
      }
    }
    if (proto.name().empty()) {
      Error(node, proto, "name", "is required");
      ok = false;
    }
    std::optional<ProviderType> type = FromProto(proto.type());
    if (!type.has_value()) {
      Error(node, proto, "type", "is required (PROVIDER_TYPE_BANK, ...)");
      ok = false;
    }
    if (ok) providers.push_back({proto.id(), proto.name(), *type});
  }
}

std::optional<Corridor> Validator::CorridorField(const Node& node,
                                                 const v1::Quote& quote) {
  if (!quote.has_corridor()) {
    Error(node, quote, "corridor", "is required");
    return std::nullopt;
  }
  const v1::Corridor& c = quote.corridor();
  // Codes longer than three characters are invalid: they skip the cache.
  char buffer[16];
  size_t length = 0;
  bool cacheable = true;
  for (const std::string* code :
       {&c.send_country(), &c.send_currency(), &c.receive_country(),
        &c.receive_currency()}) {
    if (code->size() > 3) {
      cacheable = false;
      break;
    }
    std::memcpy(buffer + length, code->data(), code->size());
    length += code->size();
    buffer[length++] = '/';
  }
  const absl::string_view key(buffer, cacheable ? length : 0);
  if (cacheable) {
    if (auto it = corridors_.find(key); it != corridors_.end()) {
      return it->second;
    }
  }
  absl::StatusOr<Corridor> corridor =
      Corridor::Parse(c.send_country(), c.send_currency(), c.receive_country(),
                      c.receive_currency());
  if (!corridor.ok()) {
    // The message starts with the sub-field's name.
    const std::string message(corridor.status().message());
    const std::string sub = message.substr(0, message.find(':'));
    const Node at = Child(node, quote, "corridor", -1);
    Error(at, c, sub, message.substr(message.find(':') + 2));
    return std::nullopt;
  }
  if (cacheable) corridors_.emplace(key, *corridor);
  return *corridor;
}

bool Validator::AddFees(const Node& node, const v1::FeeSchedule& proto,
                        const Corridor& corridor, Quote* quote) {
  const size_t before = error_count();
  const CurrencyCode send = corridor.send_currency();
  FeeSchedule& fees = quote->fees;
  fees.charging = FromProto(proto.charging());
  for (int i = 0; i < proto.bands_size(); ++i) {
    const v1::FeeBand& band_proto = proto.bands(i);
    const Node band_node = Child(node, proto, "bands", i);
    FeeBand band;
    band.from_minor = Amount(band_node, band_proto, "from_amount",
                             band_proto.from_amount(), send, false)
                          .value_or(0);
    band.fixed_minor = Amount(band_node, band_proto, "fixed_fee",
                              band_proto.fixed_fee(), send, false)
                           .value_or(0);
    band.percent =
        PercentField(band_node, band_proto, "percent_fee",
                     band_proto.percent_fee(), "from 0 to 100", 0, 100)
            .value_or(Percent());
    band.min_fee_minor = Amount(band_node, band_proto, "min_fee",
                                band_proto.min_fee(), send, false);
    band.max_fee_minor = Amount(band_node, band_proto, "max_fee",
                                band_proto.max_fee(), send, false);
    if (band.min_fee_minor && band.max_fee_minor &&
        *band.min_fee_minor > *band.max_fee_minor) {
      Error(band_node, band_proto, "min_fee",
            absl::StrCat("'", band_proto.min_fee(), "' is above max_fee '",
                         band_proto.max_fee(), "'"));
    }
    if (i > 0 && band.from_minor <= fees.bands.back().from_minor) {
      Error(band_node, band_proto, "from_amount",
            absl::StrCat("'", band_proto.from_amount(),
                         "' must be above the previous band's from_amount: "
                         "bands are sorted and do not overlap"));
    }
    fees.bands.push_back(band);
  }
  fees.funding_surcharge =
      PercentField(node, proto, "funding_surcharge_percent",
                   proto.funding_surcharge_percent(), "from 0 to 100", 0, 100)
          .value_or(Percent());
  fees.recipient_percent_fee =
      PercentField(node, proto, "recipient_percent_fee",
                   proto.recipient_percent_fee(), "from 0 to 100", 0, 100)
          .value_or(Percent());
  if (!proto.recipient_fixed_fee().empty()) {
    if (!quote->rate_currency.has_value()) {
      Error(node, proto, "recipient_fixed_fee",
            "needs the quote's rate_currency (the currency it is in)");
    } else {
      fees.recipient_fixed_fee_minor =
          Amount(node, proto, "recipient_fixed_fee",
                 proto.recipient_fixed_fee(), *quote->rate_currency, false)
              .value_or(0);
    }
  }
  return error_count() == before;
}

void Validator::AddQuote(const Node& node, const v1::Quote& proto) {
  const size_t before = error_count();
  bool ok = CheckId(node, proto, "id", proto.id());
  if (ok) {
    auto [it, inserted] = quote_ids_.try_emplace(
        proto.id(), IdPlace{node.file, node.line, "quotes", node.index});
    if (!inserted) {
      Error(node, proto, "id",
            absl::StrCat("'", proto.id(), "' is already defined at ",
                         it->second.ToString()));
    }
  }
  if (proto.provider_id().empty()) {
    Error(node, proto, "provider_id", "is required");
  } else if (!provider_ids_.contains(proto.provider_id())) {
    Error(node, proto, "provider_id",
          absl::StrCat("'", absl::CHexEscape(proto.provider_id()),
                       "' is not a provider in the loaded files"));
  }
  std::optional<Corridor> corridor = CorridorField(node, proto);
  if (!corridor.has_value()) return;
  Quote quote(*corridor);
  quote.id = proto.id();
  quote.provider_id = proto.provider_id();

  auto required_enum = [&](auto value, absl::string_view field,
                           absl::string_view example, auto* out) {
    auto converted = FromProto(value);
    if (!converted.has_value()) {
      Error(node, proto, field, absl::StrCat("is required (", example, ")"));
    } else {
      *out = *converted;
    }
  };
  required_enum(proto.payment_instrument(), "payment_instrument",
                "PAYMENT_INSTRUMENT_CASH, ...", &quote.payment_instrument);
  required_enum(proto.access_point(), "access_point",
                "ACCESS_POINT_BRANCH_OR_AGENT, ...", &quote.access_point);
  required_enum(proto.receive_method(), "receive_method",
                "RECEIVE_METHOD_CASH_PICKUP, ...", &quote.receive_method);
  required_enum(proto.speed(), "speed", "SPEED_SAME_DAY, ...", &quote.speed);
  quote.coverage = FromProto(proto.receiving_network_coverage());
  quote.transparent = !proto.has_transparent() || proto.transparent();
  quote.promotional = proto.promotional();
  quote.source = proto.source();
  quote.quoted_at = Date(node, proto, "quoted_at", proto.quoted_at(), true)
                        .value_or(absl::UnixEpoch());

  const CurrencyCode send = corridor->send_currency();
  quote.min_send_minor = Amount(node, proto, "min_send_amount",
                                proto.min_send_amount(), send, false)
                             .value_or(0);
  quote.max_send_minor = Amount(node, proto, "max_send_amount",
                                proto.max_send_amount(), send, false)
                             .value_or(std::numeric_limits<int64_t>::max());
  if (quote.min_send_minor > quote.max_send_minor) {
    Error(node, proto, "min_send_amount",
          absl::StrCat("'", proto.min_send_amount(),
                       "' is above max_send_amount '", proto.max_send_amount(),
                       "'"));
  }

  if (!proto.rate_currency().empty()) {
    quote.rate_currency =
        Currency(node, proto, "rate_currency", proto.rate_currency());
    if (quote.rate_currency == send) {
      Error(node, proto, "rate_currency",
            absl::StrCat("'", proto.rate_currency(),
                         "' is the send currency; a rate is in the payout "
                         "currency"));
    }
  }
  quote.mid_rate =
      RateField(node, proto, "mid_market_rate", proto.mid_market_rate(), false);
  quote.rate = RateField(node, proto, "rate", proto.rate(), false);
  quote.margin_over_mid = PercentField(node, proto, "margin_over_mid_percent",
                                       proto.margin_over_mid_percent(),
                                       "above -100 and below 100", -99, 99);

  for (int i = 0; i < proto.survey_points_size(); ++i) {
    const v1::SurveyPoint& p = proto.survey_points(i);
    const Node point_node = Child(node, proto, "survey_points", i);
    SurveyPoint point;
    std::optional<int64_t> amount =
        Amount(point_node, p, "send_amount", p.send_amount(), send, true);
    if (amount.has_value() && *amount == 0) {
      Error(point_node, p, "send_amount", "must be positive");
    }
    point.send_minor = amount.value_or(0);
    point.fee_minor =
        Amount(point_node, p, "fee", p.fee(), send, false).value_or(0);
    point.rate = RateField(point_node, p, "rate", p.rate(), quote.transparent)
                     .value_or(Rate());
    point.published_margin = PercentField(
        point_node, p, "published_margin_percent", p.published_margin_percent(),
        "above -100 and below 100", -99, 99);
    if (i > 0 && point.send_minor <= quote.survey_points.back().send_minor) {
      Error(point_node, p, "send_amount",
            absl::StrCat("'", p.send_amount(),
                         "' must be above the previous point's send_amount"));
    }
    quote.survey_points.push_back(point);
  }

  // How the quote is priced: exactly one way.
  const int ways = (proto.survey_points_size() > 0) + !proto.rate().empty() +
                   !proto.margin_over_mid_percent().empty();
  if (quote.transparent && ways != 1) {
    // With more than one, point at a field that is there.
    Error(
        node, proto,
        ways == 0 || !proto.rate().empty() ? "rate" : "margin_over_mid_percent",
        ways == 0 ? "a transparent quote needs one of rate, "
                    "margin_over_mid_percent or survey_points"
                  : "give only one of rate, margin_over_mid_percent and "
                    "survey_points");
  }
  if (!quote.transparent && ways == 0) {
    // Opaque quotes still need a price for the fee: a rate of 1 stands for
    // "undisclosed".
    quote.rate = Rate();
  }
  if (proto.survey_points_size() == 0 && !proto.has_fees()) {
    Error(node, proto, "fees", "is required unless survey_points are given");
  }
  if (proto.has_fees()) {
    AddFees(Child(node, proto, "fees", -1), proto.fees(), *corridor, &quote);
  }
  if (error_count() == before) quotes.push_back(std::move(quote));
}

void Validator::AddQuotesAndRates(const ParsedDataset& file) {
  const Node root = Root(file);
  const v1::Dataset& dataset = file.dataset();
  for (int i = 0; i < dataset.quotes_size(); ++i) {
    if (error_count() >= options_.max_errors) return;
    Node node = Child(root, dataset, "quotes", i);
    if (const int line = file.quote_line(i); line > 0) node.line = line;
    AddQuote(node, dataset.quotes(i));
  }
  for (int i = 0; i < dataset.reference_rates_size(); ++i) {
    const v1::ReferenceRate& proto = dataset.reference_rates(i);
    const Node node = Child(root, dataset, "reference_rates", i);
    std::optional<CurrencyCode> base =
        Currency(node, proto, "base_currency", proto.base_currency());
    std::optional<CurrencyCode> quote =
        Currency(node, proto, "quote_currency", proto.quote_currency());
    std::optional<Rate> rate =
        RateField(node, proto, "rate", proto.rate(), true);
    std::optional<absl::Time> as_of =
        Date(node, proto, "as_of", proto.as_of(), true);
    if (base && quote && *base == *quote) {
      Error(node, proto, "quote_currency",
            absl::StrCat("'", proto.quote_currency(),
                         "' is also the base currency"));
      continue;
    }
    if (base && quote && rate && as_of) {
      references.Add({*base, *quote, *rate, *as_of, proto.source()});
    }
  }
}

}  // namespace

absl::StatusOr<QuoteBook> BuildQuoteBook(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    std::vector<DatasetError>* errors) {
  Validator validator(options, errors);
  size_t quote_count = 0;
  for (const ParsedDataset& file : files) {
    quote_count += file.dataset().quotes_size();
  }
  validator.quotes.reserve(quote_count);
  for (const ParsedDataset& file : files) validator.AddProviders(file);
  for (const ParsedDataset& file : files) validator.AddQuotesAndRates(file);
  const std::string first = files.empty() ? "" : files.front().name();
  if (validator.error_count() == 0) {
    absl::StatusOr<ReferenceRates> references =
        std::move(validator.references).Build();
    if (!references.ok()) {
      errors->push_back({first, 0, 0, "reference_rates",
                         std::string(references.status().message())});
    } else {
      absl::StatusOr<QuoteBook> book = QuoteBook::Create(
          std::move(validator.providers), std::move(validator.quotes),
          *std::move(references));
      if (book.ok()) return book;
      errors->push_back(
          {first, 0, 0, "", std::string(book.status().message())});
    }
  }
  return absl::InvalidArgumentError(DescribeErrors(*errors));
}

}  // namespace remit
